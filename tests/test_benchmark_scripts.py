"""The benchmark scripts still work: a tiny generated store is valid by the services' rules and its hledger journal
holds the same money. No timings here (they live in benchmarks/run.py)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from ipb_desktop import figures
from ipb_desktop.bankimport import service
from ipb_desktop.models.schema import Allocation, Rating, Receipt, Transaction
from ipb_desktop.models.store import Store

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return load("generate")


def make(generate: ModuleType, folder: Path) -> dict[str, object]:
    meta: dict[str, object] = generate.generate(
        folder, transactions=200, receipts=3, receipt_kb=2, ratings=40, seed=7, quiet=True
    )
    return meta


def journal_transactions(text: str) -> list[tuple[str, list[tuple[str, Decimal | None]]]]:
    """(header, postings) for each transaction of a plain hledger journal."""
    found: list[tuple[str, list[tuple[str, Decimal | None]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith((";", "commodity")):
            continue
        if not line.startswith(" "):
            found.append((line, []))
            continue
        account, _gap, amount = line.strip().partition("  ")
        value = Decimal(amount.replace("£", "").replace(",", "")) if amount else None
        found[-1][1].append((account, value))
    return found


def test_a_tiny_store_is_valid_and_its_journal_holds_the_same_money(generate: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    meta = make(generate, folder)
    assert meta["transactions"] == 200
    assert meta["plan_lines"] == 40 and meta["ratings"] == 40 and meta["receipts"] == 3
    # Outside benchmarks/out/ no unencrypted copy is ever written.
    assert meta["plain_copy"] is False
    assert not (folder / generate.PLAIN_NAME).exists()

    store = Store.open(folder / generate.STORE_NAME, generate.BENCH_PASSPHRASE)
    try:
        with store.reading() as s:
            parts = select(Allocation.transaction_id, func.sum(Allocation.amount_pence).label("total")).group_by(
                Allocation.transaction_id
            )
            totals = {tid: total for tid, total in s.execute(parts)}
            amounts = {tid: amount for tid, amount in s.execute(select(Transaction.id, Transaction.amount_pence))}
            assert totals == amounts  # every payment's parts add up, and every payment has parts
            assert all(0 <= r.score <= 10 for r in s.scalars(select(Rating).where(Rating.scale == "own_words")))
            assert all(r.content[:3] == b"\xff\xd8\xff" for r in s.scalars(select(Receipt)))
            balance = figures.balance_on(s, generate.BENCH_TODAY)
            live = s.scalar(select(func.count()).select_from(Transaction).where(Transaction.deleted_at.is_(None)))
    finally:
        store.close()

    entries = journal_transactions((folder / generate.JOURNAL_NAME).read_text(encoding="utf-8"))
    assert len(entries) == live == meta["journal_transactions"]
    bank = Decimal(0)
    for header, postings in entries:
        assert [amount for _account, amount in postings].count(None) == 1, header  # one balancing posting
        assert postings[-1] == (generate.BANK_ACCOUNT, None)
        bank -= sum(amount for _account, amount in postings if amount is not None)
    assert bank == Decimal(balance) / 100


@pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
def test_hledger_reads_the_journal_and_agrees_on_the_balance(generate: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    make(generate, folder)
    journal = str(folder / generate.JOURNAL_NAME)
    checked = subprocess.run(["hledger", "-f", journal, "check"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    report = subprocess.run(
        ["hledger", "-f", journal, "balance", "assets", "--flat", "--no-total"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert report.returncode == 0, report.stderr
    store = Store.open(folder / generate.STORE_NAME, generate.BENCH_PASSPHRASE)
    try:
        with store.reading() as s:
            balance = figures.balance_on(s, generate.BENCH_TODAY)
    finally:
        store.close()
    amount = report.stdout.split()[0].replace("£", "").replace(",", "")
    assert Decimal(amount) == Decimal(balance) / 100


def test_the_same_seed_gives_the_same_records(generate: ModuleType, tmp_path: Path) -> None:
    first = make(generate, tmp_path / "one")
    second = make(generate, tmp_path / "two")
    for key in ("transactions", "live_transactions", "allocations", "ratings", "audit_entries"):
        assert first[key] == second[key]
    one = (tmp_path / "one" / generate.JOURNAL_NAME).read_text(encoding="utf-8")
    two = (tmp_path / "two" / generate.JOURNAL_NAME).read_text(encoding="utf-8")
    assert one == two


def test_the_benchmark_bank_statement_previews_cleanly(generate: ModuleType, tmp_path: Path) -> None:
    run = load("run")
    make(generate, tmp_path / "tiny")
    data = run.bank_csv(120)
    store = Store.open(tmp_path / "tiny" / generate.STORE_NAME, generate.BENCH_PASSPHRASE)
    try:
        with store.reading() as s:
            preview = service.preview(s, data, name="statement.csv")
    finally:
        store.close()
    assert preview.problems == []
    assert len(preview.new) + len(preview.matches) + len(preview.duplicates) == 120
    assert Counter(p.line.direction for p in preview.new)["out"] > 100

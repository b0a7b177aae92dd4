"""How long a 10,000-line CSV statement takes to preview and to import (target: at most 2 seconds each).

Run: .venv/bin/python benchmarks/import_bench.py [--lines 10000] [--hand-logged 300] [--keep DIR]
Builds a store holding some hand-logged payments (so matching and suggestions have work to do), writes a UK-style
CSV (day/month/year, paid out / paid in columns, running balance), then prints the time to preview it, to import
it, to preview it again (everything already in) and to undo the import.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from ipb_desktop import ledger, plan, seed
from ipb_desktop.bankimport import service

PASSPHRASE = "benchmark otter umbrella"
PAYEES = [
    "JO ASSISTANT WAGES",
    "CLAYWORKS STUDIO",
    "EXAMPLESHIRE BUSES",
    "ZOË'S CAFÉ",
    "DŴR CYMRU",
    "SIÂN PAYROLL LTD",
    "RIVERSIDE GYM",
    "NORTHGATE BOOKS",
    "SAM'S TAXIS",
    "HARBOUR ARTS CENTRE",
]


def write_statement(path: Path, count: int, rng: random.Random) -> list[tuple[dt.date, int, str]]:
    """A newest-first CSV like a UK bank's, with a running balance; returns the lines oldest first."""
    day = dt.date(2020, 1, 1)
    lines: list[tuple[dt.date, int, str]] = []
    for i in range(count):
        if rng.random() < 0.3:
            day += dt.timedelta(days=1)
        amount = 52000 if i % 40 == 0 else -rng.randint(100, 30000)
        lines.append((day, amount, f"{rng.choice(PAYEES)} REF{rng.randint(1, 999)}"))
    balance = 100000
    rows: list[list[str]] = []
    for day, amount, payee in lines:
        balance += amount
        out = f"{-amount / 100:.2f}" if amount < 0 else ""
        paid_in = f"{amount / 100:.2f}" if amount > 0 else ""
        rows.append([day.strftime("%d/%m/%Y"), "DEB", payee, out, paid_in, f"{balance / 100:.2f}"])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Transaction Date", "Transaction Type", "Transaction Description", "Debit Amount",
                         "Credit Amount", "Balance"])  # fmt: skip
        writer.writerows(reversed(rows))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--hand-logged", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep the store and CSV in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipb-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261123)
    csv_path = folder / "statement.csv"
    store_path = folder / "bench.ipb"
    store_path.unlink(missing_ok=True)
    lines = write_statement(csv_path, args.lines, rng)
    store = seed.create_store(store_path, PASSPHRASE)
    with store.transaction() as s:
        activities = plan.category_named(s, "Activities and classes").id
        for day, amount, payee in rng.sample(lines, min(args.hand_logged, len(lines))):
            drift = dt.timedelta(days=rng.randint(-2, 2))
            direction = "out" if amount < 0 else "in"
            draft = ledger.TransactionDraft(day + drift, direction, abs(amount), payee.split(" REF")[0].title(),
                                            category_id=activities)  # fmt: skip
            ledger.add_transaction(s, draft)
    size_kb = csv_path.stat().st_size / 1024
    print(f"CSV: {args.lines} lines, {size_kb:.0f} KB; store has {args.hand_logged} hand-logged payments")

    def timed(label: str, work):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
        verdict = "ok" if seconds <= 2.0 else "OVER 2 s"
        print(f"{label:<34} {seconds:6.2f} s  {verdict}")
        return result

    def do_preview() -> service.Preview:
        with store.reading() as s:
            return service.preview(s, csv_path)

    result = timed("preview", do_preview)
    print(
        f"  new {len(result.new)}, already in {len(result.duplicates)}, matches {len(result.matches)}, "
        f"suggestions {len(result.suggestions)}, problems {len(result.problems)}, "
        f"balance mismatches {len(result.statement.balance_mismatches)}"
    )

    def do_commit() -> int:
        with store.transaction() as s:
            return service.commit(s, result).id

    batch_id = timed("import (commit, one transaction)", do_commit)
    again = timed("preview again (all already in)", do_preview)
    print(f"  new {len(again.new)}, already in {len(again.duplicates)}")

    def do_undo() -> None:
        with store.transaction() as s:
            service.undo_import(s, batch_id)

    timed("undo import", do_undo)
    store.close()
    if args.keep is None:
        for leftover in folder.iterdir():
            if leftover.is_file():
                leftover.unlink()
    print(f"files: {folder}")


if __name__ == "__main__":
    main()

"""How long a year's statement takes with 5,000 transactions (target: at most 1 second on a 2-core machine).

Run: .venv/bin/python benchmarks/statement_bench.py [--transactions 5000] [--keep DIR]
Prints the time to gather the figures, to lay out the PDF, and the whole, best of three runs.

With --store-dir (a store made by benchmarks/generate.py, e.g. benchmarks/out/store-1000000) it instead writes the
statement of date ranges ending on the last day of the last whole budget year with about --counts payments each
(and, with --pack, the review pack for the same dates), each in a fresh child process, and prints the CPU
seconds, the milliseconds per payment and the child's peak memory (its ru_maxrss once the PDF is written,
before it is read back to count the pages), median of --runs:

    .venv/bin/python benchmarks/statement_bench.py --store-dir benchmarks/out/store-1000000 \
        --counts 5000,20000,50000,100000 --runs 3 --pack
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ipb_desktop import budget, holder, ledger, outcomes, plan, seed
from ipb_desktop.models.store import Store
from ipb_desktop.statements import csv_export, data, pdf_review_pack, pdf_statement

PASSPHRASE = "benchmark otter umbrella"
START, END = dt.date(2026, 4, 1), dt.date(2027, 3, 31)
PAYEES = [
    "Jo Assistant",
    "Clayworks Studio",
    "Exampleshire Buses",
    "Zoë's Café",
    "Dŵr Cymru",
    "Siân Payroll Ltd",
    "Riverside Gym",
    "Northgate Books",
    "Sam's Taxis",
    "Harbour Arts Centre",
]


def build_store(path: Path, count: int) -> Store:
    """A year's budget with `count` transactions spread over it (about one in ten has no receipt flag set)."""
    rng = random.Random(20261123)
    store = seed.create_store(path, PASSPHRASE)
    with store.transaction() as s:
        holder.save_holder(
            s, holder.HolderDetails("Alys Testwood", nhs_number="9434765919", council_reference="EXS-000123")
        )
        period = budget.add_period(s, "2026 to 2027", START, END)
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Exampleshire Council", 520000, "four_weekly")
        )
        nhs = budget.add_stream(s, period.id, budget.StreamDetails("nhs_phb", "Exampleshire ICB", 400000, "monthly"))
        goal = outcomes.add_outcome(s, outcomes.OutcomeDetails("Go out on my own each week"))
        cats = [plan.category_named(s, n).id for n in ("Personal assistant wages", "Activities and classes", "Travel")]
        lines = [
            plan.add_plan_line(s, period.id, plan.PlanLineDetails(name, pence, cat, stream.id, (goal.id,)))
            for name, pence, cat, stream in (
                ("Personal assistant", 6_000_000, cats[0], council),
                ("Classes and activities", 1_500_000, cats[1], nhs),
                ("Travel to activities", 1_000_000, cats[2], nhs),
            )
        ]
        income = plan.category_named(s, "Budget payment in").id
        days = (END - START).days + 1
        for i in range(count):
            day = START + dt.timedelta(days=i * days // count)
            if i % 25 == 0:
                stream = council if i % 50 == 0 else nhs
                draft = ledger.TransactionDraft(
                    day,
                    "in",
                    350000,
                    stream.funder_name,
                    "Budget payment",
                    category_id=income,
                    stream_id=stream.id,
                    reconciled=True,
                )
            else:
                line = lines[rng.randrange(3)]
                draft = ledger.TransactionDraft(
                    day,
                    "out",
                    rng.randrange(300, 15000),
                    PAYEES[rng.randrange(len(PAYEES))],
                    f"Payment {i} for {line.description.lower()}",
                    plan_line_id=line.id,
                    reconciled=rng.random() < 0.8,
                    receipt_not_needed=rng.random() < 0.9,
                )
            ledger.add_transaction(s, draft)
    return store


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of `runs` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def show(what: str, timing: tuple[float, float], target: str = "") -> None:
    print(f"{what:<58} {timing[0]:6.3f} s wall  {timing[1]:6.3f} s CPU  {target}")


BENCH_PASSPHRASE = "benchmark otter umbrella lantern"  # benchmarks/generate.py's
BENCH_STORE = "bench.ipb"


def _range_end() -> dt.date:
    """The last day of the last whole budget year before benchmarks/generate.py's today (20 November 2026)."""
    return dt.date(2026, 3, 31)


def range_for(store_dir: Path, count: int) -> tuple[dt.date, dt.date, int]:
    """The dates ending on `_range_end()` that hold about `count` live payments, and how many they hold."""
    from sqlalchemy import func, select

    from ipb_desktop.models.schema import Transaction

    end = _range_end()
    store = Store.open(store_dir / BENCH_STORE, BENCH_PASSPHRASE)
    live = (Transaction.deleted_at.is_(None), Transaction.txn_date <= end)
    with store.reading() as s:
        start = s.scalar(
            select(Transaction.txn_date).where(*live).order_by(Transaction.txn_date.desc()).offset(count - 1).limit(1)
        )
        start = start or dt.date(2000, 1, 1)
        held = s.scalar(select(func.count()).where(*live, Transaction.txn_date >= start)) or 0
    store.close()
    return start, end, held


def child(store_dir: Path, kind: str, start: dt.date, end: dt.date) -> None:
    """One document for `start` to `end` from the store, in this (fresh) process; prints its CPU seconds."""
    import gc

    store = Store.open(store_dir / BENCH_STORE, BENCH_PASSPHRASE)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{kind}.pdf"
        gc.collect()
        cpu = time.process_time()
        if kind == "statement":
            pdf_statement.write_from_store(store, out, start, end, end)
        else:
            pdf_review_pack.write_from_store(store, out, start, end, today=end)
        seconds = time.process_time() - cpu
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before reading the PDF back
        from pypdf import PdfReader  # only now: the app does not load it (13 MB)

        pages = len(PdfReader(out).pages)
    store.close()
    print(json.dumps({"cpu": seconds, "pages": pages, "peak_kb": peak_kb}))


def ranges(store_dir: Path, counts: list[int], runs: int, pack: bool) -> None:
    print(f"{store_dir}: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    for count in counts:
        start, end, held = range_for(store_dir, count)
        for kind in ("statement", "review_pack") if pack else ("statement",):
            cpus, peaks, pages = [], [], 0
            for _ in range(runs):
                argv = [sys.executable, __file__, "--store-dir", str(store_dir), "--child", kind, str(start), str(end)]
                proc = subprocess.Popen(argv, stdout=subprocess.PIPE)
                assert proc.stdout is not None
                printed = proc.stdout.read()
                _pid, status, _usage = os.wait4(proc.pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"{kind} for {start} to {end} failed")
                found = json.loads(printed.decode().strip().splitlines()[-1])
                cpus.append(found["cpu"])
                pages = found["pages"]
                peaks.append(found["peak_kb"] / 1024)  # the child's peak while writing (not counting pages)
            cpu = statistics.median(cpus)
            print(
                f"{kind:<12} {start} to {end}: {held:>7,} payments, {pages:>5,} pages  "
                f"{cpu:7.2f} s CPU (min {min(cpus):.2f})  {cpu / held * 1000:6.3f} ms per payment  "
                f"peak {statistics.median(peaks):5.0f} MB (max {max(peaks):.0f})  "
                f"load {os.getloadavg()[0]:.1f}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="also write the PDFs and CSV into this folder")
    parser.add_argument("--store-dir", type=Path, help="a benchmarks/generate.py store folder: time date ranges")
    parser.add_argument("--counts", default="5000,20000,50000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pack", action="store_true", help="the review pack too")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "START", "END"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_dir and args.child:
        kind, start, end = args.child
        child(args.store_dir, kind, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        return
    if args.store_dir:
        ranges(args.store_dir, [int(n) for n in args.counts.split(",")], args.runs, args.pack)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        store = build_store(Path(tmp) / "bench.ipb", args.transactions)
        print(
            f"built a store with {args.transactions} transactions in {time.perf_counter() - began:.1f} s "
            f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})"
        )
        out = folder / "statement.pdf"

        def gather() -> data.StatementData:
            with store.reading() as s:
                return data.statement_data(s, START, END, generated_on=END)

        found = gather()
        show(f"gather figures and {len(found.transactions)} transaction lines", best_of(3, gather))
        show("lay out the statement PDF", best_of(3, lambda: pdf_statement.write_statement(found, out)))
        show(
            "whole statement, store to PDF file",
            best_of(3, lambda: pdf_statement.write_from_store(store, out, START, END, END)),
            "(target <= 2.0 s)",
        )
        from pypdf import PdfReader

        print(f"statement: {len(PdfReader(out).pages)} pages, {out.stat().st_size // 1024} KiB")
        pack = folder / "review-pack.pdf"
        show(
            "review pack with the full transaction list",
            best_of(1, lambda: pdf_review_pack.write_from_store(store, pack, today=END)),
        )
        show(
            "CSV of every transaction",
            best_of(3, lambda: csv_export.export_transactions(store, folder / "payments.csv", START, END)),
        )
        store.close()


if __name__ == "__main__":
    main()

"""How long a year's statement takes with 5,000 transactions (target: at most 2 seconds on a 2-core machine).

Run: .venv/bin/python benchmarks/statement_bench.py [--transactions 5000] [--keep DIR]
Prints the time to gather the figures, to lay out the PDF, and the whole, best of three runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transactions", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="also write the PDFs and CSV into this folder")
    args = parser.parse_args()
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

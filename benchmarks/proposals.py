"""Measure the fixes proposed in docs/PERFORMANCE.md against what the code does today, on the benchmark stores.

    .venv/bin/python benchmarks/proposals.py [--sizes 50000,200000]

Each line is a median of CPU milliseconds (7 runs) on an open store, and says whether the proposed way gives the
same answer. Nothing here changes a store: the full-text index is built in a TEMP table in memory. The prototypes
are sketches for the owners of figures.py, ledger_query.py and ui/spending/model.py, not code the app runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for path in (str(HERE.parent), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import generate  # noqa: E402
import run  # noqa: E402
from sqlalchemy import case, func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from ipb_desktop import figures  # noqa: E402
from ipb_desktop import ledger_query as lq  # noqa: E402
from ipb_desktop.models.schema import Transaction  # noqa: E402


def cpu_ms(work: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        began = time.process_time()
        result = work()
        times.append(time.process_time() - began)
    times.sort()
    return times[len(times) // 2] * 1000, result


# -- figures._flows -------------------------------------------------------------------------------------------


def flows_proposed(session: Session, start: dt.date, end: dt.date, through: dt.date) -> figures._Flows:
    """One plain signed sum for the history before `start` (index only), then a GROUP BY over the range."""
    signed = case((Transaction.direction == "in", Transaction.amount_pence), else_=-Transaction.amount_pence)
    opening = session.scalar(
        select(func.coalesce(func.sum(signed), 0)).where(Transaction.deleted_at.is_(None), Transaction.txn_date < start)
    )
    to_end, to_through = Transaction.txn_date <= end, Transaction.txn_date <= through
    rows = session.execute(
        select(Transaction.direction, to_end, to_through, func.sum(Transaction.amount_pence))
        .where(
            Transaction.deleted_at.is_(None), Transaction.txn_date >= start, Transaction.txn_date <= max(end, through)
        )
        .group_by(Transaction.direction, to_end, to_through)
    ).all()
    money_in = sum(p for d, in_end, _t, p in rows if d == "in" and in_end)
    money_out = sum(p for d, in_end, _t, p in rows if d == "out" and in_end)
    if through < start:
        balance = figures.balance_on(session, through)
    else:
        balance = int(opening or 0) + sum((p if d == "in" else -p) for d, _e, in_t, p in rows if in_t)
    return figures._Flows(int(opening or 0), int(money_in), int(money_out), balance)


# -- ledger_query ----------------------------------------------------------------------------------------------


def ids_by_cursor(session: Session, flt: lq.LedgerFilter, sort: lq.LedgerSort, limit: int | None = None) -> list[int]:
    """The same SELECT as ledger_query.transaction_ids, its rows read straight from the driver's cursor."""
    query = lq.ids_query(flt, sort)
    if limit is not None:
        query = query.limit(limit)
    compiled = query.compile(dialect=session.get_bind().dialect)
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    raw = session.connection().connection.driver_connection
    return [row[0] for row in raw.execute(str(compiled), params)]


def text_filter_sql(word: str, case_folding: bool) -> str:
    column = "lower({0}) LIKE lower('%{1}%')" if case_folding else "{0} LIKE '%{1}%'"
    match = " OR ".join(column.format(name, word) for name in ("payee", "description"))
    return f'SELECT id, direction, amount_pence FROM "transaction" WHERE deleted_at IS NULL AND ({match}) ' + (
        "ORDER BY txn_date DESC, id DESC"
    )


def measure(size: int) -> list[tuple[str, float, float, str]]:
    store = run._open(generate.default_out(size))
    rows: list[tuple[str, float, float, str]] = []
    today, start = generate.BENCH_TODAY, generate.period_bounds(generate.period_of(generate.BENCH_TODAY))[0]
    try:
        with store.reading() as s:
            s.execute(select(func.count()).select_from(Transaction)).all()  # warm the page cache a little
            now, a = cpu_ms(lambda: figures._flows(s, start, today, today))
            new, b = cpu_ms(lambda: flows_proposed(s, start, today, today))
            rows.append(("figures._flows (Home balance, projection)", now, new, "same" if a == b else "DIFFERENT"))

            flt, by_date, by_amount = lq.LedgerFilter(), lq.LedgerSort(), lq.LedgerSort(lq.SortKey.AMOUNT)
            now, a = cpu_ms(lambda: lq.transaction_ids(s, flt, by_date)[:100])
            new, b = cpu_ms(lambda: ids_by_cursor(s, flt, by_date, limit=100))
            rows.append(("first screen of ids, by date: all -> LIMIT 100", now, new, "same" if a == b else "DIFFERENT"))
            now, a = cpu_ms(lambda: lq.transaction_ids(s, flt, by_amount)[:100])
            new, b = cpu_ms(lambda: ids_by_cursor(s, flt, by_amount, limit=100))
            rows.append(
                ("first screen of ids, by amount: all -> LIMIT 100", now, new, "same" if a == b else "DIFFERENT")
            )

            swim = lq.LedgerFilter(text="swim")
            now, a = cpu_ms(lambda: (lq.transaction_ids(s, swim, by_date), lq.totals(s, swim)))
            raw = s.connection().connection.driver_connection
            new, b = cpu_ms(lambda: raw.execute(text_filter_sql("swim", case_folding=False)).fetchall())
            same = [r[0] for r in b] == a[0] and len(b) == a[1].count
            rows.append(
                ('"swim": ids + totals (2 scans, ilike) -> 1 scan, like', now, new, "same" if same else "DIFFERENT")
            )
            raw.execute("CREATE VIRTUAL TABLE temp.bench_text USING fts5(payee, description, tokenize='trigram')")
            raw.execute(
                "INSERT INTO temp.bench_text(rowid, payee, description) "
                'SELECT id, payee, description FROM "transaction"'
            )
            fts = (
                'SELECT t.id, t.direction, t.amount_pence FROM "transaction" t WHERE t.deleted_at IS NULL '
                "AND t.id IN (SELECT rowid FROM temp.bench_text WHERE bench_text MATCH '\"swim\"') "
                "ORDER BY t.txn_date DESC, t.id DESC"
            )
            new, c = cpu_ms(lambda: raw.execute(fts).fetchall())
            rows.append(('"swim": ... -> FTS5 trigram index', now, new, "same" if c == b else "DIFFERENT"))
            raw.execute("DROP TABLE temp.bench_text")
    finally:
        store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50000,200000")
    args = parser.parse_args(argv)
    os.environ.pop(run.CACHE_ENV, None)
    for size in (int(s) for s in args.sizes.split(",")):
        run.ensure_store(size)
        print(f"\n{size:,} transactions (CPU ms, median of 7)")
        print(f"{'':58} {'today':>9} {'proposed':>9}  answer")
        for name, now, new, same in measure(size):
            print(f"{name:58} {now:9.1f} {new:9.1f}  {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Migration 0002: the live-date index covers the balance and totals, on a store from v0.1.0 and on a new one.

These check what SQLite plans to do (EXPLAIN QUERY PLAN), never how long it takes: the timings live in
benchmarks/run.py and docs/PERFORMANCE.md.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipb_desktop import figures, ledger_query
from ipb_desktop.models.schema import Base
from ipb_desktop.models.store import HEAD_REVISION, Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"
# Migration 0003 added through_account (the balance counts only money through the account).
COVERING = ["deleted_at", "txn_date", "id", "direction", "amount_pence", "through_account"]


def index_columns(conn: sa.Connection, name: str = "ix_transaction_live_date") -> list[str]:
    return [row[2] for row in conn.exec_driver_sql(f"PRAGMA index_info('{name}')")]


def plan(session: Session, statement: sa.Select) -> str:  # type: ignore[type-arg]
    compiled = statement.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True})
    rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
    return " | ".join(str(row[-1]) for row in rows)


def balance_query(day: dt.date) -> sa.Select:  # type: ignore[type-arg]
    from ipb_desktop.models.schema import Transaction

    return sa.select(figures._sum(figures._signed())).where(
        Transaction.deleted_at.is_(None), Transaction.txn_date <= day, Transaction.through_account.is_(True)
    )


def test_a_store_from_v010_gets_the_covering_index_and_keeps_its_money(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store:
        assert store.schema_revision() == HEAD_REVISION  # 0002 and every later migration ran
        with store.engine.connect() as conn:
            assert index_columns(conn) == COVERING
        with store.reading() as s:
            day = dt.date(2027, 3, 31)
            assert figures.balance_on(s, day) == 52000 + 120000 - 3750 - 30000
            # The balance (Home, statements, Spending totals) reads the index alone, not the table.
            assert "COVERING INDEX ix_transaction_live_date" in plan(s, balance_query(day))
            # The Spending table's default order (newest first) still comes straight from the index, unsorted.
            by_date = plan(s, ledger_query.ids_query(ledger_query.LedgerFilter()))
            assert "ix_transaction_live_date" in by_date and "TEMP B-TREE" not in by_date


def test_new_stores_and_the_mapped_classes_agree_on_the_index(store: Store) -> None:
    with store.engine.connect() as conn:
        assert index_columns(conn) == COVERING
    engine = sa.create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.connect() as conn:
        assert index_columns(conn) == COVERING
    engine.dispose()

"""Matching reads only the payments typed in by hand and not matched yet (migration 0013's partial index), on a
new store and on one upgraded from v0.1.0, and still finds exactly those: not a bank line, not a deleted payment,
not one already reconciled. Query plans, not times (times live in benchmarks/)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from ipb_desktop import ledger
from ipb_desktop.bankimport import matching
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parents[1] / "models" / "data"


def plan(session: Session) -> str:
    rows = session.connection().exec_driver_sql(
        f"EXPLAIN QUERY PLAN {matching.HAND_LOGGED_SQL.replace(':first', '?').replace(':last', '?')}",
        ("2026-01-01", "2026-12-31"),
    )
    return " | ".join(str(row[-1]) for row in rows)


def test_matching_reads_the_hand_logged_index_on_a_new_store(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        day = dt.date(2026, 5, 4)
        typed = ledger.add_transaction(s, ledger.TransactionDraft(day, "out", 1500, "Riverside Gym")).id
        ledger.add_transaction(s, ledger.TransactionDraft(day, "out", 1500, "RIVERSIDE GYM", bank_id="fp:1"))
        ledger.add_transaction(s, ledger.TransactionDraft(day, "out", 1500, "Riverside Gym", reconciled=True))
        gone = ledger.add_transaction(s, ledger.TransactionDraft(day, "out", 1500, "Riverside Gym")).id
        ledger.delete_transaction(s, gone)
    with filled_store.reading() as s:
        found = [h for h in matching.hand_logged(s, day, day) if h.amount_pence == 1500]
        assert [(h.id, h.txn_date, h.direction, h.payee) for h in found] == [(typed, day, "out", "Riverside Gym")]
        assert "USING INDEX ix_transaction_hand_logged" in plan(s) and "TEMP B-TREE" not in plan(s)


def test_a_store_from_v010_gets_the_hand_logged_index(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store, store.reading() as s:
        assert "USING INDEX ix_transaction_hand_logged" in plan(s)

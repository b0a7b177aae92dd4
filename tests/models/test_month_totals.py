"""Migration 0007's month totals: the balance read from them is the balance read from every payment, on a store
upgraded from v0.1.0 and after payments are added, changed, moved to another month, deleted and restored."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import delete

from ipb_desktop import figures, ledger
from ipb_desktop.models import month_totals
from ipb_desktop.models.schema import Allocation, Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"
DAYS = [
    dt.date(2026, 3, 31),
    dt.date(2026, 4, 1),
    dt.date(2026, 4, 14),
    dt.date(2026, 4, 30),
    dt.date(2026, 5, 1),
    dt.date(2026, 5, 15),
    dt.date(2026, 6, 30),
    dt.date(2027, 3, 31),
]


def agree(store: Store) -> list[int]:
    with store.reading() as s:
        balances = [figures.balance_on(s, day) for day in DAYS]
        assert [month_totals.balance_on(s, day) for day in DAYS] == balances
    return balances


def test_a_store_from_v010_gets_month_totals_that_match_its_payments(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store:
        assert agree(store)[-1] == 52000 + 120000 - 3750 - 30000


def test_month_totals_follow_every_change_to_a_payment(filled_store: Store) -> None:
    before = agree(filled_store)
    with filled_store.transaction() as s:
        txn = ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 14), "out", 2500, "Riverside Gym"))
    after_add = agree(filled_store)
    assert after_add[-1] == before[-1] - 2500
    with filled_store.transaction() as s:
        ledger.update_transaction(s, txn.id, ledger.TransactionDraft(dt.date(2026, 5, 15), "in", 4000, "Riverside Gym"))
    assert agree(filled_store)[-1] == before[-1] + 4000
    with filled_store.transaction() as s:
        ledger.delete_transaction(s, txn.id)
    assert agree(filled_store) == before
    with filled_store.transaction() as s:
        ledger.restore_transaction(s, txn.id)
    assert agree(filled_store)[-1] == before[-1] + 4000
    with filled_store.transaction() as s:
        s.execute(delete(Allocation).where(Allocation.transaction_id == txn.id))
        s.execute(delete(Transaction).where(Transaction.id == txn.id))
    assert agree(filled_store) == before

"""Migration 0003 (how money is held, opening balance, reconciliation, kept documents) on the store from v0.1.0:
every old payment went through the account, so the balance is unchanged and nothing else is invented."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import sqlalchemy as sa

from ipb_desktop import accounts, figures
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"


def test_the_v010_store_upgrades_with_every_payment_through_the_account(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store, store.reading() as s:
        tables = set(sa.inspect(s.connection()).get_table_names())
        assert {"opening_balance", "reconciliation", "document"} <= tables
        flags = s.connection().exec_driver_sql('SELECT DISTINCT through_account FROM "transaction"').all()
        assert flags == [(1,)]
        columns = {c["name"] for c in sa.inspect(s.connection()).get_columns("funding_stream")}
        assert "paid_in_pence" in columns
        assert accounts.opening(s) is None
        assert figures.balance_on(s, dt.date(2027, 3, 31)) == 52000 + 120000 - 3750 - 30000

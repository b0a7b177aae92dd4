"""Migration 0014: payments in amount order, so the Spending table sorted by amount needs no sort of every
payment (SQLite's sorter held them all in memory), while every other list keeps the date index (an amount index
led by `deleted_at` made SQLite read the table in amount order for lists sorted by payee or filtered by a
missing receipt: 0.2 -> 2.8 s at 200,000 payments). These check what SQLite plans to do, never how long it takes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from ipb_desktop import ledger_query
from ipb_desktop.ledger_query import LedgerFilter, LedgerSort, SortKey
from ipb_desktop.models.schema import Base
from ipb_desktop.models.store import HEAD_REVISION, Store
from tests.conftest import PASSPHRASE
from tests.models.test_live_date_index import index_columns, plan

DATA = Path(__file__).parent / "data"
COLUMNS = ["amount_pence", "txn_date", "id", "deleted_at", "direction"]
INDEX = "ix_transaction_amount_order"


@pytest.mark.parametrize("descending", [True, False])
def test_a_store_from_v010_gets_the_amount_index_and_sorts_by_amount_without_a_sort(
    tmp_path: Path, descending: bool
) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store:
        assert store.schema_revision() == HEAD_REVISION
        with store.engine.connect() as conn:
            assert index_columns(conn, INDEX) == COLUMNS
        order = LedgerSort(SortKey.AMOUNT, descending=descending)
        with store.reading() as s:
            by_amount = plan(s, ledger_query.ids_query(LedgerFilter(), order))
            assert INDEX in by_amount and "TEMP B-TREE" not in by_amount
            # The same payments in the same order as sorting them in Python would give.
            rows = ledger_query.rows(s, ledger_query.transaction_ids(s, LedgerFilter()))
            expected = sorted(rows.values(), key=lambda r: (r.amount_pence, r.txn_date, r.id), reverse=descending)
            assert ledger_query.transaction_ids(s, LedgerFilter(), order) == [r.id for r in expected]
            assert list(ledger_query.transaction_id_array(s, LedgerFilter(), order)) == [r.id for r in expected]


def test_new_stores_and_the_mapped_classes_agree_on_the_amount_index(store: Store) -> None:
    with store.engine.connect() as conn:
        assert index_columns(conn, INDEX) == COLUMNS
    engine = sa.create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.connect() as conn:
        assert index_columns(conn, INDEX) == COLUMNS
    engine.dispose()


@pytest.mark.parametrize(
    ("flt", "order"),
    [
        (LedgerFilter(), LedgerSort(SortKey.PAYEE)),
        (LedgerFilter(), LedgerSort(SortKey.DATE)),
        (LedgerFilter(missing_receipt=True), LedgerSort(SortKey.DATE)),
        (LedgerFilter(direction="out"), LedgerSort(SortKey.AMOUNT)),
        (LedgerFilter(missing_receipt=True), LedgerSort(SortKey.AMOUNT)),
    ],
)
def test_every_other_list_keeps_to_the_date_index(store: Store, flt: LedgerFilter, order: LedgerSort) -> None:
    with store.reading() as s:
        for statement in (ledger_query.ids_query(flt, order), ledger_query.totals_query(flt)):
            found = plan(s, statement)
            assert INDEX not in found and "ix_transaction_live_date" in found, found

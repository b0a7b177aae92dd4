"""The Spending table's packed id list (ledger_query.transaction_id_array, 8 bytes an id, read a chunk at a
time) holds exactly the ids, in exactly the order, of the plain list for every filter and sort."""

from __future__ import annotations

import datetime as dt
import tracemalloc

from sqlalchemy import insert

from ipb_desktop import ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter, LedgerSort, SortKey
from ipb_desktop.models import fast_read
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store


def test_packed_ids_are_the_same_ids_in_the_same_order(store: Store) -> None:
    with store.transaction() as s:
        for n in range(300):
            ledger.add_transaction(
                s,
                ledger.TransactionDraft(
                    dt.date(2026, 4, 1) + dt.timedelta(days=n % 97),
                    "in" if n % 7 == 0 else "out",
                    100 + (n * 7919) % 5000,
                    f"Payee {n % 13} swimming" if n % 3 else f"Corner shop {n}",
                ),
            )
    filters = [LedgerFilter(), LedgerFilter(text="swim"), LedgerFilter(direction="in"), LedgerFilter(text="zzzz")]
    sorts = [LedgerSort(), LedgerSort(SortKey.AMOUNT, descending=True), LedgerSort(SortKey.PAYEE)]
    with store.reading() as s:
        for flt in filters:
            for order in sorts:
                plain = ledger_query.transaction_ids(s, flt, order)
                assert list(ledger_query.transaction_id_array(s, flt, order)) == plain
                query = ledger_query.ids_query(flt, order)
                assert list(fast_read.read_id_array(s, query, chunk=7)) == plain  # across many chunks


def test_reading_every_id_holds_only_a_few_thousand_of_the_drivers_rows_at_once(store: Store) -> None:
    """A million ids are 8 MB packed; the driver's row tuples on the way (about 85 bytes each) must not all be
    held at once, or they cost more than the ids. Measured with tracemalloc on 30,000 ids: what the read holds
    at its peak, beyond the packed ids themselves, stays under 1 MB (a chunk of 4,096 rows is about 0.4 MB)."""
    with store.transaction() as s:
        s.execute(
            insert(Transaction),
            [
                {
                    "txn_date": dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500),
                    "direction": "out",
                    "amount_pence": 100 + i,
                    "recorded_by": "holder",
                }
                for i in range(30_000)
            ],
        )
    with store.reading() as s:
        query = ledger_query.ids_query(LedgerFilter(), LedgerSort(), every_match=True)
        fast_read.read_id_array(s, query)  # statements compiled and pages cached before measuring
        tracemalloc.start()
        try:
            ids = fast_read.read_id_array(s, query)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(ids) == 30_000
    assert peak - ids.itemsize * len(ids) < 1_000_000

"""The Spending table's packed id list (ledger_query.transaction_id_array, 8 bytes an id, read a chunk at a
time) holds exactly the ids, in exactly the order, of the plain list for every filter and sort."""

from __future__ import annotations

import datetime as dt

from ipb_desktop import ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter, LedgerSort, SortKey
from ipb_desktop.models import fast_read
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

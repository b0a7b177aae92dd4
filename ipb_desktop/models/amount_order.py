"""Every live payment in amount order, read along the index kept for it (migration 0014).

SQLite never picks `ix_transaction_amount_order` by itself (it is led by the amount, not by `deleted_at`, so that it
is never taken for lists that have nothing to do with amounts: see the migration), so the one list it is for
names it. SQLAlchemy's SQLite dialect does not write table hints, hence the few words of SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, literal_column, select, text

AMOUNT_INDEX = "ix_transaction_amount_order"


def every_live_by_amount(descending: bool) -> Select[Any]:
    """The ids of every live payment by amount, ties by date then id, the same way (as `ledger_query.ids_query`)."""
    way = "DESC" if descending else "ASC"
    return (
        select(literal_column("id"))
        .select_from(text(f'"transaction" INDEXED BY {AMOUNT_INDEX}'))
        .where(text("deleted_at IS NULL"))
        .order_by(text(f"amount_pence {way}, txn_date {way}, id {way}"))
    )

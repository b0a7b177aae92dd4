"""an index keeping payments in amount order, so sorting the whole Spending table by amount needs no sort

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 05:00:00

Sorting the Spending table by amount (largest or smallest first, ties by date then id) made SQLite sort every
live payment: its sorter held them all in memory (`temp_store=MEMORY`, so nothing decrypted is written to a
temporary file), the largest single use of memory with a million payments, and even the first screen waited
for the whole sort. With (amount_pence, txn_date, id, deleted_at, direction) the first screen is the first
hundred live entries of the index, read forwards or backwards, and the whole list a walk along it.

`deleted_at` comes last on purpose. Led by it (as first written), the index answered SQLite's `deleted_at IS
NULL` as well as the date index does, and SQLite then chose it for lists that have nothing to do with amounts,
reading the table in amount order: at 200,000 payments the list sorted by payee took 2.8 s instead of 0.2 s, and
the total of those missing a receipt 2.8 s instead of 0.2 s (the warning in docs/PERFORMANCE.md about an amount
index, met again). Led by the amount, SQLite never picks it by itself; `ledger_query` names it (`INDEXED BY`)
for the one list it is for, every live payment by amount.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_transaction_amount_order",
        "transaction",
        ["amount_pence", "txn_date", "id", "deleted_at", "direction"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_transaction_amount_order", table_name="transaction")

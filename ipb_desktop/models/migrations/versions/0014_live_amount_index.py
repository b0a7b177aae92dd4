"""an index keeping live payments in amount order, so sorting the Spending table by amount needs no sort

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-02 05:00:00

Sorting the Spending table by amount (largest or smallest first, ties by date then id) made SQLite sort every
live payment: its sorter held them all in memory (`temp_store=MEMORY`, so nothing decrypted is written to a
temporary file), the largest single use of memory with a million payments, and even the first screen waited
for the whole sort. With (deleted_at, amount_pence, txn_date, id) the first screen is the first hundred entries
of the index, read forwards or backwards, and the whole list a walk along it.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_transaction_live_amount", "transaction", ["deleted_at", "amount_pence", "txn_date", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_transaction_live_amount", table_name="transaction")

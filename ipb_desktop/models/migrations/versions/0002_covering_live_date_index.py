"""ix_transaction_live_date covers the balance and totals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:10:00

The balance, the Home projection and the Spending totals add up every live transaction (`deleted_at IS NULL`,
`txn_date <= day`) by direction and amount. With the old index on (deleted_at, txn_date) SQLite read every row
of the table to get those two columns, decrypting most of its pages again each time once the ledger outgrew the
page cache; with (deleted_at, txn_date, id, direction, amount_pence) it reads the index alone. Keeping `id` third
keeps the index in the Spending table's default order (date, then id), so that list still needs no sort.
Measured on the 200,000-transaction benchmark store (docs/PERFORMANCE.md): Home figures 232 -> 86 ms CPU, the
Spending totals 78 -> 17 ms, a year's period summary 201 -> 107 ms; no query measured got slower.
"""

from __future__ import annotations

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_transaction_live_date', table_name='transaction')
    op.create_index(
        'ix_transaction_live_date',
        'transaction',
        ['deleted_at', 'txn_date', 'id', 'direction', 'amount_pence'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_transaction_live_date', table_name='transaction')
    op.create_index('ix_transaction_live_date', 'transaction', ['deleted_at', 'txn_date'], unique=False)

"""how money is held, opening balance, reconciliation, kept documents

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:00:00

- `funding_stream.paid_in_pence`: for a mixed stream, the part of each payment paid into the account.
- `transaction.through_account`: False for spending from a notional or third-party budget, which counts against
  its stream and the plan but never the account balance. Every existing payment went through the account.
  The covering index ix_transaction_live_date gains the column, so the balance still reads the index alone.
- `opening_balance`: what the account held before the first payment in the app (auditable, on the statement).
- `reconciliation`: the bank's balance on a day beside the app's, kept when they agree.
- `document`: files kept encrypted with the store (imported bank statements, printed in the evidence pack).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("funding_stream") as batch:
        batch.add_column(sa.Column("paid_in_pence", sa.Integer(), nullable=True))
    op.drop_index("ix_transaction_live_date", table_name="transaction")
    with op.batch_alter_table("transaction") as batch:
        batch.add_column(sa.Column("through_account", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_index(
        "ix_transaction_live_date",
        "transaction",
        ["deleted_at", "txn_date", "id", "direction", "amount_pence", "through_account"],
        unique=False,
    )
    op.create_table(
        "opening_balance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("balance_pence", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_balance")),
    )
    op.create_table(
        "reconciliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("bank_balance_pence", sa.Integer(), nullable=False),
        sa.Column("app_balance_pence", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliation")),
    )
    op.create_index(op.f("ix_reconciliation_on_date"), "reconciliation", ["on_date"], unique=False)
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_document_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    op.create_index(op.f("ix_document_import_batch_id"), "document", ["import_batch_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_document_import_batch_id"), table_name="document")
    op.drop_table("document")
    op.drop_index(op.f("ix_reconciliation_on_date"), table_name="reconciliation")
    op.drop_table("reconciliation")
    op.drop_table("opening_balance")
    op.drop_index("ix_transaction_live_date", table_name="transaction")
    with op.batch_alter_table("transaction") as batch:
        batch.drop_column("through_account")
    op.create_index(
        "ix_transaction_live_date",
        "transaction",
        ["deleted_at", "txn_date", "id", "direction", "amount_pence"],
        unique=False,
    )
    with op.batch_alter_table("funding_stream") as batch:
        batch.drop_column("paid_in_pence")

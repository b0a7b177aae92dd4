"""how often each payee's payments were given each choice, kept by triggers, for the import's suggestions

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 04:50:00

The import's suggestions ("you chose this for 12 earlier payments to ...") were worked out by adding up every
payment in the ledger on each preview, so previewing the same file took longer as the ledger grew. `payee_choice`
keeps those sums (per payee as written, direction and choice, with the first and latest payment), kept by
triggers on `transaction` and `allocation` and filled from the payments already there
(`ipb_desktop.models.payee_choices`); `ix_transaction_payee_date` lets a trigger find a payee's next first or
latest payment without reading the others.

Linking an import's money in to its funder added up every money-in payment each time; `payer_stream`
(`ipb_desktop.models.payer_streams`) keeps those sums the same way.

The import's matching read every live payment dated within the file's dates to find the few typed in by hand
and not matched yet; `ix_transaction_hand_logged` (partial: only those payments) lets it read just them.
"""

from __future__ import annotations

from alembic import op

from ipb_desktop.models import payee_choices, payer_streams

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


HAND_LOGGED = (
    'CREATE INDEX IF NOT EXISTS ix_transaction_hand_logged ON "transaction" (txn_date) '
    "WHERE deleted_at IS NULL AND bank_id IS NULL AND reconciled IS 0"
)


def upgrade() -> None:
    for statement in (
        *payee_choices.drop_statements(),
        *payee_choices.create_statements(),
        *payer_streams.drop_statements(),
        *payer_streams.create_statements(),
        HAND_LOGGED,
    ):
        op.execute(statement)


def downgrade() -> None:
    for statement in (*payee_choices.drop_statements(), *payer_streams.drop_statements()):
        op.execute(statement)
    op.execute(f"DROP INDEX IF EXISTS {payee_choices.INDEX}")
    op.execute("DROP INDEX IF EXISTS ix_transaction_hand_logged")

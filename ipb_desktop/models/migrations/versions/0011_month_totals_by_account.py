"""month totals split by whether the money went through the account, so the balance can be read from them

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-02 02:20:00

0007's `month_total` added up every live payment, but the account's balance leaves out spending paid by others
from notional or third-party budgets (`transaction.through_account` false). The table is made again keyed by
month and `through_account`, with triggers that also follow a payment moved on or off the account, and filled
from the payments already there (`ipb_desktop.models.month_totals`).
"""

from __future__ import annotations

from alembic import op

from ipb_desktop.models import month_totals

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None

# 0007's table and triggers as they were (for downgrade).
_ADD_0007 = """INSERT INTO month_total(month, in_pence, out_pence, payments)
        SELECT substr({row}.txn_date, 1, 7),
               CASE WHEN {row}.direction = 'in' THEN {row}.amount_pence ELSE 0 END,
               CASE WHEN {row}.direction = 'in' THEN 0 ELSE {row}.amount_pence END, 1
        WHERE {row}.deleted_at IS NULL
        ON CONFLICT(month) DO UPDATE SET in_pence = in_pence + excluded.in_pence,
            out_pence = out_pence + excluded.out_pence, payments = payments + 1"""
_TAKE_0007 = """UPDATE month_total SET
            in_pence = in_pence - CASE WHEN old.direction = 'in' THEN old.amount_pence ELSE 0 END,
            out_pence = out_pence - CASE WHEN old.direction = 'in' THEN 0 ELSE old.amount_pence END,
            payments = payments - 1
        WHERE old.deleted_at IS NULL AND month = substr(old.txn_date, 1, 7)"""
_CREATE_0007 = (
    "CREATE TABLE month_total (month TEXT PRIMARY KEY NOT NULL, in_pence INTEGER NOT NULL, "
    "out_pence INTEGER NOT NULL, payments INTEGER NOT NULL) WITHOUT ROWID",
    f"""CREATE TRIGGER month_total_after_insert AFTER INSERT ON "transaction" BEGIN
        {_ADD_0007.format(row="new")};
    END""",
    f"""CREATE TRIGGER month_total_after_delete AFTER DELETE ON "transaction" BEGIN
        {_TAKE_0007};
    END""",
    f"""CREATE TRIGGER month_total_after_update
        AFTER UPDATE OF txn_date, direction, amount_pence, deleted_at ON "transaction" BEGIN
        {_TAKE_0007};
        {_ADD_0007.format(row="new")};
    END""",
    """INSERT INTO month_total(month, in_pence, out_pence, payments)
        SELECT substr(txn_date, 1, 7), sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END),
               sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), count(*)
        FROM "transaction" WHERE deleted_at IS NULL GROUP BY substr(txn_date, 1, 7)""",
)


def upgrade() -> None:
    for statement in (*month_totals.drop_statements(), *month_totals.create_statements()):
        op.execute(statement)


def downgrade() -> None:
    for statement in (*month_totals.drop_statements(), *_CREATE_0007):
        op.execute(statement)

"""month totals of what payments were for (stream, category, plan line, outcome), kept by triggers

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 04:50:00

A period's breakdowns added up every allocation of every payment in it, so Home and `summary` slowed down as
the period filled (about 100,000 payments a year at a million). `month_allocation_total` holds each month's
money by direction, side of the account, stream, category, plan line and outcome, kept by triggers on
`allocation` and `transaction` and filled from the allocations already there
(`ipb_desktop.models.month_allocations`).
"""

from __future__ import annotations

from alembic import op

from ipb_desktop.models import month_allocations

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in (*month_allocations.drop_statements(), *month_allocations.create_statements()):
        op.execute(statement)


def downgrade() -> None:
    for statement in month_allocations.drop_statements():
        op.execute(statement)

"""a trigram search index over payee and description, and money in and out per month, kept by triggers

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-01 23:20:00

The Spending page's search matched every word with LIKE on every row of the ledger (104 ms at 200,000
payments). An FTS5 table with the trigram tokenizer (`ipb_desktop.models.search_index`) finds the candidate
rows from an index instead; `ledger_query` still checks the words with LIKE on those rows, so the same rows are
found. It is an external-content table (it stores no copy of the text), filled here from the payments already
there and kept up to date by triggers on insert, update and delete.

`month_total` (`ipb_desktop.models.month_totals`) holds money in and out per calendar month of the live
payments, kept by triggers too, so the balance on any day is a sum of at most ~120 rows plus one month's days.
"""

from __future__ import annotations

from alembic import op

from ipb_desktop.models import month_totals, search_index

revision = '0007'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in (*search_index.create_statements(), *month_totals.create_statements()):
        op.execute(statement)


def downgrade() -> None:
    for statement in (*month_totals.drop_statements(), *search_index.drop_statements()):
        op.execute(statement)

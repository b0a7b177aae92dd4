"""Money in and out of the account per calendar month, kept by triggers on `transaction` (migration 0007), so a
balance at any day is at most ~120 month rows plus the days of one month instead of a sum over the whole ledger.

`month_total` holds, for each month ("YYYY-MM") that has live payments, the money in and out and how many
payments; deleted payments (`deleted_at` set) are left out, and a payment deleted, restored, moved to another
month or changed in amount moves its money with it. `balance_before` reads it; `figures` can use it for the
opening balance of Home and the statements (wiring left to the owner of figures.py).

A later migration that rebuilds the `transaction` table drops these triggers with it: it must run
`drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

TABLE = "month_total"

_ADD = """INSERT INTO month_total(month, in_pence, out_pence, payments)
        SELECT substr({row}.txn_date, 1, 7),
               CASE WHEN {row}.direction = 'in' THEN {row}.amount_pence ELSE 0 END,
               CASE WHEN {row}.direction = 'in' THEN 0 ELSE {row}.amount_pence END, 1
        WHERE {row}.deleted_at IS NULL
        ON CONFLICT(month) DO UPDATE SET in_pence = in_pence + excluded.in_pence,
            out_pence = out_pence + excluded.out_pence, payments = payments + 1"""
_TAKE = """UPDATE month_total SET
            in_pence = in_pence - CASE WHEN old.direction = 'in' THEN old.amount_pence ELSE 0 END,
            out_pence = out_pence - CASE WHEN old.direction = 'in' THEN 0 ELSE old.amount_pence END,
            payments = payments - 1
        WHERE old.deleted_at IS NULL AND month = substr(old.txn_date, 1, 7)"""

_CREATE = (
    f"CREATE TABLE {TABLE} (month TEXT PRIMARY KEY NOT NULL, in_pence INTEGER NOT NULL, "
    "out_pence INTEGER NOT NULL, payments INTEGER NOT NULL) WITHOUT ROWID",
    f"""CREATE TRIGGER {TABLE}_after_insert AFTER INSERT ON "transaction" BEGIN
        {_ADD.format(row="new")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_delete AFTER DELETE ON "transaction" BEGIN
        {_TAKE};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_update
        AFTER UPDATE OF txn_date, direction, amount_pence, deleted_at ON "transaction" BEGIN
        {_TAKE};
        {_ADD.format(row="new")};
    END""",
    f"""INSERT INTO {TABLE}(month, in_pence, out_pence, payments)
        SELECT substr(txn_date, 1, 7), sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END),
               sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), count(*)
        FROM "transaction" WHERE deleted_at IS NULL GROUP BY substr(txn_date, 1, 7)""",
)


INSERT_TRIGGER = _CREATE[1]


def create_statements() -> tuple[str, ...]:
    """Make the table and its triggers, and fill it from the payments already there."""
    return _CREATE


def fill_after_statement() -> str:
    """Add in the payments whose id is above `:after`, a month at a time (added while the insert trigger was
    off, see batch_fill): the same sums the trigger makes one payment at a time."""
    return f"""INSERT INTO {TABLE}(month, in_pence, out_pence, payments)
        SELECT substr(txn_date, 1, 7), sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END),
               sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), count(*)
        FROM "transaction" WHERE id > :after AND deleted_at IS NULL GROUP BY substr(txn_date, 1, 7) ORDER BY 1
        ON CONFLICT(month) DO UPDATE SET in_pence = in_pence + excluded.in_pence,
            out_pence = out_pence + excluded.out_pence, payments = payments + excluded.payments"""


def drop_statements() -> tuple[str, ...]:
    return (
        f"DROP TRIGGER IF EXISTS {TABLE}_after_insert",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_delete",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_update",
        f"DROP TABLE IF EXISTS {TABLE}",
    )


def balance_before(session: Session, day: dt.date) -> int:
    """The balance at the end of the day before `day` (money in less money out of every live payment dated
    before it): whole months from `month_total`, and the days of `day`'s own month from the date index."""
    month_start = day.replace(day=1)
    months = session.execute(
        text(f"SELECT coalesce(sum(in_pence - out_pence), 0) FROM {TABLE} WHERE month < :month"),
        {"month": month_start.strftime("%Y-%m")},
    ).scalar_one()
    days = session.execute(
        text(
            "SELECT coalesce(sum(CASE WHEN direction = 'in' THEN amount_pence ELSE -amount_pence END), 0) "
            'FROM "transaction" WHERE deleted_at IS NULL AND txn_date >= :first AND txn_date < :day'
        ),
        {"first": month_start.isoformat(), "day": day.isoformat()},
    ).scalar_one()
    return int(months) + int(days)


def balance_on(session: Session, day: dt.date) -> int:
    """The balance at the end of `day` (as `figures.balance_on`)."""
    return balance_before(session, day + dt.timedelta(days=1))

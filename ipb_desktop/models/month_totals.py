"""Money in and out per calendar month, kept by triggers on `transaction` (migrations 0007 and 0011), so a
balance at any day is at most ~120 month rows plus the days of one month instead of a sum over the whole ledger.

`month_total` holds, for each month ("YYYY-MM") and each side of `through_account` (1: money through the
account; 0: spending paid by others from a notional or third-party budget), the money in and out and how many
payments; deleted payments (`deleted_at` set) are left out, and a payment deleted, restored, moved to another
month, changed in amount or moved on or off the account moves its money with it. `balance_before` reads the
account's side; `figures.balance_on` and the opening balance of every period (Home, summary, statements) use it.

A later migration that rebuilds the `transaction` table drops these triggers with it: it must run
`drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

TABLE = "month_total"

_ADD = """INSERT INTO month_total(month, through_account, in_pence, out_pence, payments)
        SELECT substr({row}.txn_date, 1, 7), {row}.through_account,
               CASE WHEN {row}.direction = 'in' THEN {row}.amount_pence ELSE 0 END,
               CASE WHEN {row}.direction = 'in' THEN 0 ELSE {row}.amount_pence END, 1
        WHERE {row}.deleted_at IS NULL
        ON CONFLICT(month, through_account) DO UPDATE SET in_pence = in_pence + excluded.in_pence,
            out_pence = out_pence + excluded.out_pence, payments = payments + 1"""
_TAKE = """UPDATE month_total SET
            in_pence = in_pence - CASE WHEN old.direction = 'in' THEN old.amount_pence ELSE 0 END,
            out_pence = out_pence - CASE WHEN old.direction = 'in' THEN 0 ELSE old.amount_pence END,
            payments = payments - 1
        WHERE old.deleted_at IS NULL AND month = substr(old.txn_date, 1, 7)
            AND through_account = old.through_account"""
_SUMS = """substr(txn_date, 1, 7), through_account, sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END),
               sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), count(*)"""

_CREATE = (
    f"CREATE TABLE {TABLE} (month TEXT NOT NULL, through_account INTEGER NOT NULL, in_pence INTEGER NOT NULL, "
    "out_pence INTEGER NOT NULL, payments INTEGER NOT NULL, PRIMARY KEY (month, through_account)) WITHOUT ROWID",
    f"""CREATE TRIGGER {TABLE}_after_insert AFTER INSERT ON "transaction" BEGIN
        {_ADD.format(row="new")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_delete AFTER DELETE ON "transaction" BEGIN
        {_TAKE};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_update
        AFTER UPDATE OF txn_date, direction, amount_pence, deleted_at, through_account ON "transaction" BEGIN
        {_TAKE};
        {_ADD.format(row="new")};
    END""",
    f"""INSERT INTO {TABLE}(month, through_account, in_pence, out_pence, payments)
        SELECT {_SUMS}
        FROM "transaction" WHERE deleted_at IS NULL GROUP BY substr(txn_date, 1, 7), through_account""",
)
INSERT_TRIGGER = _CREATE[1]


def create_statements() -> tuple[str, ...]:
    """Make the table and its triggers, and fill it from the payments already there."""
    return _CREATE


def fill_after_statement() -> str:
    """Add in the payments whose id is above `:after`, a month at a time (added while the insert trigger was
    off, see batch_fill): the same sums the trigger makes one payment at a time."""
    return f"""INSERT INTO {TABLE}(month, through_account, in_pence, out_pence, payments)
        SELECT {_SUMS}
        FROM "transaction" WHERE id > :after AND deleted_at IS NULL
        GROUP BY substr(txn_date, 1, 7), through_account ORDER BY 1, 2
        ON CONFLICT(month, through_account) DO UPDATE SET in_pence = in_pence + excluded.in_pence,
            out_pence = out_pence + excluded.out_pence, payments = payments + excluded.payments"""


def drop_statements() -> tuple[str, ...]:
    return (
        f"DROP TRIGGER IF EXISTS {TABLE}_after_insert",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_delete",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_update",
        f"DROP TABLE IF EXISTS {TABLE}",
    )


# The recorded opening balance of the account (`accounts.set_opening`), the latest one; 0 when none.
_OPENING = "(SELECT coalesce((SELECT balance_pence FROM opening_balance ORDER BY id DESC LIMIT 1), 0))"


def balance_before(session: Session, day: dt.date, *, with_opening: bool = False) -> int:
    """Money in less money out THROUGH THE ACCOUNT of every live payment dated before `day`, plus (with
    `with_opening`, as `figures.balance_on`) the recorded opening balance; one statement: whole months from
    `month_total`, and the days of `day`'s own month from the date index."""
    month_start = day.replace(day=1)
    sql = f"""SELECT
        (SELECT coalesce(sum(in_pence - out_pence), 0) FROM {TABLE} WHERE through_account = 1 AND month < :m)
        + (SELECT coalesce(sum(CASE WHEN direction = 'in' THEN amount_pence ELSE -amount_pence END), 0)
           FROM "transaction" WHERE deleted_at IS NULL AND txn_date >= :first AND txn_date < :day
           AND through_account = 1)
        + {_OPENING if with_opening else "0"}"""
    found = session.execute(
        text(sql), {"m": month_start.strftime("%Y-%m"), "first": month_start.isoformat(), "day": day.isoformat()}
    ).scalar_one()
    return int(found)


def balance_on(session: Session, day: dt.date, *, with_opening: bool = False) -> int:
    """The same up to the end of `day`."""
    return balance_before(session, day + dt.timedelta(days=1), with_opening=with_opening)


def live_totals(session: Session) -> tuple[int, int, int]:
    """How many live payments there are and their money in and out, through the account or not (what the
    unfiltered Spending table shows under it), from at most ~240 rows."""
    found = session.execute(
        text(f"SELECT coalesce(sum(payments), 0), coalesce(sum(in_pence), 0), coalesce(sum(out_pence), 0) FROM {TABLE}")
    ).one()
    return int(found[0]), int(found[1]), int(found[2])

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


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


Days = list[tuple[dt.date, dt.date, int]]  # stretches of days (both included) to add (+1) or take away (-1)


def split(start: dt.date, end: dt.date) -> tuple[tuple[str, str] | None, Days]:
    """`start` to `end` (both included) as a run of months read from the month totals ("YYYY-MM" first and
    last, or None) and stretches of days to add to them or take away from them.

    A part month at either end is read as its days, or, when that is more than half the month, as the whole
    month less the days outside the range: "this month up to today" is then the month's row less the few
    payments dated after today, so it costs the same however many payments the month holds."""
    if end < start:
        return None, []
    months: list[dt.date] = []  # first days of the months read from the totals
    days: Days = []
    day = start
    while day <= end:
        month_end = _next_month(day) - dt.timedelta(days=1)
        last = min(end, month_end)
        outside = (day - day.replace(day=1)).days + (month_end - last).days
        if outside == 0 or outside < (last - day).days + 1:
            months.append(day.replace(day=1))
            if day.day > 1:
                days.append((day.replace(day=1), day - dt.timedelta(days=1), -1))
            if last < month_end:
                days.append((last + dt.timedelta(days=1), month_end, -1))
        else:
            days.append((day, last, 1))
        day = last + dt.timedelta(days=1)
    if not months:
        return None, days
    return (months[0].strftime("%Y-%m"), months[-1].strftime("%Y-%m")), _joined(days)


def _joined(days: Days) -> Days:
    """Neighbouring stretches with the same sign made one (fewer parts in the statement)."""
    found: Days = []
    for first, last, sign in days:
        if found and found[-1][2] == sign and found[-1][1] + dt.timedelta(days=1) == first:
            found[-1] = (found[-1][0], last, sign)
        else:
            found.append((first, last, sign))
    return found


# The recorded opening balance of the account (`accounts.set_opening`), the latest one; 0 when none.
_OPENING = "(SELECT coalesce((SELECT balance_pence FROM opening_balance ORDER BY id DESC LIMIT 1), 0))"


def _before(day: dt.date, tag: str) -> tuple[str, dict[str, str]]:
    """Money in less money out through the account before `day`, as an SQL expression and its parameters:
    whole months from `month_total`, and the days of `day`'s own month from the date index (or, past the
    middle of the month, the whole month less its days from `day` on: usually none yet, for today)."""
    month_start = day.replace(day=1)
    month_end = _next_month(day) - dt.timedelta(days=1)
    if (day - month_start).days > (month_end - day).days + 1:
        months, first, last, sign = "<=", day, month_end, "-"
    else:
        months, first, last, sign = "<", month_start, day - dt.timedelta(days=1), "+"
    sql = f"""((SELECT coalesce(sum(in_pence - out_pence), 0) FROM {TABLE} WHERE through_account = 1
            AND month {months} :m{tag})
        {sign} (SELECT coalesce(sum(CASE WHEN direction = 'in' THEN amount_pence ELSE -amount_pence END), 0)
           FROM "transaction" WHERE deleted_at IS NULL AND txn_date >= :first{tag} AND txn_date <= :last{tag}
           AND through_account = 1))"""
    params = {f"m{tag}": month_start.strftime("%Y-%m"), f"first{tag}": first.isoformat()}
    return sql, params | {f"last{tag}": last.isoformat()}


def _between(start: dt.date, end: dt.date) -> tuple[str, dict[str, str]]:
    """Rows (i, o) of money in and out through the account dated `start` to `end` (both included), as an SQL
    subquery and its parameters: months from `month_total`, and days added or taken away (`split`) from the
    date index."""
    whole, days = split(start, end)
    parts = [
        f"""SELECT in_pence AS i, out_pence AS o FROM {TABLE}
        WHERE through_account = 1 AND month >= :m0 AND month <= :m1"""
    ]
    parts += [
        f"""SELECT {sign} * CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END,
            {sign} * CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END
        FROM "transaction" WHERE deleted_at IS NULL AND through_account = 1 AND txn_date >= :d{i}
            AND txn_date <= :e{i}"""
        for i, (_first, _last, sign) in enumerate(days)
    ]
    params = {"m0": whole[0] if whole else "", "m1": whole[1] if whole else ""}
    for i, (first, last, _sign) in enumerate(days):
        params |= {f"d{i}": first.isoformat(), f"e{i}": last.isoformat()}
    return " UNION ALL ".join(parts), params


def flows(session: Session, before: dt.date, start: dt.date, end: dt.date, through: dt.date) -> tuple[int, ...]:
    """In one statement: the account's balance before `before` and at the end of `through` (both with the
    recorded opening balance), and the money in and out through it dated `start` to `end` (both included)."""
    opening, opening_params = _before(before, "a")
    closing, closing_params = _before(through + dt.timedelta(days=1), "b")
    moved, moved_params = _between(start, end)
    sql = f"""SELECT {opening} + {_OPENING}, coalesce(sum(i), 0), coalesce(sum(o), 0), {closing} + {_OPENING}
        FROM ({moved}) AS p"""
    found = session.execute(text(sql), opening_params | closing_params | moved_params).one()
    return tuple(int(value) for value in found)


def balance_before(session: Session, day: dt.date, *, with_opening: bool = False) -> int:
    """Money in less money out THROUGH THE ACCOUNT of every live payment dated before `day`, plus (with
    `with_opening`, as `figures.balance_on`) the recorded opening balance; one statement: whole months from
    `month_total`, and the days of `day`'s own month from the date index."""
    before, params = _before(day, "")
    found = session.execute(text(f"SELECT {before} + {_OPENING if with_opening else '0'}"), params).scalar_one()
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

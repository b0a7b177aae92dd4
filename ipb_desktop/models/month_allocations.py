"""What each payment was for, added up per calendar month, kept by triggers on `allocation` and `transaction`
(migration 0012), so a period's breakdowns (by stream, category, plan line and outcome: Home, Plan, `summary`,
the statement, the review pack) add up at most a few hundred month rows plus the days of a partial month,
however many payments the period holds.

`month_allocation_total` holds, for each month ("YYYY-MM"), direction, side of `through_account` and
combination of stream, category, plan line and outcome (0 standing for "none"), the money of the allocations of
live payments and how many allocations that is. A payment deleted, restored, moved to another month, turned
round or moved on or off the account moves its allocations' money with it; an allocation added, removed,
changed in amount or linked to something else moves its own.

`allocation_rows(start, end)` is the one place the figures read allocations from: whole months from this table
and the days of a partial month at either end from the payments themselves (the live-date index).

A later migration that rebuilds `transaction` or `allocation` drops these triggers with it: it must run
`drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Subquery, column, func, literal_column, select, table, union_all

from ipb_desktop.models.month_totals import split
from ipb_desktop.models.schema import Allocation, Transaction

TABLE = "month_allocation_total"
KEYS = ("stream_id", "category_id", "plan_line_id", "outcome_id")

_COLUMNS = "month, direction, through_account, stream_id, category_id, plan_line_id, outcome_id"
_UPSERT = f"""ON CONFLICT({_COLUMNS}) DO UPDATE SET pence = pence + excluded.pence,
            allocations = allocations + excluded.allocations"""


def _one(alloc: str, txn: str, sign: str) -> str:
    """The month row of allocation `alloc` (new/old, or a table alias) of payment `txn`, `sign` +/-."""
    keys = ", ".join(f"coalesce({alloc}.{key}, 0)" for key in KEYS)
    return (
        f"substr({txn}.txn_date, 1, 7), {txn}.direction, {txn}.through_account, {keys}, "
        f"{sign}{alloc}.amount_pence, {sign}1"
    )


def _from_allocation(alloc: str, sign: str) -> str:
    """Add (sign '') or take away (sign '-') allocation row `alloc`, if its payment is live."""
    return f"""INSERT INTO {TABLE}({_COLUMNS}, pence, allocations)
        SELECT {_one(alloc, "t", sign)}
        FROM "transaction" AS t WHERE t.id = {alloc}.transaction_id AND t.deleted_at IS NULL
        {_UPSERT}"""


def _from_payment(txn: str, sign: str) -> str:
    """Add or take away every allocation of payment row `txn` (new/old), if it is live."""
    return f"""INSERT INTO {TABLE}({_COLUMNS}, pence, allocations)
        SELECT {_one("a", txn, sign)}
        FROM allocation AS a WHERE a.transaction_id = {txn}.id AND {txn}.deleted_at IS NULL
        {_UPSERT}"""


_SUMS = f"""SELECT {_one("a", "t", "")[: -len(", a.amount_pence, 1")]}, sum(a.amount_pence), count(*)
        FROM allocation AS a JOIN "transaction" AS t ON t.id = a.transaction_id
        WHERE t.deleted_at IS NULL {{extra}}
        GROUP BY 1, 2, 3, 4, 5, 6, 7"""

_CREATE = (
    f"CREATE TABLE {TABLE} (month TEXT NOT NULL, direction TEXT NOT NULL, through_account INTEGER NOT NULL, "
    "stream_id INTEGER NOT NULL, category_id INTEGER NOT NULL, plan_line_id INTEGER NOT NULL, "
    "outcome_id INTEGER NOT NULL, pence INTEGER NOT NULL, allocations INTEGER NOT NULL, "
    f"PRIMARY KEY ({_COLUMNS})) WITHOUT ROWID",
    f"""CREATE TRIGGER {TABLE}_allocation_insert AFTER INSERT ON allocation BEGIN
        {_from_allocation("new", "")};
    END""",
    f"""CREATE TRIGGER {TABLE}_allocation_delete AFTER DELETE ON allocation BEGIN
        {_from_allocation("old", "-")};
    END""",
    f"""CREATE TRIGGER {TABLE}_allocation_update
        AFTER UPDATE OF transaction_id, amount_pence, {", ".join(KEYS)} ON allocation BEGIN
        {_from_allocation("old", "-")};
        {_from_allocation("new", "")};
    END""",
    f"""CREATE TRIGGER {TABLE}_payment_update
        AFTER UPDATE OF txn_date, direction, deleted_at, through_account ON "transaction" BEGIN
        {_from_payment("old", "-")};
        {_from_payment("new", "")};
    END""",
    # A payment removed for good takes its allocations' money first (its allocations, deleted after it by the
    # cascade or before it by the caller, then find no live payment and change nothing more).
    f"""CREATE TRIGGER {TABLE}_payment_delete BEFORE DELETE ON "transaction" BEGIN
        {_from_payment("old", "-")};
    END""",
    f"INSERT INTO {TABLE}({_COLUMNS}, pence, allocations) {_SUMS.format(extra='')}",
)
INSERT_TRIGGER = _CREATE[1]


def create_statements() -> tuple[str, ...]:
    """Make the table and its triggers, and fill it from the allocations already there."""
    return _CREATE


def drop_statements() -> tuple[str, ...]:
    return (
        *(f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in ("allocation_insert", "allocation_delete")),
        *(f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in ("allocation_update", "payment_update")),
        f"DROP TRIGGER IF EXISTS {TABLE}_payment_delete",
        f"DROP TABLE IF EXISTS {TABLE}",
    )


# batch_fill: the largest allocation id before a bulk insert, and adding in every allocation above it at once.
LAST_ID = "SELECT coalesce(max(id), 0) FROM allocation"


def fill_after_statement() -> str:
    """Add in the allocations whose id is above `:after` (added while the insert trigger was off, see
    batch_fill): the same sums the trigger makes one allocation at a time."""
    return f"""INSERT INTO {TABLE}({_COLUMNS}, pence, allocations)
        {_SUMS.format(extra="AND a.id > :after")}
        {_UPSERT}"""


def recount_statement() -> str:
    """Every row the table should hold, from the allocations themselves (for checks and tests)."""
    return _SUMS.format(extra="")


# -- reading ---------------------------------------------------------------------------------------------------

_MONTHS = table(
    TABLE, *(column(name) for name in ("month", "direction", "through_account", *KEYS, "pence", "allocations"))
)

Columns = Mapping[str, ColumnElement[Any]]


def allocation_rows(
    start: dt.date, end: dt.date, where: Callable[[Columns], list[ColumnElement[bool]]] | None = None
) -> Subquery:
    """The allocations of live payments dated `start` to `end` (both included) as rows of (stream_id,
    category_id, plan_line_id, outcome_id, direction, through_account, pence, allocations), None meaning "not
    linked". Months come as their added-up rows, and the days `month_totals.split` takes away from them as
    rows of negative pence and allocations, so a group's `allocations` adds up to how many it has in the
    range (a breakdown keeps only groups where that is above 0). `where` picks rows by those names (applied
    inside each part)."""
    whole, days = split(start, end)
    parts = []
    if whole is not None:
        months: dict[str, ColumnElement[Any]] = {key: func.nullif(_MONTHS.c[key], 0) for key in KEYS}
        months |= {"direction": _MONTHS.c.direction, "through_account": _MONTHS.c.through_account}
        parts.append(
            select(
                *(value.label(name) for name, value in months.items()),
                _MONTHS.c.pence.label("pence"),
                _MONTHS.c.allocations.label("allocations"),
            ).where(
                _MONTHS.c.month >= whole[0],
                _MONTHS.c.month <= whole[1],
                _MONTHS.c.allocations > 0,  # a row whose allocations have all gone is left, at 0
                *(where(months) if where else []),
            )
        )
    for first, last, sign in days or ([] if whole is not None else [(start, end, 1)]):
        raw: dict[str, ColumnElement[Any]] = {key: getattr(Allocation, key) for key in KEYS}
        raw |= {
            "direction": Transaction.direction.expression,
            "through_account": Transaction.through_account.expression,
        }
        parts.append(
            select(
                *(value.label(name) for name, value in raw.items()),
                (-Allocation.amount_pence if sign < 0 else Allocation.amount_pence).label("pence"),
                literal_column(str(sign)).label("allocations"),
            )
            .join(Transaction, Transaction.id == Allocation.transaction_id)
            .where(
                Transaction.deleted_at.is_(None),
                Transaction.txn_date >= first,
                Transaction.txn_date <= last,
                *(where(raw) if where else []),
            )
        )
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()

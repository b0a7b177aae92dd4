"""Finding payments in the ledger: filter, sort and page transaction ids in SQL, add up the filtered rows, and
suggest payees and descriptions learned from history.

Big ledgers (ten years, 50,000 payments) stay quick because nothing here loads the whole ledger into Python:
a filter returns only ids, a page of rows is read by id, and totals are one `SUM` query.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    column,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from ipb_desktop.ledger import PART_LABELS, join_part_labels
from ipb_desktop.models import month_totals, search_index
from ipb_desktop.models.amount_order import every_live_by_amount
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.fast_read import read_id_array, read_ids
from ipb_desktop.models.schema import (
    Allocation,
    Category,
    Outcome,
    PlanLine,
    Receipt,
    Transaction,
)

_SEARCH = table(search_index.TABLE, column("rowid"))
_SEARCH_MATCHES: ColumnElement[Any] = literal_column(search_index.TABLE)

# SQLite allows at most 32,766 bound parameters; ids are read in chunks well below that.
_ID_CHUNK = 900


@dataclass(frozen=True)
class LedgerFilter:
    """Which payments to show. Every field left as None (or empty) shows everything.

    `date_from` and `date_to` are both inclusive. The stream, category, plan line and outcome filters match a
    payment when any part of it (any allocation) matches, so a split payment shows under each of its lines.
    `missing_receipt` finds money out with no receipt kept and not marked "receipt not needed".
    `text` matches payee or description; several words must all match, in any order, ignoring case.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    direction: str | None = None
    stream_id: int | None = None
    category_id: int | None = None
    plan_line_id: int | None = None
    outcome_id: int | None = None
    reconciled: bool | None = None
    missing_receipt: bool = False
    text: str = ""


class SortKey(StrEnum):
    DATE = "date"
    DIRECTION = "direction"
    PAYEE = "payee"
    DESCRIPTION = "description"
    CATEGORY = "category"
    PLAN_LINE = "plan_line"
    OUTCOME = "outcome"
    AMOUNT = "amount"
    RECEIPT = "receipt"
    RECONCILED = "reconciled"


@dataclass(frozen=True)
class LedgerSort:
    key: SortKey = SortKey.DATE
    descending: bool = True


@dataclass(frozen=True)
class LedgerTotals:
    """Money in, money out and the difference for the filtered payments.

    When `parts_only` is true the filter named a stream, category, plan line or outcome, and a split payment
    counts only the parts that match (so the figures say what was spent on that line, not the whole payments).
    """

    count: int
    in_pence: int
    out_pence: int
    parts_only: bool = False

    @property
    def net_pence(self) -> int:
        return self.in_pence - self.out_pence


@dataclass(frozen=True)
class LedgerPart:
    """One allocation of a payment, with the names a person would recognise."""

    amount_pence: int
    category: str | None
    plan_line: str | None
    outcome: str | None
    stream: str | None


@dataclass(frozen=True)
class LedgerRow:
    """Everything the spending table shows for one payment."""

    id: int
    txn_date: dt.date
    direction: str
    amount_pence: int
    payee: str
    description: str
    reconciled: bool
    receipt_count: int
    receipt_not_needed: bool
    parts: tuple[LedgerPart, ...]

    @property
    def signed_pence(self) -> int:
        """Positive for money in, negative for money out."""
        return self.amount_pence if self.direction == Direction.IN else -self.amount_pence

    @property
    def is_split(self) -> bool:
        return len(self.parts) > 1

    @property
    def needs_receipt(self) -> bool:
        return self.direction == Direction.OUT and not self.receipt_not_needed and self.receipt_count == 0


@dataclass(frozen=True)
class PayeeHabit:
    """What was entered last time for a payee, so quick-add can fill it in (the person can still change it)."""

    payee: str
    direction: str
    amount_pence: int
    description: str
    category_id: int | None
    plan_line_id: int | None
    stream_id: int | None
    outcome_id: int | None


# -- filtering and sorting --------------------------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _live_receipts() -> ColumnElement[bool]:
    return exists().where(Receipt.transaction_id == Transaction.id, Receipt.deleted_at.is_(None))


def _part_conditions(flt: LedgerFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.stream_id is not None:
        conditions.append(Allocation.stream_id == flt.stream_id)
    if flt.category_id is not None:
        conditions.append(Allocation.category_id == flt.category_id)
    if flt.plan_line_id is not None:
        conditions.append(Allocation.plan_line_id == flt.plan_line_id)
    if flt.outcome_id is not None:
        conditions.append(Allocation.outcome_id == flt.outcome_id)
    return conditions


# `deleted_at IS NULL` written so that SQLite cannot use an index for it ("+" is SQLite's way to say so).
_LIVE_NOT_BY_INDEX: ColumnElement[bool] = literal_column('+"transaction".deleted_at').is_(None)


def _conditions(
    flt: LedgerFilter, parts_joined: bool = False, from_matches: bool = False, by_id: bool = False
) -> list[ColumnElement[bool]]:
    """WHERE conditions on `transaction` for a filter (deleted payments are never included).

    With `parts_joined` the caller joins the matching allocations itself, so no EXISTS is added for them.
    With `from_matches` the search index lists the rows holding every long word and SQLite reads just those, by
    id (not every live payment in the date index checked against the list): for reading every match. Without
    it no list is made (that costs time in proportion to the matches: 32 ms for "swim" at a million) and LIKE
    alone checks the rows met along an index walk that stops after a page. `by_id`: the same for a caller's ids.
    """
    words = flt.text.split()
    match = search_index.match_text(words)
    steer = by_id or (from_matches and match is not None)
    live = _LIVE_NOT_BY_INDEX if steer else Transaction.deleted_at.is_(None)
    conditions: list[ColumnElement[bool]] = [live]
    if flt.date_from is not None:
        conditions.append(Transaction.txn_date >= flt.date_from)
    if flt.date_to is not None:
        conditions.append(Transaction.txn_date <= flt.date_to)
    if flt.direction is not None:
        conditions.append(Transaction.direction == flt.direction)
    if flt.reconciled is not None:
        conditions.append(Transaction.reconciled.is_(flt.reconciled))
    if flt.missing_receipt:
        conditions.append(Transaction.direction == Direction.OUT)
        conditions.append(Transaction.receipt_not_needed.is_(False))
        conditions.append(~_live_receipts())
    if match is not None and from_matches:
        # The trigram index narrows the rows down to those holding every long word; LIKE below then checks
        # each word exactly as before, so the same rows are found without scanning the ledger.
        conditions.append(Transaction.id.in_(select(_SEARCH.c.rowid).where(_SEARCH_MATCHES.op("MATCH")(match))))
    for word in words:
        # SQLite's LIKE ignores case for A-Z already, and its lower() folds nothing else, so plain LIKE finds the
        # same rows as ilike's lower(...) LIKE lower(...) without working out two lower() on every row.
        pattern = "%" + _escape_like(word) + "%"
        conditions.append(
            or_(Transaction.payee.like(pattern, escape="\\"), Transaction.description.like(pattern, escape="\\"))
        )
    parts = _part_conditions(flt)
    if parts and not parts_joined:
        conditions.append(exists().where(Allocation.transaction_id == Transaction.id, *parts))
    return conditions


def _first_part_name(table: Any, column: Any, join_on: ColumnElement[bool]) -> ColumnElement[Any]:
    """The smallest name among a payment's parts (what a split payment sorts by)."""
    return (
        select(func.min(func.lower(column)))
        .select_from(Allocation)
        .join(table, join_on)
        .where(Allocation.transaction_id == Transaction.id)
        .scalar_subquery()
    )


def _sort_column(key: SortKey) -> Any:
    if key == SortKey.DATE:
        return Transaction.txn_date
    if key == SortKey.DIRECTION:
        return Transaction.direction
    if key == SortKey.PAYEE:
        return func.lower(Transaction.payee)
    if key == SortKey.DESCRIPTION:
        return func.lower(Transaction.description)
    if key == SortKey.AMOUNT:
        return Transaction.amount_pence
    if key == SortKey.RECONCILED:
        return Transaction.reconciled
    if key == SortKey.RECEIPT:
        return case((_live_receipts(), 1), else_=0)
    if key == SortKey.CATEGORY:
        return _first_part_name(Category, Category.name, Category.id == Allocation.category_id)
    if key == SortKey.PLAN_LINE:
        return _first_part_name(PlanLine, PlanLine.description, PlanLine.id == Allocation.plan_line_id)
    if key == SortKey.OUTCOME:
        return _first_part_name(Outcome, Outcome.what_matters, Outcome.id == Allocation.outcome_id)
    raise ValueError(key)  # pragma: no cover - SortKey is closed


def ids_query(flt: LedgerFilter, sort: LedgerSort = LedgerSort(), *, every_match: bool = True) -> Select[Any]:
    """The SELECT of transaction ids for a filter, in sort order (ties broken by date, then id, the same way).

    `every_match=False` is for a first page walked along an index, see `_conditions`' `from_matches`."""
    if sort.key == SortKey.AMOUNT and flt == LedgerFilter():
        return every_live_by_amount(sort.descending)  # along the amount index: no sort of every payment
    column = _sort_column(sort.key)
    ordered: list[Any] = [column.desc() if sort.descending else column.asc()]
    if sort.key != SortKey.DATE:
        ordered.append(Transaction.txn_date.desc() if sort.descending else Transaction.txn_date.asc())
    ordered.append(Transaction.id.desc() if sort.descending else Transaction.id.asc())
    return select(Transaction.id).where(*_conditions(flt, from_matches=every_match)).order_by(*ordered)


def transaction_ids(session: Session, flt: LedgerFilter = LedgerFilter(), sort: LedgerSort = LedgerSort()) -> list[int]:
    """Every matching transaction id in order: a few bytes each, so 50,000 of them are cheap to hold."""
    return read_ids(session, ids_query(flt, sort, every_match=True))


def transaction_id_array(
    session: Session, flt: LedgerFilter = LedgerFilter(), sort: LedgerSort = LedgerSort()
) -> array[int]:
    """The same ids as `transaction_ids`, packed 8 bytes each (the Spending table holds up to a million)."""
    return read_id_array(session, ids_query(flt, sort, every_match=True))


def page_ids(
    session: Session, flt: LedgerFilter, sort: LedgerSort = LedgerSort(), *, offset: int = 0, limit: int = 100
) -> list[int]:
    """One page of matching ids. SQLite answers the first page by walking the date (or amount) index until a
    page of matches turns up, or with its top-N sorter for other orders, without reading every matching id.

    A word the search index finds in only a few payments (or none: a typing slip) is the exception: walking the
    index until a page of them turns up could mean walking all of it, so those few are read by id and sorted,
    as are a word's matches in an order no index keeps (payee, category ...)."""
    walk = sort.key in (SortKey.DATE, SortKey.AMOUNT)
    every_match = not walk or _few_search_matches(session, flt)
    # Through SQLAlchemy with bound values (its compiled statement is cached; a page is too short for the rows'
    # cost to matter): `read_ids` compiles the statement again each time, about a millisecond.
    return list(session.scalars(ids_query(flt, sort, every_match=every_match).offset(offset).limit(limit)))


# Up to this many rows listed by the search index, a page is read from them by id (~10 us a row); beyond it, the
# walk along the index (~1 us a row) finds a page soon: at most 50,000 rows walked at a million payments.
FEW_MATCHES = 2000


def _few_search_matches(session: Session, flt: LedgerFilter) -> bool:
    match = search_index.match_text(flt.text.split())
    if match is None:
        return False
    listed = select(_SEARCH.c.rowid).where(_SEARCH_MATCHES.op("MATCH")(match)).limit(FEW_MATCHES + 1).subquery()
    return (session.scalar(select(func.count()).select_from(listed)) or 0) <= FEW_MATCHES


def count(session: Session, flt: LedgerFilter = LedgerFilter()) -> int:
    return (
        session.scalar(select(func.count()).select_from(Transaction).where(*_conditions(flt, from_matches=True))) or 0
    )


def totals_are_instant(flt: LedgerFilter) -> bool:
    """Whether `totals` reads a few stored month figures (no filter) rather than adding up the matching rows."""
    return flt == LedgerFilter()


def totals(session: Session, flt: LedgerFilter = LedgerFilter(), only_ids: Sequence[int] | None = None) -> LedgerTotals:
    """Money in and out for the filtered payments, in one SQL aggregate (everything: from the month totals).

    `only_ids` (a few hundred at most), when the caller already holds every matching id (a first page that came
    back short), adds up just those rows: the same figures, without finding and reading every match again.
    """
    if only_ids is None and totals_are_instant(flt):
        return LedgerTotals(*month_totals.live_totals(session))
    found = session.execute(totals_query(flt, only_ids)).one()
    return LedgerTotals(int(found[0]), int(found[1]), int(found[2]), parts_only=bool(_part_conditions(flt)))


def totals_query(flt: LedgerFilter, only_ids: Sequence[int] | None = None) -> Select[Any]:
    """The aggregate `totals` runs (count, money in, money out) when it has to add up the matching rows."""
    among = [] if only_ids is None else [Transaction.id.in_(list(only_ids))]
    part_conditions = _part_conditions(flt)
    if part_conditions:
        amount = Allocation.amount_pence
        query = (
            select(
                func.count(func.distinct(Transaction.id)),
                func.coalesce(func.sum(case((Transaction.direction == Direction.IN, amount), else_=0)), 0),
                func.coalesce(func.sum(case((Transaction.direction == Direction.OUT, amount), else_=0)), 0),
            )
            .select_from(Transaction)
            .join(Allocation, and_(Allocation.transaction_id == Transaction.id, *part_conditions))
            .where(*_conditions(flt, parts_joined=True, from_matches=True, by_id=bool(among)), *among)
        )
    else:
        query = select(
            func.count(Transaction.id),
            func.coalesce(
                func.sum(case((Transaction.direction == Direction.IN, Transaction.amount_pence), else_=0)), 0
            ),
            func.coalesce(
                func.sum(case((Transaction.direction == Direction.OUT, Transaction.amount_pence), else_=0)), 0
            ),
        ).where(*_conditions(flt, from_matches=True, by_id=bool(among)), *among)
    return query


# -- reading rows by id -----------------------------------------------------------------------------------------


def rows(session: Session, ids: Sequence[int]) -> dict[int, LedgerRow]:
    """The table rows for these transaction ids (deleted ones included, so an open view never breaks).

    Two queries per call whatever the number of ids: one for the payments, one for all their parts.
    """
    found: dict[int, LedgerRow] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = list(ids[start : start + _ID_CHUNK])
        parts: dict[int, list[LedgerPart]] = {i: [] for i in chunk}
        part_query = (
            join_part_labels(
                select(Allocation.transaction_id, Allocation.amount_pence, *PART_LABELS).select_from(Allocation)
            )
            .where(Allocation.transaction_id.in_(chunk))
            .order_by(Allocation.id)
        )
        for txn_id, amount, category, plan_line, stream, outcome in session.execute(part_query):
            parts[txn_id].append(LedgerPart(amount, category, plan_line, outcome, stream))
        receipts = (
            select(func.count(Receipt.id))
            .where(Receipt.transaction_id == Transaction.id, Receipt.deleted_at.is_(None))
            .scalar_subquery()
        )
        txn_query = select(
            Transaction.id,
            Transaction.txn_date,
            Transaction.direction,
            Transaction.amount_pence,
            Transaction.payee,
            Transaction.description,
            Transaction.reconciled,
            receipts,
            Transaction.receipt_not_needed,
        ).where(Transaction.id.in_(chunk))
        for r in session.execute(txn_query):
            found[r[0]] = LedgerRow(
                id=r[0],
                txn_date=r[1],
                direction=r[2],
                amount_pence=r[3],
                payee=r[4] or "",
                description=r[5] or "",
                reconciled=bool(r[6]),
                receipt_count=int(r[7]),
                receipt_not_needed=bool(r[8]),
                parts=tuple(parts[r[0]]),
            )
    return found


# -- learning from history --------------------------------------------------------------------------------------


# Suggestions learn from the most recent payments only, so their cost stays the same as the ledger grows.
RECENT_FOR_SUGGESTIONS = 5000


def _suggestions(session: Session, name: str, prefix: str, limit: int, recent: int) -> list[str]:
    column = getattr(Transaction, name)
    conditions: list[ColumnElement[bool]] = [Transaction.deleted_at.is_(None)]
    if prefix.strip():
        conditions.append(column.like(_escape_like(prefix.strip()) + "%", escape="\\"))  # ignores A-Z case
    latest = (
        select(column.label("text"), Transaction.txn_date.label("day"))
        .where(*conditions)
        .order_by(Transaction.txn_date.desc(), Transaction.id.desc())
        .limit(recent)
        .subquery()
    )
    query = (
        select(latest.c.text)
        .where(latest.c.text != literal(""))
        .group_by(latest.c.text)
        .order_by(func.count().desc(), func.max(latest.c.day).desc(), latest.c.text)
        .limit(limit)
    )
    return [str(v) for v in session.scalars(query)]


def payee_suggestions(
    session: Session, prefix: str = "", limit: int = 200, recent: int = RECENT_FOR_SUGGESTIONS
) -> list[str]:
    """Payees used in the `recent` latest payments, the most used first (ties: the most recent first)."""
    return _suggestions(session, "payee", prefix, limit, recent)


def description_suggestions(
    session: Session, prefix: str = "", limit: int = 200, recent: int = RECENT_FOR_SUGGESTIONS
) -> list[str]:
    """Descriptions used in the `recent` latest payments, the most used first (ties: the most recent first)."""
    return _suggestions(session, "description", prefix, limit, recent)


def payee_habit(session: Session, payee: str) -> PayeeHabit | None:
    """What the most recent single-part payment to or from `payee` (ignoring case) was for, or None."""
    name = payee.strip()
    if not name:
        return None
    one_part = select(func.count(Allocation.id)).where(Allocation.transaction_id == Transaction.id).scalar_subquery()
    txn = session.scalars(
        select(Transaction)
        .where(Transaction.deleted_at.is_(None), func.lower(Transaction.payee) == name.lower(), one_part == 1)
        .order_by(Transaction.txn_date.desc(), Transaction.id.desc())
        .limit(1)
    ).first()
    if txn is None:
        return None
    part = txn.allocations[0]
    return PayeeHabit(
        payee=txn.payee,
        direction=txn.direction,
        amount_pence=txn.amount_pence,
        description=txn.description,
        category_id=part.category_id,
        plan_line_id=part.plan_line_id,
        stream_id=part.stream_id,
        outcome_id=part.outcome_id,
    )

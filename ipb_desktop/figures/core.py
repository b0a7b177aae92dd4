"""The account's balance, money in and out over a range, and where it went (by stream, category, plan line and
outcome). See the package docstring for the rules every figure follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models import month_allocations, month_totals
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import (
    Category,
    FundingStream,
    OpeningBalance,
    Outcome,
    PlanLine,
    Transaction,
    plan_line_outcome,
)

# A plan line (or the plan as a whole) is "ahead of plan" when spending passes 110% of what was expected by now.
AHEAD_PERCENT = 110

# How money on a plan line reaches outcomes (printed in the review pack, so a reader knows how it was counted).
OUTCOME_SHARE_RULE = N_(
    "Money for an outcome counts each payment linked to it. A payment linked only to a plan line counts for that "
    "plan line's outcomes, shared equally between them (any odd pence go to the first)."
)


@dataclass(frozen=True)
class Total:
    """One row of a breakdown. `key_id` is the stream / category / plan line / outcome id; None means money that
    is not linked to any (its `label` says so)."""

    key_id: int | None
    label: str
    pence: int


@dataclass(frozen=True)
class PeriodSummary:
    """Money in and out OF THE ACCOUNT between `start` and `end`, both days included, and beside it spending
    paid by others from money they hold for the person (notional and third-party budgets).

    `opening_pence` is the account balance at the end of the day before `start` (including any recorded opening
    balance); `closing_pence` the balance at the end of `end`. Always: opening + money in - money out == closing.
    Each account breakdown adds up to its direction's total; `outside_by_stream` adds up to `outside_out_pence`.
    """

    start: dt.date
    end: dt.date
    opening_pence: int
    money_in_pence: int
    money_out_pence: int
    closing_pence: int
    in_by_stream: list[Total]
    out_by_category: list[Total]
    out_by_plan_line: list[Total]
    out_by_outcome: list[Total]
    outside_out_pence: int = 0
    outside_by_stream: list[Total] | None = None


# -- building blocks -------------------------------------------------------------------------------------------


def _signed() -> ColumnElement[int]:
    """The transaction's amount, positive for money in and negative for money out."""
    return case((Transaction.direction == Direction.IN, Transaction.amount_pence), else_=-Transaction.amount_pence)


def _live_between(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Live transactions dated from `start` to `end`, both included (served by ix_transaction_live_date)."""
    return and_(Transaction.deleted_at.is_(None), Transaction.txn_date >= start, Transaction.txn_date <= end)


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidInput("end_date", _("the end date is before the start date; please swap them"))


def _sum(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[int]:
    return func.coalesce(func.sum(column), 0)


def _opening_balance() -> ColumnElement[int]:
    """The recorded opening balance as a scalar subquery (0 when none), so it is added in the same query."""
    latest = select(OpeningBalance.balance_pence).order_by(OpeningBalance.id.desc()).limit(1).scalar_subquery()
    return func.coalesce(latest, 0)


def opening_balance_pence(session: Session) -> int:
    """What the account held before the first payment in the app (0 when none was recorded). It counts on every
    day: it is the money that was already there (see `ipb_desktop.accounts`)."""
    return int(session.scalar(select(_opening_balance())) or 0)


@dataclass(frozen=True)
class _Flows:
    opening: int  # account balance at the end of the day before `start` (limited to days up to `through`)
    money_in: int  # from `start` to `end`, both included, through the account
    money_out: int
    balance_through: int  # account balance at the end of `through`


def _flows(session: Session, start: dt.date, end: dt.date, through: dt.date) -> _Flows:
    """Opening balance, money in and out of the account over a range, and the balance on a later day.

    All from the month totals (`models.month_totals`): whole months from their rows, and only the days of a
    partial month at either end from the payments, so a range costs the same however many payments it holds."""
    last = max(end, through)
    before = start if start <= last else last + dt.timedelta(days=1)
    opening, money_in, money_out, balance = month_totals.flows(session, before, start, end, through)
    return _Flows(opening, money_in, money_out, balance)


@dataclass(frozen=True)
class _By:
    """What a breakdown adds up by: an allocation column, the table holding its label, and words for "none"."""

    key: str  # the allocation's column (month_allocations.KEYS)
    model: type[Category] | type[FundingStream] | type[PlanLine] | type[Outcome]
    label: InstrumentedAttribute[str]
    not_linked: str  # marked with N_, translated when the breakdown is made


_BY_STREAM = _By("stream_id", FundingStream, FundingStream.funder_name, N_("Not linked to a funding stream"))
_BY_CATEGORY = _By("category_id", Category, Category.name, N_("Not linked to a category"))
_BY_PLAN_LINE = _By("plan_line_id", PlanLine, PlanLine.description, N_("Not linked to a plan line"))
_BY_OUTCOME = _By("outcome_id", Outcome, Outcome.what_matters, N_("Not linked to an outcome"))


def _picked(direction: str, through_account: bool | None) -> Callable[[month_allocations.Columns], list[Any]]:
    """Allocation rows of `direction` payments: through the account (True), paid by others (False) or both."""

    def where(c: month_allocations.Columns) -> list[Any]:
        found = [c["direction"] == direction]
        return found if through_account is None else [*found, c["through_account"].is_(through_account)]

    return where


def _sorted(rows: list[Total], not_linked: str) -> list[Total]:
    linked = sorted((t for t in rows if t.key_id is not None), key=lambda t: (-t.pence, t.label, t.key_id))
    unlinked = sum(t.pence for t in rows if t.key_id is None)
    has_unlinked = any(t.key_id is None for t in rows)
    return linked + ([Total(None, _(not_linked), unlinked)] if has_unlinked else [])


def _breakdown(
    session: Session, start: dt.date, end: dt.date, direction: str, by: _By, through_account: bool | None = True
) -> list[Total]:
    """Allocations of live `direction` transactions from `start` to `end` (both included), added up and
    labelled; the biggest first and money not linked to anything last. `through_account`: True for the
    account's money, False for money spent by others, None for both."""
    _check_range(start, end)
    rows_ = month_allocations.allocation_rows(start, end, _picked(direction, through_account))
    key = rows_.c[by.key]
    rows = session.execute(
        select(key, by.label, func.sum(rows_.c.pence))
        .select_from(rows_)
        .outerjoin(by.model, by.model.id == key)
        .group_by(key, by.label)
        .having(func.sum(rows_.c.allocations) > 0)
    ).all()
    return _sorted([Total(key_id, str(name or ""), int(pence)) for key_id, name, pence in rows], by.not_linked)


def _shared_equally(pence: int, ids: list[int]) -> dict[int, int]:
    """`pence` shared between `ids` equally, the odd pence to the first ones, so the shares add up exactly."""
    share, odd = divmod(abs(pence), len(ids))
    sign = 1 if pence >= 0 else -1
    return {key: sign * (share + (1 if i < odd else 0)) for i, key in enumerate(ids)}


def _by_outcome(
    session: Session, start: dt.date, end: dt.date, direction: str, through_account: bool | None
) -> list[Total]:
    """Money by outcome following OUTCOME_SHARE_RULE: an allocation's own outcome, else its plan line's."""
    _check_range(start, end)
    rows_ = month_allocations.allocation_rows(start, end, _picked(direction, through_account))
    rows = session.execute(
        select(rows_.c.outcome_id, rows_.c.plan_line_id, func.sum(rows_.c.pence))
        .group_by(rows_.c.outcome_id, rows_.c.plan_line_id)
        .having(func.sum(rows_.c.allocations) > 0)
    ).all()
    line_ids = {line_id for outcome_id, line_id, _p in rows if outcome_id is None and line_id is not None}
    outcomes_of: dict[int, list[int]] = {}
    if line_ids:
        for line_id, outcome_id in session.execute(
            select(plan_line_outcome.c.plan_line_id, plan_line_outcome.c.outcome_id)
            .where(plan_line_outcome.c.plan_line_id.in_(line_ids))
            .order_by(plan_line_outcome.c.plan_line_id, plan_line_outcome.c.outcome_id)
        ):
            outcomes_of.setdefault(int(line_id), []).append(int(outcome_id))
    by_outcome: dict[int | None, int] = {}
    for outcome_id, line_id, pence in rows:
        targets = outcomes_of.get(line_id, []) if outcome_id is None and line_id is not None else []
        if outcome_id is not None:
            by_outcome[outcome_id] = by_outcome.get(outcome_id, 0) + int(pence)
        elif targets:
            for target, share in _shared_equally(int(pence), targets).items():
                by_outcome[target] = by_outcome.get(target, 0) + share
        else:
            by_outcome[None] = by_outcome.get(None, 0) + int(pence)
    wanted = [k for k in by_outcome if k is not None]
    names = {
        int(i): str(n)
        for i, n in session.execute(select(Outcome.id, Outcome.what_matters).where(Outcome.id.in_(wanted)))
    }
    return _sorted([Total(k, names.get(k, "") if k else "", p) for k, p in by_outcome.items()], _BY_OUTCOME.not_linked)


# -- balance and breakdowns ------------------------------------------------------------------------------------


def balance_on(session: Session, day: dt.date) -> int:
    """The account balance at the end of `day`: the opening balance, plus money in less money out through the
    account dated on or before it. Read from the month totals kept by triggers (whole months) and the days of
    `day`'s month, so it costs the same with ten years of payments as with one (`models.month_totals`)."""
    return month_totals.balance_on(session, day, with_opening=True)


def money_in_by_stream(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money into the account from `start` to `end` (both included), by the funding stream it was tagged with."""
    return _breakdown(session, start, end, Direction.IN, _BY_STREAM)


def money_out_by_stream(
    session: Session, start: dt.date, end: dt.date, through_account: bool | None = True
) -> list[Total]:
    """Money out from `start` to `end` (both included), by the funding stream it was paid from."""
    return _breakdown(session, start, end, Direction.OUT, _BY_STREAM, through_account)


def money_in_by_plan_line(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money in from `start` to `end` (both included), by plan line: refunds of spending on the plan."""
    return _breakdown(session, start, end, Direction.IN, _BY_PLAN_LINE)


def money_in_by_category(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money in from `start` to `end` (both included), by category (budget payment, refund, own money ...)."""
    return _breakdown(session, start, end, Direction.IN, _BY_CATEGORY)


def money_out_by_category(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money out of the account from `start` to `end` (both included), by spending category."""
    return _breakdown(session, start, end, Direction.OUT, _BY_CATEGORY)


def money_out_by_plan_line(
    session: Session, start: dt.date, end: dt.date, through_account: bool | None = True
) -> list[Total]:
    """Money out from `start` to `end` (both included), by plan line; split payments count on each line."""
    return _breakdown(session, start, end, Direction.OUT, _BY_PLAN_LINE, through_account)


def money_out_by_outcome(
    session: Session, start: dt.date, end: dt.date, through_account: bool | None = True
) -> list[Total]:
    """Money out from `start` to `end` (both included), by the outcome it was for (OUTCOME_SHARE_RULE)."""
    return _by_outcome(session, start, end, Direction.OUT, through_account)


def period_summary(session: Session, start: dt.date, end: dt.date) -> PeriodSummary:
    """Opening balance, money in and out, closing balance and where the money went, `start` to `end` inclusive;
    and spending paid by others from notional or third-party budgets, by stream."""
    _check_range(start, end)
    flows = _flows(session, start, end, end)
    outside = money_out_by_stream(session, start, end, through_account=False)
    return PeriodSummary(
        start=start,
        end=end,
        opening_pence=flows.opening,
        money_in_pence=flows.money_in,
        money_out_pence=flows.money_out,
        closing_pence=flows.opening + flows.money_in - flows.money_out,
        in_by_stream=money_in_by_stream(session, start, end),
        out_by_category=money_out_by_category(session, start, end),
        out_by_plan_line=money_out_by_plan_line(session, start, end),
        out_by_outcome=money_out_by_outcome(session, start, end),
        outside_out_pence=sum(t.pence for t in outside),
        outside_by_stream=outside,
    )

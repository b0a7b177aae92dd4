"""The figures people see: balance, money in and out, where it went, plan lines against the plan, streams,
the projection to the end of the period and any surplus.

Every total is added up by the database (`SUM ... GROUP BY`) over transactions that have not been deleted;
nothing here loads the ledger into Python. Every date range is inclusive at BOTH ends: `start` and `end` are
the first and the last day counted. Money is integer pence; rounding uses `money.divide_round`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from ipb_desktop import budget, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import (
    Allocation,
    BudgetPeriod,
    Category,
    FundingStream,
    Outcome,
    PlanLine,
    Transaction,
)
from ipb_desktop.money import divide_round

# A plan line (or the plan as a whole) is "ahead of plan" when spending passes 110% of what was expected by now.
AHEAD_PERCENT = 110


@dataclass(frozen=True)
class Total:
    """One row of a breakdown. `key_id` is the stream / category / plan line / outcome id; None means money that
    is not linked to any (its `label` says so)."""

    key_id: int | None
    label: str
    pence: int


@dataclass(frozen=True)
class PeriodSummary:
    """Money in and out between `start` and `end`, both days included.

    `opening_pence` is the balance at the end of the day before `start`; `closing_pence` the balance at the end
    of `end`. Always: opening + money in - money out == closing. Each breakdown adds up to its direction's total.
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


@dataclass(frozen=True)
class PlanLineFigures:
    """A plan line against its plan, from the period's first day up to and including `today`.

    `spent_pence` is money out on the line less refunds (money in) on it. `expected_to_date_pence` is the planned
    amount shared evenly over the period's days, for the days gone so far (today included).
    """

    plan_line_id: int
    description: str
    planned_pence: int
    spent_pence: int
    left_pence: int
    stream_id: int | None
    outcome_ids: tuple[int, ...]
    expected_to_date_pence: int
    ahead_of_plan: bool
    category_id: int | None = None
    archived: bool = False


@dataclass(frozen=True)
class StreamFigures:
    """One funding stream: what it pays, and what came in and went out tagged with it so far this period.

    `left_pence` is the stream's budget for the whole period less what has been spent from it.
    """

    stream_id: int
    funder_name: str
    funder_kind: str
    held_as: str
    schedule: str
    amount_pence: int
    weekly_pence: int
    yearly_pence: int
    period_budget_pence: int
    received_pence: int
    spent_pence: int
    left_pence: int
    archived: bool = False


@dataclass(frozen=True)
class Projection:
    """The balance at the end of the period if money keeps coming in and going out at the rate it has so far.

    `days_elapsed` counts the period's days up to and including today; `days_left` the days after today.
    """

    balance_today_pence: int
    projected_end_pence: int
    days_elapsed: int
    days_left: int


@dataclass(frozen=True)
class Surplus:
    """How much of the balance is more than `threshold_weeks` of planned spending.

    `weeks_held_tenths` is how many weeks of planned spending the balance covers, times ten (85 = 8.5 weeks);
    0 when the balance is not above zero or nothing is planned.
    """

    balance_pence: int
    weekly_planned_pence: int
    threshold_weeks: int
    threshold_pence: int
    surplus_pence: int
    weeks_held_tenths: int


@dataclass(frozen=True)
class HomeFigures:
    """Everything the Home screen shows for `today` (period None when no budget period has been set up)."""

    today: dt.date
    period_id: int | None
    balance_pence: int
    streams: list[StreamFigures]
    plan_lines: list[PlanLineFigures]
    projection: Projection | None
    surplus: Surplus | None
    spending_ahead_of_plan: bool


# -- building blocks -------------------------------------------------------------------------------------------


def _signed() -> ColumnElement[int]:
    """The transaction's amount, positive for money in and negative for money out."""
    return case((Transaction.direction == Direction.IN, Transaction.amount_pence), else_=-Transaction.amount_pence)


def _alloc_signed() -> ColumnElement[int]:
    """An allocation's amount, positive when its transaction is money out (spending), negative for money in."""
    return case((Transaction.direction == Direction.OUT, Allocation.amount_pence), else_=-Allocation.amount_pence)


def _live_between(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Live transactions dated from `start` to `end`, both included (served by ix_transaction_live_date)."""
    return and_(Transaction.deleted_at.is_(None), Transaction.txn_date >= start, Transaction.txn_date <= end)


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidInput("end_date", _("the end date is before the start date; please swap them"))


def _sum(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[int]:
    return func.coalesce(func.sum(column), 0)


@dataclass(frozen=True)
class _Flows:
    opening: int  # balance at the end of the day before `start` (limited to days up to `through`)
    money_in: int  # from `start` to `end`, both included
    money_out: int
    balance_through: int  # balance at the end of `through`


def _flows(session: Session, start: dt.date, end: dt.date, through: dt.date) -> _Flows:
    """Opening balance, money in and out over a range, and the balance on a later day.

    The years before `start` are one plain signed sum, which SQLite reads from the covering index alone; only
    the range itself is grouped, by direction and by whether each day is up to `end` and up to `through`.
    (One query with four CASE sums over the whole history took three times as long.)"""
    last = max(end, through)
    before = Transaction.txn_date < start if start <= last else Transaction.txn_date <= last  # one bound is faster
    opening = session.scalar(select(_sum(_signed())).where(Transaction.deleted_at.is_(None), before))
    to_end, to_through = Transaction.txn_date <= end, Transaction.txn_date <= through
    rows = session.execute(
        select(Transaction.direction, to_end, to_through, _sum(Transaction.amount_pence))
        .where(_live_between(start, last))
        .group_by(Transaction.direction, to_end, to_through)
    ).all()
    money_in = sum(pence for direction, up_to_end, _t, pence in rows if up_to_end and direction == Direction.IN)
    money_out = sum(pence for direction, up_to_end, _t, pence in rows if up_to_end and direction == Direction.OUT)
    if through < start:
        balance = balance_on(session, through)
    else:
        moved = sum(p if d == Direction.IN else -p for d, _e, up_to_through, p in rows if up_to_through)
        balance = int(opening or 0) + moved
    return _Flows(int(opening or 0), int(money_in), int(money_out), int(balance))


@dataclass(frozen=True)
class _By:
    """What a breakdown adds up by: an allocation column, the table holding its label, and words for "none"."""

    key: InstrumentedAttribute[int | None]
    model: type[Category] | type[FundingStream] | type[PlanLine] | type[Outcome]
    label: InstrumentedAttribute[str]
    not_linked: str  # marked with N_, translated when the breakdown is made


_BY_STREAM = _By(Allocation.stream_id, FundingStream, FundingStream.funder_name, N_("Not linked to a funding stream"))
_BY_CATEGORY = _By(Allocation.category_id, Category, Category.name, N_("Not linked to a category"))
_BY_PLAN_LINE = _By(Allocation.plan_line_id, PlanLine, PlanLine.description, N_("Not linked to a plan line"))
_BY_OUTCOME = _By(Allocation.outcome_id, Outcome, Outcome.what_matters, N_("Not linked to an outcome"))


def _breakdown(session: Session, start: dt.date, end: dt.date, direction: str, by: _By) -> list[Total]:
    """Allocations of live `direction` transactions from `start` to `end` (both included), added up and
    labelled; the biggest first and money not linked to anything last."""
    _check_range(start, end)
    rows = session.execute(
        select(by.key, by.label, func.sum(Allocation.amount_pence))
        .select_from(Allocation)
        .join(Transaction, Transaction.id == Allocation.transaction_id)
        .outerjoin(by.model, by.model.id == by.key)
        .where(_live_between(start, end), Transaction.direction == direction)
        .group_by(by.key, by.label)
    ).all()
    linked = sorted(
        (Total(key_id, str(name), int(pence)) for key_id, name, pence in rows if key_id is not None),
        key=lambda t: (-t.pence, t.label, t.key_id),
    )
    unlinked = [Total(None, _(by.not_linked), int(pence)) for key_id, _name, pence in rows if key_id is None]
    return linked + unlinked


def _days_elapsed(period: BudgetPeriod, today: dt.date) -> int:
    """The period's days up to and including `today` (0 before it starts, all of them after it ends)."""
    return max(0, min(budget.period_days(period), (today - period.start_date).days + 1))


def _ahead(spent: int, expected: int) -> bool:
    return spent * 100 > expected * AHEAD_PERCENT


# -- balance and breakdowns ------------------------------------------------------------------------------------


def balance_on(session: Session, day: dt.date) -> int:
    """The balance at the end of `day`: all money in less all money out dated on or before it."""
    total = session.scalar(select(_sum(_signed())).where(Transaction.deleted_at.is_(None), Transaction.txn_date <= day))
    return int(total or 0)


def money_in_by_stream(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money in from `start` to `end` (both included), by the funding stream it was tagged with."""
    return _breakdown(session, start, end, Direction.IN, _BY_STREAM)


def money_out_by_stream(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money out from `start` to `end` (both included), by the funding stream it was paid from."""
    return _breakdown(session, start, end, Direction.OUT, _BY_STREAM)


def money_in_by_plan_line(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money in from `start` to `end` (both included), by plan line: refunds of spending on the plan."""
    return _breakdown(session, start, end, Direction.IN, _BY_PLAN_LINE)


def money_in_by_category(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money in from `start` to `end` (both included), by category (budget payment, refund, own money ...)."""
    return _breakdown(session, start, end, Direction.IN, _BY_CATEGORY)


def money_out_by_category(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money out from `start` to `end` (both included), by spending category."""
    return _breakdown(session, start, end, Direction.OUT, _BY_CATEGORY)


def money_out_by_plan_line(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money out from `start` to `end` (both included), by plan line; split payments count on each line."""
    return _breakdown(session, start, end, Direction.OUT, _BY_PLAN_LINE)


def money_out_by_outcome(session: Session, start: dt.date, end: dt.date) -> list[Total]:
    """Money out from `start` to `end` (both included), by the outcome it was for."""
    return _breakdown(session, start, end, Direction.OUT, _BY_OUTCOME)


def period_summary(session: Session, start: dt.date, end: dt.date) -> PeriodSummary:
    """Opening balance, money in and out, closing balance and where the money went, `start` to `end` inclusive."""
    _check_range(start, end)
    flows = _flows(session, start, end, end)
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
    )


# -- a budget period: plan lines, streams, projection, surplus --------------------------------------------------


def _plan_line_figures(session: Session, period: BudgetPeriod, today: dt.date) -> list[PlanLineFigures]:
    as_of = min(today, period.end_date)
    spent_by_line: dict[int, int] = {}
    if as_of >= period.start_date:
        rows = session.execute(
            select(Allocation.plan_line_id, func.sum(_alloc_signed()))
            .join(Transaction, Transaction.id == Allocation.transaction_id)
            .where(_live_between(period.start_date, as_of), Allocation.plan_line_id.is_not(None))
            .group_by(Allocation.plan_line_id)
        ).all()
        spent_by_line = {line_id: int(pence) for line_id, pence in rows if line_id is not None}
    lines = session.scalars(
        select(PlanLine)
        .where(PlanLine.period_id == period.id)
        .options(selectinload(PlanLine.outcomes))
        .order_by(PlanLine.id)
    )
    days, elapsed = budget.period_days(period), _days_elapsed(period, today)
    figures = []
    for line in lines:
        spent = spent_by_line.get(line.id, 0)
        if line.archived and spent == 0:
            continue  # an archived line still shows while money has gone on it this period
        expected = divide_round(line.planned_pence * elapsed, days)
        figures.append(
            PlanLineFigures(
                plan_line_id=line.id,
                description=line.description,
                planned_pence=line.planned_pence,
                spent_pence=spent,
                left_pence=line.planned_pence - spent,
                stream_id=line.stream_id,
                outcome_ids=tuple(o.id for o in line.outcomes),
                expected_to_date_pence=expected,
                ahead_of_plan=_ahead(spent, expected),
                category_id=line.category_id,
                archived=line.archived,
            )
        )
    return figures


def planned_vs_actual(session: Session, period_id: int, today: dt.date) -> list[PlanLineFigures]:
    """Each plan line of the period against its plan, counting from the period's first day up to and including
    `today` (or the period's last day, if sooner). Archived lines appear only while money has gone on them."""
    return _plan_line_figures(session, budget.get_period(session, period_id), today)


def _stream_figures(session: Session, period: BudgetPeriod, today: dt.date) -> list[StreamFigures]:
    as_of = min(today, period.end_date)
    moved: dict[int, tuple[int, int]] = {}
    if as_of >= period.start_date:
        rows = session.execute(
            select(
                Allocation.stream_id,
                _sum(case((Transaction.direction == Direction.IN, Allocation.amount_pence), else_=0)),
                _sum(case((Transaction.direction == Direction.OUT, Allocation.amount_pence), else_=0)),
            )
            .join(Transaction, Transaction.id == Allocation.transaction_id)
            .where(_live_between(period.start_date, as_of), Allocation.stream_id.is_not(None))
            .group_by(Allocation.stream_id)
        ).all()
        moved = {stream_id: (int(got), int(spent)) for stream_id, got, spent in rows if stream_id is not None}
    streams = session.scalars(
        select(FundingStream).where(FundingStream.period_id == period.id).order_by(FundingStream.id)
    )
    figures = []
    for stream in streams:
        received, spent = moved.get(stream.id, (0, 0))
        if stream.archived and received == 0 and spent == 0:
            continue
        period_budget = budget.period_total_pence(stream)
        figures.append(
            StreamFigures(
                stream_id=stream.id,
                funder_name=stream.funder_name,
                funder_kind=stream.funder_kind,
                held_as=stream.held_as,
                schedule=stream.schedule,
                amount_pence=stream.amount_pence,
                weekly_pence=budget.weekly_pence(stream),
                yearly_pence=budget.yearly_pence(stream),
                period_budget_pence=period_budget,
                received_pence=received,
                spent_pence=spent,
                left_pence=period_budget - spent,
                archived=stream.archived,
            )
        )
    return figures


def stream_figures(session: Session, period_id: int, today: dt.date) -> list[StreamFigures]:
    """Each funding stream of the period: its amounts, and money in and out tagged with it from the period's
    first day up to and including `today`. Archived streams appear only while money has moved on them."""
    return _stream_figures(session, budget.get_period(session, period_id), today)


def _projection(session: Session, period: BudgetPeriod, today: dt.date) -> Projection:
    as_of = min(today, period.end_date)
    flows = _flows(session, period.start_date, as_of, today)
    elapsed = _days_elapsed(period, today)
    days_left = budget.period_days(period) - elapsed
    if elapsed == 0:  # the period has not started: there is no rate yet
        projected = flows.balance_through
    else:
        balance_as_of = flows.opening + flows.money_in - flows.money_out
        projected = balance_as_of + divide_round((flows.money_in - flows.money_out) * days_left, elapsed)
    return Projection(flows.balance_through, projected, elapsed, days_left)


def projection(session: Session, period_id: int, today: dt.date) -> Projection:
    """The balance expected at the end of the period's last day if the net rate so far (money in less money out
    per day, over the period's days up to and including `today`) carries on for the days after today.

    Before the period starts the projection is today's balance; after it ends, the balance on its last day.
    """
    return _projection(session, budget.get_period(session, period_id), today)


def _surplus(balance: int, planned_total: int, period_days: int, weeks: int) -> Surplus:
    weekly = divide_round(planned_total * 7, period_days)
    threshold = weeks * weekly
    held = divide_round(balance * 10 * period_days, planned_total * 7) if balance > 0 and planned_total > 0 else 0
    return Surplus(
        balance_pence=balance,
        weekly_planned_pence=weekly,
        threshold_weeks=weeks,
        threshold_pence=threshold,
        surplus_pence=max(0, balance - threshold),
        weeks_held_tenths=held,
    )


def _planned_total(session: Session, period_id: int) -> int:
    total = session.scalar(
        select(_sum(PlanLine.planned_pence)).where(PlanLine.period_id == period_id, PlanLine.archived.is_(False))
    )
    return int(total or 0)


def surplus(session: Session, period_id: int, today: dt.date, weeks: int | None = None) -> Surplus:
    """Money in the account at the end of `today` beyond `weeks` of planned spending (the store's
    "surplus_weeks" setting when not given). Weekly planned spending is the period's plan lines (not archived)
    shared over its days, times seven."""
    period = budget.get_period(session, period_id)
    if weeks is None:
        weeks = settings.get_int(session, "surplus_weeks")
    return _surplus(balance_on(session, today), _planned_total(session, period.id), budget.period_days(period), weeks)


def home_figures(session: Session, today: dt.date) -> HomeFigures:
    """The Home screen for `today`, using the period that contains it (or the nearest, see `budget.period_for`)."""
    period = budget.period_for(session, today)
    if period is None:
        return HomeFigures(today, None, balance_on(session, today), [], [], None, None, False)
    lines = _plan_line_figures(session, period, today)
    plan = _projection(session, period, today)
    planned_total = sum(line.planned_pence for line in lines if not line.archived)
    spare = _surplus(
        plan.balance_today_pence,
        planned_total,
        budget.period_days(period),
        settings.get_int(session, "surplus_weeks"),
    )
    return HomeFigures(
        today=today,
        period_id=period.id,
        balance_pence=plan.balance_today_pence,
        streams=_stream_figures(session, period, today),
        plan_lines=lines,
        projection=plan,
        surplus=spare,
        spending_ahead_of_plan=_ahead(
            sum(line.spent_pence for line in lines), sum(line.expected_to_date_pence for line in lines)
        ),
    )

"""A budget period's figures: plan lines against the plan, funding streams (budget, committed, spent, left),
the projection to the period's end, and everything the Home screen shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Subquery, and_, case, literal_column, select, union_all
from sqlalchemy.orm import Session, selectinload

from ipb_desktop import budget
from ipb_desktop.figures.core import (
    AHEAD_PERCENT,
    _flows,
    _live_between,
    _sum,
    balance_on,
)
from ipb_desktop.figures.surplus import Surplus, surplus_for
from ipb_desktop.models import month_allocations
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import Allocation, BudgetPeriod, FundingStream, PlanLine, Transaction
from ipb_desktop.money import divide_round


@dataclass(frozen=True)
class PlanLineFigures:
    """A plan line against its plan, from the period's first day up to and including `today`.

    `spent_pence` is money out on the line less refunds (money in) on it, whether it went through the account or
    was paid by others from a notional or third-party budget. `committed_pence` is spending on it dated after
    `today` but recorded by then (an invoice or booking still to be paid) up to the period's end. `left_pence`
    is planned less spent less committed. `expected_to_date_pence` is the planned amount shared evenly over the
    period's days, for the days gone so far (today included).
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
    committed_pence: int = 0


@dataclass(frozen=True)
class StreamFigures:
    """One funding stream: what it pays (worked out by payments, `ipb_desktop.budget`), and what came in and
    went out tagged with it this period up to and including `today`.

    `received_pence`: money into the account from it. `spent_pence`: all spending from it (through the account
    or paid by others), of which `spent_outside_pence` was paid by others from money they hold.
    `committed_pence`: spending from it dated after `today` (recorded by then), up to the period's end.
    `left_pence` is the budget for the whole period less spent less committed. `paid_in_budget_pence` is the
    part of the period budget paid into the account (all of it for a direct payment, none for notional or
    third-party, the stated part for mixed).
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
    committed_pence: int = 0
    spent_outside_pence: int = 0
    paid_in_budget_pence: int = 0
    payments_in_period: int = 0


@dataclass(frozen=True)
class Projection:
    """The account balance at the end of the period if money keeps coming in and going out at the rate it has
    so far. `days_elapsed` counts the period's days up to and including today; `days_left` the days after."""

    balance_today_pence: int
    projected_end_pence: int
    days_elapsed: int
    days_left: int


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


def _days_elapsed(period: BudgetPeriod, today: dt.date) -> int:
    """The period's days up to and including `today` (0 before it starts, all of them after it ends)."""
    return max(0, min(budget.period_days(period), (today - period.start_date).days + 1))


def _ahead(spent: int, expected: int) -> bool:
    return spent * 100 > expected * AHEAD_PERCENT


def _committed(as_of: dt.date) -> ColumnElement[bool]:
    """Spending dated after `as_of` that was already recorded by then: an invoice or booking still to pay.
    (A payment recorded later was not known of on `as_of`, so a statement for past dates leaves it out.)"""
    recorded_by = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    return and_(Transaction.txn_date > as_of, Transaction.created_at < recorded_by)


def _period_rows(period: BudgetPeriod, as_of: dt.date, key: str) -> Subquery:
    """The allocations linked to a `key` (a stream, a plan line) of the period's live payments: those dated up to
    `as_of` (`later` 0) from the month totals and the days of a partial month, and beside them spending dated
    after `as_of` and recorded by then (`later` 1, see `_committed`) from the date index."""
    done = month_allocations.allocation_rows(period.start_date, as_of, lambda c: [c[key].is_not(None)])
    first = max(period.start_date, as_of + dt.timedelta(days=1))
    linked = getattr(Allocation, key)
    return union_all(
        select(done.c[key], done.c.direction, done.c.through_account, done.c.pence, literal_column("0").label("later")),
        select(
            linked.label(key),
            Transaction.direction,
            Transaction.through_account,
            Allocation.amount_pence.label("pence"),
            literal_column("1"),
        )
        .join(Transaction, Transaction.id == Allocation.transaction_id)
        .where(_live_between(first, period.end_date), _committed(as_of), linked.is_not(None)),
    ).subquery()


def _plan_line_figures(session: Session, period: BudgetPeriod, today: dt.date) -> list[PlanLineFigures]:
    as_of = min(today, period.end_date)
    rows = _period_rows(period, as_of, "plan_line_id")
    signed = case((rows.c.direction == Direction.OUT, rows.c.pence), else_=-rows.c.pence)
    found = session.execute(
        select(
            rows.c.plan_line_id,
            _sum(case((rows.c.later == 0, signed), else_=0)),
            _sum(case((rows.c.later == 1, signed), else_=0)),
        ).group_by(rows.c.plan_line_id)
    ).all()
    spent_by_line = {int(line_id): (int(s), int(c)) for line_id, s, c in found if line_id is not None}
    lines = session.scalars(
        select(PlanLine)
        .where(PlanLine.period_id == period.id)
        .options(selectinload(PlanLine.outcomes))
        .order_by(PlanLine.id)
    )
    days, elapsed = budget.period_days(period), _days_elapsed(period, today)
    figures = []
    for line in lines:
        spent, committed = spent_by_line.get(line.id, (0, 0))
        if line.archived and spent == 0 and committed == 0:
            continue  # an archived line still shows while money has gone on it this period
        expected = divide_round(line.planned_pence * elapsed, days)
        figures.append(
            PlanLineFigures(
                plan_line_id=line.id,
                description=line.description,
                planned_pence=line.planned_pence,
                spent_pence=spent,
                left_pence=line.planned_pence - spent - committed,
                stream_id=line.stream_id,
                outcome_ids=tuple(o.id for o in line.outcomes),
                expected_to_date_pence=expected,
                ahead_of_plan=_ahead(spent, expected),
                category_id=line.category_id,
                archived=line.archived,
                committed_pence=committed,
            )
        )
    return figures


def planned_vs_actual(session: Session, period_id: int, today: dt.date) -> list[PlanLineFigures]:
    """Each plan line of the period against its plan, counting from the period's first day up to and including
    `today` (or the period's last day, if sooner). Archived lines appear only while money has gone on them."""
    return _plan_line_figures(session, budget.get_period(session, period_id), today)


def _stream_figures(session: Session, period: BudgetPeriod, today: dt.date) -> list[StreamFigures]:
    as_of = min(today, period.end_date)
    rows_ = _period_rows(period, as_of, "stream_id")
    is_in, is_out = rows_.c.direction == Direction.IN, rows_.c.direction == Direction.OUT
    now, later = rows_.c.later == 0, rows_.c.later == 1
    account, outside = rows_.c.through_account.is_(True), rows_.c.through_account.is_(False)
    rows = session.execute(
        select(
            rows_.c.stream_id,
            _sum(case((is_in & now & account, rows_.c.pence), else_=0)),
            _sum(case((is_out & now, rows_.c.pence), else_=0)),
            _sum(case((is_out & later, rows_.c.pence), else_=0)),
            _sum(case((is_out & now & outside, rows_.c.pence), else_=0)),
        ).group_by(rows_.c.stream_id)
    ).all()
    moved = {int(sid): (int(a), int(b), int(c), int(d)) for sid, a, b, c, d in rows if sid is not None}
    streams = session.scalars(
        select(FundingStream).where(FundingStream.period_id == period.id).order_by(FundingStream.id)
    )
    figures = []
    for stream in streams:
        received, spent, committed, spent_outside = moved.get(stream.id, (0, 0, 0, 0))
        if stream.archived and not (received or spent or committed):
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
                left_pence=period_budget - spent - committed,
                archived=stream.archived,
                committed_pence=committed,
                spent_outside_pence=spent_outside,
                paid_in_budget_pence=budget.paid_in_share_pence(stream, period_budget),
                payments_in_period=budget.payments_in_period(stream),
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
    """The account balance expected at the end of the period if the net rate so far (money in less money out
    per day, over the period's days up to and including `today`) carries on for the days after today.

    Before the period starts the projection is today's balance; after it ends, the balance on its last day.
    """
    return _projection(session, budget.get_period(session, period_id), today)


def home_figures(session: Session, today: dt.date) -> HomeFigures:
    """The Home screen for `today`, using the period that contains it (or the nearest, see `budget.period_for`)."""
    period = budget.period_for(session, today)
    if period is None:
        return HomeFigures(today, None, balance_on(session, today), [], [], None, None, False)
    lines = _plan_line_figures(session, period, today)
    plan = _projection(session, period, today)
    streams = _stream_figures(session, period, today)
    return HomeFigures(
        today=today,
        period_id=period.id,
        balance_pence=plan.balance_today_pence,
        streams=streams,
        plan_lines=lines,
        projection=plan,
        surplus=surplus_for(session, period, today, plan.balance_today_pence, streams),
        spending_ahead_of_plan=_ahead(
            sum(line.spent_pence for line in lines), sum(line.expected_to_date_pence for line in lines)
        ),
    )

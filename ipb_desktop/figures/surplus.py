"""The surplus, worked out as councils do: money in the account beyond N weeks of the weekly direct payment
(or of planned spending, if the person's council uses that), after money already owed and an agreed
contingency. The explanation shows every number, so the person and the finance officer see the same sum:

    surplus = balance - money owed - contingency - (weeks x weekly amount), never below 0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import budget, owed, settings
from ipb_desktop.models.schema import BudgetPeriod, PlanLine, Setting
from ipb_desktop.money import divide_round
from ipb_desktop.seed import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from ipb_desktop.figures.period import StreamFigures

WEEKLY_PAYMENT = "weekly_payment"  # the weekly direct payment paid into the account
PLANNED = "planned"  # planned spending (the plan lines) over the period's weeks
BASES = (WEEKLY_PAYMENT, PLANNED)


@dataclass(frozen=True)
class Surplus:
    """How much of the account balance is more than `threshold_weeks` of the weekly amount, after money owed and
    the agreed contingency.

    `basis` says which weekly amount: WEEKLY_PAYMENT (the weekly direct payment into the account) or PLANNED.
    `weeks_held_tenths` is how many weeks of that amount the balance covers, times ten (85 = 8.5 weeks); 0 when
    the balance is not above zero or the weekly amount is 0.
    """

    balance_pence: int
    weekly_planned_pence: int  # the weekly amount on the chosen basis (the name is kept for older callers)
    threshold_weeks: int
    threshold_pence: int
    surplus_pence: int
    weeks_held_tenths: int
    basis: str = PLANNED
    owed_pence: int = 0
    contingency_pence: int = 0
    owed: tuple[owed.OwedItem, ...] = ()

    @property
    def weekly_pence(self) -> int:
        return self.weekly_planned_pence


def _planned_total(session: Session, period_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(PlanLine.planned_pence), 0)).where(
            PlanLine.period_id == period_id, PlanLine.archived.is_(False)
        )
    )
    return int(total or 0)


def weekly_basis_pence(session: Session, period: BudgetPeriod, basis: str, streams: list[StreamFigures]) -> int:
    if basis == PLANNED:
        return divide_round(_planned_total(session, period.id) * 7, budget.period_days(period))
    return sum(
        divide_round(s.weekly_pence * s.paid_in_budget_pence, s.period_budget_pence)
        for s in streams
        if not s.archived and s.period_budget_pence
    )


def _settings(session: Session) -> dict[str, str]:
    """The three surplus settings in one query."""
    keys = ("surplus_basis", "surplus_weeks", "contingency_pence")
    found = {
        str(k): str(v) for k, v in session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
    }
    return {key: found.get(key) or DEFAULT_SETTINGS.get(key, "") for key in keys}


def contingency_pence(session: Session) -> int:
    return max(0, settings.get_int(session, "contingency_pence"))


def make(balance: int, weekly: int, weeks: int, basis: str, items: list[owed.OwedItem], contingency: int) -> Surplus:
    owed_total = sum(i.pence for i in items)
    threshold = weeks * weekly
    held = divide_round(balance * 10, weekly) if balance > 0 and weekly > 0 else 0
    return Surplus(
        balance_pence=balance,
        weekly_planned_pence=weekly,
        threshold_weeks=weeks,
        threshold_pence=threshold,
        surplus_pence=max(0, balance - owed_total - contingency - threshold),
        weeks_held_tenths=held,
        basis=basis,
        owed_pence=owed_total,
        contingency_pence=contingency,
        owed=tuple(items),
    )


def surplus_for(
    session: Session,
    period: BudgetPeriod,
    today: dt.date,
    balance: int,
    streams: list[StreamFigures],
    weeks: int | None = None,
    basis: str | None = None,
) -> Surplus:
    chosen = _settings(session)
    basis = basis or chosen["surplus_basis"] or WEEKLY_PAYMENT
    weeks = weeks if weeks is not None else int(chosen["surplus_weeks"] or 0)
    weekly = weekly_basis_pence(session, period, basis, streams)
    contingency = max(0, int(chosen["contingency_pence"] or 0))
    return make(balance, weekly, weeks, basis, owed.owed_items(session, today), contingency)


def surplus(
    session: Session, period_id: int, today: dt.date, weeks: int | None = None, basis: str | None = None
) -> Surplus:
    """The surplus at the end of `today` (settings "surplus_weeks", "surplus_basis" and "contingency_pence"
    unless `weeks` or `basis` are given)."""
    from ipb_desktop.figures.core import balance_on
    from ipb_desktop.figures.period import stream_figures

    period = budget.get_period(session, period_id)
    streams = stream_figures(session, period_id, today)
    return surplus_for(session, period, today, balance_on(session, today), streams, weeks, basis)

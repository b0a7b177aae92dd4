"""What a person chooses from when logging or filtering payments: plan lines, categories, funding streams and
outcomes (current period first), and the payees and descriptions used before, read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import budget, ledger_query, plan
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import BudgetPeriod, FundingStream, Outcome, PlanLine
from ipb_desktop.seed import shown_name

Choice = tuple[int, str]


@dataclass
class Choices:
    plan_lines: list[Choice] = field(default_factory=list)
    categories: list[Choice] = field(default_factory=list)
    income_categories: set[int] = field(default_factory=set)
    streams: list[Choice] = field(default_factory=list)
    outcomes: list[Choice] = field(default_factory=list)
    payees: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    plan_line_category: dict[int, int | None] = field(default_factory=dict)


def _short(text: str, most: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def read_choices(session: Session, today: dt.date) -> Choices:
    """Everything to choose from. Plan lines and streams of the period around `today` come first; with more than
    one period each is labelled with its period's name."""
    periods = budget.periods(session)
    current = budget.period_for(session, today)
    order = {p.id: (0 if current is not None and p.id == current.id else 1, -p.start_date.toordinal()) for p in periods}
    names = {p.id: p.name for p in periods}
    several = len(periods) > 1

    def label(text: str, period_id: int) -> str:
        text = _short(text)
        return _("{name} ({period})").format(name=text, period=names[period_id]) if several else text

    lines = list(session.scalars(select(PlanLine).where(PlanLine.archived.is_(False)).join(BudgetPeriod)))
    lines.sort(key=lambda line: (order.get(line.period_id, (2, 0)), line.id))
    streams = list(session.scalars(select(FundingStream).where(FundingStream.archived.is_(False))))
    streams.sort(key=lambda s: (order.get(s.period_id, (2, 0)), s.id))
    categories = plan.categories(session)
    outcome_rows = session.scalars(select(Outcome).order_by(Outcome.sort_order, Outcome.id))
    return Choices(
        plan_lines=[(line.id, label(line.description, line.period_id)) for line in lines],
        categories=[(c.id, shown_name(c.name)) for c in categories],
        income_categories={c.id for c in categories if c.is_income},
        streams=[(s.id, label(s.funder_name, s.period_id)) for s in streams],
        outcomes=[(o.id, _short(o.what_matters)) for o in outcome_rows],
        payees=ledger_query.payee_suggestions(session, limit=500),
        descriptions=ledger_query.description_suggestions(session, limit=500),
        plan_line_category={line.id: line.category_id for line in lines},
    )

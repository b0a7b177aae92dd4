"""Plan lines: the support agreed in the care and support plan, each with its planned amount for the period."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, budget, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import Category, FundingStream, Outcome, PlanLine
from ipb_desktop.money import MAX_PENCE


@dataclass(frozen=True)
class PlanLineDetails:
    description: str
    planned_pence: int
    category_id: int | None = None
    stream_id: int | None = None
    outcome_ids: tuple[int, ...] = field(default_factory=tuple)
    notes: str | None = None


def _check(session: Session, period_id: int, details: PlanLineDetails) -> tuple[dict[str, object], list[Outcome]]:
    if not 0 <= details.planned_pence <= MAX_PENCE:
        raise InvalidInput("planned_amount", _("the planned amount must be between 0 and 10,000,000.00"))
    if details.category_id is not None and session.get(Category, details.category_id) is None:
        raise InvalidInput("category", _("there is no category number {id}").format(id=details.category_id))
    if details.stream_id is not None:
        stream = session.get(FundingStream, details.stream_id)
        if stream is None or stream.period_id != period_id:
            raise InvalidInput("stream", _("choose a funding stream from the same budget period"))
    outcomes = []
    for outcome_id in details.outcome_ids:
        outcome = session.get(Outcome, outcome_id)
        if outcome is None:
            raise InvalidInput("outcomes", _("there is no outcome number {id}").format(id=outcome_id))
        outcomes.append(outcome)
    fields: dict[str, object] = {
        "description": validate.required_text(details.description, "description", 300),
        "planned_pence": details.planned_pence,
        "category_id": details.category_id,
        "stream_id": details.stream_id,
        "notes": validate.text(details.notes, "notes", max_length=validate.LONG_TEXT),
    }
    return fields, outcomes


def add_plan_line(session: Session, period_id: int, details: PlanLineDetails) -> PlanLine:
    budget.get_period(session, period_id)
    fields, outcomes = _check(session, period_id, details)
    line = PlanLine(period_id=period_id, **fields)
    line.outcomes = outcomes
    session.add(line)
    session.flush()
    audit.record(session, "create", "plan_line", line.id, outcomes=[o.id for o in outcomes], **fields)
    return line


def update_plan_line(session: Session, plan_line_id: int, details: PlanLineDetails) -> PlanLine:
    line = get_plan_line(session, plan_line_id)
    fields, outcomes = _check(session, line.period_id, details)
    before = {k: getattr(line, k) for k in fields}
    for key, value in fields.items():
        setattr(line, key, value)
    line.outcomes = outcomes
    session.flush()
    audit.record(session, "update", "plan_line", line.id, **audit.changes(before, fields))
    return line


def get_plan_line(session: Session, plan_line_id: int) -> PlanLine:
    line = session.get(PlanLine, plan_line_id)
    if line is None:
        raise InvalidInput("plan_line", _("there is no plan line number {id}").format(id=plan_line_id))
    return line


def plan_lines(session: Session, period_id: int, include_archived: bool = False) -> list[PlanLine]:
    query = select(PlanLine).where(PlanLine.period_id == period_id).order_by(PlanLine.id)
    if not include_archived:
        query = query.where(PlanLine.archived.is_(False))
    return list(session.scalars(query))


def categories(session: Session) -> list[Category]:
    return list(session.scalars(select(Category).order_by(Category.is_income, Category.name)))


def category_named(session: Session, name: str) -> Category:
    found = session.scalars(select(Category).where(func.lower(Category.name) == name.strip().lower())).first()
    if found is None:
        raise InvalidInput("category", _("there is no category called '{name}'").format(name=name.strip()[:60]))
    return found

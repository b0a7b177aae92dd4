"""Taking things away again, for undo and for "delete" in the app, without ever losing anything silently.

Undoing an add removes the row it made (only while nothing else points at it) and says so in the audit log.
Deleting a plan line or a funding stream archives it (it can be brought back); deleting a rating keeps a snapshot
so undo puts back exactly what was there, including who recorded it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ipb_desktop import audit, budget, plan
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import (
    Allocation,
    Base,
    BudgetHolder,
    BudgetPeriod,
    FundingStream,
    LifeArea,
    Outcome,
    PlanLine,
    Rating,
    RegularPayment,
    plan_line_outcome,
)


def _count(session: Session, column: InstrumentedAttribute[int | None] | InstrumentedAttribute[int], value: int) -> int:
    return int(session.scalar(select(func.count()).where(column == value)) or 0)


def _in_use(what: str) -> InvalidInput:
    return InvalidInput(
        what,
        _("this is now linked to payments or other records, so it cannot be taken away; archive or set it aside"),
    )


def _remove_unused(
    session: Session,
    model: type[Base],
    row_id: int,
    entity: str,
    uses: tuple[InstrumentedAttribute[int | None], ...],
    tidy: Callable[[Any], None] | None = None,
) -> None:
    """Delete the row an add made, refusing while anything in `uses` still points at it; audited."""
    row = session.get(model, row_id)
    if row is None:
        return
    if any(_count(session, column, row_id) for column in uses):
        raise _in_use(entity)
    if tidy is not None:
        tidy(row)
    audit.record(session, "delete", entity, row_id, reason="undo")
    session.delete(row)
    session.flush()


def remove_outcome(session: Session, outcome_id: int) -> None:
    """Undo adding an outcome: its ratings and plan-line links go with it; refused once payments use it."""

    def unlink(_outcome: Outcome) -> None:
        session.execute(plan_line_outcome.delete().where(plan_line_outcome.c.outcome_id == outcome_id))

    uses = (Allocation.outcome_id, RegularPayment.outcome_id)
    _remove_unused(session, Outcome, outcome_id, "outcome", uses, unlink)


def remove_plan_line(session: Session, plan_line_id: int) -> None:
    def unlink(line: PlanLine) -> None:
        line.outcomes = []

    uses = (Allocation.plan_line_id, RegularPayment.plan_line_id)
    _remove_unused(session, PlanLine, plan_line_id, "plan_line", uses, unlink)


def remove_stream(session: Session, stream_id: int) -> None:
    uses = (Allocation.stream_id, RegularPayment.stream_id, PlanLine.stream_id)
    _remove_unused(session, FundingStream, stream_id, "stream", uses)


def remove_period(session: Session, period_id: int) -> None:
    _remove_unused(session, BudgetPeriod, period_id, "period", (FundingStream.period_id, PlanLine.period_id))


def remove_life_area(session: Session, area_id: int) -> None:
    _remove_unused(session, LifeArea, area_id, "life_area", (Outcome.life_area_id,))


def set_plan_line_archived(session: Session, plan_line_id: int, archived: bool) -> PlanLine:
    """Archive (the app's "delete") or bring back a plan line; payments linked to it keep their link."""
    line = plan.get_plan_line(session, plan_line_id)
    line.archived = archived
    audit.record(session, "archive" if archived else "restore", "plan_line", plan_line_id)
    session.flush()
    return line


def set_stream_archived(session: Session, stream_id: int, archived: bool) -> FundingStream:
    stream = budget.get_stream(session, stream_id)
    stream.archived = archived
    audit.record(session, "archive" if archived else "restore", "stream", stream_id)
    session.flush()
    return stream


@dataclass(frozen=True)
class RatingSnapshot:
    """Everything about a rating, so deleting it can be undone exactly."""

    id: int
    outcome_id: int
    rated_on: dt.date
    scale: str
    score: int
    instrument: str | None
    note: str | None
    recorded_by: str


def snapshot_rating(session: Session, rating_id: int) -> RatingSnapshot:
    r = session.get(Rating, rating_id)
    if r is None:
        raise InvalidInput("rating", _("there is no rating number {id}").format(id=rating_id))
    return RatingSnapshot(r.id, r.outcome_id, r.rated_on, r.scale, r.score, r.instrument, r.note, r.recorded_by)


def restore_rating(session: Session, snap: RatingSnapshot) -> Rating:
    """Put a deleted rating back as it was (same number, same words, same recorder)."""
    rating = Rating(
        id=snap.id,
        outcome_id=snap.outcome_id,
        rated_on=snap.rated_on,
        scale=snap.scale,
        score=snap.score,
        instrument=snap.instrument,
        note=snap.note,
        recorded_by=snap.recorded_by,
    )
    session.add(rating)
    session.flush()
    audit.record(session, "restore", "rating", rating.id, outcome=snap.outcome_id, score=snap.score)
    return rating


def remove_holder(session: Session) -> None:
    """Undo entering the holder's details for the first time."""
    found = session.scalars(select(BudgetHolder).order_by(BudgetHolder.id)).first()
    if found is None:
        return
    audit.record(session, "delete", "holder", found.id, reason="undo")
    session.delete(found)
    session.flush()

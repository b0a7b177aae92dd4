"""Taking things away again, for undo and for "delete" in the app, without ever losing anything silently.

Undoing an add removes the row it made (only while nothing else points at it) and says so in the audit log.
Deleting a plan line or a funding stream archives it (it can be brought back); deleting a rating keeps a snapshot
so undo puts back exactly what was there, including who recorded it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ipb_desktop import audit
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import (
    Allocation,
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


def remove_outcome(session: Session, outcome_id: int) -> None:
    """Undo adding an outcome: its ratings and plan-line links go with it; refused once payments use it."""
    outcome = session.get(Outcome, outcome_id)
    if outcome is None:
        return
    if _count(session, Allocation.outcome_id, outcome_id) or _count(session, RegularPayment.outcome_id, outcome_id):
        raise _in_use("outcome")
    session.execute(plan_line_outcome.delete().where(plan_line_outcome.c.outcome_id == outcome_id))
    audit.record(session, "delete", "outcome", outcome_id, reason="undo")
    session.delete(outcome)
    session.flush()


def remove_plan_line(session: Session, plan_line_id: int) -> None:
    line = session.get(PlanLine, plan_line_id)
    if line is None:
        return
    if _count(session, Allocation.plan_line_id, plan_line_id) or _count(
        session, RegularPayment.plan_line_id, plan_line_id
    ):
        raise _in_use("plan_line")
    line.outcomes = []
    audit.record(session, "delete", "plan_line", plan_line_id, reason="undo")
    session.delete(line)
    session.flush()


def remove_stream(session: Session, stream_id: int) -> None:
    stream = session.get(FundingStream, stream_id)
    if stream is None:
        return
    if (
        _count(session, Allocation.stream_id, stream_id)
        or _count(session, RegularPayment.stream_id, stream_id)
        or _count(session, PlanLine.stream_id, stream_id)
    ):
        raise _in_use("stream")
    audit.record(session, "delete", "stream", stream_id, reason="undo")
    session.delete(stream)
    session.flush()


def remove_period(session: Session, period_id: int) -> None:
    period = session.get(BudgetPeriod, period_id)
    if period is None:
        return
    if _count(session, FundingStream.period_id, period_id) or _count(session, PlanLine.period_id, period_id):
        raise _in_use("period")
    audit.record(session, "delete", "period", period_id, reason="undo")
    session.delete(period)
    session.flush()


def remove_life_area(session: Session, area_id: int) -> None:
    area = session.get(LifeArea, area_id)
    if area is None:
        return
    if _count(session, Outcome.life_area_id, area_id):
        raise _in_use("life_area")
    audit.record(session, "delete", "life_area", area_id, reason="undo")
    session.delete(area)
    session.flush()


def set_plan_line_archived(session: Session, plan_line_id: int, archived: bool) -> PlanLine:
    """Archive (the app's "delete") or bring back a plan line; payments linked to it keep their link."""
    line = session.get(PlanLine, plan_line_id)
    if line is None:
        raise InvalidInput("plan_line", _("there is no plan line number {id}").format(id=plan_line_id))
    line.archived = archived
    audit.record(session, "archive" if archived else "restore", "plan_line", plan_line_id)
    session.flush()
    return line


def set_stream_archived(session: Session, stream_id: int, archived: bool) -> FundingStream:
    stream = session.get(FundingStream, stream_id)
    if stream is None:
        raise InvalidInput("stream", _("there is no funding stream number {id}").format(id=stream_id))
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

"""Recovery outcomes in the person's own words, and progress ratings over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import OutcomeStatus, RatingScale
from ipb_desktop.models.schema import LifeArea, Outcome, Rating

SCORE_RANGES = {
    RatingScale.OWN_WORDS: (0, 10),
    RatingScale.GOAL_ATTAINMENT: (-2, 2),
    RatingScale.EXTERNAL: (-1000, 1000),
}


@dataclass(frozen=True)
class OutcomeDetails:
    what_matters: str
    how_ill_know: str | None = None
    life_area_id: int | None = None


def _check(session: Session, details: OutcomeDetails) -> dict[str, object]:
    if details.life_area_id is not None and session.get(LifeArea, details.life_area_id) is None:
        raise InvalidInput("life_area", _("there is no life area number {id}").format(id=details.life_area_id))
    return {
        "what_matters": validate.required_text(details.what_matters, "what_matters", validate.LONG_TEXT),
        "how_ill_know": validate.text(details.how_ill_know, "how_ill_know", max_length=validate.LONG_TEXT),
        "life_area_id": details.life_area_id,
    }


def add_outcome(session: Session, details: OutcomeDetails, today: dt.date | None = None) -> Outcome:
    fields = _check(session, details)
    order = session.scalar(select(func.coalesce(func.max(Outcome.sort_order), 0))) or 0
    outcome = Outcome(**fields, created_on=today or dt.date.today(), status=OutcomeStatus.ACTIVE, sort_order=order + 1)
    session.add(outcome)
    session.flush()
    audit.record(session, "create", "outcome", outcome.id)
    return outcome


def update_outcome(session: Session, outcome_id: int, details: OutcomeDetails) -> Outcome:
    outcome = get_outcome(session, outcome_id)
    fields = _check(session, details)
    before = {k: getattr(outcome, k) for k in fields}
    for key, value in fields.items():
        setattr(outcome, key, value)
    session.flush()
    audit.record(session, "update", "outcome", outcome.id, changed=sorted(audit.changes(before, fields)))
    return outcome


def set_status(session: Session, outcome_id: int, status: str, on: dt.date | None = None) -> Outcome:
    outcome = get_outcome(session, outcome_id)
    previous = outcome.status
    outcome.status = validate.choice(status, "status", OutcomeStatus)
    outcome.status_changed_on = on or dt.date.today()
    session.flush()
    audit.record(session, "status", "outcome", outcome.id, before=previous, after=status)
    return outcome


def get_outcome(session: Session, outcome_id: int) -> Outcome:
    outcome = session.get(Outcome, outcome_id)
    if outcome is None:
        raise InvalidInput("outcome", _("there is no outcome number {id}").format(id=outcome_id))
    return outcome


def list_outcomes(session: Session, status: str | None = None) -> list[Outcome]:
    query = select(Outcome).order_by(Outcome.sort_order, Outcome.id)
    if status is not None:
        query = query.where(Outcome.status == status)
    return list(session.scalars(query))


@dataclass(frozen=True)
class RatingDetails:
    rated_on: dt.date
    score: int
    scale: str = RatingScale.OWN_WORDS
    note: str | None = None
    instrument: str | None = None


def add_rating(session: Session, outcome_id: int, details: RatingDetails) -> Rating:
    """Record progress; who recorded it is the store's current actor (the holder or a named planner)."""
    get_outcome(session, outcome_id)
    scale = validate.choice(details.scale, "scale", RatingScale)
    low, high = SCORE_RANGES[RatingScale(scale)]
    if not low <= details.score <= high:
        raise InvalidInput(
            "score", _("the score must be a whole number from {low} to {high}").format(low=low, high=high)
        )
    instrument = validate.text(details.instrument, "instrument", max_length=100)
    if scale == RatingScale.EXTERNAL and not instrument:
        raise InvalidInput("instrument", _("say which questionnaire this score came from"))
    rating = Rating(
        outcome_id=outcome_id,
        rated_on=validate.date_in_range(details.rated_on, "rated_on"),
        score=details.score,
        scale=scale,
        note=validate.text(details.note, "note", max_length=validate.LONG_TEXT),
        instrument=instrument,
        recorded_by=audit.actor_of(session),
    )
    session.add(rating)
    session.flush()
    audit.record(session, "create", "rating", rating.id, outcome=outcome_id, score=details.score)
    return rating


def delete_rating(session: Session, rating_id: int) -> None:
    rating = session.get(Rating, rating_id)
    if rating is None:
        raise InvalidInput("rating", _("there is no rating number {id}").format(id=rating_id))
    audit.record(
        session,
        "delete",
        "rating",
        rating.id,
        outcome=rating.outcome_id,
        score=rating.score,
        rated_on=rating.rated_on,
    )
    session.delete(rating)
    session.flush()


def latest_ratings(session: Session, scale: str = RatingScale.OWN_WORDS) -> dict[int, Rating]:
    """The newest rating on `scale` for each outcome, in one query."""
    ranked = (
        select(
            Rating.id,
            func.row_number()
            .over(partition_by=Rating.outcome_id, order_by=(Rating.rated_on.desc(), Rating.id.desc()))
            .label("rank"),
        )
        .where(Rating.scale == scale)
        .subquery()
    )
    rows = session.scalars(select(Rating).join(ranked, Rating.id == ranked.c.id).where(ranked.c.rank == 1))
    return {r.outcome_id: r for r in rows}


def life_areas(session: Session) -> list[LifeArea]:
    return list(session.scalars(select(LifeArea).order_by(LifeArea.sort_order, LifeArea.id)))


def add_life_area(session: Session, name: str) -> LifeArea:
    clean = validate.required_text(name, "life_area", 100)
    if session.scalars(select(LifeArea).where(func.lower(LifeArea.name) == clean.lower())).first():
        raise InvalidInput("life_area", _("there is already a life area called '{name}'").format(name=clean))
    order = session.scalar(select(func.coalesce(func.max(LifeArea.sort_order), 0))) or 0
    area = LifeArea(name=clean, sort_order=order + 1)
    session.add(area)
    session.flush()
    audit.record(session, "create", "life_area", area.id, name=clean)
    return area

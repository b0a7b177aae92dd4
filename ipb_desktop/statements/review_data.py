"""Everything a review pack prints: the statement for the review dates, each outcome in the person's own words
with its ratings over time and the money spent towards it, and the answers typed before the meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import figures, outcomes
from ipb_desktop.models.schema import PlanLine, Rating, plan_line_outcome
from ipb_desktop.seed import shown_name
from ipb_desktop.statements import periods, review_answers
from ipb_desktop.statements.data import StatementData, statement_data
from ipb_desktop.statements.review_answers import Question


@dataclass(frozen=True)
class RatingPoint:
    day: dt.date
    score: int
    scale: str
    instrument: str | None
    note: str | None
    recorded_by: str


@dataclass(frozen=True)
class OutcomeReview:
    outcome_id: int
    what_matters: str
    how_ill_know: str | None
    life_area: str | None
    status: str
    ratings: tuple[RatingPoint, ...]
    spent_pence: int
    plan_lines: tuple[str, ...]


@dataclass(frozen=True)
class ReviewPackData:
    statement: StatementData
    outcomes: list[OutcomeReview]
    answers: dict[Question, str]
    review_date: dt.date | None
    # All spending by outcome (through the account or paid by others), following figures.OUTCOME_SHARE_RULE.
    spent_by_outcome: list[figures.Total] = field(default_factory=list)
    # Who wrote each answer ("holder" or "planner:Name"), so a planner's words are attributed.
    answer_authors: dict[Question, str] = field(default_factory=dict)


def review_pack_data(
    session: Session, start: dt.date | None = None, end: dt.date | None = None, today: dt.date | None = None
) -> ReviewPackData:
    """The pack for `start` to `end` (both included); by default since the last review, up to `today`."""
    today = today or dt.date.today()
    if start is None or end is None:
        since = periods.resolve(session, periods.Preset.SINCE_LAST_REVIEW, today)
        start, end = start or since.start, end or since.end
    statement = statement_data(session, start, end, generated_on=today)
    by_outcome = figures.money_out_by_outcome(session, start, end, through_account=None)
    spent = {t.key_id: t.pence for t in by_outcome if t.key_id is not None}
    ratings: dict[int, list[RatingPoint]] = {}
    columns = (Rating.rated_on, Rating.score, Rating.scale, Rating.instrument, Rating.note, Rating.recorded_by)
    # Plain rows, not mapped objects: years of ratings are only read here.
    for outcome_id, day, score, scale, instrument, note, recorded_by in session.execute(
        select(Rating.outcome_id, *columns).where(Rating.rated_on <= end).order_by(Rating.rated_on, Rating.id)
    ):
        ratings.setdefault(outcome_id, []).append(RatingPoint(day, score, scale, instrument, note, recorded_by))
    lines: dict[int, list[str]] = {}
    for outcome_id, description in session.execute(
        select(plan_line_outcome.c.outcome_id, PlanLine.description)
        .join(PlanLine, PlanLine.id == plan_line_outcome.c.plan_line_id)
        .where(PlanLine.archived.is_(False))
        .order_by(PlanLine.id)
    ):
        lines.setdefault(outcome_id, []).append(description)
    reviews = [
        OutcomeReview(
            outcome_id=o.id,
            what_matters=o.what_matters,
            how_ill_know=o.how_ill_know,
            life_area=shown_name(o.life_area.name) if o.life_area is not None else None,
            status=o.status,
            ratings=tuple(ratings.get(o.id, ())),
            spent_pence=spent.get(o.id, 0),
            plan_lines=tuple(dict.fromkeys(lines.get(o.id, ()))),
        )
        for o in outcomes.list_outcomes(session)
    ]
    review_date = statement.holder.next_review_date if statement.holder is not None else None
    return ReviewPackData(
        statement,
        reviews,
        review_answers.answers(session),
        review_date,
        by_outcome,
        review_answers.authors(session),
    )

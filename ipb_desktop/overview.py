"""Small read-only summaries for the Home and Outcomes screens that the figures module does not give:
how an outcome's rating has moved, and when the next monitoring return is due. Plain words, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import settings
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import OutcomeStatus, RatingScale
from ipb_desktop.models.schema import BudgetPeriod, Outcome, Rating

_MONTHS_BETWEEN = {"monthly": 1, "quarterly": 3, "six_monthly": 6, "yearly": 12}


def trend_text(scores: list[int]) -> str:
    """How the last two ratings compare, in words (never colour alone): "up from 4 to 6"."""
    if not scores:
        return _("not rated yet")
    if len(scores) == 1:
        return _("first rating: {score}").format(score=scores[0])
    before, now = scores[-2], scores[-1]
    if now > before:
        return _("up from {before} to {now}").format(before=before, now=now)
    if now < before:
        return _("down from {before} to {now}").format(before=before, now=now)
    return _("the same as last time ({now})").format(now=now)


@dataclass(frozen=True)
class OutcomeProgress:
    """One outcome with its own-words ratings (oldest first) for Home and the Outcomes list."""

    outcome_id: int
    what_matters: str
    status: str
    life_area: str | None
    scores: tuple[int, ...]
    latest_on: dt.date | None

    @property
    def latest(self) -> int | None:
        return self.scores[-1] if self.scores else None

    @property
    def trend(self) -> str:
        return trend_text(list(self.scores))


def outcome_progress(session: Session, status: str | None = OutcomeStatus.ACTIVE) -> list[OutcomeProgress]:
    """Outcomes (active ones by default) with their 0-10 ratings, read in two queries."""
    query = select(Outcome).order_by(Outcome.sort_order, Outcome.id)
    if status is not None:
        query = query.where(Outcome.status == status)
    found = list(session.scalars(query))
    ratings: dict[int, list[Rating]] = {o.id: [] for o in found}
    if found:
        for r in session.scalars(
            select(Rating)
            .where(Rating.outcome_id.in_(list(ratings)), Rating.scale == RatingScale.OWN_WORDS)
            .order_by(Rating.rated_on, Rating.id)
        ):
            ratings[r.outcome_id].append(r)
    return [
        OutcomeProgress(
            outcome_id=o.id,
            what_matters=o.what_matters,
            status=o.status,
            life_area=o.life_area.name if o.life_area else None,
            scores=tuple(r.score for r in ratings[o.id]),
            latest_on=ratings[o.id][-1].rated_on if ratings[o.id] else None,
        )
        for o in found
    ]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def next_monitoring_due(session: Session, today: dt.date) -> dt.date | None:
    """The next monitoring return date: counted from the start of the budget period in force, every month,
    quarter, half year or year (setting "monitoring_every"). None when there is no budget period yet."""
    period = session.scalars(
        select(BudgetPeriod).where(BudgetPeriod.start_date <= today).order_by(BudgetPeriod.start_date.desc())
    ).first()
    if period is None:
        return None
    step = _MONTHS_BETWEEN.get(settings.get(session, "monitoring_every"), 3)
    due = period.start_date
    count = 0
    while due <= today:
        count += 1
        due = _add_months(period.start_date, step * count)
    return due

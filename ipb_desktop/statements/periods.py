"""Date ranges for statements: the presets people ask for, each an inclusive range (first and last day counted).

Quarters are counted from the start of the budget period that holds the day (a budget year from 1 April gives
April-June, July-September ...); with no budget period set up, from 1 April, the start of the UK financial year.
Ranges that would run past today stop at today, so a statement never shows days that have not happened yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from ipb_desktop import budget, holder
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _


class Preset(StrEnum):
    THIS_QUARTER = "this_quarter"
    LAST_QUARTER = "last_quarter"
    THIS_BUDGET_YEAR = "this_budget_year"
    SINCE_LAST_REVIEW = "since_last_review"


PRESET_LABELS: dict[Preset, str] = {
    Preset.THIS_QUARTER: N_("This quarter"),
    Preset.LAST_QUARTER: N_("Last quarter"),
    Preset.THIS_BUDGET_YEAR: N_("This budget year"),
    Preset.SINCE_LAST_REVIEW: N_("Since the last review"),
}


@dataclass(frozen=True)
class DateRange:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), moved back to the month's last day when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _year_start(session: Session, today: dt.date) -> dt.date:
    period = budget.period_for(session, today)
    if period is not None and period.start_date <= today <= period.end_date:
        return period.start_date
    april = dt.date(today.year, 4, 1)
    return april if today >= april else dt.date(today.year - 1, 4, 1)


def _quarter_of(session: Session, day: dt.date) -> DateRange:
    start = _year_start(session, day)
    while add_months(start, 3) <= day:
        start = add_months(start, 3)
    return DateRange(start, add_months(start, 3) - dt.timedelta(days=1))


def last_review_date(session: Session, today: dt.date) -> dt.date | None:
    """The day of the last review: the next review date a year back (reviews are yearly), or the review date
    itself when it has already passed. None when no review date is recorded."""
    person = holder.get_holder(session)
    if person is None or person.next_review_date is None:
        return None
    review = person.next_review_date
    while review > today:
        review = add_months(review, -12)
    return review


def resolve(session: Session, preset: str, today: dt.date | None = None) -> DateRange:
    """The inclusive date range a preset means on `today`."""
    today = today or dt.date.today()
    if preset == Preset.THIS_QUARTER:
        quarter = _quarter_of(session, today)
        return DateRange(quarter.start, min(quarter.end, today))
    if preset == Preset.LAST_QUARTER:
        return _quarter_of(session, _quarter_of(session, today).start - dt.timedelta(days=1))
    if preset == Preset.THIS_BUDGET_YEAR:
        period = budget.period_for(session, today)
        if period is not None and period.start_date <= today:
            return DateRange(period.start_date, min(period.end_date, today))
        return DateRange(_year_start(session, today), today)
    if preset == Preset.SINCE_LAST_REVIEW:
        review = last_review_date(session, today)
        if review is None:
            return resolve(session, Preset.THIS_BUDGET_YEAR, today)
        return DateRange(review, today)
    raise InvalidInput(
        "preset",
        _("'{value}' is not one of: {codes}").format(value=preset, codes=", ".join(p.value for p in Preset)),
    )


def check_range(start: dt.date, end: dt.date) -> DateRange:
    """A range a person chose, refused with a plain reason when the dates are the wrong way round."""
    if end < start:
        raise InvalidInput("to", _("the end date is before the start date; please swap them"))
    return DateRange(start, end)

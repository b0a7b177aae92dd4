"""Budget periods and the funding streams that make up one integrated budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import FunderKind, HeldAs, Schedule
from ipb_desktop.models.schema import BudgetPeriod, FundingStream
from ipb_desktop.money import MAX_PENCE, divide_round

# How many payments of each schedule fall in a year of 52 weeks, as a fraction (numerator, denominator).
_PER_YEAR: dict[str, tuple[int, int]] = {
    Schedule.WEEKLY: (52, 1),
    Schedule.FOUR_WEEKLY: (13, 1),
    Schedule.MONTHLY: (12, 1),
    Schedule.QUARTERLY: (4, 1),
    Schedule.YEARLY: (1, 1),
}


def add_period(session: Session, name: str, start: dt.date, end: dt.date) -> BudgetPeriod:
    """A budget period, both dates inclusive. Periods may not overlap."""
    validate.date_in_range(start, "start_date")
    validate.date_in_range(end, "end_date")
    if end < start:
        raise InvalidInput("end_date", _("the end date is before the start date; please swap them"))
    if (end - start).days > 3 * 366:
        raise InvalidInput("end_date", _("a budget period can be at most three years long"))
    clash = session.scalars(
        select(BudgetPeriod).where(BudgetPeriod.start_date <= end, BudgetPeriod.end_date >= start)
    ).first()
    if clash is not None:
        raise InvalidInput(
            "start_date",
            _("these dates overlap the period '{name}' ({start} to {end}); choose dates outside it").format(
                name=clash.name, start=clash.start_date, end=clash.end_date
            ),
        )
    period = BudgetPeriod(name=validate.required_text(name, "name", 100), start_date=start, end_date=end)
    session.add(period)
    session.flush()
    audit.record(session, "create", "period", period.id, start=start, end=end)
    return period


def periods(session: Session) -> list[BudgetPeriod]:
    return list(session.scalars(select(BudgetPeriod).order_by(BudgetPeriod.start_date)))


def period_for(session: Session, day: dt.date) -> BudgetPeriod | None:
    """The period containing `day`, else the latest one that started before it, else the first one."""
    found = session.scalars(
        select(BudgetPeriod).where(BudgetPeriod.start_date <= day).order_by(BudgetPeriod.start_date.desc())
    ).first()
    return found or session.scalars(select(BudgetPeriod).order_by(BudgetPeriod.start_date)).first()


def get_period(session: Session, period_id: int) -> BudgetPeriod:
    period = session.get(BudgetPeriod, period_id)
    if period is None:
        raise InvalidInput("period", _("there is no budget period number {id}").format(id=period_id))
    return period


@dataclass(frozen=True)
class StreamDetails:
    funder_kind: str
    funder_name: str
    amount_pence: int
    schedule: str
    held_as: str = HeldAs.DIRECT_PAYMENT
    notes: str | None = None
    # For a mixed stream: the part of each payment paid into the account (the rest is held by the funder).
    paid_in_pence: int | None = None


def _check_stream(details: StreamDetails) -> dict[str, object]:
    if not 0 <= details.amount_pence <= MAX_PENCE:
        raise InvalidInput("amount", _("the amount must be between 0 and 10,000,000.00"))
    held_as = validate.choice(details.held_as, "held_as", HeldAs)
    paid_in = details.paid_in_pence if held_as == HeldAs.MIXED else None
    if held_as == HeldAs.MIXED and (paid_in is None or not 0 <= paid_in <= details.amount_pence):
        raise InvalidInput(
            "paid_in",
            _("for a mixed budget, say how much of each payment is paid into the account (0 up to the payment)"),
        )
    return {
        "funder_kind": validate.choice(details.funder_kind, "funder_kind", FunderKind),
        "funder_name": validate.required_text(details.funder_name, "funder_name"),
        "amount_pence": details.amount_pence,
        "schedule": validate.choice(details.schedule, "schedule", Schedule),
        "held_as": held_as,
        "paid_in_pence": paid_in,
        "notes": validate.text(details.notes, "notes", max_length=validate.LONG_TEXT),
    }


def add_stream(session: Session, period_id: int, details: StreamDetails) -> FundingStream:
    fields = _check_stream(details)
    get_period(session, period_id)
    stream = FundingStream(period_id=period_id, **fields)
    session.add(stream)
    session.flush()
    audit.record(session, "create", "stream", stream.id, **fields)
    return stream


def update_stream(session: Session, stream_id: int, details: StreamDetails) -> FundingStream:
    stream = get_stream(session, stream_id)
    fields = _check_stream(details)
    before = {k: getattr(stream, k) for k in fields}
    for key, value in fields.items():
        setattr(stream, key, value)
    session.flush()
    audit.record(session, "update", "stream", stream.id, **audit.changes(before, fields))
    return stream


def get_stream(session: Session, stream_id: int) -> FundingStream:
    stream = session.get(FundingStream, stream_id)
    if stream is None:
        raise InvalidInput("stream", _("there is no funding stream number {id}").format(id=stream_id))
    return stream


def period_days(period: BudgetPeriod) -> int:
    """The period's length in days, counting both the first and the last day."""
    return (period.end_date - period.start_date).days + 1


# -- the one definition of a stream's amounts (used by Home, Plan, `summary`, the statement and the CSV) ----------
#
# BY PAYMENTS, as councils and the NHS state a budget: a year holds 52 weekly payments, 13 four-weekly, 12 monthly,
# 4 quarterly and 1 yearly payment. A stream's yearly amount is its payment times that number (a £560 four-weekly
# stream is £7,280 a year, never £7,300 from 365 days); its weekly amount is the yearly amount over 52 weeks; its
# budget for a period is its payment times the number of whole payments the period holds, which is the period's
# share of a year's payments rounded to the nearest whole payment (at least one). A budget year (365 or 366 days)
# therefore holds exactly the yearly amount. A one-off payment counts once in its period.

_DAYS_IN_YEAR = 365


def payments_in_days(schedule: str, days: int) -> int:
    """How many payments of `schedule` a stretch of `days` days holds (whole payments; a one-off counts once)."""
    if schedule == Schedule.ONE_OFF:
        return 1
    per, div = _PER_YEAR[schedule]
    return max(1, divide_round(days * per, _DAYS_IN_YEAR * div))


def payments_in_period(stream: FundingStream) -> int:
    """The number of payments the stream makes in its budget period (see the note above)."""
    return payments_in_days(stream.schedule, period_days(stream.period))


def yearly_pence(stream: FundingStream) -> int:
    """What the stream pays in a year of 52 weeks (a one-off amount counts once, scaled to a year if the period
    is longer than a year)."""
    if stream.schedule == Schedule.ONE_OFF:
        days = period_days(stream.period)
        return stream.amount_pence if days <= 366 else divide_round(stream.amount_pence * _DAYS_IN_YEAR, days)
    per, div = _PER_YEAR[stream.schedule]
    return divide_round(stream.amount_pence * per, div)


def weekly_pence(stream: FundingStream) -> int:
    """The stream's weekly equivalent: its yearly amount over 52 weeks (a one-off over the period's weeks)."""
    if stream.schedule == Schedule.WEEKLY:
        return stream.amount_pence
    if stream.schedule == Schedule.ONE_OFF:
        return divide_round(stream.amount_pence * 7, period_days(stream.period))
    return divide_round(yearly_pence(stream), 52)


def period_total_pence(stream: FundingStream) -> int:
    """What the stream pays over its whole period (the agreed budget from this stream): its payment times the
    payments the period holds."""
    return stream.amount_pence * payments_in_period(stream)


def paid_in_share_pence(stream: FundingStream, pence: int) -> int:
    """The part of `pence` of this stream that is paid into the account: all of it for a direct payment, none for
    a notional or third-party budget, and the stated part of each payment for a mixed one."""
    if stream.held_as == HeldAs.DIRECT_PAYMENT:
        return pence
    if stream.held_as == HeldAs.MIXED and stream.amount_pence > 0:
        return divide_round(pence * min(stream.paid_in_pence or 0, stream.amount_pence), stream.amount_pence)
    return 0

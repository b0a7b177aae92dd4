"""Regular payments: set up once (weekly assistant wages, the council's four-weekly payment in, a standing order)
and offered for confirmation when due, so the ledger keeps itself up to date without guessing.

Nothing is added to the ledger until the person confirms a payment: `due` only lists what is waiting,
`confirm` records one occurrence as a transaction and moves the regular payment on to its next date,
and `skip` moves it on without recording anything (the payment did not happen this time).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, ledger, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import Direction, PaymentMethod, Schedule
from ipb_desktop.models.schema import (
    Category,
    FundingStream,
    Outcome,
    PlanLine,
    RegularPayment,
    Transaction,
)
from ipb_desktop.money import MAX_PENCE

# However long the app was left closed, at most this many missed occurrences of one payment are offered.
MAX_DUE_PER_PAYMENT = 60

REPEATING = (Schedule.WEEKLY, Schedule.FOUR_WEEKLY, Schedule.MONTHLY, Schedule.QUARTERLY, Schedule.YEARLY)


@dataclass(frozen=True)
class RegularDetails:
    """Everything a person enters for a regular payment. `next_due` is the date of the next one to expect;
    `end_date` (inclusive), when given, is the last date it can fall on."""

    direction: str
    amount_pence: int
    payee: str
    schedule: str
    next_due: dt.date
    description: str = ""
    end_date: dt.date | None = None
    category_id: int | None = None
    plan_line_id: int | None = None
    stream_id: int | None = None
    outcome_id: int | None = None
    payment_method: str | None = None


@dataclass(frozen=True)
class DueOccurrence:
    """One occurrence of a regular payment that has come due and is waiting to be confirmed or skipped."""

    regular_id: int
    due_on: dt.date
    direction: str
    amount_pence: int
    payee: str
    description: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, moved back to the month's last day when that month is shorter.

    The last day of a month stays the last day (31 January, 28 February, 31 March).
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month, last if was_last else min(day.day, last))


def next_date(day: dt.date, schedule: str) -> dt.date:
    """The date after `day` on a repeating schedule."""
    if schedule == Schedule.WEEKLY:
        return day + dt.timedelta(days=7)
    if schedule == Schedule.FOUR_WEEKLY:
        return day + dt.timedelta(days=28)
    if schedule == Schedule.MONTHLY:
        return add_months(day, 1)
    if schedule == Schedule.QUARTERLY:
        return add_months(day, 3)
    if schedule == Schedule.YEARLY:
        return add_months(day, 12)
    raise InvalidInput(
        "schedule", _("a regular payment must repeat: weekly, four-weekly, monthly, quarterly or yearly")
    )


def _check(session: Session, details: RegularDetails) -> dict[str, object]:
    validate.choice(details.direction, "direction", Direction)
    if details.schedule not in REPEATING:
        raise InvalidInput(
            "schedule", _("a regular payment must repeat: weekly, four-weekly, monthly, quarterly or yearly")
        )
    if not 0 < details.amount_pence <= MAX_PENCE:
        raise InvalidInput("amount", _("the amount must be more than 0.00 and at most 10,000,000.00"))
    validate.date_in_range(details.next_due, "next_due")
    if details.end_date is not None:
        validate.date_in_range(details.end_date, "end_date")
        if details.end_date < details.next_due:
            raise InvalidInput("end_date", _("the end date is before the next payment date; please check both"))
    if details.payment_method is not None:
        validate.choice(details.payment_method, "payment_method", PaymentMethod)
    category_id, stream_id = details.category_id, details.stream_id
    if details.plan_line_id is not None:
        line = session.get(PlanLine, details.plan_line_id)
        if line is None:
            raise InvalidInput("plan_line", _("there is no plan line number {id}").format(id=details.plan_line_id))
        category_id = category_id if category_id is not None else line.category_id
        stream_id = stream_id if stream_id is not None else line.stream_id
    for model, value, name in (
        (Category, category_id, "category"),
        (FundingStream, stream_id, "stream"),
        (Outcome, details.outcome_id, "outcome"),
    ):
        if value is not None and session.get(model, value) is None:
            raise InvalidInput(name, _("there is no {what} number {id}").format(what=name, id=value))
    return {
        "direction": details.direction,
        "amount_pence": details.amount_pence,
        "payee": validate.required_text(details.payee, "payee"),
        "description": validate.text(details.description, "description", max_length=500) or "",
        "schedule": details.schedule,
        "next_due": details.next_due,
        "end_date": details.end_date,
        "category_id": category_id,
        "plan_line_id": details.plan_line_id,
        "stream_id": stream_id,
        "outcome_id": details.outcome_id,
        "payment_method": details.payment_method,
    }


def add_regular(session: Session, details: RegularDetails) -> RegularPayment:
    fields = _check(session, details)
    regular = RegularPayment(**fields, active=True)
    session.add(regular)
    session.flush()
    audit.record(session, "create", "regular_payment", regular.id, **fields)
    return regular


def update_regular(session: Session, regular_id: int, details: RegularDetails) -> RegularPayment:
    regular = get_regular(session, regular_id)
    fields = _check(session, details)
    before = {k: getattr(regular, k) for k in fields}
    for key, value in fields.items():
        setattr(regular, key, value)
    session.flush()
    audit.record(session, "update", "regular_payment", regular.id, **audit.changes(before, fields))
    return regular


def details_of(regular: RegularPayment) -> RegularDetails:
    """The regular payment as details (used to undo an edit by saving the old details back)."""
    return RegularDetails(
        direction=regular.direction,
        amount_pence=regular.amount_pence,
        payee=regular.payee,
        schedule=regular.schedule,
        next_due=regular.next_due,
        description=regular.description,
        end_date=regular.end_date,
        category_id=regular.category_id,
        plan_line_id=regular.plan_line_id,
        stream_id=regular.stream_id,
        outcome_id=regular.outcome_id,
        payment_method=regular.payment_method,
    )


def stop_regular(session: Session, regular_id: int) -> RegularPayment:
    """Stop offering a regular payment. It is kept (and `resume_regular` brings it back)."""
    regular = get_regular(session, regular_id)
    if regular.active:
        regular.active = False
        audit.record(session, "stop", "regular_payment", regular.id)
    return regular


def resume_regular(session: Session, regular_id: int) -> RegularPayment:
    regular = get_regular(session, regular_id)
    if not regular.active:
        regular.active = True
        audit.record(session, "resume", "regular_payment", regular.id)
    return regular


def get_regular(session: Session, regular_id: int) -> RegularPayment:
    regular = session.get(RegularPayment, regular_id)
    if regular is None:
        raise InvalidInput("regular_payment", _("there is no regular payment number {id}").format(id=regular_id))
    return regular


def list_regular(session: Session, include_stopped: bool = False) -> list[RegularPayment]:
    query = select(RegularPayment).order_by(RegularPayment.next_due, RegularPayment.id)
    if not include_stopped:
        query = query.where(RegularPayment.active.is_(True))
    return list(session.scalars(query))


def _finished(regular: RegularPayment, day: dt.date) -> bool:
    return regular.end_date is not None and day > regular.end_date


def due(session: Session, today: dt.date) -> list[DueOccurrence]:
    """Every occurrence on or before `today` not yet confirmed or skipped, oldest first."""
    found: list[DueOccurrence] = []
    query = select(RegularPayment).where(RegularPayment.active.is_(True), RegularPayment.next_due <= today)
    for regular in session.scalars(query):
        day = regular.next_due
        for _n in range(MAX_DUE_PER_PAYMENT):
            if day > today or _finished(regular, day):
                break
            found.append(
                DueOccurrence(
                    regular.id, day, regular.direction, regular.amount_pence, regular.payee, regular.description
                )
            )
            day = next_date(day, regular.schedule)
    found.sort(key=lambda o: (o.due_on, o.regular_id))
    return found


def _advance(session: Session, regular: RegularPayment) -> None:
    regular.next_due = next_date(regular.next_due, regular.schedule)
    session.flush()


def confirm(session: Session, regular_id: int, on_date: dt.date, amount_pence: int | None = None) -> Transaction:
    """Record the next due occurrence as a payment on `on_date` (the day it really went through, which may
    differ from the day it was due), optionally for a different amount, and move on to the next date."""
    regular = get_regular(session, regular_id)
    if not regular.active or _finished(regular, regular.next_due):
        raise InvalidInput("regular_payment", _("this regular payment has stopped, so there is nothing to confirm"))
    draft = ledger.TransactionDraft(
        txn_date=on_date,
        direction=regular.direction,
        amount_pence=regular.amount_pence if amount_pence is None else amount_pence,
        payee=regular.payee,
        description=regular.description,
        payment_method=regular.payment_method,
        category_id=regular.category_id,
        plan_line_id=regular.plan_line_id,
        stream_id=regular.stream_id,
        outcome_id=regular.outcome_id,
    )
    txn = ledger.add_transaction(session, draft)
    due_on = regular.next_due
    _advance(session, regular)
    audit.record(session, "confirm", "regular_payment", regular.id, due_on=due_on, transaction=txn.id)
    return txn


def skip(session: Session, regular_id: int) -> RegularPayment:
    """Move on to the next date without recording a payment (it did not happen this time)."""
    regular = get_regular(session, regular_id)
    due_on = regular.next_due
    _advance(session, regular)
    audit.record(session, "skip", "regular_payment", regular.id, due_on=due_on)
    return regular


def set_next_due(session: Session, regular_id: int, day: dt.date) -> RegularPayment:
    """Put the next date back (used to undo a confirm or a skip)."""
    regular = get_regular(session, regular_id)
    before = regular.next_due
    regular.next_due = validate.date_in_range(day, "next_due")
    session.flush()
    audit.record(session, "update", "regular_payment", regular.id, next_due=[before, day])
    return regular

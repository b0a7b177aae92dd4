"""Employer checks (insurance, DBS, right to work, contract, pension enrolment, P60) and the reminders they give.

Each check has the day it was done and the day it is next due (insurance renewal, the DBS review date the council
asks for, pension re-enrolment three years after enrolment). A certificate can be kept with a check, encrypted
inside the store like receipts. Reminders come `ahead` days before a due date and stay until it is done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.employment import wages
from ipb_desktop.employment.employees import get_employee, list_employees, rate_on
from ipb_desktop.employment.kinds import PER_EMPLOYEE, CheckKind, label
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _
from ipb_desktop.ledger import MAX_RECEIPT_BYTES, sniff_media_type
from ipb_desktop.models.employment import Employee, EmployerCheck, Payslip
from ipb_desktop.models.schema import utcnow

AHEAD_DAYS = 42
RE_ENROLMENT_YEARS = 3


@dataclass(frozen=True)
class CheckDetails:
    kind: str
    employee_id: int | None = None
    done_on: dt.date | None = None
    due_on: dt.date | None = None
    provider: str | None = None
    reference: str | None = None
    notes: str | None = None


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_check(session: Session, details: CheckDetails) -> EmployerCheck:
    validate.choice(details.kind, "kind", CheckKind)
    if details.employee_id is not None:
        get_employee(session, details.employee_id)
    elif details.kind in PER_EMPLOYEE:
        raise InvalidInput("employee", _("say which PA this check is for"))
    for day, name in ((details.done_on, "done"), (details.due_on, "due")):
        if day is not None:
            validate.date_in_range(day, name)
    if details.done_on is None and details.due_on is None:
        raise InvalidInput("done", _("give the day it was done, or the day it is due"))
    due = details.due_on
    if (
        due is None
        and details.done_on
        and details.kind in (CheckKind.PENSION_ENROLMENT, CheckKind.PENSION_RE_ENROLMENT)
    ):
        due = _years_later(details.done_on, RE_ENROLMENT_YEARS)
    check = EmployerCheck(
        kind=details.kind,
        employee_id=details.employee_id,
        done_on=details.done_on,
        due_on=due,
        provider=validate.text(details.provider, "provider"),
        reference=validate.text(details.reference, "reference"),
        notes=validate.text(details.notes, "notes", max_length=validate.LONG_TEXT),
        recorded_by=audit.actor_of(session),
    )
    session.add(check)
    session.flush()
    audit.record(session, "create", "employer_check", check.id, kind=details.kind, due=due)
    return check


def get_check(session: Session, check_id: int) -> EmployerCheck:
    check = session.get(EmployerCheck, check_id)
    if check is None:
        raise InvalidInput("check", _("there is no employer check number {id}").format(id=check_id))
    return check


def delete_check(session: Session, check_id: int) -> EmployerCheck:
    check = get_check(session, check_id)
    if check.deleted_at is None:
        check.deleted_at = utcnow()
        audit.record(session, "delete", "employer_check", check.id)
    return check


def restore_check(session: Session, check_id: int) -> EmployerCheck:
    check = get_check(session, check_id)
    if check.deleted_at is not None:
        check.deleted_at = None
        audit.record(session, "restore", "employer_check", check.id)
    return check


def keep_document(session: Session, check_id: int, filename: str, content: bytes) -> EmployerCheck:
    """Keep a certificate (PDF or photo) with a check, encrypted inside the store."""
    check = get_check(session, check_id)
    if not content:
        raise InvalidInput("document", _("that file is empty; choose the certificate's PDF or photo"))
    if len(content) > MAX_RECEIPT_BYTES:
        raise InvalidInput("document", _("that file is too big; the most is {max} MB").format(max=20))
    media = sniff_media_type(content)
    if media is None:
        raise InvalidInput("document", _("that file is not a photo (JPEG, PNG, GIF, WebP) or a PDF"))
    check.document_name = validate.required_text(filename.replace("\\", "/").rsplit("/", 1)[-1], "document", 255)
    check.document_media_type = media
    check.document = content
    session.flush()
    audit.record(session, "attach", "employer_check", check.id, size=len(content))
    return check


def list_checks(session: Session) -> list[EmployerCheck]:
    return list(
        session.scalars(
            select(EmployerCheck)
            .where(EmployerCheck.deleted_at.is_(None))
            .order_by(EmployerCheck.kind, EmployerCheck.employee_id, EmployerCheck.done_on, EmployerCheck.id)
        )
    )


@dataclass(frozen=True)
class Reminder:
    due_on: dt.date
    kind: str
    text: str
    employee_id: int | None = None
    check_id: int | None = None

    def overdue(self, day: dt.date) -> bool:
        return self.due_on < day


def _latest(checks: list[EmployerCheck]) -> dict[tuple[str, int | None], EmployerCheck]:
    latest: dict[tuple[str, int | None], EmployerCheck] = {}
    for check in checks:
        kind = CheckKind.PENSION_ENROLMENT if check.kind == CheckKind.PENSION_RE_ENROLMENT else check.kind
        key = (kind, check.employee_id)
        when = check.done_on or check.due_on
        held = latest.get(key)
        if held is None or (when, check.id) >= (held.done_on or held.due_on, held.id):
            latest[key] = check
    return latest


def _tax_year_start(day: dt.date) -> dt.date:
    year = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return dt.date(year, 4, 6)


def reminders(session: Session, day: dt.date, ahead: int = AHEAD_DAYS) -> list[Reminder]:
    """What needs doing soon or is overdue, soonest first."""
    horizon = day + dt.timedelta(days=ahead)
    checks = list_checks(session)
    latest = _latest(checks)
    names = {e.id: e.name for e in list_employees(session)}
    found: list[Reminder] = []
    for (kind, employee_id), check in latest.items():
        if check.due_on is None or check.due_on > horizon:
            continue
        if kind == CheckKind.P60:
            continue
        who = names.get(employee_id, "") if employee_id is not None else ""
        what = _("Pension re-enrolment") if kind == CheckKind.PENSION_ENROLMENT else label(kind)
        text = (
            _("{what} for {name} is due").format(what=what, name=who) if who else _("{what} is due").format(what=what)
        )
        found.append(Reminder(check.due_on, kind, text, employee_id, check.id))
    current = list_employees(session, include_former=False, day=day)
    if current and (CheckKind.EL_INSURANCE, None) not in latest:
        text = _("Employer's liability insurance is not recorded yet. It is required by law when you employ a PA")
        found.append(Reminder(day, CheckKind.EL_INSURANCE, text))
    for employee in current:
        for kind in (CheckKind.RIGHT_TO_WORK, CheckKind.CONTRACT):
            if (kind, employee.id) not in latest:
                text = _("{what} for {name} is not recorded yet").format(what=label(kind), name=employee.name)
                found.append(Reminder(employee.start_date, kind, text, employee.id))
        found += _wage_rises(employee, day, horizon)
    found += _p60s(session, day, latest)
    return sorted(found, key=lambda r: (r.due_on, r.kind, r.employee_id or 0))


def _wage_rises(employee: Employee, day: dt.date, horizon: dt.date) -> list[Reminder]:
    rate = rate_on(employee, day)
    for later in wages.later_minimums(day, employee.age_band):
        if later.starts <= horizon and rate is not None and rate < later.hourly_pence:
            text = _("{name}'s rate must go up to at least {minimum} an hour").format(
                name=employee.name, minimum=money(later.hourly_pence)
            )
            return [Reminder(later.starts, "minimum_wage", text, employee.id)]
    return []


def _p60s(session: Session, day: dt.date, latest: dict[tuple[str, int | None], EmployerCheck]) -> list[Reminder]:
    """A P60 for each PA paid in the last tax year, due by 31 May (reminded from 6 April to the end of June)."""
    this_year = _tax_year_start(day)
    if not this_year <= day <= dt.date(this_year.year, 6, 30):
        return []
    last_year = dt.date(this_year.year - 1, 4, 6)
    paid = session.execute(
        select(Employee.id, Employee.name)
        .join(Payslip, Payslip.employee_id == Employee.id)
        .where(Payslip.deleted_at.is_(None), Payslip.pay_date >= last_year, Payslip.pay_date < this_year)
        .distinct()
    )
    found = []
    for employee_id, name in paid:
        given = latest.get((CheckKind.P60, employee_id))
        if given is not None and given.done_on is not None and given.done_on >= this_year:
            continue
        text = _("Give {name} their P60 by 31 May").format(name=name)
        found.append(Reminder(dt.date(this_year.year, 5, 31), CheckKind.P60, text, employee_id))
    return found

"""Personal assistants: who they are, their hourly rates from given dates, and gentle checks on those rates.

An hourly rate below the National Minimum or Living Wage is flagged (never blocked: the age band may be wrong, or
the rate already changed elsewhere) when a PA is added or a rate changes, including a rate that will fall below a
minimum already announced for a later date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.employment import wages
from ipb_desktop.employment.kinds import AgeBand, HoursKind
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.models.employment import Employee, EmployeeRate, EmployerCheck, Payslip, Shift

MAX_HOURLY_PENCE = 100_00


@dataclass(frozen=True)
class EmployeeDetails:
    name: str
    start_date: dt.date
    role: str = ""
    end_date: dt.date | None = None
    usual_minutes_per_week: int = 0
    hours_kind: str = HoursKind.REGULAR
    age_band: str = AgeBand.ADULT
    payroll_reference: str | None = None
    bank_payee: str | None = None
    leave_year_start_month: int = 4
    notes: str | None = None


def _fields(details: EmployeeDetails) -> dict[str, object]:
    validate.date_in_range(details.start_date, "start")
    if details.end_date is not None:
        validate.date_in_range(details.end_date, "end")
        if details.end_date < details.start_date:
            raise InvalidInput("end", _("the last day is before the first day; please check the dates"))
    validate.choice(details.hours_kind, "hours_kind", HoursKind)
    validate.choice(details.age_band, "age_band", AgeBand)
    if not 0 <= details.usual_minutes_per_week <= 7 * 24 * 60:
        raise InvalidInput("usual_hours", _("the usual hours must be between 0 and 168 a week"))
    if not 1 <= details.leave_year_start_month <= 12:
        raise InvalidInput("leave_year", _("the leave year must start in a month from 1 to 12"))
    return {
        "name": validate.required_text(details.name, "name"),
        "role": validate.text(details.role, "role") or "",
        "start_date": details.start_date,
        "end_date": details.end_date,
        "usual_minutes_per_week": details.usual_minutes_per_week,
        "hours_kind": details.hours_kind,
        "age_band": details.age_band,
        "payroll_reference": validate.text(details.payroll_reference, "payroll_reference", max_length=100),
        "bank_payee": validate.text(details.bank_payee, "bank_payee"),
        "leave_year_start_month": details.leave_year_start_month,
        "notes": validate.text(details.notes, "notes", max_length=validate.LONG_TEXT),
    }


def details_of(employee: Employee) -> EmployeeDetails:
    """The employee as details (used to undo a change by saving the old details back)."""
    return EmployeeDetails(
        name=employee.name,
        start_date=employee.start_date,
        role=employee.role,
        end_date=employee.end_date,
        usual_minutes_per_week=employee.usual_minutes_per_week,
        hours_kind=employee.hours_kind,
        age_band=employee.age_band,
        payroll_reference=employee.payroll_reference,
        bank_payee=employee.bank_payee,
        leave_year_start_month=employee.leave_year_start_month,
        notes=employee.notes,
    )


def _check_rate(hourly_pence: int) -> None:
    if not 0 < hourly_pence <= MAX_HOURLY_PENCE:
        raise InvalidInput("rate", _("the hourly rate must be more than 0.00 and at most 100.00"))


def rate_warnings(age_band: str, effective_from: dt.date, hourly_pence: int, until: dt.date | None = None) -> list[str]:
    """Plain warnings when `hourly_pence` from `effective_from` (to `until`, if it ends) is below a minimum."""
    warnings = []
    now = wages.minimum_on(effective_from, age_band)
    if now is not None and hourly_pence < now.hourly_pence:
        warnings.append(
            _(
                "{rate} an hour is below the legal minimum of {minimum} an hour from {date}. Please check the "
                "rate with your payroll service."
            ).format(rate=money(hourly_pence), minimum=money(now.hourly_pence), date=date_long(now.starts))
        )
    for later in wages.later_minimums(effective_from, age_band):
        if (until is None or later.starts <= until) and hourly_pence < later.hourly_pence:
            warnings.append(
                _("From {date} the legal minimum goes up to {minimum} an hour; this rate will need to go up.").format(
                    date=date_long(later.starts), minimum=money(later.hourly_pence)
                )
            )
            break
    return warnings


def add_employee(
    session: Session, details: EmployeeDetails, hourly_pence: int, rate_from: dt.date | None = None
) -> tuple[Employee, list[str]]:
    """Add a PA with their first hourly rate (from their start date unless `rate_from` says otherwise)."""
    fields = _fields(details)
    _check_rate(hourly_pence)
    employee = Employee(**fields)
    session.add(employee)
    session.flush()
    start = rate_from or details.start_date
    session.add(EmployeeRate(employee_id=employee.id, effective_from=start, hourly_pence=hourly_pence))
    session.flush()
    audit.record(session, "create", "employee", employee.id, rate=hourly_pence, start=details.start_date)
    return employee, rate_warnings(details.age_band, start, hourly_pence, details.end_date)


def change_employee(session: Session, employee_id: int, details: EmployeeDetails) -> Employee:
    employee = get_employee(session, employee_id)
    fields = _fields(details)
    before = asdict(details_of(employee))
    for key, value in fields.items():
        setattr(employee, key, value)
    session.flush()
    audit.record(session, "update", "employee", employee.id, **audit.changes(before, fields))
    return employee


def set_rate(
    session: Session, employee_id: int, effective_from: dt.date, hourly_pence: int
) -> tuple[EmployeeRate, list[str]]:
    """A new hourly rate from a date on. Returns the rate and any minimum-wage warnings."""
    employee = get_employee(session, employee_id)
    validate.date_in_range(effective_from, "from")
    _check_rate(hourly_pence)
    same_day = next((r for r in employee.rates if r.effective_from == effective_from), None)
    if same_day is not None:  # a correction: the rate from that day was wrong
        audit.record(
            session, "update", "employee_rate", same_day.id, hourly_pence=[same_day.hourly_pence, hourly_pence]
        )
        same_day.hourly_pence = hourly_pence
        rate = same_day
    else:
        rate = EmployeeRate(employee_id=employee.id, effective_from=effective_from, hourly_pence=hourly_pence)
        session.add(rate)
        session.flush()
        audit.record(session, "create", "employee_rate", rate.id, employee=employee.id, rate=hourly_pence)
    session.flush()
    session.refresh(employee)
    later = [r.effective_from for r in employee.rates if r.effective_from > effective_from]
    until = min(later) - dt.timedelta(days=1) if later else employee.end_date
    return rate, rate_warnings(employee.age_band, effective_from, hourly_pence, until)


def remove_rate(session: Session, rate_id: int) -> None:
    """Undo setting a new rate (undo a correction by setting the old amount again)."""
    rate = session.get(EmployeeRate, rate_id)
    if rate is None:
        return
    audit.record(session, "delete", "employee_rate", rate_id, reason="undo")
    session.delete(rate)
    session.flush()


def remove_employee(session: Session, employee_id: int) -> None:
    """Undo adding a PA; refused once shifts, payslips or checks are recorded for them."""
    employee = session.get(Employee, employee_id)
    if employee is None:
        return
    for model in (Shift, Payslip, EmployerCheck):
        if session.scalar(select(func.count()).where(model.employee_id == employee_id)):
            raise InvalidInput(
                "employee", _("this PA now has shifts, payslips or checks, so they cannot be taken away")
            )
    audit.record(session, "delete", "employee", employee_id, reason="undo")
    session.delete(employee)
    session.flush()


def get_employee(session: Session, employee_id: int) -> Employee:
    employee = session.get(Employee, employee_id)
    if employee is None:
        raise InvalidInput("employee", _("there is no PA number {id}").format(id=employee_id))
    return employee


def find_employee(session: Session, text: str) -> Employee | None:
    """A PA by number, payroll reference or name (as a payroll file names them)."""
    key = text.strip()
    if key.isdigit() and (by_id := session.get(Employee, int(key))) is not None:
        return by_id
    return session.scalars(
        select(Employee)
        .where(or_(Employee.payroll_reference == key, func.lower(Employee.name) == key.lower()))
        .order_by(Employee.id)
    ).first()


def list_employees(session: Session, include_former: bool = True, day: dt.date | None = None) -> list[Employee]:
    """Every PA (current first, then former), or only those employed on `day`."""
    query = select(Employee).order_by(Employee.end_date.is_not(None), Employee.name, Employee.id)
    if not include_former and day is not None:
        query = query.where(Employee.start_date <= day, or_(Employee.end_date.is_(None), Employee.end_date >= day))
    return list(session.scalars(query))


def rate_on(employee: Employee, day: dt.date) -> int | None:
    """The hourly rate in pence on `day`, or None before the first rate."""
    found = None
    for rate in employee.rates:
        if rate.effective_from <= day:
            found = rate.hourly_pence
    return found

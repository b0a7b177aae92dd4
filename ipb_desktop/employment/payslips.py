"""Payslips as the payroll service reports them, checked with plain messages.

The app does not calculate PAYE. It checks what it is given: net pay is gross pay less the employee's deductions
(tax, employee National Insurance, employee pension, anything else taken off), and gross pay divided by the
hours in the pay period is at least the National Minimum or Living Wage in force when the period starts. The
hours are the payslip's own, or the hours of the PA's shifts in the period when the payslip gives none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.employment import wages
from ipb_desktop.employment.employees import get_employee
from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.kinds import ShiftKind
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.models.employment import Employee, Payslip, Shift
from ipb_desktop.models.schema import utcnow
from ipb_desktop.money import MAX_PENCE

AMOUNTS = (
    "gross_pence",
    "tax_pence",
    "employee_ni_pence",
    "employer_ni_pence",
    "employee_pension_pence",
    "employer_pension_pence",
    "other_deductions_pence",
    "net_pence",
)


@dataclass(frozen=True)
class PayslipDetails:
    employee_id: int
    period_start: dt.date
    period_end: dt.date
    pay_date: dt.date
    gross_pence: int
    net_pence: int
    tax_pence: int = 0
    employee_ni_pence: int = 0
    employer_ni_pence: int = 0
    employee_pension_pence: int = 0
    employer_pension_pence: int = 0
    other_deductions_pence: int = 0
    minutes: int | None = None
    source: str = ""

    @property
    def deductions_pence(self) -> int:
        """What comes off the PA's gross pay."""
        return self.tax_pence + self.employee_ni_pence + self.employee_pension_pence + self.other_deductions_pence

    @property
    def hmrc_pence(self) -> int:
        """What the employer pays HMRC for this payslip: tax and both National Insurance contributions."""
        return self.tax_pence + self.employee_ni_pence + self.employer_ni_pence

    @property
    def pension_pence(self) -> int:
        """What the employer pays the pension provider: both contributions."""
        return self.employee_pension_pence + self.employer_pension_pence

    @property
    def employer_cost_pence(self) -> int:
        """Gross pay plus what the employer adds on top (employer NI and pension)."""
        return self.gross_pence + self.employer_ni_pence + self.employer_pension_pence


def arithmetic_problems(details: PayslipDetails) -> list[FieldProblem]:
    """Every problem with the payslip's figures at once (empty when they add up)."""
    problems = []
    for name in AMOUNTS:
        if not 0 <= getattr(details, name) <= MAX_PENCE:
            problems.append(FieldProblem(name.removesuffix("_pence"), _("this amount cannot be below 0.00")))
    if details.period_end < details.period_start:
        problems.append(FieldProblem("period", _("the pay period ends before it starts; please check the dates")))
    expected = details.gross_pence - details.deductions_pence
    if not problems and details.net_pence != expected:
        problems.append(
            FieldProblem(
                "net",
                _(
                    "net pay should be gross pay less deductions: {gross} less {deductions} is {expected}, but "
                    "the payslip says {net}. Please check the figures with your payroll service"
                ).format(
                    gross=money(details.gross_pence),
                    deductions=money(details.deductions_pence),
                    expected=money(expected),
                    net=money(details.net_pence),
                ),
            )
        )
    return problems


def wage_warning(gross_pence: int, minutes: int, period_start: dt.date, age_band: str) -> str | None:
    """A plain warning when gross ÷ hours is below the minimum in force when the pay period starts."""
    minimum = wages.minimum_on(period_start, age_band)
    if minimum is None or minutes <= 0 or wages.pays_at_least(gross_pence, minutes, minimum.hourly_pence):
        return None
    return _(
        "Gross pay of {gross} for {hours} hours is less than the legal minimum of {minimum} an hour (from "
        "{date}). Please check the hours and the pay with your payroll service."
    ).format(
        gross=money(gross_pence),
        hours=hours_plain(minutes),
        minimum=money(minimum.hourly_pence),
        date=date_long(minimum.starts),
    )


def shift_minutes(session: Session, employee_id: int, start: dt.date, end: dt.date) -> int:
    """Hours worked (not holiday) by one PA from `start` to `end`, in minutes."""
    total = session.scalar(
        select(func.sum(Shift.minutes)).where(
            Shift.employee_id == employee_id,
            Shift.deleted_at.is_(None),
            Shift.kind == ShiftKind.WORK,
            Shift.work_date >= start,
            Shift.work_date <= end,
        )
    )
    return int(total or 0)


def check_payslip(session: Session, details: PayslipDetails) -> list[str]:
    """Raise InvalidInput listing every arithmetic problem; return gentle warnings (minimum wage)."""
    employee = get_employee(session, details.employee_id)
    for day, name in ((details.period_start, "period_start"), (details.period_end, "period_end")):
        validate.date_in_range(day, name)
    validate.date_in_range(details.pay_date, "pay_date")
    problems = arithmetic_problems(details)
    if problems:
        raise InvalidInput(problems[0].field, problems[0].reason, *problems[1:])
    minutes = details.minutes
    if minutes is None:
        minutes = shift_minutes(session, employee.id, details.period_start, details.period_end)
    warning = wage_warning(details.gross_pence, minutes, details.period_start, employee.age_band)
    return [warning] if warning else []


def add_payslip(session: Session, details: PayslipDetails) -> tuple[Payslip, list[str]]:
    warnings = check_payslip(session, details)
    payslip = Payslip(
        employee_id=details.employee_id,
        period_start=details.period_start,
        period_end=details.period_end,
        pay_date=details.pay_date,
        minutes=details.minutes,
        source=details.source[:300],
        recorded_by=audit.actor_of(session),
        **{name: getattr(details, name) for name in AMOUNTS},
    )
    session.add(payslip)
    session.flush()
    audit.record(
        session,
        "create",
        "payslip",
        payslip.id,
        employee=details.employee_id,
        gross=details.gross_pence,
        net=details.net_pence,
    )
    return payslip, warnings


def details_of(payslip: Payslip) -> PayslipDetails:
    return PayslipDetails(
        employee_id=payslip.employee_id,
        period_start=payslip.period_start,
        period_end=payslip.period_end,
        pay_date=payslip.pay_date,
        minutes=payslip.minutes,
        source=payslip.source,
        **{name: getattr(payslip, name) for name in AMOUNTS},
    )


def get_payslip(session: Session, payslip_id: int) -> Payslip:
    payslip = session.get(Payslip, payslip_id)
    if payslip is None:
        raise InvalidInput("payslip", _("there is no payslip number {id}").format(id=payslip_id))
    return payslip


def delete_payslip(session: Session, payslip_id: int) -> Payslip:
    payslip = get_payslip(session, payslip_id)
    if payslip.deleted_at is None:
        payslip.deleted_at = utcnow()
        audit.record(session, "delete", "payslip", payslip.id)
    return payslip


def restore_payslip(session: Session, payslip_id: int) -> Payslip:
    payslip = get_payslip(session, payslip_id)
    if payslip.deleted_at is not None:
        payslip.deleted_at = None
        audit.record(session, "restore", "payslip", payslip.id)
    return payslip


def list_payslips(
    session: Session, start: dt.date | None = None, end: dt.date | None = None, employee_id: int | None = None
) -> list[tuple[Payslip, str]]:
    """Live payslips paid from `start` to `end` (both included), with the PA's name, by pay date."""
    query = (
        select(Payslip, Employee.name)
        .join(Employee, Employee.id == Payslip.employee_id)
        .where(Payslip.deleted_at.is_(None))
        .order_by(Payslip.pay_date, Payslip.id)
    )
    if start is not None:
        query = query.where(Payslip.pay_date >= start)
    if end is not None:
        query = query.where(Payslip.pay_date <= end)
    if employee_id is not None:
        query = query.where(Payslip.employee_id == employee_id)
    return [(payslip, str(name)) for payslip, name in session.execute(query)]

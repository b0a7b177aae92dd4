"""Employment figures for a date range: for `summary --json`, the statement and the review pack.

Hours come from shifts worked in the range; pay figures from payslips paid in the range (both dates included).
What is owed and holiday left are as on `day`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop.employment import checks, owed
from ipb_desktop.employment.checks import Reminder
from ipb_desktop.employment.employees import list_employees
from ipb_desktop.employment.holiday import HolidayFigures, holiday_for
from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.kinds import ShiftKind
from ipb_desktop.employment.payslips import list_payslips
from ipb_desktop.employment.shifts import minutes_by_employee
from ipb_desktop.models.employment import Employee, Payslip
from ipb_desktop.money import format_plain


@dataclass(frozen=True)
class PayTotals:
    gross_pence: int = 0
    tax_pence: int = 0
    employee_ni_pence: int = 0
    employer_ni_pence: int = 0
    employee_pension_pence: int = 0
    employer_pension_pence: int = 0
    net_pence: int = 0

    @property
    def employer_costs_pence(self) -> int:
        """What employing costs on top of gross pay: employer National Insurance and pension."""
        return self.employer_ni_pence + self.employer_pension_pence

    @property
    def hmrc_pence(self) -> int:
        return self.tax_pence + self.employee_ni_pence + self.employer_ni_pence

    @property
    def pension_pence(self) -> int:
        return self.employee_pension_pence + self.employer_pension_pence


@dataclass(frozen=True)
class EmployeeLine:
    employee_id: int
    name: str
    role: str
    start_date: dt.date
    end_date: dt.date | None
    minutes_worked: int
    pay: PayTotals
    holiday: HolidayFigures


@dataclass(frozen=True)
class CheckLine:
    kind: str
    name: str  # the PA's name, or "" for the employer as a whole
    done_on: dt.date | None
    due_on: dt.date | None
    reference: str
    has_document: bool


@dataclass(frozen=True)
class EmploymentReport:
    start: dt.date
    end: dt.date
    day: dt.date
    employees: list[EmployeeLine]
    totals: PayTotals
    paid_to_hmrc_pence: int
    paid_to_pension_pence: int
    owed: list[owed.OwedItem]
    checks: list[CheckLine]
    reminders: list[Reminder]

    @property
    def minutes_worked(self) -> int:
        return sum(line.minutes_worked for line in self.employees)


def _pay_totals(session: Session, start: dt.date, end: dt.date) -> dict[int, PayTotals]:
    rows = session.execute(
        select(
            Payslip.employee_id,
            func.sum(Payslip.gross_pence),
            func.sum(Payslip.tax_pence),
            func.sum(Payslip.employee_ni_pence),
            func.sum(Payslip.employer_ni_pence),
            func.sum(Payslip.employee_pension_pence),
            func.sum(Payslip.employer_pension_pence),
            func.sum(Payslip.net_pence),
        )
        .where(Payslip.deleted_at.is_(None), Payslip.pay_date >= start, Payslip.pay_date <= end)
        .group_by(Payslip.employee_id)
    )
    return {row[0]: PayTotals(*(int(v or 0) for v in row[1:])) for row in rows}


def _add(totals: list[PayTotals]) -> PayTotals:
    fields = PayTotals.__dataclass_fields__
    return PayTotals(**{name: sum(getattr(t, name) for t in totals) for name in fields})


def _paid(session: Session, start: dt.date, end: dt.date, what: str) -> int:
    """HMRC or pension money for payslips paid in the range that has been matched to a payment."""
    total = 0
    for payslip, _name in list_payslips(session, start, end):
        link = payslip.hmrc_paid_by if what == owed.HMRC else payslip.pension_paid_by
        if link is not None:
            total += owed._amount(payslip, what)
    return total


def employment_report(session: Session, start: dt.date, end: dt.date, day: dt.date) -> EmploymentReport:
    worked = minutes_by_employee(session, start, end, ShiftKind.WORK)
    pay = _pay_totals(session, start, end)
    lines = []
    for employee in list_employees(session):
        active = employee.start_date <= end and (employee.end_date is None or employee.end_date >= start)
        if not active and employee.id not in worked and employee.id not in pay:
            continue
        lines.append(
            EmployeeLine(
                employee.id,
                employee.name,
                employee.role,
                employee.start_date,
                employee.end_date,
                worked.get(employee.id, 0),
                pay.get(employee.id, PayTotals()),
                holiday_for(session, employee, min(day, employee.end_date or day)),
            )
        )
    names = {row.id: row.name for row in session.execute(select(Employee.id, Employee.name))}
    check_lines = [
        CheckLine(
            c.kind,
            names.get(c.employee_id, "") if c.employee_id is not None else "",
            c.done_on,
            c.due_on,
            ", ".join(part for part in (c.provider, c.reference) if part),
            c.document is not None,
        )
        for c in checks.list_checks(session)
    ]
    return EmploymentReport(
        start,
        end,
        day,
        lines,
        _add([line.pay for line in lines]),
        _paid(session, start, end, owed.HMRC),
        _paid(session, start, end, owed.PENSION),
        owed.owed_items(session, day),
        check_lines,
        checks.reminders(session, day),
    )


def has_employment(session: Session) -> bool:
    return session.scalar(select(func.count(Employee.id))) != 0


def _amount(name: str, pence: int) -> dict[str, Any]:
    return {name: format_plain(pence), f"{name}_pence": pence}


def summary_section(session: Session, start: dt.date, end: dt.date, day: dt.date) -> dict[str, Any]:
    """The `employment` section of `summary --json` (see `ipb_desktop.cli.summary`)."""
    report = employment_report(session, start, end, day)
    owed_to_pas = [item for item in report.owed if item.what == owed.NET]
    return {
        "hours_worked": hours_plain(report.minutes_worked),
        "minutes_worked": report.minutes_worked,
        **_amount("gross", report.totals.gross_pence),
        **_amount("employer_costs", report.totals.employer_costs_pence),
        **_amount("paid_to_hmrc", report.paid_to_hmrc_pence),
        **_amount("paid_to_pension", report.paid_to_pension_pence),
        "owed_to_pas": [
            {"employee_id": item.employee_id, "name": item.who, **_amount("amount", item.amount_pence)}
            for item in owed_to_pas
        ],
        **_amount("owed_to_hmrc", sum(i.amount_pence for i in report.owed if i.what == owed.HMRC)),
        **_amount("owed_to_pension", sum(i.amount_pence for i in report.owed if i.what == owed.PENSION)),
        "employees": [
            {
                "id": line.employee_id,
                "name": line.name,
                "hours_worked": hours_plain(line.minutes_worked),
                **_amount("gross", line.pay.gross_pence),
                "holiday": {
                    "leave_year_start": line.holiday.year_start.isoformat(),
                    "leave_year_end": line.holiday.year_end.isoformat(),
                    "entitlement_hours": hours_plain(line.holiday.entitlement_minutes),
                    "taken_hours": hours_plain(line.holiday.taken_minutes),
                    "left_hours": hours_plain(line.holiday.left_minutes),
                },
            }
            for line in report.employees
        ],
        "reminders": [
            {"due": r.due_on.isoformat(), "kind": r.kind, "text": r.text, "overdue": r.overdue(day)}
            for r in report.reminders
        ],
    }

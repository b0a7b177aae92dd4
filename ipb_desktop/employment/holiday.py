"""Holiday: the statutory 5.6 weeks a leave year, and for PAs with irregular hours 12.07 % of the hours they work.

PAs with regular hours are entitled to 5.6 times their usual week, in proportion to the part of the leave year
they are employed. PAs with irregular hours build holiday up as they work (12.07 % is 5.6 weeks out of the 46.4
weeks left in a year). Holiday taken is the holiday shifts recorded. Everything is in whole minutes, rounded half
up, so nothing is lost or made up by rounding in floating point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ipb_desktop.employment.kinds import HoursKind, ShiftKind
from ipb_desktop.employment.shifts import minutes_by_employee
from ipb_desktop.models.employment import Employee

WEEKS_TENTHS = 56  # 5.6 weeks
ACCRUAL_BASIS_POINTS = 1207  # 12.07 %


def _round_div(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def accrued_minutes(worked_minutes: int) -> int:
    """Holiday built up by working `worked_minutes` with irregular hours."""
    return _round_div(worked_minutes * ACCRUAL_BASIS_POINTS, 10_000)


def regular_entitlement(usual_minutes_per_week: int, days_employed: int, days_in_year: int) -> int:
    """5.6 usual weeks, in proportion to the days of the leave year the PA is employed."""
    return _round_div(usual_minutes_per_week * WEEKS_TENTHS * days_employed, 10 * days_in_year)


def leave_year(day: dt.date, start_month: int = 4) -> tuple[dt.date, dt.date]:
    """The leave year holding `day`, both dates included (1 April to 31 March by default)."""
    year = day.year if day.month >= start_month else day.year - 1
    start = dt.date(year, start_month, 1)
    return start, dt.date(year + 1, start_month, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class HolidayFigures:
    employee_id: int
    name: str
    year_start: dt.date
    year_end: dt.date
    hours_kind: str
    entitlement_minutes: int
    taken_minutes: int

    @property
    def left_minutes(self) -> int:
        return self.entitlement_minutes - self.taken_minutes


def holiday_for(session: Session, employee: Employee, day: dt.date) -> HolidayFigures:
    """Entitlement (or, for irregular hours, holiday built up so far), taken and left in the leave year of `day`."""
    start, end = leave_year(day, employee.leave_year_start_month)
    taken = minutes_by_employee(session, start, end, ShiftKind.HOLIDAY).get(employee.id, 0)
    if employee.hours_kind == HoursKind.IRREGULAR:
        worked = minutes_by_employee(session, start, min(end, day), ShiftKind.WORK).get(employee.id, 0)
        entitled = accrued_minutes(worked)
    else:
        first = max(start, employee.start_date)
        last = min(end, employee.end_date) if employee.end_date else end
        days = max(0, (last - first).days + 1)
        entitled = regular_entitlement(employee.usual_minutes_per_week, days, (end - start).days + 1)
    return HolidayFigures(employee.id, employee.name, start, end, employee.hours_kind, entitled, taken)

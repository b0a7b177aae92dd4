"""Shifts: hours a PA worked (or took as holiday) on a day, as a timesheet records them.

A shift is entered as start and end times (a night shift may pass midnight) or as a number of hours. Its hourly
rate is the PA's rate on that day unless one is given. Deleting marks it deleted; restore brings it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.employment.employees import get_employee, rate_on
from ipb_desktop.employment.hours import clock_text, parse_clock, span_minutes
from ipb_desktop.employment.kinds import ShiftKind
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.employment import Employee, Shift
from ipb_desktop.models.schema import utcnow


@dataclass(frozen=True)
class ShiftDetails:
    employee_id: int
    work_date: dt.date
    minutes: int | None = None
    start_time: str | None = None
    end_time: str | None = None
    kind: str = ShiftKind.WORK
    hourly_pence: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ShiftLine:
    """One shift as lists, timesheets and exports show it; `pay_pence` is hours × rate (None with no rate)."""

    shift_id: int
    employee_id: int
    employee_name: str
    work_date: dt.date
    start_time: str | None
    end_time: str | None
    minutes: int
    kind: str
    hourly_pence: int | None
    notes: str
    recorded_by: str

    @property
    def pay_pence(self) -> int | None:
        if self.hourly_pence is None:
            return None
        return (self.minutes * self.hourly_pence + 30) // 60


def add_shift(session: Session, details: ShiftDetails) -> Shift:
    employee = get_employee(session, details.employee_id)
    validate.date_in_range(details.work_date, "date")
    validate.choice(details.kind, "kind", ShiftKind)
    start = end = None
    if details.start_time and details.end_time:
        start = clock_text(parse_clock(details.start_time, "start"))
        end = clock_text(parse_clock(details.end_time, "end"))
        minutes = span_minutes(start, end)
    elif details.minutes is not None:
        minutes = details.minutes
    else:
        raise InvalidInput("hours", _("give the start and end times, or the number of hours"))
    if not 0 < minutes <= 24 * 60:
        raise InvalidInput("hours", _("the hours must be more than 0 and at most 24"))
    if details.work_date < employee.start_date or (employee.end_date and details.work_date > employee.end_date):
        raise InvalidInput("date", _("{name} was not employed on that day; check the date").format(name=employee.name))
    rate = details.hourly_pence if details.hourly_pence is not None else rate_on(employee, details.work_date)
    shift = Shift(
        employee_id=employee.id,
        work_date=details.work_date,
        start_time=start,
        end_time=end,
        minutes=minutes,
        kind=details.kind,
        hourly_pence=rate,
        notes=validate.text(details.notes, "notes", max_length=500),
        recorded_by=audit.actor_of(session),
    )
    session.add(shift)
    session.flush()
    audit.record(session, "create", "shift", shift.id, employee=employee.id, date=details.work_date, minutes=minutes)
    return shift


def _get(session: Session, shift_id: int) -> Shift:
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise InvalidInput("shift", _("there is no shift number {id}").format(id=shift_id))
    return shift


def delete_shift(session: Session, shift_id: int) -> Shift:
    shift = _get(session, shift_id)
    if shift.deleted_at is None:
        shift.deleted_at = utcnow()
        audit.record(session, "delete", "shift", shift.id)
    return shift


def restore_shift(session: Session, shift_id: int) -> Shift:
    shift = _get(session, shift_id)
    if shift.deleted_at is not None:
        shift.deleted_at = None
        audit.record(session, "restore", "shift", shift.id)
    return shift


def shift_lines(session: Session, start: dt.date, end: dt.date, employee_id: int | None = None) -> list[ShiftLine]:
    """Live shifts from `start` to `end` (both included), by date."""
    query = (
        select(Shift, Employee.name)
        .join(Employee, Employee.id == Shift.employee_id)
        .where(Shift.deleted_at.is_(None), Shift.work_date >= start, Shift.work_date <= end)
        .order_by(Shift.work_date, Shift.start_time, Shift.id)
    )
    if employee_id is not None:
        query = query.where(Shift.employee_id == employee_id)
    return [
        ShiftLine(
            s.id,
            s.employee_id,
            name,
            s.work_date,
            s.start_time,
            s.end_time,
            s.minutes,
            s.kind,
            s.hourly_pence,
            s.notes or "",
            s.recorded_by,
        )
        for s, name in session.execute(query)
    ]


def minutes_by_employee(session: Session, start: dt.date, end: dt.date, kind: str = ShiftKind.WORK) -> dict[int, int]:
    """Minutes of `kind` per PA from `start` to `end` (both included), added up in SQL."""
    rows = session.execute(
        select(Shift.employee_id, func.sum(Shift.minutes))
        .where(Shift.deleted_at.is_(None), Shift.kind == kind, Shift.work_date >= start, Shift.work_date <= end)
        .group_by(Shift.employee_id)
    )
    return {employee_id: int(total or 0) for employee_id, total in rows}


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def week_view(session: Session, monday: dt.date) -> dict[int, list[list[ShiftLine]]]:
    """For each PA with shifts that week, seven lists (Monday to Sunday) of their shifts."""
    view: dict[int, list[list[ShiftLine]]] = {}
    for line in shift_lines(session, monday, monday + dt.timedelta(days=6)):
        view.setdefault(line.employee_id, [[] for _day in range(7)])[line.work_date.weekday()].append(line)
    return view

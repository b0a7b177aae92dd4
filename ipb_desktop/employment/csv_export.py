"""CSV exports of shifts and payslips for spreadsheets and the council.

Like the statement's CSV files: UTF-8 with a byte-order mark, ISO dates, plain amounts with two places, hours as
decimals ("7.5"). The columns are stable: new ones may be added at the end, none renamed or moved.

Shifts: shift_id, date, employee_id, employee, start, end, hours, kind (work or holiday), hourly_rate, pay,
notes, recorded_by.
Payslips: payslip_id, employee_id, employee, period_start, period_end, pay_date, hours, gross, tax,
employee_ni, employer_ni, employee_pension, employer_pension, other_deductions, net, net_paid_by,
hmrc_paid_by, pension_paid_by (the number of the payment that paid each, or empty while owed).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.payslips import AMOUNTS, list_payslips
from ipb_desktop.employment.shifts import shift_lines
from ipb_desktop.money import format_plain

SHIFT_COLUMNS = (
    "shift_id",
    "date",
    "employee_id",
    "employee",
    "start",
    "end",
    "hours",
    "kind",
    "hourly_rate",
    "pay",
    "notes",
    "recorded_by",
)
PAYSLIP_COLUMNS = (
    "payslip_id",
    "employee_id",
    "employee",
    "period_start",
    "period_end",
    "pay_date",
    "hours",
    *(name.removesuffix("_pence") for name in AMOUNTS),
    "net_paid_by",
    "hmrc_paid_by",
    "pension_paid_by",
)


def _plain(pence: int | None) -> str:
    return "" if pence is None else format_plain(pence)


def _write(path: Path, columns: Iterable[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_shifts(session: Session, path: Path, start: dt.date, end: dt.date, employee_id: int | None = None) -> int:
    """Write the shifts from `start` to `end` (both included); returns how many rows."""
    rows = (
        [
            s.shift_id,
            s.work_date.isoformat(),
            s.employee_id,
            s.employee_name,
            s.start_time or "",
            s.end_time or "",
            hours_plain(s.minutes),
            s.kind,
            _plain(s.hourly_pence),
            _plain(s.pay_pence),
            s.notes,
            s.recorded_by,
        ]
        for s in shift_lines(session, start, end, employee_id)
    )
    return _write(path, SHIFT_COLUMNS, rows)


def write_payslips(session: Session, path: Path, start: dt.date, end: dt.date, employee_id: int | None = None) -> int:
    """Write the payslips paid from `start` to `end` (both included); returns how many rows."""
    rows = (
        [
            p.id,
            p.employee_id,
            name,
            p.period_start.isoformat(),
            p.period_end.isoformat(),
            p.pay_date.isoformat(),
            "" if p.minutes is None else hours_plain(p.minutes),
            *(format_plain(getattr(p, amount)) for amount in AMOUNTS),
            p.net_paid_by or "",
            p.hmrc_paid_by or "",
            p.pension_paid_by or "",
        ]
        for p, name in list_payslips(session, start, end, employee_id)
    )
    return _write(path, PAYSLIP_COLUMNS, rows)

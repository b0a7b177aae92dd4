"""Importing a payroll service's CSV summary of payslips, with a column mapping (like bank import).

The first row holds the column headings. A mapping says which heading holds each payslip field; `guess_mapping`
fills in the usual headings of payroll summaries ("Gross pay", "PAYE", "Employee NI" ...). Every row is checked
first and every bad row reported together with its line number; nothing is imported unless every row is good.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from ipb_desktop.bankimport.cells import choose_order, read_amount, read_date
from ipb_desktop.bankimport.detect import decode_text
from ipb_desktop.bankimport.mapping import normalise_heading
from ipb_desktop.employment.employees import find_employee
from ipb_desktop.employment.hours import MAX_PERIOD_MINUTES, parse_minutes
from ipb_desktop.employment.payslips import PayslipDetails, add_payslip, check_payslip
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.employment import Payslip

REQUIRED = ("employee", "period_start", "period_end", "pay_date", "gross", "net")
OPTIONAL = ("hours", "tax", "employee_ni", "employer_ni", "employee_pension", "employer_pension", "other_deductions")
FIELDS = REQUIRED + OPTIONAL
DATES = ("period_start", "period_end", "pay_date")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee": ("employee", "employee name", "name", "payroll id", "employee id", "works number"),
    "period_start": ("period start", "from", "period from", "start date", "pay period start"),
    "period_end": ("period end", "to", "period to", "end date", "pay period end"),
    "pay_date": ("pay date", "payment date", "date paid", "paid on"),
    "hours": ("hours", "hours worked", "total hours"),
    "gross": ("gross", "gross pay", "total gross", "gross pay total"),
    "tax": ("tax", "paye", "income tax", "paye tax"),
    "employee_ni": ("employee ni", "ee ni", "ni employee", "employees ni", "national insurance"),
    "employer_ni": ("employer ni", "er ni", "ni employer", "employers ni"),
    "employee_pension": ("employee pension", "ee pension", "pension employee", "employees pension"),
    "employer_pension": ("employer pension", "er pension", "pension employer", "employers pension"),
    "other_deductions": ("other deductions", "deductions other", "other"),
    "net": ("net", "net pay", "take home", "take home pay", "net pay total"),
}


@dataclass(frozen=True)
class PayrollTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_payroll(data: bytes) -> PayrollTable:
    text, _encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise InvalidInput("file", _("this file is empty"))
    return PayrollTable([cell.strip() for cell in rows[0][1]], rows[1:])


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Field -> heading, for the headings that look like a payroll summary's."""
    found: dict[str, str] = {}
    normalised = {normalise_heading(h): h for h in header}
    for field_name, names in _SYNONYMS.items():
        for name in names:
            if name in normalised and normalised[name] not in found.values():
                found[field_name] = normalised[name]
                break
    return found


def _problem(line: int, field_name: str, reason: str) -> FieldProblem:
    return FieldProblem(_("line {n} {field}").format(n=line, field=field_name), reason)


def parse_payroll(
    session: Session, table: PayrollTable, mapping: dict[str, str], source: str = ""
) -> list[PayslipDetails]:
    """Every row as payslip details; raises InvalidInput listing every bad row (with its line number)."""
    missing = [name for name in REQUIRED if name not in mapping]
    unknown = [heading for heading in mapping.values() if heading not in table.header]
    if missing or unknown:
        reason = _("say which column holds: {fields}").format(fields=", ".join(missing)) if missing else ""
        if unknown:
            reason = _("there is no column called: {names}").format(names=", ".join(unknown))
        raise InvalidInput("mapping", reason)
    column = {name: table.header.index(heading) for name, heading in mapping.items() if name in FIELDS}

    def cell(row: list[str], name: str) -> str:
        index = column.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    order = choose_order(cell(row, name) for _line, row in table.rows for name in DATES)
    found: list[PayslipDetails] = []
    problems: list[FieldProblem] = []
    for line, row in table.rows:
        before = len(problems)
        employee = find_employee(session, cell(row, "employee"))
        if employee is None:
            problems.append(_problem(line, "employee", _("no PA called '{name}'").format(name=cell(row, "employee"))))
        values: dict[str, object] = {}
        for name in DATES:
            try:
                values[name] = read_date(cell(row, name), order)
            except ValueError as exc:
                problems.append(_problem(line, name, str(exc)))
        for name in ("gross", "net", *OPTIONAL[1:]):
            try:
                values[name + "_pence"] = read_amount(cell(row, name)) or 0
            except ValueError as exc:
                problems.append(_problem(line, name, str(exc)))
        minutes = None
        if cell(row, "hours"):
            try:
                minutes = parse_minutes(cell(row, "hours"), most=MAX_PERIOD_MINUTES)
            except InvalidInput:
                minutes = None
                hours_text = cell(row, "hours")
                problems.append(_problem(line, "hours", _("'{text}' is not a number of hours").format(text=hours_text)))
        if len(problems) > before or employee is None:
            continue
        details = PayslipDetails(employee_id=employee.id, minutes=minutes, source=source, **values)  # type: ignore[arg-type]
        try:
            check_payslip(session, details)
        except InvalidInput as exc:
            problems += [_problem(line, p.field, p.reason) for p in exc.problems]
            continue
        found.append(details)
    if problems:
        raise InvalidInput(problems[0].field, problems[0].reason, *problems[1:])
    return found


def import_payroll(
    session: Session, data: bytes, mapping: dict[str, str] | None = None, source: str = ""
) -> tuple[list[Payslip], list[str]]:
    """Add every payslip in the file (all or nothing); returns them and any minimum-wage warnings."""
    table = read_payroll(data)
    chosen = {**guess_mapping(table.header), **(mapping or {})}
    added: list[Payslip] = []
    warnings: list[str] = []
    for details in parse_payroll(session, table, chosen, source):
        payslip, notes = add_payslip(session, replace(details, source=source))
        added.append(payslip)
        warnings += notes
    return added, warnings

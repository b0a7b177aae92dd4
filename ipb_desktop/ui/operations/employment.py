"""Named operations for employing personal assistants: each is one undoable change through `ctx.perform`.

Adding a payslip also matches unpaid payslips to payments out (undo takes the matches away with the payslip).
Warnings the services return (a rate under the minimum wage) are shown in the message bar, never blocking.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop.employment import checks, employees, owed, payroll_csv, payslips, shifts
from ipb_desktop.errors import FieldProblem
from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def _warn(warnings: list[str]) -> None:
    if warnings:
        messages.info(" ".join(warnings))


def add_employee(
    ctx: AppContext, details: employees.EmployeeDetails, hourly_pence: int, form: FieldSink | None = None
) -> int | None:
    def do(s: Session) -> tuple[int, list[str]]:
        employee, warnings = employees.add_employee(s, details, hourly_pence)
        return employee.id, warnings

    done = ctx.perform(_("add a PA"), do, lambda s, result: employees.remove_employee(s, result[0]), form=form)
    if done is None:
        return None
    _warn(done[1])
    return done[0]


def set_rate(
    ctx: AppContext, employee_id: int, effective_from: dt.date, hourly_pence: int, form: FieldSink | None = None
) -> bool:
    def do(s: Session) -> tuple[int, int | None, list[str]]:
        employee = employees.get_employee(s, employee_id)
        before = next((r.hourly_pence for r in employee.rates if r.effective_from == effective_from), None)
        rate, warnings = employees.set_rate(s, employee_id, effective_from, hourly_pence)
        return rate.id, before, warnings

    def undo(s: Session, result: tuple[int, int | None, list[str]]) -> None:
        rate_id, before, _warnings = result
        if before is None:
            employees.remove_rate(s, rate_id)
        else:
            employees.set_rate(s, employee_id, effective_from, before)

    done = ctx.perform(_("change a PA's hourly rate"), do, undo, form=form)
    if done is not None:
        _warn(done[2])
    return done is not None


def _undo_shift(session: Session, shift_id: int) -> None:
    shifts.delete_shift(session, shift_id)


def _restore_shift(session: Session, shift_id: int) -> None:
    shifts.restore_shift(session, shift_id)


def _undo_check(session: Session, check_id: int) -> None:
    checks.delete_check(session, check_id)


def add_shift(ctx: AppContext, details: shifts.ShiftDetails, form: FieldSink | None = None) -> int | None:
    return ctx.perform(
        _("add a shift"),
        lambda s: shifts.add_shift(s, details).id,
        _undo_shift,
        form=form,
    )


def delete_shift(ctx: AppContext, shift_id: int) -> None:
    ctx.perform(
        _("delete a shift"),
        lambda s: shifts.delete_shift(s, shift_id).id,
        lambda s, _id: _restore_shift(s, shift_id),
    )


def add_payslip(ctx: AppContext, details: payslips.PayslipDetails, form: FieldSink | None = None) -> int | None:
    def do(s: Session) -> tuple[int, list[owed.Match], list[str]]:
        payslip, warnings = payslips.add_payslip(s, details)
        return payslip.id, owed.match_payments(s), warnings

    def undo(s: Session, result: tuple[int, list[owed.Match], list[str]]) -> None:
        for match in result[1]:
            owed.unmatch(s, match)
        payslips.delete_payslip(s, result[0])

    done = ctx.perform(_("add a payslip"), do, undo, form=form)
    if done is None:
        return None
    _warn(done[2])
    return done[0]


def match_payments(ctx: AppContext) -> int:
    """Match unpaid payslips to payments out; how many matches were made."""

    def undo(s: Session, matches: list[owed.Match]) -> None:
        for match in matches:
            owed.unmatch(s, match)

    done = ctx.perform(_("match payslips to payments"), owed.match_payments, undo)
    return len(done or [])


def add_check(ctx: AppContext, details: checks.CheckDetails, form: FieldSink | None = None) -> int | None:
    return ctx.perform(
        _("add an employer check"),
        lambda s: checks.add_check(s, details).id,
        _undo_check,
        form=form,
    )


def change_employee(
    ctx: AppContext,
    employee_id: int,
    details: employees.EmployeeDetails,
    new_rate: tuple[dt.date, int] | None = None,
    form: FieldSink | None = None,
) -> bool:
    """Change a PA's details and, if given, their hourly rate from a date: one undo step for both."""

    def do(s: Session) -> tuple[employees.EmployeeDetails, int | None, int | None, list[str]]:
        before = employees.details_of(employees.get_employee(s, employee_id))
        employees.change_employee(s, employee_id, details)
        if new_rate is None:
            return before, None, None, []
        effective_from, hourly_pence = new_rate
        employee = employees.get_employee(s, employee_id)
        old = next((r.hourly_pence for r in employee.rates if r.effective_from == effective_from), None)
        rate, warnings = employees.set_rate(s, employee_id, effective_from, hourly_pence)
        return before, rate.id, old, warnings

    def undo(s: Session, result: tuple[employees.EmployeeDetails, int | None, int | None, list[str]]) -> None:
        before, rate_id, old, _warnings = result
        if new_rate is not None and rate_id is not None:
            if old is None:
                employees.remove_rate(s, rate_id)
            else:
                employees.set_rate(s, employee_id, new_rate[0], old)
        employees.change_employee(s, employee_id, before)

    done = ctx.perform(_("change a PA's details"), do, undo, form=form)
    if done is not None:
        _warn(done[3])
    return done is not None


def add_check_with_document(
    ctx: AppContext, details: checks.CheckDetails, document: tuple[str, bytes] | None, form: FieldSink | None = None
) -> int | None:
    """An employer check with its certificate kept encrypted in the store (undo takes both away)."""

    def do(s: Session) -> int:
        check = checks.add_check(s, details)
        if document is not None:
            checks.keep_document(s, check.id, *document)
        return check.id

    return ctx.perform(_("add an employer check"), do, _undo_check, form=form)


class _LinesSink:
    """Problems with an imported file, each said with its line (the file has no form to show them beside)."""

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]:
        said = "; ".join(f"{p.field}: {p.reason}" for p in problems)
        messages.error(
            _("Nothing was imported. Please correct the file and try again: {problems}.").format(problems=said)
        )
        return []

    def clear_problems(self) -> None:
        pass


def import_payroll(ctx: AppContext, data: bytes, source: str) -> int | None:
    """Add every payslip in a payroll CSV (all or nothing) and match them to payments; how many were added."""

    def do(s: Session) -> tuple[list[int], list[owed.Match], list[str]]:
        added, warnings = payroll_csv.import_payroll(s, data, source=source)
        return [p.id for p in added], owed.match_payments(s), warnings

    def undo(s: Session, result: tuple[list[int], list[owed.Match], list[str]]) -> None:
        for match in result[1]:
            owed.unmatch(s, match)
        for payslip_id in result[0]:
            payslips.delete_payslip(s, payslip_id)

    done = ctx.perform(_("import payslips"), do, undo, form=_LinesSink())
    if done is None:
        return None
    _warn(done[2])
    return len(done[0])

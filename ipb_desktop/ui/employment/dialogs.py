"""Dialogs for the Employment page: a PA, a shift, a payslip, an employer check. Each saves through one
operation in `ipb_desktop.ui.operations.employment`, so it can be undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from ipb_desktop.employment import checks, employees, payslips, shifts
from ipb_desktop.employment.hours import MAX_PERIOD_MINUTES, MAX_WEEK_MINUTES, parse_minutes
from ipb_desktop.employment.kinds import CheckKind, HoursKind, ShiftKind, label
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.money import parse_pence
from ipb_desktop.ui.operations import employment as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.plan.dialogs import _day, date_edit, money_edit
from ipb_desktop.ui.widgets.dialogs import FormDialog
from ipb_desktop.ui.widgets.forms import plain_label


def _line(placeholder: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def _pa_combo(ctx: AppContext) -> QComboBox:
    box = QComboBox()
    for employee_id, name in ctx.read(lambda s: [(e.id, e.name) for e in employees.list_employees(s)], []):
        box.addItem(name, employee_id)
    return box


class EmployeeDialog(FormDialog):
    """A new PA: name, role, first day, hourly rate, usual hours and whether the hours are regular."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Add a PA"),
            parent,
            _("A personal assistant (PA) you employ with your direct payment. Their name stays in your locked store."),
        )
        self.name = _line(_("for example: Jo Example"))
        self.form.row(_("&Name"), self.name, ("name",))
        self.role = _line(_("for example: support worker"))
        self.form.row(_("&Role"), self.role, ("role",))
        self.start = date_edit(ctx.today())
        self.form.row(_("&First day"), self.start, ("start",))
        self.rate = money_edit(_("for example: 12.71"))
        self.form.row(_("&Hourly rate (£)"), self.rate, ("rate",))
        self.usual = _line(_("for example: 10"))
        self.form.row(_("&Usual hours a week"), self.usual, ("usual_hours",))
        self.irregular = QCheckBox(_("Their hours &vary from week to week"))
        self.form.row("", self.irregular)
        self.irregular.setAccessibleName(self.irregular.text().replace("&", ""))
        self.new_id: int | None = None

    def save(self) -> bool:
        try:
            rate = parse_pence(self.rate.text(), "rate")
            usual = parse_minutes(self.usual.text(), "usual_hours", MAX_WEEK_MINUTES) if self.usual.text() else 0
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return False
        details = employees.EmployeeDetails(
            self.name.text(),
            _day(self.start),
            role=self.role.text(),
            usual_minutes_per_week=usual,
            hours_kind=HoursKind.IRREGULAR if self.irregular.isChecked() else HoursKind.REGULAR,
        )
        self.new_id = ops.add_employee(self.ctx, details, rate, form=self.form)
        return self.new_id is not None


class ShiftDialog(FormDialog):
    """A shift from start to end time, or a number of hours; or holiday taken."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add a shift"), parent, _("Give the start and end times, or just the hours."))
        self.employee = _pa_combo(ctx)
        self.form.row(_("&PA"), self.employee, ("employee",))
        self.day = date_edit(ctx.today())
        self.form.row(_("&Day"), self.day, ("date",))
        self.start = _line(_("for example: 09:00"))
        self.form.row(_("S&tart time"), self.start, ("start",))
        self.end = _line(_("for example: 13:30"))
        self.form.row(_("&End time"), self.end, ("end",))
        self.hours = _line(_("or the hours, for example: 4.5"))
        self.form.row(_("&Hours"), self.hours, ("hours",))
        self.holiday = QCheckBox(_("This was holida&y, not work"))
        self.holiday.setAccessibleName(self.holiday.text().replace("&", ""))
        self.form.row("", self.holiday)
        self.notes = _line(_("a few words, if you like"))
        self.form.row(_("N&otes"), self.notes, ("notes",))

    def save(self) -> bool:
        try:
            minutes = parse_minutes(self.hours.text()) if self.hours.text().strip() else None
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return False
        details = shifts.ShiftDetails(
            employee_id=int(self.employee.currentData() or 0),
            work_date=_day(self.day),
            minutes=minutes,
            start_time=self.start.text().strip() or None,
            end_time=self.end.text().strip() or None,
            kind=ShiftKind.HOLIDAY if self.holiday.isChecked() else ShiftKind.WORK,
            notes=self.notes.text(),
        )
        return ops.add_shift(self.ctx, details, form=self.form) is not None


_AMOUNTS = (
    ("gross", N_("&Gross pay (£)")),
    ("tax", N_("Ta&x (£)")),
    ("employee_ni", N_("Employee &NI (£)")),
    ("employer_ni", N_("Employ&er NI (£)")),
    ("employee_pension", N_("E&mployee pension (£)")),
    ("employer_pension", N_("Employer pens&ion (£)")),
    ("other_deductions", N_("Other ded&uctions (£)")),
    ("net", N_("Net p&ay (£)")),
)


class PayslipDialog(FormDialog):
    """A payslip exactly as the payroll service sent it; the app checks that it adds up."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, _("Add a payslip"), parent, _("Copy the figures from the payslip. Leave a box empty for 0.")
        )
        today = ctx.today()
        self.employee = _pa_combo(ctx)
        self.form.row(_("&PA"), self.employee, ("employee",))
        self.start = date_edit(today.replace(day=1))
        self.form.row(_("Pay period &from"), self.start, ("period_start", "period"))
        self.end = date_edit(today)
        self.form.row(_("Pay period t&o"), self.end, ("period_end",))
        self.pay_date = date_edit(today)
        self.form.row(_("Pay &date"), self.pay_date, ("pay_date",))
        self.hours = _line(_("leave empty to use the shifts"))
        self.form.row(_("&Hours paid"), self.hours, ("hours",))
        self.amounts: dict[str, QLineEdit] = {}
        for name, words in _AMOUNTS:
            self.amounts[name] = money_edit("0.00")
            self.form.row(_(words), self.amounts[name], (name,))

    def save(self) -> bool:
        try:
            values: dict[str, Any] = {
                f"{name}_pence": parse_pence(edit.text(), name) if edit.text().strip() else 0
                for name, edit in self.amounts.items()
            }
            hours = self.hours.text().strip()
            minutes = parse_minutes(hours, "hours", MAX_PERIOD_MINUTES) if hours else None
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return False
        details = payslips.PayslipDetails(
            employee_id=int(self.employee.currentData() or 0),
            period_start=_day(self.start),
            period_end=_day(self.end),
            pay_date=_day(self.pay_date),
            minutes=minutes,
            **values,
        )
        return ops.add_payslip(self.ctx, details, form=self.form) is not None


class CheckDialog(FormDialog):
    """An employer check with the day it was done and the day it is next due."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add an employer check"), parent)
        self.kind = QComboBox()
        for kind in CheckKind:
            self.kind.addItem(label(kind), kind.value)
        self.form.row(_("&Check"), self.kind, ("kind",))
        self.employee = _pa_combo(ctx)
        self.employee.insertItem(0, _("The employer (not one PA)"), None)
        self.employee.setCurrentIndex(0)
        self.form.row(_("&For"), self.employee, ("employee",))
        self.done_on = date_edit(ctx.today())
        self.form.row(_("&Done on"), self.done_on, ("done",))
        self.has_due = QCheckBox(_("It is due a&gain on"))
        self.has_due.setAccessibleName(self.has_due.text().replace("&", ""))
        self.due = date_edit(ctx.today() + dt.timedelta(days=365))
        self.form.row("", self.has_due)
        self.form.row(_("D&ue date"), self.due, ("due",))
        self.provider = _line(_("for example: the insurer's name"))
        self.form.row(_("&Insurer or provider"), self.provider, ("provider",))
        self.reference = _line(_("policy or certificate number"))
        self.form.row(_("&Reference"), self.reference, ("reference",))
        self.document: tuple[str, bytes] | None = None
        self.choose_document_button = QPushButton(_("C&hoose the certificate…"))
        self.form.row(
            "",
            self.choose_document_button,
            ("document",),
            _("A PDF or photo of the certificate, kept encrypted in your store."),
        )
        self.document_words = plain_label(_("No certificate chosen."))
        self.form.row("", self.document_words)
        self.choose_document_button.clicked.connect(self.choose_document)

    def choose_document(self) -> None:
        from ipb_desktop.ui.employment import files

        path = files.choose_certificate_file(self)
        data = files.read_file(path) if path is not None else None
        if path is None or data is None:
            return
        self.document = (path.name, data)
        self.document_words.setText(_("Certificate chosen: {name}").format(name=path.name))

    def save(self) -> bool:
        employee = self.employee.currentData()
        details = checks.CheckDetails(
            kind=str(self.kind.currentData()),
            employee_id=int(employee) if employee is not None else None,
            done_on=_day(self.done_on),
            due_on=_day(self.due) if self.has_due.isChecked() else None,
            provider=self.provider.text(),
            reference=self.reference.text(),
        )
        return ops.add_check_with_document(self.ctx, details, self.document, form=self.form) is not None

"""Employment: the PAs you employ, what is owed to them, HMRC and the pension provider, what is coming up,
this week's shifts, payslips and employer checks. Every change goes through `ui.operations.employment`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ipb_desktop.employment import checks, employees, holiday, owed, payslips, shifts
from ipb_desktop.employment.checks import Reminder
from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.kinds import label
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.employment import files
from ipb_desktop.ui.employment.dialogs import CheckDialog, EmployeeDialog, PayslipDialog, ShiftDialog
from ipb_desktop.ui.employment.edit_dialog import EditEmployeeDialog
from ipb_desktop.ui.operations import employment as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.outcomes.page import make_table
from ipb_desktop.ui.widgets import dialogs
from ipb_desktop.ui.widgets.forms import Heading, button_row, plain_label
from ipb_desktop.ui.widgets.page import Page
from ipb_desktop.ui.widgets.table_model import Column, RowsModel


@dataclass(frozen=True)
class PaRow:
    employee_id: int
    name: str
    role: str
    rate_pence: int | None
    hours_kind: str
    holiday_left_minutes: int
    left_on: dt.date | None


@dataclass(frozen=True)
class PayslipRow:
    payslip_id: int
    name: str
    pay_date: dt.date
    gross_pence: int
    net_pence: int
    paid: bool


@dataclass(frozen=True)
class CheckRow:
    check_id: int
    kind: str
    name: str
    done_on: dt.date | None
    due_on: dt.date | None
    document_name: str | None = None


@dataclass(frozen=True)
class EmploymentView:
    pas: list[PaRow]
    week: list[shifts.ShiftLine]
    payslips: list[PayslipRow]
    checks: list[CheckRow]
    owed: list[owed.OwedItem]
    coming_up: list[Reminder]


def read_employment(session: Session, monday: dt.date, day: dt.date) -> EmploymentView:
    pas = [
        PaRow(
            e.id,
            e.name,
            e.role,
            employees.rate_on(e, min(day, e.end_date or day)),
            e.hours_kind,
            holiday.holiday_for(session, e, min(day, e.end_date or day)).left_minutes,
            e.end_date,
        )
        for e in employees.list_employees(session)
    ]
    names = {p.employee_id: p.name for p in pas}
    slips = [
        PayslipRow(p.id, name, p.pay_date, p.gross_pence, p.net_pence, p.net_paid_by is not None)
        for p, name in payslips.list_payslips(session)
    ][-12:]
    found = [
        CheckRow(
            c.id,
            c.kind,
            names.get(c.employee_id, "") if c.employee_id else _("Employer"),
            c.done_on,
            c.due_on,
            c.document_name,
        )
        for c in checks.list_checks(session)
    ]
    return EmploymentView(
        pas,
        shifts.shift_lines(session, monday, monday + dt.timedelta(days=6)),
        list(reversed(slips)),
        found,
        owed.owed_items(session, day),
        checks.reminders(session, day),
    )


def _fit(table: QTableView) -> None:
    """Columns as wide as what they hold; the first takes the room that is left."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _pa_name(row: PaRow) -> str:
    return row.name + (" " + _("(left {date})").format(date=_date(row.left_on)) if row.left_on else "")


def _rate(row: PaRow) -> str:
    return money(row.rate_pence) if row.rate_pence else "-"


def _date(day: dt.date | None) -> str:
    return date_short(day) if day else "-"


class EmploymentPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: dialogs.FormDialog | None = None
        self.certificate_dialog: QDialog | None = None
        self.view: EmploymentView | None = None
        self.week_offset = 0  # weeks before (-) or after (+) this week
        col = QVBoxLayout(self)
        col.addWidget(Heading(_("Employing personal assistants")))
        col.addWidget(
            plain_label(
                _(
                    "Keep the records an employer needs: timesheets, payslips, what you owe and have paid, "
                    "holiday and checks. Help (F1) says what to keep and where to get support."
                )
            )
        )
        col.addWidget(Heading(_("Owed and coming up"), 2))
        self.owed_words = plain_label()
        col.addWidget(self.owed_words)
        self.coming_up_words = plain_label()
        col.addWidget(self.coming_up_words)
        self.match_button = QPushButton(_("&Match payslips to payments"))
        col.addWidget(button_row(self.match_button))

        col.addWidget(Heading(_("Your PAs"), 2))
        self.pas_model: RowsModel[PaRow] = RowsModel(
            [
                Column(
                    _("Name"),
                    lambda r: r.name + (" " + _("(left {date})").format(date=_date(r.left_on)) if r.left_on else ""),
                ),
                Column(_("Role"), lambda r: r.role),
                Column(_("Hourly rate"), _rate, align_right=True),
                Column(_("Hours"), lambda r: label(r.hours_kind)),
                Column(_("Holiday left (hours)"), lambda r: hours_plain(r.holiday_left_minutes), align_right=True),
            ],
            self,
        )
        self.pas_table = make_table(self.pas_model, _("Your PAs"))
        _fit(self.pas_table)
        col.addWidget(self.pas_table)
        self.add_pa_button = QPushButton(_("&Add a PA"))
        self.change_pa_button = QPushButton(_("Change the PA or their &rate"))
        col.addWidget(button_row(self.add_pa_button, self.change_pa_button))

        col.addWidget(Heading(_("Shifts this week"), 2))
        week = QHBoxLayout()
        self.previous_week_button = QPushButton(_("&Previous week"))
        self.week_words = QLabel()
        self.week_words.setWordWrap(True)  # a long week name wraps instead of widening the page (200 %, Welsh)
        self.next_week_button = QPushButton(_("&Next week"))
        week.addWidget(self.previous_week_button)
        week.addWidget(self.week_words, 1)
        week.addWidget(self.next_week_button)
        col.addLayout(week)
        self.week_model: RowsModel[shifts.ShiftLine] = RowsModel(
            [
                Column(_("Day"), lambda s: date_long(s.work_date)),
                Column(_("PA"), lambda s: s.employee_name),
                Column(_("Times"), lambda s: f"{s.start_time}–{s.end_time}" if s.start_time else ""),
                Column(_("Hours"), lambda s: hours_plain(s.minutes), align_right=True),
                Column(_("What"), lambda s: label(s.kind)),
                Column(_("Notes"), lambda s: s.notes),
            ],
            self,
        )
        self.week_table = make_table(self.week_model, _("Shifts this week"), max_rows=10)
        _fit(self.week_table)
        col.addWidget(self.week_table)
        self.add_shift_button = QPushButton(_("Add a &shift"))
        self.delete_shift_button = QPushButton(_("&Delete the shift"))
        col.addWidget(button_row(self.add_shift_button, self.delete_shift_button))

        col.addWidget(Heading(_("Payslips"), 2))
        self.payslips_model: RowsModel[PayslipRow] = RowsModel(
            [
                Column(_("Paid on"), lambda p: date_long(p.pay_date)),
                Column(_("PA"), lambda p: p.name),
                Column(_("Gross pay"), lambda p: money(p.gross_pence), align_right=True),
                Column(_("Net pay"), lambda p: money(p.net_pence), align_right=True),
                Column(_("Paid from the account"), lambda p: _("yes") if p.paid else _("not yet")),
            ],
            self,
        )
        self.payslips_table = make_table(self.payslips_model, _("Payslips"))
        _fit(self.payslips_table)
        col.addWidget(self.payslips_table)
        self.add_payslip_button = QPushButton(_("Add a pa&yslip"))
        self.import_payroll_button = QPushButton(_("&Import payslips from a payroll CSV…"))
        col.addWidget(button_row(self.add_payslip_button, self.import_payroll_button))
        self.export_shifts_button = QPushButton(_("Save all shifts as CS&V…"))
        self.export_payslips_button = QPushButton(_("Save all pays&lips as CSV…"))
        col.addWidget(button_row(self.export_shifts_button, self.export_payslips_button))

        col.addWidget(Heading(_("Employer checks"), 2))
        self.checks_model: RowsModel[CheckRow] = RowsModel(
            [
                Column(_("Check"), lambda c: label(c.kind)),
                Column(_("For"), lambda c: c.name),
                Column(_("Done"), lambda c: _date(c.done_on)),
                Column(_("Next due"), lambda c: _date(c.due_on)),
                Column(_("Certificate"), lambda c: c.document_name or ""),
            ],
            self,
        )
        self.checks_table = make_table(self.checks_model, _("Employer checks"))
        _fit(self.checks_table)
        col.addWidget(self.checks_table)
        self.add_check_button = QPushButton(_("Add an employer &check"))
        self.open_document_button = QPushButton(_("&Open the certificate"))
        self.save_document_button = QPushButton(_("Save a copy of the cer&tificate…"))
        col.addWidget(button_row(self.add_check_button, self.open_document_button, self.save_document_button))
        col.addStretch(1)

        self.match_button.clicked.connect(self.match)
        self.add_pa_button.clicked.connect(lambda: self._open(EmployeeDialog(self.ctx, self)))
        self.change_pa_button.clicked.connect(self.change_pa)
        self.add_shift_button.clicked.connect(lambda: self._open(ShiftDialog(self.ctx, self)))
        self.delete_shift_button.clicked.connect(self.delete_shift)
        self.add_payslip_button.clicked.connect(lambda: self._open(PayslipDialog(self.ctx, self)))
        self.add_check_button.clicked.connect(lambda: self._open(CheckDialog(self.ctx, self)))
        self.import_payroll_button.clicked.connect(lambda: files.import_payroll(self.ctx, self))
        self.export_shifts_button.clicked.connect(lambda: files.export_csv(self.ctx, self, "shifts"))
        self.export_payslips_button.clicked.connect(lambda: files.export_csv(self.ctx, self, "payslips"))
        self.open_document_button.clicked.connect(lambda: self.certificate(show=True))
        self.save_document_button.clicked.connect(lambda: self.certificate(show=False))
        self.previous_week_button.clicked.connect(lambda: self._move_week(-1))
        self.next_week_button.clicked.connect(lambda: self._move_week(1))

    def _open(self, dialog: dialogs.FormDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    @property
    def monday(self) -> dt.date:
        return shifts.week_start(self.ctx.today()) + dt.timedelta(weeks=self.week_offset)

    def _move_week(self, weeks: int) -> None:
        self.week_offset += weeks
        self.refresh()

    def match(self) -> None:
        found = ops.match_payments(self.ctx)
        messages.info(_("Matched {n} payments to payslips.").format(n=found) if found else _("No new matches found."))

    def change_pa(self) -> None:
        row = self.pas_model.row_at(self.pas_table.currentIndex())
        if row is None and len(self.pas_model.rows) == 1:
            row = self.pas_model.rows[0]
        if row is None:
            messages.info(_("Choose a PA in the list first."))
            return
        self._open(EditEmployeeDialog(self.ctx, row.employee_id, self))

    def certificate(self, show: bool) -> None:
        """Show the chosen check's certificate, or save a copy; the first one kept if none is chosen."""
        row = self.checks_model.row_at(self.checks_table.currentIndex())
        if row is None or not row.document_name:
            row = next((c for c in self.checks_model.rows if c.document_name), None)
        if row is None:
            messages.info(_("No certificate is kept yet. Add the check with its certificate."))
            return
        if show:
            self.certificate_dialog = files.show_certificate(self.ctx, self, row.check_id)
        else:
            files.save_certificate_copy(self.ctx, self, row.check_id)

    def delete_shift(self) -> None:
        row = self.week_model.row_at(self.week_table.currentIndex())
        if row is None:
            return
        question = _("Delete the shift on {date} for {name}? You can undo this.").format(
            date=date_long(row.work_date), name=row.employee_name
        )
        if dialogs.confirm(self, question, _("Delete it")):
            ops.delete_shift(self.ctx, row.shift_id)

    def refresh(self) -> None:
        self.view = self.ctx.read(lambda s: read_employment(s, self.monday, self.ctx.today()), None)
        view = self.view
        self.pas_model.set_rows(view.pas if view else [])
        self.week_model.set_rows(view.week if view else [])
        self.payslips_model.set_rows(view.payslips if view else [])
        self.checks_model.set_rows(view.checks if view else [])
        self.week_words.setText(
            _("Week starting {date}").format(date=date_long(self.monday)) if view is not None else ""
        )
        has_pa = bool(view and view.pas)
        for button in (self.change_pa_button, self.add_shift_button, self.add_payslip_button):
            button.setEnabled(has_pa)
        if view is None:
            self.owed_words.setText("")
            self.coming_up_words.setText("")
            return
        self.owed_words.setText(owed_text(view.owed))
        self.coming_up_words.setText(coming_up_text(view.coming_up, self.ctx.today()))


def owed_text(items: list[owed.OwedItem]) -> str:
    if not items:
        return _("Nothing is owed to your PAs, HMRC or the pension provider.")
    parts = [
        _("{who}: {amount} ({what})").format(who=i.who, amount=money(i.amount_pence), what=_(owed.WHAT_LABELS[i.what]))
        for i in items
    ]
    return _("Still to pay: {items}.").format(items="; ".join(parts))


def coming_up_text(reminders: list[Reminder], day: dt.date) -> str:
    if not reminders:
        return _("Nothing coming up in the next few weeks.")
    lines = []
    for r in reminders:
        when = _("overdue since {date}") if r.overdue(day) else _("by {date}")
        lines.append(f"• {r.text} ({when.format(date=date_long(r.due_on))})")
    return _("Coming up:") + "\n" + "\n".join(lines)

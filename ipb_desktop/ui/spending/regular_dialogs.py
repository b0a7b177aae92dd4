"""Regular payments in the GUI: the list (add, change, stop), the form, and the "due" review where each waiting
payment is confirmed into the ledger or skipped. Every change is one undoable operation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import regular
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import N_, _, ngettext
from ipb_desktop.models.enums import Direction, Schedule
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.regular import DueOccurrence, RegularDetails
from ipb_desktop.ui.operations import spending as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import (
    Choices,
    choose,
    date_edit,
    date_of,
    direction_combo,
    fill_combo,
    set_date,
)
from ipb_desktop.ui.widgets.forms import Form, plain_label

ITEM_ROLE = Qt.ItemDataRole.UserRole
SCHEDULES = [
    (Schedule.WEEKLY, N_("Every week")),
    (Schedule.FOUR_WEEKLY, N_("Every four weeks")),
    (Schedule.MONTHLY, N_("Every month")),
    (Schedule.QUARTERLY, N_("Every three months")),
    (Schedule.YEARLY, N_("Every year")),
]


def describe(direction: str, amount_pence: int, payee: str) -> str:
    sign = "+" if direction == Direction.IN else "-"
    return f"{payee}, {sign}{money(amount_pence)}"


class RegularForm(QDialog):
    """Set up or change one regular payment."""

    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        details: RegularDetails | None,
        save: Callable[[RegularDetails, Form], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save = save
        self.setWindowTitle(_("Change a regular payment") if details else _("Set up a regular payment"))
        self.form = Form()
        self.direction = direction_combo(_("Money in or out"))
        self.payee = QLineEdit()
        self.amount = QLineEdit()
        self.schedule = QComboBox()
        for code, label in SCHEDULES:
            self.schedule.addItem(_(label), code)
        self.next_due = date_edit(_("Next payment date"), ctx.today())
        self.has_end = QCheckBox(_("It stops on a date"))
        self.end_date = date_edit(_("Last payment date"), ctx.today())
        self.end_date.setEnabled(False)
        self.has_end.toggled.connect(self.end_date.setEnabled)
        self.description = QLineEdit()
        self.plan_line = QComboBox()
        fill_combo(self.plan_line, choices.plan_lines, _("Not in my plan"))
        self.category = QComboBox()
        fill_combo(self.category, choices.categories, _("From the plan line, or none"))
        self.stream = QComboBox()
        fill_combo(self.stream, choices.streams, _("From the plan line, or none"))
        self.form.row(_("&In or out"), self.direction, ("direction",))
        self.form.row(_("&Payee"), self.payee, ("payee",), hint=_("For example, Jo Assistant"))
        self.form.row(_("&Amount (£)"), self.amount, ("amount",))
        self.form.row(_("&How often"), self.schedule, ("schedule",))
        self.form.row(_("&Next payment"), self.next_due, ("next_due",))
        self.form.layout.addRow(self.has_end)
        self.form.row(_("Last pa&yment"), self.end_date, ("end_date",))
        self.form.row(_("D&escription"), self.description, ("description",))
        self.form.row(_("Plan &line"), self.plan_line, ("plan_line",))
        self.form.row(_("Ca&tegory"), self.category, ("category",))
        self.form.row(_("&Funding stream"), self.stream, ("stream",))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)
        if details is not None:
            choose(self.direction, details.direction)
            self.payee.setText(details.payee)
            self.amount.setText(format_plain(details.amount_pence))
            choose(self.schedule, details.schedule)
            set_date(self.next_due, details.next_due)
            if details.end_date is not None:
                self.has_end.setChecked(True)
                set_date(self.end_date, details.end_date)
            self.description.setText(details.description)
            choose(self.plan_line, details.plan_line_id)
            choose(self.category, details.category_id if details.plan_line_id is None else None)
            choose(self.stream, details.stream_id if details.plan_line_id is None else None)

    def details(self) -> RegularDetails:
        return RegularDetails(
            direction=self.direction.currentData(),
            amount_pence=parse_pence(self.amount.text(), "amount"),
            payee=self.payee.text(),
            schedule=self.schedule.currentData(),
            next_due=date_of(self.next_due),
            description=self.description.text(),
            end_date=date_of(self.end_date) if self.has_end.isChecked() else None,
            plan_line_id=self.plan_line.currentData(),
            category_id=self.category.currentData(),
            stream_id=self.stream.currentData(),
        )

    def accept(self) -> None:
        self.form.clear_problems()
        try:
            details = self.details()
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return
        if self._save(details, self.form):
            super().accept()


class RegularListDialog(QDialog):
    """Every regular payment, with Set up, Change, Stop and Start again."""

    def __init__(self, ctx: AppContext, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choices = choices
        self.form: RegularForm | None = None
        self.setWindowTitle(_("Regular payments"))
        self.resize(560, 380)
        intro = plain_label(
            _(
                "Payments that repeat, like weekly wages or the council's payment in. When one is due, the Spending "
                "page asks you to confirm it; nothing is added until you do."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName(_("Regular payments"))
        self.add_button = QPushButton(_("&Set up a regular payment…"))
        self.edit_button = QPushButton(_("&Change…"))
        self.stop_button = QPushButton(_("S&top"))
        self.stop_button.setAccessibleDescription(_("Stop offering this payment. You can start it again later."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.stop_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(lambda: self.open_form(self.current_id()))
        self.stop_button.clicked.connect(self.toggle_stopped)
        self.list.itemActivated.connect(lambda _item: self.open_form(self.current_id()))
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        ctx.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        keep = self.current_id()
        found = self.ctx.read(
            lambda s: [
                (p.id, p.active, p.direction, p.amount_pence, p.payee, p.schedule, p.next_due)
                for p in regular.list_regular(s, include_stopped=True)
            ],
            [],
        )
        self.list.clear()
        for regular_id, active, direction, amount, payee, schedule, next_due in found:
            how = _(dict(SCHEDULES).get(Schedule(schedule), "")).lower()
            when = _("next on {date}").format(date=date_long(next_due)) if active else _("stopped")
            item = QListWidgetItem(f"{describe(direction, amount, payee)} — {how}, {when}", self.list)
            item.setData(ITEM_ROLE, (regular_id, active))
            if regular_id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._enable()

    def current_id(self) -> int | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(ITEM_ROLE)[0] if item is not None else None

    def _enable(self) -> None:
        item = self.list.currentItem()
        self.edit_button.setEnabled(item is not None)
        self.stop_button.setEnabled(item is not None)
        active = item is not None and item.data(ITEM_ROLE)[1]
        self.stop_button.setText(_("S&top") if active or item is None else _("S&tart again"))

    def open_form(self, regular_id: int | None) -> None:
        details = None
        if regular_id is not None:
            details = self.ctx.read(lambda s: regular.details_of(regular.get_regular(s, regular_id)), None)
        self.form = RegularForm(
            self.ctx, self.choices, details, lambda new, form: self._save(regular_id, details, new, form), self
        )
        self.form.open()

    def _save(self, regular_id: int | None, before: RegularDetails | None, new: RegularDetails, form: Form) -> bool:
        if regular_id is None:
            return ops.set_up_regular(self.ctx, new, form) is not None
        return ops.change_regular(self.ctx, regular_id, new, before or new, form) is not None

    def toggle_stopped(self) -> None:
        if self.list.currentRow() < 0:
            return
        item = self.list.currentItem()
        regular_id, active = item.data(ITEM_ROLE)
        if active:
            ops.stop_regular(self.ctx, regular_id)
        else:
            ops.start_regular_again(self.ctx, regular_id)


class DueDialog(QDialog):
    """The payments that have come due: confirm each (on the day it went through, for the amount it was) or skip."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.due: list[DueOccurrence] = []
        self.setWindowTitle(_("Regular payments that are due"))
        self.resize(560, 400)
        intro = plain_label(
            _(
                "Check each one against your bank statement. Confirm adds it to your spending; Skip means it did "
                "not happen this time. Both can be undone."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName(_("Payments waiting to be confirmed"))
        self.form = Form()
        self.paid_on = date_edit(_("Date it went through"), ctx.today())
        self.amount = QLineEdit()
        self.form.row(_("&Date it went through"), self.paid_on, ("date",))
        self.form.row(_("&Amount (£)"), self.amount, ("amount",))
        self.confirm_button = QPushButton(_("&Confirm"))
        self.skip_button = QPushButton(_("S&kip"))
        self.confirm_all_button = QPushButton(_("Confirm all as d&ue"))
        self.confirm_all_button.setAccessibleDescription(_("Add every payment in the list on its due date."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.confirm_button, self.skip_button, self.confirm_all_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.form.layout)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.confirm_button.clicked.connect(self.confirm_current)
        self.skip_button.clicked.connect(self.skip_current)
        self.confirm_all_button.clicked.connect(self.confirm_all)
        # Enter anywhere in the dialog confirms the chosen payment.
        self.confirm_button.setDefault(True)
        self.reload()

    def reload(self) -> None:
        today = self.ctx.today()
        self.due = self.ctx.read(lambda s: regular.due(s, today), [])
        self.list.clear()
        for occurrence in self.due:
            text = _("{payment}, due {date}").format(
                payment=describe(occurrence.direction, occurrence.amount_pence, occurrence.payee),
                date=date_long(occurrence.due_on),
            )
            QListWidgetItem(text, self.list)
        for widget in (self.confirm_button, self.skip_button, self.confirm_all_button, self.paid_on, self.amount):
            widget.setEnabled(bool(self.due))
        if self.due:
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(_("Nothing is due. You are up to date."))

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.due):
            occurrence = self.due[row]
            set_date(self.paid_on, occurrence.due_on)
            self.amount.setText(format_plain(occurrence.amount_pence))

    def _first_due_of(self, occurrence: DueOccurrence) -> bool:
        """Only the oldest waiting occurrence of a payment can be confirmed or skipped (they go in order)."""
        return next(o for o in self.due if o.regular_id == occurrence.regular_id) == occurrence

    def current(self) -> DueOccurrence | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.due):
            return None
        occurrence = self.due[row]
        if not self._first_due_of(occurrence):
            occurrence = next(o for o in self.due if o.regular_id == occurrence.regular_id)
        return occurrence

    def confirm_current(self) -> None:
        occurrence = self.current()
        if occurrence is None:
            return
        self.form.clear_problems()
        try:
            pence = parse_pence(self.amount.text(), "amount")
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return
        confirm_one(self.ctx, occurrence, date_of(self.paid_on), pence, form=self.form)
        self.reload()

    def skip_current(self) -> None:
        occurrence = self.current()
        if occurrence is None:
            return
        ops.skip_due(self.ctx, occurrence.regular_id, occurrence.due_on, occurrence.payee)
        self.reload()

    def confirm_all(self) -> None:
        count = 0
        for occurrence in list(self.due):
            if confirm_one(self.ctx, occurrence, occurrence.due_on, occurrence.amount_pence) is None:
                break
            count += 1
        self.reload()
        if count:
            from ipb_desktop.ui import messages

            messages.info(ngettext("Added {n} regular payment.", "Added {n} regular payments.", count).format(n=count))


def confirm_one(
    ctx: AppContext, occurrence: DueOccurrence, paid_on: dt.date, amount_pence: int, form: Form | None = None
) -> int | None:
    """Confirm one due occurrence as an undoable operation; the new transaction's id, or None."""
    return ops.confirm_due(ctx, occurrence.regular_id, occurrence.due_on, occurrence.payee, paid_on, amount_pence, form)

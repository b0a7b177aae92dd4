"""The quick-add row: log a payment in a few seconds (date, payee, amount, plan line or category, Enter).

Typing a payee used before fills in what it was for last time (and the amount, selected so typing replaces it);
the person can change any of it. Gentle warnings are shown after saving, never in the way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from ipb_desktop import ledger, ledger_query
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.ledger_query import PayeeHabit
from ipb_desktop.models.enums import Direction
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import (
    Choices,
    announce,
    choose,
    completing_line_edit,
    date_edit,
    date_of,
    direction_combo,
    fill_combo,
    set_suggestions,
)
from ipb_desktop.ui.widgets.forms import plain_label, sentence


class QuickAdd(QGroupBox):
    """One row of inputs and an Add button. Enter in any of them adds the payment."""

    added = Signal(int)  # the new transaction's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Log a payment"), parent)
        self.ctx = ctx
        self._habit: PayeeHabit | None = None
        self.date = date_edit(_("Date of the payment"), ctx.today())
        self.direction = direction_combo(_("Money in or out"))
        self.payee = completing_line_edit(_("Payee: who was paid, or who paid you"))
        self.payee.setPlaceholderText(_("For example, Clayworks Studio"))
        self.amount = QLineEdit()
        self.amount.setAccessibleName(_("Amount in pounds"))
        self.amount.setPlaceholderText(_("For example, 12.50"))
        self.plan_line = QComboBox()
        self.plan_line.setAccessibleName(_("Plan line: what in your plan this paid for"))
        self.category = QComboBox()
        self.category.setAccessibleName(_("Category"))
        for combo in (self.plan_line, self.category):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.payee.setMinimumWidth(self.payee.fontMetrics().averageCharWidth() * 18)
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setAccessibleDescription(_("Save this payment. Pressing Enter in any box does the same."))
        self.status = plain_label()
        self.status.setAccessibleDescription(_("Quick add status"))
        self.status.hide()

        grid = QGridLayout(self)
        fields: list[tuple[str, QWidget]] = [
            (_("Dat&e"), self.date),
            (_("In or &out"), self.direction),
            (_("&Payee"), self.payee),
            (_("A&mount (£)"), self.amount),
            (_("Plan &line"), self.plan_line),
            (_("Ca&tegory"), self.category),
        ]
        for column, (text, widget) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            widget.installEventFilter(self)
        grid.addWidget(self.add_button, 1, len(fields))
        grid.addWidget(self.status, 2, 0, 1, len(fields) + 1)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(4, 2)
        grid.setColumnStretch(5, 1)
        self._fields: dict[str, QWidget] = {
            "date": self.date,
            "direction": self.direction,
            "payee": self.payee,
            "amount": self.amount,
            "plan_line": self.plan_line,
            "category": self.category,
        }

        self.add_button.clicked.connect(self.submit)
        self.payee.editingFinished.connect(self._recall_payee)
        completer = self.payee.completer()
        if completer is not None:
            completer.activated.connect(lambda _text: self._recall_payee())

    # -- choices ----------------------------------------------------------------------------------------------

    def set_choices(self, choices: Choices) -> None:
        fill_combo(self.plan_line, choices.plan_lines, _("Not in my plan"))
        fill_combo(self.category, choices.categories, _("No category"))
        set_suggestions(self.payee, choices.payees)

    def _recall_payee(self) -> None:
        """Fill in what this payee was for last time, without overwriting anything already chosen."""
        name = self.payee.text().strip()
        if not name or (self._habit is not None and self._habit.payee.lower() == name.lower()):
            return
        habit = self.ctx.read(lambda s: ledger_query.payee_habit(s, name), None)
        self._habit = habit
        if habit is None:
            return
        choose(self.direction, habit.direction)
        if self.plan_line.currentData() is None and self.category.currentData() is None:
            choose(self.plan_line, habit.plan_line_id)
            choose(self.category, habit.category_id if habit.plan_line_id is None else None)
        if not self.amount.text().strip():
            self.amount.setText(format_plain(habit.amount_pence))
            self.amount.selectAll()

    # -- saving -----------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup = self.payee.completer().popup() if self.payee.completer() else None
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (popup and popup.isVisible()):
                if isinstance(watched, QComboBox) and watched.view().isVisible():
                    return False
                self.submit()
                return True
        return super().eventFilter(watched, event)

    def draft(self) -> ledger.TransactionDraft:
        """The payment as typed (raises InvalidInput for an amount that is not money)."""
        pence = parse_pence(self.amount.text(), "amount")
        plan_line_id = self.plan_line.currentData()
        category_id = self.category.currentData()
        habit = self._habit
        same_as_habit = (
            habit is not None
            and habit.payee.lower() == self.payee.text().strip().lower()
            and habit.plan_line_id == plan_line_id
            and (category_id is None or habit.category_id == category_id)
        )
        return ledger.TransactionDraft(
            txn_date=date_of(self.date),
            direction=self.direction.currentData(),
            amount_pence=pence,
            payee=self.payee.text(),
            plan_line_id=plan_line_id,
            category_id=category_id,
            stream_id=habit.stream_id if same_as_habit and habit else None,
            outcome_id=habit.outcome_id if same_as_habit and habit else None,
        )

    def submit(self) -> int | None:
        self._recall_payee()
        if not self.amount.text().strip():
            self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
            self._say(_("Now type the amount, then press Enter."))
            return None
        self.clear_problems()
        try:
            draft = self.draft()
        except InvalidInput as exc:
            self.show_problems(exc.problems)
            return None
        warnings = self.ctx.read(lambda s: ledger.gentle_warnings(s, draft), [])
        payee = draft.payee.strip() or _("a payment")
        new_id = self.ctx.perform(
            _("Log {payee}").format(payee=payee),
            lambda s: ledger.add_transaction(s, draft).id,
            lambda s, txn_id: _quiet(ledger.delete_transaction(s, txn_id)),
            form=self,
        )
        if new_id is None:
            return None
        sign = "+" if draft.direction == Direction.IN else "-"
        done = _("Saved: {payee}, {sign}{amount} on {date}.").format(
            payee=payee, sign=sign, amount=money(draft.amount_pence), date=date_long(draft.txn_date)
        )
        if warnings:
            done += " " + _("Worth a second look:") + " " + " ".join(warnings)
        self._say(done)
        self.reset()
        self.added.emit(new_id)
        return new_id

    def reset(self) -> None:
        """Empty the row for the next payment (the date stays: several payments are often logged together)."""
        self._habit = None
        self.payee.clear()
        self.amount.clear()
        self.direction.setCurrentIndex(0)
        self.plan_line.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.payee.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        announce(self.status, text)

    # -- problems next to the fields (AppContext.perform's FieldSink) ------------------------------------------

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]:
        first: QWidget | None = None
        texts = []
        for p in problems:
            widget = self._fields.get(p.field.split()[-1])
            first = first or widget
            texts.append(sentence(p.reason))
        self._say(_("Please check this: {reason}").format(reason=" ".join(texts)))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return []

    def clear_problems(self) -> None:
        self.status.clear()
        self.status.hide()


def _quiet(_result: object) -> None:
    """Undo functions return nothing; this drops what a service returned."""

"""The quick-add row: log a payment in a few seconds (date, payee, amount, plan line or category, Enter).

Typing a payee used before fills in what it was for last time (and the amount, selected so typing replaces it);
the person can change any of it. Gentle warnings are shown after saving, never in the way.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from ipb_desktop import ledger, ledger_query
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.ledger_query import PayeeHabit
from ipb_desktop.models.enums import Direction
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.ui.operations import spending as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.appearance import text_scale
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

        self.grid = QGridLayout(self)
        fields: list[tuple[str, QWidget]] = [
            (_("&Date"), self.date),
            (_("&In or out"), self.direction),
            (_("&Payee"), self.payee),
            (_("Amo&unt (£)"), self.amount),
            (_("Pla&n line"), self.plan_line),
            (_("Categ&ory"), self.category),
        ]
        self._cells: list[tuple[QLabel, QWidget]] = []
        for text, widget in fields:
            label = QLabel(text)
            label.setBuddy(widget)
            self._cells.append((label, widget))
            widget.installEventFilter(self)
        self._per_row = 0
        self._arrange()
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
        # "Saved: ..." describes the last change: once anything is undone, redone or done, it is out of date.
        ctx.undo_stack.indexChanged.connect(self._out_of_date)
        # Another store is being opened: a half-typed payment belongs to the last one.
        ctx.forgotten.connect(self.forget)

    def _arrange(self) -> None:
        """All the boxes in one row at ordinary text sizes; in two rows (date to amount, then what it was for)
        when the text is large, so no box is squeezed to nothing."""
        per_row = 4 if text_scale() > 125 else len(self._cells)
        if per_row == self._per_row:
            return
        self._per_row = per_row
        grid = self.grid
        for label, widget in self._cells:
            grid.removeWidget(label)
            grid.removeWidget(widget)
        grid.removeWidget(self.add_button)
        grid.removeWidget(self.status)
        for column in range(len(self._cells) + 1):
            grid.setColumnStretch(column, 0)
        for i, (label, widget) in enumerate(self._cells):
            row, column = divmod(i, per_row)
            grid.addWidget(label, 2 * row, column)
            grid.addWidget(widget, 2 * row + 1, column)
        last_row = 2 * ((len(self._cells) - 1) // per_row) + 1
        grid.addWidget(self.add_button, last_row, len(self._cells) % per_row or per_row)
        grid.addWidget(self.status, last_row + 1, 0, 1, per_row + 1)
        for column, stretch in ({2: 2, 4: 2, 5: 1} if per_row == len(self._cells) else {1: 1, 2: 2, 3: 1}).items():
            grid.setColumnStretch(column, stretch)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._arrange()
        super().changeEvent(event)

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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
        new_id = ops.log_payment(self.ctx, draft, self, text=_("Log {payee}").format(payee=payee))
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
        # setText, not clear(): an emptied box has nothing of its own to undo, so Ctrl+Z there undoes the save.
        self.payee.setText("")
        self.amount.setText("")
        self.direction.setCurrentIndex(0)
        self.plan_line.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.payee.setFocus(Qt.FocusReason.OtherFocusReason)

    def _out_of_date(self, _index: int) -> None:
        self.clear_problems()

    def forget(self) -> None:
        """Drop what was typed and said for the last store (another one is being opened)."""
        self.reset()
        self.date.setDate(QDate(self.ctx.today().year, self.ctx.today().month, self.ctx.today().day))
        self.clear_problems()

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

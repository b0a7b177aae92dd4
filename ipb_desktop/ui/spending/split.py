"""Share one payment across several plan lines (or categories): one row per part, with a live "left to share"
figure. Save is offered only when the parts add up to the payment exactly."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import ledger
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.ui.spending.choices import Choices, announce, choose, fill_combo
from ipb_desktop.ui.widgets.forms import plain_label, sentence


class SplitPart:
    """The inputs for one part: amount, plan line, category, and a short note."""

    def __init__(self, number: int, choices: Choices) -> None:
        self.amount = QLineEdit()
        self.plan_line = QComboBox()
        fill_combo(self.plan_line, choices.plan_lines, _("Not in my plan"))
        self.category = QComboBox()
        fill_combo(self.category, choices.categories, _("From the plan line, or none"))
        self.note = QLineEdit()
        self.remove = QPushButton(_("Remove"))
        self.renumber(number)

    def renumber(self, number: int) -> None:
        self.amount.setAccessibleName(_("Part {n}: amount in pounds").format(n=number))
        self.plan_line.setAccessibleName(_("Part {n}: plan line").format(n=number))
        self.category.setAccessibleName(_("Part {n}: category").format(n=number))
        self.note.setAccessibleName(_("Part {n}: note").format(n=number))
        self.remove.setAccessibleName(_("Remove part {n}").format(n=number))

    def widgets(self) -> list[QWidget]:
        return [self.amount, self.plan_line, self.category, self.note, self.remove]

    def pence(self) -> int | None:
        text = self.amount.text().strip()
        if not text:
            return None
        return parse_pence(text, "amount")


class SplitDialog(QDialog):
    """`save(parts)` is called with the parts on Save and returns True when they were saved."""

    def __init__(
        self,
        draft: ledger.TransactionDraft,
        choices: Choices,
        save: Callable[[list[ledger.AllocationDraft]], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Share a payment across your plan"))
        self.total = draft.amount_pence
        self.choices = choices
        self._save = save
        self.parts: list[SplitPart] = []
        intro = plain_label(
            _("{payee}: {amount}. Share it across plan lines; the parts must add up to the whole payment.").format(
                payee=draft.payee or _("This payment"), amount=money(draft.amount_pence)
            )
        )
        self.grid = QGridLayout()
        for column, text in enumerate([_("Amount (£)"), _("Plan line"), _("Category"), _("Note")]):
            self.grid.addWidget(QLabel(text), 0, column)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        self.grid.setColumnStretch(3, 2)
        self.add_part_button = QPushButton(_("Add a &part"))
        self.add_part_button.clicked.connect(lambda: self.add_part(focus=True))
        self.left = plain_label()
        self.left.setAccessibleDescription(_("Left to share"))
        self.problem = plain_label()
        self.problem.setStyleSheet("font-weight: bold")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(_("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_part_button)
        layout.addWidget(self.left)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        existing = draft.allocations or (
            ledger.AllocationDraft(draft.amount_pence, draft.category_id, draft.plan_line_id),
        )
        for part in existing:
            row = self.add_part()
            row.amount.setText(format_plain(part.amount_pence))
            choose(row.plan_line, part.plan_line_id)
            choose(row.category, part.category_id if part.plan_line_id is None else None)
            row.note.setText(part.note or "")
        if len(self.parts) == 1:
            self.add_part()
        self._update()
        self.parts[0].amount.setFocus()

    def add_part(self, focus: bool = False) -> SplitPart:
        part = SplitPart(len(self.parts) + 1, self.choices)
        self.parts.append(part)
        part.amount.textChanged.connect(self._update)
        part.remove.clicked.connect(lambda: self.remove_part(part))
        self._layout_parts()
        if focus:
            part.amount.setFocus()
        self._update()
        return part

    def remove_part(self, part: SplitPart) -> None:
        if len(self.parts) <= 1:
            return
        self.parts.remove(part)
        for widget in part.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._layout_parts()
        self.parts[-1].amount.setFocus()
        self._update()

    def _layout_parts(self) -> None:
        for number, part in enumerate(self.parts, start=1):
            part.renumber(number)
            for column, widget in enumerate(part.widgets()):
                self.grid.addWidget(widget, number, column)
            part.remove.setEnabled(len(self.parts) > 1)
        # Tab goes along each part in turn, then to "Add a part".
        chain = [w for part in self.parts for w in part.widgets()] + [self.add_part_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def left_to_share(self) -> int | None:
        """Pence still to share (negative when the parts add up to too much); None while an amount is not money."""
        total = 0
        for part in self.parts:
            try:
                total += part.pence() or 0
            except InvalidInput:
                return None
        return self.total - total

    def _update(self) -> None:
        left = self.left_to_share()
        if left is None:
            text = _("One of the amounts is not money yet. Use digits and a point, for example 12.50.")
        elif left == 0:
            text = _("Left to share: {amount}. The parts add up.").format(amount=money(0))
        elif left > 0:
            text = _("Left to share: {amount}.").format(amount=money(left))
        else:
            text = _("The parts add up to {amount} too much.").format(amount=money(-left))
        self.left.setText(text)
        self.save_button.setEnabled(left == 0)

    def drafts(self) -> list[ledger.AllocationDraft]:
        found = []
        for part in self.parts:
            pence = part.pence()
            if pence is None:
                continue
            found.append(
                ledger.AllocationDraft(
                    pence,
                    category_id=part.category.currentData(),
                    plan_line_id=part.plan_line.currentData(),
                    note=part.note.text(),
                )
            )
        return found

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]:
        text = " ".join(sentence(p.reason) for p in problems)
        self.problem.setText(_("Please check this: {reason}").format(reason=text))
        self.problem.show()
        announce(self.problem, self.problem.text())
        return []

    def clear_problems(self) -> None:
        self.problem.hide()

    def accept(self) -> None:
        self.clear_problems()
        try:
            parts = self.drafts()
        except InvalidInput as exc:
            self.show_problems(exc.problems)
            return
        if self._save(parts):
            super().accept()

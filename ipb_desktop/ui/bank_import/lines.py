"""The new payments of an import, and what each one is for, chosen before anything is saved (and the small
table helpers the import dialogs share).

One table lists the new payments; under it one small editor (plan line, category, outcome) works on the selected
payments, so the keyboard route is: arrow keys to a payment (Shift or Ctrl for several), Tab to the choices.
A suggestion is shown beside each payment but only used when the person presses "Use suggestion" or "Use all
suggestions"; after that it can still be changed like any other choice.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.suggest import Suggestion
from ipb_desktop.formatting import date_short, money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.ui.spending.choices import Choices, choose, fill_combo
from ipb_desktop.ui.widgets.forms import Heading, plain_label

FIELDS = ("plan_line_id", "category_id", "outcome_id")
FOR, SUGGESTED = 3, 4


def _who(item: service.PreviewLine) -> str:
    return " ".join(part for part in (item.line.payee, item.line.description) if part)


class NewLinesPanel(QWidget):
    """The "New payments" part of the check step. `chosen` holds what the person chose, by bank id."""

    learnedRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[service.PreviewLine] = []
        self.suggestions: dict[str, Suggestion] = {}
        self.chosen: dict[str, Suggestion] = {}
        self.names: dict[str, dict[int, str]] = {field: {} for field in FIELDS}
        self._loading = False
        self.heading = Heading(_("New payments"), 3)
        self.hint = plain_label(
            _(
                "You can say what each payment is for now, or later on the Spending page. Choose a payment, then "
                "its plan line. To do several at once, select them with Shift or Ctrl. Suggestions come from what "
                "you chose before for the same payee, and are only used if you say so."
            )
        )
        self.use_all_button = QPushButton(_("Use &all suggestions"))
        self.use_all_button.clicked.connect(self.use_all_suggestions)
        self.learned_button = QPushButton(_("&What the app has learned…"))
        self.learned_button.clicked.connect(self.learnedRequested.emit)
        headings = [_("Date"), _("Amount"), _("Who"), _("For"), _("Suggestion")]
        self.table = statement_table(_("New payments"), headings)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Sized once when filled (and the "For" column after each choice): a statement can have 10,000 lines.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.editor = QGroupBox(_("What the selected payment is for"))
        self.selected_label = plain_label()
        self.suggestion_label = plain_label()
        self.use_button = QPushButton(_("&Use suggestion"))
        self.use_button.clicked.connect(self.use_suggestion)
        self.clear_button = QPushButton(_("Clear c&hoices"))
        self.clear_button.clicked.connect(self.clear_choices)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field, text in (
            ("plan_line_id", _("Plan &line")),
            ("category_id", _("Ca&tegory")),
            ("outcome_id", _("&Outcome")),
        ):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i, f=field: self._combo_changed(f))
            label = QLabel(text)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[field] = combo
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion_label, 1)
        suggestion_row.addWidget(self.use_button)
        suggestion_row.addWidget(self.clear_button)
        inside = QVBoxLayout(self.editor)
        inside.addWidget(self.selected_label)
        inside.addLayout(suggestion_row)
        inside.addLayout(form)

        top = QHBoxLayout()
        top.addWidget(self.use_all_button)
        top.addWidget(self.learned_button)
        top.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.editor)

    # -- filling ----------------------------------------------------------------------------------------------

    def set_choices(self, choices: Choices) -> None:
        """The plan lines, categories and outcomes to choose from (read when the preview is made)."""
        self._loading = True
        fill_combo(self.combos["plan_line_id"], choices.plan_lines, _("None yet"))
        fill_combo(self.combos["category_id"], choices.categories, _("From the plan line, or none"))
        fill_combo(self.combos["outcome_id"], choices.outcomes, _("From the plan line, or none"))
        self._loading = False
        self.names = {
            "plan_line_id": dict(choices.plan_lines),
            "category_id": dict(choices.categories),
            "outcome_id": dict(choices.outcomes),
        }

    def set_lines(self, lines: list[service.PreviewLine], suggestions: dict[str, Suggestion]) -> None:
        self.lines = list(lines)
        self.chosen = {}
        self.table.clearSelection()
        self.table.setRowCount(len(self.lines))
        for r, item in enumerate(self.lines):
            for c, text in enumerate((date_short(item.line.txn_date), money(item.line.amount_pence), _who(item))):
                self.table.setItem(r, c, cell(text))
            self.table.setItem(r, FOR, cell(""))
            self.table.setItem(r, SUGGESTED, cell(""))
            self._show_choice(r)
        self.set_suggestions(suggestions)
        self.table.resizeColumnsToContents()
        if self.lines:
            self.table.selectRow(0)
        self._selection_changed()

    def set_suggestions(self, suggestions: dict[str, Suggestion]) -> None:
        """New suggestions (a rule was turned off or on). What the person already chose stays as it is."""
        self.suggestions = dict(suggestions)
        for r, item in enumerate(self.lines):
            hint = self.suggestions.get(item.bank_id)
            text = "" if hint is None else _("{label} ({reason})").format(label=hint.label, reason=hint.reason)
            shown = self.table.item(r, SUGGESTED)
            if shown is not None:
                shown.setText(text)
        self.use_all_button.setEnabled(bool(self.suggestions))
        self._selection_changed()

    # -- what is chosen ---------------------------------------------------------------------------------------

    def describe(self, choice: Suggestion | None) -> str:
        if choice is None or choice.empty:
            return _("Nothing chosen yet")
        parts = [self.names[field].get(value, "") for field in FIELDS if (value := getattr(choice, field)) is not None]
        return " \u00b7 ".join(part for part in parts if part)

    def _show_choice(self, row: int) -> None:
        shown = self.table.item(row, FOR)
        if shown is not None:
            shown.setText(self.describe(self.chosen.get(self.lines[row].bank_id)))

    def _set(self, row: int, choice: Suggestion | None) -> None:
        bank_id = self.lines[row].bank_id
        if choice is None or choice.empty:
            self.chosen.pop(bank_id, None)
        else:
            self.chosen[bank_id] = service.line_choice(choice.category_id, choice.plan_line_id, choice.outcome_id)
        self._show_choice(row)

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def use_suggestion(self) -> None:
        """Use the suggestion of each selected payment that has one."""
        for row in self.selected_rows():
            hint = self.suggestions.get(self.lines[row].bank_id)
            if hint is not None:
                self._set(row, hint)
        self._chosen_changed()

    def use_all_suggestions(self) -> None:
        for row, item in enumerate(self.lines):
            hint = self.suggestions.get(item.bank_id)
            if hint is not None:
                self._set(row, hint)
        self._chosen_changed()

    def clear_choices(self) -> None:
        for row in self.selected_rows():
            self._set(row, None)
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        self.table.resizeColumnToContents(FOR)
        self._selection_changed()

    def _combo_changed(self, field: str) -> None:
        if self._loading:
            return
        value = self.combos[field].currentData()
        for row in self.selected_rows():
            old = self.chosen.get(self.lines[row].bank_id) or Suggestion()
            self._set(row, replace(old, **{field: value}))
        self.table.resizeColumnToContents(FOR)

    # -- the editor follows the selection ---------------------------------------------------------------------

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.editor.setEnabled(bool(rows))
        hints = [self.suggestions.get(self.lines[row].bank_id) for row in rows]
        self.use_button.setEnabled(any(hint is not None for hint in hints))
        if not rows:
            self.selected_label.setText(_("Choose a payment in the list above."))
            self.suggestion_label.setText("")
            return
        first = self.lines[rows[0]]
        if len(rows) == 1:
            self.selected_label.setText(
                _("{date}, {amount}, {who}").format(
                    date=date_short(first.line.txn_date), amount=money(first.line.amount_pence), who=_who(first)
                )
            )
            hint = hints[0]
            self.suggestion_label.setText(
                _("No suggestion for this payment.")
                if hint is None
                else _("Suggested: {label}. {reason}.").format(label=hint.label, reason=hint.reason)
            )
        else:
            self.selected_label.setText(
                ngettext(
                    "{n} payment selected: what you choose here is used for each of them.",
                    "{n} payments selected: what you choose here is used for each of them.",
                    len(rows),
                ).format(n=len(rows))
            )
            self.suggestion_label.setText("")
        choice = self.chosen.get(first.bank_id) or Suggestion()
        self._loading = True
        for field, combo in self.combos.items():
            choose(combo, getattr(choice, field))
        self._loading = False


def statement_table(name: str, headings: list[str]) -> QTableWidget:
    """A read-only table of statement lines (or imports), whole rows selected, named for screen readers."""
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table (arrow keys move in it): no keyboard trap
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(table.fontMetrics().height() * 8)
    return table


def cell(text: str, checkable: bool = False, checked: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if checkable:
        item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    else:
        item.setFlags(flags)
    return item

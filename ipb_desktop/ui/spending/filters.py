"""The filters above the ledger: a search box always in view, and "More filters" for dates, stream, category,
plan line, outcome, checked against the bank, and missing receipts. Typing waits a moment before searching,
so the table does not jump on every key."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.i18n import _
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.enums import Direction
from ipb_desktop.ui.spending.choices import Choices, fill_combo
from ipb_desktop.ui.widgets.dates import DateField

TYPING_PAUSE_MS = 250
_NO_DATE = QDate(1990, 1, 1)


def _optional_date(name: str) -> QDateEdit:
    """A date box whose lowest value reads "Any date" (so it can be left empty)."""
    edit = DateField()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(_NO_DATE)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSpecialValueText(_("Any date"))
    edit.setDate(_NO_DATE)
    edit.setAccessibleName(name)
    return edit


def _date_or_none(edit: QDateEdit) -> dt.date | None:
    q = edit.date()
    return None if q == _NO_DATE else dt.date(q.year(), q.month(), q.day())


class FilterBar(QWidget):
    """Emits `changed(LedgerFilter)` whenever the filter changes."""

    changed = Signal(object)

    def focus_search(self) -> None:
        """Ctrl+F: the keyboard goes to the search box, its words chosen so typing replaces them."""
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Search payee or description"))
        self.text.setAccessibleName(_("Search payee or description"))
        self.text.setClearButtonEnabled(True)
        self.direction = QComboBox()
        self.direction.setAccessibleName(_("Show money in, out, or both"))
        self.direction.addItem(_("Money in and out"), None)
        self.direction.addItem(_("Money out only"), Direction.OUT)
        self.direction.addItem(_("Money in only"), Direction.IN)
        self.more = QPushButton(_("&More filters"))
        self.more.setCheckable(True)
        self.more.setAccessibleDescription(_("Show or hide filters by date, plan line, receipt and more"))
        self.clear_button = QPushButton(_("Clear filters"))

        self.date_from = _optional_date(_("From date"))
        self.date_to = _optional_date(_("To date"))
        self.stream = QComboBox()
        self.category = QComboBox()
        self.plan_line = QComboBox()
        self.outcome = QComboBox()
        self.reconciled = QComboBox()
        self.reconciled.addItem(_("Checked or not"), None)
        self.reconciled.addItem(_("Checked against the bank"), True)
        self.reconciled.addItem(_("Not checked yet"), False)
        self.missing_receipt = QCheckBox(_("Only payments with no receipt"))
        for combo in (self.stream, self.category, self.plan_line, self.outcome):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)

        search_label = QLabel(_("&Search"))
        search_label.setBuddy(self.text)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(search_label)
        top.addWidget(self.text, 2)
        top.addWidget(self.direction)
        top.addWidget(self.more)
        top.addWidget(self.clear_button)

        self.extra = QWidget()
        grid = QGridLayout(self.extra)
        grid.setContentsMargins(0, 0, 0, 0)
        labelled: list[tuple[str, QWidget]] = [
            (_("From"), self.date_from),
            (_("To"), self.date_to),
            (_("Funding stream"), self.stream),
            (_("Category"), self.category),
            (_("Plan line"), self.plan_line),
            (_("Outcome"), self.outcome),
            (_("Bank check"), self.reconciled),
        ]
        for i, (text, widget) in enumerate(labelled):
            label = QLabel(text)
            label.setBuddy(widget)
            row, column = divmod(i, 4)
            grid.addWidget(label, row * 2, column)
            grid.addWidget(widget, row * 2 + 1, column)
        grid.addWidget(self.missing_receipt, 3, 3)
        self.extra.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.extra)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.text.returnPressed.connect(self._emit)
        for combo in (self.direction, self.stream, self.category, self.plan_line, self.outcome, self.reconciled):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._emit())
        self.missing_receipt.toggled.connect(lambda _on: self._emit())
        self.more.toggled.connect(self.extra.setVisible)
        self.clear_button.clicked.connect(self.clear)
        self._last = LedgerFilter()

    def set_choices(self, choices: Choices) -> None:
        fill_combo(self.stream, choices.streams, _("Any stream"))
        fill_combo(self.category, choices.categories, _("Any category"))
        fill_combo(self.plan_line, choices.plan_lines, _("Any plan line"))
        fill_combo(self.outcome, choices.outcomes, _("Any outcome"))

    def current(self) -> LedgerFilter:
        return LedgerFilter(
            date_from=_date_or_none(self.date_from),
            date_to=_date_or_none(self.date_to),
            direction=self.direction.currentData(),
            stream_id=self.stream.currentData(),
            category_id=self.category.currentData(),
            plan_line_id=self.plan_line.currentData(),
            outcome_id=self.outcome.currentData(),
            reconciled=self.reconciled.currentData(),
            missing_receipt=self.missing_receipt.isChecked(),
            text=self.text.text().strip(),
        )

    def _emit(self) -> None:
        self._timer.stop()
        found = self.current()
        if found != self._last:
            self._last = found
            self.changed.emit(found)

    def flush(self) -> None:
        """Apply typed text now rather than after the pause (tests and Enter)."""
        self._emit()

    def clear(self) -> None:
        widgets = [self.text, self.direction, self.stream, self.category, self.plan_line, self.outcome]
        for widget in [*widgets, self.reconciled, self.date_from, self.date_to, self.missing_receipt]:
            widget.blockSignals(True)
        self.text.clear()
        for combo in (self.direction, self.stream, self.category, self.plan_line, self.outcome, self.reconciled):
            combo.setCurrentIndex(0)
        self.date_from.setDate(_NO_DATE)
        self.date_to.setDate(_NO_DATE)
        self.missing_receipt.setChecked(False)
        for widget in [*widgets, self.reconciled, self.date_from, self.date_to, self.missing_receipt]:
            widget.blockSignals(False)
        self._emit()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_filtered(self) -> bool:
        return self.current() != LedgerFilter()

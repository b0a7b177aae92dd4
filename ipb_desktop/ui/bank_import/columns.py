"""The import dialog's column step (CSV files only): the first rows of the file, which column is which, whether
spending is shown without a minus, and a name to remember the columns by.

The boxes come from `mapping.FIELD_LABELS`, in two groups: what every statement needs, and the columns only some
banks add. The groups sit side by side when there is room and one above the other when there is not (200 % text),
and the page scrolls up and down, never sideways.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.bankimport import csv_rows
from ipb_desktop.bankimport.mapping import FIELD_LABELS, ColumnMapping
from ipb_desktop.i18n import _
from ipb_desktop.ui.bank_import.lines import cell, statement_table
from ipb_desktop.ui.widgets.forms import Heading, plain_label

# The boxes of the first group; every other field in FIELD_LABELS goes in the second.
MAIN_FIELDS = ("date", "payee", "description", "amount", "paid_out", "paid_in")


class ColumnsStep(QScrollArea):
    """Which column is which. `chosen_mapping()` is what the person chose, the sign choice included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.table: Any = None
        self._kept = ColumnMapping()
        self._flip_touched = False
        inside = QWidget()
        self.setWidget(inside)
        column = self._column = QVBoxLayout(inside)
        column.addWidget(Heading(_("Check the columns"), 2))
        self.intro = plain_label()
        column.addWidget(self.intro)
        self.sample_table = statement_table(_("First rows of the file"), [])
        column.addWidget(self.sample_table)

        self.main_group = QGroupBox(_("The date, who and how much"))
        self.extra_group = QGroupBox(_("Other columns, if the file has them"))
        forms = {self.main_group: QFormLayout(self.main_group), self.extra_group: QFormLayout(self.extra_group)}
        self.boxes: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        for field, text in FIELD_LABELS.items():
            box = QComboBox()
            box.currentIndexChanged.connect(self._columns_changed)
            label = QLabel(_(text))
            label.setBuddy(box)
            forms[self.main_group if field in MAIN_FIELDS else self.extra_group].addRow(label, box)
            self.boxes[field], self.labels[field] = box, label
        for form in forms.values():
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.groups = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.groups.addWidget(self.main_group, 1)
        self.groups.addWidget(self.extra_group, 1)
        column.addLayout(self.groups)

        self.flip = QCheckBox(_("&Spending has no minus sign in this file"))
        hint = _(
            "Tick this if payments you made show as plain amounts, as card statements often do: the app then reads "
            "them as money out. Lines marked CR or DR always go by their mark. The app remembers this for the bank."
        )
        self.flip.setAccessibleDescription(hint)
        self.flip.clicked.connect(self._flip_clicked)
        self.flip_hint = plain_label(hint)
        self.name = QLineEdit()
        name_label = QLabel(_("Remember these columns &as"))
        name_label.setBuddy(self.name)
        last = QFormLayout()
        last.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        last.addRow(self.flip)
        last.addRow(self.flip_hint)
        last.addRow(name_label, self.name)
        column.addLayout(last)
        column.addStretch(1)

    # -- filling and reading ----------------------------------------------------------------------------------

    def fill(self, table: Any, mapping: ColumnMapping, name: str | None) -> None:
        """Show a new file: its first rows, and the columns remembered for its bank (or guessed)."""
        self.table, self._kept, self._flip_touched = table, mapping, False
        header = list(table.header)
        if name:
            intro = _("These are the columns you chose last time for this bank ('{name}').").format(name=name)
        else:
            intro = _("The app has guessed which column is which. Change any that are wrong.")
        self.intro.setText(intro)
        rows = table.sample(5)
        self.sample_table.clear()
        self.sample_table.setColumnCount(len(header))
        self.sample_table.setHorizontalHeaderLabels(header)
        self.sample_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[: len(header)]):
                self.sample_table.setItem(r, c, cell(value))
        # As tall as its rows (a sideways scroll bar under them when the file is wide), no empty space.
        self.sample_table.resizeColumnsToContents()
        bar = self.sample_table.horizontalScrollBar().sizeHint().height()
        row = self.sample_table.rowHeight(0) if rows else self.sample_table.verticalHeader().defaultSectionSize()
        frame = 2 * self.sample_table.frameWidth() + self.sample_table.horizontalHeader().sizeHint().height()
        self.sample_table.setMinimumHeight(frame + max(len(rows), 1) * row + bar)
        self.sample_table.setMaximumHeight(frame + max(len(rows), 1) * row + bar)
        chosen = mapping.as_dict()
        for field, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(_("(not in this file)"), None)
            for i, heading in enumerate(header):
                box.addItem(_("Column {n}: {heading}").format(n=i + 1, heading=heading), i)
            index = chosen.get(field)
            box.setCurrentIndex(0 if index is None else index + 1)
            box.blockSignals(False)
        self.name.setText(name or "")
        self._columns_changed()
        self.verticalScrollBar().setValue(0)

    def columns(self) -> ColumnMapping:
        """The columns chosen in the boxes, with the sign choice the file came with (remembered, or the app's)."""
        found = {field: box.currentData() for field, box in self.boxes.items()}
        return replace(self._kept, **found)

    def chosen_mapping(self) -> ColumnMapping:
        """The columns, and the sign choice only when the person made one: otherwise the remembered choice (or
        none, so the app decides from the layout and next month's file is decided afresh)."""
        columns = self.columns()
        if not self._flip_touched:
            return columns
        return replace(columns, flip_signs=self.flip.isChecked())

    def _flip_clicked(self) -> None:
        self._flip_touched = True

    def _columns_changed(self) -> None:
        """Until the person ticks or unticks it, the flip choice shows what the app would do with these columns."""
        if self.table is None or self._flip_touched:
            return
        self.flip.setChecked(csv_rows.flips_signs(self.table, self.columns()))

    # -- side by side, or one above the other -----------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(self.viewport().width())

    def arrange(self, width: int) -> None:
        """The two groups of boxes side by side when both fit in `width`, else one above the other."""
        margins = self._column.contentsMargins()
        room = width - margins.left() - margins.right()
        needed = (
            self.main_group.sizeHint().width() + self.extra_group.sizeHint().width() + max(self.groups.spacing(), 0)
        )
        wanted = QBoxLayout.Direction.LeftToRight if needed <= room else QBoxLayout.Direction.TopToBottom
        if self.groups.direction() != wanted:
            self.groups.setDirection(wanted)

    def side_by_side(self) -> bool:
        return self.groups.direction() == QBoxLayout.Direction.LeftToRight

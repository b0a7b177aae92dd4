"""The check step's list of lines the bank has not finished (Revolut's PENDING): shown so the person sees they were
noticed, left out of this import, and brought in from a later file once the bank has finished them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ipb_desktop.bankimport.lines import PendingLine
from ipb_desktop.formatting import date_short, money
from ipb_desktop.i18n import _
from ipb_desktop.ui.bank_import.lines import cell, statement_table
from ipb_desktop.ui.widgets.forms import Heading


def pending_title() -> str:
    return _("Pending at the bank — left out, will come in from a later file")


class PendingPanel(QWidget):
    """A heading and a read-only table: line, date (when the file gives one), amount, who."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = Heading(pending_title(), 3)
        self.table = statement_table(pending_title(), [_("Line"), _("Date"), _("Amount"), _("Who")])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.table)

    def set_lines(self, lines: list[PendingLine]) -> None:
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            day = date_short(line.txn_date) if line.txn_date is not None else _("no date yet")
            for c, text in enumerate((str(line.line_no), day, money(line.amount_pence), line.payee)):
                self.table.setItem(r, c, cell(text))
        # Tall enough for a few lines without a table of empty space (a file has one or two pending, usually).
        rows = min(max(len(lines), 1), 6)
        row = self.table.rowHeight(0) if lines else self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth() + self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(frame + rows * row + 2)
        self.setVisible(bool(lines))

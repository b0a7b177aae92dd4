"""File > Import history: every import, newest first, with "Undo this import" (itself undoable: its undo puts the
import back) and the way to What the app has learned."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ipb_desktop.bankimport import service
from ipb_desktop.formatting import date_short, money
from ipb_desktop.i18n import _
from ipb_desktop.ui.bank_import.learned_rules import open_learned
from ipb_desktop.ui.bank_import.lines import cell, statement_table
from ipb_desktop.ui.operations import bank_import as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets import dialogs
from ipb_desktop.ui.widgets.forms import Heading


def _history_row(batch: Any) -> tuple[int, bool, list[str]]:
    """(batch id, undone?, the cells a person sees), read while the session is open."""
    balance = ""
    if batch.bank_balance_pence is not None and batch.bank_balance_date is not None:
        balance = _("{amount} on {date}").format(
            amount=money(batch.bank_balance_pence), date=date_short(batch.bank_balance_date)
        )
    undone = batch.undone_at is not None
    who = batch.recorded_by.split(":", 1)[-1] if batch.recorded_by != "holder" else _("Budget holder")
    cells = [
        batch.imported_at.strftime("%d/%m/%Y %H:%M"),
        batch.source_name,
        str(batch.lines_added),
        str(batch.lines_matched),
        balance,
        who,
        _("Undone") if undone else _("In use"),
    ]
    return batch.id, undone, cells


class ImportHistoryDialog(QDialog):
    """Every import, newest first, with "Undo this import"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Import history"))
        self.resize(820, 420)
        self.batch_ids: list[int] = []
        self.table = statement_table(
            _("Imports"),
            [_("When"), _("File"), _("Added"), _("Matched"), _("Bank balance"), _("Who"), _("Status")],
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.undo_button = QPushButton(_("&Undo this import"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.learned_button = QPushButton(_("&What the app has learned…"))
        self.learned_button.clicked.connect(self.show_learned)
        self.learned_dialog: QDialog | None = None
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.learned_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(Heading(_("Import history"), 2))
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        ctx.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(lambda s: [_history_row(b) for b in service.history(s)], [])
        self.batch_ids = [row[0] for row in rows]
        self._undone = {row[0]: row[1] for row in rows}
        self.table.setRowCount(len(rows))
        for r, (_batch_id, _undone, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, cell(text))
        self._update_buttons()

    def selected_batch(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.batch_ids[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected_batch()
        self.undo_button.setEnabled(chosen is not None and not self._undone.get(chosen, True))

    def show_learned(self) -> None:
        self.learned_dialog = open_learned(self.ctx, self)

    def undo_selected(self) -> None:
        batch_id = self.selected_batch()
        if batch_id is None:
            return
        question = _(
            "Undo this import? The payments it added are marked deleted and the payments it matched are no longer "
            "marked as checked against the bank. You can undo this too."
        )
        if not dialogs.confirm(self, question, _("Undo this import")):
            return
        ops.undo_import(self.ctx, batch_id)


def open_history(ctx: AppContext, parent: QWidget | None = None) -> ImportHistoryDialog:
    dialog = ImportHistoryDialog(ctx, parent)
    dialog.open()
    return dialog

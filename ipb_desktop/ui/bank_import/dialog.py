"""Bringing in a bank statement: choose the file, check the columns (CSV), look at what would happen, import.

The dialog only reads until the person presses Import; then `ctx.perform` runs `service.commit` in one
transaction and pushes one undo step whose undo is `service.undo_import`. What each new payment is for is chosen in
`import_lines.NewLinesPanel`; the Import history dialog (`import_history`) is re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import funders
from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.lines import StatementRefused, read_statement_file
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.errors import InvalidInput, IpbError
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import N_, _, ngettext
from ipb_desktop.ui.bank_import.after import AfterImportPanel
from ipb_desktop.ui.bank_import.columns import ColumnsStep
from ipb_desktop.ui.bank_import.history import ImportHistoryDialog, open_history
from ipb_desktop.ui.bank_import.learned_rules import open_learned
from ipb_desktop.ui.bank_import.lines import NewLinesPanel, cell, statement_table
from ipb_desktop.ui.bank_import.pending import PendingPanel
from ipb_desktop.ui.bank_import.texts import still_to_do_text, summary_text
from ipb_desktop.ui.operations import bank_import as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import read_choices
from ipb_desktop.ui.widgets.forms import Heading, plain_label, sentence, without_mnemonic

__all__ = ["ImportDialog", "ImportHistoryDialog", "open_history", "open_import"]

T = TypeVar("T")
STATEMENT_FILTER = N_("Bank statements (*.csv *.ofx *.qfx *.qif *.txt);;All files (*)")


def ask_statement_file(parent: QWidget) -> Path | None:
    """The system's Open dialog, for a statement file. Tests replace `ImportDialog.ask_file`."""
    name, _filter = QFileDialog.getOpenFileName(parent, _("Choose the statement file"), "", _(STATEMENT_FILTER))
    return Path(name) if name else None


def _line_cells(item: service.PreviewLine) -> list[str]:
    line = item.line
    who = " ".join(part for part in (line.payee, line.description) if part)
    return [date_short(line.txn_date), money(line.amount_pence), who]


class ImportDialog(QDialog):
    """File > Import statement: a few steps in one window, nothing saved before Import."""

    ask_file: Callable[[QWidget], Path | None] = staticmethod(ask_statement_file)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Import a bank statement"))
        self.resize(1000, 640)
        self.preview: service.Preview | None = None
        self.statement_bytes: bytes | None = None  # the file as previewed: the copy kept with the store
        self.table: Any = None
        self.batch_id: int | None = None
        self.learned_dialog: QDialog | None = None
        self._importing = False
        self.steps = QStackedWidget()
        self.problem = plain_label()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("font-weight: bold")
        self.problem.hide()
        self._build_choose()
        self._build_columns()
        self._build_check()
        self._build_done()
        self.back_button = QPushButton(_("&Back"))
        self.next_button = QPushButton(_("&Next"))
        self.import_button = QPushButton(_("&Import"))
        self.close_button = QPushButton(_("Cancel"))
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.import_button.clicked.connect(self.do_import)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.next_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.steps, 1)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        self._show(self.choose_page)
        if path is not None:
            self.file_edit.setText(str(path))
        ctx.changed.connect(self._store_changed)

    # -- step 1: the file -------------------------------------------------------------------------------------

    def _build_choose(self) -> None:
        self.choose_page = QWidget()
        column = QVBoxLayout(self.choose_page)
        column.addWidget(Heading(_("Choose the statement"), 2))
        column.addWidget(
            plain_label(
                _(
                    "Download the statement from your bank's or prepaid card's website as CSV, OFX, QFX or QIF, "
                    "then choose it here. Nothing is saved until you press Import."
                )
            )
        )
        form = QFormLayout()
        self.file_edit = QLineEdit()
        label = QLabel(_("Statement &file"))
        label.setBuddy(self.file_edit)
        self.browse_button = QPushButton(_("&Choose file…"))
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(label, row)
        column.addLayout(form)
        column.addStretch(1)
        self.steps.addWidget(self.choose_page)

    def _browse(self) -> None:
        chosen = self.ask_file(self)
        if chosen is not None:
            self.file_edit.setText(str(chosen))
            self._next()

    # -- step 2: the columns (CSV only) -----------------------------------------------------------------------

    def _build_columns(self) -> None:
        self.columns_page = ColumnsStep()
        # The parts tests and the check step reach for, under their old names.
        self.column_boxes, self.sample_table, self.mapping_name = (
            self.columns_page.boxes,
            self.columns_page.sample_table,
            self.columns_page.name,
        )
        self.steps.addWidget(self.columns_page)

    def chosen_mapping(self) -> ColumnMapping:
        """The columns the person chose, with their choice about signs (when they made one)."""
        return self.columns_page.chosen_mapping()

    # -- step 3: what would happen ----------------------------------------------------------------------------

    def _build_check(self) -> None:
        self.check_page = QScrollArea()
        self.check_page.setWidgetResizable(True)
        self.check_page.setFrameShape(QScrollArea.Shape.NoFrame)
        inside = QWidget()
        self.check_page.setWidget(inside)
        column = QVBoxLayout(inside)
        column.addWidget(Heading(_("Check before importing"), 2))
        self.summary = plain_label()
        self.balance_label = plain_label()
        self.signs_label = plain_label()
        self.notices_label = plain_label()
        for label in (self.summary, self.balance_label, self.signs_label, self.notices_label):
            column.addWidget(label)
        self.after_panel = AfterImportPanel()
        self.after_panel.opening_box.toggled.connect(self._show_balance)
        self.pending_panel = PendingPanel()
        self.lines_panel = NewLinesPanel()
        self.lines_panel.learnedRequested.connect(self.show_learned)
        self.new_table = self.lines_panel.table
        self.match_heading = Heading(_("Payments you logged by hand"), 3)
        self.match_hint = plain_label(
            _(
                "Ticked lines are the same payment: yours is kept as it is (what it was for, its receipt) "
                "and marked as checked."
            )
        )
        self.match_table = statement_table(
            _("Payments you logged by hand"), [_("Date"), _("Amount"), _("Who"), _("Same payment?")]
        )
        self.duplicate_heading = Heading(_("Already in"), 3)
        self.duplicate_table = statement_table(_("Already in"), [_("Date"), _("Amount"), _("Who"), _("Note")])
        self.problems_heading = Heading(_("Lines with problems"), 3)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName(_("Lines with problems"))
        self.skip_bad = QCheckBox(_("Import without these lines"))
        self.skip_bad.toggled.connect(self._update_buttons)
        self.balance_problems = QListWidget()
        self.balance_problems.setAccessibleName(_("Balance differences in the file"))
        for widget in (
            self.after_panel,  # the opening balance question sits just under the balance check it changes
            self.pending_panel,  # short, and just under the notice that mentions it
            self.problems_heading,
            self.problem_list,
            self.skip_bad,
            self.lines_panel,
            self.match_heading,
            self.match_hint,
            self.match_table,
            self.duplicate_heading,
            self.duplicate_table,
            self.balance_problems,
        ):
            column.addWidget(widget)
        # Takes the spare room when there is no table of new payments to give it to (keeps the words together).
        column.addStretch(0)
        self._check_column = column
        self.steps.addWidget(self.check_page)

    def _fill_check(self, result: service.Preview) -> None:
        self.preview = result
        self.summary.setText(summary_text(result))
        money_in = [
            (p.line.txn_date, p.line.payee, p.line.description, p.line.amount_pence)
            for p in result.new
            if p.line.direction == "in"
        ]
        found = self._look(lambda s: (funders.proposals(s, money_in), funders.money_in_streams(s)))
        self.after_panel.fill(result.opening, *(found or ([], [])))
        self._show_balance()
        self.signs_label.setText(
            _(
                "Spending in this file has no minus sign, so the app read those amounts as money out. If that is "
                "wrong, press Back and untick '{choice}'."
            ).format(choice=without_mnemonic(self.columns_page.flip.text()))
            if result.signs_flipped
            else ""
        )
        self.notices_label.setText("\n".join(sentence(notice) for notice in result.statement.notices))
        self.pending_panel.set_lines(result.pending)
        today = self.ctx.today()
        choices = self._look(lambda s: read_choices(s, today))
        if choices is not None:
            self.lines_panel.set_choices(choices)
        self.lines_panel.set_lines(result.new, result.suggestions)
        self.match_table.setRowCount(len(result.matches))
        for r, item in enumerate(result.matches):
            for c, text in enumerate(_line_cells(item)):
                self.match_table.setItem(r, c, cell(text))
            self.match_table.setItem(r, 3, cell(item.note, checkable=True, checked=True))
        self.duplicate_table.setRowCount(len(result.duplicates))
        for r, item in enumerate(result.duplicates):
            for c, text in enumerate([*_line_cells(item), item.note]):
                self.duplicate_table.setItem(r, c, cell(text))
        self.problem_list.clear()
        self.problem_list.addItems([p.located() for p in result.problems])
        self.balance_problems.clear()
        self.balance_problems.addItems([p.located() for p in result.statement.balance_mismatches])
        self.skip_bad.setChecked(False)
        for widget, shown in (
            (self.balance_label, bool(self.balance_label.text())),
            (self.signs_label, result.signs_flipped),
            (self.notices_label, bool(result.statement.notices)),
            (self.lines_panel, bool(result.new)),
            (self.problems_heading, bool(result.problems)),
            (self.problem_list, bool(result.problems)),
            (self.skip_bad, bool(result.problems)),
            (self.match_heading, bool(result.matches)),
            (self.match_hint, bool(result.matches)),
            (self.match_table, bool(result.matches)),
            (self.duplicate_heading, bool(result.duplicates)),
            (self.duplicate_table, bool(result.duplicates)),
            (self.balance_problems, bool(result.statement.balance_mismatches)),
        ):
            widget.setVisible(shown)
        self._check_column.setStretch(self._check_column.count() - 1, 0 if result.new else 1)

    def _show_balance(self) -> None:
        check = self.preview.balance if self.preview is not None else None
        if check is not None and not self.after_panel.record_opening():
            check = check.without_opening()
        self.balance_label.setText(
            ""
            if check is None
            else _(
                "On {date} the bank says {bank}; after this import the app will say {app}. Difference: {diff}."
            ).format(
                date=date_long(check.on),
                bank=money(check.bank_pence),
                app=money(check.app_pence),
                diff=money(check.difference_pence),
            )
        )

    def choices(self) -> service.ImportChoices:
        result = self.preview
        assert result is not None
        confirmed = frozenset(
            item.bank_id
            for r, item in enumerate(result.matches)
            if (cell := self.match_table.item(r, 3)) is not None and cell.checkState() == Qt.CheckState.Checked
        )
        return service.ImportChoices(
            skip_bad_lines=self.skip_bad.isChecked(),
            confirmed_matches=confirmed,
            allocations=dict(self.lines_panel.chosen),
            mapping_name=self.mapping_name.text().strip() or None,
            record_opening_balance=self.after_panel.record_opening(),
            payer_streams=self.after_panel.payer_streams(),
        )

    def show_learned(self) -> None:
        """What the app has learned; turning a rule off or on there changes this preview's suggestions at once."""
        self.learned_dialog = open_learned(self.ctx, self)

    def _store_changed(self) -> None:
        result = self.preview
        if result is None or self._importing or self.steps.currentWidget() is not self.check_page:
            return
        self.ctx.read(lambda s: service.refresh_suggestions(s, result), None)
        self.lines_panel.set_suggestions(result.suggestions)

    # -- step 4: done -----------------------------------------------------------------------------------------

    def _build_done(self) -> None:
        self.done_page = QWidget()
        column = QVBoxLayout(self.done_page)
        column.addWidget(Heading(_("Imported"), 2))
        self.result_label = plain_label()
        column.addWidget(self.result_label)
        column.addStretch(1)
        self.steps.addWidget(self.done_page)

    # -- moving between steps ---------------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.steps.setCurrentWidget(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.steps.currentWidget()
        checking = page is self.check_page
        self.back_button.setVisible(page in (self.columns_page, self.check_page))
        self.next_button.setVisible(page in (self.choose_page, self.columns_page))
        self.import_button.setVisible(checking)
        result = self.preview
        ready = result is not None and result.has_changes and (not result.problems or self.skip_bad.isChecked())
        self.import_button.setEnabled(checking and ready)
        self.import_button.setDefault(checking and ready)
        self.close_button.setText(_("Close") if page is self.done_page else _("Cancel"))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _look(self, work: Callable[[Any], T]) -> T | None:
        """A read-only look at the store; a refusal is shown in the dialog, in plain words."""
        self._say("")
        store = self.ctx.store
        if store is None:
            return None
        try:
            with store.reading() as session:
                return work(session)
        except StatementRefused as exc:
            self._say("\n".join(sentence(p.located()) for p in exc.line_problems))
        except InvalidInput as exc:
            self._say("\n".join(sentence(str(p.reason)) for p in exc.problems))
        except IpbError as exc:
            self._say(str(exc))
        return None

    def _path(self) -> Path | None:
        text = self.file_edit.text().strip()
        if not text:
            self._say(_("Choose the statement file first."))
            self.file_edit.setFocus()
            return None
        return Path(text).expanduser()

    def _next(self) -> None:
        page = self.steps.currentWidget()
        path = self._path()
        if path is None:
            return
        if page is self.choose_page:
            columns = self._look(lambda s: (service.csv_columns(s, path),))
            if columns is None:
                return
            if columns[0] is not None:
                table, mapping, name = columns[0]
                self.table = table
                self.columns_page.fill(table, mapping, name)
                self._show(self.columns_page)
                return
            self.table = None
            found = self._look(lambda s: service.preview(s, self._read(path), name=path.name))
        else:
            wrong = self.chosen_mapping().problems()
            if wrong:
                self._say("\n".join(sentence(reason) for reason in wrong))
                return
            mapping = self.chosen_mapping()
            found = self._look(lambda s: service.preview(s, self._read(path), name=path.name, mapping=mapping))
        if found is not None:
            self._fill_check(found)
            self._show(self.check_page)

    def _read(self, path: Path) -> bytes:
        """The file's bytes, read once for the preview: the same bytes are imported and kept."""
        self.statement_bytes = read_statement_file(path)
        return self.statement_bytes

    def _back(self) -> None:
        self._say("")
        if self.steps.currentWidget() is self.check_page and self.table is not None:
            self._show(self.columns_page)
        else:
            self._show(self.choose_page)

    def do_import(self) -> None:
        result = self.preview
        if result is None:
            return
        choices = self.choices()
        self._importing = True
        try:
            keep = self.statement_bytes if self.after_panel.keep_statement() else None
            imported = ops.import_statement(self.ctx, result, choices, keep)
        finally:
            self._importing = False
        if imported is None:
            return
        self.batch_id = batch_id = imported.batch_id
        added, matched = self.ctx.read(
            lambda s: next((b.lines_added, b.lines_matched) for b in service.history(s) if b.id == batch_id), (0, 0)
        )
        todo = self.ctx.read(lambda s: service.still_to_do(s, batch_id), service.StillToDo())
        self.result_label.setText(
            ngettext("{n} new payment was imported", "{n} new payments were imported", added).format(n=added)
            + "; "
            + ngettext(
                "{m} payment you logged by hand was matched", "{m} payments you logged by hand were matched", matched
            ).format(m=matched)
            + ".\n\n"
            + "".join(text + "\n\n" for text in imported.told)
            + still_to_do_text(todo)
            + "\n\n"
            + _("To take it back, use Edit > Undo, or File > Import history.")
        )
        self._show(self.done_page)


def open_import(ctx: AppContext, parent: QWidget | None = None, path: Path | None = None) -> ImportDialog:
    """File > Import statement, or a statement dropped on the Spending page (then `path` is filled in)."""
    dialog = ImportDialog(ctx, parent, path)
    dialog.open()
    if path is not None:
        dialog._next()
    return dialog

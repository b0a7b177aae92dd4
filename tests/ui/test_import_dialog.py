"""The import flow driven the way a person would: choose a file, confirm the columns, import, then undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop.bankimport import mapping, service
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.bank_import import dialog as import_dialog
from ipb_desktop.ui.bank_import.dialog import ImportDialog, ImportHistoryDialog
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets import dialogs
from tests.bankimport.conftest import FIXTURES, ledger_rows
from tests.ui.test_accessibility import unnamed_inputs

MAY = """Exampleshire Bank
Date,Description,Paid out,Paid in,Balance
20/05/2026,Clayworks Studio,12.50,,1370.00
12/04/2026,CLAYWORKS STUDIO,37.50,,1382.50
"""


@pytest.fixture
def open_ctx(ctx: AppContext, filled_store: Store) -> AppContext:
    ctx.set_store(filled_store)
    return ctx


def live_payees(store: Store) -> list[str]:
    return sorted(row[3] for row in ledger_rows(store))  # type: ignore[misc]


def test_import_a_csv_with_columns_matches_and_suggestions_then_undo(
    qtbot, open_ctx: AppContext, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement = tmp_path / "may.csv"
    statement.write_text(MAY, encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "ask_file", staticmethod(lambda parent: statement))
    before = ledger_rows(filled_store)
    dialog = ImportDialog(open_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_inputs(dialog) == []

    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)  # chooses the file and moves on
    assert dialog.steps.currentWidget() is dialog.columns_page
    assert dialog.sample_table.rowCount() == 2
    assert dialog.sample_table.item(0, 1).text() == "Clayworks Studio"
    assert dialog.column_boxes["paid_out"].currentText() == "Column 3: Paid out"
    dialog.mapping_name.setText("Exampleshire Bank")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    assert dialog.steps.currentWidget() is dialog.check_page
    assert "1 new, 0 already in, 1 logged by hand, 0 with problems" in dialog.summary.text()
    assert "the bank says £1,370.00" in dialog.balance_label.text()
    assert dialog.match_table.item(0, 3).checkState() == Qt.CheckState.Checked
    assert dialog.new_table.item(0, 4).text().startswith("Pottery class")
    assert dialog.new_table.item(0, 3).text() == "Nothing chosen yet"  # shown, never applied silently
    qtbot.mouseClick(dialog.lines_panel.use_button, Qt.MouseButton.LeftButton)
    assert dialog.new_table.item(0, 3).text().startswith("Pottery class")
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.steps.currentWidget() is dialog.done_page
    assert "1 new payment was imported; 1 payment you logged by hand was matched" in dialog.result_label.text()
    with filled_store.reading() as s:
        added = s.scalars(select(Transaction).where(Transaction.amount_pence == 1250)).one()
        assert added.allocations[0].plan_line is not None
        assert added.allocations[0].plan_line.description == "Pottery class"
        hand_logged = select(Transaction).where(Transaction.txn_date == dt.date(2026, 4, 10))
        assert s.scalars(hand_logged).one().reconciled
        assert [m.name for m in mapping.all_mappings(s)] == ["Exampleshire Bank"]

    open_ctx.undo_stack.undo()
    assert ledger_rows(filled_store) == before
    open_ctx.undo_stack.redo()
    assert len(ledger_rows(filled_store)) == len(before) + 1


def test_problem_lines_need_an_explicit_choice(
    qtbot, open_ctx: AppContext, filled_store: Store, tmp_path: Path
) -> None:
    statement = tmp_path / "bad.csv"
    statement.write_text("Date,Description,Amount\n20/05/2026,GYM,-25.00\n31/02/2026,ODD,-1.00\n", encoding="utf-8")
    dialog = ImportDialog(open_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.file_edit, str(statement))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # the guessed columns are right
    assert [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())] == [
        "Line 3, column 'Date': '31/02/2026' is not a real date"
    ]
    assert not dialog.import_button.isEnabled()
    dialog.skip_bad.setFocus()
    qtbot.keyClick(dialog.skip_bad, Qt.Key.Key_Space)  # the keyboard route to "Import without these lines"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "GYM" in live_payees(filled_store) and "ODD" not in live_payees(filled_store)


def test_a_broken_file_is_refused_in_plain_words_and_nothing_changes(
    qtbot, open_ctx: AppContext, filled_store: Store
) -> None:
    before = ledger_rows(filled_store)
    dialog = import_dialog.open_import(open_ctx, None, FIXTURES / "ofxparse-broken-date_missing.ofx")
    qtbot.addWidget(dialog)
    assert dialog.steps.currentWidget() is dialog.choose_page
    assert "Line 33: this payment has no date" in dialog.problem.text()
    assert ledger_rows(filled_store) == before


def test_an_ofx_file_skips_the_columns_step(qtbot, open_ctx: AppContext, filled_store: Store) -> None:
    dialog = import_dialog.open_import(open_ctx, None, FIXTURES / "actual-8859-1.qfx")
    qtbot.addWidget(dialog)
    assert dialog.steps.currentWidget() is dialog.check_page
    assert "not pounds" in dialog.notices_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Paiement facture/Carte prépayée" in live_payees(filled_store)


def test_import_history_lists_imports_and_undoes_one(
    qtbot, open_ctx: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = ledger_rows(filled_store)
    with filled_store.transaction() as s:
        service.commit(s, service.preview(s, FIXTURES / "lloyds-uk-sample.csv"))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question, yes: True)
    history = ImportHistoryDialog(open_ctx)
    qtbot.addWidget(history)
    history.show()
    assert unnamed_inputs(history) == []
    assert history.table.rowCount() == 1
    assert history.table.item(0, 1).text() == "lloyds-uk-sample.csv"
    assert history.table.item(0, 4).text() == "£2,040.59 on 15/01/2024"
    assert not history.undo_button.isEnabled()
    history.table.selectRow(0)
    qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
    assert ledger_rows(filled_store) == before
    assert history.table.item(0, 6).text() == "Undone"
    assert not history.undo_button.isEnabled()
    open_ctx.undo_stack.undo()  # undoing the undo puts the import back
    assert len(ledger_rows(filled_store)) == len(before) + 12
    assert dt.date(2024, 1, 15) in [row[0] for row in ledger_rows(filled_store)]


def test_file_menu_and_a_dropped_statement_open_the_import(qtbot, open_window, filled_store: Store) -> None:
    assert open_window.import_action.isEnabled() and open_window.import_history_action.isEnabled()
    open_window.import_action.trigger()
    assert open_window.import_dialog.steps.currentWidget() is open_window.import_dialog.choose_page
    open_window.import_dialog.reject()
    # The Spending page announces a dropped statement file; the import opens on it, already read.
    open_window.page_widgets["spending"].statementDropped.emit(FIXTURES / "ofxparse-suncorp.ofx")
    dialog = open_window.import_dialog
    assert dialog.steps.currentWidget() is dialog.check_page
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "EFTPOS WDL HANDYWAY ALDI STORE" in live_payees(filled_store)
    dialog.accept()
    open_window.import_history_action.trigger()
    assert open_window.import_history_dialog.table.rowCount() == 1
    open_window.import_history_dialog.accept()

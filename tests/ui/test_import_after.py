"""The import dialog on a new budget, driven by key presses: it asks before recording the bank's opening balance
(showing the figure and where it came from), keeps the statement file inside the store unless told not to, and
links each payer's money in to the funding stream the person chooses, remembering it for next time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from ipb_desktop import accounts, budget, documents
from ipb_desktop.models.schema import Allocation, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.bank_import.dialog import ImportDialog
from ipb_desktop.ui.operations.context import AppContext
from tests.bankimport.test_after_import import DECEMBER
from tests.ui.alt_letters import clashes
from tests.ui.test_accessibility import unnamed_inputs

D = dt.date
SECOND = "Date,Description,Amount\n05/01/2024,HHHHH LTD RP555000111222333 207348     10 05JAN24 10:01,2000.00\n"


@dataclass
class NewBudget:
    council: int
    trust: int


@pytest.fixture
def new_budget(ctx: AppContext, store: Store) -> NewBudget:
    """A budget set up but with no payments yet: the first import is the account's first."""
    with store.transaction() as s:
        period = budget.add_period(s, "2023 to 2024", D(2023, 4, 1), D(2024, 3, 31))
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 200000, "monthly")
        )
        trust = budget.add_stream(s, period.id, budget.StreamDetails("other", "Oakfield Trust", 5000, "one_off"))
    ctx.set_store(store)
    return NewBudget(council.id, trust.id)


def press(qtbot, widget: QWidget, *keys: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab, not only by mouse
    for key in keys:
        qtbot.keyClick(widget, key)


def check_step(qtbot, ctx: AppContext, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file_edit.setFocus()
    qtbot.keyClicks(dialog.file_edit, str(path))
    press(qtbot, dialog.next_button, Qt.Key.Key_Space)  # Next: the columns
    assert dialog.steps.currentWidget() is dialog.columns_page
    press(qtbot, dialog.next_button, Qt.Key.Key_Space)  # the guessed columns are right
    assert dialog.steps.currentWidget() is dialog.check_page
    return dialog


def do_import(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, dialog.import_button, Qt.Key.Key_Space)
    assert dialog.steps.currentWidget() is dialog.done_page


def stream_of_money_in(store: Store, day: dt.date) -> int | None:
    with store.reading() as s:
        return s.scalars(
            select(Allocation.stream_id)
            .join(Transaction)
            .where(Transaction.txn_date == day, Transaction.direction == "in")
        ).one()


def kept_files(store: Store) -> list[tuple[str, bytes]]:
    with store.reading() as s:
        return [(d.filename, d.content) for d in documents.bank_statements(s, D(2023, 1, 1), D(2024, 12, 31))]


def test_a_first_import_asks_about_the_opening_balance_keeps_the_file_and_links_the_funder(
    qtbot, ctx: AppContext, store: Store, new_budget: NewBudget, tmp_path: Path
) -> None:
    statement = tmp_path / "statement-dec.csv"
    statement.write_text(DECEMBER, encoding="utf-8")
    dialog = check_step(qtbot, ctx, statement)
    panel = dialog.after_panel
    assert unnamed_inputs(dialog) == []
    assert clashes(dialog) == {}  # Alt+R and Alt+K are this step's own
    assert panel.opening_label.isVisible() and panel.opening_box.isChecked()
    assert panel.opening_label.text() == (
        "The bank showed £6,035.46 before the first line on 1 December 2023 (from statement-dec.csv). "
        "Record this as the opening balance?"
    )
    assert panel.opening_box.text() == "&Record £6,035.46 as the opening balance"
    assert "Difference: £0.00." in dialog.balance_label.text()
    assert panel.keep_box.isChecked()
    # One payer of money in, not matched by name: choose Westshire Council with the arrow key.
    (combo,) = panel.combos
    assert combo.currentText() == "Not linked (to sort later)"
    press(qtbot, combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Westshire Council (Council social care)"
    do_import(qtbot, dialog)

    told = dialog.result_label.text()
    assert "The opening balance was recorded from the file: £6,035.46 at the end of 30 November 2023." in told
    assert "1 payment in (£2,000.00) linked to Westshire Council (Council social care)." in told
    assert "A copy of the statement file is kept inside your budget (encrypted), for the evidence pack." in told
    with store.reading() as s:
        opened = accounts.opening(s)
        assert opened is not None and (opened.on_date, opened.balance_pence) == (D(2023, 11, 30), 603546)
    assert kept_files(store) == [("statement-dec.csv", DECEMBER.encode())]
    assert stream_of_money_in(store, D(2023, 12, 1)) == new_budget.council

    ctx.undo_stack.undo()  # the whole import goes, the kept file and the opening balance with it
    assert kept_files(store) == []
    with store.reading() as s:
        assert accounts.opening(s) is None
    ctx.undo_stack.redo()
    assert len(kept_files(store)) == 1
    with store.reading() as s:
        assert accounts.opening(s) is not None


def test_both_can_be_turned_off_by_keyboard_and_the_check_then_shows_the_gap(
    qtbot, ctx: AppContext, store: Store, new_budget: NewBudget, tmp_path: Path
) -> None:
    statement = tmp_path / "statement-dec.csv"
    statement.write_text(DECEMBER, encoding="utf-8")
    dialog = check_step(qtbot, ctx, statement)
    panel = dialog.after_panel
    press(qtbot, panel.opening_box, Qt.Key.Key_Space)
    press(qtbot, panel.keep_box, Qt.Key.Key_Space)
    assert not panel.opening_box.isChecked() and not panel.keep_box.isChecked()
    assert "Difference: £6,035.46." in dialog.balance_label.text()
    do_import(qtbot, dialog)
    assert "opening balance" not in dialog.result_label.text()
    assert "1 payment in is not linked to a funder yet" in dialog.result_label.text()
    with store.reading() as s:
        assert accounts.opening(s) is None
    assert kept_files(store) == []
    assert stream_of_money_in(store, D(2023, 12, 1)) is None


def test_the_payers_funder_chosen_once_is_chosen_for_it_next_time(
    qtbot, ctx: AppContext, store: Store, new_budget: NewBudget, tmp_path: Path
) -> None:
    first, second = tmp_path / "statement-dec.csv", tmp_path / "statement-jan.csv"
    first.write_text(DECEMBER, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    dialog = check_step(qtbot, ctx, first)
    press(qtbot, dialog.after_panel.combos[0], Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert dialog.after_panel.combos[0].currentText() == "Oakfield Trust (Other)"
    do_import(qtbot, dialog)

    again = check_step(qtbot, ctx, second)
    assert not again.after_panel.opening_box.isVisible()  # not a first import any more
    (combo,) = again.after_panel.combos
    assert combo.currentText() == "Oakfield Trust (Other)"
    assert combo.accessibleDescription() == "Chosen from what you linked this payer's money to before."
    do_import(qtbot, again)
    assert stream_of_money_in(store, D(2024, 1, 5)) == new_budget.trust

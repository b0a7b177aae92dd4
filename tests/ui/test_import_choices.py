"""Saying what each new payment is for before importing, and the learned rules a person can turn off, driven the
way a person would (keyboard and mouse), then checked in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.bank_import.dialog import ImportDialog, ImportHistoryDialog
from ipb_desktop.ui.bank_import.learned_rules import LearnedRulesDialog
from ipb_desktop.ui.operations.context import AppContext
from tests.bankimport.conftest import ledger_rows
from tests.ui.test_accessibility import unnamed_inputs

MAY = """Date,Description,Amount
20/05/2026,Clayworks Studio,-12.50
21/05/2026,RIVERSIDE GYM,-25.00
22/05/2026,JO ASSISTANT,-300.00
23/05/2026,Exampleshire Council,520.00
"""


@pytest.fixture
def open_ctx(ctx: AppContext, filled_store: Store) -> AppContext:
    ctx.set_store(filled_store)
    return ctx


@pytest.fixture
def may(tmp_path: Path) -> Path:
    path = tmp_path / "may.csv"
    path.write_text(MAY, encoding="utf-8")
    return path


def checking(qtbot, ctx: AppContext, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    """The import dialog at its check step for `path` (the guessed columns are right)."""
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.file_edit, str(path))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentWidget() is dialog.check_page
    return dialog


def click_row(qtbot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def plan_lines(store: Store) -> dict[str, str | None]:
    """Payee -> plan line of each payment the May statement brought in."""
    with store.reading() as s:
        found = s.scalars(select(Transaction).where(Transaction.deleted_at.is_(None), Transaction.bank_id.is_not(None)))
        return {t.payee: t.allocations[0].plan_line.description if t.allocations[0].plan_line else None for t in found}


def test_choose_a_plan_line_for_one_payment_and_use_the_suggestion_for_another(
    qtbot, open_ctx: AppContext, filled_store: Store, may: Path
) -> None:
    before = ledger_rows(filled_store)
    dialog = checking(qtbot, open_ctx, may)
    panel = dialog.lines_panel
    assert unnamed_inputs(dialog) == []
    table = dialog.new_table
    assert [table.item(r, 2).text() for r in range(4)] == [
        "Clayworks Studio",
        "RIVERSIDE GYM",
        "JO ASSISTANT",
        "Exampleshire Council",
    ]
    assert {table.item(r, 3).text() for r in range(4)} == {"Nothing chosen yet"}  # nothing used silently

    # The first payment is selected: use its suggestion.
    assert panel.selected_label.text() == "20/05/2026, -£12.50, Clayworks Studio"
    assert "You chose this for 1 earlier payment to Clayworks Studio" in panel.suggestion_label.text()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert table.item(0, 3).text().startswith("Pottery class")
    assert panel.combos["plan_line_id"].currentText() == "Pottery class"

    # Down to the gym, which has no suggestion, and choose a plan line by typing in the plan line box.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert panel.selected_label.text() == "21/05/2026, -£25.00, RIVERSIDE GYM"
    assert panel.suggestion_label.text() == "No suggestion for this payment."
    assert not panel.use_button.isEnabled()
    combo = panel.combos["plan_line_id"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Laptop")
    assert combo.currentText() == "Laptop for job search"
    assert table.item(1, 3).text() == "Laptop for job search"
    assert table.item(0, 3).text().startswith("Pottery class")  # the first payment keeps its choice

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentWidget() is dialog.done_page
    assert plan_lines(filled_store) == {
        "Clayworks Studio": "Pottery class",
        "RIVERSIDE GYM": "Laptop for job search",
        "JO ASSISTANT": None,  # suggested, but not used
        "Exampleshire Council": None,
    }
    text = dialog.result_label.text()
    assert "1 payment out still needs a plan line. 3 payments out need a receipt." in text

    # The whole import, choices and all, is one undo step.
    open_ctx.undo_stack.undo()
    assert ledger_rows(filled_store) == before


def test_several_payments_at_once_use_all_suggestions_and_clear(
    qtbot, open_ctx: AppContext, filled_store: Store, may: Path
) -> None:
    dialog = checking(qtbot, open_ctx, may)
    panel, table = dialog.lines_panel, dialog.new_table
    qtbot.mouseClick(panel.use_all_button, Qt.MouseButton.LeftButton)
    assert table.item(2, 3).text().startswith("Personal assistant 2.5 hours a week")
    assert table.item(1, 3).text() == "Nothing chosen yet"
    # Select Clayworks and the gym (Shift+Down) and give both the same category.
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert panel.selected_label.text() == "2 payments selected: what you choose here is used for each of them."
    category = panel.combos["category_id"]
    category.setCurrentIndex(category.findText("Travel"))
    assert table.item(1, 3).text() == "Travel"
    assert table.item(0, 3).text() == "Pottery class · Travel · Regain confidence to go out on my own"
    # Jo's suggestion is not wanted after all.
    click_row(qtbot, table, 2)
    assert panel.selected_rows() == [2]
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert table.item(2, 3).text() == "Nothing chosen yet"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert plan_lines(filled_store) == {
        "Clayworks Studio": "Pottery class",
        "RIVERSIDE GYM": None,
        "JO ASSISTANT": None,
        "Exampleshire Council": None,
    }
    with filled_store.reading() as s:
        gym = s.scalars(select(Transaction).where(Transaction.payee == "RIVERSIDE GYM")).one()
        assert gym.allocations[0].category is not None and gym.allocations[0].category.name == "Travel"
        imported = select(Transaction).where(Transaction.bank_id.is_not(None))
        council = s.scalars(imported.where(Transaction.payee == "Exampleshire Council")).one()
        assert council.allocations[0].category.name == "Budget payment in"


def test_turning_a_rule_off_in_what_the_app_has_learned(
    qtbot, open_ctx: AppContext, filled_store: Store, may: Path
) -> None:
    dialog = checking(qtbot, open_ctx, may)
    qtbot.mouseClick(dialog.lines_panel.learned_button, Qt.MouseButton.LeftButton)
    rules = dialog.learned_dialog
    assert isinstance(rules, LearnedRulesDialog)
    qtbot.addWidget(rules)
    assert unnamed_inputs(rules) == []
    texts = [rules.rule_list.item(i).text() for i in range(rules.rule_list.count())]
    assert texts[0] == (
        "Payments to Clayworks Studio: Pottery class (Activities and classes), towards 'Regain confidence to go out "
        "on my own', from 1 earlier payment"
    )
    # The first rule is selected; the keyboard route to turning it off is Tab to the button and Space.
    assert rules.off_button.isEnabled() and not rules.on_button.isEnabled()
    rules.off_button.setFocus()
    qtbot.keyClick(rules.off_button, Qt.Key.Key_Space)
    assert rules.rule_list.item(0).text().startswith("Turned off: Payments to Clayworks Studio")
    assert rules.on_button.isEnabled() and not rules.off_button.isEnabled()
    # The open preview stops suggesting it at once.
    assert dialog.new_table.item(0, 4).text() == ""
    assert not dialog.lines_panel.use_button.isEnabled()
    rules.accept()
    dialog.reject()

    # The next preview suggests nothing for Clayworks Studio, but still does for the others.
    again = checking(qtbot, open_ctx, may)
    assert [again.new_table.item(r, 4).text() != "" for r in range(4)] == [False, False, True, True]
    qtbot.mouseClick(again.lines_panel.use_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert plan_lines(filled_store)["Clayworks Studio"] is None

    # From Import history, turned back on; Undo turns it off again.
    history = ImportHistoryDialog(open_ctx)
    qtbot.addWidget(history)
    history.show()
    qtbot.mouseClick(history.learned_button, Qt.MouseButton.LeftButton)
    rules = history.learned_dialog
    assert isinstance(rules, LearnedRulesDialog)
    qtbot.addWidget(rules)
    rules.rule_list.setCurrentRow(0)
    qtbot.mouseClick(rules.on_button, Qt.MouseButton.LeftButton)
    assert rules.rule_list.item(0).text().startswith("Payments to Clayworks Studio")
    open_ctx.undo_stack.undo()
    assert rules.rule_list.item(0).text().startswith("Turned off: ")
    open_ctx.undo_stack.redo()
    assert rules.rule_list.item(0).text().startswith("Payments to Clayworks Studio")

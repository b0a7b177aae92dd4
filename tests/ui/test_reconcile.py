"""Checking the account against a bank statement from the Spending page, by key presses: type the statement's
date and balance, tick the payments seen on it, Record; a difference is said kindly and nothing is recorded.

Alys's budget (tests/conftest.py) by 30 April 2026: £520.00 and £1,200.00 in, £37.50 and £300.00 out, so the
account held £1,382.50.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from ipb_desktop.models.schema import Reconciliation, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.spending.page import SpendingPage
from ipb_desktop.ui.spending.reconcile import ReconcileDialog


@pytest.fixture
def page(qtbot, open_window: MainWindow) -> SpendingPage:
    with qtbot.waitActive(open_window):
        open_window.activateWindow()
    qtbot.keyClick(open_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # to Spending
    shown = open_window.page_widgets["spending"]
    assert isinstance(shown, SpendingPage)
    return shown


def open_check(qtbot, page: SpendingPage) -> ReconcileDialog:
    """Alt+K (Check against bank statement…) opens the check."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None)  # an Alt-letter presses its button as a click does
    dialog = page.dialog
    assert isinstance(dialog, ReconcileDialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


def type_statement(qtbot, dialog: ReconcileDialog, date: str, balance: str) -> None:
    dialog.day.setFocus()
    qtbot.keyClicks(dialog.day, date)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    dialog.balance.setFocus()
    qtbot.keyClicks(dialog.balance, balance)


def tick(qtbot, dialog: ReconcileDialog, payees: set[str]) -> None:
    """Walk down the list with the arrow keys, pressing Space on each payment whose payee is in `payees`."""
    dialog.payments.setFocus()
    dialog.payments.setCurrentRow(0)
    for row in range(dialog.payments.count()):
        if row:
            qtbot.keyClick(dialog.payments, Qt.Key.Key_Down)
        if any(p in dialog.payments.currentItem().text() for p in payees):
            qtbot.keyClick(dialog.payments, Qt.Key.Key_Space)


def press_record(qtbot, dialog: ReconcileDialog) -> None:
    """Tab to Record and press Space."""
    dialog.record_button.setFocus()
    qtbot.keyClick(dialog.record_button, Qt.Key.Key_Space)


def checks(store: Store) -> list[tuple[dt.date, int]]:
    with store.reading() as s:
        return [(r.on_date, r.bank_balance_pence) for r in s.scalars(select(Reconciliation))]


def checked_payees(store: Store) -> set[str]:
    with store.reading() as s:
        return set(s.scalars(select(Transaction.payee).where(Transaction.reconciled.is_(True))))


def test_ticking_until_nothing_is_left_over_records_the_check(qtbot, page: SpendingPage, filled_store) -> None:
    heard: list[str] = []
    messages.bridge().info_shown.connect(heard.append)
    try:
        dialog = open_check(qtbot, page)
        type_statement(qtbot, dialog, "30/04/2026", "1382.50")
        assert "£1,382.50 at the end of 30 April 2026" in dialog.app_words.text()
        assert dialog.payments.count() == 4
        assert "Difference: £1,382.50" in dialog.difference.text()  # nothing ticked yet

        # Record too early: said kindly, nothing saved.
        press_record(qtbot, dialog)
        assert "Nothing has been recorded yet: there is still a difference of £1,382.50" in dialog.said.text()
        assert checks(filled_store) == []

        tick(qtbot, dialog, {"Exampleshire Council", "Exampleshire ICB", "Clayworks"})
        assert "Difference: £300.00" in dialog.difference.text()
        assert "less than" in dialog.difference.text()
        tick(qtbot, dialog, {"Jo Assistant"})
        assert "No difference" in dialog.difference.text()
        press_record(qtbot, dialog)
    finally:
        messages.bridge().info_shown.disconnect(heard.append)
    assert checks(filled_store) == [(dt.date(2026, 4, 30), 138250)]
    assert checked_payees(filled_store) == {
        "Exampleshire Council",
        "Exampleshire ICB",
        "Clayworks Studio",
        "Jo Assistant",
    }
    assert heard == ["Your records agree with the bank statement of 30 April 2026: £1,382.50"]
    assert not dialog.isVisible()
    last = page.findChild(QLabel, "last_check")
    assert last.text().startswith("Last checked against the bank statement of 30 April 2026: £1,382.50.")
    assert "still agree" in last.text()

    page.ctx.undo_stack.undo()  # Ctrl+Z takes the check back
    assert checks(filled_store) == []
    assert checked_payees(filled_store) == set()
    assert last.text() == "Not checked against a bank statement yet."


def test_a_real_difference_is_said_and_nothing_is_recorded(qtbot, page: SpendingPage, filled_store) -> None:
    dialog = open_check(qtbot, page)
    type_statement(qtbot, dialog, "30/04/2026", "1370.50")
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert "Difference: £12.00. The bank statement shows £12.00 less" in dialog.difference.text()
    press_record(qtbot, dialog)
    assert "still a difference of £12.00" in dialog.said.text()
    assert dialog.isVisible()
    assert checks(filled_store) == []
    assert checked_payees(filled_store) == set()


def test_a_payment_not_on_the_statement_yet_is_explained(qtbot, page: SpendingPage, filled_store) -> None:
    """The bank paid Jo's wages in May, so the April statement shows £1,682.50: the unticked payment explains
    the difference, but the records still count it by 30 April, so nothing is recorded and the person is told
    what to change."""
    dialog = open_check(qtbot, page)
    type_statement(qtbot, dialog, "30/04/2026", "1682.50")
    tick(qtbot, dialog, {"Exampleshire Council", "Exampleshire ICB", "Clayworks"})
    assert "No difference" in dialog.difference.text()
    press_record(qtbot, dialog)
    assert "1 payment you have not ticked is counted by 30 April 2026" in dialog.said.text()
    assert checks(filled_store) == []


def test_a_typed_balance_that_is_not_money_is_shown_under_the_field(qtbot, page: SpendingPage) -> None:
    dialog = open_check(qtbot, page)
    type_statement(qtbot, dialog, "30/04/2026", "lots")
    qtbot.keyClick(dialog.balance, Qt.Key.Key_Return)  # Enter records (here: refuses, saying why)
    assert "for example 1234.56" in dialog.form.problem_text("balance")
    assert all(dialog.payments.item(i).checkState() == Qt.CheckState.Unchecked for i in range(dialog.payments.count()))


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen: no window stack, no grab
def test_the_check_is_also_in_the_right_click_menu(qtbot, page: SpendingPage) -> None:
    page.table.menu_requested.emit(page.table.mapToGlobal(page.table.rect().center()))
    menu = page.dialog
    assert page.bank_check_action in menu.actions()
    menu.close()

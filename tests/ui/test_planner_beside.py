"""A planner recording beside the person: the window says so all the time, and what is logged is theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop.models.schema import Transaction
from ipb_desktop.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_recording_as_the_planner_is_shown_on_every_page(qtbot, open_window: MainWindow) -> None:
    win = open_window
    assert not win.planner_note.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_7, CTRL)  # Settings
    page = win.page_widgets["settings"]
    page.as_planner.setFocus()
    qtbot.keyClick(page.as_planner, Qt.Key.Key_Space)
    qtbot.keyClicks(page.planner_name, "Sam Example")
    qtbot.keyClick(page.planner_name, Qt.Key.Key_Return)
    for row in range(7):
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_1 + row), CTRL)
        assert win.planner_note.isVisible()
        assert "Recording as the planner, Sam Example" in win.planner_note.text()

    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    quick = win.page_widgets["spending"].quick_add
    quick.payee.setFocus()
    qtbot.keyClicks(quick.payee, "Riverside Swimming Pool")
    qtbot.keyClicks(quick.amount, "4.20")
    qtbot.keyClick(quick.amount, Qt.Key.Key_Return)
    assert win.ctx.store is not None
    with win.ctx.store.reading() as s:
        who = s.scalars(select(Transaction.recorded_by).where(Transaction.payee == "Riverside Swimming Pool")).one()
    assert who == "planner:Sam Example"

    qtbot.keyClick(win, Qt.Key.Key_L, CTRL)
    assert not win.planner_note.isVisible()  # nothing from inside the store on the lock screen


def test_changing_a_payment_says_who_logged_it(qtbot, open_window: MainWindow) -> None:
    win = open_window
    assert win.ctx.store is not None
    win.ctx.store.actor = "planner:Sam Example"
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    page = win.page_widgets["spending"]
    quick = page.quick_add
    quick.payee.setFocus()
    qtbot.keyClicks(quick.payee, "Riverside Swimming Pool")
    qtbot.keyClicks(quick.amount, "4.20")
    qtbot.keyClick(quick.amount, Qt.Key.Key_Return)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the new payment is chosen: Enter changes it
    assert page.dialog is not None and page.dialog.logged_by.text() == "Logged by Sam Example, the planner."


def test_the_record_of_changes_shows_who_did_what_and_filters(qtbot, open_window: MainWindow) -> None:
    win = open_window
    assert win.ctx.store is not None
    win.ctx.store.actor = "planner:Sam Example"
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    quick = win.page_widgets["spending"].quick_add
    quick.payee.setFocus()
    qtbot.keyClicks(quick.payee, "Riverside Swimming Pool")
    qtbot.keyClicks(quick.amount, "4.20")
    qtbot.keyClick(quick.amount, Qt.Key.Key_Return)
    win.audit_action.trigger()
    dialog = win.audit_dialog
    everyone = dialog.model.rowCount()
    assert everyone > 1
    first = [dialog.model.data(dialog.model.index(0, c)) for c in range(4)]
    assert first[1] == "Sam Example (planner)" and first[2] == "Added a payment"
    dialog.who.setFocus()
    dialog.who.setCurrentIndex(dialog.who.findData("planner:Sam Example"))
    assert dialog.model.rowCount() == 1
    dialog.who.setCurrentIndex(0)
    qtbot.keyClicks(dialog.search, "rating")
    assert 0 < dialog.model.rowCount() < everyone
    assert "Showing" in dialog.count.text()


def test_a_payment_brought_in_from_a_bank_statement_says_so(qtbot, window: MainWindow, filled_store) -> None:
    """Who recorded each payment (issue 12): a payment from a bank import says which import it came from."""
    from ipb_desktop.bankimport import service

    statement = b"Date,Description,Amount\n20/11/2026,Examplehampton Pottery,-18.00\n"
    with filled_store.transaction() as s:
        batch = service.commit(s, service.preview(s, statement, name="november.csv"))
        number = batch.id
    window.enter(filled_store)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.page_widgets["spending"]
    model = page.table.model()
    (row,) = [
        r
        for r in range(model.rowCount())
        if any("Examplehampton Pottery" in str(model.index(r, c).data()) for c in range(model.columnCount()))
    ]
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None
    assert page.dialog.logged_by.text() == f"Brought in from a bank statement (import number {number})."

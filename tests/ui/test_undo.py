"""Undo and redo as a person meets them: Ctrl+Z anywhere on a page, said out loud in the message bar, never on
the lock screen; messages that describe something undone do not stay."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ipb_desktop import ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE

CTRL = Qt.KeyboardModifier.ControlModifier


def _count(win: MainWindow, text: str) -> int:
    assert win.ctx.store is not None
    with win.ctx.store.reading() as s:
        return len(ledger_query.transaction_ids(s, LedgerFilter(text=text)))


def _log_with_quick_add(qtbot, win: MainWindow, payee: str, amount: str):  # type: ignore[no-untyped-def]
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    quick = win.page_widgets["spending"].quick_add
    quick.payee.setFocus()
    qtbot.keyClicks(quick.payee, payee)
    qtbot.keyClicks(quick.amount, amount)
    qtbot.keyClick(quick.amount, Qt.Key.Key_Return)
    assert f"Saved: {payee}" in quick.status.text()
    return quick


def test_ctrl_z_in_an_empty_box_undoes_the_last_change_and_says_so(qtbot, open_window: MainWindow) -> None:
    win = open_window
    quick = _log_with_quick_add(qtbot, win, "Riverside Swimming Pool", "4.20")
    assert quick.payee.hasFocus() and quick.payee.text() == ""
    assert _count(win, "Riverside") == 1
    qtbot.keyClick(quick.payee, Qt.Key.Key_Z, CTRL)
    assert _count(win, "Riverside") == 0
    assert win.bar.isVisible()
    assert win.bar.text.text().startswith("Undone: Log Riverside Swimming Pool")
    assert quick.status.text() == ""  # "Saved: ..." no longer true
    qtbot.keyClick(quick.payee, Qt.Key.Key_Y, CTRL)
    assert _count(win, "Riverside") == 1
    assert win.bar.text.text().startswith("Done again: Log Riverside Swimming Pool")


def test_ctrl_z_in_a_box_with_typing_undoes_the_typing_first(qtbot, open_window: MainWindow) -> None:
    win = open_window
    quick = _log_with_quick_add(qtbot, win, "Riverside Swimming Pool", "4.20")
    qtbot.keyClicks(quick.payee, "Mark")
    qtbot.keyClick(quick.payee, Qt.Key.Key_Z, CTRL)
    assert quick.payee.text() == ""
    assert _count(win, "Riverside") == 1  # the typing went, the payment stayed
    qtbot.keyClick(quick.payee, Qt.Key.Key_Z, CTRL)
    assert _count(win, "Riverside") == 0


def test_the_deleted_message_goes_when_the_delete_is_undone(qtbot, open_window: MainWindow) -> None:
    win = open_window
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    page = win.page_widgets["spending"]
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    box = page.dialog
    delete_button = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete_button, Qt.MouseButton.LeftButton)
    assert "Payment deleted" in win.bar.text.text()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert "Payment deleted" not in win.bar.text.text()
    assert win.bar.text.text().startswith("Undone: Delete payment")
    assert _count(win, "") == 4


def test_undo_is_off_on_the_lock_screen_and_keeps_its_step(qtbot, open_window: MainWindow) -> None:
    win = open_window
    _log_with_quick_add(qtbot, win, "Riverside Swimming Pool", "4.20")
    assert win.undo_action.isEnabled()
    assert win.undo_action.text() == "&Undo: Log Riverside Swimming Pool"
    qtbot.keyClick(win, Qt.Key.Key_L, CTRL)
    assert not win.undo_action.isEnabled() and not win.redo_action.isEnabled()
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Z, CTRL)
    win.undo_action.trigger()
    assert win.ctx.undo_stack.canUndo()
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    assert _count(win, "Riverside") == 1
    qtbot.keyClick(win, Qt.Key.Key_Z, CTRL)
    assert _count(win, "Riverside") == 0


def test_unlocking_says_it_is_checking_and_drops_the_old_error(qtbot, open_window: MainWindow, monkeypatch) -> None:
    win = open_window
    qtbot.keyClick(win, Qt.Key.Key_L, CTRL)
    page = win.unlock_page
    qtbot.keyClicks(page.passphrase, "not the right words")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert "does not open" in page.form.problem_text("passphrase")
    seen: list[tuple[str, str]] = []
    from ipb_desktop import unlock

    real = unlock.open_store

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((page.status.text(), page.form.problem_text("passphrase")))
        return real(*args, **kwargs)

    monkeypatch.setattr(unlock, "open_store", watching)
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert seen == [("Unlocking…", "")]
    assert win.ctx.store is not None
    assert page.status.text() == ""

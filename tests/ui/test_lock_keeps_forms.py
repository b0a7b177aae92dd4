"""Locking while something is open on the Spending page: no error, questions are closed, and a half-typed form
waits (in memory only) behind the lock screen until the same store is unlocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ipb_desktop import holder, ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.spending.form import PaymentDialog
from tests.conftest import PASSPHRASE


def _spending(qtbot, win: MainWindow):  # type: ignore[no-untyped-def]
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = win.page_widgets["spending"]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home)
    page.table.selectRow(0)
    return page


def _unlock(qtbot, win: MainWindow) -> None:
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    assert win.ctx.store is not None


def _visible_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def _forget_closed_windows() -> None:
    """Let Qt delete the windows closed so far, as its event loop does between key presses."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _lock(qtbot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.ctx.locked):
        qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.ctx.store is None


def test_locking_after_answering_the_delete_question_raises_no_error(qtbot, open_window: MainWindow) -> None:
    page = _spending(qtbot, open_window)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    question = page.dialog
    assert isinstance(question, QMessageBox) and question.isVisible()
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # "Keep it"
    _forget_closed_windows()
    _lock(qtbot, open_window)
    _unlock(qtbot, open_window)
    with open_window.ctx.store.reading() as s:
        assert len(ledger_query.transaction_ids(s, LedgerFilter())) == 4


def test_locking_during_or_after_receipts_or_regular_payments_raises_no_error(qtbot, open_window: MainWindow) -> None:
    page = _spending(qtbot, open_window)
    for show in (page.view_receipts, page.regular_action.trigger):
        show()
        dialog = page.dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        _forget_closed_windows()
        _lock(qtbot, open_window)
        _unlock(qtbot, open_window)
        show()
        open_window.idle.timer.timeout.emit()  # auto-lock while it is open
        _forget_closed_windows()
        _unlock(qtbot, open_window)
    assert open_window.ctx.store is not None


def test_auto_lock_keeps_a_half_typed_payment_and_brings_it_back(qtbot, open_window: MainWindow) -> None:
    win = open_window
    page = _spending(qtbot, win)
    page.form_action.trigger()
    form = page.dialog
    assert isinstance(form, PaymentDialog)
    qtbot.keyClicks(form.payee, "Greenleaf Garden Centre")
    qtbot.keyClicks(form.amount, "18.40")
    qtbot.keyClicks(page.quick_add.payee, "Half typed payee")

    win.idle.timer.timeout.emit()  # nobody touched the app for the auto-lock minutes
    assert win.ctx.store is None
    assert not form.isVisible()
    assert _visible_dialogs() == []

    _unlock(qtbot, win)
    assert form.isVisible()
    assert form.payee.text() == "Greenleaf Garden Centre"
    assert form.amount.text() == "18.40"
    assert page.quick_add.payee.text() == "Half typed payee"
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    with win.ctx.store.reading() as s:
        ids = ledger_query.transaction_ids(s, LedgerFilter(text="Greenleaf"))
        assert [ledger.get_transaction(s, i).amount_pence for i in ids] == [1840]


def test_a_kept_form_is_dropped_when_another_store_is_opened(
    qtbot, open_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    win = open_window
    page = _spending(qtbot, win)
    page.form_action.trigger()
    form = page.dialog
    assert isinstance(form, PaymentDialog)
    qtbot.keyClicks(form.payee, "Greenleaf Garden Centre")
    qtbot.keyClicks(page.quick_add.payee, "Half typed payee")
    win.idle.timer.timeout.emit()
    other = tmp_path / "bryn.ipb"
    with Store.create(other, PASSPHRASE) as s2, s2.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Bryn Example"))
    monkeypatch.setattr(MainWindow, "ask_store_to_open", staticmethod(lambda parent: other))
    qtbot.mouseClick(win.unlock_page.other_button, Qt.MouseButton.LeftButton)
    _unlock(qtbot, win)
    assert win.windowTitle() == "Bryn Example — ipb-desktop"
    assert _visible_dialogs() == []
    assert page.quick_add.payee.text() == ""

"""Locking while a "Delete this?" question is open closes the question too: nothing personal stays on screen."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ipb_desktop.ui.widgets import dialogs


def test_lock_closes_an_open_question_and_answers_no(qtbot, open_window) -> None:
    seen: list[bool] = []

    def lock_while_asking() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        seen.append(bool(boxes))
        open_window.lock()

    QTimer.singleShot(50, lock_while_asking)
    answer = dialogs.confirm(open_window, "Delete the payment to Clayworks Studio?", "Delete")
    assert seen == [True]
    assert answer is False
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert open_window.ctx.store is None
    assert open_window.central.currentWidget() is open_window.unlock_page

"""A typed date is exactly what was typed, or it is refused with a message; a date field is one Tab stop.
(Qt's QDateEdit turned 02/11/2026 typed after Tab into 02/12/2026, and 15/11/2026 typed over a selection into
01/11/2026.)"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipb_desktop import budget
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.plan.dialogs import PeriodDialog
from ipb_desktop.ui.shell.main_window import MainWindow


def open_period_dialog(qtbot, window: MainWindow) -> PeriodDialog:
    dialog = PeriodDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "2027 to 2028")
    return dialog


def test_tab_in_and_type_dates_saves_exactly_those_dates(qtbot, open_window: MainWindow) -> None:
    dialog = open_period_dialog(qtbot, open_window)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (dialog.start, dialog.start.lineEdit())
    qtbot.keyClicks(QApplication.focusWidget(), "02/11/2027")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # one Tab: on to the last day
    assert QApplication.focusWidget() in (dialog.end, dialog.end.lineEdit())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "15/11/2028")
    dialog.save_button.click()
    ctx: AppContext = open_window.ctx
    with ctx.store.reading() as s:
        added = [(p.start_date, p.end_date) for p in budget.periods(s) if p.name == "2027 to 2028"]
    assert added == [(dt.date(2027, 11, 2), dt.date(2028, 11, 15))]


def test_a_date_that_does_not_exist_is_refused_with_a_message(qtbot, open_window: MainWindow) -> None:
    dialog = open_period_dialog(qtbot, open_window)
    before = dialog.start.date()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "31/02/2027")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.start.date() == before
    assert "31/02/2027" in open_window.bar.text.text() and open_window.bar.isVisible()

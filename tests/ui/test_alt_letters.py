"""Every page and dialog a person can reach: each Alt-letter is used once per window, the menu bar included, so
Alt+letter always goes where its label says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from tests.ui.alt_letters import clashes


@pytest.mark.parametrize("row", range(len(PAGES)), ids=[key for key, *_rest in PAGES])
def test_each_page_with_the_menu_bar_has_no_alt_letter_twice(qtbot, open_window: MainWindow, row: int) -> None:
    qtbot.keyClick(open_window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
    assert clashes(open_window) == {}


def test_the_start_pages_have_no_alt_letter_twice(qtbot, window: MainWindow) -> None:
    for page in (window.welcome, window.create_page, window.unlock_page):
        window.central.setCurrentWidget(page)
        assert clashes(window) == {}, page


def _belongs_to(widget: QWidget, window: MainWindow) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        parent = parent.parentWidget()
    return parent is window


def _open_dialogs(window: MainWindow) -> list[QDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible() and _belongs_to(w, window)
    ]


def test_the_spending_dialogs_have_no_alt_letter_twice(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = open_window.page_widgets["spending"]
    page.table.selectRow(0)

    def set_up_regular() -> None:
        page.show_regular()
        page.dialog.add_button.click()  # the "Set up a regular payment" form, over the list

    check_bank = page.bank_check_action.trigger
    for open_it in (
        page.add_with_form,
        page.edit_selected,
        page.split_selected,
        set_up_regular,
        page.show_due,
        check_bank,
    ):
        open_it()
        dialogs = _open_dialogs(open_window)
        assert dialogs
        for dialog in reversed(dialogs):
            assert clashes(dialog) == {}, dialog.windowTitle()
            dialog.reject()


def test_the_plan_dialogs_have_no_alt_letter_twice(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = open_window.page_widgets["plan"]
    page.streams_table.selectRow(0)
    page.lines_table.selectRow(0)
    for open_it in (page.add_period, page.add_stream, page.edit_stream, page.add_line, page.record_repayment):
        open_it()
        dialogs = _open_dialogs(open_window)
        assert dialogs
        for dialog in reversed(dialogs):
            assert clashes(dialog) == {}, dialog.windowTitle()
            dialog.reject()

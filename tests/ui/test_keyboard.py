"""The window by keyboard alone: Home has lines to Tab to, page changes are named, Ctrl+F goes to the search,
the Spending table sorts from the keyboard, and the import tables let Tab out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ipb_desktop.ui.bank_import.lines import cell, statement_table
from ipb_desktop.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_home_has_lines_to_tab_to(qtbot, open_window: MainWindow) -> None:
    win = open_window
    win.nav.setFocus()
    seen: list[str] = []
    for _press in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert not isinstance(focus, QScrollArea)  # no unnamed, invisible stop on the way
        if isinstance(focus, QLabel):
            seen.append(focus.text())
    assert "Hello, Alys" in seen
    assert any(text.startswith("Money in your budget account today") for text in seen)


def test_changing_page_names_the_page_shown(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, CTRL)
    assert open_window.pages.accessibleName() == "Spending page"
    open_window.nav.setFocus()
    qtbot.keyClick(open_window.nav, Qt.Key.Key_Down)
    assert open_window.pages.accessibleName() == "Plan and budget page"


def test_ctrl_f_goes_to_the_search_box_on_spending(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, CTRL)
    page = open_window.page_widgets["spending"]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is page.filters.text


def test_the_spending_table_sorts_by_keyboard(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, CTRL)
    page = open_window.page_widgets["spending"]
    table = page.table
    table.setFocus()
    table.selectRow(0)
    payee_column = next(
        c
        for c in range(page.model.columnCount())
        if page.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Payee"
    )
    for _press in range(payee_column):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == payee_column
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    def payees() -> list[str]:
        return [page.model.row_for(r).payee for r in range(page.model.rowCount())]

    qtbot.keyClick(table, Qt.Key.Key_S, shift_ctrl)
    assert payees() == sorted(payees(), key=str.lower)
    qtbot.keyClick(table, Qt.Key.Key_S, shift_ctrl)
    assert payees() == sorted(payees(), key=str.lower, reverse=True)


def test_tab_leaves_an_import_table(qtbot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    column = QVBoxLayout(box)
    table = statement_table("Statement lines", ["Date", "Payee"])
    table.setRowCount(3)
    for row in range(3):
        table.setItem(row, 0, cell("01/04/2026"))
        table.setItem(row, 1, cell(f"Payee {row}"))
    after = QPushButton("Next")
    column.addWidget(table)
    column.addWidget(after)
    with qtbot.waitActive(box):
        box.show()
        box.activateWindow()
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after


def test_an_empty_cell_is_said_as_what_is_missing(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, CTRL)
    model = open_window.page_widgets["spending"].model
    outcome_column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Outcome"
    )
    spoken = [
        model.data(model.index(row, outcome_column), Qt.ItemDataRole.AccessibleTextRole)
        for row in range(model.rowCount())
    ]
    assert "None" not in spoken
    assert "no outcome" in spoken

"""At 100 % in the default 1100×760 window the Spending table shows every column; at 200 % text the quick-add
boxes keep room to type in and the page does not scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from ipb_desktop.ui.shell.appearance import apply_text_scale
from ipb_desktop.ui.shell.main_window import MainWindow


def _spending(qtbot, win: MainWindow):  # type: ignore[no-untyped-def]
    win.resize(1100, 760)
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    return win.page_widgets["spending"]


def test_every_spending_column_is_in_view_at_100_percent(qtbot, open_window: MainWindow) -> None:
    page = _spending(qtbot, open_window)
    table = page.table
    header = table.horizontalHeader()
    room = table.viewport().width()
    for column in range(page.model.columnCount()):
        heading = page.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= room + 1, heading
    assert table.horizontalScrollBar().maximum() == 0


def test_quick_add_keeps_its_boxes_at_200_percent(qtbot, open_window: MainWindow) -> None:
    apply_text_scale(200)
    page = _spending(qtbot, open_window)
    quick = page.quick_add
    char = quick.amount.fontMetrics().averageCharWidth()
    for box in (quick.amount, quick.payee, quick.date):
        assert box.width() >= 8 * char, box.accessibleName()
    scroll = page.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    assert isinstance(scroll, QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0  # one level of sideways scrolling at most (the table's)

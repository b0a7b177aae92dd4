"""At 100 % in the default 1100×760 window the Spending table shows every column; at 200 % text the quick-add
boxes keep room to type in and the page does not scroll sideways."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle, QTableView, QWidget

from ipb_desktop import settings
from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell.appearance import apply_language, apply_text_scale
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow


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


def _scroll_of(page: QWidget) -> QScrollArea:
    scroll = page.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    assert isinstance(scroll, QScrollArea)
    return scroll


def test_outcome_names_are_shown_in_full_at_200_percent(qtbot, open_window: MainWindow) -> None:
    """Long names wrap onto more lines instead of being cut to "R… c…"."""
    win = open_window
    win.resize(1100, 760)
    apply_text_scale(200)
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    table = win.page_widgets["outcomes"].table
    model = table.model()
    for row in range(model.rowCount()):
        name = model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
        cell = table.visualRect(model.index(row, 0))
        room = cell.width() - 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) - 4
        needed = table.fontMetrics().boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, name)
        assert needed.width() <= cell.width() and needed.height() <= cell.height(), name
    assert table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize(
    ("row", "language"),
    [
        pytest.param(row, language, id=f"{key}-{language}")
        for row, (key, *_rest) in enumerate(PAGES)
        for language in ("en_GB", "cy")
    ],
)
def test_no_page_scrolls_sideways_at_200_percent(
    qtbot, window: MainWindow, filled_store: Store, row: int, language: str
) -> None:
    """In the default window, in English and in Welsh (longer words); the Outcomes and Employing PAs tables
    do not scroll sideways either."""
    with filled_store.transaction() as s:
        settings.put(s, "language", language)
        settings.put(s, "text_scale_percent", "200")
    try:
        window.enter(filled_store)
        window.resize(1100, 760)
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        key = PAGES[row][0]
        page = window.page_widgets[key]
        assert _scroll_of(page).horizontalScrollBar().maximum() == 0
        if key in ("outcomes", "employment"):
            for table in page.findChildren(QTableView):
                if table.isVisible():
                    assert table.horizontalScrollBar().maximum() == 0, table.accessibleName()
    finally:
        apply_language("en_GB")

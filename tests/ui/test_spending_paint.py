"""Painting the Spending table quickly without changing what is painted: a screen of the ledger costs one call
into the model per cell (its `multiData`, not `data` seven times), and the app's look (a style written in
Python) is asked only about the cell with the keyboard focus, yet the table looks exactly as the look painting
every cell would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QModelRoleData, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOption, QTableView, QWidget

from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.appearance import accessible_palette
from ipb_desktop.ui.shell.look import AccessibleStyle
from ipb_desktop.ui.spending.model import COLUMNS, ID_ROLE, ROW_ROLE, SpendingModel
from ipb_desktop.ui.spending.page import SpendingPage
from tests.ui.test_spending_model import fill_ledger

# What a table's paint asks for each cell, and the roles screen readers and tooltips ask for.
ROLES = [
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    ID_ROLE,
    ROW_ROLE,
]


class CountingLook(AccessibleStyle):
    """The app's look, counting how often Qt asks it something while painting."""

    calls = 0

    def drawPrimitive(self, element: Any, option: Any, painter: Any, widget: Any = None) -> None:
        CountingLook.calls += 1
        super().drawPrimitive(element, option, painter, widget)

    def pixelMetric(self, metric: Any, option: QStyleOption | None = None, widget: QWidget | None = None) -> int:
        CountingLook.calls += 1
        return super().pixelMetric(metric, option, widget)


@pytest.fixture
def look(qapp: QApplication) -> Iterator[type[CountingLook]]:
    """The app's look installed as the window has it (made before the page, as at start)."""
    name, palette = qapp.style().name(), qapp.palette()
    qapp.setStyle(CountingLook(name))
    qapp.setPalette(accessible_palette(palette))
    yield CountingLook
    qapp.setStyle(name)
    qapp.setPalette(palette)


class CountingModel(SpendingModel):
    calls = 0

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls += 1
        return super().data(index, role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:
        self.calls += 1
        super().multiData(index, roleDataSpan)


def shown_cells(table: QTableView) -> int:
    rows = table.rowAt(table.viewport().height() - 1)
    rows = table.model().rowCount() if rows < 0 else rows + 1
    return rows * len(COLUMNS)


def shown_in_a_table(qtbot: Any, model: SpendingModel) -> QTableView:
    """`model`, read, in a plain table view 900 x 500 on screen."""
    model.refresh()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_screen_of_the_ledger_is_painted_with_one_call_into_the_model_per_cell(
    qtbot, ctx: AppContext, filled_store: Store
) -> None:
    fill_ledger(filled_store, 300)
    ctx.set_store(filled_store)
    model = CountingModel(ctx)
    view = shown_in_a_table(qtbot, model)
    qtbot.waitUntil(lambda: model.calls > 0)  # laid out and painted: rows read and their words worked out
    model.calls = 0
    view.viewport().repaint()
    assert 0 < model.calls <= shown_cells(view)


def test_each_role_of_each_cell_is_the_same_asked_alone_or_with_others(ctx: AppContext, filled_store: Store) -> None:
    fill_ledger(filled_store, 30)
    ctx.set_store(filled_store)
    model = SpendingModel(ctx)
    model.refresh()
    asked = 0
    for row in (0, 1, 2, model.rowCount() - 1, model.rowCount()):  # the last: past the end, nothing there
        for column in range(len(COLUMNS) + 1):
            index = model.index(row, column)
            for role in ROLES:
                one = QModelRoleData(int(role))
                model.multiData(index, one)
                assert one.data() == model.data(index, role), (row, column, role)
                asked += 1
    assert asked > 300


def test_the_ledger_looks_exactly_as_the_apps_look_paints_it_and_asks_the_look_only_about_the_focused_cell(
    qtbot, look: type[CountingLook], ctx: AppContext, filled_store: Store
) -> None:
    fill_ledger(filled_store, 300)
    ctx.set_store(filled_store)
    page = SpendingPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()  # the table laid out
    table = page.table
    table.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(table, key)  # the keyboard on the third row's third cell: its focus ring is painted
    assert table.hasFocus() and (table.currentIndex().row(), table.currentIndex().column()) == (2, 2)
    table.viewport().repaint()
    look.calls = 0
    table.viewport().repaint()
    assert look.calls < shown_cells(table) // 5  # the focused row only (each cell alone asks it 4 things or more)
    fast = table.grab().toImage()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the ring moves to the next row, and the look with it
    fast_below = table.grab().toImage()

    # The same table painted the way every other view in the window is: the app's look for every cell.
    table.setStyle(QApplication.style())
    table.setItemDelegate(QStyledItemDelegate(table))
    for row in range(table.model().rowCount()):
        table.setItemDelegateForRow(row, None)  # type: ignore[arg-type]
    table.viewport().repaint()
    assert look.calls > shown_cells(table)
    assert table.grab().toImage() == fast_below
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.grab().toImage() == fast


def test_each_date_on_screen_is_written_out_once_however_many_payments_share_it(
    qtbot, ctx: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipb_desktop.ui.spending import model as spending_model

    fill_ledger(filled_store, 300)  # three payments a day
    ctx.set_store(filled_store)
    written: list[object] = []
    real = spending_model.date_short

    def counting(day: Any, *args: Any) -> str:
        written.append(day)
        return real(day, *args)

    monkeypatch.setattr(spending_model, "date_short", counting)
    model = SpendingModel(ctx)
    view = shown_in_a_table(qtbot, model)
    rows = shown_cells(view) // len(COLUMNS)
    qtbot.waitUntil(lambda: len(written) > 0)
    shown = [model.index(r, 0).data() for r in range(rows)]
    assert rows > 10 and len(set(shown)) < rows  # days with more than one payment are on screen
    assert sorted(written) == sorted(set(written)) and len(written) == len(set(shown))

"""The ledger table of the Spending page: its keys (Enter opens a payment, Delete asks to delete it,
Ctrl+Shift+S sorts by the column the keyboard is in), its columns' widths, and how it paints quickly.

Painting: the app's look (`ui/shell/look.py`) is a style written in Python, and Qt asks a style a dozen things
for every cell it paints, so a screen of the ledger (20 rows of 10 cells) spent about 10 ms going to and from
Python. The table paints its cells with a plain copy of the same platform style instead, which draws them
exactly alike, and only the row with the keyboard focus (whose ring is the app's own) with the app's style:
the one row's delegate follows the current row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ipb_desktop.i18n import _
from ipb_desktop.ui.spending.choices import announce

# Starting widths (in average characters) of the columns; Description takes what is left. When the table is
# narrower than they add up to, the word columns give way (to FLEXIBLE_MIN of theirs) so Amount, Receipt and
# Checked stay in view without scrolling sideways.
COLUMN_CHARS = [11, 9, 20, 0, 20, 22, 20, 12, 11, 8]
FLEXIBLE = {1: 6, 2: 12, 4: 10, 5: 12, 6: 10}  # column -> fewest characters it gives way to
DESCRIPTION_CHARS = 28
SORT_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
_ITEM = QStyle.ControlElement.CE_ItemViewItem


def plain_style(widget: QWidget) -> QStyle | None:
    """A copy of the style under the app's Python look (None when the app's style is not such a look), owned by
    `widget`: it draws table cells exactly as the look does, because the look only changes focus rings, field
    borders, check boxes and list items' sizes, none of which a table's cells draw without focus."""
    look = QApplication.style()
    if not isinstance(look, QProxyStyle) or look.baseStyle() is None:
        return None
    plain = QStyleFactory.create(look.baseStyle().name())
    if plain is not None:
        plain.setParent(widget)
    return plain


class AppLookDelegate(QStyledItemDelegate):
    """Paints cells with the app's own style (its focus ring included), whatever the table's style is."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        QApplication.style().drawControl(_ITEM, cell, painter, cell.widget)


class LedgerTable(QTableView):
    """The ledger table: Enter or double-click opens the payment, Delete asks to delete it, Ctrl+Shift+S sorts by
    the column the keyboard is in (again: the other way round)."""

    resized = Signal()
    open_requested = Signal()
    delete_requested = Signal()
    menu_requested = Signal(object)  # global QPoint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look: AppLookDelegate | None = None
        self._look_row = -1
        plain = plain_style(self)
        if plain is not None:
            self.setStyle(plain)
            self._look = AppLookDelegate(self)
        self.setAccessibleName(_("Payments in and out"))
        self.setAccessibleDescription(
            _(
                "Enter changes the chosen payment; Delete deletes it. Ctrl+Shift+S sorts by the column you are in; "
                "press it again to reverse the order."
            )
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it does not show (so it never reads them).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.size_columns()

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if self._look is not None and self.selectionModel() is not None:
            self.selectionModel().currentChanged.connect(self._look_follows_focus)

    def _look_follows_focus(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The app's look paints the current row (where the focus ring is), the plain style every other row."""
        if self._look_row >= 0:
            self.setItemDelegateForRow(self._look_row, None)  # type: ignore[arg-type]  # None removes it
        self._look_row = current.row() if current.isValid() else -1
        if self._look_row >= 0 and self._look is not None:
            self.setItemDelegateForRow(self._look_row, self._look)

    def size_columns(self) -> None:
        """Each column as wide as its usual words, the word columns giving way when the table is narrow."""
        width = self.fontMetrics().averageCharWidth()
        header = self.horizontalHeader()
        wanted = [(chars or DESCRIPTION_CHARS) * width + 16 for chars in COLUMN_CHARS]
        room = self.viewport().width()
        over = sum(wanted) - room
        if over > 0 and room > 0:
            # Take what does not fit from the word columns, in proportion to what each can give.
            give = {c: wanted[c] - (least * width + 16) for c, least in FLEXIBLE.items()}
            can = sum(give.values())
            for c, most in give.items():
                wanted[c] -= min(most, round(most * over / can)) if can else 0
        for column, size in enumerate(wanted):
            if COLUMN_CHARS[column]:
                header.resizeSection(column, size)
            else:
                header.resizeSection(column, max(size - max(0, sum(wanted) - room), 6 * width))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        if event.key() == Qt.Key.Key_S and event.modifiers() == SORT_KEYS:
            self.sort_by_current_column()
            return
        super().keyPressEvent(event)

    def sort_by_current_column(self) -> None:
        header = self.horizontalHeader()
        current = self.currentIndex()
        column = current.column() if current.isValid() else max(0, header.sortIndicatorSection())
        ascending = Qt.SortOrder.AscendingOrder
        order = Qt.SortOrder.DescendingOrder
        if header.sortIndicatorSection() != column or header.sortIndicatorOrder() == order:
            order = ascending
        self.sortByColumn(column, order)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, column))  # the keyboard stays in the sorted column
        heading = self.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        text = (
            _("Sorted by {column}, A to Z or oldest first")
            if order == ascending
            else _("Sorted by {column}, Z to A or newest first")
        ).format(column=str(heading).lower())
        announce(self, text)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if self.indexAt(event.position().toPoint()).isValid():
            self.open_requested.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(event.globalPos())

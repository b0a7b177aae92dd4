"""A small read-only table model over a list of frozen rows, for the short lists on the Outcomes and Plan pages
(a few dozen rows at most; the big ledger has its own lazy model). Each column says how to show a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTableView

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


class Column(Generic[R]):
    def __init__(
        self, title: str, text: Callable[[R], str], align_right: bool = False, tip: Callable[[R], str] | None = None
    ) -> None:
        self.title = title
        self.text = text
        self.align_right = align_right
        self.tip = tip


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows are replaced as a whole on refresh (`set_rows`), so views keep no stale personal data."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index: Index) -> R | None:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt naming and default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


class CompactTable(QTableView):
    """A table as tall as its rows (up to `max_rows`, then it scrolls), so short lists do not leave big gaps and
    bigger text makes it taller instead of clipping it."""

    def __init__(self, max_rows: int = 8) -> None:
        super().__init__()
        self.max_rows = max_rows

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        line = self.fontMetrics().height() + 8
        shown = max(2, min(rows, self.max_rows))
        body = sum(max(self.rowHeight(i), self.sizeHintForRow(i)) for i in range(min(rows, shown)))
        body += line * max(0, shown - rows)
        header = self.horizontalHeader().sizeHint().height()
        scroll = self.horizontalScrollBar().sizeHint().height()
        return QSize(hint.width(), header + body + scroll + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.horizontalHeader().sizeHint().height() * 3)

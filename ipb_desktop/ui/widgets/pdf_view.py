"""The pages of a PDF shown one under another, like a PDF reader: a scroll area of page pictures with
"Page 3 of 10" above it.

Only the pages in view (and one either side) are drawn, and pages far out of view are dropped again, so a
150-page review pack opens at once and does not fill the memory. Each page picture has a name a screen reader can
say ("Page 3 of 10"), and the pages scroll with the keyboard (arrows, Page Up, Page Down, Home, End).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui.widgets.pdf_pages import POINTS_PER_INCH, PdfNotReadable, PdfPages

MAX_ZOOM = 1.5  # at most 1.5 screen pixels a point: a narrow till receipt is not blown up to fill the width
KEEP_DRAWN = 6  # pages either side of the view that stay drawn; further ones are dropped
GAP = 16


class _Scroller(QScrollArea):
    """Home and End go to the first and last page (the arrows and Page Up/Down are Qt's own)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)


class PdfView(QWidget):
    """Shows the pages of one PDF. `show_pdf` raises PdfNotReadable when the bytes cannot be drawn."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(360)
        self._content = b""
        self._sizes: list[QSizeF] = []
        self._drawn: set[int] = set()
        self.page_labels: list[QLabel] = []
        self.position = QLabel()  # short, so not wrapped: the view keeps the height it asks for (sizeHint)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.scroller = _Scroller()
        self.scroller.setAccessibleName(name)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroller.setWidgetResizable(True)
        # Always there, so the width the pages are drawn at does not change when a second page appears.
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setBackgroundRole(QPalette.ColorRole.Mid)  # grey around white pages, as in a PDF reader
        self.column = QWidget()
        self.column.setBackgroundRole(QPalette.ColorRole.Mid)
        self.column.setAutoFillBackground(True)
        self._column_layout = QVBoxLayout(self.column)
        self._column_layout.setSpacing(GAP)
        self._column_layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self._column_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroller.setWidget(self.column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.position)
        layout.addWidget(self.scroller, 1)
        self.scroller.verticalScrollBar().valueChanged.connect(self._update_quietly)
        self.scroller.viewport().installEventFilter(self)

    def sizeHint(self) -> QSize:
        """Tall enough to read most of a page, short enough to fit in the window with room to spare. In pixels,
        not lines of text: the pages do not grow with the text size."""
        return QSize(640, 680)

    def page_count(self) -> int:
        return len(self.page_labels)

    def show_pdf(self, content: bytes) -> int:
        """Show the pages of `content` (read from memory) from the top; returns how many pages there are."""
        # PDFium's copy is opened only while pages are drawn, so no native document outlives this widget.
        with PdfPages(content) as pages:
            sizes = [pages.size_in_points(index) for index in range(len(pages))]
        self.clear()
        self._content, self._sizes = content, sizes
        total = len(sizes)
        for index in range(total):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAutoFillBackground(True)  # white until it is drawn, like paper
            blank = label.palette()
            blank.setColor(QPalette.ColorRole.Window, QColor("white"))
            label.setPalette(blank)
            label.setAccessibleName(_("Page {number} of {total}").format(number=index + 1, total=total))
            self._column_layout.addWidget(label)
            label.show()  # at once, not queued, so the layout counts it now
            self.page_labels.append(label)
        self._size_pages()
        self.scroller.verticalScrollBar().setValue(0)
        self._update()
        return total

    def clear(self) -> None:
        """Forget the document (nothing personal stays in memory once the store is locked)."""
        for label in self.page_labels:
            self._column_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self._drawn.clear()
        self._content, self._sizes = b"", []
        self.position.clear()
        self.scroller.setAccessibleDescription("")

    def _page_width(self, index: int) -> int:
        points = self._sizes[index].width()
        room = self.scroller.viewport().width() - 2 * GAP
        return max(120, min(room, round(points * MAX_ZOOM)))

    def _size_pages(self) -> None:
        for index, label in enumerate(self.page_labels):
            size = self._sizes[index]
            width = self._page_width(index)
            height = round(width * size.height() / size.width())
            if label.width() != width or label.height() != height:
                label.setFixedSize(width, height)
                label.clear()
                self._drawn.discard(index)
        # Place the pages now rather than at the next turn of the event loop, so the ones in view can be drawn.
        self._column_layout.activate()
        room = self.scroller.viewport().size()
        hint = self.column.sizeHint()
        self.column.resize(max(room.width(), hint.width()), max(room.height(), hint.height()))
        self._column_layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroller.viewport() and event.type() == QEvent.Type.Resize:
            self._size_pages()
            self._update_quietly()
        return super().eventFilter(watched, event)

    def _update_quietly(self) -> None:
        """While scrolling, a page PDFium cannot draw stays blank; `show_pdf` has already drawn the first ones."""
        with contextlib.suppress(PdfNotReadable):
            self._update()

    def _visible(self) -> list[int]:
        top = self.scroller.verticalScrollBar().value()
        seen = QRect(0, top, self.column.width(), self.scroller.viewport().height())
        return [i for i, label in enumerate(self.page_labels) if label.geometry().intersects(seen)]

    def _update(self) -> None:
        """Draw the pages in view and the ones either side, drop far ones, and say which page is showing."""
        if not self.page_labels:
            return
        visible = self._visible() or [0]
        first, last = max(0, visible[0] - 1), min(len(self.page_labels) - 1, visible[-1] + 1)
        wanted = [index for index in range(first, last + 1) if index not in self._drawn]
        if wanted:
            with PdfPages(self._content) as pages:
                for index in wanted:
                    self._draw(pages, index)
        for index in list(self._drawn):
            if index < first - KEEP_DRAWN or index > last + KEEP_DRAWN:
                self.page_labels[index].clear()
                self._drawn.discard(index)
        where = _("Page {number} of {total}").format(number=self._current(visible) + 1, total=len(self.page_labels))
        self.position.setText(where)
        self.scroller.setAccessibleDescription(where)

    def _current(self, visible: list[int]) -> int:
        """The page filling most of the view: the first one in view, unless little of it is left showing."""
        top = self.scroller.verticalScrollBar().value()
        middle = top + self.scroller.viewport().height() // 2
        for index in visible:
            if self.page_labels[index].geometry().bottom() + GAP >= middle:
                return index
        return visible[-1]

    def _draw(self, pages: PdfPages, index: int) -> None:
        label = self.page_labels[index]
        ratio = label.devicePixelRatioF()
        image = pages.render(index, POINTS_PER_INCH * label.width() * ratio / self._sizes[index].width())
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        label.setPixmap(pixmap)
        self._drawn.add(index)

"""The pages of a PDF shown one under another, like a PDF reader: a scroll area of page pictures with
"Page 3 of 10" above it.

Only the pages in view (and one either side) are drawn, and only pages near the view have a picture at all: the
column is as tall as every page together, but a page far out of view is just a number in a list. So a 10,000-page
PDF receipt opens at once and does not fill the memory. Each page picture has a name a screen reader can
say ("Page 3 of 10"), and the pages scroll with the keyboard (arrows, Page Up, Page Down, Home, End).
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui.widgets.pdf_pages import POINTS_PER_INCH, PdfNotReadable, PdfPages

MAX_ZOOM = 1.5  # at most 1.5 screen pixels a point: a narrow till receipt is not blown up to fill the width
KEEP_DRAWN = 6  # pages either side of the view that stay drawn; further ones are dropped (picture and all)
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
        self._tops: list[int] = []  # where each page starts in the column, in pixels
        self._rects: list[QRect] = []
        self._labels: dict[int, QLabel] = {}  # only the pages near the view have a picture
        self._measured: set[int] = set()  # pages whose size PDFium has told; the others are taken as the first's
        self._drawn: set[int] = set()
        self.position = QLabel()  # short, so not wrapped: the view keeps the height it asks for (sizeHint)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.scroller = _Scroller()
        self.scroller.setAccessibleName(name)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroller.setWidgetResizable(False)  # the column is sized here, as tall as all the pages
        # Always there, so the width the pages are drawn at does not change when a second page appears.
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setBackgroundRole(QPalette.ColorRole.Mid)  # grey around white pages, as in a PDF reader
        self.column = QWidget()
        self.column.setBackgroundRole(QPalette.ColorRole.Mid)
        self.column.setAutoFillBackground(True)
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
        return len(self._sizes)

    @property
    def page_labels(self) -> list[QLabel]:
        """The page pictures that exist now, top to bottom: every page of a short document, only those near the
        view of a long one."""
        return [self._labels[index] for index in sorted(self._labels)]

    def show_pdf(self, content: bytes) -> int:
        """Show the pages of `content` (read from memory) from the top; returns how many pages there are."""
        # PDFium's copy is opened only while pages are drawn, so no native document outlives this widget.
        with PdfPages(content) as pages:
            # Every page is taken to be the first page's size until it comes near the view and is measured:
            # asking PDFium about all 10,000 pages of a long receipt would take seconds.
            sizes = [pages.size_in_points(0)] * len(pages) if len(pages) else []
        self.clear()
        self._content, self._sizes, self._measured = content, sizes, {0}
        self._size_pages()
        self.scroller.verticalScrollBar().setValue(0)
        self._update()
        return len(sizes)

    def clear(self) -> None:
        """Forget the document (nothing personal stays in memory once the store is locked)."""
        for label in self._labels.values():
            label.deleteLater()
        self._labels.clear()
        self._drawn.clear()
        self._measured = set()
        self._content, self._sizes, self._tops, self._rects = b"", [], [], []
        self.position.clear()
        self.scroller.setAccessibleDescription("")

    def _page_width(self, points: float, room: int) -> int:
        return max(120, min(room, round(points * MAX_ZOOM)))

    def _size_pages(self) -> None:
        """Work out where every page goes (numbers only), size the column to hold them all, and move the
        pictures that exist; a picture whose size changed is drawn again."""
        room = self.scroller.viewport().width() - 2 * GAP
        widths = [self._page_width(size.width(), room) for size in self._sizes]
        column_width = max([self.scroller.viewport().width(), *(w + 2 * GAP for w in widths)])
        rects, tops, top = [], [], GAP
        for size, width in zip(self._sizes, widths, strict=True):
            height = max(1, round(width * size.height() / max(size.width(), 1.0)))
            rects.append(QRect((column_width - width) // 2, top, width, height))
            tops.append(top)
            top += height + GAP
        self._rects, self._tops = rects, tops
        self.column.resize(column_width, max(top, self.scroller.viewport().height()))
        for index, label in self._labels.items():
            if label.size() != rects[index].size():
                label.clear()
                self._drawn.discard(index)
            label.setGeometry(rects[index])

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
        """The pages in view now, found by halving the list of where pages start (a long PDF is not walked)."""
        top = self.scroller.verticalScrollBar().value()
        bottom = top + self.scroller.viewport().height()
        first = max(0, bisect_right(self._tops, top) - 1)
        last = bisect_left(self._tops, bottom) - 1
        return [i for i in range(first, last + 1) if self._rects[i].bottom() >= top]

    def _label(self, index: int) -> QLabel:
        label = self._labels.get(index)
        if label is None:
            label = QLabel(self.column)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAutoFillBackground(True)  # white until it is drawn, like paper
            blank = label.palette()
            blank.setColor(QPalette.ColorRole.Window, QColor("white"))
            label.setPalette(blank)
            total = len(self._sizes)
            label.setAccessibleName(_("Page {number} of {total}").format(number=index + 1, total=total))
            label.setGeometry(self._rects[index])
            label.show()
            self._labels[index] = label
        return label

    def _update(self) -> None:
        """Draw the pages in view and the ones either side, drop far ones, and say which page is showing."""
        if not self._sizes:
            return
        with PdfPages(self._content) as pages:
            for _attempt in range(3):  # a page measured as another size moves the ones below it: look again
                visible, near = self._near()
                first, last = max(0, visible[0] - 1), min(len(self._sizes) - 1, visible[-1] + 1)
                # Only the pages about to be drawn are measured: PDFium takes a while to find a page far in.
                unmeasured = [index for index in range(first, last + 1) if index not in self._measured]
                if not unmeasured or not self._measure(pages, unmeasured):
                    break
                self._size_pages()
            for index in near:
                self._label(index)  # the pages a step or two away exist (blank), so screen readers can reach them
            for index in range(first, last + 1):
                if index not in self._drawn:
                    self._draw(pages, index)
        for index in [i for i in self._labels if i not in near]:
            self._labels.pop(index).deleteLater()
            self._drawn.discard(index)
        where = _("Page {number} of {total}").format(number=self._current(visible) + 1, total=len(self._sizes))
        self.position.setText(where)
        self.scroller.setAccessibleDescription(where)

    def _near(self) -> tuple[list[int], range]:
        """The pages in view, and the pages that keep a picture (those and KEEP_DRAWN more either side)."""
        visible = self._visible() or [0]
        first, last = max(0, visible[0] - 1), min(len(self._sizes) - 1, visible[-1] + 1)
        return visible, range(max(0, first - KEEP_DRAWN), min(len(self._sizes), last + KEEP_DRAWN + 1))

    def _measure(self, pages: PdfPages, indexes: list[int]) -> bool:
        """Ask PDFium the size of these pages; True when any differs from what was taken for it."""
        moved = False
        for index in indexes:
            size = pages.size_in_points(index)
            moved = moved or size != self._sizes[index]
            self._sizes[index] = size
            self._measured.add(index)
        return moved

    def _current(self, visible: list[int]) -> int:
        """The page filling most of the view: the first one in view, unless little of it is left showing."""
        top = self.scroller.verticalScrollBar().value()
        middle = top + self.scroller.viewport().height() // 2
        for index in visible:
            if self._rects[index].bottom() + GAP >= middle:
                return index
        return visible[-1]

    def _draw(self, pages: PdfPages, index: int) -> None:
        label = self._label(index)
        ratio = label.devicePixelRatioF()
        image = pages.render(index, POINTS_PER_INCH * label.width() * ratio / self._sizes[index].width())
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        label.setPixmap(pixmap)
        self._drawn.add(index)

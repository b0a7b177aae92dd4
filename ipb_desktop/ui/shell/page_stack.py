"""The pages beside the page list, each built the first time it is shown.

Opening a store builds only the page in view (Home); the others wait until the person goes to them (Ctrl+1..8,
the page list, a link), so the window is usable sooner. A page, once built, stays: it empties itself when the
store is locked or closed (see `widgets.page.Page`), and `rebuild` makes the built ones again in a new language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.page_list import PAGES

Page = tuple[str, str, Callable[[AppContext], QWidget]]  # key, label, how to build it


class PageStack(QStackedWidget):
    """One scroll area per page in `PAGES` order; a page is built when its scroll area is shown with a store
    open, or when asked for by `page(key)`."""

    page_built = Signal(str, QWidget)  # key, the new page

    def __init__(self, ctx: AppContext, pages: list[Page] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        pages = PAGES if pages is None else pages
        self.keys = [key for key, _label, _build in pages]
        self._build = {key: build for key, _label, build in pages}
        self._scrolls: dict[str, QScrollArea] = {}
        for key in self.keys:
            scroll = QScrollArea()
            scroll.setObjectName(f"scroll-{key}")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed, invisible Tab stop around every page
            self._scrolls[key] = scroll
            self.addWidget(scroll)
        self.currentChanged.connect(self._shown)
        ctx.store_opened.connect(lambda: self._shown(self.currentIndex()))

    def _shown(self, index: int) -> None:
        if self.ctx.store is not None and 0 <= index < len(self.keys):
            self.page(self.keys[index])

    def built(self, key: str) -> QWidget | None:
        """The page if it has been built, else None (nothing is built by asking)."""
        return self._scrolls[key].widget()

    def built_keys(self) -> list[str]:
        return [key for key in self.keys if self.built(key) is not None]

    def page(self, key: str) -> QWidget:
        """The page for `key`, built now if it has not been yet."""
        scroll = self._scrolls[key]
        page = scroll.widget()
        if page is None:
            page = self._build[key](self.ctx)
            page.setObjectName(f"page-{key}")
            scroll.setWidget(page)
            self.page_built.emit(key, page)
        return page

    def take(self, key: str) -> QWidget | None:
        """Take the built page out of the window (the caller deletes it); the next `page(key)` builds afresh."""
        page = self.built(key)
        if page is None:
            return None
        page.hide()  # hidden before it leaves the window, so it never becomes a window of its own on screen
        return self._scrolls[key].takeWidget()

    def current_key(self) -> str:
        index = self.currentIndex()
        return self.keys[index] if 0 <= index < len(self.keys) else ""


class PagesByKey(Mapping[str, QWidget]):
    """`window.page_widgets`: every page by its key, built on first asking (so callers never see a gap)."""

    def __init__(self, stack: PageStack) -> None:
        self._stack = stack

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._stack.keys:
            raise KeyError(key)
        return self._stack.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._stack.keys)

    def __len__(self) -> int:
        return len(self._stack.keys)

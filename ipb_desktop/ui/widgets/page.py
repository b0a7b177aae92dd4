"""The base of every page in the main window: refresh from the services when the store changes."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ipb_desktop.ui.operations.context import AppContext


class Page(QWidget):
    """Listens to `ctx.changed`. A hidden page refreshes when next shown; with no store open (locked) every
    page empties itself at once, so nothing personal stays in a widget."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        ctx.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        if self.ctx.store is None or self.isVisible():
            self._dirty = False
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self._dirty = False
            self.refresh()
        super().showEvent(event)

    def refresh_now(self) -> None:
        """Read the page now, shown or not (so nothing filled in after this is overwritten when it is shown)."""
        self._dirty = False
        self.refresh()

    def refresh(self) -> None:
        """Read what the page shows from the services (or clear it when no store is open)."""

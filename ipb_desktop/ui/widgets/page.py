"""The base of every page in the main window: refresh from the services when the store changes."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import Heading, plain_label


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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        if self._dirty:
            self._dirty = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read what the page shows from the services (or clear it when no store is open)."""


class ComingSoonPage(Page):
    """Stands in for a page another part of the app has not delivered yet."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(title))
        self.note: QLabel = plain_label(_("This part of the app is coming soon."))
        layout.addWidget(self.note)
        layout.addStretch(1)

"""Noticing when nobody has touched the app for a while, so it can lock itself, and keeping the forms that
were open at that moment until the person is back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtPrintSupport import QAbstractPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from shiboken6 import isValid

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` with no key, mouse or touch activity anywhere in the app (0 means never).

    Installed as an application event filter; it only looks at events, never eats them.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.minutes = 0

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.set_minutes(self.minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


# Windows that ask a question or choose a file are closed by locking; every other dialog is a form someone may
# be half-way through, so it is kept.
_CLOSED_BY_LOCKING: tuple[type[QWidget], ...] = (
    QMessageBox,
    QFileDialog,
    QInputDialog,
    QProgressDialog,
    QAbstractPrintDialog,
)


class HeldForms:
    """The forms that were open when the app locked: hidden behind the lock screen (kept in memory only, never
    written anywhere) and shown again, as they were, once the same store is unlocked. Opening another store
    drops them unseen."""

    def __init__(self) -> None:
        self._held: list[QDialog] = []

    def hold(self, window: QWidget) -> None:
        """Close the questions, menus and file choosers of `window`; hide its forms and keep them."""
        found: list[QWidget] = [*window.findChildren(QDialog), *window.findChildren(QMenu)]
        found += [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMenu)) and w not in found]
        for widget in found:
            if not widget.isVisible():
                continue
            if isinstance(widget, QDialog) and not isinstance(widget, _CLOSED_BY_LOCKING):
                widget.hide()
                self._held.append(widget)
            elif isinstance(widget, QDialog):
                widget.reject()
                widget.close()
            else:
                widget.close()

    def bring_back(self) -> None:
        held, self._held = self._held, []
        for dialog in held:
            if isValid(dialog):
                dialog.show()
                dialog.activateWindow()

    def drop(self) -> None:
        held, self._held = self._held, []
        for dialog in held:
            if isValid(dialog):
                dialog.reject()
                dialog.close()

    def __len__(self) -> int:
        return len(self._held)

"""Noticing when the computer goes to sleep or its screen is locked, so the app can lock the budget too.

Qt itself reports only that the app is suspended (mobile-style platforms). On Linux desktops the news comes over
D-Bus: logind's PrepareForSleep and the session's Lock signal, and the freedesktop / GNOME screensaver's
ActiveChanged. Where none of these exist nothing is emitted, and the idle timer (ui/shell/idle_lock.py) still locks.
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

try:
    from PySide6.QtDBus import QDBusConnection
except ImportError:  # pragma: no cover - a Qt build without D-Bus
    QDBusConnection = None  # type: ignore[assignment,misc]

_SCREENSAVERS = [
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
]


class SystemLockWatcher(QObject):
    """Emits `lock_requested` when the system sleeps or the screen locks."""

    lock_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
        if QDBusConnection is None:  # pragma: no cover
            return
        system, session = QDBusConnection.systemBus(), QDBusConnection.sessionBus()
        login1 = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
        self._listen(system, *login1, "PrepareForSleep", "on_going_to_sleep(bool)")
        self._listen(
            system, "org.freedesktop.login1", "", "org.freedesktop.login1.Session", "Lock", "on_screen_locked()"
        )
        for service, path, interface in _SCREENSAVERS:
            self._listen(session, service, path, interface, "ActiveChanged", "on_screensaver(bool)")

    def _listen(self, bus: QDBusConnection, service: str, path: str, interface: str, name: str, slot: str) -> None:
        # PySide6 wants the slot as SLOT()'s text at run time, whatever its type stubs say.
        if bus.isConnected() and bus.connect(service, path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
            self.listening.append(f"{interface}.{name}")

    @Slot(bool)
    def on_going_to_sleep(self, starting: bool) -> None:
        if starting:
            self.lock_requested.emit()

    @Slot()
    def on_screen_locked(self) -> None:
        self.lock_requested.emit()

    @Slot(bool)
    def on_screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit()

"""Starting the desktop app: one QApplication, the locale, one window per person, and the store it was given."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

# The store (SQLAlchemy and the mapped classes, most of the app's own imports) before PySide6: once PySide6 is
# loaded its import hook examines every module imported after it (cold start CPU -17% for these imports).
import ipb_desktop.models.store  # noqa: F401  # isort: skip
from PySide6.QtCore import QDeadlineTimer, QEvent, QEventLoop, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from ipb_desktop import __version__, appconfig, keystore
from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.instance import InstanceServer, hand_over
from ipb_desktop.ui.shell.appearance import apply_language, qt_locale
from ipb_desktop.ui.shell.look import apply_accessible_look
from ipb_desktop.ui.shell.main_window import MainWindow

# The name the desktop knows the app by (the .desktop file, the AppStream id): lets a Wayland compositor match the
# window to its icon.
DESKTOP_ID = "uk.org.ipbdesktop.IpbDesktop"


def app_icon() -> QIcon:
    from importlib import resources

    icons = resources.files("ipb_desktop.resources") / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(icons / f"ipb-desktop-{size}.png"))
    return icon


def wait_painting(finished: threading.Event, timeout: float) -> bool:
    """Wait for the keyring's helper thread while the window keeps painting (clicks and keys wait their turn)."""
    deadline = QDeadlineTimer(int(timeout * 1000))
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(15)
    poll.timeout.connect(lambda: loop.quit() if finished.is_set() or deadline.hasExpired() else None)
    poll.start()
    if not finished.is_set():
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    poll.stop()
    return finished.is_set()


def make_app(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    app.setApplicationName("ipb-desktop")
    app.setApplicationDisplayName("ipb-desktop")
    app.setOrganizationName("ipb-desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    QLocale.setDefault(qt_locale("en_GB"))
    keystore.set_waiter(wait_painting)
    apply_accessible_look(app)  # AA contrast for borders, selections, bars, focus; check boxes grow with text
    return app


def open_given_store(window: MainWindow, store: Path) -> None:
    """Show `store`'s unlock page (or the store itself when this computer remembers it), or say it is not there."""
    if not store.is_file():
        if window.ctx.store is None:
            window.start()
        messages.error(
            _("There is no budget store at {path}. It may have been moved or renamed, or be on a USB stick.").format(
                path=store
            )
        )
        return
    messages.clear()  # anything said about the budget shown before is not about this one
    window.open_path(store)


def bring_forward(window: MainWindow, store: Path | None) -> None:
    """A later launch asked for this window (and perhaps a store): show it on top, then open the store."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if store is not None:
        open_given_store(window, store)


class FileOpenFilter(QObject):
    """macOS sends a double-clicked .ipb file as an event, not on the command line: open it like a later launch."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            bring_forward(self.window, Path(event.file()))
            return True
        return False


def build_window() -> MainWindow:
    """The main window in the language last used (known before any store is unlocked), where it was last time
    (1100×760 the first time)."""
    apply_language(appconfig.language() or "en_GB")
    window = MainWindow()
    if not window.restore_place():
        window.resize(1100, 760)
    return window


def start_window(store: Path | None = None) -> MainWindow:
    """Build and show the window, opening `store` if given (else the last store, or the welcome)."""
    window = build_window()
    window.show()
    if store is None:
        window.start()
    else:
        open_given_store(window, store)
    return window


def event_loop(app: QApplication) -> int:
    """Run until the window is closed (tests replace this)."""
    return app.exec()


def run_gui(argv: Sequence[str] | None = None, store: Path | None = None) -> int:
    """Open the app window (or hand `store` to the one already open) and run until it is closed."""
    app = make_app(sys.argv if argv is None else argv)
    messages.install_crash_handler()
    if hand_over(store):
        print(_("ipb-desktop is already open, so your budget is shown in that window."))
        return 0
    server = InstanceServer(app)
    server.listen()
    window = start_window(store)
    server.store_requested.connect(lambda path: bring_forward(window, path))
    app.installEventFilter(FileOpenFilter(window))
    if os.environ.get("IPB_SELF_TEST"):
        from ipb_desktop.ui import self_test

        server.close()
        return self_test.run(window)
    try:
        return event_loop(app)
    finally:
        server.close()

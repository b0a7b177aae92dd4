"""Starting the desktop app: one QApplication, the locale, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ipb_desktop import __version__, appconfig
from ipb_desktop.ui.shell.appearance import apply_language, qt_locale
from ipb_desktop.ui.shell.main_window import MainWindow


def make_app(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    app.setApplicationName("ipb-desktop")
    app.setApplicationDisplayName("ipb-desktop")
    app.setOrganizationName("ipb-desktop")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(qt_locale("en_GB"))
    return app


def build_window() -> MainWindow:
    """The main window in the language last used (known before any store is unlocked), where it was last time
    (1100×760 the first time)."""
    apply_language(appconfig.language() or "en_GB")
    window = MainWindow()
    if not window.restore_place():
        window.resize(1100, 760)
    return window


def run_gui(argv: Sequence[str] | None = None) -> int:
    """Open the app window and run until it is closed; returns the exit code."""
    app = make_app(sys.argv if argv is None else argv)
    window = build_window()
    window.show()
    window.start()
    return app.exec()

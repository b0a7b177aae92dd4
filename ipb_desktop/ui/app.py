"""Starting the desktop app: one QApplication, the locale, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ipb_desktop import __version__
from ipb_desktop.ui.shell.appearance import qt_locale
from ipb_desktop.ui.shell.look import apply_accessible_look
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
    apply_accessible_look(app)  # AA contrast for borders, selections, bars, focus; check boxes grow with text
    return app


def run_gui(argv: Sequence[str] | None = None) -> int:
    """Open the app window and run until it is closed; returns the exit code."""
    app = make_app(sys.argv if argv is None else argv)
    window = MainWindow()
    window.resize(1100, 760)
    window.show()
    window.start()
    return app.exec()

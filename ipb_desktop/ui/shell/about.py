"""File > Close store and Help > About: putting the budget away, and what this app is and where the store is."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ipb_desktop import __version__, paths
from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.widgets.forms import Heading, plain_label

if TYPE_CHECKING:
    from ipb_desktop.ui.shell.main_window import MainWindow


def close_store(window: MainWindow) -> None:
    """Put the open budget away and go back to the welcome; it stays in File > Open recent."""
    store = window.ctx.store
    if store is None:
        return
    for dialog in window.findChildren(QDialog):
        dialog.reject()
    # Today's automatic backup, as when the app is closed; a failure is said, never dropped.
    failed = window.health.backup_before_closing(store, window_closing=False)
    messages.clear()
    window.locked_path = None
    window.ctx.close_store()
    window.central.setCurrentWidget(window.welcome)
    window.welcome.create_button.setFocus()
    closed = _("Your budget store is closed. Open it again from File > Open recent.")
    if failed:
        messages.error(f"{failed} {closed}")
    else:
        messages.info(closed)


def licences_text() -> str:
    return _(
        "ipb-desktop is free software under the MIT licence. It uses Qt and PySide6 (LGPL version 3), "
        "SQLCipher (BSD), SQLAlchemy and Alembic (MIT), reportlab (BSD), Babel (BSD), keyring (MIT), "
        "pypdfium2 (Apache 2.0 and BSD) and the DejaVu fonts (free licence, in the fonts folder)."
    )


class AboutDialog(QDialog):
    """Help > About: the version, where the open store is kept, and the licences."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(_("About ipb-desktop"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)  # about 70 letters a line, any text size
        column = QVBoxLayout(self)
        column.addWidget(Heading(_("ipb-desktop {version}").format(version=__version__)))
        column.addWidget(
            plain_label(
                _("Your integrated personal budget, kept locked on your own computer. Nothing is sent anywhere.")
            )
        )
        store = window.ctx.store
        where = store.path if store is not None else window.locked_path
        if where is not None:
            self.where = plain_label(_("Your budget store is kept here: {path}").format(path=where))
        else:
            self.where = plain_label(
                _("No budget store is open. New stores are kept here unless you choose: {path}").format(
                    path=paths.default_store_path()
                )
            )
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.where)
        column.addWidget(plain_label(licences_text()))
        column.addWidget(
            plain_label(
                _("Running on Python {python}, Qt {qt} and PySide6 {pyside}.").format(
                    python=platform.python_version(), qt=qVersion(), pyside=pyside_version
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)


def show_about(window: QWidget) -> AboutDialog:
    from ipb_desktop.ui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    dialog = AboutDialog(window)
    dialog.open()
    return dialog

"""`IPB_SELF_TEST=1 ipb-desktop [STORE]`: start the real window, unlock the store with IPB_PASSPHRASE, show every
page once, then leave with 0 (or 1 saying what went wrong). Used to check a built wheel or bundle on a machine
without a screen (packaging/check_wheel.sh, packaging/check_bundle.sh); IPB_SELF_TEST_SCREENSHOT=FILE.png also
saves a picture of the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QWidget

from ipb_desktop.ui.shell.main_window import MainWindow


def run(window: MainWindow) -> int:
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    passphrase = os.environ.get("IPB_PASSPHRASE", "")
    if window.central.currentWidget() is window.unlock_page and passphrase:
        window.unlock_page.passphrase.setText(passphrase)
        window.unlock_page.submit()
    shown: list[str] = []
    if window.ctx.store is not None:
        for row in range(window.nav.count()):
            window.show_page_row(row)
            app.processEvents()
            shown.append(window.current_page_key())
        window.show_page_row(0)
    app.processEvents()
    screenshot = os.environ.get("IPB_SELF_TEST_SCREENSHOT")
    if screenshot:
        window.grab().save(screenshot)
    current = window.central.currentWidget()
    pages: list[tuple[QWidget, str]] = [
        (window.welcome, "welcome"),
        (window.unlock_page, "unlock page"),
        (window.shell, "the budget's pages"),
    ]
    showing = next((name for widget, name in pages if widget is current), "another page")
    # What follows is for the build checks' logs, never for a person, so it is not translated.
    report = f"window title {window.windowTitle()!r}; showing {showing}; pages {', '.join(shown) or 'none'}"
    sys.stdout.write(f"self-test: {report}\n")
    problem = window.unlock_page.form.problem_text("passphrase") if window.ctx.store is None else ""
    if problem:
        sys.stderr.write(f"self-test: could not unlock: {problem}\n")
        return 1
    window.close()
    return 0

"""An error nobody expected, in the window: a calm message in the message bar, a note without personal details in
the app's logs folder, and the window keeps going (issue 10)."""

from __future__ import annotations

import sys

from ipb_desktop import crash
from ipb_desktop.ui import messages
from ipb_desktop.ui.shell.main_window import MainWindow


def test_an_uncaught_error_is_shown_calmly_and_logged_without_personal_details(
    qtbot, open_window: MainWindow, monkeypatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    messages.install_crash_handler()
    try:
        raise ValueError("Clayworks Studio owes 9434765919")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    shown = open_window.bar.text.text()
    assert "Something unexpected went wrong" in shown and "Traceback" not in shown
    [log] = list(crash.logs_folder().glob("crash-*.log"))
    text = log.read_text("utf-8")
    assert "builtins.ValueError" in text and "test_unexpected_errors.py" in text
    assert "Clayworks" not in text and "9434765919" not in text
    assert str(log) in shown
    assert open_window.isVisible() and open_window.ctx.store is not None


def test_an_unexpected_error_inside_an_operation_is_logged_and_nothing_is_saved(qtbot, open_window: MainWindow) -> None:
    def broken(_session: object) -> int:
        raise KeyError("Alys Testwood")

    assert open_window.ctx.perform("break", broken, lambda s, r: None) is None
    assert "Something unexpected went wrong" in open_window.bar.text.text()
    assert "Alys" not in "".join(p.read_text("utf-8") for p in crash.logs_folder().glob("crash-*.log"))
    assert open_window.ctx.undo_stack.count() == 0

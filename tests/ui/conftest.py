"""GUI test set-up: a main window around an AppContext, with "today" fixed so figures do not drift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.appearance import apply_text_scale
from ipb_desktop.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 5, 15)


@pytest.fixture
def ctx(qapp) -> AppContext:
    context = AppContext()
    context.today = lambda: TODAY
    return context


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    yield win
    win.close()
    apply_text_scale(100)


@pytest.fixture
def open_window(window: MainWindow, filled_store: Store) -> MainWindow:
    """The main window with Alys's small budget open on Home."""
    window.enter(filled_store)
    return window

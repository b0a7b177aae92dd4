"""`ipb-desktop STORE` (a double-click on a store) opens that store's unlock page with the cursor in the passphrase
field; a second launch hands its store to the window already open; File > Close store and Help > About."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ipb_desktop import app, appconfig, keystore
from ipb_desktop.models.store import Store
from ipb_desktop.ui import app as ui_app
from ipb_desktop.ui.instance import InstanceServer
from ipb_desktop.ui.shell import about
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.test_keystore_timeout import SilentKeyring

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def closed_store(store: Store) -> Path:
    path = store.path
    store.close()
    return path


@pytest.fixture
def launched(qtbot, monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Windows that `app.main` builds, with the event loop left out so the test can drive them."""
    windows: list[MainWindow] = []
    real_start = ui_app.start_window

    def start(store: Path | None = None) -> MainWindow:
        window = real_start(store)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    monkeypatch.setattr(ui_app, "start_window", start)
    monkeypatch.setattr(ui_app, "event_loop", lambda _app: 0)
    return windows


def test_ipb_desktop_store_opens_its_unlock_page_ready_to_type(
    qtbot, launched: list[MainWindow], closed_store: Path
) -> None:
    assert app.main([str(closed_store)]) == 0
    [window] = launched
    page = window.unlock_page
    assert window.central.currentWidget() is page
    assert closed_store.name in page.explain.text()
    assert window.focusWidget() is page.passphrase
    qtbot.keyClicks(window.focusWidget(), PASSPHRASE)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.ctx.store is not None and window.ctx.store.path == closed_store
    assert appconfig.last_store() == closed_store


def test_a_store_that_is_not_there_is_said_plainly(launched: list[MainWindow], tmp_path: Path) -> None:
    missing = tmp_path / "on-the-usb-stick.ipb"
    assert app.main([str(missing)]) == 0
    [window] = launched
    assert window.central.currentWidget() is window.welcome
    assert not window.bar.isHidden()
    assert f"There is no budget store at {missing}" in window.bar.text.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no window stack to raise in
def test_a_second_launch_hands_its_store_to_the_open_window(qtbot, window: MainWindow, closed_store: Path) -> None:
    window.start()
    assert window.central.currentWidget() is window.welcome
    server = InstanceServer(window)
    assert server.listen()
    server.store_requested.connect(lambda path: ui_app.bring_forward(window, path))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    second = subprocess.Popen(
        [sys.executable, "-m", "ipb_desktop.app", str(closed_store)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: window.unlock_page.path == closed_store, timeout=60_000)
        out, err = second.communicate(timeout=60)
    finally:
        server.close()
        if second.poll() is None:
            second.kill()
    assert second.returncode == 0, err
    assert "already open" in out
    assert window.central.currentWidget() is window.unlock_page
    assert window.focusWidget() is window.unlock_page.passphrase


def test_close_store_goes_back_to_the_welcome_and_keeps_it_in_recent(qtbot, open_window: MainWindow) -> None:
    path = open_window.ctx.store.path if open_window.ctx.store else None
    assert open_window.close_store_action.isEnabled()
    open_window.close_store_action.trigger()
    assert open_window.ctx.store is None
    assert open_window.central.currentWidget() is open_window.welcome
    assert open_window.windowTitle() == "ipb-desktop"
    assert not open_window.close_store_action.isEnabled()
    assert appconfig.last_store() == path
    assert "closed" in open_window.bar.text.text()


def test_about_says_the_version_where_the_store_is_and_the_licences(open_window: MainWindow) -> None:
    open_window.about_action.trigger()
    dialog = next(d for d in open_window.findChildren(about.AboutDialog) if d.isVisible())
    words = " ".join(label.text() for label in dialog.findChildren(type(dialog.where)))
    assert "0.1.0" in words
    assert open_window.ctx.store is not None and str(open_window.ctx.store.path) in dialog.where.text()
    assert "MIT" in words and "LGPL" in words
    dialog.reject()


def test_a_silent_keyring_never_stops_the_window_painting(
    qtbot, window: MainWindow, closed_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_app.make_app(sys.argv[:1])  # installs the waiter the real app uses
    backend = SilentKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.setattr(keystore, "TIMEOUT_SECONDS", 0.05)
    with Store.open(closed_store, PASSPHRASE) as store:
        appconfig.note_opened(store.path, store.uuid)
    handled: list[str] = []
    QTimer.singleShot(0, lambda: handled.append("painted"))  # stands in for a repaint queued meanwhile
    try:
        window.open_path(closed_store)
    finally:
        backend.release.set()
        keyring.set_keyring(previous)
        keystore.set_waiter(None)
    assert backend.asked.is_set()
    assert handled == ["painted"]  # the window's events ran while the keyring was being asked
    assert window.central.currentWidget() is window.unlock_page
    assert window.focusWidget() is window.unlock_page.passphrase
    assert "keyring did not answer" in window.bar.text.text()


def test_the_app_has_its_own_icon(qapp: QApplication) -> None:
    ui_app.make_app(sys.argv[:1])
    keystore.set_waiter(None)
    assert not QApplication.windowIcon().isNull()
    assert threading.current_thread() is threading.main_thread()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_store_double_clicked_on_a_mac_opens_too(qtbot, window: MainWindow, closed_store: Path) -> None:
    """macOS hands a double-clicked file over as a 'file open' event rather than on the command line."""
    window.start()
    QApplication.instance().installEventFilter(watcher := ui_app.FileOpenFilter(window))  # type: ignore[union-attr]
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(closed_store)))
    finally:
        QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]
    assert window.unlock_page.path == closed_store
    assert window.focusWidget() is window.unlock_page.passphrase

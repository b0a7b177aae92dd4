"""The app shell: first run, unlocking, locking, switching stores, the title, the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ipb_desktop import appconfig, holder
from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell import main_window, menus
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from tests.conftest import PASSPHRASE


def test_first_run_offers_to_create_a_store_and_creates_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.start()
    assert window.central.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    assert window.central.currentWidget() is page
    target = tmp_path / "mine.ipb"
    page.location.setText("")
    qtbot.keyClicks(page.location, str(target))
    qtbot.keyClicks(page.passphrase, "short")
    assert "Too short" in page.strength.text()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.again, PASSPHRASE + "x")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "different" in page.form.problem_text("passphrase_again")
    assert not target.exists()
    page.again.clear()
    qtbot.keyClicks(page.again, PASSPHRASE)
    qtbot.keyClick(page.again, Qt.Key.Key_Return)
    assert target.exists()
    assert window.ctx.store is not None and window.ctx.store.path == target
    assert window.windowTitle() == "mine.ipb — ipb-desktop"
    assert appconfig.last_store() == target
    window.ctx.close_store()
    with Store.open(target, PASSPHRASE) as reopened, reopened.reading() as s:
        assert holder.get_holder(s) is None


def test_no_keyring_is_said_plainly_when_creating(qtbot, window: MainWindow) -> None:
    window.show_create()
    assert not window.create_page.remember.isEnabled()
    assert "no password keyring" in window.create_page.keyring_note.text()


def test_wrong_passphrase_is_shown_next_to_the_field(qtbot, window: MainWindow, store: Store) -> None:
    path = store.path
    appconfig.note_opened(path, store.uuid)
    store.close()
    window.start()
    assert window.central.currentWidget() is window.unlock_page
    assert path.name in window.unlock_page.explain.text()
    qtbot.keyClicks(window.unlock_page.passphrase, "not the right words")
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert "does not open this budget store" in window.unlock_page.form.problem_text("passphrase")
    assert window.ctx.store is None
    window.unlock_page.passphrase.clear()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.store is not None
    assert window.central.currentWidget() is window.shell


def test_title_says_whose_store_is_open(open_window: MainWindow) -> None:
    assert open_window.windowTitle() == "Alys — ipb-desktop"


def test_lock_hides_everything_and_the_passphrase_brings_it_back(qtbot, open_window: MainWindow) -> None:
    win = open_window
    home = win.page_widgets["home"]
    assert home.view is not None and home.view.name == "Alys"
    with qtbot.waitSignal(win.ctx.locked):
        qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.ctx.store is None
    assert win.central.currentWidget() is win.unlock_page
    assert home.content is None and home.view is None
    assert win.windowTitle() == "ipb-desktop"
    assert "Alys" not in win.unlock_page.explain.text()
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    assert win.ctx.store is not None
    assert win.windowTitle() == "Alys — ipb-desktop"


def test_idle_minutes_lock_the_app(qtbot, open_window: MainWindow) -> None:
    assert open_window.idle.minutes == 10
    assert open_window.idle.timer.isActive()
    with qtbot.waitSignal(open_window.ctx.locked):
        open_window.idle.timer.timeout.emit()
    assert open_window.ctx.store is None


def test_switching_stores_with_file_open_changes_the_title(
    qtbot, open_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    other = tmp_path / "bryn.ipb"
    with Store.create(other, PASSPHRASE) as s2, s2.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Bryn Example"))
    monkeypatch.setattr(MainWindow, "ask_store_to_open", staticmethod(lambda parent: other))
    open_window.open_action.trigger()
    assert open_window.central.currentWidget() is open_window.unlock_page
    assert open_window.windowTitle() == "ipb-desktop"  # Alys's store is closed before Bryn's passphrase is asked
    qtbot.keyClicks(open_window.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(open_window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert open_window.windowTitle() == "Bryn Example — ipb-desktop"
    assert open_window.ctx.store is not None and open_window.ctx.store.path == other


def test_recent_menu_shows_file_names_only(qtbot, open_window: MainWindow) -> None:
    menus.fill_recent(open_window)
    names = [a.text() for a in open_window.recent_menu.actions()]
    assert names == ["alys.ipb"]


def test_every_page_is_reachable_by_keyboard(qtbot, open_window: MainWindow) -> None:
    win = open_window
    win.nav.setFocus()
    for row in range(1, len(PAGES)):
        qtbot.keyClick(win.nav, Qt.Key.Key_Down)
        assert win.pages.currentIndex() == row
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page_key() == "home"
    qtbot.keyClick(win, Qt.Key.Key_F1)
    assert win.current_page_key() == "help"


def test_a_page_that_cannot_be_built_stops_the_window_loudly(qtbot, monkeypatch, filled_store: Store) -> None:
    """No stand-in page hides a broken one: the error reaches the person (and the test) when it is built."""

    def broken(_ctx: object) -> None:
        raise ImportError("the Outcomes page is missing")

    pages = [(key, label, broken if key == "outcomes" else build) for key, label, build in main_window.PAGES]
    monkeypatch.setattr(main_window, "PAGES", pages)
    window = MainWindow()
    qtbot.addWidget(window)
    window.enter(filled_store)
    with pytest.raises(ImportError, match="Outcomes page is missing"):
        window.page_widgets["outcomes"]


def test_only_home_is_built_when_a_store_opens(qtbot, open_window: MainWindow) -> None:
    """The other pages wait until they are first shown (the window is ready sooner)."""
    win = open_window
    assert win.pages.built_keys() == ["home"]
    assert win.findChild(QWidget, "page-home") is not None and win.findChild(QWidget, "page-spending") is None
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.built_keys() == ["home", "spending"]
    spending = win.findChild(QWidget, "page-spending")
    assert spending is not None and spending.isVisible()
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Down)  # the page list: Plan and budget
    assert win.pages.built_keys() == ["home", "spending", "plan"]
    assert win.findChild(QWidget, "page-plan").isVisible()

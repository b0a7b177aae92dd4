"""Choosing Welsh (or English) in Settings changes every text in the window at once, without a restart: the
menus, the page list, the page in view and the others, the start pages. The store stays open, the person stays
on the page they were on, and what they had half-typed is still there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from ipb_desktop import i18n, settings
from ipb_desktop.ui.settings.page import SettingsPage
from ipb_desktop.ui.shell.appearance import apply_language
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from ipb_desktop.ui.widgets.forms import Heading

MENUS = ["&File", "&Edit", "&Go", "&Help"]


@pytest.fixture
def english_after(qapp) -> Iterator[None]:
    yield
    apply_language("en_GB")


def _welsh(message: str) -> str:
    before = i18n.current_locale()
    i18n.set_locale("cy")
    try:
        return i18n._(message)
    finally:
        i18n.set_locale(before)


def _menu_titles(win: MainWindow) -> list[str]:
    return [action.text() for action in win.menuBar().actions()]


def _page_names(win: MainWindow) -> list[str]:
    return [win.nav.item(row).text() for row in range(win.nav.count())]


def _headings(win: MainWindow, key: str) -> list[str]:
    return [h.text() for h in win.page_widgets[key].findChildren(Heading)]


def _choose_language(qtbot, win: MainWindow, key: object) -> None:
    """Tab-free: Ctrl+7 to Settings, the focus on the language box, one arrow key (saved at once)."""
    qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = win.page_widgets["settings"]
    assert isinstance(page, SettingsPage)
    page.combos["language"].setFocus()
    qtbot.keyClick(page.combos["language"], key)


def test_choosing_welsh_in_settings_changes_the_whole_window_at_once(
    qtbot, open_window: MainWindow, english_after
) -> None:
    win = open_window
    welsh_menus = [_welsh(m) for m in MENUS]
    welsh_pages = [_welsh(label) for _key, label, _build in PAGES]
    assert welsh_menus != MENUS and welsh_pages != [label for _key, label, _build in PAGES]
    # Half-typed, not saved: a payee on Spending, a planner's name on Settings.
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.page_widgets["spending"].quick_add.payee, "Clayworks Studio")
    direction = win.page_widgets["spending"].filters.direction  # a filter: money in only
    direction.setFocus()
    qtbot.keyClick(direction, Qt.Key.Key_End)
    assert direction.currentIndex() == 2
    shown_before = win.page_widgets["spending"].model.rowCount()
    qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.page_widgets["settings"].planner_name, "Sam Example")
    store = win.ctx.store

    _choose_language(qtbot, win, Qt.Key.Key_Down)  # English → Cymraeg

    with store.reading() as s:
        assert settings.get(s, "language") == "cy"
    assert _menu_titles(win) == welsh_menus
    assert _page_names(win) == welsh_pages
    go_menu = win.menuBar().actions()[2].menu()
    assert [a.text() for a in go_menu.actions()] == welsh_pages
    assert win.ctx.store is store  # still open, nothing asked again
    assert win.current_page_key() == "settings"
    settings_page = win.page_widgets["settings"]
    assert settings_page.isVisible()
    focused = QApplication.focusWidget()  # the focus is back on the language box
    assert isinstance(focused, QComboBox) and focused is settings_page.combos["language"]
    assert focused.currentData() == "cy"
    assert _welsh("Settings") in _headings(win, "settings")
    assert win.pages.accessibleName() == _welsh("{page} page").format(page=_welsh("Settings"))
    # The other pages, and the lock screen, speak Welsh too.
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert _welsh("Hello, {name}").format(name="Alys") in _headings(win, "home")
    qtbot.keyClick(win, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    outcomes_words = [label.text() for label in win.page_widgets["outcomes"].findChildren(QLabel)]
    assert _welsh("What matters to you") in outcomes_words and "What matters to you" not in outcomes_words
    assert win.unlock_page.unlock_button.text() == _welsh("&Unlock") != "&Unlock"
    assert win.welcome.create_button.text() == _welsh("&Create my budget store")
    # What was half-typed is still there.
    assert settings_page.planner_name.text() == "Sam Example"
    assert win.page_widgets["spending"].quick_add.payee.text() == "Clayworks Studio"
    assert win.page_widgets["spending"].filters.direction.currentIndex() == 2
    assert win.page_widgets["spending"].model.rowCount() == shown_before  # still only money in
    # Keys still work after the menus were made again.
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page_key() == "outcomes"

    _choose_language(qtbot, win, Qt.Key.Key_Up)  # and back to English

    assert _menu_titles(win) == MENUS
    assert _page_names(win) == [label for _key, label, _build in PAGES]
    assert "Settings" in _headings(win, "settings")
    assert win.unlock_page.unlock_button.text() == "&Unlock"
    assert win.page_widgets["settings"].planner_name.text() == "Sam Example"


def test_undo_puts_the_language_back_too(qtbot, open_window: MainWindow, english_after) -> None:
    win = open_window
    _choose_language(qtbot, win, Qt.Key.Key_Down)
    assert _menu_titles(win) == [_welsh(m) for m in MENUS]
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _menu_titles(win) == MENUS
    assert win.page_widgets["settings"].combos["language"].currentData() == "en_GB"


def test_locking_after_a_change_of_language_asks_in_the_new_language(
    qtbot, open_window: MainWindow, english_after
) -> None:
    win = open_window
    _choose_language(qtbot, win, Qt.Key.Key_Down)
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.central.currentWidget() is win.unlock_page
    assert win.unlock_page.heading.text() == _welsh("Your budget is locked")
    assert win.unlock_page.passphrase.hasFocus() or win.unlock_page.passphrase.isAncestorOf(QApplication.focusWidget())


def test_a_language_set_elsewhere_reaches_the_window_by_the_language_change_event(
    qtbot, open_window: MainWindow, english_after
) -> None:
    """`apply_language` tells every window (Qt's LanguageChange); the main window then speaks it too."""
    win = open_window
    apply_language("cy")
    qtbot.waitUntil(lambda: _menu_titles(win) == [_welsh(m) for m in MENUS])
    assert _page_names(win)[0] == _welsh("Home")
    assert win.ctx.store is not None and win.current_page_key() == "home"


def test_the_lock_screen_shown_when_the_language_changes_keeps_its_store(
    qtbot, open_window: MainWindow, english_after
) -> None:
    win = open_window
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    path = win.unlock_page.path
    apply_language("cy")
    qtbot.waitUntil(lambda: win.unlock_page.heading.text() == _welsh("Your budget is locked"))
    assert win.central.currentWidget() is win.unlock_page and win.unlock_page.path == path
    assert path.name in win.unlock_page.explain.text()

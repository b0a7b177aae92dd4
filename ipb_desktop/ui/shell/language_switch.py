"""Changing the window's language without a restart.

Every text in the window is written when its widget is built, so a new language rebuilds what shows words:
the menus, the page list's names, the start pages (welcome, create, unlock) and every page built so far. The
store stays open; the page in view stays in view, and what was half-typed in the pages' text boxes and where
the focus was are put back (see `carry_over`). Qt's own widgets (standard buttons) follow the `LanguageChange`
event that `appearance.apply_language` sends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from ipb_desktop import i18n
from ipb_desktop.ui.shell import menus, start_pages
from ipb_desktop.ui.shell.carry_over import HalfTyped
from ipb_desktop.ui.shell.store_health import read_only_words
from ipb_desktop.ui.widgets.page import Page

if TYPE_CHECKING:
    from ipb_desktop.ui.shell.main_window import MainWindow


def retranslate(window: MainWindow) -> None:
    """Rebuild every text of `window` in `i18n.current_locale()`."""
    window.built_language = i18n.current_locale()
    focused = QApplication.focusWidget()
    _menus(window)
    window.name_pages()
    window.health.banner.setText(read_only_words())
    window.bar.retranslate()
    _start_pages(window)
    _pages(window, focused)
    window.say_page(window.nav.currentRow())


def _menus(window: MainWindow) -> None:
    menus.drop_menus(window)
    window.make_menus()
    window.undo_keys.update()
    window.update_actions()


def _start_pages(window: MainWindow) -> None:
    central = window.central
    shown = central.currentWidget()
    old: list[QWidget] = [window.welcome, window.create_page, window.unlock_page]
    path, locked = window.unlock_page.path, window.locked_path is not None
    window.welcome = start_pages.WelcomePage()
    window.create_page = start_pages.CreateStorePage()
    window.unlock_page = start_pages.UnlockPage()
    new: list[QWidget] = [window.welcome, window.create_page, window.unlock_page]
    for before, after in zip(old, new, strict=True):
        central.insertWidget(central.indexOf(before), after)
    for before, after in zip(old, new, strict=True):
        central.removeWidget(before)
        before.deleteLater()
        if shown is before:
            central.setCurrentWidget(after)
    window.connect_start_pages()
    now = central.currentWidget()
    if path is not None and now is window.unlock_page:
        window.unlock_page.ask(path, locked=locked)  # the same store's name and words, in the new language
    else:
        window.unlock_page.path = path
    if now is window.create_page:
        window.create_page.reset()
    elif now is window.welcome:
        window.welcome.create_button.setFocus()


def _pages(window: MainWindow, focused: QWidget | None) -> None:
    """Build again, at once, each page built so far, and put back what it showed (see `carry_over`)."""
    stack = window.pages
    current = stack.current_key()
    kept: dict[str, HalfTyped] = {}
    for key in stack.built_keys():
        page = stack.take(key)
        if page is None:
            continue
        kept[key] = HalfTyped.of(page, focused if key == current else None)
        if isinstance(page, Page):
            page.refresh_now()  # read the store again first: a list box may show a value since undone
            kept[key].note_choices(page)
        page.hide()
        page.deleteLater()
    for key, state in kept.items():
        page = stack.page(key)
        if isinstance(page, Page) and not page.isVisible():
            page.refresh_now()  # so showing it later does not fill the boxes over what is put back
        state.put_back(page)

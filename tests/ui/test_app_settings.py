"""The app's own settings, outside any store: the window opens in the last language, before unlocking, and
where it was last time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect

from ipb_desktop import appconfig, i18n
from ipb_desktop.models.store import Store
from ipb_desktop.ui.app import build_window
from ipb_desktop.ui.shell.appearance import apply_language


@pytest.fixture
def english_after(qapp) -> Iterator[None]:
    yield
    apply_language("en_GB")


def test_welsh_chosen_last_time_is_used_before_unlocking(qtbot, english_after, filled_store: Store) -> None:
    from ipb_desktop import settings

    with filled_store.transaction() as s:
        settings.put(s, "language", "cy")
    window = build_window()
    qtbot.addWidget(window)
    window.enter(filled_store)  # Welsh chosen in this store: remembered in the app's own settings
    assert appconfig.language() == "cy"
    window.close()
    apply_language("en_GB")

    again = build_window()  # the next start, no store unlocked yet
    qtbot.addWidget(again)
    assert i18n.current_locale() == "cy"
    menu_titles = [action.text() for action in again.menuBar().actions()]
    assert "&File" not in menu_titles and menu_titles[0] == i18n._("&File")
    assert again.welcome.create_button.text() == i18n._("&Create my budget store") != "&Create my budget store"
    assert again.unlock_page.heading.text() != "Unlock your budget"
    again.close()


def test_the_window_opens_where_it_was(qtbot) -> None:
    first = build_window()
    qtbot.addWidget(first)
    assert (first.width(), first.height()) == (1100, 760)
    first.show()
    first.setGeometry(QRect(30, 40, 700, 500))
    first.close()
    assert appconfig.window_geometry() is not None
    second = build_window()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    second.close()

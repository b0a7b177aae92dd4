"""Built-in life areas and categories are shown in the person's language; names people wrote stay as written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from ipb_desktop import i18n, settings
from ipb_desktop.seed import shown_name
from ipb_desktop.ui.shell.appearance import apply_language
from ipb_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def welsh(qapp) -> Iterator[None]:
    apply_language("cy")
    yield
    apply_language("en_GB")


def test_built_in_names_are_translated_when_shown(welsh) -> None:
    assert shown_name("Activities and classes") == i18n._("Activities and classes") != "Activities and classes"
    assert shown_name("Pottery and more") == "Pottery and more"


def test_the_spending_table_and_quick_add_show_welsh_categories(qtbot, open_window: MainWindow) -> None:
    assert open_window.ctx.store is not None
    with open_window.ctx.store.transaction() as s:
        settings.put(s, "language", "cy")  # as if chosen in Settings
    try:
        open_window.ctx.changed.emit()
        _check_spending(qtbot, open_window)
    finally:
        apply_language("en_GB")


def _check_spending(qtbot, open_window: MainWindow) -> None:
    qtbot.keyClick(open_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = open_window.page_widgets["spending"]
    welsh_name = i18n._("Activities and classes")
    items = [page.quick_add.category.itemText(i) for i in range(page.quick_add.category.count())]
    assert welsh_name in items and "Activities and classes" not in items
    model = page.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == i18n._("Category")
    )
    shown = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    assert i18n._("Budget payment in") in shown and "Budget payment in" not in shown


def test_a_store_made_in_welsh_keeps_the_built_in_names_as_written_and_shows_them_in_welsh(welsh, tmp_path) -> None:
    """Before, the names were stored translated, so the demo (and `pay --category` in English) could not find
    'Personal assistant wages' in a store made while the app was in Welsh."""
    import datetime as dt

    from ipb_desktop import demo, plan, seed
    from tests.conftest import PASSPHRASE

    with seed.create_store(tmp_path / "cymraeg.ipb", PASSPHRASE) as store:
        demo.build_demo(store, dt.date(2026, 11, 23))
        with store.reading() as s:
            wages = plan.category_named(s, "Personal assistant wages")
            assert shown_name(wages.name) == i18n._("Personal assistant wages") != wages.name

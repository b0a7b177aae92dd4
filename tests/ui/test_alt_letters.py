"""Every page and dialog a person can reach: each Alt-letter is used once per window, the menu bar included, so
Alt+letter always goes where its label says. In English and in Welsh (whose words put the & elsewhere)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ipb_desktop import budget, settings
from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell import language_switch
from ipb_desktop.ui.shell.appearance import apply_language
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from tests.ui.alt_letters import clashes

LANGUAGES = ["en_GB", "cy"]


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    yield request.param
    apply_language("en_GB")


@pytest.fixture
def shown(window: MainWindow, filled_store: Store, language: str) -> MainWindow:
    """The window with Alys's budget open on Home, in `language` (chosen in her store, as in Settings)."""
    with filled_store.transaction() as s:
        settings.put(s, "language", language)
    window.enter(filled_store)
    return window


@pytest.mark.parametrize("row", range(len(PAGES)), ids=[key for key, *_rest in PAGES])
def test_each_page_with_the_menu_bar_has_no_alt_letter_twice(qtbot, shown: MainWindow, row: int) -> None:
    qtbot.keyClick(shown, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
    assert clashes(shown) == {}


def test_the_start_pages_have_no_alt_letter_twice(qtbot, window: MainWindow, language: str) -> None:
    apply_language(language)
    language_switch.retranslate(window)
    for page in (window.welcome, window.create_page, window.unlock_page):
        window.central.setCurrentWidget(page)
        assert clashes(window) == {}, page


def _belongs_to(widget: QWidget, window: MainWindow) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        parent = parent.parentWidget()
    return parent is window


def _open_dialogs(window: MainWindow) -> list[QDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible() and _belongs_to(w, window)
    ]


def _check_each(window: MainWindow, openers: list[Callable[[], object]]) -> None:
    for open_it in openers:
        open_it()
        dialogs = _open_dialogs(window)
        assert dialogs, open_it
        for dialog in reversed(dialogs):
            assert clashes(dialog) == {}, dialog.windowTitle()
            dialog.reject()


def test_the_spending_dialogs_have_no_alt_letter_twice(qtbot, shown: MainWindow) -> None:
    qtbot.keyClick(shown, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = shown.page_widgets["spending"]
    page.table.selectRow(0)

    def set_up_regular() -> None:
        page.show_regular()
        page.dialog.add_button.click()  # the "Set up a regular payment" form, over the list

    _check_each(
        shown,
        [
            page.add_with_form,
            page.edit_selected,
            page.split_selected,
            set_up_regular,
            page.show_due,
            page.bank_check_action.trigger,  # Check against bank statement
        ],
    )


def test_the_plan_dialogs_have_no_alt_letter_twice(qtbot, shown: MainWindow) -> None:
    qtbot.keyClick(shown, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = shown.page_widgets["plan"]
    page.streams_table.selectRow(0)
    page.lines_table.selectRow(0)
    _check_each(shown, [page.add_period, page.add_stream, page.edit_stream, page.add_line, page.record_repayment])


def test_the_other_pages_dialogs_have_no_alt_letter_twice(qtbot, shown: MainWindow) -> None:
    from ipb_desktop.ui.employment.dialogs import CheckDialog, EmployeeDialog, PayslipDialog, ShiftDialog
    from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog

    ctx = shown.ctx
    period_id = ctx.read(lambda s: budget.periods(s)[0].id, None)
    assert period_id is not None
    qtbot.keyClick(shown, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    outcomes = shown.page_widgets["outcomes"]
    outcomes.table.selectRow(0)

    def opened(make: Callable[[], QDialog]) -> Callable[[], object]:
        return lambda: make().open()

    _check_each(
        shown,
        [
            outcomes.add,
            outcomes.edit,
            outcomes.rate,
            opened(lambda: PeriodDialog(ctx, shown)),
            opened(lambda: StreamDialog(ctx, period_id, None, shown)),
            opened(lambda: PlanLineDialog(ctx, period_id, None, shown)),
            opened(lambda: EmployeeDialog(ctx, shown)),
            opened(lambda: ShiftDialog(ctx, shown)),
            opened(lambda: PayslipDialog(ctx, shown)),
            opened(lambda: CheckDialog(ctx, shown)),
            shown.show_audit,
            shown.show_import_history,
        ],
    )


def test_the_set_up_wizard_has_no_alt_letter_twice(qtbot, shown: MainWindow) -> None:
    from ipb_desktop.ui.setup.wizard import start_setup

    wizard = start_setup(shown)
    assert wizard is not None
    for _step in range(len(wizard.pageIds())):
        assert clashes(wizard) == {}, wizard.currentPage().title()
        wizard.next()
    wizard.reject()


def test_each_menu_has_no_alt_letter_twice(qtbot, shown: MainWindow) -> None:
    from tests.ui.alt_letters import letter

    for title in shown.menuBar().actions():
        menu = title.menu()
        used: dict[str, list[str]] = {}
        for action in menu.actions():
            key = letter(action.text())
            if key and action.isVisible():
                used.setdefault(key, []).append(action.text())
        assert {k: v for k, v in used.items() if len(v) > 1} == {}, title.text()

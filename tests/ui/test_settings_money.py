"""Settings about money, by key presses: how the council counts a surplus (basis, weeks, an agreed contingency),
the account's details printed on statements, and an opening balance typed by hand; each one undoable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ipb_desktop import accounts, budget, figures, settings
from ipb_desktop.formatting import money
from ipb_desktop.ui.settings.money import MoneySettings
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import TODAY
from tests.ui.keys import choose, press, type_over


def _section(qtbot, win: MainWindow) -> MoneySettings:
    win.show_page("settings")
    found = win.page_widgets["settings"].findChild(MoneySettings)
    assert isinstance(found, MoneySettings)
    return found


def _setting(win: MainWindow, key: str) -> str:
    with win.ctx.store.reading() as s:
        return settings.get(s, key)


def _surplus(win: MainWindow) -> int:
    with win.ctx.store.reading() as s:
        period = budget.period_for(s, TODAY)
        return figures.surplus(s, period.id, TODAY).surplus_pence


def test_surplus_basis_weeks_and_contingency(qtbot, open_window: MainWindow) -> None:
    section = _section(qtbot, open_window)
    assert _setting(open_window, "surplus_basis") == "weekly_payment"
    assert "Surplus: £0.00" in section.surplus_words.text()  # 8 weeks of the weekly payments is more than held
    choose(qtbot, section.basis, "planned")
    choose(qtbot, section.weeks, "4")
    assert (_setting(open_window, "surplus_basis"), _setting(open_window, "surplus_weeks")) == ("planned", "4")
    before = _surplus(open_window)
    assert before > 0
    assert f"Surplus: {money(before)}" in section.surplus_words.text()
    assert "4 weeks of planned spending" in section.surplus_words.text()

    type_over(qtbot, section.contingency, "lots")
    qtbot.keyClick(section.contingency, Qt.Key.Key_Return)
    assert "not an amount of money" in section.surplus_form.problem_text("contingency")
    assert _setting(open_window, "contingency_pence") == ""
    type_over(qtbot, section.contingency, "100")
    qtbot.keyClick(section.contingency, Qt.Key.Key_Return)
    assert _setting(open_window, "contingency_pence") == "10000"
    assert _surplus(open_window) == max(0, before - 10000)
    assert "less the contingency of £100.00" in section.surplus_words.text()

    open_window.undo_action.trigger()
    assert _setting(open_window, "contingency_pence") == ""
    assert section.contingency.text() == ""
    open_window.undo_action.trigger()
    assert _setting(open_window, "surplus_weeks") == "6"  # each step down the list was one change


def test_account_details_need_exactly_four_digits(qtbot, open_window: MainWindow) -> None:
    section = _section(qtbot, open_window)
    type_over(qtbot, section.account_name, "Alys Testwood direct payments")
    type_over(qtbot, section.last_four, "12a4")
    type_over(qtbot, section.users, "Alys and her sister Bryn")
    press(qtbot, section.save_account_button)
    assert "last four digits" in section.account_form.problem_text("last_four")
    with open_window.ctx.store.reading() as s:
        assert not accounts.identity(s).is_set
    type_over(qtbot, section.last_four, "1234")
    press(qtbot, section.save_account_button)
    with open_window.ctx.store.reading() as s:
        assert accounts.identity(s) == accounts.AccountIdentity(
            "Alys Testwood direct payments", "1234", "Alys and her sister Bryn"
        )
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert not accounts.identity(s).is_set
    assert section.last_four.text() == ""


def test_opening_balance_typed_by_hand_counts_in_the_balance(qtbot, open_window: MainWindow) -> None:
    section = _section(qtbot, open_window)
    assert "No opening balance yet" in section.opening_words.text()
    section.opening_day.setFocus()
    qtbot.keyClicks(section.opening_day, "31/03/2026")
    type_over(qtbot, section.opening_amount, "412.41")
    press(qtbot, section.save_opening_button)
    with open_window.ctx.store.reading() as s:
        found = accounts.opening(s)
        assert (found.on_date, found.balance_pence) == (dt.date(2026, 3, 31), 41241)
        assert figures.balance_on(s, TODAY) == 41241 + 138250
    assert "Opening balance: £412.41 at the end of 31 March 2026" in section.opening_words.text()
    open_window.show_page("home")
    assert "£1,794.91" in open_window.page_widgets["home"].balance_label.text()
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert accounts.opening(s) is None

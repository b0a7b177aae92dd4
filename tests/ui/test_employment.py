"""The Employment page by key presses, from a budget with no PA: add a PA, a week of shifts and a payslip,
pay the wages and match them, record the insurance, see it coming up on Home, and undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from ipb_desktop import ledger
from ipb_desktop.employment import owed
from ipb_desktop.models.employment import Employee, EmployerCheck, Payslip, Shift
from ipb_desktop.ui.employment.dialogs import CheckDialog, EmployeeDialog, PayslipDialog, ShiftDialog
from ipb_desktop.ui.employment.page import EmploymentPage
from ipb_desktop.ui.home.page import HomePage
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.ui.test_accessibility import unnamed_inputs

CLICK = Qt.MouseButton.LeftButton


def _page(win: MainWindow) -> EmploymentPage:
    win.show_page("employment")
    page = win.page_widgets["employment"]
    assert isinstance(page, EmploymentPage)
    return page


def _add_pa(qtbot, page: EmploymentPage) -> None:
    qtbot.mouseClick(page.add_pa_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, EmployeeDialog)
    qtbot.keyClicks(dialog.name, "Jo Example")
    qtbot.keyClicks(dialog.role, "Support worker")
    dialog.start.setDate(QDate(2026, 5, 1))
    qtbot.keyClicks(dialog.rate, "12.5O")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert "not an amount of money" in dialog.form.problem_text("rate")  # a letter O typed for a zero
    dialog.rate.clear()
    qtbot.keyClicks(dialog.rate, "12.80")
    qtbot.keyClicks(dialog.usual, "10")
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert page.dialog is None


def test_employing_a_pa_from_the_window(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    assert not page.add_shift_button.isEnabled()  # no PA yet
    _add_pa(qtbot, page)
    store = open_window.ctx.store
    with store.reading() as s:
        jo = s.scalars(select(Employee)).one()
        assert (jo.name, jo.role, jo.start_date, jo.usual_minutes_per_week) == (
            "Jo Example",
            "Support worker",
            dt.date(2026, 5, 1),
            600,
        )
        assert [r.hourly_pence for r in jo.rates] == [1280]
    assert [r.name for r in page.pas_model.rows] == ["Jo Example"]

    for day in (11, 12, 13, 14):
        qtbot.mouseClick(page.add_shift_button, CLICK)
        dialog = page.dialog
        assert isinstance(dialog, ShiftDialog)
        dialog.day.setDate(QDate(2026, 5, day))
        qtbot.keyClicks(dialog.start, "10:00")
        qtbot.keyClicks(dialog.end, "12:30")
        qtbot.mouseClick(dialog.save_button, CLICK)
        assert page.dialog is None
    assert len(page.week_model.rows) == 4  # the week of 11 May, "today" being 15 May

    qtbot.mouseClick(page.add_payslip_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, PayslipDialog)
    dialog.start.setDate(QDate(2026, 5, 11))
    dialog.end.setDate(QDate(2026, 5, 14))
    dialog.pay_date.setDate(QDate(2026, 5, 15))
    qtbot.keyClicks(dialog.amounts["gross"], "128.00")
    qtbot.keyClicks(dialog.amounts["employer_ni"], "3.00")
    qtbot.keyClicks(dialog.amounts["net"], "120.00")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert "£128.00 less £0.00 is £128.00" in dialog.form.problem_text("net")
    dialog.amounts["net"].selectAll()
    qtbot.keyClicks(dialog.amounts["net"], "128.00")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert page.dialog is None
    assert "Jo Example: £128.00 (net pay)" in page.owed_words.text()
    assert "HMRC: £3.00" in page.owed_words.text()

    # The wages are paid (as the Spending page or a bank import would record them), then matched here.
    open_window.ctx.perform(
        "pay",
        lambda s: (
            ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 15), "out", 12800, "J Example")).id
        ),
        lambda s, txn_id: ledger.delete_transaction(s, txn_id) and None,
    )
    qtbot.mouseClick(page.match_button, CLICK)
    with store.reading() as s:
        assert s.scalars(select(Payslip)).one().net_paid_by is not None
        assert [i.what for i in owed.owed_items(s, dt.date(2026, 5, 15))] == [owed.HMRC]
    assert "Jo Example" not in page.owed_words.text()

    qtbot.mouseClick(page.add_check_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, CheckDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("el_insurance"))
    dialog.done_on.setDate(QDate(2025, 6, 1))
    qtbot.keyClick(dialog.has_due, Qt.Key.Key_Space)
    dialog.due.setDate(QDate(2026, 6, 1))
    qtbot.keyClicks(dialog.provider, "Example Mutual")
    qtbot.keyClicks(dialog.reference, "EL-0042")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert page.dialog is None
    assert "Employer's liability insurance is due (by 1 June 2026)" in page.coming_up_words.text()

    open_window.show_page("home")
    home = open_window.page_widgets["home"]
    assert isinstance(home, HomePage)
    texts = [label.text() for label in home.findChildren(type(page.owed_words))]
    assert any("Employer's liability insurance is due" in t for t in texts)
    assert any("Still to pay HMRC: £3.00" in t for t in texts)

    open_window.undo_action.trigger()  # the check goes again
    with store.reading() as s:
        assert s.scalars(select(EmployerCheck).where(EmployerCheck.deleted_at.is_(None))).first() is None
    open_window.redo_action.trigger()
    with store.reading() as s:
        assert s.scalars(select(EmployerCheck).where(EmployerCheck.deleted_at.is_(None))).one().reference == "EL-0042"


def test_deleting_a_shift_asks_once_and_can_be_undone(qtbot, open_window: MainWindow, monkeypatch) -> None:
    from ipb_desktop.ui.widgets import dialogs

    page = _page(open_window)
    _add_pa(qtbot, page)
    qtbot.mouseClick(page.add_shift_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, ShiftDialog)
    dialog.day.setDate(QDate(2026, 5, 12))
    qtbot.keyClicks(dialog.hours, "3.5")
    qtbot.mouseClick(dialog.save_button, CLICK)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    page.week_table.setFocus()
    page.week_table.selectRow(0)
    qtbot.mouseClick(page.delete_shift_button, CLICK)
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Shift)).one().deleted_at is not None
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Shift)).one().deleted_at is None
    assert page.week_model.rows[0].minutes == 210


def test_every_employment_dialog_names_every_input(qtbot, open_window: MainWindow) -> None:
    ctx = open_window.ctx
    problems = []
    for dialog in (
        EmployeeDialog(ctx, open_window),
        ShiftDialog(ctx, open_window),
        PayslipDialog(ctx, open_window),
        CheckDialog(ctx, open_window),
    ):
        problems += unnamed_inputs(dialog)
        dialog.deleteLater()
    assert problems == []


def test_help_says_what_an_employer_keeps_and_for_how_long() -> None:
    from ipb_desktop.ui.help.page import guide_html

    html = guide_html()
    assert "Employing a personal assistant" in html
    assert "six years plus the current year" in html and "at least three years" in html
    assert "payroll service" in html and "employer's liability insurance" in html

"""A walk through the window from a budget with no PA to the statement: add a PA and a payslip on the Employment
page, pay HMRC with the Spending page's quick add, match it with the Match button, then make the statement on the
Reports page and read its "Employing personal assistants" section."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from ipb_desktop.models.employment import Payslip
from ipb_desktop.ui.employment.dialogs import PayslipDialog
from ipb_desktop.ui.reports.page import ReportsPage
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.spending.page import SpendingPage
from tests.ui.test_employment import _add_pa, _page
from tests.ui.test_spending_page import quick_add

CLICK = Qt.MouseButton.LeftButton


def test_hmrc_paid_on_the_spending_page_is_matched_and_the_statement_says_so(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    _add_pa(qtbot, page)
    qtbot.mouseClick(page.add_payslip_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, PayslipDialog)
    dialog.start.setDate(QDate(2026, 5, 1))
    dialog.end.setDate(QDate(2026, 5, 14))
    dialog.pay_date.setDate(QDate(2026, 5, 14))
    qtbot.keyClicks(dialog.hours, "20")
    qtbot.keyClicks(dialog.amounts["gross"], "256.00")
    qtbot.keyClicks(dialog.amounts["tax"], "10.00")
    qtbot.keyClicks(dialog.amounts["employer_ni"], "4.50")
    qtbot.keyClicks(dialog.amounts["net"], "246.00")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert page.dialog is None
    assert "HMRC: £14.50" in page.owed_words.text()

    open_window.show_page("spending")
    spending = open_window.page_widgets["spending"]
    assert isinstance(spending, SpendingPage)
    quick_add(qtbot, spending, "HMRC", "14.50")
    assert "Saved: HMRC" in spending.quick_add.status.text()

    page = _page(open_window)
    assert "HMRC: £14.50" in page.owed_words.text()  # a payment is not taken as HMRC's until matched
    qtbot.mouseClick(page.match_button, CLICK)
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Payslip)).one().hmrc_paid_by is not None
    assert "HMRC" not in page.owed_words.text()

    open_window.show_page("reports")
    reports = open_window.page_widgets["reports"]
    assert isinstance(reports, ReportsPage)
    reports.choose_report("statement")
    reports.set_dates(dt.date(2026, 5, 1), dt.date(2026, 5, 15))
    made = reports._pdf_bytes()
    assert made is not None
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(made)).pages)
    text = " ".join(text.split())
    assert "Employing personal assistants" in text
    assert "Jo Example" in text and "£256.00" in text
    assert "£14.50" in text  # paid to HMRC

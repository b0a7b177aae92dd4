"""The evidence pack from the Reports page, by key presses: the statement followed by every receipt for the
dates, each headed with its payment; the save message always says the file is not encrypted (it holds copies of
receipts and bank statements)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import select

from ipb_desktop import ledger
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.reports import page as reports_page
from ipb_desktop.ui.reports.page import ReportsPage
from tests.statements.helpers import pdf_text


@pytest.fixture
def page(qtbot, ctx: AppContext, filled_store: Store) -> ReportsPage:
    png = QImage(40, 30, QImage.Format.Format_RGB32)
    png.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png.save(buffer, "PNG")
    with filled_store.transaction() as s:
        pottery = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        ledger.attach_receipt(s, pottery.id, "pottery-receipt.png", bytes(data.data()))
    ctx.set_store(filled_store)
    shown = ReportsPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(900, 1400)
    shown.show()
    return shown


def test_save_the_evidence_pack(qtbot, page: ReportsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    answers = [tmp_path / "statement.pdf", tmp_path / "evidence.pdf"]
    monkeypatch.setattr(reports_page, "choose_save_path", lambda *args: answers.pop(0))
    page.choose_preset("this_quarter")
    page.save_pdf_button.setFocus()
    qtbot.keyClick(page.save_pdf_button, Qt.Key.Key_Space)  # the statement first: told it is not encrypted
    assert "NOT encrypted" in page.status.text()

    page.report.setFocus()
    while page.kind() != "evidence_pack":
        qtbot.keyClick(page.report, Qt.Key.Key_Down)
    assert page.save_pdf_button.isEnabled() and page.large_print.isEnabled() and not page.save_csv_button.isEnabled()
    page.save_pdf_button.setFocus()
    qtbot.keyClick(page.save_pdf_button, Qt.Key.Key_Space)
    saved = tmp_path / "evidence.pdf"
    text = pdf_text(saved)
    assert "Evidence pack" in text
    assert "Closing balance (end of 15 May 2026) £1,382.50" in text  # the statement comes first
    assert "Receipts and invoices" in text
    assert "Clayworks Studio, £37.50" in text and "pottery-receipt.png" in text
    # Said again for the evidence pack, though the statement's save said it already this session.
    assert str(saved) in page.status.text() and "NOT encrypted" in page.status.text()

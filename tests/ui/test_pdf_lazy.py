"""A PDF receipt of thousands of pages opens at once: only the pages near the view are measured, given a picture
and drawn, and moving to the end draws only the pages there."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from reportlab.pdfgen import canvas

from ipb_desktop import ledger
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending import receipt_viewer
from ipb_desktop.ui.widgets import pdf_pages

PAGES = 2000


def many_page_pdf(pages: int) -> bytes:
    """A long statement, one line a page, as a bank might send for a year of card payments."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=(300, 400))
    for number in range(1, pages + 1):
        drawing.drawString(40, 340, f"Statement page {number}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def test_a_very_long_pdf_receipt_draws_only_the_pages_near_the_view(
    qtbot, ctx: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = many_page_pdf(PAGES)
    receipt = ledger.ReceiptFile(1, "statement.pdf", "application/pdf", len(content), content)
    monkeypatch.setattr(receipt_viewer.ledger, "receipts_of", lambda session, txn_id: [receipt])
    drawn: list[int] = []
    measured: list[int] = []
    render, size_in_points = pdf_pages.PdfPages.render, pdf_pages.PdfPages.size_in_points

    def counting_render(self: pdf_pages.PdfPages, index: int, dpi: float, for_print: bool = False):
        drawn.append(index)
        return render(self, index, dpi, for_print)

    def counting_size(self: pdf_pages.PdfPages, index: int):
        measured.append(index)
        return size_in_points(self, index)

    monkeypatch.setattr(pdf_pages.PdfPages, "render", counting_render)
    monkeypatch.setattr(pdf_pages.PdfPages, "size_in_points", counting_size)
    ctx.set_store(filled_store)

    dialog = receipt_viewer.ReceiptDialog(ctx, 1, "Bank statement", lambda receipt_id: False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.pages
    assert dialog.note.text() == "Showing statement.pdf."
    assert view.page_count() == PAGES and view.position.text() == f"Page 1 of {PAGES}"
    pictures = view.column.findChildren(QLabel)
    assert 1 <= len(pictures) <= 20  # not one picture for each of the 2,000 pages
    assert view.page_labels[0].accessibleName() == f"Page 1 of {PAGES}" and not view.page_labels[0].pixmap().isNull()
    assert len(set(drawn)) <= 4 and max(drawn) < 4
    assert len(set(measured)) <= 4

    drawn.clear()
    qtbot.keyClick(view.scroller, Qt.Key.Key_End)
    assert view.position.text() == f"Page {PAGES} of {PAGES}"
    assert view.page_labels[-1].accessibleName() == f"Page {PAGES} of {PAGES}"
    assert not view.page_labels[-1].pixmap().isNull()
    assert 1 <= len(drawn) <= 4 and min(drawn) >= PAGES - 4
    assert len(view.column.findChildren(QLabel)) <= 20
    assert len(set(measured)) <= 8

"""The Reports page, driven the way a person uses it: choose the report and dates, type the explanation and
the review answers, then preview, save a PDF or CSV, or print. The assertions look at the store and the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from ipb_desktop.models.store import Store
from ipb_desktop.statements import explanations, review_answers
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.reports import page as reports_page
from ipb_desktop.ui.reports.page import ReportsPage
from tests.statements.helpers import pdf_text

APRIL, TODAY = dt.date(2026, 4, 1), dt.date(2026, 5, 15)  # TODAY as in tests/ui/conftest.py
EXPLAINED = "A new PA starts in June, so the wages go up. Siân's first week is 1 June."


@pytest.fixture
def page(qtbot, ctx: AppContext, filled_store: Store) -> ReportsPage:
    ctx.set_store(filled_store)
    shown = ReportsPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(900, 1400)
    shown.show()
    return shown


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Answers the save dialog with each path in turn (append before clicking)."""
    answers: list[Path] = []
    monkeypatch.setattr(reports_page, "choose_save_path", lambda *args: answers.pop(0))
    return answers


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_choose_this_quarter_type_an_explanation_and_save_the_statement(
    qtbot, page: ReportsPage, ctx: AppContext, save_to: list[Path], tmp_path: Path
) -> None:
    page.choose_preset("this_quarter")
    assert (page.dates().start, page.dates().end) == (APRIL, TODAY)
    qtbot.keyClicks(page.explanation, "A new PA starts in June, so the wages go up.")
    page.explanation.insertPlainText(" Siân's first week is 1 June.")  # pasted: QTest types ASCII only
    save_to.append(tmp_path / "statement.pdf")
    click(qtbot, page.save_pdf_button)

    saved = tmp_path / "statement.pdf"
    text = pdf_text(saved)
    assert "Monitoring return for 1 April 2026 to 15 May 2026" in text
    assert "Closing balance (end of 15 May 2026) £1,382.50" in text
    assert EXPLAINED in text
    with ctx.store.reading() as s:
        assert explanations.text_for(s, APRIL, TODAY) == EXPLAINED
    assert str(saved) in page.status.text() and "NOT encrypted" in page.status.text()

    # Said once a session: the next save only says where the file went.
    save_to.append(tmp_path / "again.pdf")
    click(qtbot, page.save_pdf_button)
    assert (tmp_path / "again.pdf").exists()
    assert page.status.text() == f"Saved to {tmp_path / 'again.pdf'}."

    # Saving the explanation is one undoable step.
    ctx.undo_stack.undo()
    with ctx.store.reading() as s:
        assert explanations.text_for(s, APRIL, TODAY) == ""
    assert page.explanation.toPlainText() == ""


def test_review_answers_are_saved_and_printed_in_the_pack(
    qtbot, page: ReportsPage, ctx: AppContext, save_to: list[Path], tmp_path: Path
) -> None:
    page.choose_report("review_pack")
    assert page.no_payments.isEnabled() and not page.save_csv_button.isEnabled()
    qtbot.keyClicks(page.answers[review_answers.Question.WORKED], "Pottery, then tea at ")
    page.answers[review_answers.Question.WORKED].insertPlainText("Zoë's Café")
    qtbot.keyClicks(page.answers[review_answers.Question.CHANGE], "More PA hours in winter")
    click(qtbot, page.save_answers_button)
    with ctx.store.reading() as s:
        assert review_answers.answers(s)[review_answers.Question.WORKED] == "Pottery, then tea at Zoë's Café"
    for box in (page.no_payments, page.large_print):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert page.no_payments.isChecked() and page.large_print.isChecked()
    save_to.append(tmp_path / "pack")  # no extension typed: .pdf is added
    click(qtbot, page.save_pdf_button)
    text = pdf_text(tmp_path / "pack.pdf")
    assert "What has worked Pottery, then tea at Zoë's Café" in text
    assert "Every payment in these dates" not in text


def test_dates_typed_by_hand_and_a_csv_of_every_payment(
    qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path
) -> None:
    page.choose_report("csv_transactions")
    assert not page.save_pdf_button.isEnabled() and not page.print_button.isEnabled()
    page.set_dates(dt.date(2026, 4, 5), dt.date(2026, 4, 30))
    assert page.preset.currentData() == "custom"
    save_to.append(tmp_path / "payments.csv")
    click(qtbot, page.save_csv_button)
    lines = (tmp_path / "payments.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3  # the header, the pottery class and the PA wages
    assert "2026-04-10,Clayworks Studio" in lines[1]
    assert "NOT encrypted" in page.status.text()


def saved_statement(qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path) -> Path:
    save_to.append(tmp_path / "saved.pdf")
    click(qtbot, page.save_pdf_button)
    return tmp_path / "saved.pdf"


def is_blank(image: QImage) -> bool:
    white = QColor("white")
    return all(image.pixelColor(x, y) == white for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))


def test_the_preview_shows_the_pages_that_save_as_pdf_writes(
    qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path
) -> None:
    page.choose_preset("this_budget_year")
    total = len(PdfReader(saved_statement(qtbot, page, save_to, tmp_path)).pages)
    assert total >= 2
    click(qtbot, page.preview_button)
    preview = page.preview
    assert preview.isVisible() and not page.plain_preview.isVisible()
    assert [label.accessibleName() for label in preview.page_labels] == [
        f"Page {n} of {total}" for n in range(1, total + 1)
    ]
    assert preview.position.text() == f"Page 1 of {total}"
    first = preview.page_labels[0].pixmap().toImage()
    assert not first.isNull() and not is_blank(first)  # the title line crosses the top of the page
    # The keyboard is in the preview, and End goes to the last page, which is then drawn.
    assert page.focusWidget() is preview.scroller
    qtbot.keyClick(preview.scroller, Qt.Key.Key_End)
    assert preview.position.text() == f"Page {total} of {total}"
    assert not preview.page_labels[-1].pixmap().isNull()
    qtbot.keyClick(preview.scroller, Qt.Key.Key_Home)
    assert preview.position.text() == f"Page 1 of {total}"


def test_printing_prints_the_pdf_pages_and_the_chosen_range(
    qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.choose_preset("this_budget_year")
    total = len(PdfReader(saved_statement(qtbot, page, save_to, tmp_path)).pages)
    chosen: dict[str, object] = {}

    def print_to_file(dialog: QPrintDialog) -> QDialog.DialogCode:  # the person chooses "Print to file"
        printer = dialog.printer()
        chosen["range"] = (dialog.minPage(), dialog.maxPage())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / chosen["name"]))
        if chosen["name"] == "page-2.pdf":
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(2, 2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    chosen["name"] = "printed.pdf"
    click(qtbot, page.print_button)
    assert chosen["range"] == (1, total)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == total
    for sheet in printed.pages:  # each sheet is the PDF's page drawn as one picture
        assert any(x.get_object()["/Subtype"] == "/Image" for x in sheet["/Resources"]["/XObject"].values())

    chosen["name"] = "page-2.pdf"
    click(qtbot, page.print_button)
    assert len(PdfReader(tmp_path / "page-2.pdf").pages) == 1


def test_when_the_pages_cannot_be_drawn_the_plain_version_stands_in(
    qtbot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise pdfium.PdfiumError("invented failure")

    monkeypatch.setattr(pdfium, "PdfDocument", broken)
    page.choose_preset("this_budget_year")
    click(qtbot, page.preview_button)
    assert not page.preview.isVisible() and page.plain_preview.isVisible()
    assert "plain version" in page.preview_note.text()
    shown = page.plain_preview.toPlainText()
    assert "£1,382.50" in shown and "Clayworks Studio" in shown and "Missing receipts" in shown

    def print_to_file(dialog: QPrintDialog) -> QDialog.DialogCode:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "printed.pdf"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    click(qtbot, page.print_button)
    assert "Clayworks Studio" in pdf_text(tmp_path / "printed.pdf")


def test_a_csv_preview_is_the_plain_version(qtbot, page: ReportsPage) -> None:
    page.choose_report("csv_summary")
    click(qtbot, page.preview_button)
    assert page.plain_preview.isVisible() and not page.preview.isVisible()
    assert "Closing balance" in page.plain_preview.toPlainText()


@pytest.fixture
def said() -> Iterator[list[str]]:
    """Every error the window shows while the test runs (disconnected even when the test fails)."""
    shown: list[str] = []
    messages.bridge().error_shown.connect(shown.append)
    yield shown
    messages.bridge().error_shown.disconnect(shown.append)


def test_backwards_dates_are_explained_and_nothing_is_saved(
    qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path, said: list[str]
) -> None:
    page.set_dates(dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    save_to.append(tmp_path / "never.pdf")
    click(qtbot, page.save_pdf_button)
    assert not (tmp_path / "never.pdf").exists()
    assert any("swap" in text for text in said)


def test_saving_over_the_store_is_refused(
    qtbot, page: ReportsPage, ctx: AppContext, save_to: list[Path], tmp_path: Path, said: list[str]
) -> None:
    store_file = tmp_path / "alys.ipb"
    before = store_file.stat().st_size
    save_to.append(store_file)
    click(qtbot, page.save_pdf_button)
    assert store_file.stat().st_size == before
    assert any("budget store file" in text for text in said)


def test_locking_empties_the_page(qtbot, page: ReportsPage, ctx: AppContext) -> None:
    qtbot.keyClicks(page.answers[review_answers.Question.NOT_WORKED], "Evenings are hard")
    click(qtbot, page.save_answers_button)
    click(qtbot, page.preview_button)
    assert page.preview.page_count() > 0
    ctx.close_store()
    assert all(edit.toPlainText() == "" for edit in page.answers.values())
    assert page.preview.page_count() == 0 and page.plain_preview.toPlainText() == ""


def test_a_preview_goes_when_the_choice_changes_and_ctrl_p_prints(
    qtbot, page: ReportsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.choose_preset("this_budget_year")
    with qtbot.waitActive(page):
        page.activateWindow()
    page.report.setFocus()
    with qtbot.waitSignal(page.preview_button.clicked):  # a button's Alt-letter presses it as a click does
        qtbot.keyClick(page.report, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Alt+S: Show preview
    assert page.preview.isVisible()
    page.large_print.setFocus()
    qtbot.keyClick(page.large_print, Qt.Key.Key_Space)
    assert not page.preview.isVisible() and not page.plain_preview.isVisible()
    assert "Show preview" in page.preview_note.text()
    asked: list[int] = []
    monkeypatch.setattr(reports_page, "ask_print", lambda parent, printer, pages: asked.append(pages) or False)
    qtbot.keyClick(page.large_print, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and asked[0] >= 1

"""The Reports page, driven the way a person uses it: choose the report and dates, type the explanation and
the review answers, then preview, save a PDF or CSV, or print. The assertions look at the store and the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from ipb_desktop.models.store import Store
from ipb_desktop.statements import explanations, review_answers
from ipb_desktop.ui import messages, reports_page
from ipb_desktop.ui.operations import AppContext
from ipb_desktop.ui.reports_page import ReportsPage
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


def test_the_preview_shows_the_figures_and_printing_gives_pages(
    qtbot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.choose_preset("this_budget_year")
    click(qtbot, page.preview_button)
    shown = page.preview.toPlainText()
    assert "£1,382.50" in shown and "Clayworks Studio" in shown and "Missing receipts" in shown

    def print_to_file(parent, printer: QPrinter) -> bool:  # the person chooses "Print to file" in the dialog
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    monkeypatch.setattr(reports_page, "ask_print", print_to_file)
    click(qtbot, page.print_button)
    assert "Clayworks Studio" in pdf_text(tmp_path / "printed.pdf")


def test_backwards_dates_are_explained_and_nothing_is_saved(
    qtbot, page: ReportsPage, save_to: list[Path], tmp_path: Path
) -> None:
    said: list[str] = []
    messages.bridge().error_shown.connect(said.append)
    page.set_dates(dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    save_to.append(tmp_path / "never.pdf")
    click(qtbot, page.save_pdf_button)
    assert not (tmp_path / "never.pdf").exists()
    assert any("swap" in text for text in said)
    messages.bridge().error_shown.disconnect(said.append)


def test_saving_over_the_store_is_refused(
    qtbot, page: ReportsPage, ctx: AppContext, save_to: list[Path], tmp_path: Path
) -> None:
    said: list[str] = []
    messages.bridge().error_shown.connect(said.append)
    store_file = tmp_path / "alys.ipb"
    before = store_file.stat().st_size
    save_to.append(store_file)
    click(qtbot, page.save_pdf_button)
    assert store_file.stat().st_size == before
    assert any("budget store file" in text for text in said)
    messages.bridge().error_shown.disconnect(said.append)


def test_locking_empties_the_page(qtbot, page: ReportsPage, ctx: AppContext) -> None:
    qtbot.keyClicks(page.answers[review_answers.Question.NOT_WORKED], "Evenings are hard")
    click(qtbot, page.save_answers_button)
    ctx.close_store()
    assert all(edit.toPlainText() == "" for edit in page.answers.values())
    assert page.preview.toPlainText() == ""

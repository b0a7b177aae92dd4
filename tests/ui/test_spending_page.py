"""The Spending page, driven as a person would: keyboard quick-add, change, split, delete and undo, receipts,
searching with totals, and a statement dropped on the page. Each test checks the store, not the widgets."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from reportlab.pdfgen import canvas
from sqlalchemy import select

from ipb_desktop import ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.schema import PlanLine, Receipt
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.spending import receipt_viewer
from ipb_desktop.ui.spending.form import PaymentDialog
from ipb_desktop.ui.spending.page import SpendingPage
from ipb_desktop.ui.spending.receipt_viewer import ReceiptDialog
from ipb_desktop.ui.spending.split import SplitDialog


@pytest.fixture
def page(qtbot, ctx: AppContext, filled_store: Store) -> SpendingPage:
    ctx.set_store(filled_store)
    shown = SpendingPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@dataclass(frozen=True)
class Saved:
    """A payment as saved in the store (read back plainly, so it outlives the reading session)."""

    id: int
    txn_date: dt.date
    direction: str
    amount_pence: int
    description: str
    parts: list[tuple[int, int | None]]


def payments(store: Store, text: str) -> list[Saved]:
    """The live payments whose payee or description matches `text`, newest first."""
    with store.reading() as s:
        ids = ledger_query.transaction_ids(s, LedgerFilter(text=text))
        found = [ledger.get_transaction(s, i) for i in ids]
        return [
            Saved(
                t.id,
                t.txn_date,
                t.direction,
                t.amount_pence,
                t.description,
                [(a.amount_pence, a.plan_line_id) for a in t.allocations],
            )
            for t in found
        ]


def line_id(store: Store, description: str) -> int:
    with store.reading() as s:
        return s.scalars(select(PlanLine.id).where(PlanLine.description == description)).one()


def quick_add(qtbot, page: SpendingPage, payee: str, amount: str, plan_line_text: str = "") -> None:
    """Type a payment into the quick-add row and press Enter, with the keyboard only."""
    row = page.quick_add
    row.payee.setFocus()
    qtbot.keyClicks(row.payee, payee)
    qtbot.keyClick(row.payee, Qt.Key.Key_Tab)
    row.amount.selectAll()
    qtbot.keyClicks(row.amount, amount)
    if plan_line_text:
        qtbot.keyClicks(row.plan_line, plan_line_text)  # a combo jumps to the item starting with what is typed
        qtbot.keyClick(row.plan_line, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(row.amount, Qt.Key.Key_Return)


def select_payee(qtbot, page: SpendingPage, payee: str) -> int:
    model = page.model
    for row in range(model.rowCount()):
        if model.row_for(row).payee == payee:
            page.table.setFocus()
            page.table.selectRow(row)
            return model.id_at(row)
    raise AssertionError(f"{payee} is not in the table")


def test_log_a_payment_with_quick_add_using_the_keyboard(qtbot, page: SpendingPage, filled_store: Store) -> None:
    quick_add(qtbot, page, "Corner Art Shop", "12.50", "Pottery")
    [txn] = payments(filled_store, "Corner Art Shop")
    assert (txn.txn_date, txn.direction, txn.amount_pence) == (dt.date(2026, 5, 15), "out", 1250)
    assert txn.parts[0][1] == line_id(filled_store, "Pottery class")
    assert "Saved: Corner Art Shop" in page.quick_add.status.text()
    assert page.quick_add.payee.text() == "" and page.quick_add.payee.hasFocus()
    # It is chosen in the table at once, and the totals include it.
    assert page.selected_row() is not None and page.selected_row().payee == "Corner Art Shop"
    assert "Showing 5 payments" in page.totals.text()


def test_quick_add_remembers_a_payee_and_warns_gently(qtbot, page: SpendingPage, filled_store: Store) -> None:
    row = page.quick_add
    row.payee.setFocus()
    qtbot.keyClicks(row.payee, "Clayworks Studio")
    qtbot.keyClick(row.payee, Qt.Key.Key_Tab)
    assert row.amount.text() == "37.50"  # last time's amount, selected so typing replaces it
    assert row.plan_line.currentText() == "Pottery class"
    qtbot.keyClicks(row.amount, "40")
    qtbot.keyClick(row.amount, Qt.Key.Key_Return)
    amounts = sorted(t.amount_pence for t in payments(filled_store, "Clayworks"))
    assert amounts == [3750, 4000]
    # A payment to nothing in the plan is saved, with a calm note.
    quick_add(qtbot, page, "Mystery Market", "3")
    assert len(payments(filled_store, "Mystery Market")) == 1
    assert "not linked to anything in your plan" in row.status.text()


def test_quick_add_without_an_amount_asks_for_it_and_saves_nothing(
    qtbot, page: SpendingPage, filled_store: Store
) -> None:
    row = page.quick_add
    qtbot.keyClicks(row.payee, "Corner Art Shop")
    qtbot.keyClick(row.payee, Qt.Key.Key_Return)
    assert row.amount.hasFocus() and "type the amount" in row.status.text()
    qtbot.keyClicks(row.amount, "twelve")
    qtbot.keyClick(row.amount, Qt.Key.Key_Return)
    assert "not an amount of money" in row.status.text()
    assert payments(filled_store, "Corner Art Shop") == []


def test_change_a_payment_in_the_form_and_undo(qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store) -> None:
    select_payee(qtbot, page, "Clayworks Studio")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog) and dialog.amount.text() == "37.50"
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "45.00")
    dialog.description.clear()
    qtbot.keyClicks(dialog.description, "Pottery, 4 weeks")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    [txn] = payments(filled_store, "Clayworks")
    assert (txn.amount_pence, txn.description) == (4500, "Pottery, 4 weeks")
    assert not dialog.isVisible()
    ctx.undo_stack.undo()
    [txn] = payments(filled_store, "Clayworks")
    assert (txn.amount_pence, txn.description) == (3750, "Pottery, 3 weeks")


def test_a_problem_in_the_form_is_shown_under_its_field_and_nothing_changes(
    qtbot, page: SpendingPage, filled_store: Store
) -> None:
    select_payee(qtbot, page, "Clayworks Studio")
    page.edit_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "0")
    dialog.accept()
    assert dialog.isVisible()
    assert "more than 0.00" in dialog.form.problem_text("amount")
    assert payments(filled_store, "Clayworks")[0].amount_pence == 3750


def test_split_a_payment_across_two_plan_lines(qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store) -> None:
    select_payee(qtbot, page, "Clayworks Studio")
    page.split_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, SplitDialog) and len(dialog.parts) == 2
    first, second = dialog.parts
    assert first.amount.text() == "37.50" and "Left to share: £0.00" in dialog.left.text()
    first.amount.clear()
    qtbot.keyClicks(first.amount, "30")
    assert "Left to share: £7.50." in dialog.left.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(second.amount, "7.5")
    qtbot.keyClicks(second.plan_line, "Laptop")
    assert "The parts add up" in dialog.left.text() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [txn] = payments(filled_store, "Clayworks")
    assert txn.parts == [
        (3000, line_id(filled_store, "Pottery class")),
        (750, line_id(filled_store, "Laptop for job search")),
    ]
    row = page.model.row_for(page.model.row_of(txn.id))
    assert row is not None and row.is_split
    ctx.undo_stack.undo()
    assert len(payments(filled_store, "Clayworks")[0].parts) == 1


def test_delete_asks_once_and_undo_brings_it_back(
    qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store
) -> None:
    txn_id = select_payee(qtbot, page, "Jo Assistant")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    box = page.dialog
    assert isinstance(box, QMessageBox) and "Jo Assistant" in box.text()
    delete = next(b for b in box.findChildren(QPushButton) if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert payments(filled_store, "Jo Assistant") == []
    assert page.model.row_of(txn_id) is None
    ctx.undo_stack.undo()
    assert [t.id for t in payments(filled_store, "Jo Assistant")] == [txn_id]
    assert page.model.row_of(txn_id) is not None


def test_keep_it_leaves_the_payment_alone(qtbot, page: SpendingPage, filled_store: Store) -> None:
    select_payee(qtbot, page, "Jo Assistant")
    page.delete_action.trigger()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    keep = next(b for b in box.findChildren(QPushButton) if b.text() == "Keep it")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert len(payments(filled_store, "Jo Assistant")) == 1


def tiny_png(folder: Path) -> Path:
    image = QImage(6, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    path = folder / "receipt.png"
    assert image.save(str(path))
    return path


def test_attach_a_receipt_and_look_at_it(
    qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    png = tiny_png(tmp_path)
    monkeypatch.setattr(receipt_viewer, "choose_receipt_file", lambda parent: png)
    txn_id = select_payee(qtbot, page, "Clayworks Studio")
    assert not page.view_action.isEnabled()
    page.attach_action.trigger()
    with filled_store.reading() as s:
        [receipt] = s.scalars(select(Receipt).where(Receipt.transaction_id == txn_id)).all()
        assert (receipt.filename, receipt.media_type, receipt.content) == ("receipt.png", "image/png", png.read_bytes())
        receipt_id = receipt.id
    assert page.selected_id() == txn_id and page.view_action.isEnabled()
    assert page.model.row_for(page.model.row_of(txn_id)).receipt_count == 1
    page.view_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog)
    picture = dialog.picture.pixmap()
    assert (picture.width(), picture.height()) == (6, 4)
    assert "not encrypted" in dialog.warning.text()
    # Saving a copy writes the same bytes where the person chose.
    copy = tmp_path / "copy.png"
    monkeypatch.setattr(receipt_viewer, "choose_copy_path", lambda parent, name: copy)
    assert dialog.save_a_copy() == copy and copy.read_bytes() == png.read_bytes()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.receipts == []
    ctx.undo_stack.undo()
    with filled_store.reading() as s:
        assert s.get(Receipt, receipt_id).deleted_at is None


def one_page_pdf(folder: Path) -> Path:
    """An invoice as a PDF, like one a care agency emails."""
    path = folder / "invoice.pdf"
    drawing = canvas.Canvas(str(path), pagesize=(300, 400))
    drawing.drawString(40, 340, "Invoice 117: Pottery, 10 April 2026, £37.50")
    drawing.save()
    return path


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_a_pdf_receipt_is_shown_as_its_page_and_no_file_is_written(
    qtbot, page: SpendingPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = one_page_pdf(tmp_path)
    monkeypatch.setattr(receipt_viewer, "choose_receipt_file", lambda parent: pdf)
    select_payee(qtbot, page, "Clayworks Studio")
    page.attach_action.trigger()
    # Any temporary file (Python's or Qt's) would land in tmp_path, where it would be seen.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = files_under(tmp_path)
    page.view_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog)
    assert dialog.pages.isVisible() and not dialog.picture_area.isVisible()
    [shown] = dialog.pages.page_labels
    assert shown.accessibleName() == "Page 1 of 1" and not shown.pixmap().isNull()
    assert abs(shown.width() / shown.height() - 300 / 400) < 0.01  # the page's own shape
    assert dialog.note.text() == "Showing invoice.pdf."
    assert files_under(tmp_path) == before
    # A copy is still there for another program, with the same plain warning.
    assert dialog.save_copy.isEnabled() and "not encrypted" in dialog.warning.text()
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(receipt_viewer, "choose_copy_path", lambda parent, name: copy)
    assert dialog.save_a_copy() == copy and copy.read_bytes() == pdf.read_bytes()


def test_a_damaged_pdf_receipt_offers_a_copy_with_a_plain_warning(
    qtbot, page: SpendingPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%invented and cut short\n")
    monkeypatch.setattr(receipt_viewer, "choose_receipt_file", lambda parent: pdf)
    select_payee(qtbot, page, "Jo Assistant")
    page.attach_action.trigger()
    page.view_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog)
    assert "cannot be shown here" in dialog.note.text() and dialog.save_copy.isEnabled()
    assert dialog.pages.page_count() == 0


def test_search_by_text_shows_matching_rows_and_their_totals(qtbot, page: SpendingPage) -> None:
    assert "Showing 4 payments" in page.totals.text()
    page.filters.text.setFocus()
    with qtbot.waitSignal(page.filters.changed, timeout=2000):
        qtbot.keyClicks(page.filters.text, "exampleshire")
    assert page.model.rowCount() == 2
    assert "Showing 2 payments. Money in £1,720.00. Money out £0.00. Difference +£1,720.00." in page.totals.text()
    page.filters.text.clear()
    page.filters.flush()
    page.filters.missing_receipt.setChecked(True)
    assert page.model.rowCount() == 2
    assert "Money out £337.50" in page.totals.text()
    qtbot.mouseClick(page.filters.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4


def test_plan_line_filter_counts_only_that_line(qtbot, page: SpendingPage) -> None:
    page.filters.more.click()
    assert page.filters.plan_line.isVisible()
    page.filters.plan_line.setCurrentIndex(page.filters.plan_line.findText("Pottery class"))
    assert page.model.rowCount() == 1
    assert "Money out £37.50" in page.totals.text()


def test_a_statement_dropped_on_the_page_is_handed_to_import(qtbot, page: SpendingPage, tmp_path: Path) -> None:
    statement = tmp_path / "bank.ofx"
    statement.write_text("OFXHEADER:100")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(statement))])
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(page.statementDropped) as signal:
        page.dropEvent(drop)
    assert signal.args == [statement]


def test_every_input_on_the_page_has_a_name(page: SpendingPage) -> None:
    page.filters.more.click()
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit

    unnamed = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QComboBox | QDateEdit | QAbstractButton) or not widget.isVisible():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
            continue
        buddies = [lab for lab in page.findChildren(QLabel) if lab.buddy() is widget]
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or buddies or text.strip()):
            unnamed.append(widget)
    assert unnamed == []


def test_locking_empties_the_page_and_closes_its_dialog(qtbot, open_window: MainWindow) -> None:
    """The window's own Lock (as the idle timer and File > Lock do it), with the payment form open over Spending."""
    open_window.show_page("spending")
    [page] = open_window.findChildren(SpendingPage)
    select_payee(qtbot, page, "Clayworks Studio")
    page.edit_action.trigger()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    open_window.lock_action.trigger()
    assert open_window.ctx.store is None and open_window.ctx.is_locked
    assert not dialog.isVisible()
    assert page.model.rowCount() == 0 and page.quick_add.plan_line.count() == 1

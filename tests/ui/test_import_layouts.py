"""Bank and card files as real banks write them, through the import dialog the way a person uses it: a card
statement whose spending has no minus, a remembered "flip signs" choice, pending lines, a file with no payments,
problems named by line and column, and the column step at 100 % and 200 % text. Each ends in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from ipb_desktop.bankimport.mapping import FIELD_LABELS
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.bank_import.dialog import ImportDialog
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.appearance import apply_text_scale
from tests.bankimport.conftest import ledger_rows
from tests.ui.alt_letters import clashes
from tests.ui.test_accessibility import unnamed_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "bankimport" / "samples"
NEW_BOXES = ("dr_cr", "fee", "state", "currency")

# An invented prepaid-card portal: spending shown as plain amounts, a top-up with a minus.
PREPAID_MAY = """Date,Description,Amount
02/05/2026,Clayworks Studio,12.50
05/05/2026,Riverside Gym,25.00
09/05/2026,Card top-up,-200.00
"""
PREPAID_JUNE = """Date,Description,Amount
03/06/2026,Taf Cafe,4.20
10/06/2026,Card top-up,-50.00
"""
# A later Revolut file: the cinema ticket pending in revolut.csv has now been finished by the bank.
REVOLUT_LATER = (
    (SAMPLES / "revolut.csv")
    .read_text(encoding="utf-8")
    .replace(
        "2026-03-07 18:22:00,,Hafod Cinema,-9.50,0.00,GBP,PENDING,",
        "2026-03-07 18:22:00,2026-03-08 07:00:00,Hafod Cinema,-9.50,0.00,GBP,COMPLETED,139.00",
    )
)


@pytest.fixture
def open_ctx(ctx: AppContext, filled_store: Store) -> AppContext:
    ctx.set_store(filled_store)
    return ctx


def imported_net(store: Store) -> int:
    """Money in less money out over every live payment that came from a bank file, in pence."""
    with store.reading() as s:
        rows = s.execute(
            select(Transaction.direction, Transaction.amount_pence).where(
                Transaction.deleted_at.is_(None), Transaction.bank_id.is_not(None)
            )
        )
        return sum(amount if direction == "in" else -amount for direction, amount in rows)


def start(qtbot, ctx: AppContext, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    """The dialog with the file's name typed in and Next pressed (a CSV file: the column step)."""
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.file_edit, str(path))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentWidget() is dialog.columns_page, dialog.problem.text()
    return dialog


def press(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def toggle(qtbot, box: QWidget) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def label_for(widget: QWidget) -> list[str]:
    """What a screen reader says the widget is labelled by (the AT-SPI "labelled by" relation)."""
    found = QAccessible.queryAccessibleInterface(widget)
    return [
        other.text(QAccessible.Text.Name)
        for other, relation in found.relations()
        if relation & QAccessible.RelationFlag.Label
    ]


def settle() -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def test_a_card_statement_reads_spending_as_money_out_and_imports_the_right_net_amount(
    qtbot, open_ctx: AppContext, filled_store: Store
) -> None:
    before = imported_net(filled_store)
    dialog = start(qtbot, open_ctx, SAMPLES / "johnlewis-card.csv")
    step = dialog.columns_page
    assert step.flip.isChecked()  # a card layout: the app has already decided, and shows it
    assert unnamed_inputs(dialog) == []
    assert clashes(dialog) == {}
    for field in NEW_BOXES:
        # Its own label, and the group it is in.
        assert label_for(dialog.column_boxes[field]) == [FIELD_LABELS[field], "Other columns, if the file has them"]
    press(qtbot, dialog.next_button)

    assert dialog.steps.currentWidget() is dialog.check_page
    said = dialog.signs_label.text()
    assert dialog.signs_label.isVisible()
    assert "read those amounts as money out" in said
    assert "press Back and untick 'Spending has no minus sign in this file'" in said
    assert [row[1] for row in rows(dialog.new_table)] == ["-£99.99", "-£158.57", "£1,234.56", "-£100.00"]
    press(qtbot, dialog.import_button)
    assert imported_net(filled_store) - before == 87600  # +£1,234.56 paid to the card, £358.56 spent

    again = start(qtbot, open_ctx, SAMPLES / "johnlewis-card.csv")
    press(qtbot, again.next_button)
    assert "every line is already in" in again.summary.text()
    assert not again.import_button.isEnabled()


def test_unticking_flip_signs_on_a_card_takes_amounts_as_written(
    qtbot, open_ctx: AppContext, filled_store: Store
) -> None:
    dialog = start(qtbot, open_ctx, SAMPLES / "johnlewis-card.csv")
    toggle(qtbot, dialog.columns_page.flip)
    assert not dialog.columns_page.flip.isChecked()
    press(qtbot, dialog.next_button)
    assert not dialog.signs_label.isVisible()
    press(qtbot, dialog.import_button)
    assert imported_net(filled_store) == 99_99 + 158_57 + 1_234_56 + 100_00


def test_flip_signs_is_remembered_for_the_next_file_of_the_same_layout(
    qtbot, open_ctx: AppContext, filled_store: Store, tmp_path: Path
) -> None:
    may, june = tmp_path / "prepaid-may.csv", tmp_path / "prepaid-june.csv"
    may.write_text(PREPAID_MAY, encoding="utf-8")
    june.write_text(PREPAID_JUNE, encoding="utf-8")
    dialog = start(qtbot, open_ctx, may)
    assert not dialog.columns_page.flip.isChecked()  # nothing in the headings says "card"
    press(qtbot, dialog.next_button)
    assert [row[1] for row in rows(dialog.new_table)] == ["£12.50", "£25.00", "-£200.00"]  # the wrong way round
    press(qtbot, dialog.back_button)
    toggle(qtbot, dialog.columns_page.flip)
    press(qtbot, dialog.next_button)
    assert [row[1] for row in rows(dialog.new_table)] == ["-£12.50", "-£25.00", "£200.00"]
    assert "read those amounts as money out" in dialog.signs_label.text()
    press(qtbot, dialog.import_button)
    assert imported_net(filled_store) == 200_00 - 12_50 - 25_00

    later = start(qtbot, open_ctx, june)
    assert "columns you chose last time" in later.columns_page.intro.text()
    assert later.columns_page.flip.isChecked()
    press(qtbot, later.next_button)
    press(qtbot, later.import_button)
    assert imported_net(filled_store) == 200_00 - 12_50 - 25_00 + 50_00 - 4_20


def test_pending_lines_are_listed_left_out_and_come_in_from_a_later_file(
    qtbot, open_ctx: AppContext, filled_store: Store, tmp_path: Path
) -> None:
    dialog = start(qtbot, open_ctx, SAMPLES / "revolut.csv")
    press(qtbot, dialog.next_button)
    panel = dialog.pending_panel
    assert panel.isVisible()
    assert panel.heading.text() == "Pending at the bank — left out, will come in from a later file"
    assert panel.table.accessibleName() == panel.heading.text()
    assert rows(panel.table) == [["6", "07/03/2026", "-£9.50", "Hafod Cinema"]]
    notices = dialog.notices_label.text()
    assert "1 payment is still pending at the bank, so it was left out" in notices
    assert "declined or reversed" in notices
    assert ["05/03/2026", "-£21.50", "To Aled Morgan"] in [row[:3] for row in rows(dialog.new_table)]  # the fee
    press(qtbot, dialog.import_button)
    assert imported_net(filled_store) == 200_00 - 30_00 - 21_50

    later_file = tmp_path / "revolut-later.csv"
    later_file.write_text(REVOLUT_LATER, encoding="utf-8")
    later = start(qtbot, open_ctx, later_file)
    press(qtbot, later.next_button)
    assert "1 new, 3 already in" in later.summary.text()
    assert not later.pending_panel.isVisible()
    press(qtbot, later.import_button)
    assert imported_net(filled_store) == 200_00 - 30_00 - 21_50 - 9_50


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Date,Description,Amount\n", "this file has no payments in it, so there is nothing to import"),
        (
            "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance\n"
            "CARD_PAYMENT,Current,2026-03-07 18:22:00,,Hafod Cinema,-9.50,0.00,GBP,PENDING,\n",
            "this file has no payments in it that the bank has finished yet",
        ),
    ],
)
def test_a_file_with_no_payments_says_so(
    qtbot, open_ctx: AppContext, filled_store: Store, tmp_path: Path, text: str, said: str
) -> None:
    before = ledger_rows(filled_store)
    path = tmp_path / "statement.csv"
    path.write_text(text, encoding="utf-8")
    dialog = start(qtbot, open_ctx, path)
    press(qtbot, dialog.next_button)
    assert dialog.steps.currentWidget() is dialog.check_page
    assert said in dialog.summary.text()
    assert "already in" not in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert ledger_rows(filled_store) == before


def test_a_refused_file_names_the_line_and_the_column(qtbot, open_ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Date,Description,Amount\n31/02/2026,GYM,-25.00\n", encoding="utf-8")
    dialog = start(qtbot, open_ctx, path)
    press(qtbot, dialog.next_button)
    assert dialog.steps.currentWidget() is dialog.columns_page
    assert "Line 2, column 'Date': '31/02/2026' is not a real date." in dialog.problem.text()


def test_the_column_step_fits_at_100_and_200_percent_text(qtbot, open_ctx: AppContext) -> None:
    dialog = start(qtbot, open_ctx, SAMPLES / "revolut.csv")
    step = dialog.columns_page
    settle()
    assert step.side_by_side()  # every box in view at the dialog's own size, nothing to scroll
    assert step.verticalScrollBar().maximum() == 0
    assert step.horizontalScrollBar().maximum() == 0

    apply_text_scale(200)
    try:
        settle()
        dialog.resize(1000, 640)
        settle()
        assert not step.side_by_side()  # one group above the other
        assert step.horizontalScrollBar().maximum() == 0  # never sideways
        assert dialog.minimumSizeHint().height() <= 640  # the dialog still fits a small laptop screen
        char = step.fontMetrics().averageCharWidth()
        for field, box in dialog.column_boxes.items():
            assert box.width() >= 20 * char, field
            label = step.labels[field]
            assert label.width() >= label.sizeHint().width(), field  # the whole label shows
        # Tab reaches the last box and the page scrolls to show it.
        first = dialog.column_boxes["date"]
        first.setFocus()
        last = dialog.column_boxes["currency"]
        for _n in range(len(dialog.column_boxes) - 1):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert last.hasFocus()
        settle()
        assert not last.visibleRegion().isEmpty()
    finally:
        apply_text_scale(100)

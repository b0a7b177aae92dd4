"""Plan and budget, the money parts, by key presses: each stream's budget / committed / spent / left, the part of a
mixed budget paid into the account, a repayment or clawback to a funder, the assessed contribution due against
paid in, and built-in names in Welsh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop import budget, figures, i18n, ledger, plan, repayments, settings
from ipb_desktop.formatting import money
from ipb_desktop.models.schema import FundingStream, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.plan.dialogs import PlanLineDialog, StreamDialog
from ipb_desktop.ui.plan.page import PlanPage
from ipb_desktop.ui.plan.repayment import RepaymentDialog
from ipb_desktop.ui.shell.appearance import apply_language
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import TODAY
from tests.ui.keys import choose, press


def _page(qtbot, win: MainWindow) -> PlanPage:
    with qtbot.waitActive(win):
        win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # to Plan and budget
    page = win.page_widgets["plan"]
    assert isinstance(page, PlanPage) and page.isVisible()
    return page


def _column(model, heading: str) -> int:
    headings = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())
    ]
    return headings.index(heading)


def _shown(model, row: int, heading: str) -> str:
    return str(model.data(model.index(row, _column(model, heading))))


def _stream_id(win: MainWindow, funder: str) -> int:
    with win.ctx.store.reading() as s:
        return s.scalars(select(FundingStream.id).where(FundingStream.funder_name == funder)).one()


def test_each_stream_shows_budget_committed_spent_and_left(qtbot, open_window: MainWindow) -> None:
    with open_window.ctx.store.transaction() as s:
        pottery = next(
            line for line in plan.plan_lines(s, budget.periods(s)[0].id) if line.description == "Pottery class"
        )
        # Booked and invoiced in May, to be paid in June: committed, not spent.
        invoice = ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 6, 1), "out", 5000, "Clayworks Studio", plan_line_id=pottery.id)
        )
        invoice.created_at = dt.datetime(2026, 5, 10, 12, 0)
    page = _page(qtbot, open_window)
    model = page.streams_model
    row = next(i for i, s in enumerate(model.rows) if s.funder_name == "Exampleshire ICB")
    assert _shown(model, row, "For this period") == "£14,400.00"
    assert _shown(model, row, "Spent") == "£37.50"
    assert _shown(model, row, "Committed") == "£50.00"
    assert _shown(model, row, "Left") == "£14,312.50"
    lines = page.lines_model
    line_row = next(i for i, r in enumerate(lines.rows) if r.figures.description == "Pottery class")
    assert _shown(lines, line_row, "Committed") == "£50.00"
    assert _shown(lines, line_row, "Left") == "£212.50"


def test_a_mixed_budget_asks_how_much_is_paid_into_the_account(qtbot, open_window: MainWindow) -> None:
    page = _page(qtbot, open_window)
    press(qtbot, page.add_stream_button)
    dialog = page.dialog
    assert isinstance(dialog, StreamDialog)
    assert not dialog.paid_in.isVisibleTo(dialog)  # a direct payment: all of it comes to the account
    dialog.funder.setFocus()
    qtbot.keyClicks(dialog.funder, "Westshire Mixed Care")
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "500")
    choose(qtbot, dialog.held, "mixed")
    assert dialog.paid_in.isVisibleTo(dialog)
    press(qtbot, dialog.save_button)
    assert "how much of each payment is paid into the account" in dialog.form.problem_text("paid_in")
    dialog.paid_in.setFocus()
    qtbot.keyClicks(dialog.paid_in, "300")
    press(qtbot, dialog.save_button)
    assert page.dialog is None
    stream_id = _stream_id(open_window, "Westshire Mixed Care")
    with open_window.ctx.store.reading() as s:
        stream = budget.get_stream(s, stream_id)
        assert (stream.held_as, stream.amount_pence, stream.paid_in_pence) == ("mixed", 50000, 30000)
    row = next(i for i, f in enumerate(page.streams_model.rows) if f.stream_id == stream_id)
    payments = page.streams_model.rows[row].payments_in_period
    assert _shown(page.streams_model, row, "How held") == f"Mixed ({money(30000 * payments)} paid into the account)"

    # Editing something else keeps the paid-in part (it used to be lost on every edit).
    page.streams_table.setCurrentIndex(
        page.streams_model.index(next(i for i, s in enumerate(page.streams_model.rows) if s.stream_id == stream_id), 0)
    )
    press(qtbot, page.edit_stream_button)
    dialog = page.dialog
    assert dialog.paid_in.text() == "300.00"
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Agreed at my review")
    press(qtbot, dialog.save_button)
    with open_window.ctx.store.reading() as s:
        assert budget.get_stream(s, stream_id).paid_in_pence == 30000


@pytest.mark.parametrize("clawback", [False, True])
def test_a_repayment_or_clawback_to_a_funder(qtbot, open_window: MainWindow, clawback: bool) -> None:
    page = _page(qtbot, open_window)
    council = _stream_id(open_window, "Exampleshire Council")
    with open_window.ctx.store.reading() as s:
        balance_before = figures.balance_on(s, TODAY)
    page.streams_table.setFocus()
    qtbot.keyClick(page.streams_table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Record a repayment…
    qtbot.waitUntil(lambda: isinstance(page.dialog, RepaymentDialog))
    dialog = page.dialog
    choose(qtbot, dialog.stream, council)
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "0")
    press(qtbot, dialog.save_button)
    assert "more than 0.00" in dialog.form.problem_text("amount")
    dialog.amount.selectAll()
    qtbot.keyClicks(dialog.amount, "200")
    if clawback:
        press(qtbot, dialog.clawback)
    press(qtbot, dialog.save_button)
    assert page.dialog is None
    with open_window.ctx.store.reading() as s:
        paid = s.scalars(
            select(Transaction).where(Transaction.payee == "Exampleshire Council", Transaction.direction == "out")
        ).one()
        (part,) = paid.allocations
        assert (paid.amount_pence, part.stream_id, paid.through_account) == (20000, council, not clawback)
        assert part.category.name == "Repayment to a funder"
        assert figures.balance_on(s, TODAY) == balance_before - (0 if clawback else 20000)
    row = next(i for i, f in enumerate(page.streams_model.rows) if f.stream_id == council)
    assert _shown(page.streams_model, row, "Spent") == "£500.00"  # Jo's £300.00 wages, and now £200.00 back
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert figures.balance_on(s, TODAY) == balance_before
        assert (
            s.scalars(
                select(Transaction).where(
                    Transaction.payee == "Exampleshire Council",
                    Transaction.direction == "out",
                    Transaction.deleted_at.is_(None),
                )
            ).first()
            is None
        )


def test_the_assessed_contribution_due_against_paid(qtbot, open_window: MainWindow) -> None:
    with open_window.ctx.store.transaction() as s:
        period = budget.periods(s)[0]
        mine = budget.add_stream(
            s, period.id, budget.StreamDetails("personal_contribution", "My contribution", 1000, "weekly")
        )
        ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 4, 6), "in", 2000, "A Testwood", stream_id=mine.id)
        )
    page = _page(qtbot, open_window)
    with open_window.ctx.store.reading() as s:
        found = repayments.contribution(s, budget.periods(s)[0].id, TODAY)
    assert found.paid_pence == 2000 and found.due_pence > found.paid_pence
    text = page.contribution_words.text()
    assert f"{money(found.due_pence)} due, £20.00 paid in" in text
    assert f"Still to pay: {money(found.due_pence - 2000)}" in text


@pytest.fixture
def welsh(qapp) -> Iterator[None]:
    apply_language("cy")
    yield
    apply_language("en_GB")


def test_built_in_names_on_plan_are_in_welsh(welsh, filled_store: Store, qtbot, window: MainWindow) -> None:
    with filled_store.transaction() as s:
        settings.put(s, "language", "cy")  # as if chosen in Settings
    window.enter(filled_store)
    page = _page(qtbot, window)
    assert page.period.currentText() == i18n._("{first} to {last}").format(first=2026, last=2027) != "2026 to 2027"
    headings = [
        page.streams_model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(page.streams_model.columnCount())
    ]
    assert i18n._("Committed") in headings and "Committed" not in headings
    press(qtbot, page.add_line_button)
    dialog = page.dialog
    assert isinstance(dialog, PlanLineDialog)
    names = [dialog.category.itemText(i) for i in range(dialog.category.count())]
    assert i18n._("Activities and classes") in names and "Activities and classes" not in names
    dialog.reject()

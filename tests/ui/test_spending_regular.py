"""Regular payments on the Spending page: set up once, a calm banner when some are due, confirm or skip, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ipb_desktop import ledger_query, regular
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.page import SpendingPage
from ipb_desktop.ui.spending.regular_dialogs import DueDialog, RegularForm, RegularListDialog


@pytest.fixture
def page(qtbot, ctx: AppContext, filled_store: Store) -> SpendingPage:
    ctx.set_store(filled_store)
    shown = SpendingPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def wages_paid(store: Store) -> list[tuple[dt.date, int]]:
    with store.reading() as s:
        ids = ledger_query.transaction_ids(s, LedgerFilter(text="weekly wages"))
        found = ledger_query.rows(s, ids)
    return [(found[i].txn_date, found[i].amount_pence) for i in ids]


def set_up_wages(qtbot, page: SpendingPage) -> None:
    """Set up weekly wages from 8 May through the Regular payments dialog."""
    page.regular_action.trigger()
    listing = page.dialog
    assert isinstance(listing, RegularListDialog)
    qtbot.mouseClick(listing.add_button, Qt.MouseButton.LeftButton)
    form = listing.form
    assert isinstance(form, RegularForm)
    qtbot.keyClicks(form.payee, "Jo Assistant")
    qtbot.keyClicks(form.amount, "75")
    form.next_due.setDate(form.next_due.date().addDays(-7))
    qtbot.keyClicks(form.description, "Weekly wages")
    qtbot.keyClicks(form.plan_line, "Personal")
    form.accept()
    assert not form.isVisible()
    assert "next on 22 May 2026" not in listing.list.item(0).text()
    listing.reject()


def test_set_up_then_review_and_confirm_when_due(
    qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store
) -> None:
    assert not page.due_banner.isVisible()
    set_up_wages(qtbot, page)
    assert page.due_banner.isVisible()
    assert page.due_text.text().startswith("2 regular payments are due")
    qtbot.mouseClick(page.due_button, Qt.MouseButton.LeftButton)
    due = page.dialog
    assert isinstance(due, DueDialog) and due.list.count() == 2
    # The first was paid a day late and for a little more.
    due.paid_on.setDate(due.paid_on.date().addDays(1))
    due.amount.clear()
    qtbot.keyClicks(due.amount, "80")
    qtbot.keyClick(due.amount, Qt.Key.Key_Return)
    assert wages_paid(filled_store) == [(dt.date(2026, 5, 9), 8000)]
    assert due.list.count() == 1
    qtbot.mouseClick(due.skip_button, Qt.MouseButton.LeftButton)
    assert wages_paid(filled_store) == [(dt.date(2026, 5, 9), 8000)]
    assert not page.due_banner.isVisible()
    # Undo the skip, then the confirm: both come back as due and the payment goes.
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert wages_paid(filled_store) == []
    with filled_store.reading() as s:
        assert [o.due_on for o in regular.due(s, ctx.today())] == [dt.date(2026, 5, 8), dt.date(2026, 5, 15)]
    assert page.due_text.text().startswith("2 regular payments are due")


def test_confirm_all_as_due(qtbot, page: SpendingPage, filled_store: Store) -> None:
    set_up_wages(qtbot, page)
    page.show_due()
    due = page.dialog
    assert isinstance(due, DueDialog)
    qtbot.mouseClick(due.confirm_all_button, Qt.MouseButton.LeftButton)
    assert wages_paid(filled_store) == [(dt.date(2026, 5, 15), 7500), (dt.date(2026, 5, 8), 7500)]
    assert "Nothing is due" in due.list.item(0).text()


def test_a_bad_amount_in_the_regular_form_is_shown_and_nothing_saved(
    qtbot, page: SpendingPage, filled_store: Store
) -> None:
    page.show_regular()
    listing = page.dialog
    assert isinstance(listing, RegularListDialog)
    listing.open_form(None)
    form = listing.form
    assert form is not None
    qtbot.keyClicks(form.payee, "Jo Assistant")
    qtbot.keyClicks(form.amount, "lots")
    form.accept()
    assert form.isVisible() and "not an amount of money" in form.form.problem_text("amount")
    with filled_store.reading() as s:
        assert regular.list_regular(s, include_stopped=True) == []


def test_stop_and_start_again(qtbot, page: SpendingPage, ctx: AppContext, filled_store: Store) -> None:
    set_up_wages(qtbot, page)
    page.show_regular()
    listing = page.dialog
    assert isinstance(listing, RegularListDialog)
    qtbot.mouseClick(listing.stop_button, Qt.MouseButton.LeftButton)
    assert "stopped" in listing.list.item(0).text()
    assert not page.due_banner.isVisible()
    qtbot.mouseClick(listing.stop_button, Qt.MouseButton.LeftButton)
    assert page.due_banner.isVisible()

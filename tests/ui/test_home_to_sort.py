"""Home lists money in that is not linked to a funder under "To sort", each line reachable with Tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ipb_desktop import budget, funders, ledger
from ipb_desktop.models.store import Store
from ipb_desktop.ui.home.page import HomePage
from ipb_desktop.ui.operations.context import AppContext


def test_money_in_to_sort_is_listed_on_home_and_reached_with_tab(qtbot, ctx: AppContext, store: Store) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "Year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        budget.add_stream(s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 5, "weekly"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 3), "in", 56000, "WESTSHIRE COUNCIL"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 4), "in", 700, "Aunt Mair"))
    with store.transaction() as s:
        funders.link_money_in(s)  # the council's payment is linked by its name; Aunt Mair's is left to sort
    ctx.set_store(store)
    page = HomePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()  # reads Home from the store
    (heading,) = [label for label in page.findChildren(QLabel) if label.text() == "To sort" and label.isVisible()]
    in_section = [label.text() for label in heading.parentWidget().findChildren(QLabel)]
    assert len(in_section) == 3  # the heading, how to link, and the one payment
    assert not any("WESTSHIRE COUNCIL" in text for text in in_section)  # linked to its funder by its name
    (line,) = [label for label in heading.parentWidget().findChildren(QLabel) if "Aunt Mair" in label.text()]
    assert line.text().endswith("Aunt Mair, £7.00 in")
    start = next(label for label in page.findChildren(QLabel) if label.text() == "Your budget")
    start.setFocus()
    for _step in range(60):
        if page.focusWidget() is line:
            break
        qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_Tab)
    assert page.focusWidget() is line


def test_home_says_when_the_account_was_last_checked_and_which_weeks_the_surplus_counts(
    qtbot, ctx: AppContext, store: Store
) -> None:
    """Issue 11: Home did not show the last check against a bank statement, and its surplus warning said "weeks of
    your budget" whatever basis was chosen in Settings."""
    from ipb_desktop import accounts

    with store.transaction() as s:
        period = budget.add_period(s, "Year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 10000, "weekly")
        )
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 3), "in", 300000, "WESTSHIRE COUNCIL"))
        ledger.set_reconciled(s, 1)
        accounts.reconcile(s, dt.date(2026, 4, 30), 300000)
    ctx.set_store(store)
    ctx.today = lambda: dt.date(2026, 5, 1)
    page = HomePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()
    texts = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert (
        "Last checked against the bank statement of 30 April 2026: £3,000.00. Your records still agree with it."
        in texts
    )
    assert any("more than 8 weeks of your direct payment in the account" in text for text in texts), texts

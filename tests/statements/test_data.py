"""The figures a statement prints, gathered from a known budget (Alys Testwood, see tests/conftest.py).

April 2026: £520.00 in from the council and £1,200.00 from the ICB; £37.50 to Clayworks Studio (pottery) and
£300.00 to Jo Assistant (PA wages). So the April to June statement opens at £0.00 and closes at £1,382.50.
"""

from __future__ import annotations

import datetime as dt

from ipb_desktop import ledger
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import ReceiptState, statement_data
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON


def test_the_summary_adds_up_overall_and_by_stream(filled_store: Store, ids: dict[str, int]) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    summary = data.summary
    assert (summary.opening_pence, summary.money_in_pence, summary.money_out_pence, summary.closing_pence) == (
        0,
        172000,
        33750,
        138250,
    )
    by_stream = {
        b.label: (b.opening_pence, b.money_in_pence, b.money_out_pence, b.closing_pence) for b in data.stream_balances
    }
    assert by_stream == {
        "Exampleshire Council": (0, 52000, 30000, 22000),
        "Exampleshire ICB": (0, 120000, 3750, 116250),
    }
    assert sum(b.closing_pence for b in data.stream_balances) == summary.closing_pence


def test_a_later_range_opens_with_what_was_left(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, dt.date(2026, 5, 1), JUNE_END, MADE_ON)
    assert data.summary.opening_pence == 138250
    assert data.summary.closing_pence == 138250
    assert data.transactions == []
    assert {b.label: b.opening_pence for b in data.stream_balances} == {
        "Exampleshire Council": 22000,
        "Exampleshire ICB": 116250,
    }


def test_transactions_are_listed_oldest_first_with_what_they_were_for(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    assert [(t.day, t.payee, t.amount_pence) for t in data.transactions] == [
        (dt.date(2026, 4, 1), "Exampleshire Council", 52000),
        (dt.date(2026, 4, 2), "Exampleshire ICB", 120000),
        (dt.date(2026, 4, 10), "Clayworks Studio", 3750),
        (dt.date(2026, 4, 14), "Jo Assistant", 30000),
    ]
    pottery = data.transactions[2]
    assert pottery.parts[0].category == "Activities and classes"
    assert pottery.parts[0].plan_line == "Pottery class"
    assert pottery.parts[0].stream == "Exampleshire ICB"
    assert pottery.parts[0].outcome == "Regain confidence to go out on my own"
    assert pottery.receipt == ReceiptState.MISSING
    assert data.transactions[0].receipt == ReceiptState.NOT_APPLICABLE
    assert [t.payee for t in data.missing_receipts] == ["Clayworks Studio", "Jo Assistant"]


def test_receipts_held_or_not_needed_are_not_missing(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        pottery, wages = [t for t in statement_data(s, APRIL, JUNE_END).transactions if t.direction == "out"]
        ledger.attach_receipt(s, pottery.txn_id, "pottery.pdf", b"%PDF-1.4 receipt")
        txn = ledger.get_transaction(s, wages.txn_id)
        txn.receipt_not_needed = True
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END)
    states = {t.payee: t.receipt for t in data.transactions}
    assert states["Clayworks Studio"] == ReceiptState.HELD
    assert states["Jo Assistant"] == ReceiptState.NOT_NEEDED
    assert data.missing_receipts == []


def test_deleted_payments_are_left_out_and_split_payments_keep_their_parts(
    filled_store: Store, ids: dict[str, int]
) -> None:
    with filled_store.transaction() as s:
        first = statement_data(s, APRIL, JUNE_END).transactions
        ledger.delete_transaction(s, first[3].txn_id)
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 5, 5),
                "out",
                5000,
                "Exampleshire Buses",
                allocations=(
                    ledger.AllocationDraft(2000, plan_line_id=ids["pottery"]),
                    ledger.AllocationDraft(3000, plan_line_id=ids["laptop"]),
                ),
            ),
        )
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END)
    assert "Jo Assistant" not in [t.payee for t in data.transactions]
    split = data.transactions[-1]
    assert [(p.amount_pence, p.plan_line) for p in split.parts] == [
        (2000, "Pottery class"),
        (3000, "Laptop for job search"),
    ]
    assert data.summary.money_out_pence == 3750 + 5000
    assert data.summary.closing_pence == 172000 - 8750


def test_streams_plan_and_surplus_come_from_the_budget_period(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    assert data.period_name == "2026 to 2027"
    assert [(f.funder_name, f.weekly_pence) for f in data.streams] == [
        ("Exampleshire Council", 13000),
        ("Exampleshire ICB", 27692),
    ]
    spent = {line.description: line.spent_pence for line in data.plan_lines}
    assert spent == {"Personal assistant 2.5 hours a week": 30000, "Pottery class": 3750, "Laptop for job search": 0}
    assert data.surplus is not None
    assert data.surplus.balance_pence == 138250
    assert data.holder is not None and data.holder.council_reference == "EXS-000123"

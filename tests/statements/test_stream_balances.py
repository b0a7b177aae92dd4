"""The statement's balance by funding stream: read from the month totals kept by triggers, so a range's cost
follows its own months, and to the penny what adding up every allocation says.

`_EVERY_ALLOCATION` is how the balances were added up before (every allocation ever made through the account,
stream by stream): the plain definition the month totals must agree with, for any ledger and any dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from ipb_desktop import budget, ledger
from ipb_desktop.models.store import Store
from ipb_desktop.statements import data
from tests.statements.conftest import APRIL, JUNE_END
from tests.test_figures_properties import run_rolled_back

_EVERY_ALLOCATION = text(
    """
    SELECT a.stream_id,
        sum(CASE WHEN t.txn_date < :start
            THEN (CASE WHEN t.direction = 'in' THEN a.amount_pence ELSE -a.amount_pence END) ELSE 0 END),
        sum(CASE WHEN t.txn_date >= :start AND t.direction = 'in' THEN a.amount_pence ELSE 0 END),
        sum(CASE WHEN t.txn_date >= :start AND t.direction != 'in' THEN a.amount_pence ELSE 0 END)
    FROM allocation AS a JOIN "transaction" AS t ON t.id = a.transaction_id
    WHERE t.deleted_at IS NULL AND t.txn_date <= :end AND t.through_account IS 1
    GROUP BY a.stream_id
    """
)

FIRST = dt.date(2025, 1, 1)  # ledgers run over about two years, from mid-month to mid-month


def _every_allocation(s: Session, start: dt.date, end: dt.date) -> dict[int | None, list[int]]:
    found = s.execute(_EVERY_ALLOCATION, {"start": start.isoformat(), "end": end.isoformat()})
    return {row[0]: [int(row[1]), int(row[2]), int(row[3])] for row in found if any(row[1:])}


def _month_totals(s: Session, start: dt.date, end: dt.date) -> dict[int | None, list[int]]:
    return {key: sums for key, sums in data._stream_sums(s, start, end).items() if any(sums)}


payments = st.lists(
    st.tuples(
        st.integers(0, 700),  # day
        st.sampled_from(("in", "out")),
        st.integers(1, 500_000),
        st.integers(-1, 2),  # stream (-1: none; 2 is a notional budget, never through the account)
        st.integers(0, 3),  # 0: kept; 1: deleted; 2: split in two; 3: moved 40 days later
    ),
    max_size=30,
)
dates = st.tuples(st.integers(-40, 760), st.integers(0, 500))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(rows=payments, ranges=st.lists(dates, min_size=1, max_size=6))
def test_balances_by_stream_agree_to_the_penny_with_adding_up_every_allocation(
    store: Store, rows: list[tuple[int, str, int, int, int]], ranges: list[tuple[int, int]]
) -> None:
    def work(s: Session) -> None:
        period = budget.add_period(s, "Two years", FIRST, FIRST + dt.timedelta(days=729))
        streams = [
            budget.add_stream(s, period.id, budget.StreamDetails(kind, name, 56000, "four_weekly", how)).id
            for kind, name, how in (
                ("council_social_care", "Exampleshire Council", "direct_payment"),
                ("nhs_phb", "Exampleshire ICB", "direct_payment"),
                ("council_social_care", "Brookvale Council", "notional"),
            )
        ]
        for day, direction, pence, which, change in rows:
            stream_id = streams[which] if which >= 0 else None
            when = FIRST + dt.timedelta(days=day)
            draft = ledger.TransactionDraft(when, direction, pence, "Payee", stream_id=stream_id)
            txn = ledger.add_transaction(s, draft)
            if change == 1:
                ledger.delete_transaction(s, txn.id)
            elif change == 2 and pence > 1:
                half = pence // 2
                ledger.split_transaction(
                    s,
                    txn.id,
                    [ledger.AllocationDraft(half, stream_id=streams[0]), ledger.AllocationDraft(pence - half)],
                )
            elif change == 3:
                ledger.update_transaction(s, txn.id, replace(draft, txn_date=when + dt.timedelta(days=40)))
        s.flush()
        for offset, length in ranges:
            start = FIRST + dt.timedelta(days=offset)
            end = start + dt.timedelta(days=length)
            assert _month_totals(s, start, end) == _every_allocation(s, start, end), (start, end)
            balances = data.stream_balances(s, start, end)
            assert sum(b.money_in_pence - b.money_out_pence for b in balances) == sum(
                sums[1] - sums[2] for sums in _every_allocation(s, start, end).values()
            )

    run_rolled_back(store, work)


def test_the_fixture_budget_balances_are_unchanged(filled_store: Store) -> None:
    """Alys Testwood's April to June (tests/conftest.py): the same pence by funder as before, from the month
    totals."""
    with filled_store.reading() as s:
        balances = data.stream_balances(s, APRIL, JUNE_END)
        later = data.stream_balances(s, dt.date(2026, 4, 12), JUNE_END)
    assert [(b.label, b.opening_pence, b.money_in_pence, b.money_out_pence) for b in balances] == [
        ("Exampleshire Council", 0, 52000, 30000),
        ("Exampleshire ICB", 0, 120000, 3750),
    ]
    assert [(b.label, b.opening_pence, b.money_in_pence, b.money_out_pence) for b in later] == [
        ("Exampleshire Council", 52000, 0, 30000),
        ("Exampleshire ICB", 116250, 0, 0),
    ]


def test_the_balances_read_whole_months_from_the_month_totals_not_every_allocation(filled_store: Store) -> None:
    """A year's balances read the month rows (and only a part month's payments), whatever the store holds."""
    statements: list[str] = []
    with filled_store.reading() as s:
        connection = s.connection()

        def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
            statements.append(statement)

        event.listen(connection, "before_cursor_execute", seen)
        try:
            data.stream_balances(s, dt.date(2026, 5, 1), dt.date(2027, 4, 30))
        finally:
            event.remove(connection, "before_cursor_execute", seen)
    sums = [q for q in statements if "allocation" in q]
    assert sums and all("month_allocation_total" in q for q in sums)

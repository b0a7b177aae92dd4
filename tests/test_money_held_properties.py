"""Property tests (hypothesis) for how money is held: for any mix of direct-payment, notional, third-party and
mixed streams and any payments on them, the account balance is the opening balance plus money in less money out
THROUGH THE ACCOUNT; the streams' figures add up to the totals; and the statement, `summary --json` and Home
agree on the balance."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ipb_desktop import accounts, budget, figures, ledger
from ipb_desktop.cli.summary import summary_data
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import statement_data
from tests.test_figures_properties import run_rolled_back

START, END = dt.date(2026, 4, 1), dt.date(2027, 3, 31)
HELD = ("direct_payment", "notional", "third_party", "mixed")

payments = st.lists(
    st.tuples(
        st.integers(0, 364),  # day of the year
        st.sampled_from(("in", "out")),
        st.integers(1, 500_000),
        st.integers(-1, 3),  # which stream (-1: none)
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    held=st.lists(st.sampled_from(HELD), min_size=4, max_size=4),
    rows=payments,
    opening=st.one_of(st.none(), st.integers(-100_000, 1_000_000)),
    today_offset=st.integers(0, 364),
)
def test_account_balance_counts_only_money_through_the_account(
    store: Store, held: list[str], rows: list[tuple[int, str, int, int]], opening: int | None, today_offset: int
) -> None:
    today = START + dt.timedelta(days=today_offset)

    def work(s: Session) -> None:
        period = budget.add_period(s, "Year", START, END)
        streams = [
            budget.add_stream(
                s,
                period.id,
                budget.StreamDetails(
                    "council_social_care", f"Funder {i}", 56000, "four_weekly", how, paid_in_pence=20000
                ),
            ).id
            for i, how in enumerate(held)
        ]
        if opening is not None:
            accounts.set_opening(s, START - dt.timedelta(days=1), opening, "typed by hand")
        through_in = through_out = 0
        for day, direction, pence, which in rows:
            stream_id = streams[which] if which >= 0 else None
            txn = ledger.add_transaction(
                s,
                ledger.TransactionDraft(START + dt.timedelta(days=day), direction, pence, "Payee", stream_id=stream_id),
            )
            expected_through = stream_id is None or held[which] not in ("notional", "third_party")
            assert txn.through_account is expected_through
            if txn.txn_date <= today and txn.through_account:
                if direction == "in":
                    through_in += pence
                else:
                    through_out += pence
        balance = figures.balance_on(s, today)
        assert balance == (opening or 0) + through_in - through_out
        # Home, the statement and `summary --json` say the same balance.
        home = figures.home_figures(s, today)
        assert home.balance_pence == balance
        data = statement_data(s, START, today, generated_on=today, with_transactions=False)
        assert data.summary.closing_pence == balance
        assert sum(b.closing_pence for b in data.stream_balances) == balance
        assert summary_data(s, START, today, today)["balance_today_pence"] == balance
        # Each stream's spending adds up, with spending on no stream, to all spending so far.
        spent_all = sum(
            p for d, direction, p, _w in rows if direction == "out" and START + dt.timedelta(days=d) <= today
        )
        unlinked = sum(
            p for d, direction, p, w in rows if direction == "out" and w < 0 and START + dt.timedelta(days=d) <= today
        )
        assert sum(f.spent_pence for f in home.streams) + unlinked == spent_all
        summary = data.summary
        assert summary.money_out_pence + summary.outside_out_pence == spent_all
        assert sum(t.pence for t in summary.outside_by_stream or []) == summary.outside_out_pence
        for f in home.streams:
            assert f.left_pence == f.period_budget_pence - f.spent_pence - f.committed_pence

    run_rolled_back(store, work)

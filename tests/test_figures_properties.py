"""Property tests: however a stretch of time is sliced, the figures add up.

Random ledgers are written through the real services (ledger.add_transaction, split_transaction,
delete_transaction) into one store per test; each example works inside a transaction that is rolled back, so
the next example starts from the same small budget. IPB_LONG=1 runs thousands of examples instead of dozens.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ipb_desktop import budget, figures, ledger, outcomes, plan
from ipb_desktop.figures import Total
from ipb_desktop.models.store import Store

settings.register_profile("ipb-figures", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ipb-figures-long", max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Applied per test (not loaded globally) so other test modules keep their own settings.
PROFILE = settings.get_profile("ipb-figures-long" if os.environ.get("IPB_LONG") == "1" else "ipb-figures")

FIRST_DAY = dt.date(2026, 1, 1)  # ledgers run from three months before the period to three months after it
SPAN_DAYS = 545
PERIOD = (dt.date(2026, 4, 1), dt.date(2027, 3, 31))


@dataclass(frozen=True)
class Links:
    """Indexes into the budget's lists (None = not linked); the services fill in what a plan line implies."""

    plan_line: int | None
    category: int | None
    stream: int | None
    outcome: int | None


@dataclass(frozen=True)
class Payment:
    day: int
    direction: str
    parts: tuple[tuple[int, Links], ...]  # (pence, links) for each part; the payment is their sum
    split_afterwards: bool  # saved whole on the first part's links, then split with ledger.split_transaction
    deleted: bool

    @property
    def date(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.day)

    @property
    def pence(self) -> int:
        return sum(p for p, _ in self.parts)


@dataclass(frozen=True)
class Ids:
    period: int
    plan_lines: list[int]
    categories: list[int]
    streams: list[int]
    outcomes: list[int]


def small_budget(store: Store) -> Ids:
    """One year, two streams, three outcomes and four plan lines (one with two outcomes, one with none)."""
    with store.transaction() as s:
        period = budget.add_period(s, "2026 to 2027", *PERIOD)
        streams = [
            budget.add_stream(s, period.id, budget.StreamDetails("nhs_phb", "Exampleshire ICB", 90000, "monthly")).id,
            budget.add_stream(
                s, period.id, budget.StreamDetails("council_social_care", "Exampleshire Council", 40000, "weekly")
            ).id,
        ]
        found = [outcomes.add_outcome(s, outcomes.OutcomeDetails(t)).id for t in ("Sleep better", "Swim", "Cook")]
        categories = [c.id for c in plan.categories(s)[:5]]
        lines = [
            plan.add_plan_line(
                s, period.id, plan.PlanLineDetails("Assistant", 900000, categories[0], streams[1], (found[0],))
            ).id,
            plan.add_plan_line(
                s, period.id, plan.PlanLineDetails("Swimming", 20000, categories[1], streams[0], (found[1],))
            ).id,
            plan.add_plan_line(
                s, period.id, plan.PlanLineDetails("Cookery course", 35000, None, None, (found[0], found[2]))
            ).id,
            plan.add_plan_line(s, period.id, plan.PlanLineDetails("Bus pass", 12000, categories[2], None)).id,
        ]
    return Ids(period.id, lines, categories, streams, found)


def maybe(n: int) -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, n - 1)


links = st.builds(Links, maybe(4), maybe(5), maybe(2), maybe(3))
payments = st.builds(
    Payment,
    day=st.integers(0, SPAN_DAYS),
    direction=st.sampled_from(["in", "out"]),
    parts=st.lists(st.tuples(st.integers(1, 250_000), links), min_size=1, max_size=3).map(tuple),
    split_afterwards=st.booleans(),
    deleted=st.integers(0, 4).map(lambda n: n == 0),  # about one payment in five is deleted
)
ledgers = st.lists(payments, max_size=25)


def pick(choices: list[int], index: int | None) -> int | None:
    return None if index is None else choices[index]


def write(s: Session, ids: Ids, ledger_rows: list[Payment]) -> None:
    """Save the generated payments through the ledger service, as the app would."""

    def draft_part(pence: int, link: Links) -> ledger.AllocationDraft:
        return ledger.AllocationDraft(
            pence,
            category_id=pick(ids.categories, link.category),
            plan_line_id=pick(ids.plan_lines, link.plan_line),
            stream_id=pick(ids.streams, link.stream),
            outcome_id=pick(ids.outcomes, link.outcome),
        )

    for row in ledger_rows:
        parts = tuple(draft_part(p, link) for p, link in row.parts)
        first = parts[0]
        if row.split_afterwards:
            whole = ledger.TransactionDraft(
                row.date,
                row.direction,
                row.pence,
                "Payee",
                plan_line_id=first.plan_line_id,
                category_id=first.category_id,
                stream_id=first.stream_id,
                outcome_id=first.outcome_id,
            )
            txn = ledger.add_transaction(s, whole)
            ledger.split_transaction(s, txn.id, list(parts))
        else:
            txn = ledger.add_transaction(
                s, ledger.TransactionDraft(row.date, row.direction, row.pence, allocations=parts)
            )
        if row.deleted:
            ledger.delete_transaction(s, txn.id)


def run_rolled_back(store: Store, work: Callable[[Session], None]) -> None:
    """Do `work` in one session and roll it all back, leaving the committed small budget as it was."""
    with store._sessions() as s:
        s.info["actor"] = store.actor
        s.begin()
        try:
            work(s)
        finally:
            s.rollback()


def expected_flows(ledger_rows: list[Payment], start: dt.date, end: dt.date) -> tuple[int, int, int]:
    """Opening balance, money in and money out worked out plainly from the generated payments."""
    live = [r for r in ledger_rows if not r.deleted]
    opening = sum(r.pence if r.direction == "in" else -r.pence for r in live if r.date < start)
    money_in = sum(r.pence for r in live if start <= r.date <= end and r.direction == "in")
    money_out = sum(r.pence for r in live if start <= r.date <= end and r.direction == "out")
    return opening, money_in, money_out


def total(rows: list[Total]) -> int:
    return sum(t.pence for t in rows)


@st.composite
def sliced_ranges(draw: st.DrawFn) -> list[tuple[dt.date, dt.date]]:
    """A random stretch of days cut at random places into consecutive pieces (each at least one day)."""
    first = draw(st.integers(0, SPAN_DAYS))
    last = draw(st.integers(first, SPAN_DAYS))
    cuts = sorted(draw(st.sets(st.integers(first + 1, last), max_size=5)) if last > first else set())
    bounds = [first, *cuts, last + 1]
    return [
        (FIRST_DAY + dt.timedelta(days=a), FIRST_DAY + dt.timedelta(days=b - 1)) for a, b in itertools.pairwise(bounds)
    ]


def test_any_slicing_of_any_stretch_adds_up(store: Store) -> None:
    ids = small_budget(store)

    @PROFILE
    @given(ledger_rows=ledgers, pieces=sliced_ranges())
    def check(ledger_rows: list[Payment], pieces: list[tuple[dt.date, dt.date]]) -> None:
        def work(s: Session) -> None:
            write(s, ids, ledger_rows)
            whole = figures.period_summary(s, pieces[0][0], pieces[-1][1])
            summaries = [figures.period_summary(s, start, end) for start, end in pieces]
            for summary in [whole, *summaries]:
                opening, money_in, money_out = expected_flows(ledger_rows, summary.start, summary.end)
                assert (summary.opening_pence, summary.money_in_pence, summary.money_out_pence) == (
                    opening,
                    money_in,
                    money_out,
                )
                assert summary.opening_pence + summary.money_in_pence - summary.money_out_pence == summary.closing_pence
                assert summary.closing_pence == figures.balance_on(s, summary.end)
                assert total(summary.in_by_stream) == summary.money_in_pence
                for rows in (summary.out_by_category, summary.out_by_plan_line, summary.out_by_outcome):
                    assert total(rows) == summary.money_out_pence
                    assert len({t.key_id for t in rows}) == len(rows)  # one row per key, "not linked" included
                    assert all(t.pence > 0 for t in rows)
            for before, after in itertools.pairwise(summaries):
                assert before.closing_pence == after.opening_pence
                assert after.start == before.end + dt.timedelta(days=1)
            assert whole.opening_pence == summaries[0].opening_pence
            assert whole.closing_pence == summaries[-1].closing_pence
            assert sum(p.money_in_pence for p in summaries) == whole.money_in_pence
            # Each plan line's spending over the pieces adds up to its spending over the whole stretch.
            by_line: dict[int | None, int] = {}
            for piece in summaries:
                for t in piece.out_by_plan_line:
                    by_line[t.key_id] = by_line.get(t.key_id, 0) + t.pence
            assert by_line == {t.key_id: t.pence for t in whole.out_by_plan_line}

        run_rolled_back(store, work)

    check()


def test_period_figures_agree_with_the_breakdowns(store: Store) -> None:
    ids = small_budget(store)

    @PROFILE
    @given(ledger_rows=ledgers, today_offset=st.integers(0, SPAN_DAYS))
    def check(ledger_rows: list[Payment], today_offset: int) -> None:
        today = FIRST_DAY + dt.timedelta(days=today_offset)

        def work(s: Session) -> None:
            write(s, ids, ledger_rows)
            home = figures.home_figures(s, today)
            assert home.period_id == ids.period
            assert home.balance_pence == figures.balance_on(s, today)
            assert home.plan_lines == figures.planned_vs_actual(s, ids.period, today)
            assert home.streams == figures.stream_figures(s, ids.period, today)
            assert home.projection == figures.projection(s, ids.period, today)
            assert home.surplus == figures.surplus(s, ids.period, today)
            assert home.surplus is not None and home.projection is not None
            spare = home.surplus
            assert spare.owed_pence == sum(i.pence for i in spare.owed)
            assert spare.surplus_pence == max(
                0, home.balance_pence - spare.owed_pence - spare.contingency_pence - spare.threshold_pence
            )
            if today >= PERIOD[1]:
                assert home.projection.projected_end_pence == figures.balance_on(s, PERIOD[1])
            as_of = min(today, PERIOD[1])
            if as_of < PERIOD[0]:
                assert all(f.spent_pence == 0 for f in home.plan_lines)
                return
            so_far = figures.period_summary(s, PERIOD[0], as_of)
            in_by_stream = {t.key_id: t.pence for t in so_far.in_by_stream}
            out_by_stream = {t.key_id: t.pence for t in figures.money_out_by_stream(s, PERIOD[0], as_of)}
            assert total(figures.money_out_by_stream(s, PERIOD[0], as_of)) == so_far.money_out_pence
            for stream in home.streams:
                assert stream.received_pence == in_by_stream.get(stream.stream_id, 0)
                assert stream.spent_pence == out_by_stream.get(stream.stream_id, 0)
                assert stream.left_pence == stream.period_budget_pence - stream.spent_pence - stream.committed_pence
            refunds = {t.key_id: t.pence for t in figures.money_in_by_plan_line(s, PERIOD[0], as_of)}
            out_by_line = {t.key_id: t.pence for t in so_far.out_by_plan_line}
            for line in home.plan_lines:
                expected = out_by_line.get(line.plan_line_id, 0) - refunds.get(line.plan_line_id, 0)
                assert line.spent_pence == expected
                assert line.left_pence == line.planned_pence - line.spent_pence - line.committed_pence

        run_rolled_back(store, work)

    check()

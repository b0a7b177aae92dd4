"""Figures checked by hand on the small invented budget in `filled_store` (Alys Testwood, 2026 to 2027).

The budget: period 1 April 2026 to 31 March 2027 (365 days); Exampleshire Council pays 520.00 four-weekly,
Exampleshire ICB 1,200.00 monthly. Plan lines: personal assistant 15,600.00 (council, "confidence"), pottery
300.00 (ICB, "confidence"), laptop 450.00 (ICB, "work"). Ledger: 1 April 520.00 in (council), 2 April 1,200.00
in (ICB), 10 April 37.50 out (pottery), 14 April 300.00 out (personal assistant).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ipb_desktop import budget, figures, ledger, plan, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.figures import Total
from ipb_desktop.models.schema import BudgetPeriod, FundingStream, Outcome, PlanLine
from ipb_desktop.models.store import Store

D = dt.date
APRIL = (D(2026, 4, 1), D(2026, 4, 30))
MAY = (D(2026, 5, 1), D(2026, 5, 31))


class Budget:
    """Ids in the filled store, looked up by name so the tests read like the budget."""

    def __init__(self, s: Session) -> None:
        self.period = s.scalars(select(BudgetPeriod)).one().id
        self.council = s.scalars(select(FundingStream).where(FundingStream.funder_name.like("%Council"))).one().id
        self.icb = s.scalars(select(FundingStream).where(FundingStream.funder_name.like("%ICB"))).one().id
        self.pa = s.scalars(select(PlanLine).where(PlanLine.description.like("Personal%"))).one().id
        self.pottery = s.scalars(select(PlanLine).where(PlanLine.description == "Pottery class")).one().id
        self.laptop = s.scalars(select(PlanLine).where(PlanLine.description.like("Laptop%"))).one().id
        self.confidence = s.scalars(select(Outcome).where(Outcome.what_matters.like("Regain%"))).one().id
        self.work = s.scalars(select(Outcome).where(Outcome.what_matters.like("Get back%"))).one().id
        self.wages = plan.category_named(s, "Personal assistant wages").id
        self.activities = plan.category_named(s, "Activities and classes").id
        self.refund = plan.category_named(s, "Refund").id


@pytest.fixture
def ids(filled_store: Store) -> Budget:
    with filled_store.reading() as s:
        return Budget(s)


def out(day: dt.date, pence: int, **links: int) -> ledger.TransactionDraft:
    return ledger.TransactionDraft(day, "out", pence, "Someone", **links)  # type: ignore[arg-type]


# -- balance and one period ------------------------------------------------------------------------------------


def test_balance_counts_every_payment_up_to_and_including_the_day(filled_store: Store) -> None:
    with filled_store.reading() as s:
        assert figures.balance_on(s, D(2026, 3, 31)) == 0
        assert figures.balance_on(s, D(2026, 4, 1)) == 52000
        assert figures.balance_on(s, D(2026, 4, 9)) == 172000
        assert figures.balance_on(s, D(2026, 4, 10)) == 168250
        assert figures.balance_on(s, D(2030, 1, 1)) == 138250


def test_april_summary_adds_up_and_says_where_the_money_went(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        april = figures.period_summary(s, *APRIL)
    assert (april.start, april.end) == APRIL
    assert (april.opening_pence, april.money_in_pence, april.money_out_pence, april.closing_pence) == (
        0,
        172000,
        33750,
        138250,
    )
    assert april.in_by_stream == [
        Total(ids.icb, "Exampleshire ICB", 120000),
        Total(ids.council, "Exampleshire Council", 52000),
    ]
    assert april.out_by_category == [
        Total(ids.wages, "Personal assistant wages", 30000),
        Total(ids.activities, "Activities and classes", 3750),
    ]
    assert april.out_by_plan_line == [
        Total(ids.pa, "Personal assistant 2.5 hours a week", 30000),
        Total(ids.pottery, "Pottery class", 3750),
    ]
    assert april.out_by_outcome == [Total(ids.confidence, "Regain confidence to go out on my own", 33750)]


def test_both_ends_of_a_range_are_included(filled_store: Store) -> None:
    with filled_store.reading() as s:
        one_day = figures.period_summary(s, D(2026, 4, 10), D(2026, 4, 10))
        after = figures.period_summary(s, D(2026, 4, 11), D(2026, 4, 14))
    assert (one_day.opening_pence, one_day.money_out_pence, one_day.closing_pence) == (172000, 3750, 168250)
    assert (after.opening_pence, after.money_out_pence, after.closing_pence) == (168250, 30000, 138250)


def test_a_quiet_month_carries_the_balance_and_has_empty_breakdowns(filled_store: Store) -> None:
    with filled_store.reading() as s:
        may = figures.period_summary(s, *MAY)
    assert (may.opening_pence, may.money_in_pence, may.money_out_pence, may.closing_pence) == (138250, 0, 0, 138250)
    assert may.in_by_stream == may.out_by_category == may.out_by_plan_line == may.out_by_outcome == []


def test_an_end_before_the_start_is_refused(filled_store: Store) -> None:
    with filled_store.reading() as s, pytest.raises(InvalidInput, match="before the start"):
        figures.period_summary(s, D(2026, 5, 1), D(2026, 4, 1))


def test_deleted_payments_are_left_out_until_restored(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        laptop = ledger.add_transaction(s, out(D(2026, 5, 3), 45000, plan_line_id=ids.laptop))
        ledger.delete_transaction(s, laptop.id)
    with filled_store.reading() as s:
        may = figures.period_summary(s, *MAY)
        assert figures.balance_on(s, D(2026, 5, 31)) == 138250
    assert may.money_out_pence == 0
    assert may.out_by_plan_line == []
    with filled_store.transaction() as s:
        ledger.restore_transaction(s, laptop.id)
    with filled_store.reading() as s:
        may = figures.period_summary(s, *MAY)
    assert may.money_out_pence == 45000
    assert may.out_by_plan_line == [Total(ids.laptop, "Laptop for job search", 45000)]
    assert may.out_by_outcome == [Total(ids.work, "Get back into work", 45000)]
    assert may.out_by_category == [Total(None, "Not linked to a category", 45000)]


def test_a_split_payment_counts_on_each_plan_line(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        paid = ledger.add_transaction(s, out(D(2026, 5, 5), 10000, plan_line_id=ids.pa))
        ledger.split_transaction(
            s,
            paid.id,
            [ledger.AllocationDraft(6000, plan_line_id=ids.pa), ledger.AllocationDraft(4000, plan_line_id=ids.pottery)],
        )
    with filled_store.reading() as s:
        may = figures.period_summary(s, *MAY)
        lines = {f.plan_line_id: f for f in figures.planned_vs_actual(s, ids.period, D(2026, 5, 31))}
        streams = {f.stream_id: f for f in figures.stream_figures(s, ids.period, D(2026, 5, 31))}
    assert may.money_out_pence == 10000
    assert may.out_by_plan_line == [
        Total(ids.pa, "Personal assistant 2.5 hours a week", 6000),
        Total(ids.pottery, "Pottery class", 4000),
    ]
    assert may.out_by_category == [
        Total(ids.wages, "Personal assistant wages", 6000),
        Total(ids.activities, "Activities and classes", 4000),
    ]
    assert may.out_by_outcome == [Total(ids.confidence, "Regain confidence to go out on my own", 10000)]
    assert lines[ids.pa].spent_pence == 36000
    assert lines[ids.pottery].spent_pence == 7750
    assert streams[ids.council].spent_pence == 36000
    assert streams[ids.icb].spent_pence == 7750


def test_a_refund_on_a_plan_line_lowers_what_it_has_spent(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                D(2026, 4, 20), "in", 1250, "Clayworks Studio", category_id=ids.refund, plan_line_id=ids.pottery
            ),
        )
    with filled_store.reading() as s:
        april = figures.period_summary(s, *APRIL)
        pottery = next(
            f for f in figures.planned_vs_actual(s, ids.period, D(2026, 4, 30)) if f.plan_line_id == ids.pottery
        )
        icb = next(f for f in figures.stream_figures(s, ids.period, D(2026, 4, 30)) if f.stream_id == ids.icb)
    assert (april.money_in_pence, april.money_out_pence, april.closing_pence) == (173250, 33750, 139500)
    assert Total(ids.icb, "Exampleshire ICB", 121250) in april.in_by_stream
    assert (pottery.spent_pence, pottery.left_pence) == (2500, 27500)
    assert (icb.received_pence, icb.spent_pence) == (121250, 3750)


def test_money_not_linked_to_anything_has_its_own_row_last(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        ledger.add_transaction(s, out(D(2026, 4, 20), 99999))
        ledger.add_transaction(s, ledger.TransactionDraft(D(2026, 4, 21), "in", 500, "Me"))
    with filled_store.reading() as s:
        april = figures.period_summary(s, *APRIL)
    assert april.out_by_plan_line[-1] == Total(None, "Not linked to a plan line", 99999)
    assert april.out_by_category[-1] == Total(None, "Not linked to a category", 99999)
    assert april.out_by_outcome[-1] == Total(None, "Not linked to an outcome", 99999)
    assert april.in_by_stream[-1] == Total(None, "Not linked to a funding stream", 500)
    assert april.out_by_plan_line[0].pence == 30000  # the biggest linked line still comes first


# -- plan lines, streams, projection, surplus ------------------------------------------------------------------


def test_plan_lines_against_the_plan_at_the_end_of_april(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        lines = figures.planned_vs_actual(s, ids.period, D(2026, 4, 30))
    # 30 of 365 days gone: expected = planned * 30 / 365, rounded to the penny.
    assert [
        (f.plan_line_id, f.planned_pence, f.spent_pence, f.left_pence, f.expected_to_date_pence) for f in lines
    ] == [
        (ids.pa, 1_560_000, 30000, 1_530_000, 128219),
        (ids.pottery, 30000, 3750, 26250, 2466),
        (ids.laptop, 45000, 0, 45000, 3699),
    ]
    # Pottery: 37.50 spent is more than 110% of the 24.66 expected by now.
    assert [f.ahead_of_plan for f in lines] == [False, True, False]
    assert [f.outcome_ids for f in lines] == [(ids.confidence,), (ids.confidence,), (ids.work,)]
    assert [f.stream_id for f in lines] == [ids.council, ids.icb, ids.icb]


def test_plan_line_spending_counts_only_up_to_today(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        on_the_13th = figures.planned_vs_actual(s, ids.period, D(2026, 4, 13))
        before = figures.planned_vs_actual(s, ids.period, D(2026, 3, 1))
    assert [f.spent_pence for f in on_the_13th] == [0, 3750, 0]
    assert [(f.spent_pence, f.expected_to_date_pence, f.ahead_of_plan) for f in before] == [(0, 0, False)] * 3


def test_stream_figures_at_the_end_of_april(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        council, icb = figures.stream_figures(s, ids.period, D(2026, 4, 30))
    assert council.stream_id == ids.council
    # 520.00 four-weekly: 130.00 a week, 13 payments a year; the budget year holds those 13 payments (6,760.00),
    # counted by payments, never 365 days of 130.00 a week (6,778.57).
    assert (council.weekly_pence, council.yearly_pence, council.period_budget_pence) == (13000, 676000, 676000)
    assert (council.received_pence, council.spent_pence, council.left_pence) == (52000, 30000, 646000)
    assert (council.funder_kind, council.schedule, council.held_as) == (
        "council_social_care",
        "four_weekly",
        "direct_payment",
    )
    # 1,200.00 monthly: 14,400.00 a year, 276.92 a week.
    assert (icb.weekly_pence, icb.yearly_pence, icb.period_budget_pence) == (27692, 1_440_000, 1_440_000)
    assert (icb.received_pence, icb.spent_pence, icb.left_pence) == (120000, 3750, 1_436_250)


def test_projection_carries_the_rate_so_far_to_the_end_of_the_period(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        april = figures.projection(s, ids.period, D(2026, 4, 30))
        before = figures.projection(s, ids.period, D(2026, 3, 15))
        after = figures.projection(s, ids.period, D(2027, 6, 1))
    # 1,382.50 net over 30 days, carried over the 335 days left: 1,382.50 + 15,437.92 = 16,820.42.
    assert april == figures.Projection(138250, 1_682_042, 30, 335)
    assert before == figures.Projection(0, 0, 0, 365)
    assert after == figures.Projection(138250, 138250, 365, 0)


def test_surplus_against_eight_weeks_of_planned_spending(filled_store: Store, ids: Budget) -> None:
    with filled_store.reading() as s:
        spare = figures.surplus(s, ids.period, D(2026, 4, 30), basis="planned")
        four = figures.surplus(s, ids.period, D(2026, 4, 9), weeks=4, basis="planned")
    # 16,350.00 planned over 365 days is 313.56 a week; eight weeks is 2,508.48.
    assert spare == figures.Surplus(138250, 31356, 8, 250848, 0, 44)
    # 1,720.00 held on 9 April is 5.5 weeks of planned spending; four weeks is 1,254.24.
    assert four == figures.Surplus(172000, 31356, 4, 125424, 46576, 55)


def test_surplus_follows_the_threshold_setting(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        settings.put(s, "surplus_weeks", "4")
    with filled_store.reading() as s:
        assert figures.surplus(s, ids.period, D(2026, 4, 9), basis="planned").threshold_pence == 125424


def test_home_figures_bring_the_pieces_together(filled_store: Store, ids: Budget) -> None:
    today = D(2026, 4, 30)
    with filled_store.reading() as s:
        home = figures.home_figures(s, today)
        assert home.plan_lines == figures.planned_vs_actual(s, ids.period, today)
        assert home.streams == figures.stream_figures(s, ids.period, today)
        assert home.projection == figures.projection(s, ids.period, today)
        assert home.surplus == figures.surplus(s, ids.period, today)
    assert (home.today, home.period_id, home.balance_pence) == (today, ids.period, 138250)
    # 337.50 spent of 1,343.84 expected by now: the plan as a whole is not ahead, though pottery is.
    assert home.spending_ahead_of_plan is False


def test_home_says_so_when_spending_runs_ahead_of_the_plan(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        ledger.add_transaction(s, out(D(2026, 4, 28), 120000, plan_line_id=ids.pa))
    with filled_store.reading() as s:
        home = figures.home_figures(s, D(2026, 4, 30))
    assert home.spending_ahead_of_plan is True
    assert home.plan_lines[0].ahead_of_plan is True


def test_archived_plan_lines_show_only_while_money_has_gone_on_them(filled_store: Store, ids: Budget) -> None:
    with filled_store.transaction() as s:
        s.get(PlanLine, ids.laptop).archived = True  # type: ignore[union-attr]
        s.get(PlanLine, ids.pottery).archived = True  # type: ignore[union-attr]
    with filled_store.reading() as s:
        lines = figures.planned_vs_actual(s, ids.period, D(2026, 4, 30))
        spare = figures.surplus(s, ids.period, D(2026, 4, 30), basis="planned")
    assert [(f.plan_line_id, f.archived) for f in lines] == [(ids.pa, False), (ids.pottery, True)]
    assert spare.weekly_planned_pence == 29918  # only the personal assistant line is still planned


def test_home_before_any_budget_period_shows_just_the_balance(store: Store) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(D(2026, 1, 5), "in", 2500, "Me"))
    with store.reading() as s:
        home = figures.home_figures(s, D(2026, 2, 1))
    assert home == figures.HomeFigures(D(2026, 2, 1), None, 2500, [], [], None, None, False)


def test_a_period_with_nothing_planned_has_no_weeks_held(store: Store) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "Short", D(2026, 4, 1), D(2026, 4, 28))
        ledger.add_transaction(s, ledger.TransactionDraft(D(2026, 4, 1), "in", 7000, "Council"))
    with store.reading() as s:
        spare = figures.surplus(s, period.id, D(2026, 4, 2), weeks=8, basis="planned")
    assert spare == figures.Surplus(7000, 0, 8, 0, 7000, 0)


# -- speed guards (no timing: the shape of the work) ------------------------------------------------------------


@pytest.fixture
def statements(filled_store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(filled_store.engine, "before_cursor_execute", record)
    yield seen
    event.remove(filled_store.engine, "before_cursor_execute", record)


def test_home_figures_take_a_handful_of_queries(filled_store: Store, statements: list[str]) -> None:
    """A few aggregate queries (held-as, the recorded opening balance and money committed added four), and the
    same number however many payments there are: never one per payment."""
    with filled_store.reading() as s:
        figures.home_figures(s, D(2026, 4, 30))
    selects = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 16, selects
    with filled_store.transaction() as s:
        for day in range(1, 29):
            ledger.add_transaction(s, ledger.TransactionDraft(D(2026, 4, day), "out", 100 + day, "Corner Art Shop"))
    statements.clear()
    with filled_store.reading() as s:
        figures.home_figures(s, D(2026, 4, 30))
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) == len(selects)


def test_ledger_queries_use_indexes(filled_store: Store, statements: list[str]) -> None:
    """Every query that reads the transaction or allocation tables searches an index rather than scanning."""
    with filled_store.reading() as s:
        figures.home_figures(s, D(2026, 4, 30))
        figures.period_summary(s, *APRIL)
        figures.balance_on(s, D(2026, 4, 30))
    queries = [q for q in statements if '"transaction"' in q or "allocation" in q]
    assert queries
    with filled_store.engine.connect() as conn:
        for query in queries:
            params = tuple("2026-04-30" for _ in range(query.count("?")))
            plan_rows = [str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + query, params)]
            scans = [r for r in plan_rows if r.startswith("SCAN") and ("transaction" in r or "allocation" in r)]
            assert not scans, (query, plan_rows)

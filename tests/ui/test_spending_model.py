"""The Spending table model: a well-behaved Qt model that reads only the rows on screen plus one page."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select

from ipb_desktop import ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.schema import Allocation, PlanLine, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.model import COLUMN_OF, PAGE_SIZE, SpendingModel, totals_text
from ipb_desktop.ui.spending.page import SpendingPage

LEDGER_SIZE = 5000


def fill_ledger(store: Store, n: int) -> None:
    """Add `n` small payments quickly with two multi-row inserts (no audit entries: test data only)."""
    with store.transaction() as s:
        line = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
        start = dt.date(2016, 4, 1)
        s.execute(
            insert(Transaction),
            [
                {
                    "id": 10_000 + i,
                    "txn_date": start + dt.timedelta(days=i // 3),
                    "direction": "out",
                    "amount_pence": 100 + i % 5000,
                    "payee": f"Shop {i % 97}",
                    "description": f"Things {i}",
                    "recorded_by": "holder",
                }
                for i in range(n)
            ],
        )
        s.execute(
            insert(Allocation),
            [{"transaction_id": 10_000 + i, "amount_pence": 100 + i % 5000, "plan_line_id": line} for i in range(n)],
        )


@pytest.fixture
def spending_ctx(ctx: AppContext, filled_store: Store) -> AppContext:
    ctx.set_store(filled_store)
    return ctx


def test_model_passes_qtmodeltester(qtmodeltester, spending_ctx: AppContext) -> None:
    model = SpendingModel(spending_ctx)
    model.refresh()
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)
    model.sort(COLUMN_OF["amount"])
    qtmodeltester.check(model, force_py=True)


def test_model_passes_qtmodeltester_before_all_its_ids_are_read(qtmodeltester, spending_ctx: AppContext) -> None:
    model = SpendingModel(spending_ctx, page_size=2)
    model.refresh()
    assert model.rowCount() == 4  # the real number of rows at once, though only two ids have been read
    qtmodeltester.check(model, force_py=True)
    model.sort(COLUMN_OF["amount"])
    qtmodeltester.check(model, force_py=True)


def test_the_first_screen_reads_one_page_of_ids_and_the_rest_comes_after_the_paint(
    qtbot, spending_ctx: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_ledger(filled_store, LEDGER_SIZE)
    every_id_read: list[int] = []
    real = ledger_query.transaction_id_array

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        every_id_read.append(len(found))
        return found

    monkeypatch.setattr(ledger_query, "transaction_id_array", counting)
    model = SpendingModel(spending_ctx)
    model.refresh()
    assert model.rowCount() == LEDGER_SIZE + 4 == model.totals.count
    assert every_id_read == []
    qtbot.waitUntil(lambda: every_id_read == [LEDGER_SIZE + 4])
    assert model.index(LEDGER_SIZE + 3, COLUMN_OF["payee"]).data() == "Shop 0"  # the oldest payment, last


def test_a_row_further_down_can_be_read_before_the_rest_of_the_ids_arrive(
    spending_ctx: AppContext, filled_store: Store
) -> None:
    fill_ledger(filled_store, LEDGER_SIZE)
    model = SpendingModel(spending_ctx)
    model.refresh()
    assert model.index(LEDGER_SIZE + 3, COLUMN_OF["payee"]).data() == "Shop 0"
    assert model.row_of(10_000) == LEDGER_SIZE + 3
    model.set_filter(LedgerFilter(text="SHOP"))
    assert model.rowCount() == PAGE_SIZE  # many matches: the first page at once, the rest counted after the paint
    assert model.row_of(10_000) == LEDGER_SIZE - 1  # asking for a row further down brings the rest now
    assert model.rowCount() == LEDGER_SIZE
    assert model.index(LEDGER_SIZE - 1, COLUMN_OF["payee"]).data() == "Shop 0"


def test_a_word_matching_many_payments_shows_the_first_page_then_counts_and_adds_up_the_rest(
    qtbot, qtmodeltester, spending_ctx: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_ledger(filled_store, LEDGER_SIZE)
    model = SpendingModel(spending_ctx)
    model.refresh()
    added_up: list[object] = []
    real = ledger_query.totals

    def counting(session, *args, **kwargs):  # type: ignore[no-untyped-def]
        added_up.append(args)
        return real(session, *args, **kwargs)

    monkeypatch.setattr(ledger_query, "totals", counting)
    said: list[str] = []
    model.totals_changed.connect(lambda totals: said.append(totals_text(totals)))
    things = LedgerFilter(text="things")  # every one of the 5,000 payments added here
    model.set_filter(things)
    # The first screen comes at once, before the 5,000 matches are read and added up.
    assert model.rowCount() == PAGE_SIZE and added_up == []
    assert said == ["Adding up the payments shown…"]
    assert model.index(0, COLUMN_OF["description"]).data() == f"Things {LEDGER_SIZE - 1}"
    qtmodeltester.check(model, force_py=True)
    qtbot.waitUntil(lambda: model.rowCount() == LEDGER_SIZE)
    # 5,000 x £1 + (0 + 1 + ... + 4,999) pence = £129,975.00
    assert said[-1] == "Showing 5000 payments. Money in £0.00. Money out £129,975.00. Difference -£129,975.00."
    with filled_store.reading() as s:
        assert [model.id_at(r) for r in range(model.rowCount())] == ledger_query.transaction_ids(s, things)
    assert model.index(LEDGER_SIZE - 1, COLUMN_OF["description"]).data() == "Things 0"
    qtmodeltester.check(model, force_py=True)


def test_a_word_matching_less_than_a_page_is_counted_at_once_from_the_rows_found(spending_ctx: AppContext) -> None:
    model = SpendingModel(spending_ctx)
    model.refresh()
    model.set_filter(LedgerFilter(text="exampleshire"))
    assert model.rowCount() == 2
    assert model.totals == ledger_query.LedgerTotals(2, 172000, 0)


def test_money_in_and_out_differ_in_words_not_only_colour(spending_ctx: AppContext) -> None:
    model = SpendingModel(spending_ctx)
    model.refresh()
    amounts = [model.index(r, COLUMN_OF["amount"]).data() for r in range(4)]
    assert amounts == ["-£300.00", "-£37.50", "+£1,200.00", "+£520.00"]
    spoken = model.index(0, COLUMN_OF["amount"]).data(0x0B)  # AccessibleTextRole
    assert spoken == "Money out, £300.00"
    assert [model.index(r, COLUMN_OF["direction"]).data() for r in range(4)] == ["Out", "Out", "In", "In"]


def test_sorting_and_filtering_happen_in_sql(spending_ctx: AppContext) -> None:
    model = SpendingModel(spending_ctx)
    model.refresh()
    from PySide6.QtCore import Qt

    model.sort(COLUMN_OF["payee"], Qt.SortOrder.AscendingOrder)
    assert [model.index(r, COLUMN_OF["payee"]).data() for r in range(4)] == [
        "Clayworks Studio",
        "Exampleshire Council",
        "Exampleshire ICB",
        "Jo Assistant",
    ]
    model.set_filter(LedgerFilter(text="exampleshire"))
    assert model.rowCount() == 2
    assert (model.totals.in_pence, model.totals.out_pence) == (172000, 0)


def test_a_5000_row_ledger_reads_only_the_rows_on_screen_plus_a_page(
    qtbot, spending_ctx: AppContext, filled_store: Store
) -> None:
    fill_ledger(filled_store, LEDGER_SIZE)
    page = SpendingPage(spending_ctx)
    qtbot.addWidget(page)
    fetched: list[int] = []
    real_fetch = page.model.fetch_rows

    def counting_fetch(ids):  # type: ignore[no-untyped-def]
        fetched.append(len(ids))
        return real_fetch(ids)

    page.model.fetch_rows = counting_fetch  # type: ignore[method-assign]
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(10)
    table = page.table
    assert page.model.rowCount() == LEDGER_SIZE + 4
    visible = table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1
    assert 5 < visible < PAGE_SIZE
    assert visible <= sum(fetched) <= visible + PAGE_SIZE
    assert page.model.cached_count <= visible + PAGE_SIZE

    # Jumping to the middle reads only what is shown there (plus at most one page).
    fetched.clear()
    middle = page.model.index(LEDGER_SIZE // 2, 0)
    table.scrollTo(middle)
    qtbot.wait(10)
    table.viewport().repaint()
    assert visible <= sum(fetched) <= visible + PAGE_SIZE

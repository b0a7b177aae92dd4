"""The Spending table reads the rows after its first page, and adds up a search's matches, on a worker thread, so
the window goes on answering meanwhile (a million payments take most of a second). Only the latest search's
figures are ever shown, and locking the store while a read runs stops it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import text

from ipb_desktop import ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.model import COLUMN_OF, PAGE_SIZE, SpendingModel, totals_text
from tests.ui.test_spending_model import LEDGER_SIZE, fill_ledger

# Runs until it is interrupted: stands in for adding up a very long ledger.
ENDLESS = text(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
)


@pytest.fixture
def big(ctx: AppContext, filled_store: Store) -> AppContext:
    fill_ledger(filled_store, LEDGER_SIZE)
    ctx.set_store(filled_store)
    return ctx


def figures_for(store: Store, flt: LedgerFilter) -> tuple[list[int], str]:
    with store.reading() as s:
        return ledger_query.transaction_ids(s, flt), totals_text(ledger_query.totals(s, flt))


def test_every_match_of_a_search_is_read_and_added_up_on_a_worker_thread(
    qtbot, big: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_ids, real_totals = ledger_query.transaction_id_array, ledger_query.totals

    def ids_noting_thread(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_ids(*args, **kwargs)

    def totals_noting_thread(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_totals(*args, **kwargs)

    monkeypatch.setattr(ledger_query, "transaction_id_array", ids_noting_thread)
    monkeypatch.setattr(ledger_query, "totals", totals_noting_thread)
    model = SpendingModel(big)
    model.refresh()
    said: list[str] = []
    model.totals_changed.connect(lambda totals: said.append(totals_text(totals)))
    things = LedgerFilter(text="things")
    threads.clear()
    model.set_filter(things)
    assert model.rowCount() == PAGE_SIZE and said == ["Adding up the payments shown…"]
    qtbot.waitUntil(lambda: model.rowCount() == LEDGER_SIZE)
    read_on = list(threads)
    ids, line = figures_for(filled_store, things)
    assert said[-1] == line == "Showing 5000 payments. Money in £0.00. Money out £129,975.00. Difference -£129,975.00."
    assert [model.id_at(r) for r in range(model.rowCount())] == ids
    assert model.index(LEDGER_SIZE - 1, COLUMN_OF["description"]).data() == "Things 0"
    assert len(read_on) == 2 and threading.main_thread() not in read_on


def test_the_rest_of_a_long_ledger_is_read_on_a_worker_thread(
    qtbot, big: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_ids = ledger_query.transaction_id_array

    def ids_noting_thread(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_ids(*args, **kwargs)

    monkeypatch.setattr(ledger_query, "transaction_id_array", ids_noting_thread)
    model = SpendingModel(big)
    model.refresh()
    assert model.rowCount() == LEDGER_SIZE + 4  # every row counted at once (from the month totals)
    qtbot.waitUntil(lambda: len(threads) == 1)
    qtbot.waitUntil(lambda: model.id_at(LEDGER_SIZE + 3) is not None)
    assert threads[0] is not threading.main_thread()
    assert model.index(LEDGER_SIZE + 3, COLUMN_OF["payee"]).data() == "Shop 0"


def endless_first_time_on_a_worker(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The first adding-up on a worker thread runs until it is stopped; `started` is set when it begins."""
    started = threading.Event()
    real_totals = ledger_query.totals

    def totals(session: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread() and not started.is_set():
            started.set()
            session.execute(ENDLESS).scalar()
        return real_totals(session, *args, **kwargs)

    monkeypatch.setattr(ledger_query, "totals", totals)
    return started


def adding_up_things_for_ever(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> tuple[SpendingModel, list[str]]:
    """A Spending model searching "things" (all 5,000), adding them up on the worker thread for ever, and what the
    line under the table has said so far."""
    started = endless_first_time_on_a_worker(monkeypatch)
    model = SpendingModel(ctx)
    model.refresh()
    said: list[str] = []
    model.totals_changed.connect(lambda totals: said.append(totals_text(totals)))
    model.set_filter(LedgerFilter(text="things"))
    qtbot.waitUntil(started.is_set)
    return model, said


def test_a_new_search_stops_the_last_ones_adding_up_and_only_its_own_figures_are_shown(
    qtbot, big: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, said = adding_up_things_for_ever(qtbot, big, monkeypatch)
    shops = LedgerFilter(text="shop 1")  # Shop 1, Shop 10 ... Shop 19: a little over a thousand
    model.set_filter(shops)
    ids, line = figures_for(filled_store, shops)
    qtbot.waitUntil(lambda: said[-1] == line)
    assert said == ["Adding up the payments shown…", "Adding up the payments shown…", line]
    assert [model.id_at(r) for r in range(model.rowCount())] == ids


def test_locking_while_the_matches_are_added_up_stops_the_read_and_shows_nothing(
    qtbot, big: AppContext, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, said = adding_up_things_for_ever(qtbot, big, monkeypatch)
    assert model.index(0, COLUMN_OF["date"]).data() and model._written  # a date written out and kept
    big.close_store()  # as locking does (the read is stopped, then the store closed)
    model.refresh()  # as the page does when the store is locked
    assert model.rowCount() == 0
    with qtbot.assertNotEmitted(model.totals_changed, wait=100):
        pass  # (nothing comes back from the read that was stopped)
    assert said[-1] == totals_text(ledger_query.LedgerTotals(0, 0, 0))
    assert not model._cache and not model._shown and not model._written  # nothing of the budget kept

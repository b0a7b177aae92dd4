"""The store's second connection for reading on a worker thread (`Store.side`): it reads what the store holds,
cannot change it, can be stopped from another thread in the middle of a statement, and is closed with the store
(nothing is left beside the file, and nothing reads after)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipb_desktop.models.backup_names import sidecars
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.side_reader import ReadCancelled
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

# A statement that runs until it is interrupted (a count to a thousand million).
ENDLESS = text(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
)


def count_payments(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Transaction)) or 0


def on_a_thread(store: Store, look: Any) -> tuple[threading.Thread, list[object]]:
    """Read with `look` on a worker thread; the list gets its answer or the exception it raised."""
    outcome: list[object] = []
    ticket = store.side.ticket()

    def run() -> None:
        try:
            outcome.append(store.side.read(look, ticket))
        except Exception as exc:
            outcome.append(exc)

    outcome.append(ticket)  # first: outcome[0] is the ticket, outcome[1] what the read gave
    worker = threading.Thread(target=run)
    worker.start()
    return worker, outcome


def endless_once_started(started: threading.Event) -> Any:
    def look(session: Session) -> object:
        started.set()
        return session.execute(ENDLESS).scalar()

    return look


def test_it_reads_what_the_store_holds_and_cannot_change_it(filled_store: Store) -> None:
    with filled_store.reading() as s:
        held = count_payments(s)
    assert held > 0
    worker, outcome = on_a_thread(filled_store, count_payments)
    worker.join()
    assert outcome[1] == held

    def change(session: Session) -> None:
        session.execute(text('DELETE FROM "transaction"'))

    worker, outcome = on_a_thread(filled_store, change)
    worker.join()
    assert "readonly" in str(outcome[1]).replace(" ", "").lower()
    with filled_store.reading() as s:
        assert count_payments(s) == held


def test_a_read_can_be_stopped_from_another_thread_in_the_middle_of_a_statement(filled_store: Store) -> None:
    started = threading.Event()
    worker, outcome = on_a_thread(filled_store, endless_once_started(started))
    assert started.wait(30)
    ticket = outcome[0]
    ticket.cancel()  # type: ignore[attr-defined]
    worker.join(30)
    assert not worker.is_alive()
    assert isinstance(outcome[1], ReadCancelled)
    # The connection is still good for the next read.
    worker, outcome = on_a_thread(filled_store, count_payments)
    worker.join()
    assert isinstance(outcome[1], int) and outcome[1] > 0


def test_closing_the_store_stops_a_read_and_leaves_nothing_beside_the_file(
    filled_store: Store, store_path: Path
) -> None:
    started = threading.Event()
    worker, outcome = on_a_thread(filled_store, endless_once_started(started))
    assert started.wait(30)
    filled_store.close()  # (waits for the read to let go of the connection)
    worker.join(30)
    assert isinstance(outcome[1], ReadCancelled)
    assert [side for side in sidecars(store_path) if side.exists()] == []
    with pytest.raises(ReadCancelled):  # nothing reads once the store is closed
        filled_store.side.read(count_payments, filled_store.side.ticket())


def test_after_a_new_passphrase_it_reads_with_the_new_key(filled_store: Store, store_path: Path) -> None:
    worker, outcome = on_a_thread(filled_store, count_payments)
    worker.join()
    before = outcome[1]
    filled_store.change_passphrase(PASSPHRASE + " and a new one")
    worker, outcome = on_a_thread(filled_store, count_payments)
    worker.join()
    assert outcome[1] == before

"""Migration 0007: the trigram search index of payments finds the same payments as reading every row, stays up
to date when payments are added, changed or removed, and is built for a store made by v0.1.0.

These check the rows found and what SQLite plans to do (EXPLAIN QUERY PLAN), never how long it takes."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete

from ipb_desktop import ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models import search_index
from ipb_desktop.models.schema import Allocation, Transaction
from ipb_desktop.models.store import HEAD_REVISION, Store
from tests.conftest import PASSPHRASE
from tests.models.test_live_date_index import plan

DATA = Path(__file__).parent / "data"


def found(store: Store, text: str) -> list[int]:
    with store.reading() as s:
        return ledger_query.transaction_ids(s, LedgerFilter(text=text))


def scanned(store: Store, text: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What reading every row with LIKE finds (the search before the index)."""
    with monkeypatch.context() as m:
        m.setattr(search_index, "match_text", lambda words: None)
        return found(store, text)


def pay(store: Store, payee: str, description: str = "", day: int = 1) -> int:
    with store.transaction() as s:
        return ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 5, day), "out", 500, payee, description)
        ).id


def test_a_store_from_v010_gets_the_index_with_its_payments_in_it(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store:
        assert store.schema_revision() == HEAD_REVISION
        assert len(found(store, "pottery")) == 1
        with store.reading() as s:
            query = ledger_query.ids_query(LedgerFilter(text="pottery"))
            assert "VIRTUAL TABLE INDEX" in plan(s, query) and search_index.TABLE in plan(s, query)


def test_new_changed_and_removed_payments_are_found_as_they_are_now(store: Store) -> None:
    first = pay(store, "Riverside Swimming Pool", "Lane swim")
    assert found(store, "swim") == [first]
    with store.transaction() as s:
        ledger.update_transaction(
            s, first, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 500, "Harbour Arts Centre", "Printmaking")
        )
    assert found(store, "swim") == []
    assert found(store, "printmaking") == [first]
    with store.transaction() as s:
        ledger.delete_transaction(s, first)
    assert found(store, "printmaking") == []  # deleted payments are never listed
    with store.transaction() as s:
        ledger.restore_transaction(s, first)
    assert found(store, "harbour") == [first]
    with store.transaction() as s:
        s.execute(delete(Allocation).where(Allocation.transaction_id == first))
        s.execute(delete(Transaction).where(Transaction.id == first))
    assert found(store, "harbour") == []
    second = pay(store, "Harbour Café")
    assert found(store, "harbour") == [second]


def test_the_index_finds_exactly_what_reading_every_row_finds(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(15)
    words = ["Siân", "Dŵr Cymru", "Zoë's Café", "SWIM", "swimming", "50% off_peak", 'say "hi"', "Ŵyau", "ab", "x"]
    for n in range(60):
        pay(store, " ".join(rng.sample(words, 2)), rng.choice([*words, ""]), day=1 + n % 28)
    for text in [
        "swim",
        "SWIM caf",
        "café",
        "CAFÉ",
        "dŵr",
        "DŴR",
        "ŵyau",
        "50%",
        "off_peak",
        '"hi"',
        "ab",
        "x",
        "zoë's",
        "nothing like it",
        "iân",
        "an swi",
    ]:
        assert found(store, text) == scanned(store, text, monkeypatch), text

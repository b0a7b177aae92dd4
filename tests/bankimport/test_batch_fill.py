"""A bank import fills the search index and the month totals once for the whole batch (models/batch_fill), not
row by row through the triggers: searching finds every imported payee, the month totals equal a full recount,
and single changes made afterwards are still followed by the triggers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ipb_desktop import ledger, ledger_query
from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.history import undo_import
from ipb_desktop.ledger_query import LedgerFilter
from ipb_desktop.models import batch_fill, search_index
from ipb_desktop.models.store import Store
from tests.bankimport.conftest import FIXTURES

FILES = ("lloyds-uk-sample.csv", "ofxparse-bank_medium.ofx", "actual-data-payee-memo.csv")

RECOUNT = """SELECT substr(txn_date, 1, 7), sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END),
    sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), count(*)
    FROM "transaction" WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1"""


def month_rows(s: Session) -> list[tuple[object, ...]]:
    kept = s.execute(text("SELECT month, in_pence, out_pence, payments FROM month_total WHERE payments > 0"))
    return [tuple(row) for row in kept]


def recount(s: Session) -> list[tuple[object, ...]]:
    return [tuple(row) for row in s.execute(text(RECOUNT))]


def index_is_sound(s: Session) -> None:
    # Raises if any indexed row differs from the payee and description in the table (FTS5's own check).
    s.execute(text("INSERT INTO transaction_search(transaction_search, rank) VALUES ('integrity-check', 1)"))


def found(s: Session, words: str) -> list[int]:
    return ledger_query.transaction_ids(s, LedgerFilter(text=words))


def scanned(s: Session, words: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    with monkeypatch.context() as m:
        m.setattr(search_index, "match_text", lambda _words: None)
        return found(s, words)


def import_file(store: Store, name: str) -> int:
    with store.transaction() as s:
        result = service.preview(s, FIXTURES / name)
        return service.commit(s, result).id


def test_imported_payees_are_found_and_months_add_up(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = [import_file(filled_store, name) for name in FILES]
    with filled_store.reading() as s:
        payees = [
            str(p) for (p,) in s.execute(text('SELECT payee FROM "transaction" WHERE import_batch_id IS NOT NULL'))
        ]
        assert len(payees) > 15
        for payee in {p for p in payees if len(p) >= 3}:
            word = max(payee.split(), key=len)
            hits = found(s, word)
            assert hits, word
            assert hits == scanned(s, word, monkeypatch)
        assert month_rows(s) == recount(s)
        index_is_sound(s)

    # Undone and brought back (the same rows revived by updates), then a payment typed in by hand.
    with filled_store.transaction() as s:
        undo_import(s, batches[0])
    import_file(filled_store, FILES[0])
    with filled_store.transaction() as s:
        typed = ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 6, 2), "out", 1234, "Zebrafinch Pottery", "clay evening")
        ).id
    with filled_store.reading() as s:
        assert found(s, "zebrafinch") == [typed]
        assert month_rows(s) == recount(s)
        index_is_sound(s)


def test_the_triggers_wait_for_the_end_of_the_batch_and_come_back(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        with batch_fill.filled_once(s):
            added = ledger.add_transaction(
                s, ledger.TransactionDraft(dt.date(2026, 7, 3), "out", 999, "Quillwort Books", "")
            ).id
            s.flush()
            assert found(s, "quillwort") == []  # not indexed row by row
        assert found(s, "quillwort") == [added]
        assert month_rows(s) == recount(s)
    with filled_store.transaction() as s:
        later = ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 7, 4), "in", 50, "Quillwort Books refund", "")
        ).id
    with filled_store.reading() as s:
        assert sorted(found(s, "quillwort")) == sorted([added, later])
        assert month_rows(s) == recount(s)


def test_a_failed_batch_leaves_the_triggers_in_place(filled_store: Store) -> None:
    with pytest.raises(RuntimeError), filled_store.transaction() as s, batch_fill.filled_once(s):
        raise RuntimeError("the import went wrong")
    with filled_store.transaction() as s:
        added = ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 7, 5), "out", 700, "Marsh Harrier Cafe", "")
        ).id
    with filled_store.reading() as s:
        assert found(s, "harrier") == [added]
        assert month_rows(s) == recount(s)

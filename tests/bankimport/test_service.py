"""Preview, import, duplicates, matching hand-logged payments, suggestions, undo and history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop import ledger, plan
from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.lines import StatementRefused
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import CsvMapping, ImportBatch, PlanLine, Transaction
from ipb_desktop.models.store import Store

from .conftest import import_file, ledger_rows

APRIL = """Date,Description,Amount,Balance
01/04/2026,EXAMPLESHIRE COUNCIL,520.00,520.00
10/04/2026,CLAYWORKS STUDIO,-37.50,482.50
10/04/2026,CLAYWORKS STUDIO,-37.50,445.00
14/04/2026,JO ASSISTANT,-300.00,145.00
"""


def test_preview_saves_nothing(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("april.csv", APRIL)
    with store.reading() as s:
        result = service.preview(s, path)
    assert [p.line.amount_pence for p in result.new] == [52000, -3750, -3750, -30000]
    assert ledger_rows(store) == []


def test_reimport_adds_nothing_and_identical_same_day_payments_both_survive(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("april.csv", APRIL)
    import_file(store, path)
    first = ledger_rows(store)
    assert first.count((dt.date(2026, 4, 10), "out", 3750, "CLAYWORKS STUDIO", "", True)) == 2
    with store.reading() as s:
        again = service.preview(s, path)
    assert (len(again.new), len(again.duplicates), len(again.matches)) == (0, 4, 0)
    assert import_file(store, path) == 0
    assert ledger_rows(store) == first


def test_overlapping_statement_adds_only_the_new_days(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    import_file(store, write_file("april.csv", APRIL))
    later = write_file(
        "later.csv",
        "Date,Description,Amount\n"
        "10/04/2026,CLAYWORKS STUDIO,-37.50\n10/04/2026,CLAYWORKS STUDIO,-37.50\n"
        "14/04/2026,JO ASSISTANT,-300.00\n20/04/2026,RIVERSIDE GYM,-25.00\n",
    )
    with store.reading() as s:
        result = service.preview(s, later)
    assert [p.line.payee for p in result.new] == ["RIVERSIDE GYM"]
    assert len(result.duplicates) == 3
    import_file(store, later)
    assert len(ledger_rows(store)) == 5


def test_a_third_identical_payment_in_a_later_statement_comes_in(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    import_file(store, write_file("april.csv", APRIL))
    three = write_file(
        "three.csv",
        "Date,Description,Amount\n" + "10/04/2026,CLAYWORKS STUDIO,-37.50\n" * 3,
    )
    with store.reading() as s:
        assert len(service.preview(s, three).new) == 1


def test_match_keeps_the_persons_choices_and_receipt_and_marks_reconciled(
    filled_store: Store,
    write_file,  # type: ignore[no-untyped-def]
) -> None:
    with filled_store.reading() as s:
        pottery = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        before = [(a.category_id, a.plan_line_id, a.stream_id, a.outcome_id) for a in pottery.allocations]
        pottery_id = pottery.id
    with filled_store.transaction() as s:
        ledger.attach_receipt(s, pottery_id, "receipt.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    path = write_file("bank.csv", "Date,Description,Amount\n12/04/2026,CLAYWORKS STUDIO LTD,-37.50\n")
    with filled_store.reading() as s:
        result = service.preview(s, path)
    assert [(m.existing_id, m.line.amount_pence) for m in result.matches] == [(pottery_id, -3750)]
    assert "2 days apart" in result.matches[0].note
    assert result.new == []
    batch_id = import_file(filled_store, path)
    with filled_store.reading() as s:
        txn = s.get(Transaction, pottery_id)
        assert txn is not None
        assert txn.reconciled and txn.bank_id is not None
        assert (txn.payee, txn.txn_date, txn.description) == (
            "Clayworks Studio",
            dt.date(2026, 4, 10),
            "Pottery, 3 weeks",
        )
        assert [(a.category_id, a.plan_line_id, a.stream_id, a.outcome_id) for a in txn.allocations] == before
        assert [r.filename for r in txn.receipts] == ["receipt.png"]
        assert s.get(ImportBatch, batch_id).lines_matched == 1  # type: ignore[union-attr]
        assert len(list(s.scalars(ledger.live()))) == 4  # nothing added beside it
    with filled_store.reading() as s:
        assert len(service.preview(s, path).duplicates) == 1  # and it is now known as that bank line


def test_match_that_is_not_confirmed_comes_in_as_a_new_payment(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("bank.csv", "Date,Description,Amount\n12/04/2026,CLAYWORKS STUDIO,-37.50\n")
    import_file(filled_store, path, service.ImportChoices(confirmed_matches=frozenset()))
    with filled_store.reading() as s:
        assert len(list(s.scalars(ledger.live()))) == 5


def test_matching_needs_the_same_amount_within_a_few_days(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        "bank.csv",
        "Date,Description,Amount\n20/04/2026,CLAYWORKS STUDIO,-37.50\n14/04/2026,JO ASSISTANT,-300.01\n",
    )
    with filled_store.reading() as s:
        result = service.preview(s, path)
    assert result.matches == []
    assert len(result.new) == 2


def test_undo_import_removes_what_it_added_and_unreconciles_what_it_matched(
    filled_store: Store,
    write_file,  # type: ignore[no-untyped-def]
) -> None:
    before = ledger_rows(filled_store)
    path = write_file(
        "bank.csv", "Date,Description,Amount\n12/04/2026,CLAYWORKS STUDIO,-37.50\n15/04/2026,RIVERSIDE GYM,-25.00\n"
    )
    batch_id = import_file(filled_store, path)
    assert len(ledger_rows(filled_store)) == len(before) + 1
    with filled_store.transaction() as s:
        service.undo_import(s, batch_id)
    assert ledger_rows(filled_store) == before
    with filled_store.reading() as s:
        assert s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one().bank_id is None
        gym = s.scalars(select(Transaction).where(Transaction.payee == "RIVERSIDE GYM")).one()
        assert gym.deleted_at is not None  # marked deleted, never removed
        batches = service.history(s)
        assert [(b.id, b.lines_added, b.lines_matched, b.undone_at is not None) for b in batches] == [
            (batch_id, 1, 1, True)
        ]
    with filled_store.transaction() as s, pytest.raises(InvalidInput, match="already been undone"):
        service.undo_import(s, batch_id)
    # Importing again after the undo brings the same lines back (the same rows, so nothing doubles).
    again = import_file(filled_store, path)
    assert again != batch_id
    assert len(ledger_rows(filled_store)) == len(before) + 1
    with filled_store.reading() as s:
        assert s.scalars(select(Transaction).where(Transaction.payee == "RIVERSIDE GYM")).one().deleted_at is None


def test_a_line_the_person_deleted_is_not_brought_back(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("april.csv", APRIL)
    import_file(store, path)
    with store.transaction() as s:
        gym = s.scalars(select(Transaction).where(Transaction.payee == "JO ASSISTANT")).one()
        ledger.delete_transaction(s, gym.id)
    with store.reading() as s:
        result = service.preview(s, path)
    assert result.new == []
    assert [p.note for p in result.duplicates if p.note] == [
        "you deleted this payment earlier, so it is not brought back"
    ]


def test_problem_lines_stop_the_import_until_the_person_chooses(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        "bad.csv",
        "Date,Description,Amount\n01/04/2026,GOOD,-1.00\n31/02/2026,IMPOSSIBLE DATE,-2.00\n"
        "03/04/2026,BAD AMOUNT,-1.2.3\n",
    )
    with store.transaction() as s:
        result = service.preview(s, path)
        assert [str(p) for p in result.problems] == [
            "Line 3: '31/02/2026' is not a real date",
            "Line 4: '-1.2.3' is not an amount of money",
        ]
        with pytest.raises(StatementRefused) as refused:
            service.commit(s, result)
        assert "Line 3" in str(refused.value) and refused.value.exit_code == 5
    assert ledger_rows(store) == []
    import_file(store, path, service.ImportChoices(skip_bad_lines=True))
    assert [r[3] for r in ledger_rows(store)] == ["GOOD"]


def test_suggestions_come_from_earlier_choices_and_are_never_applied_silently(
    filled_store: Store,
    write_file,  # type: ignore[no-untyped-def]
) -> None:
    path = write_file("may.csv", "Date,Description,Amount\n20/05/2026,Clayworks Studio,-12.50\n")
    with filled_store.reading() as s:
        result = service.preview(s, path)
        pottery = s.scalars(select(PlanLine).where(PlanLine.description == "Pottery class")).one()
        pottery_id, activities = pottery.id, plan.category_named(s, "Activities and classes").id
    (line,) = result.new
    suggestion = result.suggestions[line.bank_id]
    assert suggestion.plan_line_id == pottery_id
    assert suggestion.reason == "You chose this for 1 earlier payment to Clayworks Studio"
    assert suggestion.label.startswith("Pottery class")
    # Not accepted: the payment comes in with nothing chosen.
    batch = import_file(filled_store, path)
    with filled_store.reading() as s:
        txn = s.scalars(select(Transaction).where(Transaction.import_batch_id == batch)).one()
        assert [(a.plan_line_id, a.category_id) for a in txn.allocations] == [(None, None)]
    with filled_store.transaction() as s:
        service.undo_import(s, batch)
    # Accepted: the plan line and what it brings with it (category, stream, its one outcome).
    import_file(filled_store, path, service.ImportChoices(allocations={line.bank_id: suggestion}))
    with filled_store.reading() as s:
        txn = s.scalars(
            select(Transaction).where(Transaction.amount_pence == 1250, Transaction.deleted_at.is_(None))
        ).one()
        (part,) = txn.allocations
        assert (part.plan_line_id, part.category_id) == (pottery_id, activities)
        assert part.stream_id is not None and part.outcome_id is not None


def test_suggestion_for_a_new_line_in_a_10_line_file_uses_bulk_write(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(f"{d:02d}/05/2026,Jo Assistant,-30.00\n" for d in range(1, 11))
    path = write_file("jo.csv", "Date,Description,Amount\n" + rows)
    with filled_store.reading() as s:
        result = service.preview(s, path)
    accepted = {p.bank_id: result.suggestions[p.bank_id] for p in result.new}
    batch = import_file(filled_store, path, service.ImportChoices(allocations=accepted))
    with filled_store.reading() as s:
        added = list(s.scalars(select(Transaction).where(Transaction.import_batch_id == batch)))
        assert len(added) == 10
        assert {a.plan_line.description for t in added for a in t.allocations if a.plan_line} == {
            "Personal assistant 2.5 hours a week"
        }
        assert all(t.reconciled and t.recorded_by == "holder" for t in added)


def test_mapping_is_remembered_by_header_signature_and_by_name(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    odd = "When,Who,Value,Left\n01/04/2026,JO ASSISTANT,-300.00,700.00\n"
    path = write_file("odd.csv", odd)
    with store.reading() as s:
        columns = service.csv_columns(s, path)
    assert columns is not None
    table, guessed, name = columns
    assert (table.header, table.sample(), name) == (
        ["When", "Who", "Value", "Left"],
        [odd.splitlines()[1].split(",")],
        None,
    )
    assert guessed.date is None  # "When" is not a heading the guess knows
    with store.reading() as s, pytest.raises(StatementRefused, match="choose the column that holds the date"):
        service.preview(s, path)
    fixed = ColumnMapping(date=0, payee=1, amount=2, balance=3)
    with store.transaction() as s:
        result = service.preview(s, path, mapping=fixed)
        service.commit(s, result, service.ImportChoices(mapping_name="Exampleshire prepaid card"))
    next_month = write_file("next.csv", "When,Who,Value,Left\n01/05/2026,JO ASSISTANT,-300.00,400.00\n")
    with store.reading() as s:
        result = service.preview(s, next_month)
        assert (result.mapping, result.mapping_name) == (fixed, "Exampleshire prepaid card")
        assert [m.name for m in s.scalars(select(CsvMapping))] == ["Exampleshire prepaid card"]
        by_name = service.preview(s, next_month, mapping_name="Exampleshire prepaid card")
        assert by_name.mapping == fixed
        with pytest.raises(InvalidInput, match="no saved column mapping called 'Nope'"):
            service.preview(s, next_month, mapping_name="Nope")


def test_balance_check_shows_bank_and_app_balance_and_the_difference(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    # The store holds 520.00 + 1,200.00 in and 37.50 + 300.00 out by 14 April: 1,382.50.
    path = write_file("bank.csv", "Date,Description,Amount,Balance\n20/04/2026,RIVERSIDE GYM,-25.00,1360.00\n")
    with filled_store.reading() as s:
        result = service.preview(s, path)
    assert result.balance == service.BalanceCheck(dt.date(2026, 4, 20), 136000, 135750)
    assert result.balance.difference_pence == 250


def test_nothing_new_cannot_be_committed(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("april.csv", APRIL)
    import_file(store, path)
    with store.transaction() as s:
        result = service.preview(s, path)
        with pytest.raises(InvalidInput, match="nothing new to import"):
            service.commit(s, result)


def test_commit_compares_again_so_an_old_preview_adds_nothing_twice(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("april.csv", APRIL)
    with store.reading() as s:
        stale = service.preview(s, path)
    import_file(store, path)
    with store.transaction() as s, pytest.raises(InvalidInput, match="nothing new"):
        service.commit(s, stale)
    assert len(ledger_rows(store)) == 4


def test_bytes_can_be_previewed_and_too_big_files_are_refused(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with store.reading() as s:
        with pytest.raises(
            StatementRefused, match=re.escape("this file is 21.0 MB; the most this app imports is 20 MB")
        ):
            service.preview(s, big)
        result = service.preview(s, APRIL.encode(), name="pasted.csv")
        assert result.source_name == "pasted.csv" and len(result.new) == 4


def test_an_undone_import_can_be_put_back(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        "bank.csv", "Date,Description,Amount\n12/04/2026,CLAYWORKS STUDIO,-37.50\n15/04/2026,RIVERSIDE GYM,-25.00\n"
    )
    batch_id = import_file(filled_store, path)
    imported = ledger_rows(filled_store)
    with filled_store.transaction() as s:
        service.undo_import(s, batch_id)
    with filled_store.transaction() as s:
        service.restore_import(s, batch_id)
        assert service.history(s)[0].undone_at is None
    assert ledger_rows(filled_store) == imported
    with filled_store.reading() as s:
        assert not service.preview(s, path).has_changes
    with filled_store.transaction() as s, pytest.raises(InvalidInput, match="nothing to put back"):
        service.restore_import(s, batch_id)

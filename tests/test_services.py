"""The domain services, used the way the GUI and CLI use them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from ipb_desktop import audit, budget, holder, ledger, outcomes, plan, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import AuditEntry, Transaction
from ipb_desktop.models.store import Store

D = dt.date


def test_nhs_number_checks_its_modulus_11_digit() -> None:
    assert holder.normalise_nhs_number("943 476 5919") == "9434765919"
    with pytest.raises(InvalidInput) as caught:
        holder.normalise_nhs_number("9434765918")
    assert caught.value.field == "nhs_number" and "does not check out" in caught.value.reason
    with pytest.raises(InvalidInput, match="10 digits"):
        holder.normalise_nhs_number("12345")


def test_holder_edit_is_audited_with_field_names_only(filled_store: Store) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood", preferred_name="Al"))
    with filled_store.reading() as s:
        last = audit.entries(s, "holder")[-1]
        assert last.actor == "planner:Sam Example"
        assert "preferred_name" in json.loads(last.detail)["changed"]


def test_overlapping_periods_are_refused(filled_store: Store) -> None:
    with pytest.raises(InvalidInput, match="overlap"), filled_store.transaction() as s:
        budget.add_period(s, "Overlap", D(2027, 1, 1), D(2027, 12, 31))


def test_stream_weekly_and_yearly_equivalents(filled_store: Store) -> None:
    with filled_store.reading() as s:
        council, nhs = budget.periods(s)[0].streams
        assert budget.weekly_pence(council) == 13000  # £520 every four weeks
        assert budget.yearly_pence(council) == 676000
        assert budget.yearly_pence(nhs) == 1440000  # £1,200 a month
        assert budget.weekly_pence(nhs) == 27692


def test_plan_line_fills_in_category_stream_and_single_outcome(filled_store: Store) -> None:
    with filled_store.reading() as s:
        pottery = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        part = pottery.allocations[0]
        assert part.plan_line is not None and part.plan_line.description == "Pottery class"
        assert part.category is not None and part.category.name == "Activities and classes"
        assert part.stream is not None and part.stream.funder_name == "Exampleshire ICB"
        assert part.outcome is not None and part.outcome.what_matters.startswith("Regain confidence")


def test_split_must_add_up_and_then_replaces_allocations(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        lines = plan.plan_lines(s, budget.periods(s)[0].id)
        txn = s.scalars(select(Transaction).where(Transaction.payee == "Jo Assistant")).one()
        with pytest.raises(InvalidInput, match="add up"):
            ledger.split_transaction(
                s, txn.id, [ledger.AllocationDraft(10000, plan_line_id=lines[0].id), ledger.AllocationDraft(5000)]
            )
        ledger.split_transaction(
            s,
            txn.id,
            [
                ledger.AllocationDraft(20000, plan_line_id=lines[0].id),
                ledger.AllocationDraft(10000, plan_line_id=lines[1].id),
            ],
        )
        assert [a.amount_pence for a in txn.allocations] == [20000, 10000]
        detail = json.loads(audit.entries(s, "transaction", txn.id)[-1].detail)
        assert "allocations" in detail


def test_delete_keeps_the_payment_restorable_and_audited(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        txn = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        ledger.delete_transaction(s, txn.id)
        assert txn.id not in {t.id for t in s.scalars(ledger.live())}
        with pytest.raises(InvalidInput):
            ledger.get_transaction(s, txn.id)
        ledger.restore_transaction(s, txn.id)
        assert txn.id in {t.id for t in s.scalars(ledger.live())}
        actions = [e.action for e in audit.entries(s, "transaction", txn.id)]
        assert actions == ["create", "delete", "restore"]


def test_edit_can_be_undone_with_the_old_draft(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        txn = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        old = ledger.draft_of(txn)
        changed = ledger.TransactionDraft(D(2026, 4, 11), "out", 4000, "Clayworks Studio", "Pottery, 4 weeks")
        ledger.update_transaction(s, txn.id, changed)
        assert txn.amount_pence == 4000 and txn.allocations[0].plan_line_id is None
        ledger.update_transaction(s, txn.id, old)
        assert txn.amount_pence == 3750 and txn.allocations[0].plan_line_id is not None


def test_receipts_are_checked_and_kept_in_the_store(filled_store: Store) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with filled_store.transaction() as s:
        txn = s.scalars(select(Transaction).where(Transaction.payee == "Clayworks Studio")).one()
        with pytest.raises(InvalidInput, match="empty"):
            ledger.attach_receipt(s, txn.id, "r.png", b"")
        with pytest.raises(InvalidInput, match="not a photo"):
            ledger.attach_receipt(s, txn.id, "r.txt", b"hello")
        with pytest.raises(InvalidInput, match="the most is"):
            ledger.attach_receipt(s, txn.id, "big.png", png + b"\x00" * 2048, max_bytes=1024)
        receipt = ledger.attach_receipt(s, txn.id, "C:\\Users\\x\\receipt.png", png)
        assert receipt.media_type == "image/png" and receipt.filename == "receipt.png"
        assert receipt.content == png


def test_gentle_warnings_never_block(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        alcohol = plan.category_named(s, "Alcohol").id
        draft = ledger.TransactionDraft(D(2026, 5, 1), "out", 1200, "Corner Shop", category_id=alcohol)
        warnings = ledger.gentle_warnings(s, draft)
        assert any("do not usually pay for" in w for w in warnings)
        assert any("not linked to anything in your plan" in w for w in warnings)
        ledger.add_transaction(s, draft)  # still saved


def test_ratings_record_who_and_latest_wins(filled_store: Store) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        first = outcomes.list_outcomes(s)[0]
        outcomes.add_rating(s, first.id, outcomes.RatingDetails(D(2026, 6, 1), 7, note="Went to the market alone"))
        with pytest.raises(InvalidInput, match="0 to 10"):
            outcomes.add_rating(s, first.id, outcomes.RatingDetails(D(2026, 6, 2), 11))
        with pytest.raises(InvalidInput, match="questionnaire"):
            outcomes.add_rating(s, first.id, outcomes.RatingDetails(D(2026, 6, 2), 40, scale="external"))
        latest = outcomes.latest_ratings(s)
        assert latest[first.id].score == 7 and latest[first.id].recorded_by == "planner:Sam Example"
        outcomes.set_status(s, first.id, "achieved", D(2026, 7, 1))
        assert [o.id for o in outcomes.list_outcomes(s, "active")] != [first.id]


def test_settings_are_validated(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        assert settings.get_int(s, "surplus_weeks") == 8
        settings.put(s, "surplus_weeks", "6")
        assert settings.get_int(s, "surplus_weeks") == 6
        with pytest.raises(InvalidInput, match="choose one of"):
            settings.put(s, "surplus_weeks", "7")


def test_audit_log_cannot_be_rewritten(filled_store: Store) -> None:
    with pytest.raises(IntegrityError), filled_store.transaction() as s:
        s.execute(text("UPDATE audit_entry SET actor = 'someone else'"))
    with pytest.raises(IntegrityError), filled_store.transaction() as s:
        s.execute(text("DELETE FROM audit_entry"))
    with filled_store.reading() as s:
        assert s.scalars(select(AuditEntry)).first() is not None

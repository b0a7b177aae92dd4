"""Migration 0013's `payee_choice`: the sums the import's suggestions read are the sums worked out from every
payment (`payee_choices.FILL`), on a store upgraded from v0.1.0 and after every kind of change to a payment or
its parts; and the triggers find a payee's first and latest payment through an index, not by reading them all."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from ipb_desktop import ledger, plan
from ipb_desktop.bankimport import history, service, suggest
from ipb_desktop.models import payee_choices, payer_streams
from ipb_desktop.models.schema import Allocation, FundingStream, PlanLine, Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"


def kept(s: Session, table: str = payee_choices.TABLE) -> list[tuple[object, ...]]:
    return sorted(tuple(row) for row in s.execute(text(f"SELECT * FROM {table}")))


def worked_out(s: Session, fill: str = payee_choices.FILL) -> list[tuple[object, ...]]:
    return sorted(tuple(row) for row in s.execute(text(fill)))


def agree(store: Store) -> list[tuple[object, ...]]:
    """Both kept tables equal their definitions; returns payee_choice's rows."""
    with store.reading() as s:
        rows = kept(s)
        assert rows == worked_out(s)
        assert kept(s, payer_streams.TABLE) == worked_out(s, payer_streams.FILL)
    return rows


def money_in(store: Store) -> list[tuple[object, ...]]:
    with store.reading() as s:
        return kept(s, payer_streams.TABLE)


def test_a_store_from_v010_gets_the_sums_of_its_payments(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store:
        assert agree(store)  # the old store's sorted payments are counted
        with store.reading() as s:
            assert {rule.payee for rule in suggest.rules(s)}


def test_the_sums_follow_every_change_to_a_payment_and_its_parts(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        pottery, laptop = lines["Pottery class"], lines["Laptop for job search"]
        activities = plan.category_named(s, "Activities and classes").id
        ids = [
            ledger.add_transaction(
                s,
                ledger.TransactionDraft(
                    dt.date(2026, 5, 1 + n), "out", 1000 + n, "Riverside Gym", plan_line_id=pottery
                ),
            ).id
            for n in range(4)
        ]
    start = agree(filled_store)
    gym = [row for row in start if row[0] == "Riverside Gym"]
    assert [row[5] for row in gym] == [4]  # four payments to the gym for pottery

    def change(step) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
        with filled_store.transaction() as s:
            step(s)
        return agree(filled_store)

    first, latest = ids[0], ids[-1]
    # The latest moves to another day, then to another payee, then to another plan line.
    for payee, line in [("Riverside Gym", pottery), ("RIVERSIDE GYM", pottery), ("RIVERSIDE GYM", laptop)]:
        moved = ledger.TransactionDraft(dt.date(2026, 4, 20), "out", 1003, payee, plan_line_id=line)
        change(lambda s, moved=moved: ledger.update_transaction(s, latest, moved))
    # Split in two (counts no more), then back to one part.
    two = (ledger.AllocationDraft(500, plan_line_id=pottery), ledger.AllocationDraft(501, category_id=activities))
    change(lambda s: ledger.update_transaction(
        s, first, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 1001, "Riverside Gym", allocations=two)
    ))  # fmt: skip
    change(lambda s: ledger.update_transaction(
        s, first, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 1000, "Riverside Gym", category_id=activities)
    ))  # fmt: skip
    # A part's choice changed in place, a part moved to another payment, a part added and taken away in SQL.
    change(lambda s: s.execute(update(Allocation).where(Allocation.transaction_id == ids[1]).values(category_id=None)))
    change(
        lambda s: s.execute(update(Allocation).where(Allocation.transaction_id == ids[1]).values(transaction_id=ids[2]))
    )
    change(
        lambda s: s.execute(update(Allocation).where(Allocation.transaction_id == ids[2]).values(transaction_id=ids[1]))
    )
    # Deleted, restored, and deleted for good.
    change(lambda s: ledger.delete_transaction(s, ids[2]))
    change(lambda s: ledger.restore_transaction(s, ids[2]))
    change(lambda s: s.execute(delete(Transaction).where(Transaction.id == ids[1])))
    gone = change(lambda s: s.execute(delete(Transaction).where(Transaction.id.in_(ids))))
    assert [row for row in gone if row[0].lower() == "riverside gym"] == []


def test_an_import_its_undo_and_its_return_keep_the_sums(filled_store: Store) -> None:
    statement = (
        "Date,Description,Amount\n"
        + "".join(f"{day:02d}/05/2026,CLAYWORKS STUDIO CD 1417,-{10 + day}.00\n" for day in range(1, 11))
    ).encode()
    with filled_store.transaction() as s:
        pottery = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
        preview = service.preview(s, statement, name="may.csv")
        choice = service.line_choice(plan_line_id=pottery)
        batch = service.commit(s, preview, service.ImportChoices(allocations={p.bank_id: choice for p in preview.new}))
    imported = agree(filled_store)
    clay = [row for row in imported if row[0] == "CLAYWORKS STUDIO CD 1417"]
    assert [(row[5], row[6][:10], row[7][:10]) for row in clay] == [(10, "2026-05-01", "2026-05-10")]
    with filled_store.transaction() as s:
        history.undo_import(s, batch.id)
    assert not [row for row in agree(filled_store) if row[0] == "CLAYWORKS STUDIO CD 1417"]
    with filled_store.transaction() as s:
        history.restore_import(s, batch.id)
    assert agree(filled_store) == imported


def test_the_first_and_latest_are_found_through_the_payee_index(filled_store: Store) -> None:
    recompute = (
        f"UPDATE {payee_choices.TABLE} SET first_when = {payee_choices._ends('ASC', '')}, "
        f"last_when = {payee_choices._ends('DESC', '')} WHERE payee = 'Riverside Gym'"
    )
    with filled_store.reading() as s:
        found = " | ".join(str(row[-1]) for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {recompute}"))
        rules = " | ".join(
            str(row[-1])
            for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN SELECT * FROM {payee_choices.TABLE}")
        )
    assert payee_choices.INDEX in found and "TEMP B-TREE" not in found
    assert "transaction" not in rules  # the suggestions read the sums alone


def test_the_money_in_sums_follow_every_change_to_money_in(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        council, nhs = sorted(s.scalars(select(FundingStream.id)))
        income = plan.category_named(s, "Budget payment in").id

        def money(day: int, stream: int, payee: str = "EXAMPLESHIRE COUNCIL DP") -> ledger.TransactionDraft:
            return ledger.TransactionDraft(
                dt.date(2026, 5, day), "in", 52000, payee, category_id=income, stream_id=stream
            )

        ids = [ledger.add_transaction(s, money(day, council)).id for day in (1, 8, 15)]
    assert [row[3] for row in money_in(filled_store) if row[0] == "EXAMPLESHIRE COUNCIL DP"] == [3]

    def change(step) -> None:  # type: ignore[no-untyped-def]
        with filled_store.transaction() as s:
            step(s)
        agree(filled_store)

    change(lambda s: ledger.update_transaction(s, ids[-1], money(2, council)))  # the latest moves earlier
    change(lambda s: ledger.update_transaction(s, ids[0], money(1, nhs)))  # to another stream
    change(lambda s: ledger.update_transaction(s, ids[1], money(8, council, "Exampleshire Council")))
    two = (ledger.AllocationDraft(26000, stream_id=council), ledger.AllocationDraft(26000, stream_id=council))
    change(lambda s: ledger.update_transaction(
        s, ids[1], ledger.TransactionDraft(dt.date(2026, 5, 9), "in", 52000, "EXAMPLESHIRE COUNCIL DP", allocations=two)
    ))  # fmt: skip
    change(
        lambda s: s.execute(update(Transaction).where(Transaction.id == ids[1]).values(txn_date=dt.date(2026, 5, 30)))
    )
    change(lambda s: s.execute(update(Allocation).where(Allocation.transaction_id == ids[0]).values(stream_id=None)))
    change(lambda s: ledger.delete_transaction(s, ids[1]))
    change(lambda s: ledger.restore_transaction(s, ids[1]))
    change(lambda s: s.execute(update(Transaction).where(Transaction.id == ids[2]).values(direction="out")))
    change(lambda s: s.execute(delete(Transaction).where(Transaction.id.in_(ids))))
    assert not [row for row in money_in(filled_store) if row[0].lower().startswith("exampleshire council dp")]

"""What payments were for, added up per month (migration 0012, `models.month_allocations`): the table equals a
full recount after any mix of changes, and every figure read from it (breakdowns, streams, plan lines, the
period summary, the projection, Home) is what adding up every allocation of every payment in the range gives."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from ipb_desktop import figures, ledger
from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.history import restore_import, undo_import
from ipb_desktop.bankimport.suggest import Suggestion
from ipb_desktop.models import month_allocations, month_totals
from ipb_desktop.models.schema import Allocation, Category, FundingStream, Outcome, PlanLine, Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE
from tests.test_month_totals_balance import add_payment, common_change

FIXTURES = Path("/work/shared/fixtures/bank")
DATA = Path(__file__).parent / "data"
FIRST = dt.date(2026, 1, 17)
DAYS = 520  # to June 2027: before, through and after filled_store's period (April 2026 to March 2027)


def kept(s: Session) -> list[tuple[object, ...]]:
    """The table's rows that still hold allocations (a row whose allocations have all gone must hold 0)."""
    assert (
        s.execute(text(f"SELECT count(*) FROM {month_allocations.TABLE} WHERE allocations = 0 AND pence != 0")).one()[0]
        == 0
    )
    rows = s.execute(
        text(f"SELECT * FROM {month_allocations.TABLE} WHERE allocations != 0 ORDER BY 1, 2, 3, 4, 5, 6, 7")
    )
    return [tuple(row) for row in rows]


def recount(s: Session) -> list[tuple[object, ...]]:
    rows = s.execute(text(month_allocations.recount_statement() + " ORDER BY 1, 2, 3, 4, 5, 6, 7"))
    return [tuple(row) for row in rows]


@contextmanager
def every_payment_added_up() -> Iterator[None]:
    """The figures as they were before the month totals: every range read from the payments themselves."""

    def raw(start: dt.date, end: dt.date) -> tuple[None, list[tuple[dt.date, dt.date, int]]]:
        return None, [(start, end, 1)]

    with mock.patch.object(month_allocations, "split", raw), mock.patch.object(month_totals, "split", raw):
        yield


def all_figures(s: Session) -> list[object]:
    found: list[object] = []
    for start, end in [
        (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 11, 20)),
        (dt.date(2026, 2, 14), dt.date(2026, 7, 31)),
        (dt.date(2026, 5, 3), dt.date(2026, 5, 29)),
    ]:
        found.append(figures.period_summary(s, start, end))  # flows and the account's breakdowns
        found.append(figures.money_out_by_outcome(s, start, end, None))
        found.append(figures.money_out_by_plan_line(s, start, end, None))
        found.append(figures.money_in_by_category(s, start, end))
        found.append(figures.money_in_by_plan_line(s, start, end))
    for today in (dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 11, 20), dt.date(2027, 2, 10)):
        found.append(figures.home_figures(s, today))  # streams, plan lines, projection, surplus
    return found


def links(s: Session) -> dict[str, list[int | None]]:
    return {
        "stream_id": [None, *s.scalars(select(FundingStream.id))],
        "category_id": [None, *s.scalars(select(Category.id).order_by(Category.id).limit(4))],
        "plan_line_id": [None, *s.scalars(select(PlanLine.id))],
        "outcome_id": [None, *s.scalars(select(Outcome.id))],
    }


part = st.tuples(*(st.integers(0, 5) for _ in range(4)))
add = st.tuples(
    st.just("add"),
    st.integers(0, DAYS),
    st.sampled_from(["in", "out"]),
    st.integers(3, 400_000),
    st.booleans(),
    st.lists(part, min_size=1, max_size=3),
)
change = st.tuples(
    st.sampled_from(["move", "flip", "turn", "delete", "restore", "remove", "amount", "relink", "split", "edit"]),
    st.integers(0, 40),
    st.integers(0, DAYS),
    part,
)
steps = st.lists(st.one_of(add, add, change), min_size=1, max_size=30)


def drafts(choices: dict[str, list[int | None]], pence: int, parts: list[tuple[int, ...]]) -> tuple[object, ...]:
    share = pence // len(parts)
    amounts = [share] * (len(parts) - 1) + [pence - share * (len(parts) - 1)]
    return tuple(
        ledger.AllocationDraft(amount, *(choices[k][n % len(choices[k])] for k, n in zip(KEY_ORDER, p, strict=True)))
        for amount, p in zip(amounts, parts, strict=True)
    )


KEY_ORDER = ("category_id", "plan_line_id", "stream_id", "outcome_id")  # AllocationDraft's order


def apply(s: Session, step: tuple[object, ...], ids: list[int], choices: dict[str, list[int | None]]) -> None:
    if step[0] == "add":
        _kind, day, direction, pence, through, parts = step
        assert isinstance(parts, list)
        draft = ledger.TransactionDraft(
            FIRST + dt.timedelta(days=int(str(day))),
            str(direction),
            int(str(pence)),
            "Heronsgate Crafts",
            allocations=drafts(choices, int(str(pence)), parts),  # type: ignore[arg-type]
        )
        add_payment(s, draft, through, ids)
        return
    if not ids:
        return
    kind, which, day, chosen = step
    assert isinstance(chosen, tuple)
    txn = s.get(Transaction, ids[int(str(which)) % len(ids)])
    if txn is None:
        return
    first_part = txn.allocations[0] if txn.allocations else None
    if common_change(s, kind, txn, FIRST + dt.timedelta(days=int(str(day)))):
        s.flush()
        return
    if kind == "turn":
        txn.direction = "in" if txn.direction == "out" else "out"
    elif kind == "remove":  # gone for good; its allocations go with it (the foreign key's cascade)
        s.flush()
        s.execute(delete(Transaction).where(Transaction.id == txn.id))
        s.expunge_all()
        return
    elif kind == "amount" and first_part is not None:
        first_part.amount_pence = int(str(day)) * 37 + 1
    elif kind == "relink" and first_part is not None:
        for key, n in zip(KEY_ORDER, chosen, strict=True):
            setattr(first_part, key, choices[key][n % len(choices[key])])
    elif kind == "split" and txn.deleted_at is None:
        ledger.split_transaction(s, txn.id, list(drafts(choices, txn.amount_pence, [chosen, chosen[::-1]])))  # type: ignore[arg-type]
    elif kind == "edit" and txn.deleted_at is None:
        draft = ledger.draft_of(txn)
        ledger.update_transaction(
            s,
            txn.id,
            ledger.TransactionDraft(
                FIRST + dt.timedelta(days=int(str(day))),
                draft.direction,
                draft.amount_pence + 5,
                draft.payee,
                allocations=drafts(choices, draft.amount_pence + 5, [chosen]),  # type: ignore[arg-type]
            ),
        )
    s.flush()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_month_allocation_totals_equal_a_recount_and_every_figure_is_unchanged(
    filled_store: Store, steps: list[tuple[object, ...]]
) -> None:
    with filled_store.reading() as s:  # rolled back at the end, so each example starts from the same budget
        choices = links(s)
        ids = list(s.scalars(select(Transaction.id)))
        for step in steps:
            apply(s, step, ids, choices)
        s.flush()
        assert kept(s) == recount(s)
        from_months = all_figures(s)
        with every_payment_added_up():
            assert all_figures(s) == from_months


def test_a_store_from_v010_gets_month_allocation_totals(tmp_path: Path) -> None:
    copy = tmp_path / "store-v0.1.0.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store, store.reading() as s:
        assert kept(s) == recount(s)
        assert len(kept(s)) >= 3
        from_months = all_figures(s)
        with every_payment_added_up():
            assert all_figures(s) == from_months


def import_file(store: Store, name: str, choose: dict[str, int | None]) -> int:
    with store.transaction() as s:
        result = service.preview(s, FIXTURES / name)
        lines = [line.bank_id for line in result.new]
        chosen = {bank_id: Suggestion(**choose) for bank_id in lines[::2]}  # type: ignore[arg-type]
        return service.commit(s, result, service.ImportChoices(allocations=chosen)).id


@pytest.mark.parametrize("name", ["lloyds-uk-sample.csv", "ofxparse-bank_medium.ofx"])
def test_a_bank_import_its_undo_and_redo_keep_the_month_totals_right(filled_store: Store, name: str) -> None:
    with filled_store.reading() as s:
        line = s.scalars(select(PlanLine).order_by(PlanLine.id)).first()
        assert line is not None
        line_id = line.id
        choose = {"plan_line_id": line_id, "category_id": line.category_id}
        before = kept(s)
    batch = import_file(filled_store, name, choose)
    with filled_store.reading() as s:
        assert kept(s) == recount(s)
        assert kept(s) != before
        assert s.scalar(select(Allocation.id).where(Allocation.plan_line_id == line_id).limit(1)) is not None
    with filled_store.transaction() as s:
        undo_import(s, batch)
    with filled_store.reading() as s:
        assert kept(s) == recount(s) == before
    with filled_store.transaction() as s:
        restore_import(s, batch)
    with filled_store.reading() as s:
        assert kept(s) == recount(s) != before
        from_months = all_figures(s)
        with every_payment_added_up():
            assert all_figures(s) == from_months


@given(start=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)), length=st.integers(-3, 800))
def test_the_months_and_days_a_range_is_read_as_cover_it_exactly_once(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    months, days = month_totals.split(start, end)
    for n in range(-70, max(length, 0) + 70):
        day = start + dt.timedelta(days=n)
        counted = int(months is not None and months[0] <= day.strftime("%Y-%m") <= months[1])
        counted += sum(sign for first, last, sign in days if first <= day <= last)
        assert counted == int(start <= day <= end), day
    assert len(days) <= 4

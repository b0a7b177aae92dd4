"""Regular payments: set up once, offered when due, confirmed into the ledger or skipped."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipb_desktop import audit, ledger, ledger_query, regular
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import PlanLine
from ipb_desktop.models.store import Store
from ipb_desktop.regular import RegularDetails


def _pa_line(store: Store) -> int:
    with store.reading() as s:
        return s.scalars(select(PlanLine.id).where(PlanLine.description.startswith("Personal assistant"))).one()


def wages(line: int, **changes: object) -> RegularDetails:
    base = dict(
        direction="out",
        amount_pence=7500,
        payee="Jo Assistant",
        schedule="weekly",
        next_due=dt.date(2026, 6, 5),
        description="Weekly wages",
        plan_line_id=line,
        payment_method="standing_order",
    )
    base.update(changes)
    return RegularDetails(**base)  # type: ignore[arg-type]


def test_nothing_is_due_before_the_first_date(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        regular.add_regular(s, wages(_pa_line(filled_store)))
    with filled_store.reading() as s:
        assert regular.due(s, dt.date(2026, 6, 4)) == []
        assert [o.due_on for o in regular.due(s, dt.date(2026, 6, 5))] == [dt.date(2026, 6, 5)]


def test_every_missed_week_is_offered_oldest_first(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(_pa_line(filled_store)))
        council = regular.add_regular(
            s, RegularDetails("in", 52000, "Exampleshire Council", "four_weekly", dt.date(2026, 6, 1))
        )
    with filled_store.reading() as s:
        found = regular.due(s, dt.date(2026, 6, 20))
    assert [(o.regular_id, o.due_on) for o in found] == [
        (council.id, dt.date(2026, 6, 1)),
        (weekly.id, dt.date(2026, 6, 5)),
        (weekly.id, dt.date(2026, 6, 12)),
        (weekly.id, dt.date(2026, 6, 19)),
    ]
    assert found[0].direction == "in" and found[1].amount_pence == 7500


def test_confirm_records_the_payment_and_moves_to_the_next_week(filled_store: Store) -> None:
    line = _pa_line(filled_store)
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(line))
    with filled_store.transaction() as s:
        txn = regular.confirm(s, weekly.id, dt.date(2026, 6, 6))
        txn_id = txn.id
    with filled_store.reading() as s:
        txn = ledger.get_transaction(s, txn_id)
        assert (txn.txn_date, txn.amount_pence, txn.payee, txn.payment_method) == (
            dt.date(2026, 6, 6),
            7500,
            "Jo Assistant",
            "standing_order",
        )
        assert txn.allocations[0].plan_line_id == line
        assert regular.get_regular(s, weekly.id).next_due == dt.date(2026, 6, 12)
        assert [e.action for e in audit.entries(s, "regular_payment", weekly.id)] == ["create", "confirm"]


def test_confirm_can_take_a_different_amount(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(_pa_line(filled_store)))
        txn = regular.confirm(s, weekly.id, dt.date(2026, 6, 5), amount_pence=9000)
        assert txn.amount_pence == 9000


def test_skip_moves_on_without_a_payment_and_set_next_due_puts_it_back(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(_pa_line(filled_store)))
        before = ledger_query.count(s)
        regular.skip(s, weekly.id)
        assert ledger_query.count(s) == before
        assert weekly.next_due == dt.date(2026, 6, 12)
        regular.set_next_due(s, weekly.id, dt.date(2026, 6, 5))
        assert regular.due(s, dt.date(2026, 6, 5))[0].due_on == dt.date(2026, 6, 5)


def test_end_date_stops_the_offers(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(_pa_line(filled_store), end_date=dt.date(2026, 6, 12)))
    with filled_store.reading() as s:
        assert [o.due_on for o in regular.due(s, dt.date(2026, 12, 1))] == [dt.date(2026, 6, 5), dt.date(2026, 6, 12)]
    with filled_store.transaction() as s:
        regular.confirm(s, weekly.id, dt.date(2026, 6, 5))
        regular.confirm(s, weekly.id, dt.date(2026, 6, 12))
        with pytest.raises(InvalidInput, match="stopped"):
            regular.confirm(s, weekly.id, dt.date(2026, 6, 19))


def test_stopped_payments_are_not_offered_and_can_be_resumed(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(_pa_line(filled_store)))
        regular.stop_regular(s, weekly.id)
        assert regular.due(s, dt.date(2026, 7, 1)) == []
        assert regular.list_regular(s) == [] and regular.list_regular(s, include_stopped=True) == [weekly]
        regular.resume_regular(s, weekly.id)
        assert len(regular.due(s, dt.date(2026, 7, 1))) == 4


def test_a_long_absence_offers_a_bounded_number(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        regular.add_regular(s, wages(_pa_line(filled_store), next_due=dt.date(2020, 1, 3)))
        assert len(regular.due(s, dt.date(2026, 6, 1))) == regular.MAX_DUE_PER_PAYMENT


def test_edit_keeps_history_and_details_of_round_trips(filled_store: Store) -> None:
    line = _pa_line(filled_store)
    with filled_store.transaction() as s:
        weekly = regular.add_regular(s, wages(line))
        old = regular.details_of(weekly)
        regular.update_regular(s, weekly.id, wages(line, amount_pence=8000))
        assert weekly.amount_pence == 8000
        regular.update_regular(s, weekly.id, old)
        assert regular.details_of(weekly) == old


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"schedule": "one_off"}, "schedule"),
        ({"amount_pence": 0}, "amount"),
        ({"payee": "  "}, "payee"),
        ({"direction": "sideways"}, "direction"),
        ({"end_date": dt.date(2026, 6, 1)}, "end_date"),
        ({"plan_line_id": 999}, "plan_line"),
        ({"payment_method": "barter"}, "payment_method"),
    ],
)
def test_bad_details_name_the_field(filled_store: Store, changes: dict[str, object], field: str) -> None:
    with filled_store.transaction() as s, pytest.raises(InvalidInput) as raised:
        regular.add_regular(s, wages(_pa_line(filled_store), **changes))
    assert raised.value.field == field


@pytest.mark.parametrize(
    ("start", "schedule", "expected"),
    [
        (dt.date(2026, 1, 31), "monthly", [dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]),
        (dt.date(2026, 1, 15), "monthly", [dt.date(2026, 2, 15), dt.date(2026, 3, 15), dt.date(2026, 4, 15)]),
        (dt.date(2026, 11, 30), "quarterly", [dt.date(2027, 2, 28), dt.date(2027, 5, 31), dt.date(2027, 8, 31)]),
        (dt.date(2028, 2, 29), "yearly", [dt.date(2029, 2, 28), dt.date(2030, 2, 28), dt.date(2031, 2, 28)]),
        (dt.date(2026, 12, 29), "four_weekly", [dt.date(2027, 1, 26), dt.date(2027, 2, 23), dt.date(2027, 3, 23)]),
    ],
)
def test_schedules(start: dt.date, schedule: str, expected: list[dt.date]) -> None:
    got, day = [], start
    for _n in range(3):
        day = regular.next_date(day, schedule)
        got.append(day)
    assert got == expected

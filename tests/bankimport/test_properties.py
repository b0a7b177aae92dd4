"""Property: importing a statement twice, or two overlapping statements in either order, gives the same ledger as
importing everything they cover once.

Statements are cut on whole days (as banks cut them) and include identical payments on the same day. Each example
uses a fresh unencrypted in-memory database with the same schema, so a few hundred examples run in seconds.
Set IPB_LONG=1 for thousands of examples.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from ipb_desktop.bankimport import service
from ipb_desktop.models import payee_choices, payer_streams
from ipb_desktop.models.schema import Base, Transaction

LONG = os.environ.get("IPB_LONG") == "1"
START = dt.date(2026, 4, 1)
PAYEES = ["CLAYWORKS STUDIO", "Jo Assistant", "ZOË'S CAFÉ", "RIVERSIDE GYM"]

Line = tuple[int, int, str]  # day offset, signed pence, payee

lines_strategy = st.lists(
    st.tuples(
        st.integers(0, 20),
        st.sampled_from([-3750, -30000, -420, 52000]) | st.integers(-99999, 99999).filter(bool),
        st.sampled_from(PAYEES),
    ),
    max_size=30,
)


@contextmanager
def fresh_ledger() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:  # what migration 0013 adds beside the mapped tables (the suggestions' sums)
        for statement in (*payee_choices.create_statements(), *payer_streams.create_statements()):
            conn.exec_driver_sql(statement)
    try:
        with Session(engine) as session:
            session.info["actor"] = "holder"
            yield session
    finally:
        engine.dispose()


def render(lines: list[Line], layout: int) -> bytes:
    """A CSV statement in one of four layouts: oldest or newest first, signed amount or paid out / paid in."""
    ordered = sorted(lines, key=lambda line: line[0], reverse=bool(layout & 1))
    rows = []
    for day, pence, payee in ordered:
        when = (START + dt.timedelta(days=day)).strftime("%d/%m/%Y")
        money = f"{abs(pence) // 100}.{abs(pence) % 100:02d}"
        if layout & 2:
            rows.append(f'{when},"{payee}",{money if pence < 0 else ""},{money if pence > 0 else ""}')
        else:
            rows.append(f'{when},"{payee}",{"-" if pence < 0 else ""}{money}')
    header = "Date,Description,Paid out,Paid in" if layout & 2 else "Date,Description,Amount"
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def bring_in(session: Session, data: bytes) -> None:
    result = service.preview(session, data, name="statement.csv")
    if result.has_changes:
        service.commit(session, result)


def ledger_of(session: Session) -> list[tuple[object, ...]]:
    rows = session.execute(
        select(Transaction.txn_date, Transaction.direction, Transaction.amount_pence, Transaction.payee).where(
            Transaction.deleted_at.is_(None)
        )
    )
    return sorted(tuple(r) for r in rows)


def within(lines: list[Line], first: int, last: int) -> list[Line]:
    return [line for line in lines if first <= line[0] <= last]


@settings(
    max_examples=3000 if LONG else 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    lines=lines_strategy,
    cuts=st.lists(st.integers(0, 20), min_size=4, max_size=4),
    layouts=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    a_first=st.booleans(),
)
def test_twice_or_overlapping_in_either_order_gives_the_same_ledger(
    lines: list[Line], cuts: list[int], layouts: tuple[int, int], a_first: bool
) -> None:
    a_start, a_end, b_start, b_end = cuts
    a_start, a_end = sorted((a_start, a_end))
    b_start, b_end = sorted((b_start, b_end))
    b_start = min(b_start, a_end)  # the two statements overlap (or touch) on whole days
    b_end = max(b_end, b_start)
    statement_a = render(within(lines, a_start, a_end), layouts[0])
    statement_b = render(within(lines, b_start, b_end), layouts[1])
    covered = [line for line in lines if a_start <= line[0] <= a_end or b_start <= line[0] <= b_end]

    with fresh_ledger() as once:
        bring_in(once, render(covered, 0))
        expected = ledger_of(once)
    assert len(expected) == len(covered)

    with fresh_ledger() as twice:
        first, second = (statement_a, statement_b) if a_first else (statement_b, statement_a)
        bring_in(twice, first)
        bring_in(twice, first)
        bring_in(twice, second)
        bring_in(twice, second)
        bring_in(twice, first)
        assert ledger_of(twice) == expected

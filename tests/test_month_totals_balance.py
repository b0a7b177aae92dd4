"""The account balance read from the month totals (figures.balance_on, the opening balance of every period) is
exactly what adding up every payment gives, on ledgers made at random: payments through the account and paid
by others, moved between months, moved on or off the account, changed, deleted and brought back, with and
without a recorded opening balance."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from ipb_desktop import accounts, figures, ledger, ledger_query
from ipb_desktop.ledger_query import LedgerFilter, LedgerTotals
from ipb_desktop.models import month_totals
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store

FIRST = dt.date(2025, 11, 20)
DAYS = 500
CHECK_DAYS = [FIRST + dt.timedelta(days=n) for n in (-1, 0, 10, 41, 42, 100, 133, 250, 300, 365, 499, 600)]

FULL = """SELECT coalesce(sum(CASE WHEN direction = 'in' THEN amount_pence ELSE -amount_pence END), 0)
    FROM "transaction" WHERE deleted_at IS NULL AND through_account = 1 AND txn_date <= :day"""

LIVE = """SELECT count(*), coalesce(sum(CASE WHEN direction = 'in' THEN amount_pence ELSE 0 END), 0),
    coalesce(sum(CASE WHEN direction = 'in' THEN 0 ELSE amount_pence END), 0)
    FROM "transaction" WHERE deleted_at IS NULL"""

add = st.tuples(
    st.just("add"), st.integers(0, DAYS), st.sampled_from(["in", "out"]), st.integers(1, 500_000), st.booleans()
)
change = st.tuples(
    st.sampled_from(["move", "flip", "delete", "restore", "amount"]), st.integers(0, 40), st.integers(0, DAYS)
)
steps = st.lists(st.one_of(add, add, change), min_size=1, max_size=40)


def full_balance(s: Session, day: dt.date) -> int:
    recorded = accounts.opening(s)
    return (recorded.balance_pence if recorded else 0) + int(s.execute(text(FULL), {"day": day}).scalar_one())


def add_payment(s: Session, draft: ledger.TransactionDraft, through: object, ids: list[int]) -> None:
    """A random step's new payment, paid through the budget account or (`through` false) by someone else."""
    ids.append(ledger.add_transaction(s, draft).id)
    if not through:
        s.execute(update(Transaction).where(Transaction.id == ids[-1]).values(through_account=False))


def common_change(s: Session, kind: object, txn: Transaction, day: dt.date) -> bool:
    """The random steps every kept sum must follow: a payment moved to `day`, through the account or not, deleted,
    restored. False when `kind` is none of these (or does nothing to this payment)."""
    if kind == "move":
        txn.txn_date = day
    elif kind == "flip":
        txn.through_account = not txn.through_account
    elif kind == "delete" and txn.deleted_at is None:
        ledger.delete_transaction(s, txn.id)
    elif kind == "restore" and txn.deleted_at is not None:
        ledger.restore_transaction(s, txn.id)
    else:
        return False
    return True


def apply(s: Session, step: tuple[object, ...], ids: list[int]) -> None:
    if step[0] == "add":
        _kind, day, direction, pence, through = step
        draft = ledger.TransactionDraft(FIRST + dt.timedelta(days=int(str(day))), str(direction), int(str(pence)))
        add_payment(s, draft, through, ids)
        return
    if not ids:
        return
    kind, which, day = step
    txn = s.get(Transaction, ids[int(str(which)) % len(ids)])
    assert txn is not None
    if not common_change(s, kind, txn, FIRST + dt.timedelta(days=int(str(day)))) and kind == "amount":
        txn.amount_pence = int(str(day)) * 37 + 1
    s.flush()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps, opening=st.one_of(st.none(), st.integers(-50_000, 900_000)))
def test_balance_from_month_totals_equals_adding_up_every_payment(
    store: Store, steps: list[tuple[object, ...]], opening: int | None
) -> None:
    with store.reading() as s:  # rolled back at the end, so each example starts from an empty ledger
        if opening is not None:
            accounts.set_opening(s, FIRST - dt.timedelta(days=30), opening, "statement")
        ids: list[int] = []
        for step in steps:
            apply(s, step, ids)
        everything = s.execute(text(LIVE)).one()
        assert ledger_query.totals(s, LedgerFilter()) == LedgerTotals(
            int(everything[0]), int(everything[1]), int(everything[2])
        )
        for day in CHECK_DAYS:
            assert figures.balance_on(s, day) == full_balance(s, day), day
            assert month_totals.balance_on(s, day) == full_balance(s, day) - (opening or 0), day
        for start, end, through in [
            (CHECK_DAYS[2], CHECK_DAYS[5], CHECK_DAYS[7]),
            (CHECK_DAYS[6], CHECK_DAYS[9], CHECK_DAYS[3]),
        ]:
            flows = figures._flows(s, start, end, through)
            assert flows.opening == full_balance(s, start - dt.timedelta(days=1))
            assert flows.balance_through == full_balance(s, through)

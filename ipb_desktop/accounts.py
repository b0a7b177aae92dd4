"""The direct-payment account itself: who it is (name, last four digits, who may use it), what it held before
the first payment in the app (the opening balance), and reconciliation with the bank's statement.

Every change is audited. The balance these compare with is `figures.balance_on`: the opening balance plus money
in less money out THROUGH the account (spending from notional or third-party budgets never touches it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, figures, settings, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import OpeningBalance, Reconciliation, Transaction
from ipb_desktop.money import MAX_PENCE

# -- who the account is ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountIdentity:
    name: str
    last_four: str
    users: str

    @property
    def is_set(self) -> bool:
        return bool(self.name or self.last_four or self.users)


def identity(session: Session) -> AccountIdentity:
    return AccountIdentity(
        settings.get(session, "account_name"),
        settings.get(session, "account_last_four"),
        settings.get(session, "account_users"),
    )


def set_identity(session: Session, name: str, last_four: str, users: str) -> AccountIdentity:
    """The account's name, the last four digits of its number (never the whole number), and who may use it."""
    digits = last_four.strip()
    if digits and (len(digits) != 4 or not digits.isdigit()):
        raise InvalidInput("last_four", _("give just the last four digits of the account number, for example 1234"))
    settings.put(session, "account_name", validate.text(name, "account_name", max_length=100) or "")
    settings.put(session, "account_last_four", digits)
    settings.put(session, "account_users", validate.text(users, "account_users", max_length=200) or "")
    return identity(session)


# -- opening balance -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """The balance at the end of `on_date` (the day before the first payment), and where the figure came from."""

    on_date: dt.date
    balance_pence: int
    source: str
    recorded_by: str


def opening(session: Session) -> Opening | None:
    row = session.scalars(select(OpeningBalance).order_by(OpeningBalance.id.desc()).limit(1)).first()
    if row is None:
        return None
    return Opening(row.on_date, row.balance_pence, row.source, row.recorded_by)


def set_opening(session: Session, on_date: dt.date, balance_pence: int, source: str) -> Opening:
    """Record what the account held at the end of `on_date`. A second call replaces the figure (audited, with
    the old one), so a mistake can be put right."""
    validate.date_in_range(on_date, "date")
    if abs(balance_pence) > MAX_PENCE:
        raise InvalidInput("balance", _("that amount is too large; the most this app accepts is 10,000,000.00"))
    before = opening(session)
    row = OpeningBalance(
        on_date=on_date,
        balance_pence=balance_pence,
        source=validate.required_text(source, "source", 300),
        recorded_by=audit.actor_of(session),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "opening_balance",
        "account",
        row.id,
        on=on_date,
        balance=balance_pence,
        source=row.source,
        before=None if before is None else before.balance_pence,
    )
    return Opening(on_date, balance_pence, row.source, row.recorded_by)


def has_payments_through_account(session: Session) -> bool:
    found = session.scalars(
        select(Transaction.id).where(Transaction.deleted_at.is_(None), Transaction.through_account.is_(True)).limit(1)
    ).first()
    return found is not None


def opening_from_statement(
    lines: list[tuple[dt.date, int]], bank_on: dt.date, bank_pence: int
) -> tuple[dt.date, int] | None:
    """The balance before a statement's first line, from the bank's balance on `bank_on` and the signed amounts
    of the lines up to that day: (the day before the first line, the balance then)."""
    if not lines:
        return None
    first = min(day for day, _p in lines)
    moved = sum(pence for day, pence in lines if day <= bank_on)
    return first - dt.timedelta(days=1), bank_pence - moved


# -- reconciliation --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unticked:
    txn_id: int
    day: dt.date
    payee: str
    signed_pence: int


@dataclass(frozen=True)
class ReconcileResult:
    on_date: dt.date
    bank_pence: int
    app_pence: int
    unticked: list[Unticked]
    recorded: bool

    @property
    def difference_pence(self) -> int:
        return self.bank_pence - self.app_pence

    @property
    def agrees(self) -> bool:
        return self.difference_pence == 0


def unticked(session: Session, day: dt.date, limit: int = 50) -> list[Unticked]:
    """Payments through the account up to `day` not yet checked against the bank: those that could explain a
    difference, newest first."""
    rows = session.execute(
        select(Transaction.id, Transaction.txn_date, Transaction.payee, Transaction.direction, Transaction.amount_pence)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.through_account.is_(True),
            Transaction.reconciled.is_(False),
            Transaction.txn_date <= day,
        )
        .order_by(Transaction.txn_date.desc(), Transaction.id.desc())
        .limit(limit)
    ).all()
    return [Unticked(int(i), when, payee, int(p) if d == Direction.IN else -int(p)) for i, when, payee, d, p in rows]


def reconcile(session: Session, day: dt.date, bank_pence: int) -> ReconcileResult:
    """Compare the bank's balance at the end of `day` with the app's. When they agree the reconciliation is
    recorded and every payment through the account up to `day` is marked as checked against the bank; when
    they do not, nothing is changed and the unticked payments that could explain it are returned."""
    validate.date_in_range(day, "date")
    app = figures.balance_on(session, day)
    if app != bank_pence:
        return ReconcileResult(day, bank_pence, app, unticked(session, day), recorded=False)
    session.add(
        Reconciliation(
            on_date=day, bank_balance_pence=bank_pence, app_balance_pence=app, recorded_by=audit.actor_of(session)
        )
    )
    ticked = session.scalars(
        select(Transaction).where(
            Transaction.deleted_at.is_(None),
            Transaction.through_account.is_(True),
            Transaction.reconciled.is_(False),
            Transaction.txn_date <= day,
        )
    ).all()
    for txn in ticked:
        txn.reconciled = True
    session.flush()
    audit.record(session, "reconcile", "account", None, on=day, balance=bank_pence, ticked=len(ticked))
    return ReconcileResult(day, bank_pence, app, [], recorded=True)


@dataclass(frozen=True)
class LastReconciliation:
    on_date: dt.date
    bank_pence: int
    app_pence_now: int  # the app's balance for that day as it is now (later edits can change it)

    @property
    def difference_pence(self) -> int:
        return self.bank_pence - self.app_pence_now


def last_reconciliation(session: Session, up_to: dt.date) -> LastReconciliation | None:
    """The latest reconciliation on or before `up_to`, checked again against the app's balance today."""
    row = session.scalars(
        select(Reconciliation)
        .where(Reconciliation.on_date <= up_to)
        .order_by(Reconciliation.on_date.desc(), Reconciliation.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return LastReconciliation(row.on_date, row.bank_balance_pence, figures.balance_on(session, row.on_date))


def forget_reconciliation(session: Session, day: dt.date, bank_pence: int, txn_ids: list[int]) -> None:
    """Take back the latest reconciliation recorded for `day` at `bank_pence` (undo in the window): remove it
    and mark `txn_ids` (the payments it ticked) as not checked against the bank again. Audited."""
    row = session.scalars(
        select(Reconciliation)
        .where(Reconciliation.on_date == day, Reconciliation.bank_balance_pence == bank_pence)
        .order_by(Reconciliation.id.desc())
        .limit(1)
    ).first()
    if row is not None:
        session.delete(row)
    if txn_ids:
        for txn in session.scalars(select(Transaction).where(Transaction.id.in_(txn_ids))):
            txn.reconciled = False
    session.flush()
    audit.record(session, "unreconcile", "account", None, on=day, balance=bank_pence, unticked=len(txn_ids))


def take_back_opening(session: Session) -> Opening | None:
    """Remove the latest opening balance (undo in the window), so the one before it (if any) counts again.
    Audited; returns the opening balance that counts now."""
    row = session.scalars(select(OpeningBalance).order_by(OpeningBalance.id.desc()).limit(1)).first()
    if row is not None:
        audit.record(session, "opening_balance_removed", "account", row.id, on=row.on_date, balance=row.balance_pence)
        session.delete(row)
        session.flush()
    return opening(session)

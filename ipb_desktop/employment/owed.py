"""What is owed because of payslips (net pay to each PA, tax and National Insurance to HMRC, contributions to the
pension provider), and matching those debts to payments out of the account.

A payslip's debt is paid once a live payment is linked to it. Matching is automatic, as bank import matches
hand-logged payments: wages by the PA's name (or the name the bank shows) and the exact net pay, within a week
before and a month after the pay date; HMRC and pension payments by payee and an amount equal to one unpaid
payslip's, or else to the oldest unpaid payslips added up (one HMRC payment often covers a quarter of payslips).
Money owed is not surplus: `owed_items` is what the surplus calculation takes off the balance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from ipb_desktop import audit
from ipb_desktop.bankimport.matching import normalise
from ipb_desktop.employment.kinds import CheckKind
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.employment import Employee, EmployerCheck, Payslip
from ipb_desktop.models.schema import Transaction

NET, HMRC, PENSION = "net_pay", "hmrc", "pension"
WHAT_LABELS = {NET: N_("net pay"), HMRC: N_("tax and National Insurance"), PENSION: N_("pension contributions")}
DAYS_BEFORE, DAYS_AFTER = 7, 31
HMRC_NAMES = ("hmrc", "hm revenue", "inland revenue")
PENSION_NAMES = ("pension", "nest")


@dataclass(frozen=True)
class OwedItem:
    """Money owed to someone because of payslips not yet matched to a payment."""

    who: str
    what: str  # NET, HMRC or PENSION
    amount_pence: int
    employee_id: int | None = None
    payslips: int = 1


@dataclass(frozen=True)
class Match:
    payslip_ids: tuple[int, ...]
    what: str
    transaction_id: int


def _link(what: str) -> InstrumentedAttribute[int | None]:
    return {NET: Payslip.net_paid_by, HMRC: Payslip.hmrc_paid_by, PENSION: Payslip.pension_paid_by}[what]


def _amount(payslip: Payslip, what: str) -> int:
    if what == NET:
        return payslip.net_pence
    if what == HMRC:
        return payslip.tax_pence + payslip.employee_ni_pence + payslip.employer_ni_pence
    return payslip.employee_pension_pence + payslip.employer_pension_pence


def _unpaid(what: str) -> ColumnElement[bool]:
    """The payslip's `what` has no live payment linked."""
    paid = aliased(Transaction)
    link = _link(what)
    live_link = select(paid.id).where(paid.id == link, paid.deleted_at.is_(None)).exists()
    return or_(link.is_(None), ~live_link)


def unpaid_payslips(session: Session, what: str, day: dt.date | None = None) -> list[Payslip]:
    query = select(Payslip).where(Payslip.deleted_at.is_(None), _unpaid(what)).order_by(Payslip.pay_date, Payslip.id)
    if day is not None:
        query = query.where(Payslip.period_start <= day)
    return [p for p in session.scalars(query) if _amount(p, what) > 0]


def owed_items(session: Session, day: dt.date) -> list[OwedItem]:
    """Everything owed on `day` for payslips whose pay period has started: one line per PA for net pay, one for
    HMRC, one for the pension provider (lines of nothing owed are left out)."""
    names = {row.id: row.name for row in session.execute(select(Employee.id, Employee.name))}
    items: list[OwedItem] = []
    per_pa: dict[int, list[int]] = {}
    for payslip in unpaid_payslips(session, NET, day):
        per_pa.setdefault(payslip.employee_id, []).append(payslip.net_pence)
    for employee_id, amounts in sorted(per_pa.items(), key=lambda kv: names[kv[0]]):
        items.append(OwedItem(names[employee_id], NET, sum(amounts), employee_id, len(amounts)))
    for what, who in ((HMRC, "HMRC"), (PENSION, _pension_name(session))):
        owed = [_amount(p, what) for p in unpaid_payslips(session, what, day)]
        if owed:
            items.append(OwedItem(who, what, sum(owed), None, len(owed)))
    return items


def total_owed(session: Session, day: dt.date) -> int:
    return sum(item.amount_pence for item in owed_items(session, day))


def _pension_name(session: Session) -> str:
    provider = session.scalars(
        select(EmployerCheck.provider)
        .where(
            EmployerCheck.kind.in_([CheckKind.PENSION_ENROLMENT, CheckKind.PENSION_RE_ENROLMENT]),
            EmployerCheck.deleted_at.is_(None),
            EmployerCheck.provider.is_not(None),
        )
        .order_by(EmployerCheck.id.desc())
    ).first()
    return provider or _("Pension provider")


def _linked_ids(session: Session) -> set[int]:
    found: set[int] = set()
    for what in (NET, HMRC, PENSION):
        link = _link(what)
        found.update(tid for tid in session.scalars(select(link).where(link.is_not(None))) if tid is not None)
    return found


def _candidates(session: Session, first: dt.date, last: dt.date) -> list[Transaction]:
    used = _linked_ids(session)
    query = (
        select(Transaction)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.direction == "out",
            and_(Transaction.txn_date >= first, Transaction.txn_date <= last),
        )
        .order_by(Transaction.txn_date, Transaction.id)
    )
    return [t for t in session.scalars(query) if t.id not in used]


def _names_of(employee: Employee) -> list[str]:
    names = [normalise(employee.name)]
    if employee.bank_payee:
        names.append(normalise(employee.bank_payee))
    parts = names[0].split()
    if len(parts) > 1 and len(parts[-1]) > 2:
        names.append(parts[-1])  # banks often show only the surname, or an initial and the surname
    return names


def _set_link(session: Session, payslips: Sequence[Payslip], what: str, txn: Transaction, how: str) -> Match:
    for payslip in payslips:
        setattr(payslip, _link(what).key, txn.id)
        audit.record(session, "match", "payslip", payslip.id, what=what, transaction=txn.id, how=how)
    session.flush()
    return Match(tuple(p.id for p in payslips), what, txn.id)


def match_payments(session: Session) -> list[Match]:
    """Link unpaid payslips to payments out that fit them; returns what was linked (undo with `unmatch`)."""
    matches: list[Match] = []
    net_unpaid = unpaid_payslips(session, NET)
    if net_unpaid:
        first = min(p.pay_date for p in net_unpaid) - dt.timedelta(days=DAYS_BEFORE)
        last = max(p.pay_date for p in net_unpaid) + dt.timedelta(days=DAYS_AFTER)
        pool = _candidates(session, first, last)
        for payslip in net_unpaid:
            employee = session.get(Employee, payslip.employee_id)
            assert employee is not None
            names = _names_of(employee)
            fits = [
                t
                for t in pool
                if t.amount_pence == payslip.net_pence
                and -DAYS_BEFORE <= (t.txn_date - payslip.pay_date).days <= DAYS_AFTER
                and any(name in normalise(f"{t.payee} {t.description}") for name in names)
            ]
            if fits:
                best = min(fits, key=lambda t: (abs((t.txn_date - payslip.pay_date).days), t.id))
                pool.remove(best)
                matches.append(_set_link(session, [payslip], NET, best, "automatic"))
    pension_names = [*PENSION_NAMES, normalise(_pension_name(session))]
    for what, payee_names in ((HMRC, HMRC_NAMES), (PENSION, tuple(pension_names))):
        unpaid = unpaid_payslips(session, what)
        if not unpaid:
            continue
        pool = _candidates(session, unpaid[0].pay_date, max(p.pay_date for p in unpaid) + dt.timedelta(days=120))
        for txn in pool:
            if not any(name in normalise(f"{txn.payee} {txn.description}") for name in payee_names):
                continue
            due = [p for p in unpaid if p.pay_date <= txn.txn_date + dt.timedelta(days=DAYS_BEFORE)]
            single = [p for p in due if _amount(p, what) == txn.amount_pence]
            if single:  # one payslip's worth (the latest that fits: earlier ones may be paid together later)
                matches.append(_set_link(session, [single[-1]], what, txn, "automatic"))
                unpaid.remove(single[-1])
                continue
            running, covered = 0, []
            for payslip in unpaid:
                if payslip.pay_date > txn.txn_date + dt.timedelta(days=DAYS_BEFORE):
                    break
                running += _amount(payslip, what)
                covered.append(payslip)
                if running >= txn.amount_pence:
                    break
            if covered and running == txn.amount_pence:
                matches.append(_set_link(session, covered, what, txn, "automatic"))
                unpaid = unpaid[len(covered) :]
    return matches


def match_by_hand(session: Session, payslip_id: int, what: str, transaction_id: int) -> Match:
    """Link one payslip's net pay, HMRC or pension to a payment the person chose."""
    if what not in WHAT_LABELS:
        raise InvalidInput(
            "what", _("'{value}' is not one of: {codes}").format(value=what, codes=", ".join(WHAT_LABELS))
        )
    payslip = session.get(Payslip, payslip_id)
    if payslip is None or payslip.deleted_at is not None:
        raise InvalidInput("payslip", _("there is no payslip number {id}").format(id=payslip_id))
    txn = session.get(Transaction, transaction_id)
    if txn is None or txn.deleted_at is not None or txn.direction != "out":
        raise InvalidInput("payment", _("there is no payment out number {id}").format(id=transaction_id))
    return _set_link(session, [payslip], what, txn, "by hand")


def unmatch(session: Session, match: Match) -> None:
    """Undo a match: the payslips are owed again."""
    for payslip_id in match.payslip_ids:
        payslip = session.get(Payslip, payslip_id)
        if payslip is not None and getattr(payslip, _link(match.what).key) == match.transaction_id:
            setattr(payslip, _link(match.what).key, None)
            audit.record(session, "unmatch", "payslip", payslip_id, what=match.what, transaction=match.transaction_id)
    session.flush()

"""Funders and how their money is held: linking money in to the funding stream whose funder paid it, what is
left "to sort", and whether spending from a stream goes through the account at all."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit
from ipb_desktop.models.enums import Direction, HeldAs
from ipb_desktop.models.schema import Allocation, BudgetPeriod, FundingStream, Transaction

# Streams whose money never passes through the account: spending from them is paid by the funder or a provider.
HELD_ELSEWHERE = (HeldAs.NOTIONAL, HeldAs.THIRD_PARTY)


def through_account(session: Session, stream_ids: list[int | None]) -> bool:
    """Whether a payment on these streams goes through the account: not when every part is from a notional or
    third-party stream."""
    if not stream_ids or any(sid is None for sid in stream_ids):
        return True
    held = session.scalars(select(FundingStream.held_as).where(FundingStream.id.in_(stream_ids))).all()
    return not (held and all(h in HELD_ELSEWHERE for h in held))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def stream_for_payer(session: Session, payer: str, day: dt.date) -> int | None:
    """The funding stream whose funder's name is in `payer` (letters and digits compared, case ignored): the one
    in the budget period containing `day`, else the latest earlier one. None when no funder matches, or when two
    different funders do (the person decides)."""
    said = f" {_words(payer)} "
    if not said.strip():
        return None
    rows = session.execute(
        select(FundingStream.id, FundingStream.funder_name, BudgetPeriod.start_date, BudgetPeriod.end_date)
        .join(BudgetPeriod, BudgetPeriod.id == FundingStream.period_id)
        .where(FundingStream.archived.is_(False), FundingStream.held_as.not_in(HELD_ELSEWHERE))
    ).all()
    found = [(sid, name, start, end) for sid, name, start, end in rows if f" {_words(name)} " in said and _words(name)]
    if len({_words(name) for _s, name, _a, _b in found}) != 1:
        return None
    found.sort(key=lambda r: (not (r[2] <= day <= r[3]), r[2] > day, -r[2].toordinal(), r[0]))
    return int(found[0][0])


@dataclass(frozen=True)
class Linked:
    txn_id: int
    day: dt.date
    payer: str
    amount_pence: int
    stream_id: int
    funder_name: str


def link_money_in(session: Session, import_batch_id: int | None = None) -> list[Linked]:
    """Link money in that is not linked to a stream (in one import, or anywhere) to the stream whose funder paid
    it. Returns what was linked, so the person can be told."""
    query = (
        select(Allocation, Transaction)
        .join(Transaction, Transaction.id == Allocation.transaction_id)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.direction == Direction.IN,
            Allocation.stream_id.is_(None),
        )
        .order_by(Transaction.txn_date, Transaction.id)
    )
    if import_batch_id is not None:
        query = query.where(Transaction.import_batch_id == import_batch_id)
    linked: list[Linked] = []
    names: dict[int, str] = {}
    for part, txn in session.execute(query):
        stream_id = stream_for_payer(session, f"{txn.payee} {txn.description}", txn.txn_date)
        if stream_id is None:
            continue
        part.stream_id = stream_id
        if stream_id not in names:
            names[stream_id] = session.get_one(FundingStream, stream_id).funder_name
        audit.record(session, "link_funder", "transaction", txn.id, stream=stream_id)
        linked.append(Linked(txn.id, txn.txn_date, txn.payee, part.amount_pence, stream_id, names[stream_id]))
    session.flush()
    return linked


@dataclass(frozen=True)
class ToSort:
    txn_id: int
    day: dt.date
    payer: str
    amount_pence: int


def to_sort(session: Session, limit: int = 200) -> list[ToSort]:
    """Money in that is not linked to any funding stream, newest first: shown under "to sort" on Home."""
    rows = session.execute(
        select(
            Transaction.id, Transaction.txn_date, Transaction.payee, Transaction.description, Allocation.amount_pence
        )
        .join(Allocation, Allocation.transaction_id == Transaction.id)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.direction == Direction.IN,
            Allocation.stream_id.is_(None),
        )
        .order_by(Transaction.txn_date.desc(), Transaction.id.desc())
        .limit(limit)
    ).all()
    return [ToSort(int(i), day, payee or description, int(pence)) for i, day, payee, description, pence in rows]

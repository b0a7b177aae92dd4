"""Funders and how their money is held: linking money in to the funding stream whose funder paid it, what is
left "to sort", and whether spending from a stream goes through the account at all."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipb_desktop import audit
from ipb_desktop.bankimport.suggest import payee_key, turned_off
from ipb_desktop.i18n import _
from ipb_desktop.models import payer_streams
from ipb_desktop.models.enums import Direction, HeldAs
from ipb_desktop.models.schema import Allocation, BudgetPeriod, FundingStream, Transaction
from ipb_desktop.vocabulary import funder_kind

# Streams whose money never passes through the account: spending from them is paid by the funder or a provider.
HELD_ELSEWHERE = (HeldAs.NOTIONAL, HeldAs.THIRD_PARTY)


# (id, funder name, funder kind, period start, period end) of a stream money can be paid in to.
_StreamRow = tuple[int, str, str, dt.date, dt.date]


def through_account(session: Session, stream_ids: list[int | None]) -> bool:
    """Whether a payment on these streams goes through the account: not when every part is from a notional or
    third-party stream."""
    if not stream_ids or any(sid is None for sid in stream_ids):
        return True
    held = session.scalars(select(FundingStream.held_as).where(FundingStream.id.in_(stream_ids))).all()
    return not (held and all(h in HELD_ELSEWHERE for h in held))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def stream_for_payer(session: Session, payer: str, day: dt.date, rows: list[_StreamRow] | None = None) -> int | None:
    """The funding stream whose funder's name is in `payer` (letters and digits compared, case ignored): the one
    in the budget period containing `day`, else the latest earlier one. None when no funder matches, or when two
    different funders do (the person decides)."""
    said = f" {_words(payer)} "
    if not said.strip():
        return None
    rows = _money_in_streams(session) if rows is None else rows
    found = [
        (sid, name, start, end) for sid, name, _k, start, end in rows if _words(name) and f" {_words(name)} " in said
    ]
    if len({_words(name) for _s, name, _a, _b in found}) != 1:
        return None
    return _nearest([(sid, start, end) for sid, _n, start, end in found], day)


def _money_in_streams(session: Session) -> list[_StreamRow]:
    """(id, funder name, kind, period start, period end) of every stream money can be paid in to."""
    return [
        (int(sid), name, kind, start, end)
        for sid, name, kind, start, end in session.execute(
            select(
                FundingStream.id,
                FundingStream.funder_name,
                FundingStream.funder_kind,
                BudgetPeriod.start_date,
                BudgetPeriod.end_date,
            )
            .join(BudgetPeriod, BudgetPeriod.id == FundingStream.period_id)
            .where(FundingStream.archived.is_(False), FundingStream.held_as.not_in(HELD_ELSEWHERE))
        )
    ]


def _nearest(found: list[tuple[int, dt.date, dt.date]], day: dt.date) -> int:
    """The stream whose period holds `day`, else the latest one starting before it, else the earliest."""
    found = sorted(found, key=lambda r: (not (r[1] <= day <= r[2]), r[1] > day, -r[1].toordinal(), r[0]))
    return found[0][0]


# -- rules learned from the person's own links ---------------------------------------------------------------------


@dataclass(frozen=True)
class LearnedLink:
    """A rule learned from the person's own links: money in from `payer` (as last written) goes to `stream_id`,
    the stream it was linked to most often (`times` payments; the latest on a tie)."""

    stream_id: int
    times: int
    payer: str
    off: bool = False


def learned_links(session: Session, include_off: bool = False) -> dict[str, LearnedLink]:
    """Payee key -> the learned rule for money in from that payer. Worked out from the ledger each time, so it
    follows the person's latest choices; a rule turned off in "What the app has learned" is left out unless
    `include_off` (it is then marked)."""
    # Per payee and description as written and stream: parts and the latest payment, kept by triggers
    # (`models.payer_streams`) so this reads a few rows however long the ledger is.
    rows = session.execute(
        text(f"SELECT payee, description, stream_id, times, last_when FROM {payer_streams.TABLE}")
    ).all()
    off = {key for direction, key in turned_off(session) if direction == Direction.IN}
    counts: dict[str, dict[int, tuple[int, str]]] = {}
    names: dict[str, tuple[str, str]] = {}
    for payee, description, stream_id, times, latest in rows:
        key = payee_key(payee or description)
        if not key or (key in off and not include_off):
            continue
        seen = counts.setdefault(key, {})
        before = seen.get(int(stream_id), (0, ""))
        seen[int(stream_id)] = (before[0] + int(times), max(before[1], str(latest)))
        if key not in names or names[key][1] < str(latest):
            names[key] = (payee or description, str(latest))
    found: dict[str, LearnedLink] = {}
    for key, seen in counts.items():
        best = max(seen, key=lambda sid: seen[sid])
        found[key] = LearnedLink(best, seen[best][0], names[key][0], key in off)
    return found


def learned_streams(session: Session) -> dict[str, int]:
    """Payee key -> the stream money in from that payer goes to, by the rules learned (and not turned off)."""
    return {key: link.stream_id for key, link in learned_links(session).items()}


def _same_funder_for(rows: list[_StreamRow], stream_id: int, day: dt.date) -> int | None:
    """A learned stream, moved to the stream of the same funder and kind in the period holding `day` (streams
    belong to one budget period; the rule was learned in an earlier one). None when it is no longer open."""
    learned = next((r for r in rows if r[0] == stream_id), None)
    if learned is None:
        return None
    same = [
        (sid, start, end)
        for sid, name, kind, start, end in rows
        if (_words(name), kind) == (_words(learned[1]), learned[2])
    ]
    return _nearest(same, day)


@dataclass(frozen=True)
class Proposal:
    """Money in from one payer in a statement, and the stream it would be linked to (None: stays to sort).
    `how` is "rule" (learned from earlier links), "name" (the payer is the funder) or "" (no match)."""

    payer_key: str
    payer: str
    count: int
    total_pence: int
    stream_id: int | None
    how: str


def _proposed(
    session: Session, key: str, text: str, day: dt.date, learned: dict[str, int], rows: list[_StreamRow]
) -> tuple[int | None, str]:
    if key in learned:
        moved = _same_funder_for(rows, learned[key], day)
        if moved is not None:
            return moved, "rule"
    by_name = stream_for_payer(session, text, day, rows)
    return (by_name, "name") if by_name is not None else (None, "")


def stream_for_money_in(session: Session, payer: str, day: dt.date) -> int | None:
    """The stream money in from `payer` on `day` goes to, as an import would propose it: a learned rule first,
    then the funder's name in the payer's (None: it stays to sort)."""
    return _proposed(session, payee_key(payer), payer, day, learned_streams(session), _money_in_streams(session))[0]


def proposals(session: Session, money_in: list[tuple[dt.date, str, str, int]]) -> list[Proposal]:
    """For the money in of a statement, as (date, payee, description, pence): one proposal per payer (payee key),
    in the order they first appear, for the person to confirm or change before importing."""
    learned, rows = learned_streams(session), _money_in_streams(session)
    found: dict[str, Proposal] = {}
    for day, payee, description, pence in money_in:
        key = payee_key(payee or description)
        if not key:
            continue
        before = found.get(key)
        if before is None:
            stream_id, how = _proposed(session, key, f"{payee} {description}", day, learned, rows)
            found[key] = Proposal(key, payee or description, 1, abs(pence), stream_id, how)
        else:
            found[key] = Proposal(
                key, before.payer, before.count + 1, before.total_pence + abs(pence), before.stream_id, before.how
            )
    return list(found.values())


def money_in_streams(session: Session) -> list[tuple[int, str]]:
    """The streams money in can be linked to, as (id, "Funder (kind)"), the latest period first."""
    rows = sorted(_money_in_streams(session), key=lambda r: (-r[3].toordinal(), r[0]))
    several = len({(start, end) for *_r, start, end in rows}) > 1
    return [
        (sid, stream_label(name, kind) + (f", {start.year}–{end.year}" if several else ""))
        for sid, name, kind, start, end in rows
    ]


def stream_label(funder_name: str, kind: str) -> str:
    return _("{funder} ({kind})").format(funder=funder_name, kind=funder_kind(kind))


@dataclass(frozen=True)
class Linked:
    txn_id: int
    day: dt.date
    payer: str
    amount_pence: int
    stream_id: int
    funder_name: str
    how: str = "name"  # "name", "rule" (learned) or "chosen" (the person chose it during the import)
    stream_label: str = ""


def link_money_in(
    session: Session, import_batch_id: int | None = None, chosen: Mapping[str, int | None] | None = None
) -> list[Linked]:
    """Link money in that is not linked to a stream (in one import, or anywhere) to its funder's stream: the one
    the person chose for its payer (`chosen`, by payee key; None there means leave it to sort), else the one a
    learned rule names, else the stream whose funder's name is the payer's. Returns what was linked, so the
    person can be told; what is linked becomes the rule for next time."""
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
    parts = session.execute(query).all()
    if not parts:
        return []
    chosen = chosen or {}
    learned, rows = learned_streams(session), _money_in_streams(session)
    linked: list[Linked] = []
    names: dict[int, tuple[str, str]] = {}
    for part, txn in parts:
        key = payee_key(txn.payee or txn.description)
        if key in chosen:
            stream_id, how = chosen[key], "chosen"
        else:
            text = f"{txn.payee} {txn.description}"
            stream_id, how = _proposed(session, key, text, txn.txn_date, learned, rows)
        if stream_id is None:
            continue
        if stream_id not in names:
            stream = session.get_one(FundingStream, stream_id)
            names[stream_id] = (stream.funder_name, stream_label(stream.funder_name, stream.funder_kind))
        part.stream_id = stream_id
        audit.record(session, "link_funder", "transaction", txn.id, stream=stream_id, how=how)
        funder, label = names[stream_id]
        linked.append(
            Linked(txn.id, txn.txn_date, txn.payee or txn.description, part.amount_pence, stream_id, funder, how, label)
        )
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


def to_sort_count(session: Session, import_batch_id: int | None = None) -> int:
    """How many payments of money in (in one import, or anywhere) are not linked to a funding stream."""
    query = (
        select(func.count(func.distinct(Transaction.id)))
        .join(Allocation, Allocation.transaction_id == Transaction.id)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.direction == Direction.IN,
            Allocation.stream_id.is_(None),
        )
    )
    if import_batch_id is not None:
        query = query.where(Transaction.import_batch_id == import_batch_id)
    return int(session.scalar(query) or 0)

"""Telling new bank lines from ones already in the store, and finding payments the person logged by hand.

A line's bank id is the bank's own FITID (namespaced by account) where the file has one. Otherwise it is a
fingerprint of the date, the amount, the description and the line's position among identical lines on the same
day, so re-importing adds nothing twice while two genuine identical payments on one day both survive. (This
assumes statements start and end on whole days, which is how banks cut them.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import Date, Integer, String, bindparam, select, text
from sqlalchemy.orm import Session

from ipb_desktop.bankimport.lines import StatementLine
from ipb_desktop.models.schema import ImportBatch, Transaction

MATCH_DAYS = 5
_MAX_ID = 200
_CHUNK = 500


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _fit(bank_id: str) -> str:
    if len(bank_id) <= _MAX_ID:
        return bank_id
    return bank_id[:150] + "#" + hashlib.sha256(bank_id.encode()).hexdigest()[:40]


def bank_ids(lines: list[StatementLine]) -> list[str]:
    """One stable id per line, in the same order as `lines`."""
    seen: Counter[tuple[object, ...]] = Counter()
    ids: list[str] = []
    for line in lines:
        if line.fitid:
            key: tuple[object, ...] = ("fitid", line.fitid)
            n = seen[key]
            seen[key] += 1
            ids.append(_fit(line.fitid if n == 0 else f"{line.fitid}#{n + 1}"))
            continue
        text = normalise(f"{line.payee} {line.description}")
        key = (line.txn_date, line.amount_pence, text)
        n = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{line.txn_date.isoformat()}|{line.amount_pence}|{text}|{n}".encode()).hexdigest()
        ids.append("fp:" + digest[:40])
    return ids


@dataclass(frozen=True)
class Existing:
    """A transaction already holding a bank id. `revivable`: deleted only because its import was undone."""

    id: int
    live: bool
    revivable: bool


def existing(session: Session, ids: list[str]) -> dict[str, Existing]:
    found: dict[str, Existing] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        rows = session.execute(
            select(Transaction.id, Transaction.bank_id, Transaction.deleted_at, ImportBatch.undone_at)
            .outerjoin(ImportBatch, Transaction.import_batch_id == ImportBatch.id)
            .where(Transaction.bank_id.in_(chunk))
        )
        for txn_id, bank_id, deleted_at, undone_at in rows:
            live = deleted_at is None
            found[str(bank_id)] = Existing(txn_id, live, not live and undone_at is not None)
    return found


@dataclass(frozen=True)
class HandLogged:
    """A payment typed in by hand that no bank line has been matched to yet."""

    id: int
    txn_date: dt.date
    direction: str
    amount_pence: int
    payee: str


# Payments typed in by hand and not matched yet: few, however long the ledger (migration 0013). Named in the query
# because SQLite would otherwise walk every live payment of the file's dates through the date index.
HAND_LOGGED_INDEX = "ix_transaction_hand_logged"
UNMATCHED = "deleted_at IS NULL AND bank_id IS NULL AND reconciled IS 0"
HAND_LOGGED_SQL = f"""SELECT id, txn_date, direction, amount_pence, payee
    FROM "transaction" INDEXED BY {HAND_LOGGED_INDEX}
    WHERE {UNMATCHED} AND txn_date >= :first AND txn_date <= :last ORDER BY txn_date, id"""
_HAND_LOGGED = (
    text(HAND_LOGGED_SQL)
    .bindparams(bindparam("first", type_=Date), bindparam("last", type_=Date))
    .columns(id=Integer, txn_date=Date, direction=String, amount_pence=Integer, payee=String)
)


def hand_logged(session: Session, first: dt.date, last: dt.date, days: int = MATCH_DAYS) -> list[HandLogged]:
    window = dt.timedelta(days=days)
    rows = session.execute(_HAND_LOGGED, {"first": first - window, "last": last + window})
    return [HandLogged(*row) for row in rows]


def propose(
    lines: list[tuple[str, StatementLine]], candidates: list[HandLogged], days: int = MATCH_DAYS
) -> dict[str, HandLogged]:
    """Pair bank lines with hand-logged payments of the same amount and direction within `days` days.

    Closest dates pair first; each payment and each line is used once.
    """
    by_amount: dict[tuple[str, int], list[HandLogged]] = defaultdict(list)
    for candidate in candidates:
        by_amount[(candidate.direction, candidate.amount_pence)].append(candidate)
    pairs: list[tuple[int, int, str, HandLogged]] = []
    for position, (bank_id, line) in enumerate(lines):
        for candidate in by_amount.get((line.direction, abs(line.amount_pence)), []):
            gap = abs((candidate.txn_date - line.txn_date).days)
            if gap <= days:
                pairs.append((gap, position, bank_id, candidate))
    pairs.sort(key=lambda p: (p[0], p[1], p[3].id))
    chosen: dict[str, HandLogged] = {}
    used: set[int] = set()
    for _gap, _position, bank_id, candidate in pairs:
        if bank_id not in chosen and candidate.id not in used:
            chosen[bank_id] = candidate
            used.add(candidate.id)
    return chosen

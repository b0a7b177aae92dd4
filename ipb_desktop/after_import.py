"""What happens after a bank statement comes in (called once from `bankimport.service.commit`, inside the
import's own transaction):

- The first import into an account with no earlier payments, when the file shows balances, records the bank's
  opening balance (the balance before the file's first line), unless the person said not to.
- Money in is linked to its funder's stream: the one the person chose for its payer, else the one a rule
  learned from their earlier links names, else the stream whose funder's name is the payer's (`funders`).

`opening_offer` says beforehand what would be recorded (the window asks about it); `keep_statement` keeps the
file itself with the store, encrypted, for the evidence pack; the `*_text` functions tell the person what was done
in the same words in the window and on the command line.

What was done is kept in `session.info` for the caller to tell the person (`result_of`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import accounts, audit, documents, funders
from ipb_desktop.bankimport import balances
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.schema import AuditEntry, OpeningBalance

_KEY = "ipb_after_import"


class _Line(Protocol):
    @property
    def txn_date(self) -> dt.date: ...
    @property
    def amount_pence(self) -> int: ...
    @property
    def balance_pence(self) -> int | None: ...


class _Balance(Protocol):
    @property
    def on(self) -> dt.date: ...
    @property
    def pence(self) -> int: ...


@dataclass(frozen=True)
class OpeningOffer:
    """The opening balance a first import would record: what the bank showed at the end of `on_date` (the day
    before the file's first line, `first_line`), read from `source_name`."""

    on_date: dt.date
    balance_pence: int
    first_line: dt.date
    source_name: str


@dataclass(frozen=True)
class AfterImport:
    opening: accounts.Opening | None = None
    linked: list[funders.Linked] = field(default_factory=list)


def opening_offer(
    session: Session, source_name: str, lines: Sequence[_Line], bank_balance: _Balance | None
) -> OpeningOffer | None:
    """The opening balance importing these lines would record: only into an account with no payments through it
    and no opening balance yet, and only when the file shows the bank's balance."""
    if bank_balance is None or not lines:
        return None
    if accounts.opening(session) is not None or accounts.has_payments_through_account(session):
        return None
    found = opening_of(list(lines), bank_balance)
    if found is None:
        return None
    return OpeningOffer(found[0], found[1], found[0] + dt.timedelta(days=1), source_name)


def run(
    session: Session,
    batch_id: int,
    source_name: str,
    lines: list[_Line],
    bank_balance: _Balance | None,
    record_opening: bool = True,
    *,
    first_import: bool,
    payer_streams: Mapping[str, int | None] | None = None,
) -> AfterImport:
    """`payer_streams`: the funding stream the person chose for the money in from each payer (by payee key;
    None leaves that payer's money to sort)."""
    opened = None
    if record_opening and first_import and bank_balance is not None and accounts.opening(session) is None:
        found = opening_of(lines, bank_balance)
        if found is not None:
            opened = accounts.set_opening(
                session, found[0], found[1], _("bank statement '{name}'").format(name=source_name)[:300]
            )
            _remember_opening(session, batch_id)
    done = AfterImport(opened, funders.link_money_in(session, batch_id, payer_streams))
    session.info.setdefault(_KEY, {})[batch_id] = done
    return done


def opening_of(lines: list[_Line], bank_balance: _Balance) -> tuple[dt.date, int] | None:
    """The balance before the statement's first line, and the day before that line. From the first line's own
    running balance when the file has one (what the bank printed), else from the closing balance less the
    lines up to it."""
    if not lines:
        return None
    ordered = list(balances.chronological(list(lines)))  # type: ignore[arg-type]
    first = ordered[0]
    if first.balance_pence is not None:
        return first.txn_date - dt.timedelta(days=1), first.balance_pence - first.amount_pence
    return accounts.opening_from_statement(
        [(line.txn_date, line.amount_pence) for line in lines], bank_balance.on, bank_balance.pence
    )


def result_of(session: Session, batch_id: int) -> AfterImport:
    """What `run` did for import `batch_id` in this session (nothing, if it did not run here)."""
    found = session.info.get(_KEY, {}).get(batch_id)
    return found if isinstance(found, AfterImport) else AfterImport()


def keep_statement(session: Session, batch_id: int, source_name: str, content: bytes, lines: Sequence[_Line]) -> None:
    """Keep the imported file itself with the store (encrypted, like everything in it), for the evidence pack.
    Undoing the import puts the copy aside too (`bankimport.history`)."""
    days = [line.txn_date for line in lines]
    documents.keep_bank_statement(
        session, source_name, content, min(days, default=None), max(days, default=None), batch_id
    )


# -- undoing the import takes its opening balance back out ---------------------------------------------------------

OPENING_ACTION = "import_opening"


def _remember_opening(session: Session, batch_id: int) -> None:
    row = session.scalars(select(OpeningBalance).order_by(OpeningBalance.id.desc()).limit(1)).one()
    audit.record(
        session, OPENING_ACTION, "opening_balance", row.id,
        batch=batch_id, on=row.on_date, balance=row.balance_pence, source=row.source,
    )  # fmt: skip


def _opening_entries(session: Session, batch_id: int) -> list[tuple[int, dict[str, object]]]:
    found = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == OPENING_ACTION,
            AuditEntry.entity == "opening_balance",
            AuditEntry.detail.contains(f'"batch": {batch_id}'),
        )
        .order_by(AuditEntry.id)
    )
    entries = [(entry.entity_id, json.loads(entry.detail)) for entry in found]
    return [(row_id, detail) for row_id, detail in entries if row_id is not None and detail.get("batch") == batch_id]


def forget_opening(session: Session, batch_id: int) -> None:
    """Undoing the import that recorded the opening balance takes that figure back out (audited), so the next
    first import (the right file, perhaps) offers its own."""
    for row_id, _detail in _opening_entries(session, batch_id):
        row = session.get(OpeningBalance, row_id)
        if row is not None:
            audit.record(
                session, "delete", "opening_balance", row.id,
                batch=batch_id, on=row.on_date, balance=row.balance_pence,
            )  # fmt: skip
            session.delete(row)
    session.flush()


def restore_opening(session: Session, batch_id: int) -> None:
    """Putting the import back puts its opening balance back, unless one has been recorded since."""
    entries = _opening_entries(session, batch_id)
    if not entries or accounts.opening(session) is not None:
        return
    row_id, detail = entries[-1]
    if session.get(OpeningBalance, row_id) is not None:
        return
    on = dt.date.fromisoformat(str(detail["on"]))
    accounts.set_opening(session, on, int(str(detail["balance"])), str(detail["source"]))
    _remember_opening(session, batch_id)


# -- telling the person ------------------------------------------------------------------------------------------


def opening_text(opening: accounts.Opening) -> str:
    return _("The opening balance was recorded from the file: {amount} at the end of {date}.").format(
        amount=money(opening.balance_pence), date=date_long(opening.on_date)
    )


def offer_text(offer: OpeningOffer) -> str:
    return _(
        "The bank showed {amount} before the first line on {date} (from {name}). Record this as the opening balance?"
    ).format(amount=money(offer.balance_pence), date=date_long(offer.first_line), name=offer.source_name)


def kept_text() -> str:
    return _("A copy of the statement file is kept inside your budget (encrypted), for the evidence pack.")


def linked_texts(linked: Sequence[funders.Linked]) -> list[str]:
    """What was linked, one sentence per stream: "2 payments in linked to Westshire Council (Council social
    care)."."""
    by_stream: dict[int, list[funders.Linked]] = {}
    for link in linked:
        by_stream.setdefault(link.stream_id, []).append(link)
    return [
        ngettext(
            "{n} payment in ({amount}) linked to {stream}.",
            "{n} payments in ({amount}) linked to {stream}.",
            len(links),
        ).format(
            n=len(links),
            amount=money(sum(link.amount_pence for link in links)),
            stream=links[0].stream_label or links[0].funder_name,
        )
        for links in by_stream.values()
    ]


def to_sort_text(session: Session, batch_id: int) -> str:
    """How much of this import's money in is still not linked to a funder ("to sort" on Home), or ""."""
    left = funders.to_sort_count(session, batch_id)
    if not left:
        return ""
    return ngettext(
        "{n} payment in is not linked to a funder yet: it is listed under 'To sort' on Home.",
        "{n} payments in are not linked to a funder yet: they are listed under 'To sort' on Home.",
        left,
    ).format(n=left)

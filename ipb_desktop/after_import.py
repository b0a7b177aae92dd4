"""What happens after a bank statement comes in (called once from `bankimport.service.commit`, inside the
import's own transaction):

- The first import into an account with no earlier payments, when the file shows balances, records the bank's
  opening balance (the balance before the file's first line), unless the person said not to.
- Money in whose payer is a funding stream's funder is linked to that stream.

What was done is kept in `session.info` for the caller to tell the person (`result_of`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from ipb_desktop import accounts, funders
from ipb_desktop.bankimport import balances
from ipb_desktop.i18n import _

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
class AfterImport:
    opening: accounts.Opening | None = None
    linked: list[funders.Linked] = field(default_factory=list)


def run(
    session: Session,
    batch_id: int,
    source_name: str,
    lines: list[_Line],
    bank_balance: _Balance | None,
    record_opening: bool = True,
    *,
    first_import: bool,
) -> AfterImport:
    opened = None
    if record_opening and first_import and bank_balance is not None and accounts.opening(session) is None:
        found = opening_of(lines, bank_balance)
        if found is not None:
            opened = accounts.set_opening(
                session, found[0], found[1], _("bank statement '{name}'").format(name=source_name)[:300]
            )
    done = AfterImport(opened, funders.link_money_in(session, batch_id))
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

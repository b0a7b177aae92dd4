"""Money already owed from the account: what a council takes off the balance before it works out a surplus.

Other areas feed it through a small registry. Each source is a function `(session, day) -> list[OwedItem]`
returning what was owed at the end of `day` and not yet paid. Built in:

- "committed": payments out of the account recorded by `day` but dated after it (an invoice or wages recorded
  for later); payments recorded afterwards were not known of on `day`.
- "employment": `ipb_desktop.employment.owed_items(session, day)` (unpaid wages, PAYE and pension due for
  personal assistants: payslips not yet matched to a payment).

Another area adds its own with `register("name", source)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop.i18n import _
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import Transaction


@dataclass(frozen=True)
class OwedItem:
    """One thing owed: who or what for (in words), how much, and when it is due (None: not known)."""

    source: str
    description: str
    pence: int
    due_on: dt.date | None = None


OwedSource = Callable[[Session, dt.date], list[OwedItem]]

_SOURCES: dict[str, OwedSource] = {}


def register(name: str, source: OwedSource) -> None:
    """Add (or replace) a source of money owed."""
    _SOURCES[name] = source


def unregister(name: str) -> None:
    _SOURCES.pop(name, None)


def _committed(session: Session, day: dt.date) -> list[OwedItem]:
    rows = session.execute(
        select(Transaction.txn_date, Transaction.payee, Transaction.description, Transaction.amount_pence)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.txn_date > day,
            Transaction.created_at < dt.datetime.combine(day + dt.timedelta(days=1), dt.time()),
            Transaction.direction == Direction.OUT,
            Transaction.through_account.is_(True),
        )
        .order_by(Transaction.txn_date, Transaction.id)
    ).all()
    return [
        OwedItem("committed", payee or description or _("A payment recorded for later"), int(pence), when)
        for when, payee, description, pence in rows
    ]


def _employment(session: Session, day: dt.date) -> list[OwedItem]:
    """Unpaid wages, PAYE and pension for personal assistants (payslips not yet matched to a payment)."""
    from ipb_desktop.employment import owed as employment_owed

    return [
        OwedItem(
            "employment",
            _("{what} owed to {who}").format(what=_(employment_owed.WHAT_LABELS[item.what]), who=item.who),
            item.amount_pence,
        )
        for item in employment_owed.owed_items(session, day)
    ]


register("committed", _committed)
register("employment", _employment)


def owed_items(session: Session, day: dt.date) -> list[OwedItem]:
    """Everything owed at the end of `day`, from every source, soonest due first."""
    items = [item for source in list(_SOURCES.values()) for item in source(session, day)]
    return sorted(items, key=lambda i: (i.due_on or dt.date.max, i.source, i.description))


def total_owed(session: Session, day: dt.date) -> int:
    return sum(item.pence for item in owed_items(session, day))

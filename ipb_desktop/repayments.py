"""Money going back to a funder, and the person's assessed contribution.

- A REPAYMENT is money paid back from the account to a funder (a surplus the council asked for): money out of
  the account, linked to the funder's stream, in the category "Repayment to a funder".
- A CLAWBACK is the funder keeping back money it would have paid (or taking it back itself): recorded the same
  way but not through the account, so the account balance is not touched while the stream shows it.
- The ASSESSED CONTRIBUTION is what the council assessed the person to pay in (a stream whose funder kind is
  "personal_contribution"): due so far (by payments, as every stream figure) against paid in so far.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import budget, figures, ledger
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import FunderKind
from ipb_desktop.models.schema import Category, FundingStream, Transaction

REPAYMENT_CATEGORY = N_("Repayment to a funder")


def _category(session: Session) -> int:
    name = _(REPAYMENT_CATEGORY)
    found = session.scalars(select(Category).where(func.lower(Category.name) == name.lower())).first()
    if found is None:
        found = Category(name=name, usually_excluded=False, is_income=False)
        session.add(found)
        session.flush()
    return found.id


def record_repayment(
    session: Session, stream_id: int, day: dt.date, pence: int, *, clawback: bool = False, note: str = ""
) -> Transaction:
    """Money back to the stream's funder: from the account (a repayment) or kept back by the funder (a
    clawback, never through the account)."""
    stream = budget.get_stream(session, stream_id)
    if pence <= 0:
        raise InvalidInput("amount", _("the amount must be more than 0.00"))
    words = _("Clawback by {funder}") if clawback else _("Repayment to {funder}")
    return ledger.add_transaction(
        session,
        ledger.TransactionDraft(
            txn_date=day,
            direction="out",
            amount_pence=pence,
            payee=stream.funder_name,
            description=note or words.format(funder=stream.funder_name),
            category_id=_category(session),
            stream_id=stream.id,
            receipt_not_needed=True,
            through_account=not clawback,
        ),
    )


@dataclass(frozen=True)
class Contribution:
    """The assessed contribution from the start of the budget period up to and including `today`."""

    weekly_pence: int
    due_pence: int
    paid_pence: int

    @property
    def owed_pence(self) -> int:
        """Still to pay in (below zero: paid ahead)."""
        return self.due_pence - self.paid_pence


def contribution(session: Session, period_id: int, today: dt.date) -> Contribution:
    period = budget.get_period(session, period_id)
    streams = list(
        session.scalars(
            select(FundingStream).where(
                FundingStream.period_id == period.id,
                FundingStream.funder_kind == FunderKind.PERSONAL_CONTRIBUTION,
                FundingStream.archived.is_(False),
            )
        )
    )
    days = max(0, min(budget.period_days(period), (today - period.start_date).days + 1))
    due = sum(
        s.amount_pence * min(budget.payments_in_period(s), budget.payments_in_days(s.schedule, days)) if days else 0
        for s in streams
    )
    received = {f.stream_id: f.received_pence for f in figures.stream_figures(session, period.id, today)}
    paid = sum(received.get(s.id, 0) for s in streams)
    return Contribution(sum(budget.weekly_pence(s) for s in streams), due, paid)

"""What an import leaves to do: of the payments it brought in (added or matched), how many money-out payments still
need a plan line, a category, an outcome or a receipt. Counted in SQL; nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from ipb_desktop.bankimport.history import match_entries
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import Allocation, Receipt, Transaction


@dataclass(frozen=True)
class StillToDo:
    """Money-out payments from one import that still need something. `payments` counts them all."""

    payments: int = 0
    plan_line: int = 0
    category: int = 0
    outcome: int = 0
    receipt: int = 0


def _missing(column: InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
    """True for a payment none of whose parts has `column` filled in."""
    return ~exists().where(Allocation.transaction_id == Transaction.id, column.is_not(None))


def still_to_do(session: Session, batch_id: int) -> StillToDo:
    matched = sorted({txn_id for txn_id, _bank_id in match_entries(session, batch_id)})
    in_batch = Transaction.import_batch_id == batch_id
    mine = or_(in_batch, Transaction.id.in_(matched)) if matched else in_batch
    receipt_kept = exists().where(Receipt.transaction_id == Transaction.id, Receipt.deleted_at.is_(None))

    needs = (
        _missing(Allocation.plan_line_id),
        _missing(Allocation.category_id),
        _missing(Allocation.outcome_id),
        Transaction.receipt_not_needed.is_(False) & ~receipt_kept,
    )
    row = session.execute(
        select(func.count(), *(func.count().filter(condition) for condition in needs)).where(
            mine, Transaction.deleted_at.is_(None), Transaction.direction == Direction.OUT
        )
    ).one()
    return StillToDo(*(int(n) for n in row))

"""Writing many statement lines at once, with the same checks as `ledger.add_transaction`."""

from __future__ import annotations

import json
import unicodedata

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, ledger, validate
from ipb_desktop.bankimport.lines import StatementLine
from ipb_desktop.bankimport.suggest import Suggestion
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import Transaction, utcnow
from ipb_desktop.money import MAX_PENCE

_TABLES = Transaction.metadata.tables


def clean_text(text: str, length: int) -> str:
    """Bank text as it can be stored: no control characters (a terminal escape included), at most `length`."""
    return " ".join(printable(text).split())[:length]


def printable(text: str) -> str:
    """`text` with every control or format character (escape, bell, bidi overrides) turned into a space."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def audit_many(session: Session, action: str, txn_ids: list[int], details: list[dict[str, object]]) -> None:
    """One audit entry per transaction (as `audit.record` writes them), inserted together."""
    now, actor = utcnow(), audit.actor_of(session)
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": "transaction",
            "entity_id": txn_id,
            "detail": json.dumps(detail, sort_keys=True, default=str),
        }
        for txn_id, detail in zip(txn_ids, details, strict=True)
    ]
    if rows:
        session.execute(insert(_TABLES["audit_entry"]), rows)


class BulkWriter:
    """Adds many statement lines at once: the same checks as `ledger.add_transaction`, but written with three
    multi-row INSERTs (transactions, allocations, audit entries) so 10,000 lines go in within a second or two."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session = session
        self.batch_id = batch_id
        self.actor = audit.actor_of(session)
        self.resolved: dict[tuple[int | None, int | None, int | None], tuple[int | None, ...]] = {}
        self.rows: list[dict[str, object]] = []
        self.now = utcnow()
        self.parts: list[tuple[int | None, ...]] = []

    def _parts(self, choice: Suggestion | None) -> tuple[int | None, ...]:
        key = (choice.category_id, choice.plan_line_id, choice.outcome_id) if choice else (None, None, None)
        if key not in self.resolved:
            # ledger's own check fills in a plan line's category, stream and single outcome, and refuses ids
            # that do not exist; its answer is the same for every line with the same choice.
            checked = ledger._check_allocation(self.session, ledger.AllocationDraft(1, key[0], key[1], None, key[2]))
            self.resolved[key] = (checked.category_id, checked.plan_line_id, checked.stream_id, checked.outcome_id)
        return self.resolved[key]

    def add(self, line: StatementLine, bank_id: str, choice: Suggestion | None) -> None:
        validate.date_in_range(line.txn_date, "date")
        amount = abs(line.amount_pence)
        if not 0 < amount <= MAX_PENCE:
            raise InvalidInput("amount", _("the amount must be more than 0.00 and at most 10,000,000.00"))
        self.parts.append(self._parts(choice))
        self.rows.append(
            {
                "txn_date": line.txn_date,
                "direction": line.direction,
                "amount_pence": amount,
                "payee": clean_text(line.payee, 200),
                "description": clean_text(line.description, 500),
                "reconciled": True,
                "receipt_not_needed": False,
                "recorded_by": self.actor,
                "created_at": self.now,
                "bank_id": bank_id,
                "import_batch_id": self.batch_id,
            }
        )

    def flush(self) -> None:
        if not self.rows:
            return
        self.session.flush()
        self.session.execute(insert(_TABLES["transaction"]), self.rows)
        # Read the new ids back by bank id (unique), which is quicker in SQLite than RETURNING row by row.
        query = select(Transaction.bank_id, Transaction.id).where(Transaction.import_batch_id == self.batch_id)
        id_of = {str(bank_id): txn_id for bank_id, txn_id in self.session.execute(query)}
        ids = [id_of[str(row["bank_id"])] for row in self.rows]
        names = ("category_id", "plan_line_id", "stream_id", "outcome_id")
        allocations = [
            {
                "transaction_id": txn_id,
                "amount_pence": row["amount_pence"],
                "note": None,
                **dict(zip(names, parts, strict=True)),
            }
            for txn_id, row, parts in zip(ids, self.rows, self.parts, strict=True)
        ]
        self.session.execute(insert(_TABLES["allocation"]), allocations)
        details = [
            {"amount": row["amount_pence"], "batch": self.batch_id, "direction": row["direction"]} for row in self.rows
        ]
        audit_many(self.session, "create", ids, details)
        self.rows.clear()
        self.parts.clear()

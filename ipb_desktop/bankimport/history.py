"""Undoing an import (soft-deleting what it added, un-reconciling what it matched), putting it back, and the list
of imports."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ipb_desktop import after_import, audit, ledger
from ipb_desktop.bankimport.writer import audit_many
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import AuditEntry, Document, ImportBatch, Transaction, utcnow

# The audit action that records a bank line matched to a hand-logged payment (undo reads it back).
MATCH_ACTION = "import_match"


def match_entries(session: Session, batch_id: int) -> list[tuple[int, str]]:
    """(transaction id, bank id) for each hand-logged payment the import matched to a bank line."""
    entries = session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == MATCH_ACTION,
            AuditEntry.entity == "transaction",
            AuditEntry.detail.contains(f'"batch": {batch_id}'),
        )
    )
    found: list[tuple[int, str]] = []
    for entry in entries:
        detail = json.loads(entry.detail)
        if detail.get("batch") == batch_id and entry.entity_id is not None:
            found.append((entry.entity_id, str(detail.get("bank_id", ""))))
    return found


def undo_import(session: Session, batch_id: int) -> ImportBatch:
    """Take an import back out: what it added is marked deleted, what it matched is no longer reconciled."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise InvalidInput("import", _("there is no import number {id}").format(id=batch_id))
    if batch.undone_at is not None:
        raise InvalidInput("import", _("this import has already been undone"))
    now = utcnow()
    added = list(
        session.scalars(
            select(Transaction.id).where(Transaction.import_batch_id == batch.id, Transaction.deleted_at.is_(None))
        )
    )
    session.execute(
        update(Transaction)
        .where(Transaction.import_batch_id == batch.id, Transaction.deleted_at.is_(None))
        .values(deleted_at=now)
        .execution_options(synchronize_session=False)
    )
    audit_many(session, "delete", added, [{"batch": batch.id}] * len(added))
    for txn_id, _bank_id in match_entries(session, batch.id):
        matched = session.get(Transaction, txn_id)
        if matched is not None:
            matched.bank_id, matched.reconciled = None, False
            audit.record(session, "unreconcile", "transaction", matched.id, batch=batch.id)
    _set_documents_aside(session, batch.id, None, now)
    after_import.forget_opening(session, batch.id)
    batch.undone_at = now
    audit.record(session, "undo", "import_batch", batch.id)
    session.flush()
    return batch


def restore_import(session: Session, batch_id: int) -> ImportBatch:
    """Put an undone import back (the undo of "Undo this import" in the import history): its payments come back
    and its matches are reconciled again, unless the same bank lines have been imported again since."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.undone_at is None:
        raise InvalidInput("import", _("this import is not undone, so there is nothing to put back"))
    undone_at = batch.undone_at
    for txn in session.scalars(
        select(Transaction).where(Transaction.import_batch_id == batch.id, Transaction.deleted_at == undone_at)
    ):
        ledger.restore_transaction(session, txn.id)
    for txn_id, bank_id in match_entries(session, batch.id):
        taken = session.scalars(select(Transaction.id).where(Transaction.bank_id == bank_id)).first()
        matched = session.get(Transaction, txn_id)
        if taken is None and matched is not None and matched.deleted_at is None:
            matched.bank_id, matched.reconciled = bank_id, True
            audit.record(session, MATCH_ACTION, "transaction", matched.id, batch=batch.id, bank_id=matched.bank_id)
    _set_documents_aside(session, batch.id, undone_at, None)
    after_import.restore_opening(session, batch.id)
    batch.undone_at = None
    audit.record(session, "redo", "import_batch", batch.id)
    session.flush()
    return batch


def _set_documents_aside(session: Session, batch_id: int, was: dt.datetime | None, now: dt.datetime | None) -> None:
    """The copy of the statement file kept with the import goes with it when it is undone, and comes back."""
    kept = Document.deleted_at.is_(None) if was is None else Document.deleted_at == was
    session.execute(
        update(Document)
        .where(Document.import_batch_id == batch_id, kept)
        .values(deleted_at=now)
        .execution_options(synchronize_session=False)
    )


def history(session: Session) -> list[ImportBatch]:
    """Every import, newest first (undone ones too, marked by `undone_at`)."""
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())))

"""Documents kept encrypted inside the store: imported bank statement files, printed in the evidence pack."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.ledger import MAX_RECEIPT_BYTES, sniff_media_type
from ipb_desktop.models.schema import Document

BANK_STATEMENT = "bank_statement"


def _media_type(content: bytes, filename: str) -> str:
    found = sniff_media_type(content)
    if found is not None:
        return found
    lower = filename.lower()
    if lower.endswith((".ofx", ".qfx")):
        return "application/x-ofx"
    if lower.endswith(".qif"):
        return "application/qif"
    return "text/csv" if lower.endswith(".csv") else "text/plain"


def keep_bank_statement(
    session: Session,
    filename: str,
    content: bytes,
    first_date: dt.date | None,
    last_date: dt.date | None,
    import_batch_id: int | None = None,
) -> Document:
    """Keep a copy of a bank statement file with the store (encrypted like everything else)."""
    if not content:
        raise InvalidInput("statement", _("that file is empty"))
    if len(content) > MAX_RECEIPT_BYTES:
        raise InvalidInput("statement", _("that file is too big to keep with the store"))
    name = validate.required_text(filename.replace("\\", "/").rsplit("/", 1)[-1], "statement", 255)
    doc = Document(
        kind=BANK_STATEMENT,
        filename=name,
        media_type=_media_type(content, name),
        size_bytes=len(content),
        content=content,
        first_date=first_date,
        last_date=last_date,
        import_batch_id=import_batch_id,
    )
    session.add(doc)
    session.flush()
    audit.record(session, "create", "document", doc.id, kind=BANK_STATEMENT, size=len(content))
    return doc


def bank_statements(session: Session, start: dt.date, end: dt.date) -> list[Document]:
    """Kept bank statements that cover any day from `start` to `end` (both included), oldest first."""
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.kind == BANK_STATEMENT,
                Document.deleted_at.is_(None),
                or_(Document.first_date.is_(None), Document.first_date <= end),
                or_(Document.last_date.is_(None), Document.last_date >= start),
            )
            .order_by(Document.first_date, Document.id)
        )
    )

"""The PDF documents the Reports page makes, by kind: the statement, the review pack and the evidence pack (the
statement followed by every receipt and kept bank statement for the dates). One function so that the preview,
Save as PDF and Print all make exactly the same pages."""

from __future__ import annotations

import datetime as dt
import io

from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import statement_data
from ipb_desktop.statements.review_data import review_pack_data

STATEMENT, REVIEW_PACK, EVIDENCE_PACK = "statement", "review_pack", "evidence_pack"
PDF_KINDS = (STATEMENT, REVIEW_PACK, EVIDENCE_PACK)


def pdf_bytes(
    store: Store,
    kind: str,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    large_print: bool,
    with_payments: bool = True,
) -> bytes:
    """The document of `kind` for `start`..`end` (both included). Raises IpbError when it cannot be made."""
    # The PDF writers bring in reportlab (0.15 s to import): only when a PDF is made, not at every start.
    from ipb_desktop.statements import pdf_evidence, pdf_review_pack, pdf_statement

    buffer = io.BytesIO()
    with store.reading() as session:
        if kind == REVIEW_PACK:
            pack = review_pack_data(session, start, end, today)
            pdf_review_pack.write_review_pack(pack, buffer, large_print, with_payments)
        elif kind == EVIDENCE_PACK:
            evidence = pdf_evidence.evidence_data(session, start, end, today)
            pdf_evidence.write_evidence_pack(evidence, buffer, large_print)
        else:
            data = statement_data(session, start, end, today)
            pdf_statement.write_statement(data, buffer, large_print)
    return buffer.getvalue()

"""The evidence pack a council asks for with a monitoring return: the statement for the dates, then a copy of
every receipt and invoice held for a payment in those dates (photos and PDF pages, each headed with its
payment), then the bank statements imported for those dates (kept encrypted with the store). Receipts still
missing are listed once, in the statement."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import documents, formatting
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.schema import Receipt, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import StatementData, statement_data
from ipb_desktop.statements.layout import FRAME_WIDTH, PAGE_HEIGHT, Styles, build, escape, para, styles
from ipb_desktop.statements.pdf_statement import declaration_section, footer_text, holder_name, statement_story
from ipb_desktop.statements.pdf_text import copies_held_text, money, range_text

MAX_IMAGE_HEIGHT = PAGE_HEIGHT - 95 * mm  # room for the heading and the footer
PDF_DPI = 110  # receipts that are PDFs are drawn as pictures at this resolution
MAX_BANK_TEXT = 200_000  # characters of one bank statement file printed (a year of lines is far less)


@dataclass(frozen=True)
class HeldReceipt:
    txn_id: int
    day: dt.date
    payee: str
    amount_pence: int
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class KeptStatement:
    filename: str
    first_date: dt.date | None
    last_date: dt.date | None
    content: bytes


@dataclass(frozen=True)
class EvidenceData:
    statement: StatementData
    receipts: list[HeldReceipt]
    bank_statements: list[KeptStatement]


def evidence_data(session: Session, start: dt.date, end: dt.date, today: dt.date | None = None) -> EvidenceData:
    rows = session.execute(
        select(Transaction.id, Transaction.txn_date, Transaction.payee, Transaction.amount_pence, Receipt)
        .join(Receipt, Receipt.transaction_id == Transaction.id)
        .where(
            Transaction.deleted_at.is_(None),
            Receipt.deleted_at.is_(None),
            Transaction.txn_date >= start,
            Transaction.txn_date <= end,
        )
        .order_by(Transaction.txn_date, Transaction.id, Receipt.id)
    ).all()
    receipts = [
        HeldReceipt(int(i), day, payee, int(pence), r.filename, r.media_type, r.content)
        for i, day, payee, pence, r in rows
    ]
    kept = [
        KeptStatement(d.filename, d.first_date, d.last_date, d.content)
        for d in documents.bank_statements(session, start, end)
    ]
    return EvidenceData(statement_data(session, start, end, generated_on=today), receipts, kept)


def _fitted(png: bytes, width_px: int, height_px: int) -> Image:
    scale = min(FRAME_WIDTH / max(width_px, 1), MAX_IMAGE_HEIGHT / max(height_px, 1))
    return Image(io.BytesIO(png), width=width_px * scale, height=height_px * scale)


def _pictures(receipt: HeldReceipt) -> list[Image]:
    """The receipt's pages as pictures that fit the page (a PDF receipt may have several)."""
    from PIL import Image as PilImage

    pictures: list[Image] = []
    if receipt.media_type == "application/pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(receipt.content)
        try:
            for index in range(min(len(document), 20)):
                bitmap = document[index].render(scale=PDF_DPI / 72)
                image = bitmap.to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG")
                pictures.append(_fitted(out.getvalue(), image.width, image.height))
        finally:
            document.close()
        return pictures
    with PilImage.open(io.BytesIO(receipt.content)) as image:
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG")
        return [_fitted(out.getvalue(), image.width, image.height)]


def _receipt_part(data: EvidenceData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Paragraph(escape(_("Receipts and invoices")), st.h1)]
    count = len(data.receipts)
    story.append(
        para(
            copies_held_text(count),
            st.body,
        )
    )
    missing = len(data.statement.missing_receipts)
    if missing:
        story.append(
            para(
                ngettext(
                    "{n} payment has no receipt yet; it is listed in the statement.",
                    "{n} payments have no receipt yet; they are listed in the statement.",
                    missing,
                ).format(n=missing),
                st.body,
            )
        )
    for receipt in data.receipts:
        heading = _("Payment {id}: {date}, {payee}, {amount}").format(
            id=receipt.txn_id,
            date=formatting.date_long(receipt.day),
            payee=receipt.payee or _("no payee"),
            amount=money(receipt.amount_pence),
        )
        head: list[Flowable] = [
            PageBreak(),
            Paragraph(escape(heading), st.h2_free),
            para(_("File: {name}").format(name=receipt.filename), st.note),
        ]
        try:
            pictures = _pictures(receipt)
        except Exception:  # a damaged file never stops the pack; the person is told which one
            story += [*head, para(_("This file could not be printed. It is still kept in the app."), st.body)]
            continue
        story += [*head, *(KeepTogether([p, Spacer(1, st.look.gap)]) for p in pictures)]
    return story


def _bank_part(data: EvidenceData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Paragraph(escape(_("Bank statements")), st.h1)]
    if not data.bank_statements:
        return [*story, para(_("No bank statement files are kept for these dates."), st.body)]
    for kept in data.bank_statements:
        dates = (
            range_text(kept.first_date, kept.last_date)
            if kept.first_date is not None and kept.last_date is not None
            else _("dates not known")
        )
        story.append(Paragraph(escape(_("{name} ({dates})").format(name=kept.filename, dates=dates)), st.h2_free))
        text = kept.content.decode("utf-8", errors="replace")
        if len(text) > MAX_BANK_TEXT:
            text = text[:MAX_BANK_TEXT] + "\n" + _("(the rest of this file is kept in the app)")
        for block in text.replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                story.append(para(block, st.note))
    return story


def write_evidence_pack(data: EvidenceData, out: Path | BinaryIO, large_print: bool = False) -> None:
    st = styles(large_print)
    title = _("Evidence pack")
    story: list[Flowable] = [
        Paragraph(escape(title), st.title),
        para(_("Statement, receipts and bank statements for {dates}").format(
            dates=range_text(data.statement.start, data.statement.end)), st.subtitle),
    ]  # fmt: skip
    story += statement_story(data.statement, st)
    story += declaration_section(data.statement, st)
    story += _receipt_part(data, st)
    story += _bank_part(data, st)
    build(
        out,
        story,
        title=title,
        author=holder_name(data.statement),
        footer_left=footer_text(title, data.statement),
        generated_on=data.statement.generated_on,
        large_print=large_print,
    )


def write_from_store(
    store: Store,
    out: Path | BinaryIO,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    large_print: bool = False,
) -> EvidenceData:
    with store.reading() as session:
        data = evidence_data(session, start, end, today)
    write_evidence_pack(data, out, large_print)
    return data

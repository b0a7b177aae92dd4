"""Words the person saves on the Reports page (the explanation for a period, the review answers), each one
named, undoable operation; and saving the accessible version of a document (which changes nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from ipb_desktop.i18n import _
from ipb_desktop.statements import explanations, output, review_answers
from ipb_desktop.statements.data import statement_data
from ipb_desktop.statements.review_answers import Question
from ipb_desktop.statements.review_data import review_pack_data
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def save_explanation(ctx: AppContext, start: dt.date, end: dt.date, text: str, form: FieldSink | None = None) -> bool:
    """Save the person's explanation of spending in a period; undo puts back the words that were there."""
    today = ctx.today()

    def do(session: Session) -> str:
        before = explanations.exact_text(session, start, end)
        explanations.save_explanation(session, start, end, text, today)
        return before

    def undo(session: Session, before: str) -> None:
        explanations.save_explanation(session, start, end, before, today)

    return ctx.perform(_("Save my explanation"), do, undo, form=form) is not None


def save_review_answers(ctx: AppContext, typed: dict[Question, str]) -> bool:
    """Save the answers to the review questions; undo puts back the earlier answers."""
    today = ctx.today()

    def do(session: Session) -> dict[Question, str]:
        return {q: review_answers.save_answer(session, q, text, today) for q, text in typed.items()}

    def undo(session: Session, before: dict[Question, str]) -> None:
        for question, text in before.items():
            review_answers.save_answer(session, question, text, today)

    return ctx.perform(_("Save my review answers"), do, undo) is not None


def save_accessible_version(
    ctx: AppContext, kind: str, start: dt.date, end: dt.date, target: Path, include_transactions: bool = True
) -> Path | None:
    """Save the accessible version (a web page with real headings and tables, the same figures as the PDF) of
    the statement, the review pack or the evidence pack for `start` to `end` to `target`. Nothing in the store
    changes, so there is nothing to undo. None (and the person told why) when it could not be saved."""
    # The page shares the PDFs' wording and number formats, which bring in reportlab: only when one is saved.
    from ipb_desktop.statements import html_documents
    from ipb_desktop.statements.pdf_evidence import evidence_data

    today = ctx.today()

    def page(session: Session) -> str:
        if kind == "review_pack":
            pack = review_pack_data(session, start, end, today)
            return html_documents.review_pack_page(pack, include_transactions).html()
        if kind == "evidence_pack":
            return html_documents.evidence_pack_page(evidence_data(session, start, end, today)).html()
        return html_documents.statement_page(statement_data(session, start, end, today)).html()

    content = ctx.read(page, None)
    if content is None:
        return None
    try:
        return output.write_file(target, lambda handle: handle.write(content.encode("utf-8")))
    except OSError as exc:
        messages.error(_("The file could not be saved there: {reason}").format(reason=exc.strerror or exc))
        return None

"""Words the person saves on the Reports page (the explanation for a period, the review answers), each one
named, undoable operation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop.i18n import _
from ipb_desktop.statements import explanations, review_answers
from ipb_desktop.statements.review_answers import Question
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

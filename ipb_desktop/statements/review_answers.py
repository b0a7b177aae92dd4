"""Answers the person types before a review meeting: what has worked, what has not, what I want to change.
They are printed in the review pack in the person's own words."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.schema import ReviewAnswer


class Question(StrEnum):
    WORKED = "worked"
    NOT_WORKED = "not_worked"
    CHANGE = "change"


QUESTION_LABELS: dict[Question, str] = {
    Question.WORKED: N_("What has worked"),
    Question.NOT_WORKED: N_("What has not worked"),
    Question.CHANGE: N_("What I want to change"),
}


def answers(session: Session) -> dict[Question, str]:
    """Every question with its answer ("" when not answered yet), in the order they are asked."""
    saved = {row.question: row.text for row in session.scalars(select(ReviewAnswer))}
    return {q: saved.get(q.value, "") for q in Question}


def authors(session: Session) -> dict[Question, str]:
    """Who last wrote each answer ("holder" or "planner:Name"), for the questions answered so far."""
    return {Question(row.question): row.recorded_by for row in session.scalars(select(ReviewAnswer))}


def written_with(recorded_by: str) -> str:
    """ "Written with Sam Example, peer support planner" for an answer a planner recorded; "" for the person's own."""
    if recorded_by.startswith("planner:"):
        return _("Written with {name}, peer support planner").format(name=recorded_by.split(":", 1)[1])
    return ""


def save_answer(session: Session, question: str, text: str, today: dt.date | None = None) -> str:
    """Keep the answer to one question; empty text clears it. Returns the answer it replaced ("" if none),
    which is what an undo puts back. The audit log keeps the words before and after."""
    key = validate.choice(question, "question", Question)
    clean = validate.text(text, key, max_length=validate.LONG_TEXT)
    row = session.get(ReviewAnswer, key)
    before = row.text if row is not None else ""
    if clean is None:
        if row is not None:
            session.delete(row)
            session.flush()
            audit.record(session, "delete", "review_answer", None, question=key, before=before)
        return before
    if row is None:
        session.add(
            ReviewAnswer(
                question=key, text=clean, updated_on=today or dt.date.today(), recorded_by=audit.actor_of(session)
            )
        )
    elif row.text != clean:  # saving the same words again keeps who wrote them
        row.text = clean
        row.updated_on = today or dt.date.today()
        row.recorded_by = audit.actor_of(session)
    session.flush()
    if before != clean:
        audit.record(
            session, "update" if before else "create", "review_answer", None, question=key, text=[before, clean]
        )
    return before

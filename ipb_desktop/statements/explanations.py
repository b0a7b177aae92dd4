"""The person's own explanation for a surplus or shortfall over a date range ("a tax bill is due in April",
"holiday pay", "a new assistant starts next month"), printed on the statement for that range."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.models.schema import Explanation
from ipb_desktop.statements.periods import check_range


def explanation_for(session: Session, start: dt.date, end: dt.date) -> Explanation | None:
    """The explanation written for exactly this range; else the newest one whose range overlaps it."""
    exact = session.scalars(
        select(Explanation)
        .where(Explanation.start_date == start, Explanation.end_date == end)
        .order_by(Explanation.id.desc())
    ).first()
    if exact is not None:
        return exact
    return session.scalars(
        select(Explanation)
        .where(Explanation.start_date <= end, Explanation.end_date >= start)
        .order_by(Explanation.written_on.desc(), Explanation.id.desc())
    ).first()


def text_for(session: Session, start: dt.date, end: dt.date) -> str:
    found = explanation_for(session, start, end)
    return found.text if found is not None else ""


def save_explanation(
    session: Session, start: dt.date, end: dt.date, text: str, today: dt.date | None = None
) -> Explanation | None:
    """Keep `text` as the explanation for exactly this range (replacing an earlier one for the same range).
    Empty text removes it. Every change goes into the audit log with the words before and after."""
    check_range(start, end)
    clean = validate.text(text, "explanation", max_length=validate.LONG_TEXT)
    row = session.scalars(
        select(Explanation).where(Explanation.start_date == start, Explanation.end_date == end)
    ).first()
    if clean is None:
        if row is not None:
            audit.record(session, "delete", "explanation", row.id, start=start, end=end, before=row.text)
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = Explanation(
            start_date=start,
            end_date=end,
            text=clean,
            written_on=today or dt.date.today(),
            recorded_by=audit.actor_of(session),
        )
        session.add(row)
        session.flush()
        audit.record(session, "create", "explanation", row.id, start=start, end=end, text=clean)
        return row
    before = row.text
    row.text = clean
    row.written_on = today or dt.date.today()
    row.recorded_by = audit.actor_of(session)
    session.flush()
    audit.record(session, "update", "explanation", row.id, start=start, end=end, text=[before, clean])
    return row


def exact_text(session: Session, start: dt.date, end: dt.date) -> str:
    """The words written for exactly this range ("" if none): what an undo puts back."""
    row = session.scalars(
        select(Explanation).where(Explanation.start_date == start, Explanation.end_date == end)
    ).first()
    return row.text if row is not None else ""

"""Changes made while setting up a store: the budget holder's details (also edited in Settings) and how far the
guided set-up has got."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from ipb_desktop import holder, removal, setup_progress
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def holder_details(ctx: AppContext) -> holder.HolderDetails | None:
    """The budget holder's details as the form edits them (None when none are saved yet)."""

    def read(session: Session) -> holder.HolderDetails | None:
        person = holder.get_holder(session)
        if person is None:
            return None
        return holder.HolderDetails(
            person.name,
            person.preferred_name,
            person.nhs_number,
            person.council_reference,
            person.care_coordinator,
            person.peer_support_planner,
            person.next_review_date,
        )

    return ctx.read(read, None)


def save_holder(ctx: AppContext, details: Callable[[], holder.HolderDetails], form: FieldSink) -> int | None:
    """Save the holder's details; undo puts back what was there before (or nothing)."""
    before = holder_details(ctx)

    def put_back(session: Session, _id: int) -> None:
        if before is None:
            removal.remove_holder(session)
        else:
            holder.save_holder(session, before)

    return ctx.perform(_("save your details"), lambda s: holder.save_holder(s, details()).id, put_back, form=form)


def mark_step(ctx: AppContext, step: str) -> bool:
    """Remember that a set-up step is done, so the set-up starts after it next time."""
    return ctx.keep_note(lambda s: setup_progress.mark_step(s, step))


def finish_setup(ctx: AppContext) -> bool:
    done = ctx.keep_note(setup_progress.set_finished)
    if done:
        ctx.changed.emit()
    return done

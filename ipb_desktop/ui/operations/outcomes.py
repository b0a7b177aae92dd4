"""The changes a person makes on the Outcomes page, each one named, undoable operation (see operations.spending)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipb_desktop import outcomes, removal
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import OutcomeStatus
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def details_of(ctx: AppContext, outcome_id: int) -> outcomes.OutcomeDetails | None:
    """An outcome's words and life area as the form edits them (None when it cannot be read)."""

    def read(session: Session) -> outcomes.OutcomeDetails:
        found = outcomes.get_outcome(session, outcome_id)
        return outcomes.OutcomeDetails(found.what_matters, found.how_ill_know, found.life_area_id)

    return ctx.read(read, None)


def add_life_area(ctx: AppContext, name: str) -> int | None:
    return ctx.perform(
        _("Add life area"),
        lambda s: outcomes.add_life_area(s, name).id,
        lambda s, new_id: removal.remove_life_area(s, new_id),
    )


def add_outcome(ctx: AppContext, details: outcomes.OutcomeDetails, form: FieldSink) -> int | None:
    today = ctx.today()
    return ctx.perform(
        _("add an outcome"),
        lambda s: outcomes.add_outcome(s, details, today).id,
        lambda s, new_id: removal.remove_outcome(s, new_id),
        form=form,
    )


def edit_outcome(
    ctx: AppContext,
    outcome_id: int,
    details: outcomes.OutcomeDetails,
    before: outcomes.OutcomeDetails,
    form: FieldSink,
) -> int | None:
    def put_back(session: Session, _id: int) -> None:
        outcomes.update_outcome(session, outcome_id, before)

    return ctx.perform(
        _("edit an outcome"), lambda s: outcomes.update_outcome(s, outcome_id, details).id, put_back, form=form
    )


def rate_progress(ctx: AppContext, outcome_id: int, details: outcomes.RatingDetails, form: FieldSink) -> int | None:
    return ctx.perform(
        _("rate progress"),
        lambda s: outcomes.add_rating(s, outcome_id, details).id,
        lambda s, rating_id: outcomes.delete_rating(s, rating_id),
        form=form,
    )


def delete_rating(ctx: AppContext, rating_id: int) -> bool:
    """Delete a rating, keeping a snapshot so undo puts it back exactly (same words, same recorder)."""
    snap = ctx.read(lambda s: removal.snapshot_rating(s, rating_id), None)
    if snap is None:
        return False

    def delete(session: Session) -> int:
        outcomes.delete_rating(session, snap.id)
        return snap.id

    def put_back(session: Session, _id: int) -> None:
        removal.restore_rating(session, snap)

    return ctx.perform(_("delete a rating"), delete, put_back) is not None


def set_status(ctx: AppContext, outcome_id: int, status: OutcomeStatus) -> int | None:
    """Mark an outcome achieved, set it aside, or work on it again; undo puts the old status back."""
    before = ctx.read(lambda s: outcomes.get_outcome(s, outcome_id).status, None)
    if before is None:
        return None
    today = ctx.today()
    words = {
        OutcomeStatus.ACHIEVED: _("mark an outcome achieved"),
        OutcomeStatus.SET_ASIDE: _("set an outcome aside"),
        OutcomeStatus.ACTIVE: _("work on an outcome again"),
    }

    def put_back(session: Session, _id: int) -> None:
        outcomes.set_status(session, outcome_id, before, today)

    return ctx.perform(words[status], lambda s: outcomes.set_status(s, outcome_id, status, today).id, put_back)

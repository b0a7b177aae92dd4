"""The changes a person makes on the Plan and budget page (periods, funding streams, plan lines), each one named,
undoable operation (see operations.spending). Details are given as a function so that typed amounts are read
inside the operation, where a problem is shown next to its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from ipb_desktop import budget, ledger, plan, removal, repayments
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def stream_details(ctx: AppContext, stream_id: int) -> budget.StreamDetails | None:
    """A funding stream as its form edits it (None when it cannot be read)."""

    def read(session: Session) -> budget.StreamDetails:
        stream = budget.get_stream(session, stream_id)
        return budget.StreamDetails(
            stream.funder_kind,
            stream.funder_name,
            stream.amount_pence,
            stream.schedule,
            stream.held_as,
            stream.notes,
            stream.paid_in_pence,
        )

    return ctx.read(read, None)


def plan_line_details(ctx: AppContext, line_id: int) -> plan.PlanLineDetails | None:
    """A plan line as its form edits it (None when it cannot be read)."""

    def read(session: Session) -> plan.PlanLineDetails:
        line = plan.get_plan_line(session, line_id)
        outcome_ids = tuple(o.id for o in line.outcomes)
        return plan.PlanLineDetails(
            line.description, line.planned_pence, line.category_id, line.stream_id, outcome_ids, line.notes
        )

    return ctx.read(read, None)


def add_period(ctx: AppContext, name: str, start: dt.date, end: dt.date, form: FieldSink) -> int | None:
    return ctx.perform(
        _("add a budget period"),
        lambda s: budget.add_period(s, name, start, end).id,
        lambda s, period_id: removal.remove_period(s, period_id),
        form=form,
    )


def add_stream(
    ctx: AppContext, period_id: int, details: Callable[[], budget.StreamDetails], form: FieldSink
) -> int | None:
    return ctx.perform(
        _("add a funding stream"),
        lambda s: budget.add_stream(s, period_id, details()).id,
        lambda s, new_id: removal.remove_stream(s, new_id),
        form=form,
    )


def edit_stream(
    ctx: AppContext,
    stream_id: int,
    details: Callable[[], budget.StreamDetails],
    before: budget.StreamDetails,
    form: FieldSink,
) -> int | None:
    def put_back(session: Session, _id: int) -> None:
        budget.update_stream(session, stream_id, before)

    return ctx.perform(
        _("edit a funding stream"), lambda s: budget.update_stream(s, stream_id, details()).id, put_back, form=form
    )


def set_stream_archived(ctx: AppContext, stream_id: int, archived: bool) -> int | None:
    def put_back(session: Session, _id: int) -> None:
        removal.set_stream_archived(session, stream_id, not archived)

    return ctx.perform(
        _("archive a funding stream") if archived else _("bring back a funding stream"),
        lambda s: removal.set_stream_archived(s, stream_id, archived).id,
        put_back,
    )


def add_plan_line(
    ctx: AppContext, period_id: int, details: Callable[[], plan.PlanLineDetails], form: FieldSink
) -> int | None:
    return ctx.perform(
        _("add a plan line"),
        lambda s: plan.add_plan_line(s, period_id, details()).id,
        lambda s, new_id: removal.remove_plan_line(s, new_id),
        form=form,
    )


def edit_plan_line(
    ctx: AppContext,
    line_id: int,
    details: Callable[[], plan.PlanLineDetails],
    before: plan.PlanLineDetails,
    form: FieldSink,
) -> int | None:
    def put_back(session: Session, _id: int) -> None:
        plan.update_plan_line(session, line_id, before)

    return ctx.perform(
        _("edit a plan line"), lambda s: plan.update_plan_line(s, line_id, details()).id, put_back, form=form
    )


def set_plan_line_archived(ctx: AppContext, line_id: int, archived: bool) -> int | None:
    def put_back(session: Session, _id: int) -> None:
        removal.set_plan_line_archived(session, line_id, not archived)

    return ctx.perform(
        _("archive a plan line") if archived else _("bring back a plan line"),
        lambda s: removal.set_plan_line_archived(s, line_id, archived).id,
        put_back,
    )


def record_repayment(
    ctx: AppContext, stream_id: int, day: dt.date, amount: Callable[[], int], clawback: bool, note: str, form: FieldSink
) -> int | None:
    """Money back to a stream's funder: paid from the account (a repayment) or kept back by the funder (a
    clawback, which never touches the account). Undo deletes it again."""
    return ctx.perform(
        _("record a clawback") if clawback else _("record a repayment to a funder"),
        lambda s: repayments.record_repayment(s, stream_id, day, amount(), clawback=clawback, note=note).id,
        lambda s, txn_id: ledger.delete_transaction(s, txn_id),
        form=form,
    )

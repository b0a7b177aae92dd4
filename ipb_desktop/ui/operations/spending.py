"""The changes a person makes on the Spending page, each one named, undoable operation.

Each function runs one service call through `AppContext.perform` (one transaction, problems shown next to the
form's field, one undo step, one `changed` signal) and returns the new or changed row's id, or None when nothing
was saved. Undo puts back exactly what was there before.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop import ledger, regular
from ipb_desktop.i18n import _
from ipb_desktop.regular import RegularDetails
from ipb_desktop.ui.operations.context import AppContext, FieldSink

# -- payments -----------------------------------------------------------------------------------------------------


def log_payment(
    ctx: AppContext, draft: ledger.TransactionDraft, form: FieldSink | None = None, text: str | None = None
) -> int | None:
    """Record a new payment in or out; undo deletes it again."""
    return ctx.perform(
        text or _("Log payment"),
        lambda s: ledger.add_transaction(s, draft).id,
        lambda s, txn_id: ledger.delete_transaction(s, txn_id),
        form=form,
    )


def change_payment(
    ctx: AppContext, txn_id: int, draft: ledger.TransactionDraft, old: ledger.TransactionDraft, form: FieldSink
) -> int | None:
    return ctx.perform(
        _("Change payment"),
        lambda s: ledger.update_transaction(s, txn_id, draft).id,
        lambda s, _id: ledger.update_transaction(s, txn_id, old),
        form=form,
    )


def split_payment(
    ctx: AppContext,
    txn_id: int,
    parts: list[ledger.AllocationDraft],
    old: ledger.TransactionDraft,
    form: FieldSink,
) -> int | None:
    return ctx.perform(
        _("Split payment"),
        lambda s: ledger.split_transaction(s, txn_id, parts).id,
        lambda s, _id: ledger.update_transaction(s, txn_id, old),
        form=form,
    )


def set_checked(ctx: AppContext, txn_id: int, checked: bool) -> int | None:
    """Mark a payment as checked against the bank statement (or not)."""
    return ctx.perform(
        _("Checked against bank") if checked else _("Not checked against bank"),
        lambda s: ledger.set_reconciled(s, txn_id, checked).id,
        lambda s, _id: ledger.set_reconciled(s, txn_id, not checked),
    )


def delete_payment(ctx: AppContext, txn_id: int) -> int | None:
    return ctx.perform(
        _("Delete payment"),
        lambda s: ledger.delete_transaction(s, txn_id).id,
        lambda s, i: ledger.restore_transaction(s, i),
    )


# -- receipts -----------------------------------------------------------------------------------------------------


def attach_receipt(ctx: AppContext, txn_id: int, name: str, content: bytes) -> int | None:
    return ctx.perform(
        _("Attach receipt"),
        lambda s: ledger.attach_receipt(s, txn_id, name, content).id,
        lambda s, rid: ledger.remove_receipt(s, rid),
    )


def remove_receipt(ctx: AppContext, receipt_id: int) -> int | None:
    return ctx.perform(
        _("Remove receipt"),
        lambda s: ledger.remove_receipt(s, receipt_id).id,
        lambda s, rid: ledger.restore_receipt(s, rid),
    )


# -- regular payments ---------------------------------------------------------------------------------------------


def set_up_regular(ctx: AppContext, details: RegularDetails, form: FieldSink) -> int | None:
    return ctx.perform(
        _("Set up regular payment"),
        lambda s: regular.add_regular(s, details).id,
        lambda s, rid: regular.stop_regular(s, rid),
        form=form,
    )


def change_regular(
    ctx: AppContext, regular_id: int, details: RegularDetails, old: RegularDetails, form: FieldSink
) -> int | None:
    return ctx.perform(
        _("Change regular payment"),
        lambda s: regular.update_regular(s, regular_id, details).id,
        lambda s, rid: regular.update_regular(s, rid, old),
        form=form,
    )


def stop_regular(ctx: AppContext, regular_id: int) -> int | None:
    return ctx.perform(
        _("Stop regular payment"),
        lambda s: regular.stop_regular(s, regular_id).id,
        lambda s, rid: regular.resume_regular(s, rid),
    )


def start_regular_again(ctx: AppContext, regular_id: int) -> int | None:
    return ctx.perform(
        _("Start regular payment again"),
        lambda s: regular.resume_regular(s, regular_id).id,
        lambda s, rid: regular.stop_regular(s, rid),
    )


def skip_due(ctx: AppContext, regular_id: int, due_on: dt.date, payee: str) -> int | None:
    """Skip one due payment; undo makes it due again on the same day."""
    return ctx.perform(
        _("Skip {payee}").format(payee=payee),
        lambda s: regular.skip(s, regular_id).id,
        lambda s, _rid: regular.set_next_due(s, regular_id, due_on),
    )


def confirm_due(
    ctx: AppContext,
    regular_id: int,
    due_on: dt.date,
    payee: str,
    paid_on: dt.date,
    amount_pence: int,
    form: FieldSink | None = None,
) -> int | None:
    """Record one due regular payment as paid; undo deletes the payment and makes it due again."""

    def undo(session: Session, txn_id: int) -> None:
        ledger.delete_transaction(session, txn_id)
        regular.set_next_due(session, regular_id, due_on)

    return ctx.perform(
        _("Confirm {payee}").format(payee=payee),
        lambda s: regular.confirm(s, regular_id, paid_on, amount_pence).id,
        undo,
        form=form,
    )

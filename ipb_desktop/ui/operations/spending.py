"""The changes a person makes on the Spending page, each one named, undoable operation.

Each function runs one service call through `AppContext.perform` (one transaction, problems shown next to the
form's field, one undo step, one `changed` signal) and returns the new or changed row's id, or None when nothing
was saved. Undo puts back exactly what was there before.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop import accounts, figures, ledger, regular
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


# -- checking against the bank statement ----------------------------------------------------------------------

ALL_UNTICKED = 100_000  # every payment not yet checked (the dialog lists them all, not the first 50)


def record_reconciliation(ctx: AppContext, day: dt.date, bank_pence: int) -> accounts.ReconcileResult | None:
    """Record that the account agrees with the bank statement of `day` (every payment through the account up to
    then is marked as checked). When the app's balance differs nothing is saved and no undo step is made: the
    result says by how much. Undo takes the reconciliation back and unticks the payments it ticked."""

    def check(session: Session) -> accounts.ReconcileResult:
        app = figures.balance_on(session, day)
        return accounts.ReconcileResult(day, bank_pence, app, accounts.unticked(session, day), recorded=False)

    before = ctx.read(check, None)
    if before is None or not before.agrees:
        return before

    def do(session: Session) -> tuple[accounts.ReconcileResult, list[int]]:
        ticked = [u.txn_id for u in accounts.unticked(session, day, ALL_UNTICKED)]
        return accounts.reconcile(session, day, bank_pence), ticked

    def undo(session: Session, done: tuple[accounts.ReconcileResult, list[int]]) -> None:
        if done[0].recorded:
            accounts.forget_reconciliation(session, day, bank_pence, done[1])

    done = ctx.perform(_("Check against the bank statement"), do, undo)
    return None if done is None else done[0]

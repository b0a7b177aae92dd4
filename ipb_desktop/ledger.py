"""The ledger: every payment in and out of the direct-payment account, with what it was for.

A transaction is what the bank sees; its allocations say what the money was for. Edits are audited with
before and after; deleting marks the transaction deleted (it can be restored), so nothing disappears silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ipb_desktop import audit, funders, limits, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import Direction, PaymentMethod
from ipb_desktop.models.schema import (
    Allocation,
    Category,
    FundingStream,
    Outcome,
    PlanLine,
    Receipt,
    Transaction,
    utcnow,
)
from ipb_desktop.money import MAX_PENCE

MAX_RECEIPT_BYTES = limits.MAX_ATTACHMENT_BYTES

_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]


@dataclass(frozen=True)
class AllocationDraft:
    amount_pence: int
    category_id: int | None = None
    plan_line_id: int | None = None
    stream_id: int | None = None
    outcome_id: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class TransactionDraft:
    """Everything a person enters for one payment. With no `allocations`, the whole amount goes to the
    category / plan line / stream / outcome given here (a plan line fills in its own category and stream)."""

    txn_date: dt.date
    direction: str
    amount_pence: int
    payee: str = ""
    description: str = ""
    payment_method: str | None = None
    category_id: int | None = None
    plan_line_id: int | None = None
    stream_id: int | None = None
    outcome_id: int | None = None
    allocations: tuple[AllocationDraft, ...] = field(default_factory=tuple)
    reconciled: bool = False
    receipt_not_needed: bool = False
    bank_id: str | None = None
    import_batch_id: int | None = None
    # False: paid by others from a notional or third-party budget, not through the account. None: decided from
    # the streams (False when every part is from a notional or third-party stream).
    through_account: bool | None = None


def live() -> Select[Transaction]:
    """Transactions that have not been deleted."""
    return select(Transaction).where(Transaction.deleted_at.is_(None))


_Columns = TypeVarTuple("_Columns")

# What a part of a payment was for, in words: select these after an Allocation column and join with
# `join_part_labels` (the Spending table and the statements both list payments this way).
PART_LABELS = (Category.name, PlanLine.description, FundingStream.funder_name, Outcome.what_matters)


def join_part_labels(query: Select[*_Columns]) -> Select[*_Columns]:
    """Outer-join a query over Allocation to the names of its category, plan line, funding stream and outcome."""
    return (
        query.outerjoin(Category, Category.id == Allocation.category_id)
        .outerjoin(PlanLine, PlanLine.id == Allocation.plan_line_id)
        .outerjoin(FundingStream, FundingStream.id == Allocation.stream_id)
        .outerjoin(Outcome, Outcome.id == Allocation.outcome_id)
    )


def _check_allocation(session: Session, a: AllocationDraft, field_prefix: str = "") -> Allocation:
    if a.amount_pence <= 0:
        raise InvalidInput(field_prefix + "amount", _("each part of a split must be more than 0.00"))
    category_id, stream_id, outcome_id = a.category_id, a.stream_id, a.outcome_id
    if a.plan_line_id is not None:
        line = session.get(PlanLine, a.plan_line_id)
        if line is None:
            raise InvalidInput(
                field_prefix + "plan_line", _("there is no plan line number {id}").format(id=a.plan_line_id)
            )
        category_id = category_id if category_id is not None else line.category_id
        stream_id = stream_id if stream_id is not None else line.stream_id
        if outcome_id is None and len(line.outcomes) == 1:
            outcome_id = line.outcomes[0].id
    for model, value, name in (
        (Category, category_id, N_("category")),
        (FundingStream, stream_id, N_("stream")),
        (Outcome, outcome_id, N_("outcome")),
    ):
        if value is not None and session.get(model, value) is None:
            raise InvalidInput(field_prefix + name, _("there is no {what} number {id}").format(what=_(name), id=value))
    return Allocation(
        amount_pence=a.amount_pence,
        category_id=category_id,
        plan_line_id=a.plan_line_id,
        stream_id=stream_id,
        outcome_id=outcome_id,
        note=validate.text(a.note, field_prefix + "note", max_length=500),
    )


def _check(
    session: Session, draft: TransactionDraft, link_funder: bool = False
) -> tuple[dict[str, object], list[Allocation]]:
    validate.choice(draft.direction, "direction", Direction)
    validate.date_in_range(draft.txn_date, "date")
    if not 0 < draft.amount_pence <= MAX_PENCE:
        raise InvalidInput("amount", _("the amount must be more than 0.00 and at most 10,000,000.00"))
    if draft.payment_method is not None:
        validate.choice(draft.payment_method, "payment_method", PaymentMethod)
    parts = draft.allocations or (
        AllocationDraft(draft.amount_pence, draft.category_id, draft.plan_line_id, draft.stream_id, draft.outcome_id),
    )
    allocations = [
        _check_allocation(session, part, f"split {i + 1} " if len(parts) > 1 else "") for i, part in enumerate(parts)
    ]
    if link_funder and draft.direction == Direction.IN and len(allocations) == 1 and allocations[0].stream_id is None:
        # Money in from a funder is linked to its stream (by a rule learned from earlier links, else the funder's
        # name in the payer's), as an import links it.
        allocations[0].stream_id = funders.stream_for_money_in(session, draft.payee, draft.txn_date)
    total = sum(a.amount_pence for a in allocations)
    if total != draft.amount_pence:
        raise InvalidInput(
            "split",
            _("the parts add up to {parts} pence but the payment is {amount} pence; make them the same").format(
                parts=total, amount=draft.amount_pence
            ),
        )
    fields: dict[str, object] = {
        "txn_date": draft.txn_date,
        "direction": draft.direction,
        "amount_pence": draft.amount_pence,
        "payee": validate.text(draft.payee, "payee") or "",
        "description": validate.text(draft.description, "description", max_length=500) or "",
        "payment_method": draft.payment_method,
        "reconciled": draft.reconciled,
        "receipt_not_needed": draft.receipt_not_needed,
        "through_account": draft.through_account
        if draft.through_account is not None
        else funders.through_account(session, [a.stream_id for a in allocations]),
    }
    return fields, allocations


def add_transaction(session: Session, draft: TransactionDraft) -> Transaction:
    fields, allocations = _check(session, draft, link_funder=True)
    if (
        draft.bank_id is not None
        and session.scalars(select(Transaction).where(Transaction.bank_id == draft.bank_id)).first()
    ):
        raise InvalidInput("bank_id", _("this bank line is already in the ledger"))
    txn = Transaction(
        **fields,
        bank_id=draft.bank_id,
        import_batch_id=draft.import_batch_id,
        recorded_by=audit.actor_of(session),
    )
    txn.allocations = allocations
    session.add(txn)
    session.flush()
    audit.record(session, "create", "transaction", txn.id, amount=draft.amount_pence, direction=draft.direction)
    return txn


def draft_of(txn: Transaction) -> TransactionDraft:
    """The transaction as a draft (used to undo an edit by saving the old draft back)."""
    return TransactionDraft(
        txn_date=txn.txn_date,
        direction=txn.direction,
        amount_pence=txn.amount_pence,
        payee=txn.payee,
        description=txn.description,
        payment_method=txn.payment_method,
        allocations=tuple(
            AllocationDraft(a.amount_pence, a.category_id, a.plan_line_id, a.stream_id, a.outcome_id, a.note)
            for a in txn.allocations
        ),
        reconciled=txn.reconciled,
        receipt_not_needed=txn.receipt_not_needed,
        bank_id=txn.bank_id,
        import_batch_id=txn.import_batch_id,
        through_account=txn.through_account,
    )


def update_transaction(session: Session, txn_id: int, draft: TransactionDraft) -> Transaction:
    """Change a transaction; the audit log keeps what it was before."""
    txn = get_transaction(session, txn_id)
    fields, allocations = _check(session, draft)
    before = {k: getattr(txn, k) for k in fields}
    before_parts = [(a.amount_pence, a.category_id, a.plan_line_id, a.stream_id, a.outcome_id) for a in txn.allocations]
    for key, value in fields.items():
        setattr(txn, key, value)
    txn.allocations = allocations
    session.flush()
    after_parts = [(a.amount_pence, a.category_id, a.plan_line_id, a.stream_id, a.outcome_id) for a in allocations]
    detail = audit.changes(before, fields)
    if before_parts != after_parts:
        detail["allocations"] = [before_parts, after_parts]
    audit.record(session, "update", "transaction", txn.id, **detail)
    return txn


def split_transaction(session: Session, txn_id: int, parts: list[AllocationDraft]) -> Transaction:
    """Share one payment across several plan lines (or categories, outcomes); the parts must add up."""
    txn = get_transaction(session, txn_id)
    return update_transaction(session, txn_id, replace(draft_of(txn), allocations=tuple(parts)))


def set_reconciled(session: Session, txn_id: int, reconciled: bool = True) -> Transaction:
    txn = get_transaction(session, txn_id)
    txn.reconciled = reconciled
    audit.record(session, "reconcile" if reconciled else "unreconcile", "transaction", txn.id)
    return txn


def delete_transaction(session: Session, txn_id: int) -> Transaction:
    """Mark a transaction deleted. It stays in the store (restore brings it back) and the audit log says who."""
    txn = get_transaction(session, txn_id)
    if txn.deleted_at is None:
        txn.deleted_at = utcnow()
        audit.record(session, "delete", "transaction", txn.id, amount=txn.amount_pence, date=txn.txn_date)
    return txn


def restore_transaction(session: Session, txn_id: int) -> Transaction:
    txn = get_transaction(session, txn_id, include_deleted=True)
    if txn.deleted_at is not None:
        txn.deleted_at = None
        audit.record(session, "restore", "transaction", txn.id)
    return txn


def get_transaction(session: Session, txn_id: int, include_deleted: bool = False) -> Transaction:
    txn = session.get(Transaction, txn_id)
    if txn is None or (txn.deleted_at is not None and not include_deleted):
        raise InvalidInput("transaction", _("there is no payment number {id}").format(id=txn_id))
    return txn


def sniff_media_type(content: bytes) -> str | None:
    for magic, media in _SIGNATURES:
        if content.startswith(magic):
            return media
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


def attach_receipt(
    session: Session, txn_id: int, filename: str, content: bytes, max_bytes: int = MAX_RECEIPT_BYTES
) -> Receipt:
    """Keep a photo or PDF of a receipt inside the (encrypted) store."""
    txn = get_transaction(session, txn_id)
    if not content:
        raise InvalidInput("receipt", _("that file is empty; choose the photo or PDF of the receipt"))
    if len(content) > max_bytes:
        raise InvalidInput(
            "receipt",
            _("that file is {size} MB; the most is {max} MB. Try a smaller photo or scan").format(
                size=f"{len(content) / 1048576:.1f}", max=max_bytes // 1048576
            ),
        )
    media = sniff_media_type(content)
    if media is None:
        raise InvalidInput("receipt", _("that file is not a photo (JPEG, PNG, GIF, WebP) or a PDF"))
    name = validate.required_text(filename.replace("\\", "/").rsplit("/", 1)[-1], "receipt", 255)
    receipt = Receipt(transaction_id=txn.id, filename=name, media_type=media, size_bytes=len(content), content=content)
    session.add(receipt)
    session.flush()
    audit.record(session, "create", "receipt", receipt.id, transaction=txn.id, size=len(content))
    return receipt


@dataclass(frozen=True)
class ReceiptFile:
    id: int
    filename: str
    media_type: str
    size_bytes: int
    content: bytes


def receipts_of(session: Session, txn_id: int) -> list[ReceiptFile]:
    """The receipts kept for a payment (not the removed ones), oldest first."""
    found = session.scalars(
        select(Receipt).where(Receipt.transaction_id == txn_id, Receipt.deleted_at.is_(None)).order_by(Receipt.id)
    )
    return [ReceiptFile(r.id, r.filename, r.media_type, r.size_bytes, r.content) for r in found]


def remove_receipt(session: Session, receipt_id: int) -> Receipt:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise InvalidInput("receipt", _("there is no receipt number {id}").format(id=receipt_id))
    receipt.deleted_at = utcnow()
    audit.record(session, "delete", "receipt", receipt.id, transaction=receipt.transaction_id)
    return receipt


def restore_receipt(session: Session, receipt_id: int) -> Receipt:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise InvalidInput("receipt", _("there is no receipt number {id}").format(id=receipt_id))
    receipt.deleted_at = None
    audit.record(session, "restore", "receipt", receipt.id)
    return receipt


def gentle_warnings(session: Session, draft: TransactionDraft) -> list[str]:
    """Things worth a second look, never a block: spending plans usually exclude, or on nothing in the plan."""
    if draft.direction != Direction.OUT:
        return []
    warnings: list[str] = []
    parts = draft.allocations or (AllocationDraft(draft.amount_pence, draft.category_id, draft.plan_line_id),)
    for part in parts:
        category_id = part.category_id
        if category_id is None and part.plan_line_id is not None:
            line = session.get(PlanLine, part.plan_line_id)
            category_id = line.category_id if line else None
        category = session.get(Category, category_id) if category_id is not None else None
        if category is not None and category.usually_excluded:
            warnings.append(
                _(
                    "Plans do not usually pay for '{category}'. You can still save it; you may be asked about it "
                    "at your review."
                ).format(category=category.name)
            )
        if part.plan_line_id is None:
            warnings.append(
                _("This is not linked to anything in your plan. You can still save it, or choose a plan line.")
            )
    return list(dict.fromkeys(warnings))

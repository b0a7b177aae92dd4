"""The mapped classes of a budget store.

Money columns are integer pence (`*_pence`), dates are `datetime.date`, timestamps are UTC `datetime`.
A transaction is what the bank sees (one date, one amount); its allocations say what the money was for
(category, plan line, stream, outcome). Most transactions have one allocation; a split payment has several,
and they always add up to the transaction's amount.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class StoreInfo(Base):
    """One row: who this store is (a random UUID, never a name) and which app version last wrote it."""

    __tablename__ = "store_info"
    id: Mapped[int] = mapped_column(primary_key=True)
    store_uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by_version: Mapped[str] = mapped_column(String(32))
    last_written_by_version: Mapped[str] = mapped_column(String(32))
    last_opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Setting(Base):
    """Per-store settings as text (surplus threshold weeks, language, who is recording ...)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BudgetHolder(Base):
    __tablename__ = "budget_holder"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    nhs_number: Mapped[str | None] = mapped_column(String(10))
    council_reference: Mapped[str | None] = mapped_column(String(100))
    care_coordinator: Mapped[str | None] = mapped_column(String(200))
    peer_support_planner: Mapped[str | None] = mapped_column(String(200))
    next_review_date: Mapped[dt.date | None] = mapped_column(Date)


class BudgetPeriod(Base):
    """A budget year or other agreed period; both dates inclusive (1 April to 31 March)."""

    __tablename__ = "budget_period"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_in_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    streams: Mapped[list[FundingStream]] = relationship(back_populates="period", order_by="FundingStream.id")
    plan_lines: Mapped[list[PlanLine]] = relationship(back_populates="period", order_by="PlanLine.id")


class FundingStream(Base):
    __tablename__ = "funding_stream"
    __table_args__ = (CheckConstraint("amount_pence >= 0", name="amount_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("budget_period.id"), index=True)
    funder_kind: Mapped[str] = mapped_column(String(32))
    funder_name: Mapped[str] = mapped_column(String(200))
    amount_pence: Mapped[int] = mapped_column(Integer)
    schedule: Mapped[str] = mapped_column(String(16))
    held_as: Mapped[str] = mapped_column(String(16))
    # A mixed stream: the part of each payment paid into the account (the rest is held by the funder).
    paid_in_pence: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    period: Mapped[BudgetPeriod] = relationship(back_populates="streams")


class LifeArea(Base):
    """An editable list: "home", "work and learning", "friends and family" ..."""

    __tablename__ = "life_area"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Outcome(Base):
    __tablename__ = "outcome"
    id: Mapped[int] = mapped_column(primary_key=True)
    what_matters: Mapped[str] = mapped_column(Text)
    how_ill_know: Mapped[str | None] = mapped_column(Text)
    life_area_id: Mapped[int | None] = mapped_column(ForeignKey("life_area.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_on: Mapped[dt.date] = mapped_column(Date)
    status_changed_on: Mapped[dt.date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    life_area: Mapped[LifeArea | None] = relationship()
    ratings: Mapped[list[Rating]] = relationship(
        back_populates="outcome", order_by="(Rating.rated_on, Rating.id)", cascade="all, delete-orphan"
    )


class Rating(Base):
    """Progress on an outcome on one day: 0-10 on the person's own words, -2..+2 goal attainment, or a score
    from a questionnaire done elsewhere (its name in `instrument`)."""

    __tablename__ = "rating"
    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id"), index=True)
    rated_on: Mapped[dt.date] = mapped_column(Date)
    scale: Mapped[str] = mapped_column(String(16), default="own_words")
    score: Mapped[int] = mapped_column(Integer)
    instrument: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[Outcome] = relationship(back_populates="ratings")


class Category(Base):
    """A spending category; `usually_excluded` marks things plans usually do not pay for (gentle warning)."""

    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    usually_excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    is_income: Mapped[bool] = mapped_column(Boolean, default=False)


plan_line_outcome = Table(
    "plan_line_outcome",
    Base.metadata,
    Column("plan_line_id", ForeignKey("plan_line.id", ondelete="CASCADE"), primary_key=True),
    Column("outcome_id", ForeignKey("outcome.id", ondelete="CASCADE"), primary_key=True),
)


class PlanLine(Base):
    """Agreed support in the care and support plan, with its planned amount for the whole period."""

    __tablename__ = "plan_line"
    __table_args__ = (CheckConstraint("planned_pence >= 0", name="planned_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("budget_period.id"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    planned_pence: Mapped[int] = mapped_column(Integer)
    stream_id: Mapped[int | None] = mapped_column(ForeignKey("funding_stream.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    period: Mapped[BudgetPeriod] = relationship(back_populates="plan_lines")
    category: Mapped[Category | None] = relationship()
    stream: Mapped[FundingStream | None] = relationship()
    outcomes: Mapped[list[Outcome]] = relationship(secondary=plan_line_outcome, order_by="Outcome.id")


class ImportBatch(Base):
    """One bank statement import; undoing it soft-deletes the transactions it added."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    source_name: Mapped[str] = mapped_column(String(300))
    file_format: Mapped[str] = mapped_column(String(16))
    lines_added: Mapped[int] = mapped_column(Integer, default=0)
    lines_matched: Mapped[int] = mapped_column(Integer, default=0)
    bank_balance_pence: Mapped[int | None] = mapped_column(Integer)
    bank_balance_date: Mapped[dt.date | None] = mapped_column(Date)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))


class CsvMapping(Base):
    """A remembered CSV column mapping, found again by the file's header signature."""

    __tablename__ = "csv_mapping"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    header_signature: Mapped[str] = mapped_column(String(64), index=True)
    mapping_json: Mapped[str] = mapped_column(Text)


class Transaction(Base):
    """Money in or out on one date. `amount_pence` is always positive; `direction` says which way.

    `through_account` is False for spending from a notional or third-party budget (an invoice the NHS team or
    a provider pays from money they hold): it counts against its stream and the plan, never the account balance.

    Deleting sets `deleted_at` (and the audit log says who and when): nothing disappears silently.
    """

    __tablename__ = "transaction"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="amount_positive"),
        CheckConstraint("direction in ('in', 'out')", name="direction_known"),
        # Covers the balance and totals (direction, amount) and keeps the default order (date, then id): see
        # migration 0002 and docs/PERFORMANCE.md.
        Index(
            "ix_transaction_live_date", "deleted_at", "txn_date", "id", "direction", "amount_pence", "through_account"
        ),
        # The Spending table sorted by amount reads this in order instead of sorting every payment (migration 0014).
        Index("ix_transaction_amount_order", "amount_pence", "txn_date", "id", "deleted_at", "direction"),
        UniqueConstraint("bank_id", name="uq_transaction_bank_id"),
        # A payee's payments oldest or newest first, for the triggers keeping `payee_choice` (migration 0013).
        Index("ix_transaction_payee_date", "payee", "direction", "txn_date"),
        # Payments typed in by hand and not matched to a bank line yet, for the import's matching (0013).
        Index(
            "ix_transaction_hand_logged",
            "txn_date",
            sqlite_where=text("deleted_at IS NULL AND bank_id IS NULL AND reconciled IS 0"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    txn_date: Mapped[dt.date] = mapped_column(Date, index=True)
    direction: Mapped[str] = mapped_column(String(3))
    amount_pence: Mapped[int] = mapped_column(Integer)
    payee: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    payment_method: Mapped[str | None] = mapped_column(String(32))
    reconciled: Mapped[bool] = mapped_column(Boolean, default=False)
    through_account: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    recorded_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Bank import: the bank's own id (OFX FITID, namespaced by account) or a fingerprint of the line.
    bank_id: Mapped[str | None] = mapped_column(String(200))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    receipt_not_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    allocations: Mapped[list[Allocation]] = relationship(
        back_populates="transaction", order_by="Allocation.id", cascade="all, delete-orphan"
    )
    receipts: Mapped[list[Receipt]] = relationship(
        back_populates="transaction", order_by="Receipt.id", cascade="all, delete-orphan"
    )


class Allocation(Base):
    """What (part of) a transaction was for. A transaction's allocations add up to its amount."""

    __tablename__ = "allocation"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("transaction.id", ondelete="CASCADE"), index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    plan_line_id: Mapped[int | None] = mapped_column(ForeignKey("plan_line.id"), index=True)
    stream_id: Mapped[int | None] = mapped_column(ForeignKey("funding_stream.id"), index=True)
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcome.id"), index=True)
    note: Mapped[str | None] = mapped_column(String(500))
    transaction: Mapped[Transaction] = relationship(back_populates="allocations")
    category: Mapped[Category | None] = relationship()
    plan_line: Mapped[PlanLine | None] = relationship()
    stream: Mapped[FundingStream | None] = relationship()
    outcome: Mapped[Outcome | None] = relationship()


class Receipt(Base):
    """A receipt (photo or PDF), kept encrypted inside the store itself."""

    __tablename__ = "receipt"
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("transaction.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    transaction: Mapped[Transaction] = relationship(back_populates="receipts")


class RegularPayment(Base):
    """A payment that repeats (assistant wages, the council's four-weekly payment in), offered when due."""

    __tablename__ = "regular_payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    amount_pence: Mapped[int] = mapped_column(Integer)
    payee: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500), default="")
    schedule: Mapped[str] = mapped_column(String(16))
    next_due: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    plan_line_id: Mapped[int | None] = mapped_column(ForeignKey("plan_line.id"))
    stream_id: Mapped[int | None] = mapped_column(ForeignKey("funding_stream.id"))
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcome.id"))
    payment_method: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Explanation(Base):
    """The person's own words about a surplus or shortfall in a date range, printed on the statement."""

    __tablename__ = "explanation"
    id: Mapped[int] = mapped_column(primary_key=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    written_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200))


class ReviewAnswer(Base):
    """Answers typed before a review: what has worked, what has not, what I want to change."""

    __tablename__ = "review_answer"
    question: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200))


class AuditEntry(Base):
    """Append-only record of every change (triggers in the first migration refuse UPDATE and DELETE)."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class OpeningBalance(Base):
    """What the account held at the start of `on_date`, before the first payment in the app (the bank's figure
    from the first imported statement, or typed by hand). One row; changing it is audited."""

    __tablename__ = "opening_balance"
    id: Mapped[int] = mapped_column(primary_key=True)
    on_date: Mapped[dt.date] = mapped_column(Date)
    balance_pence: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Reconciliation(Base):
    """The bank's balance at the end of `on_date` (from a bank statement) beside the app's; kept when they agree."""

    __tablename__ = "reconciliation"
    id: Mapped[int] = mapped_column(primary_key=True)
    on_date: Mapped[dt.date] = mapped_column(Date, index=True)
    bank_balance_pence: Mapped[int] = mapped_column(Integer)
    app_balance_pence: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Document(Base):
    """A document kept encrypted with the store: an imported bank statement file, printed in the evidence pack."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    first_date: Mapped[dt.date | None] = mapped_column(Date)
    last_date: Mapped[dt.date | None] = mapped_column(Date)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# Every mapped class must be on Base.metadata whenever the schema is (migrations, the schema-head test); the
# employment tables live in their own module, which needs Base from here, so it comes last.
from ipb_desktop.models import employment as _employment  # noqa: E402, F401  # isort: skip

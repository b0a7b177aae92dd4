"""Gather everything a statement shows, from the store, into small frozen dataclasses.

Totals come from `ipb_desktop.figures` and from SQL `SUM ... GROUP BY` here (balances by funding stream); the
only rows loaded one by one are the transactions of the period, because the statement lists each of them.
Both dates of a range are included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import ClauseElement, String, bindparam, exists, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from ipb_desktop import accounts, budget, figures, holder, repayments
from ipb_desktop.employment.report import EmploymentReport, employment_report, has_employment
from ipb_desktop.i18n import _
from ipb_desktop.ledger import PART_LABELS, join_part_labels
from ipb_desktop.models import month_allocations
from ipb_desktop.models.enums import Direction, FunderKind
from ipb_desktop.models.schema import (
    Allocation,
    FundingStream,
    Receipt,
    Transaction,
)
from ipb_desktop.seed import shown_name
from ipb_desktop.statements import explanations
from ipb_desktop.statements.periods import check_range


class ReceiptState(StrEnum):
    HELD = "held"
    MISSING = "missing"
    NOT_NEEDED = "not_needed"
    NOT_APPLICABLE = ""  # money in: no receipt is asked for


@dataclass(frozen=True)
class HolderLines:
    name: str
    nhs_number: str | None
    council_reference: str | None
    care_coordinator: str | None
    peer_support_planner: str | None
    next_review_date: dt.date | None


@dataclass(frozen=True)
class StreamBalance:
    """One funding stream over the range; `stream_id` None is money not linked to any stream.
    opening + money in - money out == closing."""

    stream_id: int | None
    label: str
    opening_pence: int
    money_in_pence: int
    money_out_pence: int

    @property
    def closing_pence(self) -> int:
        return self.opening_pence + self.money_in_pence - self.money_out_pence


@dataclass(frozen=True, slots=True)
class Part:
    """What (part of) a payment was for; labels are "" when not linked."""

    amount_pence: int
    category: str
    plan_line: str
    stream: str
    outcome: str


@dataclass(frozen=True, slots=True)
class TransactionLine:
    txn_id: int
    day: dt.date
    direction: str
    amount_pence: int
    payee: str
    description: str
    payment_method: str | None
    reconciled: bool
    receipt: ReceiptState
    parts: tuple[Part, ...]
    through_account: bool = True
    recorded_by: str = "holder"  # who logged it: "holder" or "planner:Name" (see `audit.actor_of`)
    imported: bool = False  # it came from a bank statement file

    @property
    def signed_pence(self) -> int:
        return self.amount_pence if self.direction == Direction.IN else -self.amount_pence


@dataclass(frozen=True)
class StatementData:
    """A statement for `start` to `end` (both included), as of `generated_on`."""

    start: dt.date
    end: dt.date
    generated_on: dt.date
    holder: HolderLines | None
    period_name: str | None
    period_start: dt.date | None
    streams: list[figures.StreamFigures]
    summary: figures.PeriodSummary
    stream_balances: list[StreamBalance]
    plan_lines: list[figures.PlanLineFigures]
    surplus: figures.Surplus | None
    explanation: str
    transactions: list[TransactionLine] = field(default_factory=list)
    # The dates the explanation was written for, when it was written for other (overlapping) dates.
    explanation_dates: tuple[dt.date, dt.date] | None = None
    employment: EmploymentReport | None = None  # None when no PA is employed
    opening: accounts.Opening | None = None
    account: accounts.AccountIdentity | None = None
    reconciliation: accounts.LastReconciliation | None = None
    contribution: repayments.Contribution | None = None

    @property
    def account_transactions(self) -> list[TransactionLine]:
        """Payments through the account (what the bank statement shows)."""
        return [t for t in self.transactions if t.through_account]

    @property
    def outside_transactions(self) -> list[TransactionLine]:
        """Spending paid by others from notional or third-party budgets (never in the account)."""
        return [t for t in self.transactions if not t.through_account]

    @property
    def missing_receipts(self) -> list[TransactionLine]:
        return [t for t in self.transactions if t.receipt == ReceiptState.MISSING]

    @property
    def own_contribution_weekly_pence(self) -> int:
        return sum(s.weekly_pence for s in self.streams if s.funder_kind == FunderKind.PERSONAL_CONTRIBUTION)

    @property
    def funded_weekly_pence(self) -> int:
        return sum(s.weekly_pence for s in self.streams)


def _holder_lines(session: Session) -> HolderLines | None:
    person = holder.get_holder(session)
    if person is None:
        return None
    return HolderLines(
        name=person.name,
        nhs_number=person.nhs_number,
        council_reference=person.council_reference,
        care_coordinator=person.care_coordinator,
        peer_support_planner=person.peer_support_planner,
        next_review_date=person.next_review_date,
    )


def _by_stream(session: Session, start: dt.date, end: dt.date) -> list[Any]:
    """Rows (stream_id, direction, pence) of the allocations of live payments through the account dated `start`
    to `end` (both included), added up by stream and direction: whole months from the month totals kept by
    triggers (`models.month_allocations`) and only the days of a part month from the payments, so the sums
    cost the same however many payments the store holds."""
    if end < start:
        return []
    rows = month_allocations.allocation_rows(start, end, lambda c: [c["through_account"].is_(True)])
    return list(
        session.execute(
            select(rows.c.stream_id, rows.c.direction, func.sum(rows.c.pence)).group_by(
                rows.c.stream_id, rows.c.direction
            )
        )
    )


def _stream_sums(session: Session, start: dt.date, end: dt.date) -> dict[int | None, list[int]]:
    """Each stream's [opening, money in, money out] through the account: opening from every payment dated
    before `start`, money in and out from `start` to `end` (both included)."""
    sums: dict[int | None, list[int]] = {}
    first_month = session.scalar(text(f"SELECT min(month) FROM {month_allocations.TABLE}"))
    if first_month is not None:
        first = dt.date(int(first_month[:4]), int(first_month[5:7]), 1)
        for stream_id, direction, pence in _by_stream(session, first, start - dt.timedelta(days=1)):
            found = sums.setdefault(stream_id, [0, 0, 0])
            found[0] += int(pence) if direction == Direction.IN else -int(pence)
    for stream_id, direction, pence in _by_stream(session, start, end):
        found = sums.setdefault(stream_id, [0, 0, 0])
        found[1 if direction == Direction.IN else 2] += int(pence)
    return sums


def stream_balances(session: Session, start: dt.date, end: dt.date) -> list[StreamBalance]:
    """Opening balance, money in and out of the account by funder (from each payment's allocations); the
    recorded opening balance is a row of its own, so the rows add up to the account's figures.

    A funder's streams in different budget periods (last year's and this year's council payments) count as
    one, so money carried over from last year shows in the same row as this year's."""
    funders = {
        stream_id: (kind, name)
        for stream_id, kind, name in session.execute(
            select(FundingStream.id, FundingStream.funder_kind, FundingStream.funder_name)
        )
    }
    # Added up by funder (kind and name), named by the funder's first stream, as a GROUP BY funder would.
    by_funder: dict[tuple[Any, Any], list[Any]] = {}
    for stream_id, (opening, money_in, money_out) in _stream_sums(session, start, end).items():
        key = funders.get(stream_id, (None, None)) if stream_id is not None else (None, None)
        found = by_funder.get(key)
        if found is None:
            by_funder[key] = [stream_id, opening, money_in, money_out]
        else:
            if stream_id is not None and (found[0] is None or stream_id < found[0]):
                found[0] = stream_id
            found[1] += opening
            found[2] += money_in
            found[3] += money_out
    balances = [
        StreamBalance(
            stream_id,
            name if stream_id is not None else _("Not linked to a funding stream"),
            opening,
            money_in,
            money_out,
        )
        for (_kind, name), (stream_id, opening, money_in, money_out) in by_funder.items()
        if opening or money_in or money_out
    ]
    ordered = sorted(balances, key=lambda b: (b.stream_id is None, b.label.casefold(), b.stream_id or 0))
    already = figures.opening_balance_pence(session)
    if already:
        ordered.append(StreamBalance(None, _("Already in the account before the first payment"), already, 0, 0))
    return ordered


def _lines_query() -> ClauseElement:
    """Each live transaction dated :start to :end (ISO dates), oldest first, one row for each of its
    allocations (or one with no allocation), with the labels of what it was for."""
    has_receipt = exists().where(Receipt.transaction_id == Transaction.id, Receipt.deleted_at.is_(None))
    query = (
        select(
            Transaction.id,
            Transaction.txn_date,
            Transaction.direction,
            Transaction.amount_pence,
            Transaction.payee,
            Transaction.description,
            Transaction.payment_method,
            Transaction.reconciled,
            Transaction.receipt_not_needed,
            Transaction.through_account,
            Transaction.recorded_by,
            Transaction.import_batch_id,
            has_receipt.label("has_receipt"),
            Allocation.amount_pence,
            *PART_LABELS,
        )
        .select_from(Transaction)
        .outerjoin(Allocation, Allocation.transaction_id == Transaction.id)
    )
    return (
        join_part_labels(query)
        .where(
            Transaction.deleted_at.is_(None),
            Transaction.txn_date >= bindparam("start", type_=String),
            Transaction.txn_date <= bindparam("end", type_=String),
        )
        .order_by(Transaction.txn_date, Transaction.id, Allocation.id)
    )


# By dialect and parameter style: the SQL and the order of its parameters.
_LINES_SQL: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}


def _lines_rows(session: Session, start: dt.date, end: dt.date) -> Iterator[Sequence[Any]]:
    """The rows of `_lines_query`, as the database gives them (dates as ISO text, booleans as 0 and 1): read
    straight from the driver, in batches, without the ORM's row processing, which took twice as long as the
    query for a year of payments."""
    connection = session.connection()
    dialect = connection.dialect
    key = (dialect.name, dialect.paramstyle)
    found = _LINES_SQL.get(key)
    if found is None:
        compiled = _lines_query().compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        found = _LINES_SQL[key] = (str(compiled), tuple(compiled.positiontup or ()))
    sql, names = found
    values = {"start": start.isoformat(), "end": end.isoformat()}
    result = connection.exec_driver_sql(sql, tuple(values[name] for name in names))
    for batch in result.partitions(2000):  # a long period's rows are never all in memory at once
        yield from batch


def transaction_lines(session: Session, start: dt.date, end: dt.date) -> list[TransactionLine]:
    """Every live transaction from `start` to `end`, oldest first, each with what it was for (one query)."""
    rows = _lines_rows(session, start, end)
    # Payees, descriptions and labels repeat from payment to payment: keep one copy of each text, and one set
    # of a part's four labels as shown.
    texts: dict[str, str] = {}
    labels: dict[tuple[Any, ...], tuple[str, str, str, str]] = {}
    days: dict[str, dt.date] = {}  # and one date for each day (the driver gives "2026-04-01")

    def same(text: str) -> str:
        return texts.setdefault(text, text)

    def day_of(iso: str) -> dt.date:
        found = days.get(iso)
        if found is None:
            found = days[iso] = dt.date.fromisoformat(iso)
        return found

    lines: list[TransactionLine] = []
    parts: list[Part] = []
    last: Any = None
    for row in rows:
        if last is not None and row[0] != last[0]:
            lines.append(_line(last, parts, same, day_of))
            parts = []
        if row[13] is not None:
            key = tuple(row[14:18])
            shown = labels.get(key)
            if shown is None:
                shown = labels[key] = (
                    same(shown_name(row[14] or "")),
                    same(row[15] or ""),
                    same(row[16] or ""),
                    same(row[17] or ""),
                )
            # The payment's own amount (the same int) when the part is all of it: less to hold for a long year.
            parts.append(Part(row[3] if row[13] == row[3] else int(row[13]), *shown))
        last = row
    if last is not None:
        lines.append(_line(last, parts, same, day_of))
    return lines


def _line(row: Any, parts: list[Part], same: Callable[[str], str], day_of: Callable[[str], dt.date]) -> TransactionLine:
    """The line for one transaction's row (its first columns, by position: see `transaction_lines`) and its
    parts."""
    (txn_id, day, direction, amount, payee, description, method, reconciled, not_needed, through, by, batch) = row[:12]
    if direction == Direction.IN:
        receipt = ReceiptState.NOT_APPLICABLE
    elif row[12]:  # has_receipt
        receipt = ReceiptState.HELD
    elif not_needed:
        receipt = ReceiptState.NOT_NEEDED
    else:
        receipt = ReceiptState.MISSING
    return TransactionLine(
        txn_id,
        day_of(day),
        direction,
        int(amount),
        same(payee or ""),
        same(description or ""),
        same(method) if method is not None else None,
        bool(reconciled),
        receipt,
        tuple(parts),
        bool(through),
        same(by) if by else "holder",
        batch is not None,
    )


def shown_categories(summary: figures.PeriodSummary) -> figures.PeriodSummary:
    """The summary with built-in category names in the document's language (names the person typed stay)."""
    return replace(summary, out_by_category=[replace(t, label=shown_name(t.label)) for t in summary.out_by_category])


_DEFAULT_PERIOD_NAME = re.compile(r"(\d{4}) to (\d{4})")


def shown_period_name(name: str) -> str:
    """A period name as the app suggests it ("2026 to 2027", stored in the language it was made in) in the
    document's language; a name the person typed stays as typed."""
    found = _DEFAULT_PERIOD_NAME.fullmatch(name)
    return _("{start} to {end}").format(start=found[1], end=found[2]) if found else name


def statement_data(
    session: Session,
    start: dt.date,
    end: dt.date,
    generated_on: dt.date | None = None,
    with_transactions: bool = True,
) -> StatementData:
    """Everything the statement for `start` to `end` (both included) prints."""
    check_range(start, end)
    generated_on = generated_on or dt.date.today()
    period = budget.period_for(session, end)
    if period is not None and period.start_date > end:
        period = None  # the only periods start after this range: nothing planned applies to it
    streams = figures.stream_figures(session, period.id, end) if period is not None else []
    plan_lines = figures.planned_vs_actual(session, period.id, end) if period is not None else []
    spare = figures.surplus(session, period.id, end) if period is not None else None
    explained = explanations.explanation_for(session, start, end)
    explained_dates = (
        (explained.start_date, explained.end_date)
        if explained is not None and (explained.start_date, explained.end_date) != (start, end)
        else None
    )
    return StatementData(
        start=start,
        end=end,
        generated_on=generated_on,
        holder=_holder_lines(session),
        period_name=shown_period_name(period.name) if period is not None else None,
        period_start=period.start_date if period is not None else None,
        streams=streams,
        summary=shown_categories(figures.period_summary(session, start, end)),
        stream_balances=stream_balances(session, start, end),
        plan_lines=plan_lines,
        surplus=spare,
        explanation=explained.text if explained is not None else "",
        explanation_dates=explained_dates,
        transactions=transaction_lines(session, start, end) if with_transactions else [],
        employment=employment_report(session, start, end, min(end, generated_on)) if has_employment(session) else None,
        opening=accounts.opening(session),
        account=accounts.identity(session),
        reconciliation=accounts.last_reconciliation(session, end),
        contribution=repayments.contribution(session, period.id, end) if period is not None else None,
    )

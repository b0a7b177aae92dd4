"""CSV exports for spreadsheets: the transactions of a date range, and the statement's summary.

The files are UTF-8 with a byte-order mark (so Excel reads "Siân" and "£" correctly), dates are ISO
(2026-11-23), and amounts are plain decimals with two places ("1234.50", no "£", no thousands separator).
The columns below are stable: new columns may be added at the end, existing ones never renamed or moved.

Transactions (`TRANSACTION_COLUMNS`), one row for each part of a payment (most payments have one part; a
split payment has one row per part, with the same `transaction_id`):
    transaction_id, part (1, 2 ...), parts (how many), date, payee, description,
    money_in, money_out (the part's amount in one of them; the other is empty),
    category, plan_line, funding_stream, outcome (empty when not linked),
    payment_method (bank_transfer, card, direct_debit, standing_order, cash, cheque, other or empty),
    receipt (held, missing, not_needed; empty for money in), reconciled (yes or no),
    through_account (yes; no for spending paid by others from a notional or third-party budget).

Summary (`SUMMARY_COLUMNS`: section, label, amount), one row per figure, in this order:
    period_start and period_end (label is the ISO date, amount empty), opening_balance,
    money_in_by_stream (one row per stream), money_in_total, money_out_by_category, money_out_by_plan_line,
    money_out_by_outcome, money_out_total, closing_balance, stream_opening / stream_money_in /
    stream_money_out / stream_closing (per stream), plan_line_planned / plan_line_spent / plan_line_left (per
    plan line), surplus_balance, surplus_threshold, surplus_amount,
    then (added later, in this order): stream_weekly / stream_yearly / stream_period_budget / stream_received /
    stream_spent / stream_committed / stream_left (per funding stream of the budget period, the same figures as
    Home, Plan and `summary --json`), spent_by_others_total and spent_by_others_by_stream (notional and
    third-party spending, never in the account), opening_balance_recorded (label: the day, when one was
    recorded), reconciled_with_bank (label: the day of the latest bank statement agreed; amount: the bank's
    balance), surplus_owed, surplus_contingency, surplus_weekly_basis (label: weekly_payment or planned).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ipb_desktop.csv_cells import SafeWriter
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.store import Store
from ipb_desktop.money import format_plain
from ipb_desktop.statements.data import StatementData, TransactionLine, statement_data, transaction_lines

TRANSACTION_COLUMNS = (
    "transaction_id",
    "part",
    "parts",
    "date",
    "payee",
    "description",
    "money_in",
    "money_out",
    "category",
    "plan_line",
    "funding_stream",
    "outcome",
    "payment_method",
    "receipt",
    "reconciled",
    "through_account",
)
SUMMARY_COLUMNS = ("section", "label", "amount")


def transaction_rows(lines: Iterable[TransactionLine]) -> Iterator[list[str]]:
    for txn in lines:
        is_in = txn.direction == Direction.IN
        parts = txn.parts or ()
        count = max(1, len(parts))
        for number in range(count):
            part = parts[number] if parts else None
            amount = format_plain(part.amount_pence if part is not None else txn.amount_pence)
            yield [
                str(txn.txn_id),
                str(number + 1),
                str(count),
                txn.day.isoformat(),
                txn.payee,
                txn.description,
                amount if is_in else "",
                "" if is_in else amount,
                part.category if part else "",
                part.plan_line if part else "",
                part.stream if part else "",
                part.outcome if part else "",
                txn.payment_method or "",
                txn.receipt.value,
                "yes" if txn.reconciled else "no",
                "yes" if txn.through_account else "no",
            ]


def summary_rows(data: StatementData) -> Iterator[list[str]]:
    s = data.summary
    yield ["period_start", s.start.isoformat(), ""]
    yield ["period_end", s.end.isoformat(), ""]
    yield ["opening_balance", "", format_plain(s.opening_pence)]
    for t in s.in_by_stream:
        yield ["money_in_by_stream", t.label, format_plain(t.pence)]
    yield ["money_in_total", "", format_plain(s.money_in_pence)]
    for section, totals in (
        ("money_out_by_category", s.out_by_category),
        ("money_out_by_plan_line", s.out_by_plan_line),
        ("money_out_by_outcome", s.out_by_outcome),
    ):
        for t in totals:
            yield [section, t.label, format_plain(t.pence)]
    yield ["money_out_total", "", format_plain(s.money_out_pence)]
    yield ["closing_balance", "", format_plain(s.closing_pence)]
    for b in data.stream_balances:
        yield ["stream_opening", b.label, format_plain(b.opening_pence)]
        yield ["stream_money_in", b.label, format_plain(b.money_in_pence)]
        yield ["stream_money_out", b.label, format_plain(b.money_out_pence)]
        yield ["stream_closing", b.label, format_plain(b.closing_pence)]
    for line in data.plan_lines:
        yield ["plan_line_planned", line.description, format_plain(line.planned_pence)]
        yield ["plan_line_spent", line.description, format_plain(line.spent_pence)]
        yield ["plan_line_left", line.description, format_plain(line.left_pence)]
    if data.surplus is not None:
        yield ["surplus_balance", "", format_plain(data.surplus.balance_pence)]
        yield ["surplus_threshold", str(data.surplus.threshold_weeks), format_plain(data.surplus.threshold_pence)]
        yield ["surplus_amount", "", format_plain(data.surplus.surplus_pence)]
    yield from _later_rows(data)


def _later_rows(data: StatementData) -> Iterator[list[str]]:
    for stream in data.streams:
        for name, pence in (
            ("stream_weekly", stream.weekly_pence),
            ("stream_yearly", stream.yearly_pence),
            ("stream_period_budget", stream.period_budget_pence),
            ("stream_received", stream.received_pence),
            ("stream_spent", stream.spent_pence),
            ("stream_committed", stream.committed_pence),
            ("stream_left", stream.left_pence),
        ):
            yield [name, stream.funder_name, format_plain(pence)]
    yield ["spent_by_others_total", "", format_plain(data.summary.outside_out_pence)]
    for t in data.summary.outside_by_stream or []:
        yield ["spent_by_others_by_stream", t.label, format_plain(t.pence)]
    if data.opening is not None:
        yield ["opening_balance_recorded", data.opening.on_date.isoformat(), format_plain(data.opening.balance_pence)]
    if data.reconciliation is not None:
        rec = data.reconciliation
        yield ["reconciled_with_bank", rec.on_date.isoformat(), format_plain(rec.bank_pence)]
    if data.surplus is not None:
        yield ["surplus_owed", "", format_plain(data.surplus.owed_pence)]
        yield ["surplus_contingency", "", format_plain(data.surplus.contingency_pence)]
        yield ["surplus_weekly_basis", data.surplus.basis, format_plain(data.surplus.weekly_pence)]


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[list[str]]) -> None:
    """Write a UTF-8 (with BOM) CSV, every cell spreadsheet-safe; a half-written file never replaces a good one,
    and none is left behind when writing fails (it would hold payees in plain text)."""
    part = path.with_name(path.name + ".part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = SafeWriter(handle)
            writer.writerow(list(columns))
            writer.writerows(rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def export_transactions(store: Store, path: Path, start: dt.date, end: dt.date) -> int:
    """Every transaction from `start` to `end` (both included); returns how many payments were written."""
    with store.reading() as session:
        lines = transaction_lines(session, start, end)
    write_csv(path, TRANSACTION_COLUMNS, transaction_rows(lines))
    return len(lines)


def export_summary(store: Store, path: Path, start: dt.date, end: dt.date, today: dt.date | None = None) -> None:
    with store.reading() as session:
        data = statement_data(session, start, end, generated_on=today, with_transactions=False)
    write_csv(path, SUMMARY_COLUMNS, summary_rows(data))

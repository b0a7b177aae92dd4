"""The statement's lists of payments: every payment through the account month by month (a payment a planner
recorded says so under its payee), and the missing receipts (in full in the statement, as one short line in the
review pack)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from ipb_desktop import vocabulary as labels
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.enums import Direction
from ipb_desktop.statements.data import StatementData, TransactionLine
from ipb_desktop.statements.layout import GAP_AFTER_MONEY, LaterTable, PagedTable, Styles, escape, para
from ipb_desktop.statements.pdf_text import Wrapper, date_short, money, month_text, receipt_text


def _what_for(txn: TransactionLine, wrap: Wrapper, width: float) -> str:
    lines: list[str] = []
    many = len(txn.parts) > 1
    for part in txn.parts:
        bits = [b for b in (part.category, part.plan_line) if b]
        text = " \u00b7 ".join(bits) or _("Not linked")
        if many:
            text = _("{amount}: {what}").format(amount=money(part.amount_pence), what=text)
        lines.append(wrap(text, width))
        if part.outcome and not many:
            lines.append(wrap(_("Outcome: {outcome}").format(outcome=part.outcome), width, limit=70))
    if not txn.parts:
        lines.append(_("Not linked"))
    return "\n".join(lines)


class _TransactionColumns:
    """The columns of the list of payments. Normal print has seven; large print folds payee, description and
    what it was for into one column, and the receipt and bank check into another, so the bigger text fits."""

    def __init__(self, st: Styles) -> None:
        self.large = st.look.large
        self.wrap = Wrapper(st.look.table)
        self.what_for: dict[tuple[Any, ...], str] = {}
        self.yes_no = (_("Yes"), _("No"))
        if self.large:
            heads = [_("Date"), _("Payment"), _("Money in"), _("Money out"), _("Receipt and bank check")]
            sizes: tuple[int, ...] = (31, 53, 31, 31, 34)  # 14 pt dates and amounts need 31 mm
            self.money_columns: tuple[int, ...] = (2, 3)
        else:
            heads = [
                _("Date"),
                _("Paid to or from"),
                _("What it was for"),
                _("Money in"),
                _("Money out"),
                _("Receipt"),
                _("Bank checked"),
            ]
            sizes = (21, 36, 42, 21, 21, 21, 18)  # "Receipt" needs room in Welsh too ("Derbynneb")
            self.money_columns = (3, 4)
        self.widths = [w * mm for w in sizes]  # they add up to the frame's 180 mm
        self.text_w = [w - 6 for w in self.widths]  # less the cell padding
        after = self.money_columns[-1] + 1
        self.text_w[after] = self.widths[after] - 3 - GAP_AFTER_MONEY
        self.header = [
            para(h, st.cell_right_bold if i in self.money_columns else st.cell_bold) for i, h in enumerate(heads)
        ]

    def _what_for(self, txn: TransactionLine, width: float) -> str:
        """`_what_for`, remembered: most payments are for one of a few plan lines, whatever their amount."""
        parts = txn.parts
        key = (width, (parts[0].category, parts[0].plan_line, parts[0].outcome) if len(parts) == 1 else parts)
        found = self.what_for.get(key)
        if found is None:
            if len(self.what_for) >= 4096:
                self.what_for.clear()
            found = self.what_for[key] = _what_for(txn, self.wrap, width)
        return found

    def _who(self, txn: TransactionLine, width: float) -> str:
        who = self.wrap(txn.payee, width) if txn.payee else ""
        if txn.description:
            who = (who + "\n" if who else "") + self.wrap(txn.description, width, limit=120)
        if txn.recorded_by.startswith("planner:") and not txn.imported:  # the person's own and imports need no note
            logged = _("Recorded by {who}").format(who=labels.recorder(txn.recorded_by))
            who = (who + "\n" if who else "") + self.wrap(logged, width, limit=120)
        return who

    def row(self, txn: TransactionLine) -> list[Any]:
        is_in = txn.direction == Direction.IN
        amounts = [money(txn.amount_pence) if is_in else "", "" if is_in else money(txn.amount_pence)]
        checked = self.yes_no[0] if txn.reconciled else self.yes_no[1]
        day = date_short(txn.day)
        if self.large:
            payment = self._who(txn, self.text_w[1]) + "\n" + self._what_for(txn, self.text_w[1])
            receipt = receipt_text(txn.receipt)
            checks = "\n".join(
                line
                for line in (
                    self.wrap(_("Receipt: {state}").format(state=receipt), self.text_w[4]) if receipt else "",
                    self.wrap(_("Bank checked: {answer}").format(answer=checked), self.text_w[4]),
                )
                if line
            )
            return [day, payment, *amounts, checks]
        return [
            day,
            self._who(txn, self.text_w[1]),
            self._what_for(txn, self.text_w[2]),
            *amounts,
            self.wrap(receipt_text(txn.receipt), self.text_w[5]),
            checked,
        ]

    def total(self, label: str, money_in: int, money_out: int) -> list[Any]:
        cells: list[Any] = [""] * len(self.widths)
        cells[1] = self.wrap(label, self.text_w[1])
        cells[self.money_columns[0]] = money(money_in)
        cells[self.money_columns[1]] = money(money_out)
        return cells


def _month_table(columns: _TransactionColumns, st: Styles, name: str, txns: list[TransactionLine]) -> PagedTable:
    """A month's payments with the month's total under them."""
    rows: list[list[Any]] = [columns.row(txn) for txn in txns]
    rows.append(
        columns.total(
            _("Total for {month}").format(month=name),
            sum(t.amount_pence for t in txns if t.direction == Direction.IN),
            sum(t.amount_pence for t in txns if t.direction != Direction.IN),
        )
    )
    widths = columns.widths
    return PagedTable(columns.header, rows, widths, st.look, total_row=True, right_columns=columns.money_columns)


def transactions_section(data: StatementData, st: Styles) -> list[Flowable]:
    """Every payment, a table for each month (with its own total), oldest first. Tables of a month's length
    also keep the layout fast: reportlab re-measures the rest of a table at each page break."""
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Paragraph(escape(_("Every payment through the account in these dates")), st.h1),
    ]
    listed = data.account_transactions
    if not listed:
        return [*story, para(_("There were no payments in or out in these dates."), st.body)]
    count = len(listed)
    story.append(
        para(
            ngettext(
                "{n} payment, oldest first, month by month.", "{n} payments, oldest first, month by month.", count
            ).format(n=count),
            st.note,
        )
    )
    columns = _TransactionColumns(st)
    months: dict[tuple[int, int], list[TransactionLine]] = {}
    for txn in listed:
        months.setdefault((txn.day.year, txn.day.month), []).append(txn)
    for (year, month), txns in months.items():
        name = month_text(dt.date(year, month, 1))
        made = LaterTable(partial(_month_table, columns, st, name, txns))  # its rows made when it is reached
        story += [CondPageBreak(40 * mm), Paragraph(escape(name), st.h2_free), made]
    story.append(Spacer(1, st.look.gap))
    story.append(
        para(
            _("All payments in these dates: money in {money_in}, money out {money_out}.").format(
                money_in=money(data.summary.money_in_pence), money_out=money(data.summary.money_out_pence)
            ),
            st.body,
        )
    )
    return story


def missing_receipts_section(data: StatementData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(50 * mm), Paragraph(escape(_("Missing receipts")), st.h1)]
    missing = data.missing_receipts
    if not missing:
        return [*story, para(_("Every payment out in these dates has a receipt, or does not need one."), st.body)]
    total = sum(t.amount_pence for t in missing)
    story.append(
        para(
            ngettext(
                "{n} payment out has no receipt yet ({total}).",
                "{n} payments out have no receipt yet ({total} in all).",
                len(missing),
            ).format(n=len(missing), total=money(total)),
            st.body,
        )
    )
    wrap = Wrapper(st.look.table)
    head = [_("Date"), _("Paid to"), _("What for"), _("Amount")]
    widths = [w * mm for w in ((25, 52, 71, 32) if st.look.large else (22, 55, 73, 30))]
    header = [para(h, st.cell_right_bold if i == 3 else st.cell_bold) for i, h in enumerate(head)]
    rows: list[list[Any]] = []
    for txn in missing:
        rows.append(
            [
                date_short(txn.day),
                wrap(txn.payee or txn.description, widths[1] - 6),
                wrap(txn.description if txn.payee else "", widths[2] - 6, limit=120),
                money(txn.amount_pence),
            ]
        )
    rows.append([_("Total"), "", "", money(total)])
    story.append(PagedTable(header, rows, widths, st.look, total_row=True, right_columns=(3,)))
    return story


def missing_receipts_line(data: StatementData, st: Styles) -> list[Flowable]:
    """The missing receipts as one short, kind line (the review pack): the full list is in the statement."""
    missing = data.missing_receipts
    if not missing:
        return [para(_("Every payment out in these dates has a receipt, or does not need one."), st.body)]
    total = sum(t.amount_pence for t in missing)
    return [
        para(
            ngettext(
                "Receipts: {n} payment out has no receipt yet ({total}). The statement lists it.",
                "Receipts: {n} payments out have no receipt yet ({total} in all). The statement lists them.",
                len(missing),
            ).format(n=len(missing), total=money(total)),
            st.body,
        )
    ]

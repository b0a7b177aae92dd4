"""The statement (monitoring return) as an A4 PDF: who and what the budget is, the money summary that adds up,
plan lines against the plan, any surplus with the person's own explanation, every transaction, the missing
receipts together, and a declaration to sign.

Each section is a function returning flowables, so the review pack can reuse them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.figures import Total
from ipb_desktop.i18n import _, current_locale, ngettext
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import ReceiptState, StatementData, TransactionLine, statement_data
from ipb_desktop.statements.layout import (
    FONT,
    FRAME_WIDTH,
    GAP_AFTER_MONEY,
    PagedTable,
    Styles,
    build,
    escape,
    kept,
    key_value_table,
    para,
    signature_block,
    styles,
    table,
    titled,
)
from ipb_desktop.statements.pdf_employment import employment_section

day_long = formatting.date_long


@lru_cache(maxsize=8192)
def _pounds(pounds: int, negative: bool, locale: str) -> str:
    return formatting.money(-pounds * 100 if negative else pounds * 100, locale)


def money(pence: int) -> str:
    """`formatting.money`, faster for long lists: the babel-formatted whole pounds are remembered and the pence
    written in place of their ".00" (a year's statement formats thousands of amounts)."""
    locale = current_locale()
    pounds, rest = divmod(abs(pence), 100)
    template = _pounds(pounds, pence < 0, locale)
    if template.endswith("00") and not template[-3].isdigit() and (pounds or pence >= 0):
        return f"{template[:-2]}{rest:02d}"
    return formatting.money(pence, locale)


def weeks_text(tenths: int) -> str:
    """8.5 (weeks), written the way the chosen language writes decimals."""
    return str(format_decimal(Decimal(tenths) / 10, format="#,##0.0", locale=formatting.babel_locale()))


def nhs_number_text(digits: str) -> str:
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else digits


def range_text(start: dt.date, end: dt.date) -> str:
    return _("{start} to {end}").format(start=day_long(start), end=day_long(end))


def holder_name(data: StatementData) -> str:
    return data.holder.name if data.holder is not None else _("Name not recorded")


# -- header --------------------------------------------------------------------------------------------------


def about_section(data: StatementData, st: Styles) -> list[Flowable]:
    rows: list[tuple[str, str]] = [(_("Name"), holder_name(data))]
    if data.holder is not None:
        if data.holder.nhs_number:
            rows.append((_("NHS number"), nhs_number_text(data.holder.nhs_number)))
        if data.holder.council_reference:
            rows.append((_("Council reference"), data.holder.council_reference))
        if data.holder.care_coordinator:
            rows.append((_("Care coordinator"), data.holder.care_coordinator))
        if data.holder.peer_support_planner:
            rows.append((_("Peer support planner"), data.holder.peer_support_planner))
    rows.append((_("This statement covers"), range_text(data.start, data.end)))
    if data.period_name is not None:
        rows.append((_("Budget period"), data.period_name))
    held = sorted({labels.held_as(s.held_as) for s in data.streams})
    if held:
        rows.append((_("How the budget is held"), ", ".join(held)))
    return [key_value_table(rows, st)]


def streams_section(data: StatementData, st: Styles) -> list[Flowable]:
    heading = Paragraph(escape(_("Where the money comes from")), st.h1_free)
    if not data.streams:
        return [KeepTogether([heading, para(_("No funding streams are set up for these dates."), st.body)])]
    head = [_("Funder"), _("Kind"), _("How it is paid"), _("Each week"), _("Each year")]
    rows: list[list[Any]] = [[para(h, st.cell_right_bold if i > 2 else st.cell_bold) for i, h in enumerate(head)]]
    for s in data.streams:
        paid = _("{amount} {schedule}").format(amount=money(s.amount_pence), schedule=labels.schedule(s.schedule))
        rows.append(
            [
                para(s.funder_name, st.cell),
                para(labels.funder_kind(s.funder_kind), st.cell),
                para(paid, st.cell),
                money(s.weekly_pence),
                money(s.yearly_pence),
            ]
        )
    rows.append(
        [
            _("Total"),
            "",
            "",
            money(sum(s.weekly_pence for s in data.streams)),
            money(sum(s.yearly_pence for s in data.streams)),
        ]
    )
    widths = [w * mm for w in ((42, 32, 36, 35, 35) if st.look.large else (52, 38, 40, 25, 25))]
    story = titled(heading, table(rows, widths, st.look, total_row=True, money_from=3))
    own = data.own_contribution_weekly_pence
    story.append(Spacer(1, st.look.gap))
    story.append(
        para(
            _("My own contribution: {amount} a week.").format(amount=money(own))
            if own
            else _("My own contribution: none recorded."),
            st.body,
        )
    )
    return story


def label_and_four_amounts(st: Styles) -> list[float]:
    """Widths for a table of a label and four amounts (wider amounts in large print)."""
    return [w * mm for w in ((56, 31, 31, 31, 31) if st.look.large else (68, 28, 28, 28, 28))]


def merged(totals: list[Total]) -> list[tuple[str, int]]:
    """Totals added up by label: this year's and last year's "Personal assistant" plan lines (or a council's
    streams in two budget periods) show as one line, as a reader would expect."""
    by_label: dict[str, int] = {}
    for total in totals:
        by_label[total.label] = by_label.get(total.label, 0) + total.pence
    return list(by_label.items())


# -- money summary -------------------------------------------------------------------------------------------


def summary_section(data: StatementData, st: Styles, heading: bool = True) -> list[Flowable]:
    s = data.summary
    before_start = s.start - dt.timedelta(days=1)
    rows: list[list[Any]] = [[para(range_text(s.start, s.end), st.cell_bold), para(_("Amount"), st.cell_right_bold)]]
    rows.append(
        [
            para(_("Opening balance (end of {date})").format(date=day_long(before_start)), st.cell_bold),
            money(s.opening_pence),
        ]
    )
    rows.append([para(_("Money in"), st.cell_bold), money(s.money_in_pence)])
    for label, pence in merged(s.in_by_stream):
        rows.append([para(_("from {name}").format(name=label), st.cell_indent), money(pence)])
    rows.append([para(_("Money out"), st.cell_bold), money(s.money_out_pence)])
    rows.append(
        [para(_("Closing balance (end of {date})").format(date=day_long(s.end)), st.cell_bold), money(s.closing_pence)]
    )
    summary = table(rows, [FRAME_WIDTH - 40 * mm, 40 * mm], st.look, total_row=True, money_from=1)
    story: list[Flowable] = [
        *(titled(Paragraph(escape(_("Money summary")), st.h1_free), summary) if heading else [kept(summary)]),
        Spacer(1, st.look.gap * 0.5),
        para(
            _(
                "Opening balance {opening} + money in {money_in} - money out {money_out} = closing balance {closing}."
            ).format(
                opening=money(s.opening_pence),
                money_in=money(s.money_in_pence),
                money_out=money(s.money_out_pence),
                closing=money(s.closing_pence),
            ),
            st.note,
        ),
    ]
    if data.stream_balances:
        head = [_("Funding stream"), _("Opening"), _("Money in"), _("Money out"), _("Closing")]
        brows: list[list[Any]] = [[para(h, st.cell_right_bold if i else st.cell_bold) for i, h in enumerate(head)]]
        for b in data.stream_balances:
            brows.append(
                [
                    para(b.label, st.cell),
                    money(b.opening_pence),
                    money(b.money_in_pence),
                    money(b.money_out_pence),
                    money(b.closing_pence),
                ]
            )
        brows.append(
            [
                _("Total"),
                money(s.opening_pence),
                money(s.money_in_pence),
                money(s.money_out_pence),
                money(s.closing_pence),
            ]
        )
        made = table(brows, label_and_four_amounts(st), st.look, total_row=True, money_from=1)
        story += titled(Paragraph(escape(_("Balance by funding stream")), st.h2_free), made)
    return story


def totals_table(
    heading: str, title: str, totals: list[tuple[str, int]], grand: int, st: Styles, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """A heading and a table of labels with amounts, and their total."""
    rows: list[list[Any]] = [[para(title, st.cell_bold), para(_("Amount"), st.cell_right_bold)]]
    rows += [[para(label, st.cell), money(pence)] for label, pence in totals]
    rows.append([_("Total"), money(grand)])
    made = table(rows, [FRAME_WIDTH - 40 * mm, 40 * mm], st.look, total_row=True, money_from=1)
    return titled(Paragraph(escape(heading), st.h2_free), made, lead)


def spending_section(data: StatementData, st: Styles, by_outcome: bool = False) -> list[Flowable]:
    s = data.summary
    heading = Paragraph(escape(_("Where the money went")), st.h1_free)
    if not s.money_out_pence:
        return [KeepTogether([heading, para(_("No money went out in these dates."), st.body)])]
    out = s.money_out_pence
    story = totals_table(_("By category"), _("Category"), merged(s.out_by_category), out, st, lead=[heading])
    story += totals_table(_("By plan line"), _("Plan line"), merged(s.out_by_plan_line), out, st)
    if by_outcome:
        story += totals_table(_("By outcome"), _("Outcome"), merged(s.out_by_outcome), out, st)
    return story


def plan_section(data: StatementData, st: Styles) -> list[Flowable]:
    heading = Paragraph(escape(_("My plan: planned and spent")), st.h1_free)
    if data.period_start is None or not data.plan_lines:
        return [KeepTogether([heading, para(_("There is no plan set up for these dates to compare with."), st.body)])]
    note = para(
        _(
            "From the start of the budget period ({start}) to {end}. 'Expected by now' is the planned amount "
            "shared evenly over the period."
        ).format(start=day_long(data.period_start), end=day_long(data.end)),
        st.note,
    )
    head = [_("Plan line"), _("Planned for the period"), _("Expected by now"), _("Spent"), _("Left")]
    rows: list[list[Any]] = [[para(h, st.cell_bold if i == 0 else st.cell_right_bold) for i, h in enumerate(head)]]
    for line in data.plan_lines:
        name = line.description
        if line.ahead_of_plan:
            name = _("{name} (spending is ahead of plan)").format(name=name)
        rows.append(
            [
                para(name, st.cell),
                money(line.planned_pence),
                money(line.expected_to_date_pence),
                money(line.spent_pence),
                money(line.left_pence),
            ]
        )
    rows.append(
        [
            _("Total"),
            money(sum(x.planned_pence for x in data.plan_lines)),
            money(sum(x.expected_to_date_pence for x in data.plan_lines)),
            money(sum(x.spent_pence for x in data.plan_lines)),
            money(sum(x.left_pence for x in data.plan_lines)),
        ]
    )
    return titled(note, table(rows, label_and_four_amounts(st), st.look, total_row=True, money_from=1), [heading])


def surplus_section(data: StatementData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(escape(_("Surplus or shortfall")), st.h1_free)]
    sp = data.surplus
    if sp is None:
        story.append(para(_("There is no plan for these dates, so no surplus can be worked out."), st.body))
    elif sp.balance_pence < 0:
        story.append(
            para(
                _("On {date} the account was overdrawn by {amount}.").format(
                    date=day_long(data.end), amount=money(-sp.balance_pence)
                ),
                st.body,
            )
        )
    else:
        story.append(
            para(
                _(
                    "On {date} the account held {balance}. Planned spending is {weekly} a week, so this covers "
                    "{weeks} weeks. The agreed amount to keep is {limit} weeks ({threshold})."
                ).format(
                    date=day_long(data.end),
                    balance=money(sp.balance_pence),
                    weekly=money(sp.weekly_planned_pence),
                    weeks=weeks_text(sp.weeks_held_tenths),
                    limit=sp.threshold_weeks,
                    threshold=money(sp.threshold_pence),
                ),
                st.body,
            )
        )
        story.append(
            para(
                _("Surplus above that amount: {amount}.").format(amount=money(sp.surplus_pence))
                if sp.surplus_pence
                else _("There is no surplus above that amount."),
                st.body,
            )
        )
    story = [KeepTogether(story)]  # the heading and its figures stay on one page
    words: list[Flowable] = [Paragraph(escape(_("In my own words")), st.h2_free)]
    if data.explanation:
        if data.explanation_dates is not None:
            written_for = range_text(*data.explanation_dates)
            words.append(para(_("Written for {dates}:").format(dates=written_for), st.note))
        words.append(para(data.explanation, st.own_words))
    else:
        words.append(para(_("No explanation was written for these dates."), st.body))
    story.append(KeepTogether(words))
    return story


# -- transactions --------------------------------------------------------------------------------------------


class _Wrapper:
    """Wraps plain cell text to a column width. Plain strings with line breaks lay out far faster than
    Paragraphs, which matters for a year of several thousand payments."""

    def __init__(self, size: float) -> None:
        self.size = size
        self._seen: dict[tuple[str, float, int], str] = {}

    def __call__(self, text: str, width: float, limit: int = 0) -> str:
        key = (text, width, limit)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._wrap(text, width, limit)
        return found

    def _wrap(self, text: str, width: float, limit: int) -> str:
        if limit and len(text) > limit:
            text = text[: limit - 1].rstrip() + "\u2026"
        if stringWidth(text, FONT, self.size) <= width:
            return text
        return "\n".join(simpleSplit(text, FONT, self.size, width))


def receipt_text(state: ReceiptState) -> str:
    if state == ReceiptState.HELD:
        return _("Held")
    if state == ReceiptState.MISSING:
        return _("MISSING")
    if state == ReceiptState.NOT_NEEDED:
        return _("Not needed")
    return ""


def _what_for(txn: TransactionLine, wrap: _Wrapper, width: float) -> str:
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


def month_text(day: dt.date) -> str:
    """November 2026, in the chosen language."""
    return str(format_date(day, format="LLLL y", locale=formatting.babel_locale()))


class _TransactionColumns:
    """The columns of the list of payments. Normal print has seven; large print folds payee, description and
    what it was for into one column, and the receipt and bank check into another, so the bigger text fits."""

    def __init__(self, st: Styles) -> None:
        self.large = st.look.large
        self.wrap = _Wrapper(st.look.table)
        self.yes_no = (_("Yes"), _("No"))
        if self.large:
            heads = [_("Date"), _("Payment"), _("Money in"), _("Money out"), _("Receipt and bank check")]
            sizes: tuple[int, ...] = (27, 68, 26, 26, 33)
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
            sizes = (18, 38, 46, 19, 19, 23, 17)  # "Receipt" needs room in Welsh too ("Derbynneb")
            self.money_columns = (3, 4)
        self.widths = [w * mm for w in sizes]  # they add up to the frame's 180 mm
        self.text_w = [w - 6 for w in self.widths]  # less the cell padding
        after = self.money_columns[-1] + 1
        self.text_w[after] = self.widths[after] - 3 - GAP_AFTER_MONEY
        self.header = [
            para(h, st.cell_right_bold if i in self.money_columns else st.cell_bold) for i, h in enumerate(heads)
        ]

    def _who(self, txn: TransactionLine, width: float) -> str:
        who = self.wrap(txn.payee, width) if txn.payee else ""
        if txn.description:
            who = (who + "\n" if who else "") + self.wrap(txn.description, width, limit=120)
        return who

    def row(self, txn: TransactionLine) -> list[Any]:
        is_in = txn.direction == Direction.IN
        amounts = [money(txn.amount_pence) if is_in else "", "" if is_in else money(txn.amount_pence)]
        checked = self.yes_no[0] if txn.reconciled else self.yes_no[1]
        day = formatting.date_short(txn.day)
        if self.large:
            payment = self._who(txn, self.text_w[1]) + "\n" + _what_for(txn, self.wrap, self.text_w[1])
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
            _what_for(txn, self.wrap, self.text_w[2]),
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


def transactions_section(data: StatementData, st: Styles) -> list[Flowable]:
    """Every payment, a table for each month (with its own total), oldest first. Tables of a month's length
    also keep the layout fast: reportlab re-measures the rest of a table at each page break."""
    story: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(escape(_("Every payment in these dates")), st.h1)]
    if not data.transactions:
        return [*story, para(_("There were no payments in or out in these dates."), st.body)]
    count = len(data.transactions)
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
    for txn in data.transactions:
        months.setdefault((txn.day.year, txn.day.month), []).append(txn)
    for (year, month), txns in months.items():
        name = month_text(dt.date(year, month, 1))
        rows: list[list[Any]] = [columns.row(txn) for txn in txns]
        rows.append(
            columns.total(
                _("Total for {month}").format(month=name),
                sum(t.amount_pence for t in txns if t.direction == Direction.IN),
                sum(t.amount_pence for t in txns if t.direction != Direction.IN),
            )
        )
        made = PagedTable(
            columns.header, rows, columns.widths, st.look, total_row=True, right_columns=columns.money_columns
        )
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
    wrap = _Wrapper(st.look.table)
    head = [_("Date"), _("Paid to"), _("What for"), _("Amount")]
    widths = [w * mm for w in ((25, 52, 71, 32) if st.look.large else (22, 55, 73, 30))]
    header = [para(h, st.cell_right_bold if i == 3 else st.cell_bold) for i, h in enumerate(head)]
    rows: list[list[Any]] = []
    for txn in missing:
        rows.append(
            [
                formatting.date_short(txn.day),
                wrap(txn.payee or txn.description, widths[1] - 6),
                wrap(txn.description if txn.payee else "", widths[2] - 6, limit=120),
                money(txn.amount_pence),
            ]
        )
    rows.append([_("Total"), "", "", money(total)])
    story.append(PagedTable(header, rows, widths, st.look, total_row=True, right_columns=(3,)))
    return story


def declaration_section(data: StatementData, st: Styles) -> list[Flowable]:
    return [
        CondPageBreak(75 * mm),
        Paragraph(escape(_("Declaration")), st.h1),
        para(
            _(
                "I confirm that this statement is true and complete to the best of my knowledge, and that the money "
                "was spent on the support agreed in my care and support plan."
            ),
            st.body,
        ),
        Spacer(1, st.look.gap),
        signature_block(st, [(_("Name"), holder_name(data)), (_("Signature"), ""), (_("Date"), "")]),
        para(_("If someone signs for me, they write their name and how they know me:"), st.note),
        signature_block(st, [(_("Name and relationship"), ""), (_("Signature"), ""), (_("Date"), "")]),
    ]


def statement_story(data: StatementData, st: Styles, include_transactions: bool = True) -> list[Flowable]:
    """The statement's sections, in order, after its title."""
    story: list[Flowable] = []
    story += about_section(data, st)
    story += streams_section(data, st)
    story += summary_section(data, st)
    story += spending_section(data, st)
    story += plan_section(data, st)
    story += surplus_section(data, st)
    story += employment_section(data.employment, st)
    if include_transactions:
        story += transactions_section(data, st)
    story += missing_receipts_section(data, st)
    return story


def footer_text(kind: str, data: StatementData) -> str:
    return _("{kind} for {name}, {dates}").format(
        kind=kind, name=holder_name(data), dates=range_text(data.start, data.end)
    )


def write_statement(data: StatementData, out: Path | BinaryIO, large_print: bool = False) -> None:
    """Write the statement for `data` as an A4 PDF to `out`."""
    st = styles(large_print)
    title = _("Personal budget statement")
    story: list[Flowable] = [
        Paragraph(escape(title), st.title),
        para(_("Monitoring return for {dates}").format(dates=range_text(data.start, data.end)), st.subtitle),
    ]
    story += statement_story(data, st)
    story += declaration_section(data, st)
    build(
        out,
        story,
        title=title,
        author=holder_name(data),
        footer_left=footer_text(_("Statement"), data),
        generated_on=data.generated_on,
        large_print=large_print,
    )


def write_from_store(
    store: Store,
    out: Path | BinaryIO,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    large_print: bool = False,
) -> StatementData:
    """Gather the statement for `start` to `end` (both included) from `store` and write it to `out`."""
    with store.reading() as session:
        data = statement_data(session, start, end, generated_on=today)
    write_statement(data, out, large_print)
    return data

"""The statement (monitoring return) as an A4 PDF: who and what the budget is and which account, the money
summary that adds up and agrees with the bank, plan lines against the plan, money spent by others from budgets
they hold, any surplus with the person's own explanation, every payment, the missing receipts together, and a
declaration to sign.

Each section is a function returning flowables (in `pdf_money`, `pdf_payments`), so the review pack and the
evidence pack reuse them; this module puts them in order and writes the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from ipb_desktop.i18n import _
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import StatementData, statement_data
from ipb_desktop.statements.layout import Styles, build, escape, para, signature_block, styles
from ipb_desktop.statements.pdf_employment import employment_section
from ipb_desktop.statements.pdf_money import (
    about_section,
    outside_section,
    plan_section,
    spending_section,
    streams_section,
    summary_section,
    surplus_section,
    totals_table,
)
from ipb_desktop.statements.pdf_payments import missing_receipts_section, transactions_section
from ipb_desktop.statements.pdf_text import day_long, holder_name, merged, money, range_text, receipt_text

__all__ = [
    "about_section",
    "day_long",
    "declaration_section",
    "footer_text",
    "holder_name",
    "merged",
    "missing_receipts_section",
    "money",
    "outside_section",
    "plan_section",
    "range_text",
    "receipt_text",
    "spending_section",
    "statement_story",
    "streams_section",
    "summary_section",
    "surplus_section",
    "totals_table",
    "transactions_section",
    "write_from_store",
    "write_statement",
]


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
    story += outside_section(data, st)
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

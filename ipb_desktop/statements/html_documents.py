"""The accessible versions (web pages) of the statement, the review pack and the evidence pack, built from the
same gathered data as their PDFs (`statement_data`, `review_pack_data`, `evidence_data`), so every figure is the
same. The review pack's charts become tables of every rating, with who recorded each one."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import BinaryIO

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.figures import OUTCOME_SHARE_RULE
from ipb_desktop.i18n import _
from ipb_desktop.models.store import Store
from ipb_desktop.statements import html_money, html_payments
from ipb_desktop.statements.data import StatementData, statement_data
from ipb_desktop.statements.html_doc import Page, demote, key_values, own_words, para, section, signature_lines, table
from ipb_desktop.statements.pdf_evidence import EvidenceData, evidence_data
from ipb_desktop.statements.pdf_text import (
    copies_held_text,
    day_long,
    holder_name,
    merged,
    money,
    outcome_facts,
    range_text,
)
from ipb_desktop.statements.review_answers import QUESTION_LABELS, written_with
from ipb_desktop.statements.review_data import OutcomeReview, ReviewPackData, review_pack_data

HTML_SUFFIXES = (".html", ".htm")


def is_html(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


def _made_on(page: Page, data: StatementData) -> None:
    para(
        page.main,
        _("Made on {date} from my own records. This page has the same figures as the PDF.").format(
            date=day_long(data.generated_on)
        ),
        "note",
    )


def statement_sections(parent: ET.Element, data: StatementData, include_transactions: bool = True) -> None:
    """The statement's sections in the PDF's order."""
    html_money.about_section(parent, data)
    html_money.streams_section(parent, data)
    html_money.summary_section(parent, data)
    html_money.spending_section(parent, data)
    html_money.outside_section(parent, data)
    html_money.plan_section(parent, data)
    html_money.surplus_section(parent, data)
    html_payments.employment_section(parent, data.employment)
    if include_transactions:
        html_payments.transactions_section(parent, data)
    html_payments.missing_receipts_section(parent, data)


def declaration(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("Declaration"))
    para(
        part,
        _(
            "I confirm that this statement is true and complete to the best of my knowledge, and that the money "
            "was spent on the support agreed in my care and support plan."
        ),
    )
    signature_lines(part, _("Declaration"), [(_("Name"), holder_name(data)), (_("Signature"), ""), (_("Date"), "")])
    para(part, _("If someone signs for me, they write their name and how they know me:"), "note")
    signature_lines(
        part,
        _("If someone signs for me, they write their name and how they know me:"),
        [(_("Name and relationship"), ""), (_("Signature"), ""), (_("Date"), "")],
    )


def statement_page(data: StatementData) -> Page:
    page = Page(_("Personal budget statement"))
    para(page.main, _("Monitoring return for {dates}").format(dates=range_text(data.start, data.end)))
    _made_on(page, data)
    statement_sections(page.main, data)
    declaration(page.main, data)
    return page


# -- review pack -------------------------------------------------------------------------------------------------


def _outcome(parent: ET.Element, number: int, outcome: OutcomeReview, data: ReviewPackData) -> None:
    part = section(parent, _("Outcome {number}: {words}").format(number=number, words=outcome.what_matters), 3)
    facts = outcome_facts(outcome, data)
    key_values(part, outcome.what_matters, facts)
    if not outcome.ratings:
        para(part, _("No ratings have been recorded for this outcome yet."))
        return
    rows = []
    for r in outcome.ratings:
        scale = labels.rating_scale(r.scale)
        if r.instrument:
            scale = _("{scale}: {instrument}").format(scale=scale, instrument=r.instrument)
        rows.append([day_long(r.day), str(r.score), scale, labels.recorder(r.recorded_by), r.note or ""])
    table(
        part,
        _("Ratings for outcome {number}, oldest first").format(number=number),
        [_("Date"), _("Score"), _("Scale"), _("Recorded by"), _("Note")],
        rows,
        money_from=(1,),
    )


def review_pack_page(data: ReviewPackData, include_transactions: bool = True) -> Page:
    s = data.statement
    page = Page(_("My review pack"))
    main = page.main
    para(main, holder_name(s))
    if data.review_date is not None and data.review_date >= s.generated_on:
        para(main, _("For my review on {date}").format(date=day_long(data.review_date)))
    para(main, _("This pack covers {dates}.").format(dates=range_text(s.start, s.end)))
    _made_on(page, s)
    html_money.about_section(main, s)

    outcomes = section(main, _("Part A. My outcomes"))
    if not data.outcomes:
        para(outcomes, _("No outcomes have been written down yet."))
    else:
        para(outcomes, _("Each outcome is in my own words, with every rating and who recorded it."), "note")
    for number, outcome in enumerate(data.outcomes, start=1):
        _outcome(outcomes, number, outcome, data)

    answers = section(main, _("Part B. Looking back and looking ahead"))
    for question, label in QUESTION_LABELS.items():
        block = section(answers, _(label), 3)
        answer = data.answers.get(question, "")
        if answer:
            who = written_with(data.answer_authors.get(question, "holder"))
            if who:
                para(block, who, "note")
            own_words(block, answer)
        else:
            para(block, _("Not written yet."), "note")

    spending = section(main, _("Part C. Spending summary"))
    html_money.summary_section(spending, s, heading=False)
    html_money.totals_table(
        spending,
        _("Spending towards each outcome"),
        _("Outcome"),
        merged(data.spent_by_outcome),
        sum(t.pence for t in data.spent_by_outcome),
    )
    para(spending, _(OUTCOME_SHARE_RULE), "note")

    statement = section(main, _("Part D. Statement for these dates"))
    para(statement, _("Monitoring return for {dates}").format(dates=range_text(s.start, s.end)))
    html_money.streams_section(statement, s)
    html_money.spending_section(statement, s)
    html_money.outside_section(statement, s)
    html_money.plan_section(statement, s)
    html_money.surplus_section(statement, s)
    html_payments.employment_section(statement, s.employment)
    if include_transactions:
        html_payments.transactions_section(statement, s)
    html_payments.missing_receipts_line(statement, s)
    demote(statement)

    review = section(main, _("Part E. Notes from the review"))
    para(review, _("For the reviewer to write on during the meeting."), "note")
    signature_lines(review, _("Me"), [(_("Name"), holder_name(s)), (_("Signature"), ""), (_("Date"), "")])
    signature_lines(review, _("Reviewer"), [(_("Name"), ""), (_("Role"), ""), (_("Signature"), ""), (_("Date"), "")])
    coordinator = s.holder.care_coordinator if s.holder is not None else None
    signature_lines(
        review,
        _("Care coordinator or other person at the review"),
        [(_("Name"), coordinator or ""), (_("Signature"), ""), (_("Date"), "")],
    )
    return page


# -- evidence pack -----------------------------------------------------------------------------------------------


def evidence_pack_page(data: EvidenceData) -> Page:
    """The statement, then a list of the receipts and bank statements the PDF evidence pack prints (their
    pictures are in the PDF and in the app; this page names each one)."""
    s = data.statement
    page = Page(_("Evidence pack"))
    para(
        page.main,
        _("Statement, receipts and bank statements for {dates}").format(dates=range_text(s.start, s.end)),
    )
    _made_on(page, s)
    statement_sections(page.main, s)
    declaration(page.main, s)
    receipts = section(page.main, _("Receipts and invoices"))
    para(receipts, copies_held_text(len(data.receipts)))
    para(receipts, _("Copies of them are printed in the PDF evidence pack."), "note")
    if data.receipts:
        rows = [
            [str(r.txn_id), formatting.date_short(r.day), r.payee or _("no payee"), money(r.amount_pence), r.filename]
            for r in data.receipts
        ]
        head = [_("Payment"), _("Date"), _("Paid to"), _("Amount"), _("File")]
        table(receipts, _("Receipts and invoices"), head, rows, money_from=(3,))
    bank = section(page.main, _("Bank statements"))
    if not data.bank_statements:
        para(bank, _("No bank statement files are kept for these dates."))
    else:
        rows = [
            [
                kept.filename,
                range_text(kept.first_date, kept.last_date)
                if kept.first_date is not None and kept.last_date is not None
                else _("dates not known"),
            ]
            for kept in data.bank_statements
        ]
        table(bank, _("Bank statements"), [_("File"), _("Dates")], rows, money_from=())
    return page


# -- from a store ------------------------------------------------------------------------------------------------


def write_statement_from_store(
    store: Store, out: Path | BinaryIO, start: dt.date, end: dt.date, today: dt.date | None = None
) -> StatementData:
    with store.reading() as session:
        data = statement_data(session, start, end, generated_on=today)
    statement_page(data).write(out)
    return data


def write_review_pack_from_store(
    store: Store,
    out: Path | BinaryIO,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    include_transactions: bool = True,
) -> ReviewPackData:
    with store.reading() as session:
        data = review_pack_data(session, start, end, today)
    review_pack_page(data, include_transactions).write(out)
    return data


def write_evidence_pack_from_store(
    store: Store, out: Path | BinaryIO, start: dt.date, end: dt.date, today: dt.date | None = None
) -> EvidenceData:
    with store.reading() as session:
        data = evidence_data(session, start, end, today)
    evidence_pack_page(data).write(out)
    return data

"""The review pack: one printable A4 PDF for the review meeting.

A cover; "my outcomes", each in the person's own words with a chart of its ratings, the notes and the money
spent towards it; what has worked, what has not and what I want to change; the spending summary; the
statement for the review dates (with or without the full list of payments); and space for the reviewer's
notes and signatures. Large print makes every text bigger and gives it more room.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.figures import OUTCOME_SHARE_RULE
from ipb_desktop.i18n import _, current_locale
from ipb_desktop.models.enums import RatingScale
from ipb_desktop.models.store import Store
from ipb_desktop.outcomes import SCORE_RANGES
from ipb_desktop.statements.charts import RatingsChart, Series
from ipb_desktop.statements.facts_table import FactsTable
from ipb_desktop.statements.layout import (
    FONT,
    FRAME_WIDTH,
    KEEP_TOGETHER_ROWS,
    Styles,
    build,
    escape,
    para,
    ruled_space,
    signature_block,
    styles,
)
from ipb_desktop.statements.pdf_employment import employment_section
from ipb_desktop.statements.pdf_payments import missing_receipts_line
from ipb_desktop.statements.pdf_statement import (
    about_section,
    day_long,
    footer_text,
    holder_name,
    merged,
    outside_section,
    plan_section,
    range_text,
    spending_section,
    streams_section,
    summary_section,
    surplus_section,
    totals_table,
    transactions_section,
)
from ipb_desktop.statements.pdf_text import outcome_facts
from ipb_desktop.statements.ratings_table import RatingsTable
from ipb_desktop.statements.review_answers import QUESTION_LABELS, written_with
from ipb_desktop.statements.review_data import OutcomeReview, RatingPoint, ReviewPackData, review_pack_data

_CHARTED = (RatingScale.OWN_WORDS, RatingScale.GOAL_ATTAINMENT)


def _cover(data: ReviewPackData, st: Styles, include_transactions: bool) -> list[Flowable]:
    s = data.statement
    story: list[Flowable] = [
        Spacer(1, 25 * mm),
        Paragraph(escape(_("My review pack")), st.title),
        para(holder_name(s), st.subtitle),
    ]
    if data.review_date is not None and data.review_date >= s.generated_on:
        story.append(para(_("For my review on {date}").format(date=day_long(data.review_date)), st.subtitle))
    story.append(para(_("This pack covers {dates}.").format(dates=range_text(s.start, s.end)), st.body))
    story.append(Spacer(1, st.look.gap))
    story += about_section(s, st)
    story.append(Paragraph(escape(_("What is in this pack")), st.h2))
    # Parts are lettered, so they are never mistaken for outcome numbers ("Outcome 1").
    parts = [
        _("Part A. My outcomes, in my own words, with how my ratings have changed"),
        _("Part B. What has worked, what has not, and what I want to change"),
        _("Part C. Spending summary"),
        _("Part D. Statement for these dates")
        + (" " + _("(the full list of payments is left out)") if not include_transactions else ""),
        _("Part E. Notes and signatures from the review"),
    ]
    story += [para(p, st.body) for p in parts]
    story.append(Spacer(1, st.look.gap * 2))
    story.append(
        para(
            _(
                "I made this pack from my own records. The figures add up: the opening balance plus money in, less "
                "money out, is the closing balance."
            ),
            st.note,
        )
    )
    story.append(PageBreak())
    return story


def _listed_ratings(outcome: OutcomeReview, start: dt.date) -> tuple[list[RatingPoint], bool]:
    """The ratings the table lists: those in the review dates, the last one before them on each charted scale
    (where the person started from), and every rating on a scale without a chart. Also whether any were left
    out (the chart above the table still shows them all). Ratings come in date order."""
    before: dict[str, RatingPoint] = {}
    for r in outcome.ratings:
        if r.day < start and r.scale in _CHARTED:
            before[r.scale] = r
    starting = {id(r) for r in before.values()}
    listed = [r for r in outcome.ratings if r.day >= start or r.scale not in _CHARTED or id(r) in starting]
    return listed, len(listed) < len(outcome.ratings)


def _short_cell(text: str, width: float, st: Styles) -> str:
    """Short text as a plain table cell, wrapped to the column: much cheaper to lay out than a Paragraph."""
    return _wrapped(text, width - 6, st.look.table)  # less the table's left and right padding


@lru_cache(maxsize=4096)
def _wrapped(text: str, room: float, size: float) -> str:
    """`text` in lines that fit in `room` points (remembered: dates, scores and who rated repeat on every row)."""
    if stringWidth(text, FONT, size) <= room:
        return text
    return "\n".join(simpleSplit(text, FONT, size, room))


@lru_cache(maxsize=4096)
def _day_long(day: dt.date, locale: str) -> str:
    """`formatting.date_long` (23 November 2026), remembered for each day."""
    return formatting.date_long(day, locale)


def _ratings_table(ratings: list[RatingPoint], st: Styles) -> RatingsTable:
    """Each rating with who gave it and the note; the scale is a column only when more than one is used."""
    scales = {r.scale for r in ratings}
    show_scale = len(scales) > 1 or RatingScale.OWN_WORDS not in scales
    head = [_("Date"), _("Score"), *([_("Scale")] if show_scale else []), _("Recorded by"), _("Note")]
    sizes = (
        [40, 20, *([34] if show_scale else []), 38] if st.look.large else [30, 15, *([36] if show_scale else []), 32]
    )
    widths = [w * mm for w in sizes]
    widths.append(FRAME_WIDTH - sum(widths))
    rows: list[list[str | Paragraph]] = []
    locale = current_locale()
    for r in ratings:
        scale = labels.rating_scale(r.scale)
        if r.instrument:
            scale = _("{scale}: {instrument}").format(scale=scale, instrument=r.instrument)
        who = labels.recorder(r.recorded_by)
        short = [_day_long(r.day, locale), str(r.score), *([scale] if show_scale else []), who]
        rows.append(
            [
                *(_short_cell(text, width, st) for text, width in zip(short, widths[:-1], strict=True)),
                para(_short_note(r.note), st.cell) if r.note else "",
            ]
        )
    return RatingsTable([para(h, st.cell_bold) for h in head], rows, widths, st.look)


NOTE_IN_TABLE = 400  # characters of a note shown in the table; longer notes are printed in full below it


def _short_note(note: str) -> str:
    if len(note) <= NOTE_IN_TABLE:
        return note
    return note[: NOTE_IN_TABLE - 1].rstrip() + "\u2026 " + _("(the full note is below the table)")


def _long_notes(ratings: list[RatingPoint], st: Styles) -> list[Flowable]:
    """Notes too long for a table cell, in full, as paragraphs that run over pages (never a LayoutError)."""
    story: list[Flowable] = []
    for r in ratings:
        if r.note and len(r.note) > NOTE_IN_TABLE:
            who = labels.recorder(r.recorded_by)
            story.append(para(_("Note of {date} by {who}:").format(date=day_long(r.day), who=who), st.cell_bold))
            story.append(para(r.note, st.body))
    return story


def _series(outcome: OutcomeReview, scale: str) -> list[Series]:
    """One line for the person's own ratings and one for each planner's, so who rated is never in doubt."""
    by_who: dict[str, list[tuple[dt.date, int]]] = {}
    for r in outcome.ratings:
        if r.scale == scale:
            by_who.setdefault(r.recorded_by, []).append((r.day, r.score))
    ordered = sorted(by_who, key=lambda who: (who != "holder", who))
    return [
        Series(
            _("My own rating") if who == "holder" else _("Rated by {who}").format(who=labels.recorder(who)),
            tuple(by_who[who]),
        )
        for who in ordered
    ]


def _outcome(number: int, outcome: OutcomeReview, data: ReviewPackData, st: Styles) -> list[Flowable]:
    s = data.statement
    title = _("Outcome {number}: {words}").format(number=number, words=outcome.what_matters)
    facts = outcome_facts(outcome, data)
    head: list[Flowable] = [Paragraph(escape(title), st.h2), FactsTable(facts, st, 55 * mm)]
    story: list[Flowable] = []
    charts: list[Flowable] = []
    large = st.look.large
    for scale in _CHARTED:
        lines = _series(outcome, scale)
        if not lines:
            continue
        low, high = SCORE_RANGES[scale]
        charts.append(Spacer(1, st.look.gap))
        charts.append(
            RatingsChart(
                lines,
                low,
                high,
                width=FRAME_WIDTH,
                height=(80 if large else 62) * mm,
                y_title=labels.rating_scale(scale),
                x_title=_("Date of the rating"),
                font_size=st.look.table,
            )
        )
    story.append(KeepTogether([*head, *charts]))
    if outcome.ratings:
        listed, left_out = _listed_ratings(outcome, s.start)
        story.append(Spacer(1, st.look.gap))
        ratings_table = _ratings_table(listed, st)
        # A short table is kept on one page, as layout.kept keeps one.
        story.append(KeepTogether([ratings_table]) if ratings_table.row_count <= KEEP_TOGETHER_ROWS else ratings_table)
        if left_out:
            story.append(para(_("Earlier ratings are in the chart above."), st.note))
        story += _long_notes(listed, st)
    else:
        story += [Spacer(1, st.look.gap), para(_("No ratings have been recorded for this outcome yet."), st.body)]
    return story


def _outcomes_part(data: ReviewPackData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(escape(_("Part A. My outcomes")), st.h1)]
    if not data.outcomes:
        return [*story, para(_("No outcomes have been written down yet."), st.body)]
    story.append(
        para(
            _(
                "Each outcome is in my own words. The charts show ratings over time; the numbers on each point are "
                "the scores. My own ratings and a planner's have different markers, named in the key."
            ),
            st.note,
        )
    )
    for number, outcome in enumerate(data.outcomes, start=1):
        story.append(CondPageBreak(90 * mm))
        story += _outcome(number, outcome, data, st)
    return story


def _answers_part(data: ReviewPackData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        Paragraph(escape(_("Part B. Looking back and looking ahead")), st.h1_free),
    ]
    for question, label in QUESTION_LABELS.items():
        answer = data.answers.get(question, "")
        block: list[Flowable] = [Paragraph(escape(_(label)), st.h2_free)]
        if answer:
            who = written_with(data.answer_authors.get(question, "holder"))
            if who:
                block.append(para(who, st.note))
            block.append(para(answer, st.own_words))
        else:
            block += [para(_("Not written yet. There is room to write here."), st.note), ruled_space(st, 5)]
        story += [KeepTogether(block)] if len(answer) < 600 else block  # long answers run over pages
    return story


def _money_parts(data: ReviewPackData, st: Styles, include_transactions: bool) -> list[Flowable]:
    s = data.statement
    story: list[Flowable] = [PageBreak(), Paragraph(escape(_("Part C. Spending summary")), st.h1)]
    story += summary_section(s, st, heading=False)
    story += totals_table(
        _("Spending towards each outcome"),
        _("Outcome"),
        merged(data.spent_by_outcome),
        sum(t.pence for t in data.spent_by_outcome),
        st,
    )
    story.append(para(_(OUTCOME_SHARE_RULE), st.note))
    story += [PageBreak(), Paragraph(escape(_("Part D. Statement for these dates")), st.h1)]
    story.append(para(_("Monitoring return for {dates}").format(dates=range_text(s.start, s.end)), st.subtitle))
    story += streams_section(s, st)
    story += spending_section(s, st)
    story += outside_section(s, st)
    story += plan_section(s, st)
    story += surplus_section(s, st)
    story += employment_section(s.employment, st)
    if include_transactions:
        story += transactions_section(s, st)
    story += missing_receipts_line(s, st)
    return story


def _review_part(data: ReviewPackData, st: Styles) -> list[Flowable]:
    s = data.statement
    story: list[Flowable] = [PageBreak(), Paragraph(escape(_("Part E. Notes from the review")), st.h1)]
    story.append(para(_("For the reviewer to write on during the meeting."), st.note))
    story.append(Paragraph(escape(_("Reviewer's notes")), st.h2))
    story.append(ruled_space(st, 9 if st.look.large else 12))
    story.append(Paragraph(escape(_("What we agreed to change")), st.h2))
    story.append(ruled_space(st, 5 if st.look.large else 6))
    story.append(CondPageBreak(110 * mm))
    story.append(Paragraph(escape(_("Signatures")), st.h1_free))
    me = [(_("Name"), holder_name(s)), (_("Signature"), ""), (_("Date"), "")]
    story.append(signature_block(st, me, _("Me")))
    reviewer = [(_("Name"), ""), (_("Role"), ""), (_("Signature"), ""), (_("Date"), "")]
    story.append(signature_block(st, reviewer, _("Reviewer")))
    coordinator = s.holder.care_coordinator if s.holder is not None else None
    other = [(_("Name"), coordinator or ""), (_("Signature"), ""), (_("Date"), "")]
    story.append(signature_block(st, other, _("Care coordinator or other person at the review")))
    return story


def write_review_pack(
    data: ReviewPackData, out: Path | BinaryIO, large_print: bool = False, include_transactions: bool = True
) -> None:
    st = styles(large_print)
    story = _cover(data, st, include_transactions)
    story += _outcomes_part(data, st)
    story += _answers_part(data, st)
    story += _money_parts(data, st, include_transactions)
    story += _review_part(data, st)
    build(
        out,
        story,
        title=_("My review pack"),
        author=holder_name(data.statement),
        footer_left=footer_text(_("Review pack"), data.statement),
        generated_on=data.statement.generated_on,
        large_print=large_print,
    )


def write_from_store(
    store: Store,
    out: Path | BinaryIO,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    large_print: bool = False,
    include_transactions: bool = True,
) -> ReviewPackData:
    """Gather the pack from `store` (by default since the last review, up to today) and write it to `out`."""
    with store.reading() as session:
        data = review_pack_data(session, start, end, today)
    write_review_pack(data, out, large_print, include_transactions)
    return data

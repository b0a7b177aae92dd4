"""The review pack's tables of ratings and of an outcome's facts, drawn straight onto the page: they look exactly
like the ruled tables of every other document (reportlab Tables with `table_style`, `key_value_table`), run over
as many pages as they need (the ratings with their header on each), and lose no rating or note on the way."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from ipb_desktop.statements.facts_table import FactsTable
from ipb_desktop.statements.layout import FRAME_WIDTH, build, escape, key_value_table, styles, table_style
from ipb_desktop.statements.ratings_table import RatingsTable

HEADER = ("Date", "Score", "Recorded by", "Note")


def _rows(count: int, large: bool) -> tuple[list[list[object]], list[float]]:
    st = styles(large)
    widths = [w * mm for w in ([40, 20, 38] if large else [30, 15, 32])]
    widths.append(FRAME_WIDTH - sum(widths))
    rows: list[list[object]] = []
    for n in range(count):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=3 * n)
        note = Paragraph(escape(f"Rating {n}: walked to the shop " + "and back " * (n % 9)), st.cell) if n % 4 else ""
        who = "Me" if n % 3 else "Sam Example\n(planner)"
        rows.append([day.strftime("%d %B %Y"), str(n % 11), who, note])
    return rows, widths


def _pdf(story_table: object, large: bool) -> bytes:
    out = io.BytesIO()
    st = styles(large)
    build(
        out,
        [Paragraph("Ratings", st.h2), story_table],
        title="Ratings",
        author="Alys Testwood",
        footer_left="Ratings",
        generated_on=dt.date(2026, 7, 2),
        large_print=large,
    )
    return out.getvalue()


def _pages(pdf: bytes) -> list[bytes]:
    streams = [page.get_contents() for page in PdfReader(io.BytesIO(pdf)).pages]
    return [stream.get_data() for stream in streams if stream is not None]


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("count", [3, 140])
def test_the_ratings_table_looks_exactly_like_a_ruled_table(count: int, large: bool) -> None:
    st = styles(large)
    rows, widths = _rows(count, large)
    header = [Paragraph(escape(h), st.cell_bold) for h in HEADER]
    ruled = Table([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT", splitByRow=1)
    ruled.setStyle(table_style(st.look))
    before = _pages(_pdf(ruled, large))
    rows, widths = _rows(count, large)
    header = [Paragraph(escape(h), st.cell_bold) for h in HEADER]  # fresh ones: a Paragraph is laid out in place
    drawn = _pages(_pdf(RatingsTable(header, rows, widths, st.look), large))
    assert (len(before) > 1) == (count == 140)  # three ratings fit on a page, 140 run over several
    assert drawn == before  # the same drawing, page for page: rules, grey header, text, notes and page breaks


def test_a_long_table_repeats_its_header_on_every_page_and_loses_no_rating() -> None:
    st = styles(False)
    rows, widths = _rows(140, False)
    pdf = _pdf(RatingsTable([Paragraph(escape(h), st.cell_bold) for h in HEADER], rows, widths, st.look), False)
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 3
    assert all("Date Score Recorded by Note" in page for page in pages)
    text = " ".join(pages)
    for n in range(140):
        assert f"Rating {n}:" in text or n % 4 == 0
    dates = re.findall(r"\d\d [A-Z][a-z]+ 20\d\d", text)
    assert dates[:140] == [row[0] for row in rows]  # every rating once, in order, across the pages


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("lines", [4, 60])
def test_an_outcomes_facts_look_exactly_like_a_key_value_table(lines: int, large: bool) -> None:
    st = styles(large)
    facts = [("How I will know", "I go to the shop on my own")] + [
        (f"Support {n}", f"Personal assistant {n} hours a week " * (1 + n % 5)) for n in range(lines - 1)
    ]
    before = _pages(_pdf(key_value_table(facts, st, 55 * mm), large))
    drawn = _pages(_pdf(FactsTable(facts, st, 55 * mm), large))
    assert (len(before) > 1) == (lines == 60)  # a few lines fit on a page; sixty run over
    assert drawn == before  # the same grey labels, values, rules and box, page for page

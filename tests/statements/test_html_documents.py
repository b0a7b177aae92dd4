"""The accessible twin of each document (a web page): real structure, the PDF's own figures, escaped text."""

from __future__ import annotations

import datetime as dt
import itertools
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ipb_desktop import i18n, ledger, outcomes
from ipb_desktop.models.store import Store
from ipb_desktop.statements import html_documents, pdf_review_pack, pdf_statement
from ipb_desktop.statements.data import statement_data
from ipb_desktop.statements.pdf_evidence import evidence_data
from ipb_desktop.statements.pdf_text import money
from ipb_desktop.statements.review_data import review_pack_data
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_text


class Tables(HTMLParser):
    """The page's headings, and each table as its caption with rows of (tag, scope, class, text) cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.lang = ""
        self.headings: list[tuple[str, str]] = []
        self.tables: list[tuple[str, list[list[tuple[str, str, str, str]]]]] = []
        self._text: list[str] | None = None
        self._cell: tuple[str, str, str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if tag in ("h1", "h2", "h3", "h4", "caption", "td", "th"):
            self._text = []
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = (tag, found.get("scope") or "", found.get("class") or "")
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or [])
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append((tag, text))
        elif tag == "caption":
            self.tables[-1] = (text, self.tables[-1][1])
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append((*self._cell, text))
            self._cell = None
        if tag in ("h1", "h2", "h3", "h4", "caption", "td", "th"):
            self._text = None

    def table(self, caption: str) -> list[list[str]]:
        for found, rows in self.tables:
            if found == caption:
                return [[cell[3] for cell in row] for row in rows]
        raise AssertionError(f"no table {caption!r} in {[c for c, _r in self.tables]}")


def parsed(html: str) -> Tables:
    reader = Tables()
    reader.feed(html)
    return reader


def test_statement_page_has_real_structure(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    page = parsed(html_documents.statement_page(data).html())
    assert page.lang == "en-GB"
    assert [h for h in page.headings if h[0] == "h1"] == [("h1", "Personal budget statement")]
    assert ("h2", "Money through my direct payment account") in page.headings
    assert ("h3", "April 2026") in page.headings
    assert "img" not in page.tags and "script" not in page.tags
    for caption, rows in page.tables:
        assert caption, "every table has a caption"
        for row in rows:
            assert row[0][0] == "th" and row[0][1] in ("row", "col")
    summary = page.tables[[c for c, _r in page.tables].index("Money through my direct payment account")][1]
    assert [cell[1] for cell in summary[0]] == ["col", "col"]
    assert summary[-1][1][2] == "money"  # amounts are right aligned


def test_statement_figures_are_the_pdfs(filled_store: Store, tmp_path: Path) -> None:
    """The same store gives the same figures in the web page as in the PDF."""
    out = tmp_path / "statement.pdf"
    data = pdf_statement.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON)
    page = parsed(html_documents.statement_page(data).html())
    in_pdf = pdf_text(out)
    s = data.summary
    summary = page.table("Money through my direct payment account")
    assert [row[1] for row in summary[1:]] == [
        money(s.opening_pence),
        money(s.money_in_pence),
        *(money(t.pence) for t in s.in_by_stream),
        money(s.money_out_pence),
        money(s.closing_pence),
    ]
    assert summary[-1] == ["Closing balance (end of 30 June 2026)", "£1,382.50"]
    plan = page.table("My plan: planned and spent")
    for row, line in zip(plan[1:], data.plan_lines, strict=False):
        assert row[1:] == [
            money(line.planned_pence),
            money(line.expected_to_date_pence),
            money(line.spent_pence),
            money(line.left_pence),
        ]
    april = page.table("April 2026")
    assert len(april) == 1 + len(data.account_transactions) + 1
    money_cells = {cell[3] for _c, rows in page.tables for row in rows for cell in row if cell[2] == "money"}
    money_cells.discard("")
    assert money_cells
    for cell in money_cells:
        assert cell in in_pdf, f"{cell} is in the web page but not in the PDF"


def test_a_payee_from_a_bank_file_is_escaped(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 5, 3), "out", 999, "<script>alert(1)</script>", "a & b")
        )
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    html = html_documents.statement_page(data).html()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in "\n".join(r[1] for r in parsed(html).table("May 2026"))


def test_review_pack_page_lists_ratings_as_a_table_and_names_the_planner(filled_store: Store) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        goal = outcomes.list_outcomes(s)[0].id
        outcomes.add_rating(s, goal, outcomes.RatingDetails(dt.date(2026, 6, 1), 6, note="Went to the market"))
        from ipb_desktop.statements import review_answers

        review_answers.save_answer(s, "worked", "The pottery class", MADE_ON)
    filled_store.actor = "holder"
    with filled_store.reading() as s:
        data = review_pack_data(s, APRIL, JUNE_END, MADE_ON)
    html = html_documents.review_pack_page(data).html()
    page = parsed(html)
    ratings = page.table("Ratings for outcome 1, oldest first")
    assert ratings[0] == ["Date", "Score", "Scale", "Recorded by", "Note"]
    assert [r[3] for r in ratings[1:]] == ["Me", "Me", "Sam Example (planner)"]
    assert "Written with Sam Example, peer support planner" in html
    assert ("h2", "Part B. Looking back and looking ahead") in page.headings
    # The statement inside the pack nests under its part: no heading level is skipped or repeated out of place.
    part_d = page.headings.index(("h2", "Part D. Statement for these dates"))
    assert page.headings[part_d + 1] == ("h3", "Where the money comes from")
    assert ("h4", "By category") in page.headings
    levels = [int(tag[1]) for tag, _text in page.headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_welsh_page_says_so(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = statement_data(s, APRIL, JUNE_END, MADE_ON)
    before = i18n.current_locale()
    i18n.set_locale("cy")
    try:
        html = html_documents.statement_page(data).html()
    finally:
        i18n.set_locale(before)
    assert parsed(html).lang == "cy"


def test_evidence_pack_page_lists_the_receipts(filled_store: Store) -> None:
    with filled_store.reading() as s:
        data = evidence_data(s, APRIL, JUNE_END, MADE_ON)
    page = parsed(html_documents.evidence_pack_page(data).html())
    assert ("h2", "Receipts and invoices") in page.headings
    assert ("h2", "Missing receipts") in page.headings
    assert page.table("Missing receipts")[-1][-1] == money(sum(t.amount_pence for t in data.statement.missing_receipts))


@pytest.mark.parametrize("suffix", [".html", ".HTM"])
def test_is_html_by_suffix(suffix: str) -> None:
    assert html_documents.is_html(Path("a" + suffix))
    assert not html_documents.is_html(Path("a.pdf"))


def test_review_pack_figures_are_the_pdfs(filled_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    data = pdf_review_pack.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON)
    page = parsed(html_documents.review_pack_page(data).html())
    in_pdf = pdf_text(out)
    amounts = {cell[3] for _c, rows in page.tables for row in rows for cell in row if "£" in cell[3]}
    assert "£1,382.50" in amounts
    for amount in amounts:
        assert amount in in_pdf, f"{amount} is in the web page but not in the PDF"
    spent = page.table("Spending towards each outcome")
    assert spent[-1] == ["Total", money(sum(t.pence for t in data.spent_by_outcome))]

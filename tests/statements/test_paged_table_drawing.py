"""A long table of the printed documents draws each page from what it worked out once for the document: the
header row is laid out and drawn once and written again on later pages, and each distinct cell text is
encoded for the embedded font once, while every page still shows its header and rows (a year's statement is
hundreds of pages of the same dates, payees, amounts and "Yes"/"No")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ipb_desktop.statements import layout
from tests.statements.helpers import pdf_pages
from tests.statements.test_layout import _table


def _build(out: Path, rows: int = 250) -> list[str]:
    layout.build(out, [_table(rows)], title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))
    return pdf_pages(out)


def test_the_header_is_drawn_once_and_shown_on_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    draw = Paragraph.draw

    def counting(self: Paragraph) -> None:
        drawn.append(self.text)
        draw(self)

    monkeypatch.setattr(Paragraph, "draw", counting)
    pages = _build(tmp_path / "table.pdf")
    assert len(pages) >= 4
    assert all("Date Paid to Money in Money out Receipt" in page for page in pages)
    assert sorted(drawn) == sorted(["Date", "Paid to", "Money in", "Money out", "Receipt"])


def test_each_cell_text_is_encoded_once_for_the_whole_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    encoded: list[str] = []
    split = TTFont.splitString

    def counting(self: TTFont, text: str, doc: object, encoding: str = "utf-8") -> object:
        encoded.append(text)
        return split(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", counting)
    text = " ".join(_build(tmp_path / "table.pdf"))
    assert text.count(" Held") == 250
    assert encoded.count("Held") == 1
    assert encoded.count("Clayworks Studio") == 1
    assert text.count("Clayworks Studio") == 50

"""A long document holds as little as it can while it is made, and says exactly the same: each finished page's
drawing is compressed at once (as reportlab compresses it when saving), and the statement's month tables make
their rows only when the layout reaches them. (A year of 100,000 payments is thousands of pages.)"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ipb_desktop.models.store import Store
from ipb_desktop.statements import data, layout, pdf_payments, pdf_statement
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_text
from tests.statements.test_layout import _table


@pytest.fixture
def same_bytes_every_time() -> Iterator[None]:
    """reportlab's invariant mode: no dates or random ids in the file, so two builds can be compared."""
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _pdf(story: list[Any]) -> bytes:
    out = io.BytesIO()
    layout.build(out, story, title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))
    return out.getvalue()


def test_pages_are_compressed_as_they_are_finished_and_the_file_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, same_bytes_every_time: None
) -> None:
    held: list[object] = []
    save = layout._save_streamed

    def saving(doc: pdfdoc.PDFDocument, canv: Canvas, target: object) -> None:
        held.extend(page.stream for page in doc.Pages.pages)
        save(doc, canv, target)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "_save_streamed", saving)
    made = _pdf([_table(400)])
    assert len(held) >= 6
    assert all(text is None for text in held)  # no page's text waits for the save

    monkeypatch.setattr(layout, "_compress_now", lambda page, compression: None)  # reportlab's own way
    held.clear()
    assert _pdf([_table(400)]) == made
    assert all(isinstance(text, str) for text in held)


def test_a_later_table_is_made_when_it_is_reached_and_prints_the_same(same_bytes_every_time: None) -> None:
    made: list[int] = []

    def make() -> layout.PagedTable:
        made.append(1)
        return _table(300)

    later = layout.LaterTable(make)
    assert made == []
    st = layout.styles(False)
    story = [Paragraph("Before", st.body), later, Paragraph("After", st.body)]
    assert _pdf(story) == _pdf([Paragraph("Before", st.body), _table(300), Paragraph("After", st.body)])
    assert made == [1]


def test_the_statement_story_holds_no_payment_rows_until_they_are_laid_out(filled_store: Store, tmp_path: Path) -> None:
    with filled_store.reading() as s:
        found = data.statement_data(s, APRIL, JUNE_END, generated_on=MADE_ON)
    assert found.account_transactions
    story = pdf_payments.transactions_section(found, layout.styles(False))
    tables = [f for f in story if isinstance(f, layout.LaterTable | layout.PagedTable)]
    assert tables
    assert all(isinstance(t, layout.LaterTable) and t._table is None for t in tables)
    out = tmp_path / "statement.pdf"
    pdf_statement.write_statement(found, out)
    text = pdf_text(out)
    for txn in found.account_transactions:
        assert pdf_statement.money(txn.amount_pence) in text


def test_the_file_is_written_as_it_is_formatted_not_put_together_in_memory(
    monkeypatch: pytest.MonkeyPatch, same_bytes_every_time: None, tmp_path: Path
) -> None:
    def whole_file_in_memory(self: object, document: object) -> bytes:
        raise AssertionError("the whole PDF was joined in memory")

    made = _pdf([_table(400)])
    with monkeypatch.context() as patch:
        patch.setattr(pdfdoc.PDFFile, "format", whole_file_in_memory)
        assert _pdf([_table(400)]) == made
        out = tmp_path / "table.pdf"
        layout.build(out, [_table(400)], title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))
        assert out.read_bytes() == made

    def reportlab_save(doc: pdfdoc.PDFDocument, canv: Canvas, target: object) -> None:
        doc.SaveToFile(target, canv)

    monkeypatch.setattr(layout, "_save_streamed", reportlab_save)
    assert _pdf([_table(400)]) == made


def test_a_held_page_keeps_only_what_changed_on_the_canvas_and_prints_the_same(
    monkeypatch: pytest.MonkeyPatch, same_bytes_every_time: None
) -> None:
    """Thousands of held pages each kept a copy of all sixty-odd canvas attributes; now only the few that
    changed since the page before, and every page is written as it was finished. A short document's pages
    are held as text (not compressed twice), a long one's compressed once they come to a few megabytes."""
    held: list[int] = []
    kinds: list[str | bytes] = []
    made = _pdf([_table(400)])
    maker = layout._canvas_maker

    def counting(*args: Any) -> type[Canvas]:
        canvas = maker(*args)
        save = canvas.save

        def saving(self: Any) -> None:
            held.extend(len(changed) for _whole, changed in self._pages)
            kinds.extend(changed["_code"] for _whole, changed in self._pages)
            save(self)

        canvas.save = saving
        return canvas

    monkeypatch.setattr(layout, "_canvas_maker", counting)
    assert _pdf([_table(400)]) == made
    assert len(held) >= 6
    assert all(isinstance(code, str) for code in kinds)  # a short document's pages are held as text
    kinds.clear()
    held.clear()
    monkeypatch.setattr(layout, "_HELD_AS_TEXT", 20_000)  # a long one's later pages are held compressed
    assert _pdf([_table(400)]) == made
    assert str in map(type, kinds) and bytes in map(type, kinds)
    assert all(count <= 20 for count in held[1:-1])  # of 60 or so (the last page has lost _doctemplate: all)
    text = pdf_text_of(made)
    assert text.count("Page ") == len(held) and f"Page {len(held)} of {len(held)}" in text


def pdf_text_of(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@given(text=st.one_of(st.text(max_size=40), st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
def test_text_is_encoded_for_the_file_exactly_as_reportlab_encodes_it(text: str) -> None:
    def encoded(encode: Any) -> bytes | str:
        try:
            return encode(text)  # type: ignore[no-any-return]
        except UnicodeEncodeError as error:
            return f"cannot: {error.start}"

    assert encoded(layout._pdfdoc) == encoded(pdfdoc.pdfdocEnc)
    assert layout._pdfdoc(b"as it is") == b"as it is"

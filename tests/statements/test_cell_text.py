"""Cell text of the long tables is laid out and encoded by the app's own quick paths (each word measured once,
each line encoded once, ASCII straight from its codes): what they print must be exactly what reportlab's own
functions print, for any text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from ipb_desktop.statements import layout
from ipb_desktop.statements.layout import FONT, LARGE, NORMAL
from ipb_desktop.statements.pdf_text import Wrapper, break_long_words
from tests.statements.helpers import pdf_pages
from tests.statements.test_layout import WIDTHS

WORDS = ["PA", "hours", "01", "Apr", "Zoë's", "Café", "Dŵr", "Cymru", "PAYPAL*EXAMPLESHIREPOTTERYSTUDIO", "", "\n"]
words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), min_size=1, max_size=14)


def _reportlab(text: str, width: float, size: float, limit: int) -> str:
    """How Wrapper wrapped before: reportlab's simpleSplit of break_long_words."""
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    if stringWidth(text, FONT, size) <= width:
        return text
    return "\n".join(simpleSplit(break_long_words(text, width, size), FONT, size, width))


@settings(max_examples=400, deadline=None)
@given(
    parts=words,
    width=st.sampled_from([5.0, 30.0, 60.0, 96.0, 113.4, 150.0]),
    limit=st.sampled_from([0, 10, 70, 120]),
    large=st.booleans(),
)
def test_wrapped_lines_are_exactly_reportlabs(parts: list[str], width: float, limit: int, large: bool) -> None:
    layout.register_fonts()
    size = (LARGE if large else NORMAL).table
    text = " ".join(parts)
    wrap = Wrapper(size)
    assert wrap(text, width, limit) == _reportlab(text, width, size, limit)
    assert wrap(text, width, limit) == _reportlab(text, width, size, limit)  # and again, from what it remembers


def test_cells_in_many_alphabets_print_as_written(tmp_path: Path) -> None:
    """More than 256 different characters spread the font over several subsets: each cell still prints its own
    text, whether its characters were seen before or not."""
    letters = [chr(c) for c in range(0x391, 0x3CA) if chr(c).isalpha()] + [chr(c) for c in range(0x410, 0x450)]
    letters += [chr(c) for c in range(0x100, 0x17F) if chr(c).isalpha()]
    assert len(set(letters)) > 256 - 95
    st_ = layout.styles(False)
    rows = [
        [f"{n:03d}", "".join(letters[(n * 7 + k) % len(letters)] for k in range(9)), "", f"£{n}.50", "Held"]
        for n in range(120)
    ]
    table = layout.PagedTable([layout.para(h, st_.cell_bold) for h in "ABCDE"], rows, WIDTHS, st_.look)
    out = tmp_path / "alphabets.pdf"
    layout.build(out, [table], title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))
    text = " ".join(pdf_pages(out))
    for row in rows:
        assert f"{row[0]} {row[1]} {row[3]} Held" in text

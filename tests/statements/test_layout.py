"""The long tables of the printed documents (`layout.PagedTable`): every row printed once, in order, the header
on every page, the total never alone, and a page break that does not copy the rest of the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm

from ipb_desktop.statements import layout
from tests.statements.helpers import pdf_pages

HEAD = ("Date", "Paid to", "Money in", "Money out", "Receipt")
WIDTHS = [w * mm for w in (25, 60, 30, 30, 35)]


def _table(count: int) -> layout.PagedTable:
    st = layout.styles(False)
    header = [layout.para(h, st.cell_right_bold if i in (2, 3) else st.cell_bold) for i, h in enumerate(HEAD)]
    rows: list[list[str]] = [
        [
            f"{1 + n % 28:02d}/04/2026",
            f"Payee {n:04d}\nClayworks Studio" if n % 5 == 0 else f"Payee {n:04d}",
            "",
            f"£{n}.50",
            "Held",
        ]
        for n in range(count)
    ]
    rows.append(["Total", "", "£0.00", "£9,999.00", ""])
    return layout.PagedTable(header, rows, WIDTHS, st.look, total_row=True, right_columns=(2, 3))


def test_a_long_table_prints_every_row_once_in_order_with_the_header_on_every_page(tmp_path: Path) -> None:
    out = tmp_path / "table.pdf"
    layout.build(out, [_table(250)], title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))
    pages = pdf_pages(out)
    assert len(pages) >= 4
    for page in pages:
        assert "Date Paid to Money in Money out Receipt" in page
    text = " ".join(pages)
    found = [text.index(f"Payee {n:04d}") for n in range(250)]
    assert found == sorted(found)
    assert all(text.count(f"Payee {n:04d}") == 1 for n in range(250))
    assert "01/04/2026 Payee 0000 Clayworks Studio £0.50 Held" in text
    assert "Total £0.00 £9,999.00" in pages[-1]
    assert "Payee 0249" in pages[-1]  # the total is not alone at the top of the last page


def test_a_page_break_shares_the_rows_instead_of_copying_the_rest() -> None:
    table = _table(3000)
    table.wrap(layout.FRAME_WIDTH, 700)
    here, rest = table.split(layout.FRAME_WIDTH, 700)
    assert rest._rows is table._rows and here._rows is table._rows
    assert here.rows[0][1] == "Payee 0000\nClayworks Studio"
    assert rest.rows[0] == table.rows[len(here.rows)]
    assert len(here.rows) + len(rest.rows) == 3001

"""The statement PDF, read back as text: the figures, the payments, the footer, the declaration, and names
with Welsh and French letters printed as written (the font is embedded)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ipb_desktop import budget, holder, ledger, plan
from ipb_desktop.models.store import Store
from ipb_desktop.statements import explanations, pdf_statement
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_pages, pdf_text


@pytest.fixture
def statement(filled_store: Store, tmp_path: Path) -> Path:
    with filled_store.transaction() as s:
        explanations.save_explanation(s, APRIL, JUNE_END, "A tax bill for my PA is due in July.", MADE_ON)
    out = tmp_path / "statement.pdf"
    pdf_statement.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON)
    return out


def test_the_money_summary_prints_the_right_figures(statement: Path) -> None:
    text = pdf_text(statement)
    assert "Monitoring return for 1 April 2026 to 30 June 2026" in text
    assert "Opening balance (end of 31 March 2026) £0.00" in text
    assert "Money in £1,720.00" in text
    assert "from Exampleshire ICB £1,200.00" in text
    assert "from Exampleshire Council £520.00" in text
    assert "Money out £337.50" in text
    assert "Closing balance (end of 30 June 2026) £1,382.50" in text
    assert "Opening balance £0.00 + money in £1,720.00 - money out £337.50 = closing balance £1,382.50." in text
    # By funding stream: opening, in, out, closing, and the total row.
    assert "Exampleshire Council £0.00 £520.00 £300.00 £220.00" in text
    assert "Exampleshire ICB £0.00 £1,200.00 £37.50 £1,162.50" in text
    assert "Total £0.00 £1,720.00 £337.50 £1,382.50" in text


def test_every_payment_is_listed_with_what_it_was_for(statement: Path) -> None:
    text = pdf_text(statement)
    assert "01/04/2026 Exampleshire Council Budget payment in £520.00 No" in text
    assert "10/04/2026 Clayworks Studio Pottery, 3 weeks Activities and classes · Pottery class" in text
    assert "£37.50 MISSING No" in text
    assert "14/04/2026 Jo Assistant PA wages April Personal assistant wages · Personal assistant 2.5" in text
    assert "Total for April 2026 £1,720.00 £337.50" in text


def test_streams_plan_surplus_and_own_words_are_printed(statement: Path) -> None:
    text = pdf_text(statement)
    # Funder, how it is held, how it is paid, each week, each year and the budget period (13 payments).
    assert "Exampleshire Council Direct payment £520.00 every four weeks £130.00 £6,760.00 £6,760.00" in text
    assert "Pottery class £300.00" in text
    assert "Money in the account at the end of 30 June 2026 £1,382.50" in text
    assert "A tax bill for my PA is due in July." in text
    assert "NHS number 943 476 5919" in text
    assert "Council reference EXS-000123" in text


def test_missing_receipts_come_together_at_the_end_then_the_declaration(statement: Path) -> None:
    text = pdf_text(statement)
    missing = text.index("Missing receipts")
    assert text.index("Every payment through the account in these dates") < missing < text.index("Declaration")
    assert "2 payments out have no receipt yet (£337.50 in all)." in text
    assert "10/04/2026 Clayworks Studio Pottery, 3 weeks £37.50" in text[missing:]
    assert "Name Alys Testwood Signature Date" in text


def test_each_page_says_page_x_of_y_and_when_it_was_made(statement: Path) -> None:
    pages = pdf_pages(statement)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Made on 2 July 2026" in page
        assert "Statement for Alys Testwood, 1 April 2026 to 30 June 2026" in page
    reader = PdfReader(statement)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_long_lists_repeat_the_table_header_on_every_page(filled_store: Store, tmp_path: Path) -> None:
    with filled_store.transaction() as s:
        for i in range(120):
            ledger.add_transaction(
                s, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 100 + i, f"Bus {i}", "Bus fare")
            )
    out = tmp_path / "long.pdf"
    data = pdf_statement.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON)
    pages = pdf_pages(out)
    listing = [p for p in pages if re.search(r"\d\d/0[45]/2026 (Bus|Exampleshire|Clayworks|Jo)", p)]
    assert len(listing) >= 5  # the payments, then the missing receipts, each over several pages
    full_header = "Date Paid to or from What it was for Money in Money out Receipt Bank checked"
    missing_header = "Date Paid to What for Amount"
    for page in listing:
        assert full_header in page or missing_header in page
    text = " ".join(pages)
    for i in (0, 57, 119):
        assert f"01/05/2026 Bus {i} Bus fare Not linked £{(100 + i) / 100:.2f} MISSING No" in text
    assert data.summary.money_out_pence == 33750 + sum(100 + i for i in range(120))


@pytest.fixture
def welsh_store(store: Store) -> Store:
    with store.transaction() as s:
        holder.save_holder(s, holder.HolderDetails("Siân Ŵyn Testwood", council_reference="CYM-0042"))
        period = budget.add_period(s, "2026 i 2027", APRIL, dt.date(2027, 3, 31))
        stream = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Cyngor Enghraifft", 40000, "weekly")
        )
        cafe = plan.add_plan_line(s, period.id, plan.PlanLineDetails("Coffi gyda ffrindiau", 50000, None, stream.id))
        ledger.add_transaction(s, ledger.TransactionDraft(APRIL, "in", 40000, "Cyngor Enghraifft", stream_id=stream.id))
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 3), "out", 1250, "Dŵr Cymru", "Bil dŵr – Ebrill", plan_line_id=cafe.id
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 4), "out", 480, "Zoë's Café", "Crème brûlée & tea", plan_line_id=cafe.id
            ),
        )
    return store


def test_welsh_and_accented_names_come_back_out_of_the_pdf(welsh_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cymraeg.pdf"
    pdf_statement.write_from_store(welsh_store, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    for words in (
        "Siân Ŵyn Testwood",
        "Dŵr Cymru",
        "Zoë's Café",
        "Bil dŵr – Ebrill",
        "Crème brûlée & tea",
        "Coffi gyda ffrindiau",
    ):
        assert words in text
    assert b"DejaVuSans" in out.read_bytes()  # the font travels inside the file


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_poppler_reads_the_same_names(welsh_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cymraeg.pdf"
    pdf_statement.write_from_store(welsh_store, out, APRIL, JUNE_END, MADE_ON)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True, text=True).stdout
    assert "Siân Ŵyn Testwood" in text and "Dŵr Cymru" in text and "Zoë's Café" in text


def test_large_print_uses_bigger_text_and_more_pages(filled_store: Store, tmp_path: Path) -> None:
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    pdf_statement.write_from_store(filled_store, normal, APRIL, JUNE_END, MADE_ON)
    pdf_statement.write_from_store(filled_store, large, APRIL, JUNE_END, MADE_ON, large_print=True)
    assert len(PdfReader(large).pages) > len(PdfReader(normal).pages)
    assert "Closing balance (end of 30 June 2026) £1,382.50" in pdf_text(large)
    assert _body_text_size(large) >= 1.3 * _body_text_size(normal)


def _body_text_size(path: Path) -> float:
    """The most common text size on the first page, in points."""
    sizes: list[float] = []

    def seen(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(round(size * tm[3], 1))

    PdfReader(path).pages[0].extract_text(visitor_text=seen)
    return max(set(sizes), key=sizes.count)


def test_a_store_with_nothing_in_it_still_makes_a_plain_statement(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    pdf_statement.write_from_store(store, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "Name not recorded" in text
    assert "There were no payments in or out in these dates." in text
    assert "No explanation was written for these dates." in text
    assert "Closing balance (end of 30 June 2026) £0.00" in text

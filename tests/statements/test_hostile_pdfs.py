"""Valid but hostile input never stops a PDF or makes it overprint: notes and answers of the longest length
allowed, names of the longest length, long unbroken words (bank references), Welsh, large print.

Before issue 11 a 5,000-character rating note stopped the review pack (reportlab LayoutError) and long bank
references ran over the next column; large print was 11-14 pt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from ipb_desktop import i18n, ledger, outcomes, plan
from ipb_desktop.models.store import Store
from ipb_desktop.statements import explanations, pdf_evidence, pdf_review_pack, pdf_statement, review_answers
from ipb_desktop.statements.layout import FONT, LARGE, NORMAL
from ipb_desktop.statements.pdf_text import Wrapper
from ipb_desktop.validate import LONG_TEXT, SHORT_TEXT
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_pages

REFERENCE = "PAYPAL*EXAMPLESHIREPOTTERYSTUDIO"
WELSH_NOTE = "Dw i'n teimlo'n well ar ôl mynd i'r dosbarth crochenwaith gyda Siân yn Nhŷ'r Ŵyl. "


def long_words(length: int) -> str:
    """`length` characters with no space in them at all (the worst case for wrapping)."""
    return ("Llanfairpwllgwyngyll" * (length // 20 + 1))[:length]


@pytest.fixture
def hostile(filled_store: Store, ids: dict[str, int]) -> Store:
    with filled_store.transaction() as s:
        note = (WELSH_NOTE * (LONG_TEXT // len(WELSH_NOTE) + 1))[:LONG_TEXT]
        outcomes.add_rating(s, ids["confidence"], outcomes.RatingDetails(dt.date(2026, 5, 1), 6, note=note))
        outcomes.add_rating(s, ids["work"], outcomes.RatingDetails(dt.date(2026, 5, 2), 4, note=long_words(LONG_TEXT)))
        explanations.save_explanation(s, APRIL, JUNE_END, note, MADE_ON)
        for question in ("worked", "not_worked", "change"):
            review_answers.save_answer(s, question, long_words(LONG_TEXT), MADE_ON)
        plan.add_plan_line(s, plan.get_plan_line(s, ids["pa"]).period_id, plan.PlanLineDetails(long_words(300), 100))
        for day in range(1, 29):
            ledger.add_transaction(
                s,
                ledger.TransactionDraft(
                    dt.date(2026, 5, day),
                    "out",
                    999_999_99 if day == 1 else 123_45,
                    payee=REFERENCE if day % 2 else long_words(SHORT_TEXT),
                    description=long_words(500),
                    plan_line_id=ids["pottery"],
                ),
            )
    return filled_store


@pytest.fixture(params=["en_GB", "cy"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    before = i18n.current_locale()
    i18n.set_locale(request.param)
    yield str(request.param)
    i18n.set_locale(before)


@pytest.mark.parametrize("large_print", [False, True])
def test_every_pdf_is_made_from_hostile_input(hostile: Store, tmp_path: Path, language: str, large_print: bool) -> None:
    statement, pack, evidence = tmp_path / "s.pdf", tmp_path / "p.pdf", tmp_path / "e.pdf"
    pdf_statement.write_from_store(hostile, statement, APRIL, JUNE_END, MADE_ON, large_print=large_print)
    pdf_review_pack.write_from_store(hostile, pack, APRIL, JUNE_END, MADE_ON, large_print=large_print)
    pdf_evidence.write_from_store(hostile, evidence, APRIL, JUNE_END, MADE_ON, large_print=large_print)
    text = " ".join(pdf_pages(pack))
    # The long Welsh note is printed in full, over as many pages as it needs.
    assert text.count("dosbarth crochenwaith") >= LONG_TEXT // len(WELSH_NOTE)
    assert text.count("Llanfairpwllgwyngyll") > 200


def test_long_unbroken_words_are_cut_to_fit_their_column() -> None:
    for look in (NORMAL, LARGE):
        wrap = Wrapper(look.table)
        for width in (30.0, 60.0, 120.0):
            for text in (REFERENCE, long_words(SHORT_TEXT), f"Paid {REFERENCE} for clay"):
                lines = wrap(text, width).split("\n")
                assert all(stringWidth(line, FONT, look.table) <= width for line in lines), (text, width)
                assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_large_print_is_at_least_16_point_and_tables_14() -> None:
    assert LARGE.base >= 16 and LARGE.table >= 14 and LARGE.small >= 14
    assert NORMAL.table >= 9

"""Words in the documents: built-in names in the document's language, a planner's words and ratings attributed,
and who recorded each payment (the person, a planner, or a bank statement import)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipb_desktop import cli, ledger
from ipb_desktop.bankimport import service
from ipb_desktop.cli import common as cli_common
from ipb_desktop.models.store import Store
from ipb_desktop.statements import html_documents, pdf_review_pack, pdf_statement, review_answers
from ipb_desktop.statements.data import shown_period_name, statement_data
from ipb_desktop.statements.review_data import review_pack_data
from tests.conftest import PASSPHRASE
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_text
from tests.statements.test_html_documents import parsed

BANK = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "bank" / "lloyds-uk-sample.csv"


@pytest.fixture
def closed_store(filled_store: Store, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    filled_store.close()
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_common, "today", lambda: MADE_ON)
    return store_path


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_a_welsh_statement_of_an_english_store_says_welsh_built_in_names(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out = tmp_path / ("datganiad" + suffix)
    argv = ["statement", closed_store, "--from", "01/04/2026", "--to", "30/06/2026", "--out", out, "--language", "cy"]
    assert cli.main([str(a) for a in argv]) == 0
    text = pdf_text(out) if suffix == ".pdf" else out.read_text(encoding="utf-8")
    assert "Cyflogau cynorthwyydd personol" in text  # "Personal assistant wages"
    assert "Personal assistant wages" not in text
    assert "Pottery class" in text  # a name the person typed stays as typed
    assert "2026 i 2027" in text  # the budget period's suggested name
    capsys.readouterr()


def test_period_names_the_person_typed_stay() -> None:
    assert shown_period_name("Year two") == "Year two"
    assert shown_period_name("2026 to 2027") == "2026 to 2027"


def test_the_review_pack_says_which_words_the_planner_wrote(filled_store: Store, tmp_path: Path) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        review_answers.save_answer(s, "change", "More hours on Saturdays", MADE_ON)
    filled_store.actor = "holder"
    with filled_store.transaction() as s:
        review_answers.save_answer(s, "worked", "The pottery class", MADE_ON)
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert text.count("Written with Sam Example, peer support planner") == 1
    assert text.index("Written with Sam Example") > text.index("What I want to change")
    with filled_store.reading() as s:
        html = html_documents.review_pack_page(review_pack_data(s, APRIL, JUNE_END, MADE_ON)).html()
    assert html.count("Written with Sam Example, peer support planner") == 1


def test_the_payment_list_says_who_recorded_each_payment(filled_store: Store) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 20), "out", 420, "Riverside Pool"))
    filled_store.actor = "holder"
    with filled_store.transaction() as s:
        service.commit(s, service.preview(s, BANK))
        data = statement_data(s, dt.date(2023, 12, 1), JUNE_END, MADE_ON)
    by_payee = {t.payee: t for t in data.transactions}
    assert by_payee["Riverside Pool"].recorded_by == "planner:Sam Example"
    assert by_payee["Clayworks Studio"].recorded_by == "holder" and not by_payee["Clayworks Studio"].imported
    assert any(t.imported for t in data.transactions)
    page = parsed(html_documents.statement_page(data).html())
    may = page.table("May 2026")
    assert may[0][-1] == "Recorded by"
    assert [row[-1] for row in may if "Riverside Pool" in row[1]] == ["Sam Example (planner)"]
    april = page.table("April 2026")
    assert [row[-1] for row in april if "Clayworks Studio" in row[1]] == ["Me"]
    january = page.table("January 2024")
    assert {row[-1] for row in january[1:-1]} == {"Bank statement import"}


def test_the_pdf_payment_list_says_which_payments_a_planner_recorded(filled_store: Store, tmp_path: Path) -> None:
    filled_store.actor = "planner:Sam Example"
    with filled_store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 20), "out", 420, "Riverside Pool"))
    filled_store.actor = "holder"
    for large in (False, True):
        out = tmp_path / f"statement-{large}.pdf"
        pdf_statement.write_from_store(filled_store, out, APRIL, JUNE_END, MADE_ON, large)
        text = pdf_text(out)
        assert text.count("Recorded by Sam Example (planner)") == 1
        assert text.index("Riverside Pool") < text.index("Recorded by Sam Example (planner)")

"""The account from the command line: the opening balance from a first import (or typed by hand), reconciling
with the bank (exit 0 and recorded, or exit 5 with the difference), money in still to sort, and the evidence
pack with its receipts and kept bank statements."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from ipb_desktop import accounts, budget, cli, documents, figures, ledger
from ipb_desktop.demo_data import receipt_png
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE
from tests.statements.helpers import pdf_pages


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out + err


def lloyds() -> Path:
    from tests.bankimport.conftest import FIXTURES as BANK

    return BANK / "lloyds-uk-sample.csv"


def test_a_first_import_records_the_banks_opening_balance_and_says_so(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    code, out = run(capsys, "import", store_path, lloyds())
    assert code == 0
    # The oldest line (1 December 2023, 500.00 in from CLIENT CO LTD) left 6,426.70: the bank held 5,926.70
    # before it.
    assert "The opening balance was recorded from the file: £5,926.70 at the end of 30 November 2023." in out
    assert "A copy of the statement file is kept inside your budget (encrypted), for the evidence pack." in out
    with Store.open(store_path, PASSPHRASE) as again, again.reading() as s:
        opened = accounts.opening(s)
        assert opened is not None and opened.source == "bank statement 'lloyds-uk-sample.csv'"
        kept = documents.bank_statements(s, dt.date(2023, 12, 1), dt.date(2024, 1, 31))
        assert [d.filename for d in kept] == ["lloyds-uk-sample.csv"]
        assert kept[0].content == lloyds().read_bytes()


def test_no_opening_balance_skips_it(store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    code, out = run(capsys, "import", store_path, lloyds(), "--no-opening-balance")
    assert code == 0 and "opening balance was recorded" not in out
    # The balance check then leaves the opening balance out: the app is short of the bank by it (and the 4.12).
    assert "difference £5,922.58" in out
    with Store.open(store_path, PASSPHRASE) as again, again.reading() as s:
        assert accounts.opening(s) is None


def test_a_later_import_never_records_an_opening_balance(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2023, 11, 1), "in", 1000, "Me"))
    store.close()
    code, out = run(capsys, "import", store_path, lloyds())
    assert code == 0 and "opening balance was recorded" not in out


def test_opening_balance_typed_by_hand(store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    code, out = run(capsys, "opening-balance", store_path, "--date", "31/03/2026", "--balance", "412.41")
    assert code == 0 and "£412.41" in out
    with Store.open(store_path, PASSPHRASE) as again, again.reading() as s:
        assert figures.balance_on(s, dt.date(2026, 4, 1)) == 41241


def test_reconcile_agrees_or_shows_the_difference(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 3), "in", 56000, "Westshire Council"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 9), "out", 1250, "Cafe Glas"))
    store.close()
    code, out = run(capsys, "reconcile", store_path, "--date", "30/04/2026", "--balance", "560.00")
    assert code == 5
    assert "The difference is £12.50" in out and "Cafe Glas" in out and "Nothing was recorded." in out
    code, out = run(capsys, "reconcile", store_path, "--date", "30/04/2026", "--balance", "547.50")
    assert code == 0
    assert "agrees with the bank statement of 30 April 2026: £547.50" in out
    out_pdf = store_path.parent / "statement.pdf"
    code, _out = run(capsys, "statement", store_path, "--from", "01/04/2026", "--to", "30/04/2026", "--out", out_pdf)
    assert code == 0
    text = " ".join(pdf_pages(out_pdf))
    assert "The account agrees with the bank statement of 30 April 2026: £547.50." in text


def test_money_in_to_sort(store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "Year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        budget.add_stream(s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 5, "weekly"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 3), "in", 56000, "WESTSHIRE COUNCIL"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 4), "in", 700, "Aunt Mair"))
    store.close()
    code, out = run(capsys, "to-sort", store_path)
    assert code == 0 and "Aunt Mair" in out and "WESTSHIRE" not in out


def test_the_import_says_what_money_in_it_linked_and_what_is_left_to_sort(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "Year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 5, "weekly")
        )
        # Linked by hand once: the payer "WCC DIRECT PAYMT" is now a learned rule for the council's stream.
        ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 4, 3), "in", 56000, "WCC DIRECT PAYMT 1180", stream_id=council.id)
        )
    store.close()
    may = tmp_path / "may.csv"
    may.write_text(
        "Date,Description,Amount\n01/05/2026,WCC DIRECT PAYMT 4471,560.00\n02/05/2026,WESTSHIRE COUNCIL,20.00\n"
        "03/05/2026,Aunt Mair,7.00\n",
        encoding="utf-8",
    )
    code, out = run(capsys, "import", store_path, may)
    assert code == 0
    assert "2 payments in (£580.00) linked to Westshire Council (Council social care)." in out
    assert "1 payment in is not linked to a funder yet: it is listed under 'To sort' on Home." in out


def test_the_evidence_pack_prints_the_statement_every_receipt_and_the_bank_statements(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert run(capsys, "import", store_path, lloyds())[0] == 0
    with Store.open(store_path, PASSPHRASE) as again, again.transaction() as s:
        acme = next(t for t in s.scalars(ledger.live()) if "ACME" in t.payee)
        ledger.attach_receipt(s, acme.id, "acme.png", receipt_png(random.Random(1)))
    out_pdf = store_path.parent / "evidence.pdf"
    code, out = run(capsys, "evidence-pack", store_path, "--from", "01/12/2023", "--to", "31/01/2024", "--out", out_pdf)
    assert code == 0 and "NOT encrypted" in out
    pages = pdf_pages(out_pdf)
    text = " ".join(pages)
    assert "Evidence pack" in pages[0]
    assert "Receipts and invoices" in text and "acme.png" in text and "ACME STORE" in text
    assert "Bank statements" in text and "lloyds-uk-sample.csv" in text and "HMRC - TAXES" in text
    assert "9 payments have no receipt yet; they are listed in the statement." in text


def test_the_surplus_command_shows_every_number_and_changes_the_basis(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipb_desktop.cli import common as cli_common

    monkeypatch.setattr(cli_common, "today", lambda: dt.date(2026, 4, 30))
    with store.transaction() as s:
        period = budget.add_period(s, "Year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        budget.add_stream(s, period.id, budget.StreamDetails("council_social_care", "Westshire", 56000, "four_weekly"))
        accounts.set_opening(s, dt.date(2026, 3, 31), 200000, "typed by hand")
    store.close()
    code, out = run(capsys, "surplus", store_path, "--weeks", "4", "--contingency", "100.00")
    assert code == 0
    assert "Money in the account at the end of 30 April 2026: £2,000.00" in out
    assert "less the agreed contingency: £100.00" in out
    assert "less 4 weeks of the weekly direct payment (£140.00 a week): £560.00" in out
    assert "Surplus: £1,340.00" in out


def test_a_mixed_stream_can_be_added_from_the_command_line_with_the_part_paid_in(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The `stream` command had no way to say the paid-in part, so a mixed stream could not be added at all."""
    store.close()
    assert run(capsys, "period", store_path, "--start", "01/04/2026", "--end", "31/03/2027")[0] == 0
    args = ("stream", store_path, "--funder-kind", "nhs_phb", "--funder", "Mixshire ICB", "--amount", "400")
    code, said = run(capsys, *args, "--schedule", "monthly", "--held-as", "mixed")
    assert code == 5 and "how much of each payment is paid into the account" in said
    assert run(capsys, *args, "--schedule", "monthly", "--held-as", "mixed", "--paid-in", "100.00")[0] == 0
    with Store.open(store_path, PASSPHRASE) as again, again.reading() as s:
        stream = budget.get_stream(s, 1)
        assert stream.held_as == "mixed" and stream.paid_in_pence == 10000


def test_money_in_not_linked_and_no_receipts_are_said_plainly_in_the_statement_and_evidence_pack(
    store: Store, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Was "from Not linked to a funding stream" and "0 receipts and invoices are held" (seen on a first import)."""
    store.close()
    assert run(capsys, "period", store_path, "--start", "01/04/2023", "--end", "31/03/2024")[0] == 0
    assert run(capsys, "receive", store_path, "--date", "01/12/2023", "--amount", "500", "--payee", "Client Co")[0] == 0
    dates = ("--from", "01/11/2023", "--to", "31/01/2024")
    for out in (tmp_path / "ev.pdf", tmp_path / "ev.html"):
        assert run(capsys, "evidence-pack", store_path, *dates, "--out", out)[0] == 0
        text = " ".join(pdf_pages(out)) if out.suffix == ".pdf" else out.read_text(encoding="utf-8")
        text = " ".join(text.split())
        assert "from Not linked" not in text
        assert "not linked to a funding stream yet" in text
        assert "No receipts or invoices are kept in the app for payments in these dates." in text
        assert "0 receipts" not in text

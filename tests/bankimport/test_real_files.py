"""Every real bank file in ../shared/fixtures/bank/, brought into a store the way a person would."""

from __future__ import annotations

import datetime as dt

import pytest

from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.lines import StatementRefused
from ipb_desktop.models.store import Store

from .conftest import FIXTURES, import_file, ledger_rows

BROKEN = ["ofxparse-broken-date_missing.ofx", "ofxparse-broken-decimal_error.ofx", "ofxparse-ofx-v102-empty-tags.ofx"]


def _refusal(store: Store, name: str) -> StatementRefused:
    with store.reading() as s, pytest.raises(StatementRefused) as caught:
        service.preview(s, FIXTURES / name)
    return caught.value


@pytest.mark.parametrize("name", BROKEN)
def test_broken_ofx_is_refused_with_line_numbers_and_plain_reasons(store: Store, name: str) -> None:
    refused = _refusal(store, name)
    text = str(refused)
    assert "nothing in this file can be imported" in text
    assert all(p.line_no > 0 for p in refused.line_problems[1:])
    for word in ("Traceback", "Exception", "OfxParser", "IndexError", "required field"):
        assert word not in text
    assert ledger_rows(store) == []


def test_broken_date_file_names_each_bad_line(store: Store) -> None:
    problems = [str(p) for p in _refusal(store, "ofxparse-broken-date_missing.ofx").line_problems[1:]]
    assert problems == [
        "Line 33: this payment has no date",
        "Line 40: this payment's date is empty",
        "Line 48: this payment's date is not a real date",
    ]


def test_broken_amount_file_quotes_the_amount(store: Store) -> None:
    problems = [str(p) for p in _refusal(store, "ofxparse-broken-decimal_error.ofx").line_problems[1:]]
    assert problems == ["Line 34: this payment's amount is not an amount of money ('$120')"]


def test_empty_balance_is_refused_unless_the_person_chooses_to_import_without_it(store: Store) -> None:
    with store.transaction() as s:
        result = service.preview(s, FIXTURES / "ofxparse-broken-empty_balance.ofx")
        assert [str(p) for p in result.problems] == [
            "Line 37: the bank's closing balance is empty, so the file may be damaged; download it again"
        ]
        with pytest.raises(StatementRefused, match="nothing was imported"):
            service.commit(s, result)
    assert ledger_rows(store) == []
    import_file(store, FIXTURES / "ofxparse-broken-empty_balance.ofx", service.ImportChoices(skip_bad_lines=True))
    assert ledger_rows(store) == [(dt.date(2011, 3, 8), "in", 12000, "Foobar", "", True)]


def test_a_file_with_no_statement_is_refused(store: Store) -> None:
    assert str(_refusal(store, "ofxparse-bank_small.ofx")) == "statement: this file has no bank statement in it"


def test_lloyds_csv_running_balance_is_checked_line_by_line(store: Store) -> None:
    """The Lloyds sample's own balances disagree once: its upstream test gives 5,926.70 at the start and 2,040.59 at
    the end, yet its lines add up to -3,881.99, which would end at 2,044.71. The 4.12 gap sits at line 6 (INS2),
    and that is the only line the check reports; every other line's balance adds up."""
    with store.reading() as s:
        result = service.preview(s, FIXTURES / "lloyds-uk-sample.csv")
    assert len(result.new) == 12
    assert [str(p) for p in result.statement.balance_mismatches] == [
        "Line 6: the file says the balance after this line is £6,029.49, but the balance before it and this amount "
        "make £6,033.61 (a difference of £4.12)"
    ]
    assert result.balance is not None
    assert (result.balance.on, result.balance.bank_pence) == (dt.date(2024, 1, 15), 204059)
    # This new store has no payments, so the import would record the bank's opening balance of 5,926.70 (the balance
    # before the oldest line); the check counts it, leaving only the file's own 4.12.
    assert (result.balance.opening_pence, result.balance.app_pence) == (592670, 592670 - 388199)
    assert result.balance.difference_pence == -412
    assert result.balance.without_opening().app_pence == -388199
    assert sum(p.line.amount_pence for p in result.new) == -388199
    import_file(store, FIXTURES / "lloyds-uk-sample.csv")
    rows = ledger_rows(store)
    assert (dt.date(2023, 12, 1), "in", 200000, "HHHHH LTD RP555000111222333 207348 10 01DEC23 16:05", "", True) in rows
    assert len(rows) == 12


def test_lloyds_balance_check_agrees_once_the_opening_balance_is_in(store: Store) -> None:
    from ipb_desktop import ledger

    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2023, 11, 30), "in", 592670, "Opening balance"))
    with store.reading() as s:
        result = service.preview(s, FIXTURES / "lloyds-uk-sample.csv")
    assert result.balance is not None
    assert result.balance.difference_pence == -412  # the file's own 4.12 disagreement, and nothing else


def test_windows_1252_csv_keeps_accents_and_the_euro_sign(store: Store) -> None:
    import_file(store, FIXTURES / "actual-windows-1252-euro.csv")
    assert ledger_rows(store) == [(dt.date(2025, 12, 4), "in", 10025, "Café €Rémy", "", True)]


def test_iso_8859_1_qfx_keeps_accents(store: Store) -> None:
    with store.reading() as s:
        result = service.preview(s, FIXTURES / "actual-8859-1.qfx")
    assert "This statement is in CAD, not pounds." in result.statement.notices[0]
    import_file(store, FIXTURES / "actual-8859-1.qfx")
    assert ledger_rows(store) == [(dt.date(2022, 10, 19), "out", 2000, "Paiement facture/Carte prépayée", "PWW", True)]


def test_payee_and_memo_gaps(store: Store) -> None:
    import_file(store, FIXTURES / "actual-data-payee-memo.csv")
    assert ledger_rows(store) == [
        (dt.date(2019, 1, 23), "out", 1000, "Payee Name", "Note Text", True),
        (dt.date(2019, 1, 23), "out", 2000, "Payee Name Only", "", True),
        (dt.date(2019, 1, 23), "out", 3000, "", "Note Only Text", True),
        (dt.date(2019, 1, 23), "out", 4000, "", "", True),
    ]


@pytest.mark.parametrize(
    ("name", "count", "balance"),
    [
        ("ofxparse-anzcc.ofx", 1, -12345),
        ("ofxparse-bank_medium.ofx", 3, 38234),
        ("ofxparse-checking.ofx", 3, 10099),
        ("ofxparse-suncorp.ofx", 1, 123412),
    ],
)
def test_ofx_files_import_with_their_fitids_and_ledger_balance(
    store: Store, name: str, count: int, balance: int
) -> None:
    with store.reading() as s:
        result = service.preview(s, FIXTURES / name)
    assert len(result.new) == count
    assert all(p.bank_id.startswith(f"ofx:{result.statement.account_id}:") for p in result.new)
    assert result.balance is not None and result.balance.bank_pence == balance
    import_file(store, FIXTURES / name)
    assert len(ledger_rows(store)) == count
    assert import_file(store, FIXTURES / name) == 0  # the same file again adds nothing
    assert len(ledger_rows(store)) == count


def test_multiple_accounts_are_listed_and_one_can_be_chosen(store: Store) -> None:
    with store.reading() as s:
        first = service.preview(s, FIXTURES / "ofxparse-multiple_accounts.ofx")
        second = service.preview(s, FIXTURES / "ofxparse-multiple_accounts.ofx", account="9200")
        with pytest.raises(StatementRefused, match="no account 1234"):
            service.preview(s, FIXTURES / "ofxparse-multiple_accounts.ofx", account="1234")
    assert first.statement.accounts == ["9100", "9200"]
    assert (first.statement.account_id, second.statement.account_id) == ("9100", "9200")
    assert first.balance is not None and first.balance.bank_pence == 11100
    assert second.balance is not None and second.balance.bank_pence == 22200
    assert not first.has_changes


def test_every_fixture_file_is_covered() -> None:
    names = {p.name for p in FIXTURES.iterdir() if p.name != "SOURCES.md"}
    covered = set(BROKEN) | {
        "ofxparse-broken-empty_balance.ofx",
        "ofxparse-bank_small.ofx",
        "lloyds-uk-sample.csv",
        "actual-windows-1252-euro.csv",
        "actual-8859-1.qfx",
        "actual-data-payee-memo.csv",
        "ofxparse-anzcc.ofx",
        "ofxparse-bank_medium.ofx",
        "ofxparse-checking.ofx",
        "ofxparse-suncorp.ofx",
        "ofxparse-multiple_accounts.ofx",
    }
    assert names == covered

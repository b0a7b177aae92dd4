"""The failures seen with real UK bank and card exports (issue 17), each shown with a small invented file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.column_options import MappingOptions
from ipb_desktop.bankimport.lines import BankBalance
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.store import Store

from .conftest import import_file, ledger_rows

SAMPLES = Path(__file__).resolve().parent / "samples"


def read(data: bytes | str, name: str = "statement.csv", **kw: object) -> service.ParsedStatement:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return service.read(None, raw, name, **kw)[0]  # type: ignore[arg-type]


def net(statement: service.ParsedStatement) -> int:
    return sum(line.amount_pence for line in statement.lines)


def test_nationwide_midata_reads_signed_amounts_newest_first_and_its_overdraft_line_is_not_a_problem() -> None:
    statement = read((SAMPLES / "nationwide-midata.csv").read_bytes())
    assert statement.problems == []
    assert [line.amount_pence for line in statement.lines] == [-5300, 100, -2500, 22500]
    assert statement.lines[0].payee == "Brynmawr Allotment Society"
    assert statement.bank_balance == BankBalance(dt.date(2025, 8, 20), 14800)
    assert statement.balance_mismatches == []


def test_nationwide_statement_takes_the_balance_the_file_states_when_there_is_no_balance_column() -> None:
    text = (SAMPLES / "nationwide-statement.csv").read_text(encoding="utf-8")
    without_balances = "\n".join(line.rsplit(",", 1)[0] for line in text.splitlines() if line.count(",") >= 5)
    statement = read(text.split('"Date"')[0] + without_balances)
    assert net(statement) == 31240
    assert statement.bank_balance is not None and statement.bank_balance.pence == 31240


def test_john_lewis_card_spending_is_money_out_and_a_payment_marked_cr_is_money_in() -> None:
    statement = read((SAMPLES / "johnlewis-card.csv").read_bytes())
    assert [line.amount_pence for line in statement.lines] == [-9999, -15857, 123456, -10000]
    assert net(statement) == 87600
    assert statement.signs_flipped


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("01/03/2026,SHOP,12.00\n02/03/2026,PAYMENT,50.00 CR\n", [-1200, 5000]),
        ("01/03/2026,SHOP,12.00 DR\n02/03/2026,PAYMENT,50.00\n", [-1200, 5000]),
        ("01/03/2026,SHOP,12.00DR\n02/03/2026,PAYMENT,50.00CR\n", [-1200, 5000]),
        ("01/03/2026,SHOP,-12.00\n02/03/2026,PAYMENT,50.00\n", [-1200, 5000]),
    ],
    ids=["cr-only", "dr-only", "both", "no-marks"],
)
def test_cr_and_dr_marks_after_the_amount_decide_the_direction(rows: str, expected: list[int]) -> None:
    statement = read("Date,Description,Amount\n" + rows)
    assert [line.amount_pence for line in statement.lines] == expected


def test_cr_and_dr_marks_in_their_own_column() -> None:
    statement = read("Date,Description,Amount,Cr/Dr\n01/03/2026,SHOP,12.00,DR\n02/03/2026,PAYMENT,50.00,CR\n")
    assert [line.amount_pence for line in statement.lines] == [-1200, 5000]


def test_flip_signs_is_a_choice_that_is_remembered_for_the_layout(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    heads = "Transaction Date,Merchant,Amount\n"
    march = write_file(
        "march.csv", heads + "01/03/2026,Hafod Cafe,4.50\n02/03/2026,Clayworks Studio,30.00\n03/03/2026,Bakery,2.10\n"
    )
    with store.reading() as s:
        first = service.preview(s, march)
    assert [p.line.amount_pence for p in first.new] == [450, 3000, 210]
    assert any("flip the signs" in notice for notice in first.statement.notices)
    import_file(store, march, options=MappingOptions(flip_signs=True))
    april = write_file("april.csv", heads + "01/04/2026,Hafod Cafe,5.00\n")
    with store.reading() as s:
        later = service.preview(s, april)
    assert later.signs_flipped and [p.line.amount_pence for p in later.new] == [-500]
    assert later.mapping is not None and later.mapping.flip_signs is True


def test_revolut_pending_line_is_left_out_then_comes_in_once_completed(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    with store.reading() as s:
        first = service.preview(s, SAMPLES / "revolut.csv")
    assert [(p.payee, p.amount_pence, p.txn_date) for p in first.pending] == [
        ("Hafod Cinema", -950, dt.date(2026, 3, 7))
    ]
    assert any("still pending" in notice for notice in first.statement.notices)
    assert any("declined or reversed" in notice for notice in first.statement.notices)
    assert [p.line.amount_pence for p in first.new] == [20000, -3000, -2150]  # the £1.50 fee is counted
    import_file(store, SAMPLES / "revolut.csv")
    text = (
        (SAMPLES / "revolut.csv")
        .read_text(encoding="utf-8")
        .replace(
            "2026-03-07 18:22:00,,Hafod Cinema,-9.50,0.00,GBP,PENDING,",
            "2026-03-07 18:22:00,2026-03-08 06:00:00,Hafod Cinema,-9.50,0.00,GBP,COMPLETED,139.00",
        )
    )
    later = write_file("revolut-later.csv", text)
    with store.reading() as s:
        again = service.preview(s, later)
    assert [p.line.payee for p in again.new] == ["Hafod Cinema"]
    assert len(again.duplicates) == 3 and again.pending == []
    import_file(store, later)
    assert (dt.date(2026, 3, 8), "out", 950, "Hafod Cinema", "", True) in ledger_rows(store)


def test_a_statement_in_another_currency_warns() -> None:
    text = (SAMPLES / "revolut.csv").read_text(encoding="utf-8").replace(",GBP,", ",EUR,")
    statement = read(text)
    assert statement.currency == "EUR"
    assert "This statement is in EUR, not pounds. Amounts are brought in as they are." in statement.notices


def test_qif_payees_are_decoded_and_lose_their_padding_and_trailing_figure() -> None:
    statement = read((SAMPLES / "santander.qif").read_bytes(), "santander.qif")
    assert [line.payee for line in statement.lines] == [
        "BANK GIRO CREDIT REF CEREDIG COUNCIL & DP",
        "CARD PAYMENT TO M&S SIMPLY FOOD ON 04-03-2026",
        "DIRECT DEBIT PAYMENT TO TAF VALLEY SWIM CLUB",
    ]


def test_closing_balance_is_the_newest_lines_even_when_an_interest_line_is_listed_early() -> None:
    statement = read(
        "Date,Description,Amount,Balance\n"
        "01/03/2026,Ceredig Council,50.00,50.00\n"
        "31/03/2026,Interest,1.00,101.00\n"
        "15/03/2026,Ceredig Council,50.00,100.00\n"
    )
    assert statement.bank_balance == BankBalance(dt.date(2026, 3, 31), 10100)
    assert statement.balance_mismatches == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("headings.csv", "Date,Description,Amount,Balance\n"),
        (
            "empty.ofx",
            "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP"
            "<BANKACCTFROM><BANKID>1<ACCTID>2<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>"
            "<DTSTART>20260301<DTEND>20260331</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
        ),
    ],
)
def test_a_file_with_no_payments_says_so(store: Store, write_file, name: str, content: str) -> None:  # type: ignore[no-untyped-def]
    path = write_file(name, content)
    with store.transaction() as s:
        result = service.preview(s, path)
        assert result.no_payments
        with pytest.raises(InvalidInput, match="this file has no payments in it"):
            service.commit(s, result)


def test_more_detail_is_the_reference_column_not_an_empty_notes_column() -> None:
    path = SAMPLES / "starling.csv"
    statement, _table, mapping, _name = service.read(None, path.read_bytes(), path.name)
    assert mapping is not None and mapping.description == 2
    assert statement.lines[0].description == "DIRECT PAYMENT MARCH"


def test_columns_chosen_in_the_window_keep_the_layouts_remembered_flip_signs(store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("card.csv", "Transaction Date,Merchant,Amount\n01/03/2026,Hafod Cafe,4.50\n")
    import_file(store, path, options=MappingOptions(flip_signs=True))
    later = write_file("card-later.csv", "Transaction Date,Merchant,Amount\n01/04/2026,Clayworks Studio,30.00\n")
    chosen_in_window = service.ColumnMapping(date=0, payee=1, amount=2)  # the column step gives columns only
    with store.reading() as s:
        result = service.preview(s, later, mapping=chosen_in_window)
    assert [p.line.amount_pence for p in result.new] == [-3000]


def test_a_revolut_mapping_remembered_before_pending_lines_were_known_still_leaves_them_out(store: Store) -> None:
    data = (SAMPLES / "revolut.csv").read_bytes()
    table = service.csv_reader.read_table(data)
    with store.transaction() as s:
        old = service.ColumnMapping(date=3, payee=4, amount=5, balance=9)
        service.mappings.remember(s, table.signature, old, "Revolut")
    with store.reading() as s:
        result = service.preview(s, data)
    assert result.problems == []
    assert [p.payee for p in result.pending] == ["Hafod Cinema"]
    assert [p.line.amount_pence for p in result.new] == [20000, -3000, -2150]

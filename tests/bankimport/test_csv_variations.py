"""CSV statements in every shape the import must handle, and the bad files it must refuse (no store needed)."""

from __future__ import annotations

import codecs
import datetime as dt
import re

import pytest

from ipb_desktop.bankimport import cells, service
from ipb_desktop.bankimport.detect import decode_text, detect_format
from ipb_desktop.bankimport.lines import ParsedStatement, StatementRefused

HEADINGS = "Date,Description,Amount\n"


def read(data: bytes | str, name: str = "statement.csv") -> ParsedStatement:
    raw = data.encode() if isinstance(data, str) else data
    return service.read(None, raw, name)[0]


def payees(data: bytes | str) -> list[str]:
    return [line.payee for line in read(data).lines]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "windows-1252", "iso-8859-1"],
)
def test_encodings_decode_to_the_exact_text(encoding: str, prefix: bytes) -> None:
    text = HEADINGS + "01/04/2026,Siân's Café Crème,-4.20\n"
    if encoding == "cp1252":
        text += "02/04/2026,Zoë – £5 “gift” €,-5.00\n"
    elif encoding == "latin-1":
        text += "02/04/2026,Zoë ½ price £5,-5.00\n"
    else:
        text += "02/04/2026,Dŵr Cymru – Zoë £5 €,-5.00\n"
    expected = [line.split(",")[1] for line in text.splitlines()[1:]]
    assert payees(prefix + text.encode(encoding)) == expected


def test_windows_1252_and_latin_1_are_told_apart_by_the_bytes_only_one_uses() -> None:
    assert decode_text("Caf\u00e9 \u20ac".encode("cp1252")) == ("Café €", "cp1252")
    assert decode_text(b"caf\xe9 \x81")[1] != "cp1252"  # 0x81 is not a Windows-1252 character


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(delimiter: str) -> None:
    text = f"Date{delimiter}Description{delimiter}Amount\n01/04/2026{delimiter}A, B and C{delimiter}-1.50\n"
    if delimiter == ",":
        text = 'Date,Description,Amount\n01/04/2026,"A, B and C",-1.50\n'
    statement = read(text)
    assert [(line.payee, line.amount_pence) for line in statement.lines] == [("A, B and C", -150)]


def test_preamble_lines_before_the_headings() -> None:
    text = "Alys Testwood\nAccount ending 1234\nFrom 01/04/2026 to 30/04/2026\n\n" + HEADINGS + "05/04/2026,GYM,-25\n"
    (line,) = read(text).lines
    assert (line.line_no, line.txn_date, line.amount_pence) == (6, dt.date(2026, 4, 5), -2500)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["05/04/2026", "06/04/2026"], [dt.date(2026, 4, 5), dt.date(2026, 4, 6)]),  # UK first when it could be either
        (["04/05/2026", "04/13/2026"], [dt.date(2026, 4, 5), dt.date(2026, 4, 13)]),  # only month-first fits them all
        (["2026-04-05", "2026/04/06"], [dt.date(2026, 4, 5), dt.date(2026, 4, 6)]),
        (["5 Apr 2026", "06-Apr-26"], [dt.date(2026, 4, 5), dt.date(2026, 4, 6)]),
        (["05.04.2026", "06.04.26"], [dt.date(2026, 4, 5), dt.date(2026, 4, 6)]),
        (["2026-04-05T10:15:00", "2026-04-07 08:00", "06/04/2026 23:59"], None),
        (["20260405", "20260406"], [dt.date(2026, 4, 5), dt.date(2026, 4, 6)]),
    ],
)
def test_date_order_is_decided_for_the_whole_file(dates: list[str], expected: list[dt.date] | None) -> None:
    text = HEADINGS + "".join(f"{d},X,-1.00\n" for d in dates)
    statement = read(text)
    if expected is None:  # ISO and day-first in one file: the one that does not fit is named
        assert [line.txn_date for line in statement.lines] == [dt.date(2026, 4, 5), dt.date(2026, 4, 7)]
        assert [str(p) for p in statement.problems] == [
            "Line 4: '06/04/2026 23:59' is written day/month/year, but the other dates in this file are year-month-day"
        ]
    else:
        assert [line.txn_date for line in statement.lines] == expected


def test_mixed_day_first_and_month_first_dates_are_named_by_line() -> None:
    text = HEADINGS + "25/04/2026,A,-1\n26/04/2026,B,-1\n04/27/2026,C,-1\n"
    statement = read(text)
    assert [line.payee for line in statement.lines] == ["A", "B"]
    assert [str(p) for p in statement.problems] == [
        "Line 4: '04/27/2026' is written month/day/year, but the other dates in this file are day/month/year"
    ]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("31/02/2026", "'31/02/2026' is not a real date"),
        ("00/01/2026", "'00/01/2026' is not a real date"),
        ("01/01/1889", "'01/01/1889' is not a real date"),
        ("tomorrow", "'tomorrow' is not a date"),
        ("", "the date is missing"),
    ],
)
def test_impossible_dates_are_refused_with_the_line_number(cell: str, reason: str) -> None:
    statement = read(HEADINGS + "01/04/2026,OK,-1\n" + f"{cell},BAD,-1\n")
    assert [str(p) for p in statement.problems] == [f"Line 3: {reason}"]


@pytest.mark.parametrize(
    ("cell", "pence"),
    [
        ("-12.50", -1250),
        ("£12.50", 1250),
        ("-£1,234.56", -123456),
        ("(£1,234.56)", -123456),
        ("(12.50)", -1250),
        ("+3", 300),
        ("12.50-", -1250),
        ("12.50 DR", -1250),
        ("12.50 CR", 1250),
        ("1 234.50", 123450),
        ("GBP 7.00", 700),
        (".5", 50),
    ],
)
def test_amounts(cell: str, pence: int) -> None:
    assert cells.read_amount(cell) == pence


@pytest.mark.parametrize("cell", ["12.345", "1.234,56", "£12.5.0", "twelve", "€5.00", "1,23"])
def test_impossible_amounts(cell: str) -> None:
    with pytest.raises(ValueError, match="is not an amount of money"):
        cells.read_amount(cell)


def test_separate_paid_out_and_paid_in_columns() -> None:
    text = (
        "Date,Description,Paid out,Paid in\n01/04/2026,COUNCIL,,520.00\n02/04/2026,GYM,25.00,\n03/04/2026,X,0.00,4.00\n"
    )
    assert [line.amount_pence for line in read(text).lines] == [52000, -2500, 400]


def test_a_debit_column_written_with_a_minus_still_means_money_out() -> None:
    text = "Date,Description,Debit,Credit\n02/04/2026,GYM,-25.00,\n"
    assert [line.amount_pence for line in read(text).lines] == [-2500]


def test_a_line_with_money_both_in_and_out_is_a_problem() -> None:
    text = "Date,Description,Money out,Money in\n02/04/2026,ODD,5.00,6.00\n03/04/2026,OK,1.00,\n"
    statement = read(text)
    assert [str(p) for p in statement.problems] == [
        "Line 2: this line has money both paid out and paid in; it should be one or the other"
    ]


def test_zero_lines_are_left_out_and_said_so() -> None:
    statement = read(HEADINGS + "01/04/2026,INFO,0.00\n02/04/2026,GYM,-1\n")
    assert len(statement.lines) == 1
    assert statement.notices == ["1 line with an amount of 0.00 was left out: it moves no money"]


def test_running_balance_newest_first_and_oldest_first() -> None:
    oldest_first = "Date,Description,Amount,Balance\n01/04/2026,A,100,100\n02/04/2026,B,-30,70\n03/04/2026,C,-5,66\n"
    statement = read(oldest_first)
    assert [str(p) for p in statement.balance_mismatches] == [
        "Line 4: the file says the balance after this line is £66.00, but the balance before it and this amount "
        "make £65.00 (a difference of £1.00)"
    ]
    assert statement.bank_balance is not None
    assert (statement.bank_balance.on, statement.bank_balance.pence) == (dt.date(2026, 4, 3), 6600)
    lines = oldest_first.splitlines()
    newest_first = "\n".join([lines[0], *reversed(lines[1:])]).replace("66", "65") + "\n"
    statement = read(newest_first)
    assert statement.balance_mismatches == []
    assert statement.bank_balance is not None and statement.bank_balance.pence == 6500


def test_truncated_last_line_is_named() -> None:
    statement = read("Date,Description,Amount,Balance\n01/04/2026,A,-1.00,10.00\n02/04/2026,B")
    assert [str(p) for p in statement.problems] == [
        "Line 3: this line is cut short, so the file may not have downloaded completely; download it again"
    ]


def test_a_file_of_mixed_formats_names_the_lines_that_do_not_fit() -> None:
    text = HEADINGS + "01/04/2026,A,-1.00\n<STMTTRN><TRNAMT>-5.00\n02/04/2026,B,-2.00,extra,columns\n"
    statement = read(text)
    assert [str(p) for p in statement.problems] == [
        "Line 3: this line has 1 columns but the headings have 3",
        "Line 4: this line has more columns than the headings (5, not 3)",
    ]


def test_a_file_where_nothing_can_be_read_is_refused(store: object) -> None:
    del store
    with pytest.raises(StatementRefused) as refused:
        service.preview(None, (HEADINGS + "31/02/2026,A,-1\n").encode())  # type: ignore[arg-type]
    assert [str(p) for p in refused.value.line_problems] == [
        "nothing in this file can be imported:",
        "Line 2: '31/02/2026' is not a real date",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n...", "this is a PDF file, not a bank statement this app can read"),
        (b"PK\x03\x04xlsx", "this is a spreadsheet (Excel or similar) file"),
        (b"Dear Alys,\nYour statement is attached.\nBest wishes\n", "this file does not look like a bank statement"),
        (b"\x00\x01\x02\x03binary\x00stuff" * 10, "this file is not a bank statement: it is not text"),
        (b"   \n\n", "this file is empty"),
    ],
)
def test_files_that_are_not_statements_are_refused(content: bytes, reason: str) -> None:
    with pytest.raises(StatementRefused, match=re.escape(reason)):
        service.preview(None, content)  # type: ignore[arg-type]


def test_format_is_found_from_the_content_not_the_name() -> None:
    assert detect_format(b"OFXHEADER:100\nDATA:OFXSGML\n<OFX></OFX>", "statement.csv") == "ofx"
    assert detect_format(b"!Type:Bank\nD01/01/2026\n^", "x.txt") == "qif"
    assert detect_format(b"Date,Amount\n", "x.ofx") == "csv"


def test_truncated_ofx_and_qif_are_refused() -> None:
    ofx = b"OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST><STMTTRN><TRNAMT>-5"
    with pytest.raises(StatementRefused, match="stops part of the way through"):
        service.read(None, ofx, "cut.ofx")
    with pytest.raises(StatementRefused, match="Line 2: the last payment in this file has no end mark"):
        service.read(None, b"!Type:Bank\nD01/01/2026\nT-5.00\n", "cut.qif")


def test_qif_with_bad_lines_names_them() -> None:
    qif = b"!Type:Bank\nD01/04/2026\nT-5.00\nPGYM\n^\nD31/04/2026\nT-1.00\n^\nD02/04/2026\nTlots\n^\n"
    statement = service.read(None, qif, "x.qif")[0]
    assert [line.payee for line in statement.lines] == ["GYM"]
    assert [str(p) for p in statement.problems] == [
        "Line 6: '31/04/2026' is not a real date",
        "Line 9: 'lots' is not an amount of money",
    ]

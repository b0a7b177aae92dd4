"""The command line's column choices (--columns, --date-format, --flip-signs, --save-mapping), its advice for a
refused file, and `ipb-desktop mapping list|show|delete`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

from .conftest import ledger_rows

SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_mapping_command_is_registered() -> None:
    assert cli.COMMANDS["mapping"] == "ipb_desktop.cli.mappings"


def test_unknown_headings_are_refused_with_the_columns_option_that_reads_them(
    store: Store,
    store_path: Path,
    write_file,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store.close()
    path = write_file("portal.csv", "Posted,Details,Money\n01/03/2026,Hafod Cafe,-4.50\n02/03/2026,Refund,1.00\n")
    code, _out, err = run(capsys, "import", store_path, path)
    assert code == 5
    assert "choose the column that holds the date" in err
    assert "Try: --columns date=Posted,amount=Money" in err
    assert "The columns in this file are: 1 Posted, 2 Details, 3 Money" in err
    assert err.splitlines()[-1] == "Nothing was imported."
    code, out, err = run(capsys, "import", store_path, path, "--columns", "date=Posted,amount=Money,payee=2")
    assert code == 0, err
    assert "Imported 2 new payments" in out
    with Store.open(store_path, PASSPHRASE) as again:
        assert (dt.date(2026, 3, 1), "out", 450, "Hafod Cafe", "", True) in ledger_rows(again)


def test_a_bad_line_is_named_with_its_column_and_the_option_that_fixes_it(
    store: Store,
    store_path: Path,
    write_file,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store.close()
    path = write_file(
        "card.csv",
        "Started Date,Completed Date,Description,Amount\n"
        "01/03/2026,02/03/2026,Hafod Cafe,-4.50\n03/03/2026,,Clayworks Studio,-30.00\n",
    )
    code, _out, err = run(capsys, "import", store_path, path)
    assert code == 5
    assert "Line 3, column 'Completed Date': the date is missing" in err
    assert 'For line 3, try: --columns date="Started Date"' in err
    code, out, err = run(capsys, "import", store_path, path, "--columns", 'date="Started Date"')
    assert code == 0 and "Imported 2 new payments" in out, err


def test_date_format_reads_month_first_dates(
    store: Store,
    store_path: Path,
    write_file,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store.close()
    path = write_file("us.csv", "Date,Description,Amount\n03/04/2026,Hafod Cafe,-4.50\n")
    code, _out, err = run(capsys, "import", store_path, path, "--date-format", "mm/dd/yyyy")
    assert code == 0, err
    with Store.open(store_path, PASSPHRASE) as again:
        assert ledger_rows(again)[0][0] == dt.date(2026, 3, 4)


def test_flip_signs_and_save_mapping_are_remembered_and_the_mapping_command_shows_and_deletes_them(
    store: Store,
    store_path: Path,
    write_file,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store.close()
    heads = "Transaction Date,Merchant,Amount\n"
    march = write_file("march.csv", heads + "01/03/2026,Hafod Cafe,4.50\n")
    code, out, err = run(capsys, "import", store_path, march, "--flip-signs", "--save-mapping", "Prepaid card")
    assert code == 0, err
    assert "so spending was read as money out" in out
    april = write_file("april.csv", heads + "01/04/2026,Hafod Cafe,5.00\n")
    code, out, err = run(capsys, "import", store_path, april)
    assert code == 0 and "Columns: Prepaid card" in out and "-£5.00" in out, err
    code, out, _err = run(capsys, "mapping", store_path, "list")
    assert (code, out) == (0, "Prepaid card\n")
    code, out, _err = run(capsys, "mapping", store_path, "show", "Prepaid card")
    assert code == 0
    assert "  date: column 1\n" in out and "  payee: column 2\n" in out and "  amount: column 3\n" in out
    assert "  flip signs: yes\n" in out
    code, out, _err = run(capsys, "mapping", store_path, "delete", "Prepaid card")
    assert code == 0 and "Deleted the saved columns 'Prepaid card'" in out
    code, out, _err = run(capsys, "mapping", store_path, "list")
    assert code == 0 and "No column choices are saved yet" in out
    code, _out, err = run(capsys, "mapping", store_path, "show", "Prepaid card")
    assert code == 5 and "there is no saved column mapping called 'Prepaid card'" in err
    with Store.open(store_path, PASSPHRASE) as again:
        assert sorted(r[2] for r in ledger_rows(again) if r[1] == "out") == [450, 500]


def test_pending_lines_are_listed_and_an_empty_file_says_it_has_no_payments(
    store: Store,
    store_path: Path,
    write_file,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store.close()
    code, out, _err = run(capsys, "import", store_path, SAMPLES / "revolut.csv", "--dry-run")
    assert code == 0
    assert "pending" in out and "Hafod Cinema" in out and "-£9.50" in out
    empty = write_file("empty.csv", "Date,Description,Amount\n")
    code, out, _err = run(capsys, "import", store_path, empty)
    assert code == 0
    assert out.splitlines()[-1] == "This file has no payments in it, so there is nothing to import."
    assert "already in" not in out.splitlines()[-1]


def test_a_column_or_date_format_that_cannot_be_used_is_explained(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    path = SAMPLES / "firstdirect.csv"
    code, _out, err = run(capsys, "import", store_path, path, "--columns", "date=Posted")
    assert code == 5
    assert "this file has no column 'Posted'. Give a heading or a number from: 1 Date, 2 Description" in err
    code, _out, err = run(capsys, "import", store_path, path, "--columns", "when=1")
    assert code == 5 and "'when=1' is not a column choice" in err
    code, _out, err = run(capsys, "import", store_path, path, "--date-format", "sometime")
    assert code == 5 and "'sometime' is not a date format this app knows" in err

"""The smaller robustness fixes, each as a person would meet it on the command line."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest

from ipb_desktop import cli, demo
from ipb_desktop.bankimport.cells import looks_like_date
from ipb_desktop.bankimport.writer import clean_text
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def closed(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    filled_store.close()
    return filled_store.path


def test_a_demo_stopped_by_a_full_disk_leaves_nothing_under_the_real_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)

    def full(store: Store, today: dt.date) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(demo, "build_demo", full)
    code, _out, err = run(capsys, "demo", tmp_path / "try.ipb", "--today", "01/06/2026")
    assert code == 4 and "the disk is full" in err
    assert not [p for p in tmp_path.iterdir() if "try" in p.name]


def test_terminal_escapes_in_a_statement_never_reach_the_terminal(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = tmp_path / "bank.csv"
    statement.write_text("Date,Description,Amount\n03/05/2026,Cafe\x1b]0;owned\x07\x1b[2J,-4.50\n", encoding="utf-8")
    code, out, err = run(capsys, "import", closed, statement, "--dry-run")
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err and "Cafe" in out
    assert clean_text("a\x1b[31mb\u202ec", 50) == "a [31mb c"


def test_a_four_digit_year_0001_is_not_read_as_2001() -> None:
    assert not looks_like_date("01/01/0001")
    assert looks_like_date("01/01/01") and looks_like_date("01/01/2001")


def test_a_statement_with_only_headings_says_so(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = tmp_path / "empty.csv"
    statement.write_text("Date,Description,Amount\n", encoding="utf-8")
    code, out, err = run(capsys, "import", closed, statement)
    said = out + err
    assert code == 0 and "no payments in it" in said and "every line is already in" not in said


def test_a_huge_receipt_is_named_at_its_real_size(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as handle:
        handle.truncate(500 * 1024 * 1024)  # sparse: no disk used
    code, _out, err = run(capsys, "receipt", closed, "3", huge)
    assert code == 5 and "500.0 MB" in err


def test_a_file_problem_without_a_file_name_says_so_plainly(
    closed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipb_desktop.cli import summary

    def failing(args: object) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(summary, "run_summary", failing)
    code, _out, err = run(capsys, "summary", closed)
    assert code == 4 and "Could not read or write a file: Input/output error" in err and "file :" not in err

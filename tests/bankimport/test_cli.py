"""`ipb-desktop import STORE FILE [--mapping NAME] [--dry-run] [--skip-bad-lines]`, through the real command line."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

from .conftest import FIXTURES, ledger_rows

MODULE = "ipb_desktop.cli.bank_import"


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)


def test_the_import_command_is_registered() -> None:
    assert MODULE in cli.COMMAND_MODULES
    assert cli.COMMANDS["import"] == MODULE


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_prints_what_would_come_in_and_saves_nothing(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    code, out, _err = run(capsys, "import", store_path, FIXTURES / "lloyds-uk-sample.csv", "--dry-run")
    assert code == 0
    assert "Statement: lloyds-uk-sample.csv (CSV)" in out
    assert "12 new, 0 already in, 0 matching payments you logged by hand, 0 with problems" in out
    assert "15/01/2024" in out and "-£8.99" in out and "ACME STORE" in out
    assert "Balance on 15 January 2024: the bank says £2,040.59" in out
    assert "Balance: Line 6:" in out
    assert "Nothing was saved (this was a dry run)." in out
    with Store.open(store_path, PASSPHRASE) as again:
        assert ledger_rows(again) == []


def test_import_then_again_adds_nothing(store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    code, out, _err = run(capsys, "import", store_path, FIXTURES / "actual-windows-1252-euro.csv")
    assert code == 0
    assert "Imported 1 new payment, matched 0 logged by hand (import number 1;" in out
    code, out, _err = run(capsys, "import", store_path, FIXTURES / "actual-windows-1252-euro.csv")
    assert (code, out.splitlines()[-1]) == (0, "Nothing new to import: every line is already in.")
    with Store.open(store_path, PASSPHRASE) as again:
        assert ledger_rows(again) == [(dt.date(2025, 12, 4), "in", 10025, "Café €Rémy", "", True)]


def test_problem_lines_exit_5_unless_skipped(
    store: Store, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount\n01/04/2026,GOOD,-1.00\n31/02/2026,BAD,-2.00\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", store_path, bad)
    assert code == 5
    assert "Line 3, column 'Date': '31/02/2026' is not a real date" in err
    assert "Nothing was imported." in err and "--skip-bad-lines" in err
    code, out, _err = run(capsys, "import", store_path, bad, "--skip-bad-lines")
    assert code == 0 and "Imported 1 new payment" in out


def test_broken_file_is_refused_with_exit_5(store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    code, out, err = run(capsys, "import", store_path, FIXTURES / "ofxparse-broken-decimal_error.ofx")
    assert code == 5
    assert "Line 34: this payment's amount is not an amount of money ('$120')" in err
    assert "Traceback" not in out + err


def test_wrong_passphrase_and_not_a_store(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    code, _out, _err = run(capsys, "import", FIXTURES / "lloyds-uk-sample.csv", FIXTURES / "lloyds-uk-sample.csv")
    assert code == 4
    monkeypatch.setenv("IPB_PASSPHRASE", "not the passphrase at all")
    code, _out, _err = run(capsys, "import", store_path, FIXTURES / "lloyds-uk-sample.csv")
    assert code == 3


def test_unknown_mapping_name_and_missing_file(
    store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    code, _out, err = run(capsys, "import", store_path, FIXTURES / "lloyds-uk-sample.csv", "--mapping", "Lloyds")
    assert code == 5 and "there is no saved column mapping called 'Lloyds'" in err
    code, _out, err = run(capsys, "import", store_path, FIXTURES / "no-such-file.csv")
    assert code == 5 and "there is no file called no-such-file.csv" in err
    assert run(capsys, "import", store_path)[0] == 2  # FILE missing: usage


def test_installed_command_imports_a_statement(store: Store, store_path: Path) -> None:
    """End to end: the installed `ipb-desktop` console script, as a separate process."""
    store.close()
    beside = Path(sys.executable).with_name("ipb-desktop")
    command = [str(beside)] if beside.exists() else [shutil.which("ipb-desktop") or "ipb-desktop"]
    env = {**os.environ, "IPB_PASSPHRASE": PASSPHRASE}
    done = subprocess.run(
        [*command, "import", str(store_path), str(FIXTURES / "actual-8859-1.qfx")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Paiement facture/Carte prépayée" in done.stdout
    assert "Imported 1 new payment" in done.stdout
    with Store.open(store_path, PASSPHRASE) as again:
        assert len(ledger_rows(again)) == 1

"""`ipb-desktop statement`, `review-pack` and `export-csv`: the files they save, what they say, exit codes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.cli import common as cli_common
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE
from tests.statements.conftest import JUNE_END
from tests.statements.helpers import pdf_text


@pytest.fixture
def closed_store(filled_store: Store, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    filled_store.close()
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_common, "today", lambda: JUNE_END.replace(day=20))
    return store_path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_statement_for_dates_saves_the_pdf_and_says_it_is_not_encrypted(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "april.pdf"
    code, said, _err = run(
        capsys, "statement", closed_store, "--from", "01/04/2026", "--to", "2026-06-30", "--out", out
    )
    assert code == 0
    assert str(out) in said and "NOT encrypted" in said
    assert "Closing balance (end of 30 June 2026) £1,382.50" in pdf_text(out)
    assert not list(tmp_path.glob("*.part"))


def test_statement_by_preset(closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "quarter.pdf"
    assert run(capsys, "statement", closed_store, "--preset", "this_quarter", "--out", out)[0] == 0
    assert "Monitoring return for 1 April 2026 to 20 June 2026" in pdf_text(out)


def test_review_pack_with_large_print_and_no_payment_list(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack.pdf"
    code, said, _err = run(capsys, "review-pack", closed_store, "--out", out, "--large-print", "--no-transactions")
    assert code == 0 and "NOT encrypted" in said
    text = pdf_text(out)
    assert "My review pack" in text and "Every payment in these dates" not in text


def test_export_csv_of_transactions_and_summary(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payments, summary = tmp_path / "payments.csv", tmp_path / "summary.csv"
    assert run(capsys, "export-csv", closed_store, "--out", payments)[0] == 0
    assert (
        run(
            capsys,
            "export-csv",
            closed_store,
            "--out",
            summary,
            "--what",
            "summary",
            "--from",
            "01/04/2026",
            "--to",
            "30/06/2026",
        )[0]
        == 0
    )
    with payments.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 4
    assert "closing_balance,,1382.50" in summary.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--out", "{tmp}/x.pdf"], 2, "Say which dates"),
        (["--from", "01/04/2026", "--out", "{tmp}/x.pdf"], 2, "both --from and --to"),
        (["--from", "30/06/2026", "--to", "01/04/2026", "--out", "{tmp}/x.pdf"], 5, "swap"),
        (["--from", "31/31/2026", "--to", "01/04/2026", "--out", "{tmp}/x.pdf"], 5, "not a date"),
        (["--preset", "this_quarter", "--out", "{store}"], 5, "budget store file"),
        (["--preset", "someday", "--out", "{tmp}/x.pdf"], 2, "invalid choice"),
    ],
)
def test_mistakes_get_plain_messages_and_documented_codes(
    closed_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    words: str,
) -> None:
    filled = [a.format(tmp=tmp_path, store=closed_store) for a in argv]
    result, _out, err = run(capsys, "statement", closed_store, *filled)
    assert (result, words in err) == (code, True)
    with Store.open(closed_store, PASSPHRASE):
        pass  # the store is still there and still opens
    assert not (tmp_path / "x.pdf").exists()


def test_wrong_passphrase_exits_3(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", "not the right words")
    assert run(capsys, "statement", closed_store, "--preset", "last_quarter", "--out", tmp_path / "x.pdf")[0] == 3


def test_the_installed_command_makes_a_statement(closed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "from-shell.pdf"
    script = Path(sys.executable).with_name("ipb-desktop")
    done = subprocess.run(
        [str(script), "statement", str(closed_store), "--from", "01/04/2026", "--to", "30/06/2026", "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "IPB_PASSPHRASE": PASSPHRASE},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "NOT encrypted" in done.stdout
    assert "Money in £1,720.00" in pdf_text(out)


def test_language_of_the_documents(closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipb_desktop import i18n, settings

    welsh = tmp_path / "cymraeg.pdf"
    english = tmp_path / "english.pdf"
    args = ("statement", closed_store, "--from", "01/04/2026", "--to", "30/06/2026")
    assert run(capsys, *args, "--out", english)[0] == 0
    assert run(capsys, *args, "--out", welsh, "--language", "cy")[0] == 0
    assert i18n.current_locale() != "cy"  # the command line itself goes back to its own language
    assert "Closing balance" in pdf_text(english)
    assert "Closing balance" not in pdf_text(welsh)
    assert "Balans terfynol" in pdf_text(welsh)
    # Without --language: the store's own choice.
    with Store.open(closed_store, PASSPHRASE) as store, store.transaction() as s:
        settings.put(s, "language", "cy")
    chosen = tmp_path / "store-choice.pdf"
    assert run(capsys, *args, "--out", chosen)[0] == 0
    assert "Balans terfynol" in pdf_text(chosen)
    # The evidence pack's statement follows the same choice (it used to be English whatever was chosen).
    evidence = tmp_path / "tystiolaeth.pdf"
    assert run(capsys, "evidence-pack", *args[1:], "--out", evidence)[0] == 0
    assert "Balans terfynol" in pdf_text(evidence)
    english_evidence = tmp_path / "evidence.pdf"
    assert run(capsys, "evidence-pack", *args[1:], "--out", english_evidence, "--language", "en_GB")[0] == 0
    assert "Closing balance" in pdf_text(english_evidence)


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        ("statement", ["--from", "01/04/2026", "--to", "30/06/2026", "--out", "{tmp}/statement.html"]),
        ("review-pack", ["--out", "{tmp}/pack.HTML"]),
        ("evidence-pack", ["--preset", "this_quarter", "--out", "{tmp}/evidence.web", "--format", "html"]),
    ],
)
def test_each_document_can_be_saved_as_an_accessible_web_page(
    closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, extra: list[str]
) -> None:
    argv = [a.format(tmp=tmp_path) for a in extra]
    code, said, _err = run(capsys, command, closed_store, *argv)
    out = Path(argv[argv.index("--out") + 1])
    assert code == 0 and str(out) in said and "NOT encrypted" in said
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert page.count("<h1>") == 1 and "<caption>" in page
    assert not out.read_bytes().startswith(b"%PDF")


def test_format_pdf_wins_over_the_name(closed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "statement.html"
    argv = ["--preset", "this_quarter", "--out", out, "--format", "pdf"]
    assert run(capsys, "statement", closed_store, *argv)[0] == 0
    assert out.read_bytes().startswith(b"%PDF")

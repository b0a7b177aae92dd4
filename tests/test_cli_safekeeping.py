"""The command line can do what the window does to keep a budget safe: backup, restore, undo-import, export-all
and import-all; and an unexpected error is a calm message, a log without personal details and exit code 70."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipb_desktop import cli, crash
from ipb_desktop.cli import common as cli_common
from ipb_desktop.models.backup_names import backups_folder
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

BANK = Path("/work/shared/fixtures/bank")
STATEMENT = b"Date,Description,Amount\n03/05/2026,Corner Cafe,-4.50\n04/05/2026,Bus ticket,-2.20\n"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def closed(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_common, "today", lambda: dt.date(2026, 5, 10))
    filled_store.close()
    return filled_store.path


def payments(path: Path) -> int:
    with Store.open(path, PASSPHRASE) as store, store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Transaction).where(Transaction.deleted_at.is_(None))))


def test_backup_then_restore_puts_the_budget_back(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "backup", closed)
    assert code == 0
    (made,) = backups_folder(closed).glob("*by-hand.ipb")
    assert str(made) in out
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, "backup", closed, "--to", usb)[0] == 0
    assert len(list(usb.glob("alys-backup-*.ipb"))) == 1

    assert run(capsys, "pay", closed, "--amount", "9.99", "--payee", "Corner shop")[0] == 0
    assert payments(closed) == 5
    code, out, _err = run(capsys, "restore", closed, made)
    assert code == 0 and "4 payments" in out
    assert payments(closed) == 4
    assert list(backups_folder(closed).glob("*before-restore.ipb"))


def test_restore_with_the_wrong_passphrase_changes_nothing(
    closed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "backup", closed)
    (made,) = backups_folder(closed).glob("*by-hand.ipb")
    before = closed.read_bytes()
    monkeypatch.setenv("IPB_PASSPHRASE", "not the passphrase")
    assert run(capsys, "restore", closed, made)[0] == 3
    assert closed.read_bytes() == before


def test_undo_import_takes_the_payments_back_out(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = tmp_path / "bank.csv"
    statement.write_bytes(STATEMENT)
    code, out, err = run(capsys, "import", closed, statement)
    assert code == 0, err
    assert payments(closed) == 6
    number = out.rsplit("import number ", 1)[1].split(";")[0]
    code, out, _err = run(capsys, "undo-import", closed, number)
    assert code == 0 and f"import number {number}" in out
    assert payments(closed) == 4
    assert run(capsys, "undo-import", closed, number)[0] == 5  # already undone
    assert run(capsys, "undo-import", closed, "seven")[0] == 5


def test_export_all_then_import_all_makes_a_new_store(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _err = run(capsys, "export-all", closed, "--out", tmp_path / "everything")
    assert code == 0 and "NOT encrypted" in out
    zipped = tmp_path / "everything.zip"
    assert zipped.exists()
    monkeypatch.setenv("IPB_PASSPHRASE", "a new passphrase for the copy")
    code, out, err = run(capsys, "import-all", tmp_path / "copy.ipb", zipped)
    assert code == 0, err
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    with Store.open(tmp_path / "copy.ipb", "a new passphrase for the copy") as copy, copy.reading() as s:
        assert s.scalar(select(func.count()).select_from(Transaction)) == 4
    assert run(capsys, "import-all", tmp_path / "copy.ipb", zipped)[0] == 5  # never over an existing file
    assert run(capsys, "import-all", tmp_path / "other.ipb", tmp_path / "missing.zip")[0] == 5


def test_an_unexpected_error_is_calm_logged_without_personal_details_and_exits_70(
    closed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipb_desktop.cli import summary

    def broken(args: object) -> int:
        raise ValueError("Alys Testwood paid Corner Cafe 4.50")

    monkeypatch.setattr(summary, "run_summary", broken)
    code, _out, err = run(capsys, "summary", closed)
    assert code == crash.EXIT_UNEXPECTED == cli.EXIT_UNEXPECTED == 70
    assert "Something unexpected went wrong" in err and "Alys" not in err
    (log,) = crash.logs_folder().glob("crash-*.log")
    text = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text and "test_cli_safekeeping.py" in text
    assert "Alys" not in text and "Corner" not in text and "4.50" not in text
    assert log.stat().st_mode & 0o777 == 0o600


def test_the_hook_catches_what_escapes_everything(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    shown: list[str] = []
    old_hook = sys.excepthook
    try:
        crash.install(show=shown.append)
        try:
            raise RuntimeError("payee Jo Assistant")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = old_hook
    assert shown and "Something unexpected went wrong" in shown[0] and "Jo Assistant" not in shown[0]


def test_core_dumps_are_turned_off(capsys: pytest.CaptureFixture[str]) -> None:
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        crash.disable_core_dumps()
        assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, before)

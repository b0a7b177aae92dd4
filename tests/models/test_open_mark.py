"""A store copied without its write-ahead log after a crash says so when opened (issue 13, item 7).

SQLite keeps the newest commits in `STORE-wal` until they are folded into the store. A person whose computer
stopped, and who then copies only `alys.ipb` to a USB stick, would lose those commits without a word; now the
copy says that recent changes may be missing and names the file to copy too."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ipb_desktop import backup, cli, ledger
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE


def _pay(store: Store, payee: str) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 11, 20), "out", 1250, payee=payee))


def _payees(store: Store) -> set[str]:
    with store.reading() as s:
        return set(s.scalars(ledger.live().with_only_columns(Transaction.payee)))


def _copy_main_file_only(store: Store, folder: Path) -> Path:
    """What a person does after a crash with a file manager: copy the .ipb, not the -wal beside it."""
    folder.mkdir()
    target = folder / store.path.name
    shutil.copyfile(store.path, target)
    return target


def test_a_copy_made_while_changes_were_still_in_the_log_warns_that_they_may_be_missing(
    filled_store: Store, tmp_path: Path
) -> None:
    _pay(filled_store, "Examplehampton Pottery")
    assert Path(str(filled_store.path) + "-wal").stat().st_size > 0  # the payment is still in the log
    copy = _copy_main_file_only(filled_store, tmp_path / "usb")
    opened = Store.open(copy, PASSPHRASE)
    try:
        assert opened.log_missing
        assert "Examplehampton Pottery" not in _payees(opened)  # and indeed the payment did not travel with it
    finally:
        opened.close()
    again = Store.open(copy, PASSPHRASE)  # told once: the copy is now a store in its own right
    assert not again.log_missing
    again.close()


def test_a_store_closed_cleanly_and_copied_alone_opens_without_a_warning(filled_store: Store, tmp_path: Path) -> None:
    _pay(filled_store, "Examplehampton Pottery")
    filled_store.close()
    assert not Path(str(filled_store.path) + "-wal").exists()
    copy = tmp_path / "usb.ipb"
    shutil.copyfile(filled_store.path, copy)
    opened = Store.open(copy, PASSPHRASE)
    try:
        assert not opened.log_missing
        assert "Examplehampton Pottery" in _payees(opened)
    finally:
        opened.close()


def test_a_crash_with_the_log_still_beside_the_store_recovers_everything_without_a_warning(
    filled_store: Store, tmp_path: Path
) -> None:
    _pay(filled_store, "Examplehampton Pottery")
    folder = tmp_path / "after-crash"
    copy = _copy_main_file_only(filled_store, folder)
    shutil.copyfile(str(filled_store.path) + "-wal", str(copy) + "-wal")  # the log travelled too
    opened = Store.open(copy, PASSPHRASE)
    try:
        assert not opened.log_missing
        assert "Examplehampton Pottery" in _payees(opened)
    finally:
        opened.close()
    again = Store.open(copy, PASSPHRASE)
    assert not again.log_missing
    again.close()


def test_looking_only_never_marks_the_store(filled_store: Store, tmp_path: Path) -> None:
    """Reading never writes: a session that only looks leaves the file as it was, so a copy of it is clean."""
    path = filled_store.path
    filled_store.close()
    before = path.read_bytes()
    looking = Store.open(path, PASSPHRASE)
    assert _payees(looking)
    copy = _copy_main_file_only(looking, tmp_path / "usb")
    assert path.read_bytes() == before
    looking.close()
    assert path.read_bytes() == before
    opened = Store.open(copy, PASSPHRASE)
    assert not opened.log_missing
    opened.close()


def test_backups_taken_while_the_store_is_open_restore_without_a_false_warning(
    filled_store: Store, tmp_path: Path
) -> None:
    _pay(filled_store, "Examplehampton Pottery")
    (tmp_path / "backups").mkdir()
    taken = backup.back_up_now(filled_store, tmp_path / "backups")
    filled_store.change_passphrase(PASSPHRASE + " again")  # its own safety copy is of a cleanly closed store too
    filled_store.close()
    copies = [taken, *(b.path for b in backup.list_auto_backups(filled_store.path))]
    assert len(copies) == 2  # the one asked for and the one before the passphrase change
    for kept in copies:
        opened = Store.open(shutil.copyfile(kept, tmp_path / f"restored-{kept.name}.ipb"), PASSPHRASE)
        assert not opened.log_missing, kept.name
        opened.close()


def test_the_command_line_says_so_and_still_does_its_work(
    filled_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _pay(filled_store, "Examplehampton Pottery")
    copy = _copy_main_file_only(filled_store, tmp_path / "usb")
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    assert cli.main(["summary", str(copy)]) == 0
    err = capsys.readouterr().err
    assert "was not closed properly last time" in err
    assert f"{copy.name}-wal" in err and "Traceback" not in err

"""Backups: daily on close with rotation, "Back up now", what a backup holds, and restoring one safely."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from ipb_desktop import backup, ledger, settings
from ipb_desktop.errors import NotAStore, StoreInUse, StoreNotFound, WrongPassphrase
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store, backups_folder
from tests.conftest import PASSPHRASE

PERSONAL = [b"Alys Testwood", b"9434765919", b"Clayworks Studio", b"Hard to leave home"]


def _add_payment(store: Store, payee: str, day: dt.date = dt.date(2026, 6, 1)) -> int:
    with store.transaction() as s:
        return ledger.add_transaction(s, ledger.TransactionDraft(day, "out", 1234, payee)).id


def _payees(store: Store) -> set[str]:
    with store.reading() as s:
        return {t.payee for t in s.query(Transaction).all()}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_daily_backup_is_taken_once_a_day_and_only_the_newest_are_kept(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        settings.put(s, backup.SETTING_KEEP, "3")
    first = backup.maybe_daily_backup(filled_store, dt.datetime(2026, 6, 1, 9, 0))
    assert first is not None and first.exists()
    assert backup.maybe_daily_backup(filled_store, dt.datetime(2026, 6, 1, 18, 0)) is None
    for day in range(2, 7):
        assert backup.maybe_daily_backup(filled_store, dt.datetime(2026, 6, day, 9, 0)) is not None
    kept = backup.list_auto_backups(filled_store.path)
    assert [b.taken_at.day for b in kept] == [6, 5, 4]
    assert sorted(p.name for p in backups_folder(filled_store.path).iterdir()) == sorted(b.path.name for b in kept)


def test_keep_setting_defaults_to_ten(store: Store) -> None:
    assert backup.kept_count(store) == backup.DEFAULT_KEEP == 10


def test_back_up_now_writes_an_encrypted_owner_only_copy_that_says_what_it_holds(
    filled_store: Store, tmp_path: Path
) -> None:
    usb = tmp_path / "usb-stick"
    usb.mkdir()
    made = backup.back_up_now(filled_store, usb, dt.datetime(2026, 6, 1, 12, 30, 5))
    assert made.name == "alys-backup-2026-06-01-123005.ipb"
    assert os.listdir(usb) == [made.name]
    assert made.stat().st_mode & 0o777 == 0o600
    content = made.read_bytes()
    assert not any(secret in content for secret in PERSONAL)

    info = backup.describe_backup(made, PASSPHRASE)
    assert info.holder_name == "Alys Testwood"
    assert info.period is not None and info.period.name == "2026 to 2027"
    assert info.period.start_date == dt.date(2026, 4, 1) and info.period.end_date == dt.date(2027, 3, 31)
    assert info.last_transaction_date == dt.date(2026, 4, 14)
    assert info.transaction_count == 4
    assert info.store_uuid == filled_store.uuid
    again = backup.back_up_now(filled_store, usb, dt.datetime(2026, 6, 1, 12, 30, 5))
    assert again.name == "alys-backup-2026-06-01-123005-2.ipb"


def test_backup_includes_changes_still_in_the_write_ahead_log(filled_store: Store, tmp_path: Path) -> None:
    _add_payment(filled_store, "Only In The Log Ltd")
    assert Path(str(filled_store.path) + "-wal").stat().st_size > 0
    made = backup.back_up_now(filled_store, tmp_path)
    assert backup.describe_backup(made, PASSPHRASE).transaction_count == 5


def test_reading_a_backup_writes_nothing_anywhere(filled_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    made = backup.back_up_now(filled_store, folder)
    before = _digest(folder)
    backup.describe_backup(made, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        backup.describe_backup(made, "not the right passphrase")
    assert _digest(folder) == before


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", NotAStore), (b"hello" * 100, NotAStore), (os.urandom(8192), WrongPassphrase)],
    ids=["empty", "text", "random-pages"],
)
def test_things_that_are_not_backups_are_refused_plainly(tmp_path: Path, content: bytes, error: type) -> None:
    fake = tmp_path / "fake.ipb"
    fake.write_bytes(content)
    with pytest.raises(error) as caught:
        backup.describe_backup(fake, PASSPHRASE)
    assert "backup" in str(caught.value)
    with pytest.raises(StoreNotFound):
        backup.describe_backup(tmp_path / "missing.ipb", PASSPHRASE)


def test_a_truncated_or_damaged_backup_is_reported_as_damaged(filled_store: Store, tmp_path: Path) -> None:
    made = backup.back_up_now(filled_store, tmp_path)
    data = bytearray(made.read_bytes())
    cut = tmp_path / "cut.ipb"
    cut.write_bytes(bytes(data[: len(data) // 2 // 4096 * 4096]))
    with pytest.raises(NotAStore, match="damaged"):
        backup.describe_backup(cut, PASSPHRASE)
    data[len(data) - 3000] ^= 0xFF
    flipped = tmp_path / "flipped.ipb"
    flipped.write_bytes(bytes(data))
    with pytest.raises(NotAStore, match="damaged"):
        backup.describe_backup(flipped, PASSPHRASE)


def test_restore_round_trip_keeps_the_current_store_aside(filled_store: Store, tmp_path: Path) -> None:
    path = filled_store.path
    made = backup.back_up_now(filled_store, tmp_path)
    _add_payment(filled_store, "Made After The Backup")
    filled_store.close()

    info = backup.restore_backup(made, PASSPHRASE, path)
    assert info.holder_name == "Alys Testwood"
    with Store.open(path, PASSPHRASE) as restored:
        assert "Made After The Backup" not in _payees(restored)
        assert "Clayworks Studio" in _payees(restored)
    aside = [b for b in backup.list_auto_backups(path) if b.reason == backup.BEFORE_RESTORE]
    assert len(aside) == 1
    with Store.open(aside[0].path, PASSPHRASE) as kept:
        assert "Made After The Backup" in _payees(kept)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".restoring")]


def test_restore_onto_an_open_store_is_refused_and_changes_nothing(filled_store: Store, tmp_path: Path) -> None:
    made = backup.back_up_now(filled_store, tmp_path / "shelf") if (tmp_path / "shelf").mkdir() is None else None
    assert made is not None
    before = filled_store.path.read_bytes()
    with pytest.raises(StoreInUse):
        backup.restore_backup(made, PASSPHRASE, filled_store.path)
    assert filled_store.path.read_bytes() == before


def test_restore_to_a_new_place_on_another_computer(filled_store: Store, tmp_path: Path) -> None:
    made = backup.back_up_now(filled_store, tmp_path)
    target = tmp_path / "new-laptop" / "budget.ipb"
    backup.restore_backup(made, PASSPHRASE, target)
    with Store.open(target, PASSPHRASE) as restored:
        assert restored.uuid == filled_store.uuid
        assert target.stat().st_mode & 0o777 == 0o600


def test_a_store_left_with_an_unfolded_log_is_tidied_before_it_is_replaced(filled_store: Store, tmp_path: Path) -> None:
    made = backup.back_up_now(filled_store, tmp_path)
    _add_payment(filled_store, "Only In The Crash Log")
    crashed = tmp_path / "crashed" / "alys.ipb"
    crashed.parent.mkdir()
    shutil.copyfile(filled_store.path, crashed)  # the files exactly as a crash would leave them
    shutil.copyfile(str(filled_store.path) + "-wal", str(crashed) + "-wal")
    backup.restore_backup(made, PASSPHRASE, crashed)
    aside = [b for b in backup.list_auto_backups(crashed) if b.reason == backup.BEFORE_RESTORE]
    with Store.open(aside[0].path, PASSPHRASE) as kept:
        assert "Only In The Crash Log" in _payees(kept)
    with Store.open(crashed, PASSPHRASE) as restored:
        assert "Only In The Crash Log" not in _payees(restored)


def test_backup_from_before_a_passphrase_change_opens_with_the_old_passphrase(filled_store: Store) -> None:
    filled_store.change_passphrase("a brand new passphrase")
    made = [b for b in backup.list_auto_backups(filled_store.path) if b.reason == "before-passphrase-change"]
    assert len(made) == 1
    with pytest.raises(WrongPassphrase, match="passphrase you had then"):
        backup.describe_backup(made[0].path, "a brand new passphrase")
    info = backup.describe_backup(made[0].path, PASSPHRASE)
    assert info.reason == "before-passphrase-change" and info.holder_name == "Alys Testwood"


def test_back_up_now_to_a_missing_folder_says_what_to_check(filled_store: Store, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError, match="plugged in"):
        backup.back_up_now(filled_store, tmp_path / "unplugged")


def test_a_full_disk_is_reported_before_writing(
    filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup.shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10, 10, 0))  # type: ignore[attr-defined]
    with pytest.raises(backup.BackupError, match="not enough space"):
        backup.back_up_now(filled_store, tmp_path)
    assert not list(tmp_path.glob("*backup*"))

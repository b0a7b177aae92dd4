"""The encrypted store: opens, refuses politely, never changes a file it could not open."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop import holder, ledger
from ipb_desktop.errors import InvalidInput, IpbError, NotAStore, StoreInUse, StoreNotFound, WrongPassphrase
from ipb_desktop.models.schema import StoreInfo, Transaction
from ipb_desktop.models.store import Store, backups_folder, passphrase_strength
from tests.conftest import PASSPHRASE


def fingerprint(path: Path) -> dict[str, str]:
    """sha256 of the store and every file beside it that belongs to it."""
    out = {}
    for candidate in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]:
        if candidate.exists():
            out[candidate.name] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    return out


def test_new_store_is_encrypted_wal_with_foreign_keys_and_full_sync(store: Store, store_path: Path) -> None:
    assert store_path.read_bytes()[:16] != b"SQLite format 3\x00"
    assert store.pragma("journal_mode") == "wal"
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("synchronous") == 2  # FULL
    assert store.schema_revision() is not None
    with store.reading() as s:
        info = s.get(StoreInfo, 1)
        assert info is not None and info.last_written_by_version
    assert oct(store_path.stat().st_mode & 0o777) == "0o600"


def test_wrong_passphrase_is_refused_and_leaves_every_byte_unchanged(filled_store: Store, store_path: Path) -> None:
    filled_store.close()
    before = fingerprint(store_path)
    with pytest.raises(WrongPassphrase) as caught:
        Store.open(store_path, "not the right passphrase")
    assert "passphrase" in str(caught.value) and "Nothing in the store has been changed" in str(caught.value)
    assert fingerprint(store_path) == before
    # and the right one still opens, with the records intact
    with Store.open(store_path, PASSPHRASE) as again, again.reading() as s:
        assert len(list(s.scalars(ledger.live()))) == 4


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not the right shape"),
        (b"Date,Amount\n01/04/2026,12.00\n", "not the right shape"),
        (b"\x00" * 4096, "passphrase"),
    ],
)
def test_files_that_are_not_stores_are_refused_politely(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "odd.ipb"
    path.write_bytes(content)
    with pytest.raises((NotAStore, WrongPassphrase)) as caught:
        Store.open(path, PASSPHRASE)
    assert expected in str(caught.value)
    assert path.read_bytes() == content


def test_plain_sqlite_database_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "plain.ipb"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t(x)")
    before = path.read_bytes()
    with pytest.raises(NotAStore, match="unencrypted database"):
        Store.open(path, PASSPHRASE)
    assert path.read_bytes() == before


def test_encrypted_database_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    import sqlcipher3

    path = tmp_path / "foreign.ipb"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("create table other(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStore, match="not an ipb-desktop budget store"):
        Store.open(path, PASSPHRASE)


def test_missing_file_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="no budget store at"):
        Store.open(tmp_path / "nowhere.ipb", PASSPHRASE)


def test_create_refuses_short_passphrase_and_existing_file(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        Store.create(tmp_path / "short.ipb", "abc")
    assert caught.value.field == "passphrase"
    assert not (tmp_path / "short.ipb").exists()
    store_path.write_bytes(b"keep me")
    with pytest.raises(InvalidInput, match="already there"):
        Store.create(store_path, PASSPHRASE)
    assert store_path.read_bytes() == b"keep me"


def test_strength_hint_grows_with_length() -> None:
    assert passphrase_strength("abc")[0] == 0
    assert passphrase_strength("purple otter umbrella")[0] >= 3
    assert "Too short" in passphrase_strength("abc")[1]


def test_second_open_in_same_process_is_refused(store: Store, store_path: Path) -> None:
    with pytest.raises(StoreInUse, match="already open"):
        Store.open(store_path, PASSPHRASE)


def test_lock_left_by_a_killed_process_does_not_block(store: Store, store_path: Path) -> None:
    store.close()
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from ipb_desktop.models.store import Store
        s = Store.open({str(store_path)!r}, {PASSPHRASE!r})
        print("open", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "open" in result.stdout and result.returncode != 0
    assert store_path.with_name(store_path.name + ".lock").exists()
    Store.open(store_path, PASSPHRASE).close()


def test_changing_the_passphrase_keeps_every_record(filled_store: Store, store_path: Path) -> None:
    filled_store.change_passphrase("a brand new passphrase")
    with filled_store.transaction() as s:  # still usable after the change
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood", preferred_name="Al"))
    filled_store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    with Store.open(store_path, "a brand new passphrase") as again, again.reading() as s:
        assert len(list(s.scalars(select(Transaction)))) == 4
        h = holder.get_holder(s)
        assert h is not None and h.preferred_name == "Al"
    # the old file was kept as an encrypted backup, openable with the old passphrase
    backups = list(backups_folder(store_path).glob("*before-passphrase-change*.ipb"))
    assert len(backups) == 1
    assert b"Alys" not in backups[0].read_bytes()


def test_a_failed_change_leaves_nothing_half_done(filled_store: Store, store_path: Path) -> None:
    with pytest.raises(InvalidInput):
        filled_store.change_passphrase("short")
    filled_store.close()
    Store.open(store_path, PASSPHRASE).close()


def test_failed_unit_of_work_saves_nothing(store: Store) -> None:
    with pytest.raises(InvalidInput), store.transaction() as s:  # noqa: PT012 - the whole unit of work fails
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood"))
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 1), "out", -5))
    with store.reading() as s:
        assert holder.get_holder(s) is None


def test_a_disk_failure_during_passphrase_change_changes_nothing(
    filled_store: Store, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "chmod", disk_full)
    with pytest.raises(IpbError, match="passphrase was not changed"):
        filled_store.change_passphrase("a brand new passphrase")
    monkeypatch.undo()
    assert not list(store_path.parent.glob(".*.rekey*"))
    with filled_store.reading() as s:  # the open store still works with the old key
        assert len(list(s.scalars(ledger.live()))) == 4
    filled_store.close()
    Store.open(store_path, PASSPHRASE).close()

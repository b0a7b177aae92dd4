"""Nothing leaks: every file the app writes is encrypted and owner-only, the passphrase goes nowhere, and a store is
never opened by two writers at once."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ipb_desktop import backup, export_all, holder, ledger, outcomes, unlock
from ipb_desktop.errors import StoreInUse
from ipb_desktop.models.store import Store, backups_folder
from tests.conftest import PASSPHRASE
from tests.reliability.zygote import REPO

NEW_PASSPHRASE = "violet heron teapot"
NOTE = "Heard voices again on Tuesday; told Dr Example"
RECEIPT_TEXT = "Receipt: Clayworks Studio pottery for Alys"
SECRETS = ["Alys Testwood", "9434765919", "Clayworks Studio", NOTE, RECEIPT_TEXT, "Hard to leave home"]


def leaked(folder: Path, secrets: list[str]) -> list[str]:
    """Every (file, secret) pair where the secret appears in the file as UTF-8 or UTF-16."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.name.endswith(".zip"):
            data = path.read_bytes()
            for secret in secrets:
                for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be")):
                    if encoded in data:
                        found.append(f"{path.relative_to(folder)}: {secret!r}")
    return found


def test_every_file_from_every_workflow_holds_no_plaintext(
    filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = filled_store
    with store.transaction() as s:
        outcomes.add_rating(s, 1, outcomes.RatingDetails(dt.date(2026, 6, 1), 4, note=NOTE))
        ledger.attach_receipt(s, 3, "receipt.pdf", b"%PDF-1.4\n" + RECEIPT_TEXT.encode() * 50)
    # The store is open with changes still in its write-ahead log: look at the store, -wal and -shm now.
    assert Path(str(store.path) + "-wal").stat().st_size > 0
    assert leaked(tmp_path, SECRETS) == []
    usb = tmp_path / "usb"
    usb.mkdir()
    made = backup.back_up_now(store, usb)
    backup.maybe_daily_backup(store)
    store.change_passphrase(NEW_PASSPHRASE)  # and its automatic backup under the old passphrase
    export_all.export_everything(store, tmp_path / "plain-by-design.zip")  # skipped: plaintext by design
    store.close()
    backup.restore_backup(made, PASSPHRASE, store.path)  # and the "before-restore" copy it keeps
    crash_leftovers(store.path, tmp_path)
    assert leaked(tmp_path, SECRETS) == []
    assert sorted(p.suffix for p in backups_folder(store.path).iterdir()) == [".ipb"] * 3
    assert leaked(tmp_path / "ipb-home", [*SECRETS, PASSPHRASE, NEW_PASSPHRASE]) == []  # the app's own settings


def crash_leftovers(store_path: Path, tmp_path: Path) -> None:
    """SIGKILL a copy of the app while it writes and while it backs up, leaving a log, an index and partials."""
    script = textwrap.dedent(
        f"""
        import datetime as dt, os, signal, sys
        from pathlib import Path
        from ipb_desktop import backup, ledger
        from ipb_desktop.models.store import Store
        store = Store.open({str(store_path)!r}, {PASSPHRASE!r})
        with store.transaction() as s:
            ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 5), "out", 99, "Clayworks Studio"))
        backup.snapshot(store, Path({str(tmp_path / "usb" / "killed.ipb")!r}))
        with store.transaction() as s:
            ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 6), "out", 98, "Clayworks Studio"))
        print("written", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "written" in result.stdout, result.stderr
    assert Path(str(store_path) + "-wal").exists()  # the crash left its log behind


def test_every_file_and_folder_the_app_makes_is_owner_only(filled_store: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backup.back_up_now(filled_store, usb)
    backup.maybe_daily_backup(filled_store)
    filled_store.change_passphrase(NEW_PASSPHRASE)
    export_all.export_everything(filled_store, tmp_path / "export.zip")
    with filled_store.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood", preferred_name="Al"))
    made = [filled_store.path, *filled_store.path.parent.glob("alys.ipb*"), *usb.iterdir(), tmp_path / "export.zip"]
    made += list(backups_folder(filled_store.path).iterdir())
    wrong = {str(p): oct(p.stat().st_mode & 0o777) for p in made if p.stat().st_mode & 0o077}
    assert wrong == {}
    folder_mode = stat.S_IMODE(backups_folder(filled_store.path).stat().st_mode)
    assert folder_mode & 0o077 == 0, oct(folder_mode)


def test_the_passphrase_never_reaches_a_log_or_a_file(
    filled_store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # every SQL statement logged, as a debug mode would
    backup.maybe_daily_backup(filled_store)
    filled_store.change_passphrase(NEW_PASSPHRASE)
    filled_store.close()
    store, warning = unlock.open_store(filled_store.path, NEW_PASSPHRASE, remember=True)
    assert warning is not None  # no keyring here: it says so, and keeps nothing
    backup.back_up_now(store, tmp_path)
    store.close()
    logged = caplog.text
    assert "SQL parameters hidden" in logged  # SQL logging really was on, parameters and all ...
    for secret in (PASSPHRASE, NEW_PASSPHRASE):
        assert secret not in logged  # ... without it
        assert leaked(tmp_path, [secret]) == []


def test_a_second_open_in_this_or_another_process_is_refused_clearly(filled_store: Store) -> None:
    with pytest.raises(StoreInUse) as caught:
        Store.open(filled_store.path, PASSPHRASE)
    assert "already open" in str(caught.value) and "Close it there first" in str(caught.value)
    script = f"from ipb_desktop.models.store import Store; Store.open({str(filled_store.path)!r}, {PASSPHRASE!r})"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "StoreInUse" in result.stderr


def test_a_lock_left_by_a_killed_copy_is_cleared_by_the_operating_system(filled_store: Store) -> None:
    path = filled_store.path
    filled_store.close()
    script = f"""
import sys
from ipb_desktop.models.store import Store
store = Store.open({str(path)!r}, {PASSPHRASE!r})
print("open", flush=True)
sys.stdin.read()
"""
    holder_proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder_proc.stdout is not None and holder_proc.stdout.readline().strip() == "open"
    with pytest.raises(StoreInUse):
        Store.open(path, PASSPHRASE)
    lock_text = Path(str(path) + ".lock").read_text()
    assert lock_text == str(holder_proc.pid)  # the lock file holds a process id and nothing else
    os.kill(holder_proc.pid, signal.SIGKILL)
    holder_proc.wait(timeout=30)
    holder_proc.stdout.close()
    assert holder_proc.stdin is not None
    holder_proc.stdin.close()
    Store.open(path, PASSPHRASE).close()  # no stale lock: the OS let go of it when the process died

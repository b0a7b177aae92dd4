"""The backup, restore and export actions, driven with the file pickers answered, and the system lock watcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ipb_desktop import backup
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages
from ipb_desktop.ui.shell import backup_dialogs
from ipb_desktop.ui.shell.system_lock import SystemLockWatcher
from tests.conftest import PASSPHRASE


@pytest.fixture
def said(qapp) -> list[str]:
    heard: list[str] = []
    messages.bridge().info_shown.connect(heard.append)
    messages.bridge().error_shown.connect(heard.append)
    yield heard
    messages.bridge().info_shown.disconnect(heard.append)
    messages.bridge().error_shown.disconnect(heard.append)


def test_back_up_now_restore_and_export(
    qtbot, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    made = backup_dialogs.back_up_now(parent, filled_store)
    assert made is not None and made.parent == usb and "Backup saved" in said[-1]

    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(backup_dialogs, "ask_secret", lambda *a, **k: (PASSPHRASE, True))

    def confirm(_parent, _title, text, *_rest):
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert backup_dialogs.restore_from_backup(parent, filled_store.path, filled_store.close)
    assert "Alys Testwood" in shown[0] and "2026 to 2027" in shown[0]
    assert [b.reason for b in backup.list_auto_backups(filled_store.path)] == ["before-restore"]

    with Store.open(filled_store.path, PASSPHRASE) as reopened:
        target = tmp_path / "export.zip"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        assert backup_dialogs.export_everything(parent, reopened) == target
        assert backup_dialogs.daily_backup_on_close(reopened) is None


def test_a_wrong_passphrase_for_a_backup_is_said_plainly(
    qtbot, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    made = backup.back_up_now(filled_store, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(backup_dialogs, "ask_secret", lambda *a, **k: ("not the passphrase", True))
    assert not backup_dialogs.restore_from_backup(parent, filled_store.path, filled_store.close)
    assert "does not open this backup" in said[-1]


def test_sleep_or_screen_lock_asks_the_app_to_lock(qtbot) -> None:
    watcher = SystemLockWatcher()
    with qtbot.waitSignal(watcher.lock_requested):
        watcher.on_going_to_sleep(True)
    with qtbot.waitSignal(watcher.lock_requested):
        watcher.on_screensaver(True)
    with qtbot.assertNotEmitted(watcher.lock_requested):
        watcher.on_screensaver(False)
        watcher.on_going_to_sleep(False)


def test_file_menu_backs_up_and_closing_takes_the_daily_backup(
    qtbot, window, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a person would: File > Back up now to a USB folder, then close the app and find today's backup."""
    window.enter(filled_store)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    assert window.backup_action.isEnabled()
    window.backup_action.trigger()
    copies = list(usb.glob("*.ipb"))
    assert len(copies) == 1
    assert backup.describe_backup(copies[0], PASSPHRASE).holder_name == "Alys Testwood"
    folder = filled_store.path.with_name(filled_store.path.stem + "-backups")
    before = set(folder.glob("*.ipb")) if folder.exists() else set()
    window.close()
    after = set(folder.glob("*.ipb"))
    assert len(after - before) == 1


def test_locking_disables_backup_actions(window, filled_store: Store) -> None:
    window.enter(filled_store)
    window.lock()
    assert not window.backup_action.isEnabled() and not window.export_all_action.isEnabled()

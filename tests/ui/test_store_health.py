"""The window around a store that can only be read, is damaged, or whose automatic backup fails; and File > Import
everything into a new store. Driven through the window's menus and keys; asserted on what a person sees and on
the files."""

from __future__ import annotations

import datetime as dt
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

from ipb_desktop import backup, export_all, ledger
from ipb_desktop.models import store as store_module
from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations import outcomes as outcome_ops
from ipb_desktop.ui.reports import page as reports_page
from ipb_desktop.ui.reports.page import ReportsPage
from ipb_desktop.ui.shell import backup_dialogs, store_health
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE


def _read_only(filled_store: Store) -> Store:
    path = filled_store.path
    filled_store.close()
    return Store.open(path, PASSPHRASE, read_only=True)


def test_a_read_only_store_shows_a_calm_banner_allows_export_and_refuses_changes_kindly(
    window: MainWindow, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _read_only(filled_store)
    before = store.path.read_bytes()
    window.enter(store)
    banner = window.findChild(QLabel, "read-only-banner")
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("Read-only: this copy of your budget can only be looked at here.")
    assert window.windowTitle() == "Alys — ipb-desktop"  # it is read and shown
    assert not window.import_action.isEnabled() and not window.restore_action.isEnabled()

    # Export works: File > Export everything…
    target = tmp_path / "alys-export.zip"
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_all_action.trigger()
    assert zipfile.ZipFile(target).namelist() and "exported" in window.bar.text.text()

    # A change is refused in plain words in the message bar, and nothing is written.
    assert outcome_ops.add_life_area(window.ctx, "Gardening") is None
    assert window.bar.isVisible() and "can only be read here" in window.bar.text.text()
    assert "Traceback" not in window.bar.text.text()
    window.close()  # no automatic backup beside a read-only store, and no complaint about one
    assert store.path.read_bytes() == before
    assert backup.list_auto_backups(store.path) == []


def test_a_store_this_user_cannot_write_opens_read_only_from_the_unlock_page_and_every_page_shows_calmly(
    qtbot, window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a CD or someone else's folder (file 0444 in a 0555 folder): tests run as root, who may write anywhere,
    so the core's writability check is told the answer."""
    path = filled_store.path
    filled_store.close()
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "can_write_beside", lambda _path: False)
    window.open_path(path)
    assert window.central.currentWidget() is window.unlock_page
    QTest.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    QTest.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    store = window.ctx.store
    assert store is not None and store.read_only
    assert window.health.banner.isVisible()
    assert not window.bar.isVisible()  # calm: the banner says it, no warning
    for row, action in enumerate(window.go_actions):  # every page can be looked at, with nothing to complain of
        action.trigger()
        assert window.nav.currentRow() == row
        assert not window.bar.isVisible(), window.bar.text.text()
    window.close()
    assert path.read_bytes() == before


def test_a_writable_store_has_no_banner(window: MainWindow, filled_store: Store) -> None:
    window.enter(filled_store)
    assert not window.health.banner.isVisible()
    assert window.import_action.isEnabled()


def test_pages_are_checked_in_the_background_without_holding_up_the_window(
    qtbot, window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    seen_threads: list[bool] = []

    def slow_check(self: Store, *, separate: bool = False) -> list[str]:
        seen_threads.append(threading.current_thread() is threading.main_thread())
        assert separate  # its own read-only connection, so the window keeps using the store
        release.wait(30)
        return []

    monkeypatch.setattr(Store, "integrity_problems", slow_check)
    with qtbot.waitSignal(window.health.check.finished) as finished:
        window.enter(filled_store)
        qtbot.waitUntil(lambda: bool(seen_threads))
        # The check is still running, and the window answers keys: Ctrl+2 goes to the second page.
        QTest.keySequence(window, "Ctrl+2")
        assert window.nav.currentRow() == 1
        release.set()
    assert finished.args == [filled_store, []]
    assert seen_threads == [False]
    assert window.health.damage_box is None  # sound: nothing said


def test_a_real_check_of_a_sound_store_says_nothing(qtbot, window: MainWindow, filled_store: Store) -> None:
    with qtbot.waitSignal(window.health.check.finished) as finished:
        window.enter(filled_store)
    assert finished.args[1] == []
    assert window.health.damage_box is None and not window.bar.isVisible()


def test_damage_found_after_opening_is_said_and_the_backups_offered(
    qtbot, window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.maybe_daily_backup(filled_store)
    assert made is not None
    monkeypatch.setattr(Store, "integrity_problems", lambda self, separate=False: ["page 20: checksum failed"])
    with qtbot.waitSignal(window.health.check.finished):
        window.enter(filled_store)
    box = window.health.damage_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Part of your budget is damaged"
    assert made.name in box.text() and "Your newest backups" in box.text()
    assert "damaged (1 problem found)." in window.bar.text.text()
    assert "File > Restore from a backup" in window.bar.text.text()

    asked_in: list[str] = []

    def choose(_parent, _title, folder, _filter):
        asked_in.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    box.defaultButton().click()  # "Restore from a backup…": File > Restore, in the backups folder
    assert asked_in == [str(made.parent)]


def test_a_failed_automatic_backup_on_quitting_is_shown(
    window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(store: Store) -> None:
        raise backup.BackupError("The backup could not be written to /media/usb (No space left on device).")

    monkeypatch.setattr(backup, "maybe_daily_backup", fails)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: shown.append(f"{title}: {text}"))
    window.enter(filled_store)
    window.quit_action.trigger()
    assert shown == [
        "Automatic backup not made: Today's automatic backup could not be made. The backup could not be "
        "written to /media/usb (No space left on device)."
    ]


def test_a_failed_automatic_backup_on_closing_the_store_is_shown_in_the_message_bar(
    window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(store: Store) -> None:
        raise backup.BackupError("Part of the budget store could not be read.")

    monkeypatch.setattr(backup, "maybe_daily_backup", fails)
    window.enter(filled_store)
    window.close_store_action.trigger()
    text = window.bar.text.text()
    assert window.bar.isVisible() and text.startswith("Today's automatic backup could not be made.")
    assert "could not be read" in text and "Your budget store is closed" in text


def _type_passphrase(first: str, second: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, store_health.NewStoreFromExport)
    dialog.passphrase.setFocus()
    QTest.keyClicks(dialog.passphrase, first)
    QTest.keyClick(dialog, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.again, second)
    QTest.keyClick(dialog.again, Qt.Key.Key_Return)


def test_import_everything_makes_a_new_store_and_opens_it(
    window: MainWindow, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = export_all.export_everything(filled_store, tmp_path / "alys-export.zip")
    filled_store.close()
    new_path = tmp_path / "copy" / "alys-again.ipb"
    new_path.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(export), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new_path), ""))
    new_passphrase = "heron lantern biscuit"
    QTimer.singleShot(0, lambda: _type_passphrase(new_passphrase, new_passphrase))
    window.import_all_action.trigger()

    assert window.ctx.store is not None and window.ctx.store.path == new_path.resolve()
    assert window.windowTitle() == "Alys — ipb-desktop"
    assert "is in the new store alys-again.ipb" in window.bar.text.text()
    window.ctx.close_store()
    with Store.open(new_path, new_passphrase) as reopened:
        assert reopened.uuid


def test_import_everything_asks_again_when_the_passphrases_differ(
    window: MainWindow, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = export_all.export_everything(filled_store, tmp_path / "alys-export.zip")
    new_path = tmp_path / "alys-again.ipb"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(export), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new_path), ""))
    said: list[str] = []

    def mismatch_then_cancel() -> None:
        _type_passphrase("heron lantern biscuit", "heron lantern biscuits")
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, store_health.NewStoreFromExport)
        said.append(dialog.problem.text())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, mismatch_then_cancel)
    window.import_all_action.trigger()
    assert said == ["The two passphrases are not the same. Please type them again."]
    assert not new_path.exists()


def test_a_read_only_store_can_still_be_previewed_and_saved_as_a_pdf_statement(
    qtbot, window: MainWindow, filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _read_only(filled_store)
    before = store.path.read_bytes()
    window.enter(store)
    window.show_page("reports")
    reports = window.page_widgets["reports"]
    assert isinstance(reports, ReportsPage)
    reports.choose_preset("this_budget_year")
    qtbot.mouseClick(reports.preview_button, Qt.MouseButton.LeftButton)
    assert reports.preview.page_count() >= 1 and not reports.preview.page_labels[0].pixmap().isNull()
    target = tmp_path / "statement.pdf"
    monkeypatch.setattr(reports_page, "choose_save_path", lambda *args: target)
    qtbot.mouseClick(reports.save_pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Please note" not in window.bar.kind.text()
    window.close()
    assert store.path.read_bytes() == before


def test_a_store_too_damaged_to_open_offers_its_backup_on_the_unlock_page(
    qtbot, window: MainWindow, filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.maybe_daily_backup(filled_store)
    assert made is not None
    path = filled_store.path
    filled_store.close()
    with path.open("r+b") as damaged:  # a few bytes of page 2 overwritten, as by a failing USB stick
        damaged.seek(4096 + 200)
        damaged.write(b"\xff" * 64)
    window.open_path(path)
    assert not window.unlock_page.restore_button.isVisible()
    QTest.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    QTest.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.store is None
    assert window.unlock_page.restore_button.isVisible()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(backup_dialogs, "ask_secret", lambda *a, **k: (PASSPHRASE, True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(window.unlock_page.restore_button, Qt.MouseButton.LeftButton)
    assert "The backup has been restored" in window.bar.text.text()
    assert window.central.currentWidget() is window.unlock_page
    assert not window.unlock_page.restore_button.isVisible()
    QTest.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    QTest.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.store is not None and window.windowTitle() == "Alys — ipb-desktop"
    assert [b.reason for b in backup.list_auto_backups(path)].count("before-restore") == 1


def test_a_copy_made_after_a_crash_without_its_log_says_recent_changes_may_be_missing(
    window: MainWindow, filled_store: Store, tmp_path: Path
) -> None:
    """Issue 13: commits still in `-wal` were lost without a word when only the `.ipb` file was copied."""
    with filled_store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 11, 20), "out", 1250, payee="Examplehampton"))
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / filled_store.path.name
    copy.write_bytes(filled_store.path.read_bytes())  # the .ipb only, as a file manager copies it
    window.open_path(copy)
    QTest.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    QTest.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.store is not None and window.ctx.store.path == copy
    assert window.bar.isVisible()
    shown = window.bar.text.text()
    assert "was not closed properly last time" in shown and f"{copy.name}-wal" in shown
    window.close()

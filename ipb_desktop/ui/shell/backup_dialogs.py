"""The backup, restore and "Export everything" actions as the main window offers them (File menu), and the daily
backup taken when the app closes. Each one asks what it needs, calls `ipb_desktop.backup` / `export_all`, and
speaks through `messages` (errors in plain words, never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ipb_desktop import appconfig, backup, export_all, formatting
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _
from ipb_desktop.models.store import Store, backups_folder
from ipb_desktop.ui import messages
from ipb_desktop.ui.widgets.secret import ask_secret


def back_up_now(parent: QWidget, store: Store) -> Path | None:
    """Ask for a folder (a USB stick, say) and write a backup there."""
    folder = QFileDialog.getExistingDirectory(parent, _("Choose where to put the backup"), str(Path.home()))
    if not folder:
        return None
    try:
        made = backup.back_up_now(store, Path(folder))
    except IpbError as exc:
        messages.report(exc)
        return None
    messages.info(_("Backup saved as {name}. It opens with your current passphrase.").format(name=made.name))
    return made


def describe_for_person(info: backup.BackupInfo) -> str:
    """What a backup holds, in the words shown before restoring it."""
    lines = [
        _("Name: {name}").format(name=info.holder_name or _("(not filled in)")),
        _("Saved: {when}").format(when=formatting.date_long(info.saved_at.date())),
        _("Payments: {count}").format(count=info.transaction_count),
        _("Latest payment: {date}").format(
            date=formatting.date_long(info.last_transaction_date) if info.last_transaction_date else _("none")
        ),
    ]
    if info.period is not None:
        lines.insert(
            1,
            _("Budget period: {name} ({start} to {end})").format(
                name=info.period.name,
                start=formatting.date_long(info.period.start_date),
                end=formatting.date_long(info.period.end_date),
            ),
        )
    return "\n".join(lines)


def restore_from_backup(parent: QWidget, store_path: Path, close_store: Callable[[], None]) -> bool:
    """Choose a backup, show what it holds, and on "Restore" put it in place of the store at `store_path`.

    `close_store` is called only after the person has confirmed (the store must be closed to be replaced); the
    caller then opens `store_path` again. The current store is kept in its backups folder ("before-restore").
    """
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose a backup to restore"), str(backups_folder(store_path)), _("Backups (*.ipb)")
    )
    if not chosen:
        return False
    passphrase, ok = ask_secret(parent, _("Backup passphrase"), _("Type the passphrase this backup was made with:"))
    if not ok:
        return False
    try:
        info = backup.describe_backup(chosen, passphrase)
    except IpbError as exc:
        messages.report(exc)
        return False
    text = describe_for_person(info)
    known = appconfig.remembered_uuid(store_path)
    if known is not None and known != info.store_uuid:
        text += "\n\n" + _("This backup is of a different budget from the one you have open. Check the name.")
    text += "\n\n" + _("Your budget as it is now will be kept in its backups folder, so nothing is lost.")
    answer = QMessageBox.question(
        parent, _("Restore this backup?"), text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    close_store()
    try:
        backup.restore_backup(chosen, passphrase, store_path)
    except IpbError as exc:
        messages.report(exc)
        return False
    messages.info(_("The backup has been restored. Open your budget with the passphrase the backup was made with."))
    return True


def export_everything(parent: QWidget, store: Store) -> Path | None:
    """Warn that an export is not encrypted, ask where to save it, and write it."""
    answer = QMessageBox.warning(
        parent,
        _("Export everything"),
        _(
            "This saves everything in your budget, receipts too, as ordinary files anyone can open: it is NOT "
            "encrypted. Keep it somewhere safe and delete it when you no longer need it. Go on?"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    target, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the export as"), str(Path.home() / f"{store.path.stem}-export.zip"), _("Zip files (*.zip)")
    )
    if not target:
        return None
    try:
        made = export_all.export_everything(store, Path(target))
    except IpbError as exc:
        messages.report(exc)
        return None
    messages.info(_("Everything has been exported to {name}.").format(name=made.name))
    return made


def daily_backup_on_close(store: Store) -> str | None:
    """Take today's automatic backup as the app closes. Never stops the app closing: returns a note if it failed."""
    try:
        backup.maybe_daily_backup(store)
    except IpbError as exc:
        return str(exc)
    return None

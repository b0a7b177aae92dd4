"""How the window looks after the store it has open: a calm banner when the store can only be read, a check of
every page in the background after opening (with the backups offered when something is damaged), failed
automatic backups said out loud, and File > Import everything into a new store.

Nothing here touches a widget from another thread: the page check runs on a worker thread and hands its answer
back with a signal, which Qt delivers on the window's own thread.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import export_all, formatting, unlock
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models import open_mark
from ipb_desktop.models.backup_names import list_auto_backups
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages
from ipb_desktop.ui.shell import backup_dialogs
from ipb_desktop.ui.widgets.forms import Heading, plain_label
from ipb_desktop.ui.widgets.secret import SecretField

if TYPE_CHECKING:
    from ipb_desktop.ui.shell.main_window import MainWindow

SHOWN_BACKUPS = 5  # the newest automatic backups named in the warning about damage
# The page check reads the whole file (half a second for ten years with receipts): it starts once Home has been
# drawn and the person can use the window, not while the window is still being put together.
CHECK_AFTER_MS = 1000


def read_only_words() -> str:
    return _(
        "Read-only: this copy of your budget can only be looked at here. You can view, print and export it. "
        "To make changes, copy the store to a folder of your own and open that copy."
    )


def read_only_banner() -> Heading:
    """The strip shown above the pages while the open store can only be read (words, not colour alone)."""
    banner = Heading(read_only_words(), 3)
    banner.setObjectName("read-only-banner")
    banner.setFrameShape(QFrame.Shape.Box)
    banner.setLineWidth(2)
    banner.setMargin(4)
    banner.hide()
    return banner


class IntegrityCheck(QObject):
    """Checks every page of an open store on a worker thread; `finished` carries the store and what was found
    (an empty list when every page is sound; one plain sentence when the check itself could not run)."""

    finished = Signal(object, list)

    def start(self, store: Store) -> threading.Thread:
        worker = threading.Thread(target=self._run, args=(store,), name="integrity-check", daemon=True)
        worker.start()
        return worker

    def _run(self, store: Store) -> None:
        try:
            problems = store.integrity_problems(separate=True)
        except IpbError as exc:
            problems = [str(exc)]
        except Exception:
            problems = [_("The check of your budget's pages could not be finished.")]
        with contextlib.suppress(RuntimeError):  # the window closed while the check ran: nobody is left to tell
            self.finished.emit(store, problems)


class StoreHealth(QObject):
    """Joins the pieces above to the main window: `opened` after every open, `closing` before a store closes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner = read_only_banner()
        self.check = IntegrityCheck(self)
        self.check.finished.connect(self._checked)
        self.damage_box: QMessageBox | None = None

    def restore_unopened(self) -> bool:
        """The unlock page's "Restore from a backup…" for a store too damaged to open: choose a backup, put it
        in the store's place (the damaged one is kept in its backups folder), and ask for its passphrase."""
        path = self.window.unlock_page.path
        if path is None or not backup_dialogs.restore_from_backup(self.window, path, close_store=lambda: None):
            return False
        self.window.open_path(path)
        messages.info(_("The backup has been restored. Open your budget with the passphrase the backup was made with."))
        return True

    def opened(self, store: Store) -> None:
        """Show or hide the read-only banner, and start the page check a moment after the window has been drawn."""
        self.banner.setVisible(store.read_only)
        if store.read_only and QAccessible.isActive():  # said once by screen readers; the banner stays in view
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.banner, self.banner.text()))
        if store.log_missing:  # copied after a crash without its log: recent changes may be missing
            messages.error(open_mark.missing_log_warning(store.path))
        QTimer.singleShot(CHECK_AFTER_MS, lambda: self._start_check(store))

    def _start_check(self, store: Store) -> None:
        if self.window.ctx.store is store:
            self.check.start(store)

    def _checked(self, store: Store, problems: list[str]) -> None:
        if not problems or self.window.ctx.store is not store:
            return  # sound, or another store (or none) is open by now
        self.warn_damage(store, problems)

    def warn_damage(self, store: Store, problems: list[str]) -> QMessageBox:
        """Say that part of the store is damaged and offer File > Restore, naming the newest backups."""
        messages.error(
            ngettext(
                "Part of your budget store is damaged ({count} problem found).",
                "Part of your budget store is damaged ({count} problems found).",
                len(problems),
            ).format(count=len(problems))
            + " "
            + _("Your newest backup can put it right: File > Restore from a backup…")
        )
        saved = list_auto_backups(store.path)[:SHOWN_BACKUPS]
        if saved:
            listed = "\n".join(
                "• " + formatting.date_long(b.taken_at.date()) + f" ({b.taken_at:%H:%M}) — " + b.path.name
                for b in saved
            )
            offer = _("Your newest backups:\n{list}").format(list=listed)
        else:
            offer = _("No automatic backups were found beside it. If you saved one elsewhere, you can restore that.")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Part of your budget is damaged"),
            _(
                "Some of your budget store cannot be read properly. What can still be read is shown, but it may be "
                "incomplete. Restoring a backup puts it right; your budget as it is now is kept too."
            )
            + "\n\n"
            + offer,
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        restore = box.addButton(_("&Restore from a backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        restore.setEnabled(not store.read_only)
        restore.clicked.connect(self.window.restore_from_backup)
        box.setDetailedText("\n".join(problems))
        self.damage_box = box
        box.open()
        return box

    def backup_before_closing(self, store: Store, *, window_closing: bool) -> str | None:
        """Take today's automatic backup. When it fails, say so: in a box if the window is closing (the message
        bar goes with it), else leave it to the caller to show the words returned. None when all went well."""
        note = backup_dialogs.daily_backup_on_close(store)
        if note is None:
            return None
        text = _("Today's automatic backup could not be made. {reason}").format(reason=note)
        if window_closing:
            QMessageBox.warning(self.window, _("Automatic backup not made"), text)
        return text


class NewStoreFromExport(QDialog):
    """Asks for the passphrase of the new store made from an export (twice, as when creating a store)."""

    def __init__(self, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Passphrase for the new store"))
        column = QVBoxLayout(self)
        column.addWidget(plain_label(_("Choose a passphrase for the new store {name}.").format(name=target.name)))
        form = QFormLayout()
        self.passphrase = SecretField()
        self.again = SecretField()
        form.addRow(_("&Passphrase"), self.passphrase)
        form.addRow(_("Type it ag&ain"), self.again)
        column.addLayout(form)
        self.problem = plain_label()
        self.problem.hide()
        column.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.again.returnPressed.connect(self._check)
        column.addWidget(buttons)
        self.passphrase.setFocus()

    def _check(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.problem.setText(_("The two passphrases are not the same. Please type them again."))
            self.problem.show()
            self.again.clear()
            self.again.setFocus()
            return
        self.accept()


def ask_new_passphrase(parent: QWidget, target: Path) -> str | None:
    """Replaced in tests (the dialog is driven by keys there)."""
    dialog = NewStoreFromExport(target, parent)
    return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def import_everything(window: MainWindow) -> Store | None:
    """File > Import everything into a new store: choose the export, where the new store goes and its
    passphrase; build it with `export_all.import_everything` and open it."""
    chosen, _filter = QFileDialog.getOpenFileName(
        window, _("Choose the export to bring in"), str(Path.home()), _("Zip files (*.zip)")
    )
    if not chosen:
        return None
    target_text, _filter = QFileDialog.getSaveFileName(
        window,
        _("Save the new budget store as"),
        str(Path(chosen).with_suffix(".ipb")),
        _("Budget stores (*.ipb)"),
    )
    if not target_text:
        return None
    target = Path(target_text)
    if not target.suffix:
        target = target.with_suffix(".ipb")
    passphrase = ask_new_passphrase(window, target)
    if passphrase is None:
        return None
    try:
        made = export_all.import_everything(Path(chosen), target, passphrase)
        store, warning = unlock.open_store(made, passphrase)
    except IpbError as exc:
        messages.report(exc)
        return None
    window._unlocked(store, None)  # closes any store open now, then opens the new one
    done = _("Everything from {name} is in the new store {store}.").format(name=Path(chosen).name, store=made.name)
    messages.info(warning or done)
    return store

"""The main window: a message bar, the start pages (welcome, create, unlock/lock) and, once a store is open,
a navigation list beside the pages. The title always says whose store is open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import appconfig, holder, i18n, settings, unlock
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell import backup_dialogs, language_switch, menus, start_pages, store_health
from ipb_desktop.ui.shell.appearance import apply_language, apply_text_scale
from ipb_desktop.ui.shell.idle_lock import HeldForms, IdleWatcher
from ipb_desktop.ui.shell.page_list import PAGES, NavList
from ipb_desktop.ui.shell.page_stack import PagesByKey, PageStack
from ipb_desktop.ui.shell.system_lock import SystemLockWatcher
from ipb_desktop.ui.shell.undo_keys import UndoActions
from ipb_desktop.ui.widgets.forms import Heading, MessageBar
from ipb_desktop.ui.widgets.guards import install_wheel_guard

APP_TITLE = "ipb-desktop"


class MainWindow(QMainWindow):
    # Replaced in tests; File > Open asks it which file to open.
    ask_store_to_open: Callable[[QWidget], Path | None] = staticmethod(start_pages.ask_store_to_open)
    # The menus' actions (`menus.make_menus`, again after a change of language).
    new_action: QAction
    open_action: QAction
    recent_menu: QMenu
    import_action: QAction
    import_history_action: QAction
    backup_action: QAction
    restore_action: QAction
    export_all_action: QAction
    import_all_action: QAction
    lock_action: QAction
    close_store_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    go_actions: list[QAction]
    help_action: QAction
    audit_action: QAction
    about_action: QAction

    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self.ctx = ctx or AppContext(self)
        self.setWindowTitle(APP_TITLE)
        self.locked_path: Path | None = None
        self._recorder = ""
        self.held_forms = HeldForms()

        self.bar = MessageBar()
        messages.bridge().error_shown.connect(self.bar.show_error)
        messages.bridge().info_shown.connect(self.bar.show_info)
        messages.bridge().cleared.connect(self.bar.hide)

        self.welcome = start_pages.WelcomePage()
        self.create_page = start_pages.CreateStorePage()
        self.unlock_page = start_pages.UnlockPage()
        self.shell = QWidget()
        self.nav = NavList()
        self.pages = PageStack(self.ctx, PAGES)  # each page is built the first time it is shown
        self.page_widgets: Mapping[str, QWidget] = PagesByKey(self.pages)
        self.pages.page_built.connect(self._page_built)
        for key, _label, _build in PAGES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.name_pages()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self.say_page)
        self.nav.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.nav.setSpacing(4)
        # Always in view while a planner records changes beside the person (in words, not colour alone).
        # (A Heading: bold and growing with the text size; a frame drawn in the text colour, no colours of its own.)
        self.planner_note = Heading("", 3)
        self.planner_note.setObjectName("planner-note")
        self.planner_note.setFrameShape(QFrame.Shape.Box)
        self.planner_note.setLineWidth(2)
        self.planner_note.setMargin(4)
        self.planner_note.hide()
        shell_column = QVBoxLayout(self.shell)
        shell_column.setContentsMargins(0, 0, 0, 0)
        shell_column.addWidget(self.planner_note)
        self.health = store_health.StoreHealth(self)  # read-only banner, page check, failed backups
        shell_column.addWidget(self.health.banner)
        shell_row = QHBoxLayout()
        shell_column.addLayout(shell_row, 1)
        shell_row.addWidget(self.nav, 0)
        shell_row.addWidget(self.pages, 1)

        self.central = QStackedWidget()
        for widget in (self.welcome, self.create_page, self.unlock_page, self.shell):
            self.central.addWidget(widget)
        self.built_language = i18n.current_locale()
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.bar)
        column.addWidget(self.central, 1)
        self.setCentralWidget(outer)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.undo_keys = UndoActions(
            self, self.ctx, lambda: self.ctx.store is not None and self.central.currentWidget() is self.shell
        )
        self.central.currentChanged.connect(lambda _index: self.undo_keys.update())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.undo_keys)
        # The computer going to sleep or its screen locking locks the budget too (where the system says so).
        self.system_lock = SystemLockWatcher(self)
        self.system_lock.lock_requested.connect(self.lock)

        install_wheel_guard()  # scrolling never changes a value (ui/widgets/guards.py)
        self.make_menus()
        self.connect_start_pages()
        self.ctx.changed.connect(self._store_changed)
        self.nav.setCurrentRow(0)
        self.update_actions()

    def connect_start_pages(self) -> None:
        self.welcome.create_requested.connect(self.show_create)
        self.welcome.open_requested.connect(self.open_store_dialog)
        self.create_page.created.connect(self._created)
        self.create_page.cancelled.connect(self._back_from_create)
        self.unlock_page.unlocked.connect(self._unlocked)
        self.unlock_page.open_other.connect(self.open_store_dialog)
        self.unlock_page.create_new.connect(self.show_create)
        self.unlock_page.restore_requested.connect(self.health.restore_unopened)

    def name_pages(self) -> None:
        """The page list's words (again after a change of language; the chosen row stays)."""
        self.nav.setAccessibleName(_("Pages"))
        self.nav.setAccessibleDescription(_("Choose a page with the arrow keys"))
        for row, (_key, label, _build) in enumerate(PAGES):
            self.nav.item(row).setText(_(label))
        self.nav.updateGeometry()

    def _page_built(self, key: str, page: QWidget) -> None:
        dropped = getattr(page, "statementDropped", None)
        if dropped is not None:  # a statement file dropped on the Spending page opens the import
            dropped.connect(self.import_statement)

    def make_menus(self) -> None:
        menus.make_menus(self)

    def import_statement(self, path: Path | None = None) -> None:
        """File > Import statement (or a statement dropped on the Spending page, with its `path`)."""
        if self.ctx.store is None:
            return
        from ipb_desktop.ui.bank_import.dialog import open_import

        self.import_dialog = open_import(self.ctx, self, path)

    def show_import_history(self) -> None:
        if self.ctx.store is None:
            return
        from ipb_desktop.ui.bank_import.dialog import open_history

        self.import_history_dialog = open_history(self.ctx, self)

    def back_up_now(self) -> None:
        if self.ctx.store is not None:
            backup_dialogs.back_up_now(self, self.ctx.store)

    def restore_from_backup(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        path = store.path
        if backup_dialogs.restore_from_backup(self, path, close_store=self.ctx.close_store):
            self.open_path(path)

    def export_everything(self) -> None:
        if self.ctx.store is not None:
            backup_dialogs.export_everything(self, self.ctx.store)

    def update_actions(self) -> None:
        open_ = self.ctx.store is not None
        self.lock_action.setEnabled(open_)
        self.close_store_action.setEnabled(open_)
        self.import_action.setEnabled(open_)
        self.import_history_action.setEnabled(open_)
        for action in (self.backup_action, self.restore_action, self.export_all_action):
            action.setEnabled(open_)
        writable = open_ and self.ctx.store is not None and not self.ctx.store.read_only
        self.import_action.setEnabled(writable)  # a read-only copy can only be looked at (see the banner)
        self.restore_action.setEnabled(writable)
        for action in [*self.go_actions, self.audit_action]:
            action.setEnabled(open_)

    # -- moving between start pages and the shell -------------------------------------------------------------

    def start(self) -> None:
        """First run: the welcome. Later: straight in if remembered, else ask for the last store's passphrase."""
        last = appconfig.last_store()
        if last is None or not last.exists():
            self.central.setCurrentWidget(self.welcome)
            self.welcome.create_button.setFocus()
            return
        self.open_path(last)

    def show_create(self) -> None:
        self.create_page.reset()
        self.central.setCurrentWidget(self.create_page)
        self.create_page.passphrase.setFocus()

    def _back_from_create(self) -> None:
        if self.ctx.store is not None:
            self.central.setCurrentWidget(self.shell)
        elif self.unlock_page.path is not None:
            self.central.setCurrentWidget(self.unlock_page)
        else:
            self.central.setCurrentWidget(self.welcome)

    def open_store_dialog(self) -> None:
        path = type(self).ask_store_to_open(self)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Open `path`: without asking if this computer remembers it, else show the unlock page for it."""
        if self.ctx.store is not None and self.ctx.store.path == Path(path).absolute():
            self.central.setCurrentWidget(self.shell)
            return
        if self.locked_path is None or Path(path).absolute() != self.locked_path.absolute():
            self._forget_open_store()
        note = ""
        try:
            store = unlock.open_remembered(Path(path))
        except IpbError as exc:
            store, note = None, str(exc)  # e.g. the keyring did not answer: say so, and ask for the passphrase
        if store is not None:
            self.enter(store)
            return
        self.locked_path = None
        self.unlock_page.ask(Path(path))
        self.central.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()
        if note:
            messages.error(note)

    def _created(self, store: Store, warning: str | None) -> None:
        self.enter(store)
        if warning:
            messages.info(warning)
        self.after_create(store)

    def after_create(self, store: Store) -> None:
        """A new store starts with the guided set-up."""
        try:
            from ipb_desktop.ui.setup.wizard import start_setup
        except ImportError:
            return
        start_setup(self)

    def _unlocked(self, store: Store, warning: str | None) -> None:
        same = self.locked_path is not None and store.path == self.locked_path
        if not same:
            self._forget_open_store()
        self.enter(store, keep_undo=same)
        if warning:
            messages.info(warning)
        if same:
            self.held_forms.bring_back()

    def _forget_open_store(self) -> None:
        """Another store is about to be opened: close this one (or what was kept while it was locked) and drop
        everything of it at once: its pages' data, messages, undo steps, kept forms and the title."""
        self.held_forms.drop()
        self.held_forms.hold(self)  # closes any question or chooser left open
        self.held_forms.drop()
        messages.clear()
        if self.ctx.store is not None:
            self.ctx.close_store()
        self.ctx.forget()
        self.locked_path = None

    def enter(self, store: Store, keep_undo: bool = False) -> None:
        """Make `store` the open store and show its pages."""
        messages.clear()
        self.locked_path = None
        appconfig.note_opened(store.path, store.uuid)
        self._apply_store_settings(store)
        self.ctx.set_store(store, keep_undo=keep_undo)
        self.central.setCurrentWidget(self.shell)
        self.idle.resume()
        self.update_actions()
        self.nav.setFocus()
        self.health.opened(store)

    # -- settings that change the whole app -------------------------------------------------------------------

    def _apply_store_settings(self, store: Store) -> None:
        with store.reading() as s:
            language = settings.get(s, "language") or "en_GB"
            percent = settings.get_int(s, "text_scale_percent") or 100
            minutes = settings.get_int(s, "auto_lock_minutes")
            recorder = settings.get(s, "recorder")
        store.actor = recorder if recorder.startswith("planner:") else "holder"
        planner = store.actor.split(":", 1)[1] if store.actor.startswith("planner:") else ""
        appconfig.set_language(language)  # so the next start is in this language from its first page
        apply_language(language)
        self.planner_note.setText(
            _(
                "Recording as the planner, {name}: every change is marked as made by {name}. To record as the "
                "budget holder again, go to Settings."
            ).format(name=planner)
            if planner
            else ""
        )
        self.planner_note.setVisible(bool(planner))
        apply_text_scale(percent)
        self.idle.set_minutes(minutes)
        if self.built_language != i18n.current_locale():
            language_switch.retranslate(self)  # every text in the new language, now, without a restart

    def _store_changed(self) -> None:
        store = self.ctx.store
        self.update_actions()
        if store is None:
            self.setWindowTitle(APP_TITLE)
            self.planner_note.setText("")
            self.planner_note.hide()
            return
        self._apply_store_settings(store)
        with store.reading() as s:
            name = holder.display_name(holder.get_holder(s))
        self.setWindowTitle(f"{name or store.path.name} — {APP_TITLE}")

    # -- locking ----------------------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything personal: close questions, keep half-typed forms hidden, empty every page, close the
        store, ask for the passphrase."""
        store = self.ctx.store
        if store is None:
            return
        path = store.path
        # Questions close; half-typed forms wait, hidden and in memory only, until this store is unlocked again.
        self.held_forms.hold(self)
        messages.clear()
        self.central.setCurrentWidget(self.unlock_page)
        self.ctx.is_locked = True
        self.ctx.close_store(keep_undo=True)
        self.ctx.locked.emit()
        self.idle.pause()
        self.locked_path = path
        self.unlock_page.ask(path, locked=True)
        self.unlock_page.passphrase.setFocus()

    # -- pages ------------------------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        for row, (page_key, *_rest) in enumerate(PAGES):
            if page_key == key:
                self.show_page_row(row)

    def show_page_row(self, row: int) -> None:
        if self.ctx.store is None:
            return
        self.central.setCurrentWidget(self.shell)
        self.nav.setCurrentRow(row)

    def say_page(self, row: int) -> None:
        """Name the page shown now, and ask screen readers to say it (the focus may not have moved)."""
        if not 0 <= row < self.nav.count():
            return
        item = self.nav.item(row)
        self.pages.setAccessibleName(_("{page} page").format(page=item.text()))
        if QAccessible.isActive() and self.ctx.store is not None:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.pages, self.pages.accessibleName()))

    def current_page_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_help(self) -> None:
        if self.ctx.store is not None and self.central.currentWidget() is self.shell:
            self.show_page("help")
            return
        try:
            from ipb_desktop.ui.help.page import HelpDialog
        except ImportError:
            return
        dialog = HelpDialog(self)
        dialog.show()

    def restore_place(self) -> bool:
        """Put the window where it was last time (size and position, from the app's own settings)."""
        saved = appconfig.window_geometry()
        return saved is not None and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))

    def show_audit(self) -> None:
        """Help > Record of changes: who changed what, read-only."""
        if self.ctx.store is None:
            return
        from ipb_desktop.ui.settings.audit_view import AuditDialog

        self.audit_dialog = AuditDialog(self.ctx, self)
        self.audit_dialog.open()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.built_language != i18n.current_locale():
            language_switch.retranslate(self)  # the language was changed from elsewhere (apply_language)

    def closeEvent(self, event: QCloseEvent) -> None:
        appconfig.set_window_geometry(bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.pause()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.undo_keys)
        self.held_forms.drop()
        if self.ctx.store is not None:
            # Today's automatic backup (at most one a day); it never stops the app closing, but a failure is said.
            self.health.backup_before_closing(self.ctx.store, window_closing=True)
        self.ctx.close_store()
        super().closeEvent(event)

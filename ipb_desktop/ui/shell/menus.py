"""The main window's menu bar: File, Edit, Go and Help, made again whenever the language changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ipb_desktop import appconfig
from ipb_desktop.i18n import _
from ipb_desktop.ui.shell import about, store_health
from ipb_desktop.ui.shell.page_list import PAGES

if TYPE_CHECKING:
    from ipb_desktop.ui.shell.main_window import MainWindow


def _action(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, menu)  # goes with its menu when the menus are made again
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def make_menus(window: MainWindow) -> None:
    """Fill the (empty) menu bar of `window` in the language in use now."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_("&File"))
    window.new_action = _action(file_menu, _("&New store…"), window.show_create, QKeySequence.StandardKey.New)
    window.open_action = _action(file_menu, _("&Open store…"), window.open_store_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu(_("Open recen&t"))
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    file_menu.addSeparator()
    window.import_action = _action(file_menu, _("&Import statement…"), window.import_statement, "Ctrl+I")
    window.import_history_action = _action(file_menu, _("Import &history…"), window.show_import_history)
    file_menu.addSeparator()
    window.backup_action = _action(file_menu, _("&Back up now…"), window.back_up_now)
    window.restore_action = _action(file_menu, _("&Restore from a backup…"), window.restore_from_backup)
    window.export_all_action = _action(file_menu, _("&Export everything…"), window.export_everything)
    window.import_all_action = _action(
        file_menu, _("Import everything into a new &store…"), lambda: store_health.import_everything(window)
    )
    file_menu.addSeparator()
    window.lock_action = _action(file_menu, _("&Lock"), window.lock, "Ctrl+L")
    window.close_store_action = _action(file_menu, _("&Close store"), lambda: about.close_store(window))
    file_menu.addSeparator()
    window.quit_action = _action(file_menu, _("&Quit"), window.close, QKeySequence.StandardKey.Quit)

    edit_menu = bar.addMenu(_("&Edit"))
    window.undo_action = window.undo_keys.undo_action
    window.redo_action = window.undo_keys.redo_action
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)

    go_menu = bar.addMenu(_("&Go"))
    window.go_actions = []
    for row, (key, label, _build) in enumerate(PAGES):
        action = _action(go_menu, _(label), _go_to(window, row), f"Ctrl+{row + 1}")
        action.setObjectName(f"go-{key}")
        window.go_actions.append(action)

    help_menu = bar.addMenu(_("&Help"))
    window.help_action = _action(help_menu, _("&Help"), window.show_help, QKeySequence("F1"))
    window.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.audit_action = _action(help_menu, _("&Record of changes…"), window.show_audit)
    window.about_action = _action(help_menu, _("&About ipb-desktop"), lambda: about.show_about(window))


def _go_to(window: MainWindow, row: int) -> Callable[[], None]:
    return lambda: window.show_page_row(row)


def drop_menus(window: MainWindow) -> None:
    """Empty the menu bar; the old menus' shortcuts stop at once (the menus themselves go a moment later, as
    one of them may be the one that was just used)."""
    bar = window.menuBar()
    old = [action.menu() for action in bar.actions()]
    bar.clear()
    for menu in old:
        if not isinstance(menu, QMenu):
            continue
        for action in menu.findChildren(QAction):
            action.setShortcut(QKeySequence())
            action.setEnabled(False)
        menu.deleteLater()


def fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    recent = appconfig.recent_stores()
    if not recent:
        empty = menu.addAction(_("No stores opened yet"))
        empty.setEnabled(False)
    for item in recent:
        # File names only: no person's name is shown before the store is unlocked.
        action = menu.addAction(item.path.name)
        action.setToolTip(str(item.path.parent))
        action.triggered.connect(lambda _checked=False, p=item.path: window.open_path(p))

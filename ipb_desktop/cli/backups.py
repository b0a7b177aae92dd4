"""Subcommands for keeping a store safe and putting things back: backup, restore and undo-import.

ipb-desktop backup STORE [--to FOLDER]        an encrypted copy (into the store's backups folder by default)
ipb-desktop restore STORE BACKUP              put a backup in place of the store (the current one is kept)
ipb-desktop undo-import STORE NUMBER          take a bank import back out (its number is printed by `import`)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipb_desktop import backup
from ipb_desktop.bankimport import history
from ipb_desktop.cli.common import Subparsers, open_store, read_passphrase, say, store_command
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.formatting import date_long
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.backup_names import auto_backup_name, backups_folder
from ipb_desktop.models.store_file import real_store_path


def register(subparsers: Subparsers) -> None:
    take = store_command(
        subparsers,
        "backup",
        help=_("make an encrypted backup copy of the store"),
        description=_(
            "Make an encrypted copy of the store. It opens with the same passphrase. Without --to it goes into the "
            "store's backups folder, beside the store."
        ),
    )
    take.add_argument("--to", metavar="FOLDER", help=_("the folder to put the backup in (a USB stick, say)"))
    take.set_defaults(func=run_backup)

    restore = store_command(
        subparsers,
        "restore",
        help=_("put a backup in place of the store"),
        description=_(
            "Put a backup in place of the store. The backup is checked first; the store as it is now is kept in "
            "its backups folder, so this can be undone. The passphrase asked for is the backup's."
        ),
    )
    restore.add_argument("backup", metavar="BACKUP", help=_("the backup file (.ipb) to put back"))
    restore.set_defaults(func=run_restore)

    undo = store_command(
        subparsers,
        "undo-import",
        help=_("take a bank import back out"),
        description=_(
            "Take a bank import back out: the payments it added are removed and the payments it matched are no "
            "longer marked as checked. The number of each import is printed by the import command."
        ),
    )
    undo.add_argument("number", metavar="NUMBER", help=_("the import's number"))
    undo.set_defaults(func=run_undo_import)


def run_backup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.to:
            made = backup.back_up_now(store, Path(args.to))
        else:
            made = auto_backup_name(store.path, "by-hand")
            backup.snapshot(store, made)
    say(_("Saved an encrypted backup at {path}. It opens with the store's passphrase.").format(path=made))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    target = real_store_path(args.store)
    info = backup.restore_backup(expand_user(args.backup), read_passphrase(), target)
    last = date_long(info.last_transaction_date) if info.last_transaction_date else _("none")
    say(
        ngettext(
            "Put back the backup {name}: {n} payment, the last on {last}.",
            "Put back the backup {name}: {n} payments, the last on {last}.",
            info.transaction_count,
        ).format(name=info.path.name, n=info.transaction_count, last=last)
    )
    say(_("The store as it was before is kept in {folder}.").format(folder=backups_folder(target)))
    return 0


def run_undo_import(args: argparse.Namespace) -> int:
    number = args.number.strip()
    if not number.isdigit() or len(number) > 9:
        raise InvalidInput("number", _("write the import's number, for example 3"))
    with open_store(args) as store, store.transaction() as session:
        batch = history.undo_import(session, int(number))
        name = batch.source_name
    say(
        _("Took back import number {id} ({name}). It can be put back from the app's import history.").format(
            id=int(number), name=name
        )
    )
    return 0

"""Subcommands for moving a whole budget in and out: export-all and import-all.

    ipb-desktop export-all STORE --out FILE.zip     every record and receipt, in the documented open format
    ipb-desktop import-all STORE FILE.zip           a NEW store at STORE holding what the export holds

The export is not encrypted (docs/EXPORT_FORMAT.md). Reading one back checks every record by the same rules as
typed input; the new store gets its own id and its own audit log, starting with the import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipb_desktop import export_all
from ipb_desktop.cli.common import (
    PASSPHRASE_ENV,
    Subparsers,
    ask_new_passphrase,
    open_store,
    say,
    store_command,
    store_path,
    warn,
)
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.i18n import _
from ipb_desktop.statements import output


def register(subparsers: Subparsers) -> None:
    out = store_command(
        subparsers,
        "export-all",
        help=_("save every record and receipt to one zip file, in an open format (not encrypted)"),
        description=_(
            "Save everything in the store (every record and every receipt) to one zip file that other software "
            "and spreadsheets can read. The file is NOT encrypted. docs/EXPORT_FORMAT.md describes it."
        ),
    )
    out.add_argument("--out", metavar="FILE", required=True, help=_("the zip file to write, for example all.zip"))
    out.set_defaults(func=run_export_all)

    back = store_command(
        subparsers,
        "import-all",
        help=_("make a new store from a file saved by export-all"),
        description=_(
            "Make a new budget store at STORE holding everything in a file saved by export-all. Every record is "
            "checked first; nothing is made unless all of it can be used. You choose the new store's passphrase "
            "as for init."
        ),
    )
    back.add_argument("file", metavar="FILE", help=_("the zip file saved by export-all"))
    back.set_defaults(func=run_import_all)


def run_export_all(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        target = output.check_destination(Path(args.out), store.path)
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        made = export_all.export_everything(store, target)
    say(output.not_encrypted_note(made))
    return 0


def run_import_all(args: argparse.Namespace) -> int:
    target = store_path(args).absolute()
    source = expand_user(args.file)
    if target.exists() or target.is_symlink():
        raise InvalidInput(
            "store",
            _("a file called {name} is already there; choose a new name for the new store").format(name=target.name),
        )
    if not source.is_file():
        raise InvalidInput("file", _("there is no file at {path}").format(path=source))
    made = export_all.import_everything(source, target, ask_new_passphrase(PASSPHRASE_ENV))
    say(_("Made a new budget store at {path} from {name}.").format(path=made, name=source.name))
    warn(_("The export file is not encrypted. Delete it when you no longer need it."))
    return 0

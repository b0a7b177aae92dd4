"""`ipb-desktop mapping STORE list|show NAME|delete NAME`: the column choices remembered for each bank's CSV
layout (made by `import`, from the window or with --columns / --flip-signs / --save-mapping)."""

from __future__ import annotations

import argparse

from ipb_desktop.bankimport import mapping as mappings
from ipb_desktop.bankimport.cells import ORDER_NAMES
from ipb_desktop.bankimport.column_options import option_word
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command
from ipb_desktop.errors import EXIT_OK, EXIT_USAGE
from ipb_desktop.i18n import _


def register(subparsers: Subparsers) -> None:
    parser = store_command(
        subparsers,
        "mapping",
        help=_("list, show or delete the CSV column choices remembered for each bank"),
        description=_(
            "Each bank's CSV layout is remembered after its first import, so the next file needs no questions. "
            "Delete one to have the app guess that bank's columns again."
        ),
    )
    parser.add_argument("action", choices=("list", "show", "delete"), help=_("what to do"))
    parser.add_argument("name", metavar="NAME", nargs="?", help=_("the saved mapping's name (for show and delete)"))
    parser.set_defaults(func=run_mapping)


def describe(mapping: ColumnMapping) -> list[str]:
    """One line per choice: "date: column 1", "flip signs: yes"."""
    found = [
        _("{what}: column {n}").format(what=option_word(field), n=index + 1)
        for field, index in mapping.columns().items()
        if index is not None
    ]
    flip = {True: _("yes"), False: _("no"), None: _("decided by the app from the file")}[mapping.flip_signs]
    found.append(_("flip signs: {choice}").format(choice=flip))
    order = _(ORDER_NAMES[mapping.date_order]) if mapping.date_order else _("decided by the app from the file")
    found.append(_("dates written: {order}").format(order=order))
    return found


def run_mapping(args: argparse.Namespace) -> int:
    if args.action != "list" and not (args.name or "").strip():
        say(_("Give the name of the saved mapping, for example: mapping STORE {action} \"My bank\"").format(
            action=args.action
        ))  # fmt: skip
        return EXIT_USAGE
    with open_store(args) as store:
        if args.action == "delete":
            with store.transaction() as session:
                name = mappings.forget(session, args.name)
            say(_("Deleted the saved columns '{name}'. That bank's next file will be guessed again.").format(name=name))
            return EXIT_OK
        with store.reading() as session:
            if args.action == "list":
                rows = mappings.all_mappings(session)
                if not rows:
                    say(_("No column choices are saved yet. They are saved when a CSV file is imported."))
                for row in rows:
                    say(row.name)
                return EXIT_OK
            row = mappings.named(session, args.name)
            say(row.name)
            for line in describe(ColumnMapping.from_json(row.mapping_json)):
                say("  " + line)
    return EXIT_OK

"""Subcommands for the store as a whole: change its passphrase, or make a demo store."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ipb_desktop import seed, unlock
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    Subparsers,
    actor_for,
    ask_new_passphrase,
    open_store,
    say,
    store_command,
    store_path,
    warn,
)
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import fsync_dir
from ipb_desktop.i18n import _
from ipb_desktop.models.backup_names import backups_folder, sidecars
from ipb_desktop.models.store import check_passphrase_rules
from ipb_desktop.validate import parse_date


def register(subparsers: Subparsers) -> None:
    change = store_command(
        subparsers,
        "passphrase",
        help=_("change the store's passphrase"),
        description=_(
            "Change the passphrase. The current one comes from {env} or is asked for; the new one from {new_env} "
            "or is asked for twice. A backup locked with the old passphrase is kept in the store's backups folder."
        ).format(env=PASSPHRASE_ENV, new_env=NEW_PASSPHRASE_ENV),
    )
    change.set_defaults(func=run_passphrase)

    demo = store_command(
        subparsers,
        "demo",
        help=_("make a new store filled with an invented year of budget (for trying the app)"),
        description=_(
            "Make a new store filled with a year of invented data for Alys Testwood in Exampleshire. "
            "The passphrase is chosen as for init."
        ),
    )
    demo.add_argument("--today", metavar="DATE", help=_("pretend today is this date (default: today)"))
    demo.set_defaults(func=run_demo)


def run_passphrase(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        new = ask_new_passphrase(NEW_PASSPHRASE_ENV)
        check_passphrase_rules(new)
        # Through the unlock service, so a passphrase this computer remembers is updated in the keyring too.
        keyring_note = unlock.change_passphrase(store, new)
        backups = backups_folder(store.path)
    say(_("Changed the passphrase. A backup locked with the old passphrase is in {folder}.").format(folder=backups))
    if keyring_note:
        warn(keyring_note)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Build the demo under a hidden name and rename it into place only when it is complete, so a demo that is
    stopped (Ctrl+C, a full disk, a kill) never leaves an empty or half-filled store under the real name."""
    from ipb_desktop.demo import build_demo

    day = parse_date(args.today, "today") if args.today else cli_common.today()
    target = store_path(args).absolute()
    actor = actor_for(args)
    if target.exists() or target.is_symlink():
        raise InvalidInput(
            "store",
            _("a file called {name} is already there. Choose another name, or open that store instead").format(
                name=target.name
            ),
        )
    passphrase = ask_new_passphrase(PASSPHRASE_ENV)
    partial = target.with_name(f".{target.name}.demo")
    _remove(partial)
    try:
        store = seed.create_store(partial, passphrase)
        try:
            store.actor = actor
            counts = build_demo(store, day)
        finally:
            store.close()
        if target.exists():
            raise InvalidInput("store", _("a file called {name} appeared meanwhile").format(name=target.name))
        os.rename(partial, target)
        fsync_dir(target.parent)
    finally:
        _remove(partial)
    say(
        _("Made a demo store at {path} for the invented person Alys Testwood, with {payments} payments.").format(
            path=target, payments=counts.transactions
        )
    )
    return 0


def _remove(partial: Path) -> None:
    for part in (partial, *sidecars(partial), partial.with_name(partial.name + ".lock")):
        part.unlink(missing_ok=True)

"""Shared pieces for command-line subcommands: adding a command, asking for a passphrase, opening the store.

A module that adds subcommands exposes `register(subparsers)` and is listed in `ipb_desktop.cli.COMMAND_MODULES`::

    def register(subparsers: Subparsers) -> None:
        parser = store_command(subparsers, "import", help=_("..."), description=_("..."))
        parser.add_argument("file", ...)
        parser.set_defaults(func=run_import)

    def run_import(args: argparse.Namespace) -> int:
        with open_store(args) as store, store.transaction() as session:
            ...
        say(_("Imported ..."))
        return 0

Passphrases never come from the command line: from IPB_PASSPHRASE (and IPB_NEW_PASSPHRASE when changing it),
typed at a hidden prompt, or (when standard input is not a terminal) read one per line from standard input.
Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import validate
from ipb_desktop.cli import ahead
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.i18n import _
from ipb_desktop.models import keyed, open_mark
from ipb_desktop.models.schema import BudgetPeriod
from ipb_desktop.models.store import Store, passphrase_strength
from ipb_desktop.models.store_file import check_looks_like_store, real_store_path

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # the same class, importable at run time by modules that add commands
    Subparsers = argparse._SubParsersAction

CommandFunc: TypeAlias = Callable[[argparse.Namespace], int | None]

PASSPHRASE_ENV = "IPB_PASSPHRASE"
NEW_PASSPHRASE_ENV = "IPB_NEW_PASSPHRASE"


def store_command(subparsers: Subparsers, name: str, *, help: str, description: str = "") -> argparse.ArgumentParser:
    """Add a subcommand that works on one store: it takes STORE first and accepts `--as-planner NAME`."""
    parser = subparsers.add_parser(
        name,
        help=help,
        description=description or help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("store", metavar="STORE", help=_("the budget store file, for example my-budget.ipb"))
    parser.add_argument(
        "--as-planner",
        metavar="NAME",
        help=_("record this as a named peer support planner instead of the budget holder"),
    )
    return parser


def codes_of(choices: type[StrEnum]) -> str:
    """The codes a person may type for a fixed choice, for help text ("weekly, four_weekly, ...")."""
    return ", ".join(member.value for member in choices)


def today() -> dt.date:
    """Today's date (one place, so tests can fix it)."""
    return dt.date.today()


def say(text: str) -> None:
    """One plain line for the person, on standard output."""
    print(text)


def warn(text: str) -> None:
    """A gentle note (not an error) on standard error, so standard output stays one line per change."""
    print(text, file=sys.stderr)


def _ask(prompt: str) -> str:
    """Typed at a hidden prompt on a terminal; read as one line when standard input is a pipe or file."""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            return getpass.getpass(prompt)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
    except EOFError as exc:
        raise InvalidInput(
            "passphrase",
            _("no passphrase was typed. Type it when asked, or set {env} before running the command").format(
                env=PASSPHRASE_ENV
            ),
        ) from exc


def read_passphrase(env: str = PASSPHRASE_ENV, prompt: str | None = None) -> str:
    """The passphrase of an existing store: from the environment variable `env`, else typed (hidden)."""
    value = os.environ.get(env)
    if value:
        return value
    return _ask(prompt or _("Passphrase: "))


def ask_new_passphrase(env: str) -> str:
    """A new passphrase: from `env`, else typed twice (hidden) and compared. Prints how strong it is."""
    value = os.environ.get(env)
    if not value:
        first = _ask(_("Choose a passphrase: "))
        second = _ask(_("Type the same passphrase again: "))
        if first != second:
            raise InvalidInput(
                "passphrase", _("the two passphrases were not the same. Nothing was changed; please try again")
            )
        value = first
    _score, hint = passphrase_strength(value)
    say(_("Passphrase strength: {hint}").format(hint=hint))
    return value


def store_path(args: argparse.Namespace) -> Path:
    return expand_user(args.store)


def actor_for(args: argparse.Namespace) -> str:
    """ "holder", or "planner:NAME" when the command was given `--as-planner NAME`."""
    name = getattr(args, "as_planner", None)
    if name is None:
        return "holder"
    return "planner:" + validate.required_text(name, "as_planner")


@contextmanager
def open_store(args: argparse.Namespace, *, check: bool = True, whole_file: bool = True) -> Iterator[Store]:
    """Unlock the store named by `args.store` (checking it looks like a store before asking for the passphrase),
    check every page of it (damage is reported, exit 4, before anything is read or written), record as the right
    person, and close it again however the block ends.

    A store this user cannot write (a CD, someone else's folder) opens read-only: reading commands work, and a
    change is refused with exit 6.

    `whole_file=False` is for commands that only read: the whole file is not checked first (that reads every page
    of the store, ten years and their receipts: seconds at a million payments, and it grew with the store whatever
    the command needed). SQLCipher checks each page such a command reads as it reads it, so damage met there is
    reported the same way (exit 4) and nothing is written; damage elsewhere is found by the next command that
    writes, which checks every page's checksum and how the pages link up first, and by the window, which checks
    the whole file in the background after opening. The key is derived while the command's code loads when the
    passphrase is in the environment (`ipb_desktop.cli.ahead`).
    """
    path = real_store_path(store_path(args))
    actor = actor_for(args)
    check_looks_like_store(path)
    early = ahead.take(path)
    try:
        store = Store.open(path, read_passphrase(), ahead=early)
    finally:
        if early is not None:
            early.discard()  # its connection, if Store.open did not take it
    try:
        if store.log_missing:
            warn(open_mark.missing_log_warning(path))
        if check and whole_file:
            problems = store.integrity_problems()
            if problems:
                raise keyed.damaged(path, problems[0])
        store.actor = actor
        yield store
    finally:
        store.close()


def current_period(session: Session, period_id: int | None, day: dt.date) -> BudgetPeriod:
    """The period asked for, else the one containing `day`, else the latest one."""
    if period_id is not None:
        found = session.get(BudgetPeriod, period_id)
        if found is None:
            raise InvalidInput("period", _("there is no budget period number {id}").format(id=period_id))
        return found
    containing = session.scalars(
        select(BudgetPeriod).where(BudgetPeriod.start_date <= day, BudgetPeriod.end_date >= day)
    ).first()
    latest = containing or session.scalars(select(BudgetPeriod).order_by(BudgetPeriod.start_date.desc())).first()
    if latest is None:
        raise InvalidInput(
            "period",
            _("there is no budget period yet. Add one first, for example: {example}").format(
                example="ipb-desktop period STORE --start 01/04/2026 --end 31/03/2027"
            ),
        )
    return latest

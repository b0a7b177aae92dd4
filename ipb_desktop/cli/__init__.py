"""The headless command line: `ipb-desktop COMMAND STORE ...`, a thin shell over the services.

Each command opens the store, does one thing inside one transaction, prints one plain line saying what it did
and closes the store. Passphrases never come from the command line: they are read from IPB_PASSPHRASE (and
IPB_NEW_PASSPHRASE for a new passphrase when changing it), typed at a hidden prompt, or read line by line from
standard input when that is not a terminal. `--as-planner NAME`
records the change as a named peer support planner instead of the budget holder.

Exit codes:
    0  done
    2  the command was not written right (unknown command or option, a missing argument)
    3  wrong passphrase (the store is left exactly as it was)
    4  no store there, not a budget store, damaged, or a file that could not be read or written
    5  something typed cannot be used; the message names the field and says why
    6  the store is open in another copy of the app, or was saved by a newer version
  130  stopped with Ctrl+C

Adding commands: a module in this package exposing `register(subparsers)` (see `ipb_desktop.cli.common` for an
example and the helpers) is named in COMMANDS below, one entry per command it adds. Only the module of the command
being run is imported (all of them for `--help` or a mistake), so `summary` never loads the PDF writers. The JSON
printed by `summary --json` is described in `ipb_desktop.cli.summary`.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ipb_desktop import __version__
from ipb_desktop.errors import (
    EXIT_INVALID_INPUT,
    EXIT_NOT_A_STORE,
    EXIT_OK,
    EXIT_STORE_UNAVAILABLE,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
    IpbError,
)
from ipb_desktop.i18n import _

EXIT_STOPPED = 130

# Which module adds each command, in the order they appear in --help. Only the chosen one is imported.
COMMANDS: dict[str, str] = {
    "init": "ipb_desktop.cli.setup",
    "holder": "ipb_desktop.cli.setup",
    "period": "ipb_desktop.cli.setup",
    "stream": "ipb_desktop.cli.setup",
    "outcome": "ipb_desktop.cli.record",
    "rate": "ipb_desktop.cli.record",
    "plan-line": "ipb_desktop.cli.record",
    "pay": "ipb_desktop.cli.record",
    "receive": "ipb_desktop.cli.record",
    "receipt": "ipb_desktop.cli.record",
    "summary": "ipb_desktop.cli.summary",
    "passphrase": "ipb_desktop.cli.store",
    "demo": "ipb_desktop.cli.store",
    "statement": "ipb_desktop.cli.statements",
    "review-pack": "ipb_desktop.cli.statements",
    "export-csv": "ipb_desktop.cli.statements",
    "import": "ipb_desktop.cli.bank_import",
}

# Every module that adds commands, in --help order.
COMMAND_MODULES: list[str] = list(dict.fromkeys(COMMANDS.values()))


def _epilog() -> str:
    codes = [
        (EXIT_OK, _("done")),
        (EXIT_USAGE, _("the command was not written right (unknown command or option, missing argument)")),
        (EXIT_WRONG_PASSPHRASE, _("wrong passphrase (nothing in the store was changed)")),
        (EXIT_NOT_A_STORE, _("no budget store there, not a budget store, damaged, or a file could not be used")),
        (EXIT_INVALID_INPUT, _("something typed cannot be used (the message names it and says why)")),
        (EXIT_STORE_UNAVAILABLE, _("the store is open in another copy of the app, or needs a newer version")),
        (EXIT_STOPPED, _("stopped with Ctrl+C")),
    ]
    lines = [
        _("Run with no command to open the app's window. Run 'ipb-desktop COMMAND --help' for one command."),
        "",
        _("PASSPHRASE"),
        "  "
        + _(
            "Never typed on the command line. Set IPB_PASSPHRASE (and IPB_NEW_PASSPHRASE when changing it), "
            "or type it when asked; what you type is not shown. A script can also send it in, one line each time "
            "it would be asked."
        ),
        "",
        _("EXIT CODES"),
        *[f"  {code:>3}  {meaning}" for code, meaning in codes],
    ]
    return "\n".join(lines)


def build_parser(modules: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (with `modules`) one holding only the commands those modules add."""
    parser = argparse.ArgumentParser(
        prog="ipb-desktop",
        description=_(
            "Your integrated personal budget for mental health: outcomes, budget, spending and review packs, "
            "kept encrypted on your own computer."
        ),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ipb-desktop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, title=_("commands"))
    for name in COMMAND_MODULES if modules is None else modules:
        importlib.import_module(name).register(subparsers)
    return parser


def _modules_for(words: Sequence[str]) -> list[str] | None:
    """The one module to import for the command in `words`, or None (every module) for help or an unknown word."""
    command = next((word for word in words if not word.startswith("-")), None)
    module = COMMANDS.get(command or "")
    return [module] if module in COMMAND_MODULES else None


def _exit_code(code: object) -> int:
    """argparse leaves by SystemExit: 0 after --help/--version, 2 for a usage error."""
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def main(argv: Sequence[str] | None = None, *, whole_process: bool = False) -> int:
    """Run one command and return its exit code (never raises for problems a person can put right).

    `whole_process` is for a process that runs this one command and ends (the console script): importing the
    command's module (SQLAlchemy, the mapped classes) makes hundreds of thousands of objects that live as long as
    the process, so there is no garbage collection while they are made and none of them is scanned again."""
    words = list(sys.argv[1:] if argv is None else argv)
    if whole_process:
        gc.disable()
    try:
        parser = build_parser(_modules_for(words))
    finally:
        if whole_process:
            gc.freeze()
            gc.enable()
    try:
        args = parser.parse_args(words)
    except SystemExit as leaving:
        return _exit_code(leaving.code)
    try:
        result = args.func(args)
    except IpbError as error:
        print(str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("\n" + _("Stopped. Anything not finished was not saved."), file=sys.stderr)
        return EXIT_STOPPED
    except OSError as error:
        print(
            _("Could not use the file {name}: {reason}").format(
                name=error.filename or "", reason=error.strerror or str(error)
            ),
            file=sys.stderr,
        )
        return EXIT_NOT_A_STORE
    return EXIT_OK if result is None else int(result)


def leave(code: int) -> NoReturn:
    """End the process with `code` as soon as what it printed is written out.

    Only for a whole process that has finished its command (every store is closed by then): Python's own clean-up
    at exit would free every object the imports made, one by one, which takes longer than the summary itself.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            pass
    os._exit(code)


if __name__ == "__main__":
    leave(main(whole_process=True))

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

Adding commands: a module exposing `register(subparsers)` (see `ipb_desktop.cli_common` for an example and the
helpers) is added to COMMAND_MODULES below; nothing else here needs changing. The JSON printed by
`summary --json` is described in `ipb_desktop.cli_summary`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

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

# Modules whose `register(subparsers)` adds subcommands, in the order they appear in --help.
COMMAND_MODULES: list[str] = [
    "ipb_desktop.cli_setup",
    "ipb_desktop.cli_record",
    "ipb_desktop.cli_summary",
    "ipb_desktop.cli_store",
    "ipb_desktop.statements.cli",
    "ipb_desktop.bankimport.cli",
]


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


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _exit_code(code: object) -> int:
    """argparse leaves by SystemExit: 0 after --help/--version, 2 for a usage error."""
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (never raises for problems a person can put right)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
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


if __name__ == "__main__":
    sys.exit(main())

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
    4  no store there, not a budget store, damaged, or a file that could not be read or written (disk full)
    5  something typed cannot be used; the message names the field and says why
    6  the store is open in another copy of the app, was saved by a newer version, or can only be read here
   70  something unexpected went wrong inside the app; a log without personal details was written
  130  stopped with Ctrl+C
  141  the output was closed before everything was printed (piped into head, say); what was done is done

Adding commands: a module in this package exposing `register(subparsers)` (see `ipb_desktop.cli.common` for an
example and the helpers) is named in COMMANDS below, one entry per command it adds. Only the module of the command
being run is imported (all of them for `--help` or a mistake), so `summary` never loads the PDF writers. The JSON
printed by `summary --json` is described in `ipb_desktop.cli.summary`.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
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
EXIT_UNEXPECTED = 70  # the same as ipb_desktop.crash.EXIT_UNEXPECTED (not imported: it is needed only on failure)
EXIT_OUTPUT_CLOSED = 141  # what a shell reports for a program stopped by a closed pipe

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
    "mapping": "ipb_desktop.cli.mappings",
    "undo-import": "ipb_desktop.cli.backups",
    "backup": "ipb_desktop.cli.backups",
    "restore": "ipb_desktop.cli.backups",
    "export-all": "ipb_desktop.cli.everything",
    "import-all": "ipb_desktop.cli.everything",
    "employee": "ipb_desktop.cli.employment",
    "shift": "ipb_desktop.cli.employment",
    "payslip": "ipb_desktop.cli.employment",
    "employer-check": "ipb_desktop.cli.employment",
    "reminders": "ipb_desktop.cli.employment",
    "timesheet": "ipb_desktop.cli.employment",
    "account": "ipb_desktop.cli.account",
    "opening-balance": "ipb_desktop.cli.account",
    "reconcile": "ipb_desktop.cli.account",
    "to-sort": "ipb_desktop.cli.account",
    "repay": "ipb_desktop.cli.account",
    "surplus": "ipb_desktop.cli.account",
    "evidence-pack": "ipb_desktop.cli.statements",
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
        (
            EXIT_STORE_UNAVAILABLE,
            _("the store is open in another copy of the app, needs a newer version, or can only be read here"),
        ),
        (EXIT_UNEXPECTED, _("something unexpected went wrong; a log without personal details was written")),
        (EXIT_STOPPED, _("stopped with Ctrl+C")),
        (EXIT_OUTPUT_CLOSED, _("the output was closed before everything was printed; what was done is done")),
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
    if whole_process:  # the store's key and page check start on a worker thread while the command's code loads
        from ipb_desktop.cli import ahead

        ahead.begin(words, [name for name in COMMANDS if name != "init"])
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
        _print_error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _print_error("\n" + _("Stopped. Anything not finished was not saved."))
        return EXIT_STOPPED
    except BrokenPipeError:
        return _output_closed()
    except OSError as error:
        _print_error(_file_problem(error))
        return EXIT_NOT_A_STORE
    except (Exception, RecursionError) as error:
        from ipb_desktop import crash

        return crash.report(error)
    return EXIT_OK if result is None else int(result)


def _print_error(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # standard error is closed too: the exit code says it
        print(text, file=sys.stderr)


def _file_problem(error: OSError) -> str:
    """A file that could not be used, named (or not, when the system did not say which) with the reason."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.errno == errno.ENOSPC:
        reason = _("the disk is full")
    if error.filename:
        return _("Could not use the file {name}: {reason}").format(name=error.filename, reason=reason)
    return _("Could not read or write a file: {reason}").format(reason=reason)


def _output_closed() -> int:
    """The reader of standard output went away (`... | head`): stop quietly; what the command did is done."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_OUTPUT_CLOSED


def leave(code: int) -> NoReturn:
    """End the process with `code` as soon as what it printed is written out.

    Only for a whole process that has finished its command (every store is closed by then): Python's own clean-up
    at exit would free every object the imports made, one by one, which takes longer than the summary itself.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can be said there
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    leave(main(whole_process=True))

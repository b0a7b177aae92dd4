"""The `ipb-desktop` command: the app's window when run on its own, the headless command line with a command.

    ipb-desktop                  open the window (imports Qt only now)
    ipb-desktop STORE            open the window at that store's unlock page (double-click, file association)
    ipb-desktop COMMAND ...      work headless (see `ipb-desktop --help`); Qt is never imported

`python -m ipb_desktop.app` does the same. When the window cannot start because its code or Qt is not
installed, a plain message is printed and the exit code is 1.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from ipb_desktop import crash
from ipb_desktop.fileops import expand_user
from ipb_desktop.i18n import _

EXIT_NO_WINDOW = 1
STORE_SUFFIX = ".ipb"


def _run_gui(argv: list[str], store: Path | None = None) -> int:
    """Import the window code only now, so the command line never loads Qt.

    `run_gui` gets the full argument list with the program name first, as QApplication expects, and the store
    to open (None: the last one used, or the welcome).
    """
    try:
        module = importlib.import_module("ipb_desktop.ui.app")
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if not (missing.startswith("ipb_desktop.ui") or missing.startswith(("PySide6", "shiboken6"))):
            raise
        print(
            _(
                "The app's window is not available in this installation ({missing} is missing). "
                "The command line still works: run 'ipb-desktop --help'."
            ).format(missing=missing),
            file=sys.stderr,
        )
        return EXIT_NO_WINDOW
    run_gui = cast(Callable[..., int], module.run_gui)
    return int(run_gui(argv) if store is None else run_gui(argv, store))


def store_argument(args: Sequence[str]) -> Path | None:
    """The store to open when the only argument is a file rather than a command, else None.

    A word is a store when it names an existing file, ends in .ipb, or has a folder in it; so `ipb-desktop sumary`
    still gets the command line's "invalid choice" help, while `ipb-desktop "My budget.ipb"` opens the window.
    """
    if len(args) != 1 or args[0].startswith("-"):
        return None
    from ipb_desktop.cli import COMMANDS

    word = args[0]
    if word in COMMANDS:
        return None
    # A file manager may hand over a file:// address instead of a path.
    if word.startswith("file://"):
        from urllib.parse import unquote, urlparse

        word = unquote(urlparse(word).path)
    path = expand_user(word)
    looks_like_file = path.suffix.lower() == STORE_SUFFIX or os.sep in word or "/" in word or path.is_file()
    return path.absolute() if looks_like_file else None


def _unlock_early(store: Path | None) -> None:
    """Ask the keyring and derive the store's key on a worker thread while the window's code is imported."""
    from ipb_desktop import unlock_early

    unlock_early.begin(store)


def _program() -> str:
    return sys.argv[0] if sys.argv and sys.argv[0] else "ipb-desktop"


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. `argv` excludes the program name (None means the real command line)."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Every file the app makes (stores, their temporary copies, backups, exports) is for this user's eyes only.
    os.umask(0o077)
    # No core file (it would hold the passphrase and payees), and never a bare traceback: see ipb_desktop.crash.
    crash.disable_core_dumps()
    crash.install()
    if not args:
        _unlock_early(None)
        return _run_gui([_program()])
    store = store_argument(args)
    if store is not None:
        _unlock_early(store)
        return _run_gui([_program()], store)
    from ipb_desktop import cli

    code = cli.main(args, whole_process=argv is None)
    if argv is None:  # a whole process of its own (the console script): end it now the command is done
        cli.leave(code)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""The `ipb-desktop` command: the app's window when run on its own, the headless command line with a command.

    ipb-desktop                  open the window (imports Qt only now)
    ipb-desktop COMMAND ...      work headless (see `ipb-desktop --help`); Qt is never imported

`python -m ipb_desktop.app` does the same. When the window cannot start because its code or Qt is not
installed, a plain message is printed and the exit code is 1.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import cast

from ipb_desktop.i18n import _

EXIT_NO_WINDOW = 1


def _run_gui(argv: list[str]) -> int:
    """Import the window code only now, so the command line never loads Qt.

    `run_gui` gets the full argument list with the program name first, as QApplication expects.
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
    run_gui = cast(Callable[[list[str]], int], module.run_gui)
    return int(run_gui(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. `argv` excludes the program name (None means the real command line)."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Every file the app makes (stores, their temporary copies, backups, exports) is for this user's eyes only.
    os.umask(0o077)
    if not args:
        return _run_gui([sys.argv[0] if sys.argv and sys.argv[0] else "ipb-desktop"])
    from ipb_desktop import cli

    code = cli.main(args, whole_process=argv is None)
    if argv is None:  # a whole process of its own (the console script): end it now the command is done
        cli.leave(code)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""When something unexpected goes wrong: a calm message, a log for the developers without personal details, and
(on the command line) a documented exit code. A traceback is never the user interface.

The log holds only the app and Python versions, the exception's type and where it happened (file, line, function)
for each step of the trace. Never the exception's message, variables or source text: those may hold a payee, an
amount or a passphrase. Logs go to `logs/` in the app's data folder (see `ipb_desktop.paths`), owner-only; the
newest 20 are kept.

    crash.install()                         the command line: message on standard error
    crash.install(show=window_callback)     the window: the callback shows the message (called on the thread
                                            that failed; a GUI callback must hand it to the main thread)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ipb_desktop import __version__
from ipb_desktop.i18n import _
from ipb_desktop.paths import data_dir

EXIT_UNEXPECTED = 70  # BSD's EX_SOFTWARE: an internal error
LOGS_KEPT = 20
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent

Show = Callable[[str], None]


def logs_folder() -> Path:
    return data_dir() / "logs"


def describe(error: BaseException) -> str:
    """The log text: versions, then each exception's type and its trace as file:line in function. No values."""
    lines = [
        f"ipb-desktop {__version__}",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}",
        f"at {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        "",
    ]
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("which happened while handling or because of:")
    return "\n".join(lines) + "\n"


def _where(filename: str) -> str:
    """A file inside the app as its path in the package; anything else (Python, libraries) by its name only, so
    no folder (which may hold a person's name) is written."""
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(_PACKAGE_ROOT))
    except (ValueError, OSError):
        return path.name


def write_log(error: BaseException) -> Path | None:
    """Write the log for `error`; returns its path, or None when it could not be written (never raises)."""
    try:
        folder = logs_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S-%f")
        target = folder / f"crash-{stamp}.log"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(describe(error))
        for old in sorted(folder.glob("crash-*.log"))[:-LOGS_KEPT]:
            old.unlink(missing_ok=True)
        return target
    except Exception:
        return None


def calm_message(log: Path | None) -> str:
    text = _(
        "Something unexpected went wrong, so ipb-desktop stopped what it was doing. Your budget store is safe: "
        "anything that was not finished was not saved."
    )
    if log is not None:
        text += " " + _(
            "A note for the people who make the app was saved in {path}. It holds no names, amounts or other "
            "personal details. You could send it to them."
        ).format(path=log)
    return text


def report(error: BaseException, show: Show | None = None) -> int:
    """Log `error`, show the calm message (standard error unless `show` is given) and return EXIT_UNEXPECTED."""
    message = calm_message(write_log(error))
    try:
        if show is not None:
            show(message)
        else:
            print(message, file=sys.stderr)
    except Exception:
        pass
    return EXIT_UNEXPECTED


def install(show: Show | None = None) -> None:
    """Route every uncaught exception (main thread and others) through `report`."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        report(error, show)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def disable_core_dumps() -> None:
    """No core file for this process: one would hold the passphrase and decrypted payees in plain bytes."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no core files of this kind
        return
    # A locked-down system may refuse; there is nothing more to do then.
    with contextlib.suppress(ValueError, OSError):  # pragma: no cover
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

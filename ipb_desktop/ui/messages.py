"""The one bridge between code that has something to say and the window that says it.

Non-UI code (operations, dialogs) calls `error()`, `info()` or `report()`; the bridge re-emits it as a signal and
the main window shows it in its message bar (qutebrowser's `utils/message.py` pattern). A traceback is never shown:
an `IpbError` is already plain words, and anything else becomes a calm general sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ipb_desktop import crash
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _


class MessageBridge(QObject):
    """Signals carry already-translated plain text."""

    error_shown = Signal(str)
    info_shown = Signal(str)
    cleared = Signal()


_bridge: MessageBridge | None = None


def bridge() -> MessageBridge:
    global _bridge
    if _bridge is None:
        _bridge = MessageBridge()
    return _bridge


def error(text: str) -> None:
    bridge().error_shown.emit(text)


def info(text: str) -> None:
    bridge().info_shown.emit(text)


def clear() -> None:
    bridge().cleared.emit()


def plain_text(exc: BaseException) -> str:
    """What to tell a person about `exc`: its own words for our errors, a calm general sentence otherwise."""
    if isinstance(exc, IpbError):
        return str(exc)
    return _(
        "Something went wrong and nothing was changed. Please try again. If it keeps happening, tell your planner."
    )


def report(exc: BaseException) -> None:
    """Show `exc` in plain words. An unexpected error also gets a note for whoever helps, without personal
    details (see ipb_desktop.crash), and the message says where it is."""
    if isinstance(exc, IpbError):
        error(str(exc))
    else:
        error(crash.calm_message(crash.write_log(exc)))


def install_crash_handler() -> None:
    """Every exception nobody caught, on any thread, is shown calmly in the message bar (signals cross threads
    safely) and logged without personal details; the window keeps running."""
    crash.install(show=error)

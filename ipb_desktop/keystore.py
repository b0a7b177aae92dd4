"""Remembering a store's passphrase on this computer, in the operating system's keyring.

Entries are keyed by the store's random UUID, never by the person's name. Where no usable keyring exists
(a headless Linux box has none) `keyring_available()` is False and the app asks for the passphrase each time.

A keyring can also stop and wait for someone (a new GNOME keyring asks for a password of its own in another
window). So every question to it runs on a helper thread and is given up after `TIMEOUT_SECONDS`: the person is
then asked for their passphrase and told why (`KeyringTimedOut`). While waiting, `wait_for` is used; the window
replaces it with one that keeps painting (`set_waiter`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _

SERVICE = "ipb-desktop"
TIMEOUT_SECONDS = 5.0

T = TypeVar("T")
# How to wait for the keyring's helper thread: given its "finished" event and a timeout, returns True if it finished.
Waiter = Callable[[threading.Event, float], bool]


def _plain_wait(finished: threading.Event, timeout: float) -> bool:
    return finished.wait(timeout)


_waiter: Waiter = _plain_wait


def set_waiter(waiter: Waiter | None) -> None:
    """Use `waiter` to wait for the keyring (the window passes one that keeps handling its events); None resets."""
    global _waiter
    _waiter = waiter or _plain_wait


class KeyringUnavailable(IpbError):
    pass


class KeyringTimedOut(KeyringUnavailable):
    """The keyring did not answer in time (it may be waiting for its own password in another window)."""


def _timed_out() -> KeyringTimedOut:
    return KeyringTimedOut(
        _(
            "Your computer's password keyring did not answer, so please type your passphrase this time. "
            "If a keyring window is open, it may be asking for its own password."
        )
    )


def _ask(question: Callable[[], T]) -> T:
    """Run `question` against the keyring on a helper thread; raise KeyringTimedOut if it takes too long.

    A question that is given up on is left to finish by itself (its thread is a daemon and owns nothing of ours).
    """
    finished = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(question())
        except BaseException as exc:
            failure.append(exc)
        finally:
            finished.set()

    threading.Thread(target=run, name="ipb-keyring", daemon=True).start()
    wait_for_answer(finished)
    if failure:
        raise failure[0]
    return outcome[0]


def wait_for_answer(finished: threading.Event) -> None:
    """Wait (the window keeps painting) until a question put to the keyring on another thread is answered; raise
    KeyringTimedOut if that takes too long."""
    if not _waiter(finished, TIMEOUT_SECONDS) and not finished.is_set():
        raise _timed_out()


def keyring_available() -> bool:
    """True when a real keyring backend (not the fail/null/plaintext ones) is usable here."""
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    if backend.priority <= 0:
        return False
    module = type(backend).__module__
    # keyrings.alt's file backends write to disk; not good enough for a passphrase.
    return not (module.startswith("keyrings.alt") or module.startswith("keyring.backends.null"))


def _unavailable() -> KeyringUnavailable:
    return KeyringUnavailable(
        _(
            "This computer has no password keyring the app can use, so it cannot remember your passphrase. "
            "You will be asked for it each time you open your budget."
        )
    )


def remember(store_uuid: str, passphrase: str) -> None:
    if not keyring_available():
        raise _unavailable()
    try:
        _ask(lambda: keyring.set_password(SERVICE, store_uuid, passphrase))
    except KeyringTimedOut:
        raise
    except KeyringError as exc:
        raise _unavailable() from exc


def recall(store_uuid: str) -> str | None:
    """The remembered passphrase, or None (also when the keyring does not answer in time)."""
    try:
        return recall_or_raise(store_uuid)
    except KeyringTimedOut:
        return None


def recall_or_raise(store_uuid: str) -> str | None:
    """The remembered passphrase, or None. Raises KeyringTimedOut when the keyring does not answer in time."""
    if not keyring_available():
        return None  # (no helper thread to wait for)
    return _ask(lambda: _get(store_uuid))


def recall_here(store_uuid: str) -> str | None:
    """The remembered passphrase, or None, asked on this thread with no time limit (for a worker thread)."""
    return _get(store_uuid) if keyring_available() else None


def _get(store_uuid: str) -> str | None:
    try:
        value = keyring.get_password(SERVICE, store_uuid)
    except KeyringError:
        return None
    return value if isinstance(value, str) else None


def forget(store_uuid: str) -> None:
    if not keyring_available():
        return
    with contextlib.suppress(PasswordDeleteError, KeyringError, KeyringTimedOut):
        _ask(lambda: keyring.delete_password(SERVICE, store_uuid))

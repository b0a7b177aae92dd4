"""Opening the remembered store begins before the window's code is imported.

`ipb-desktop` with no command (or with a store) opens the last store (or that one) at once when this computer
remembers its passphrase. Asking the keyring for it and deriving the key (a tenth or two of a second by design,
inside SQLCipher with the interpreter let go) need nothing of the window, so `begin` starts both on a worker
thread as the program starts, while the main thread imports SQLAlchemy, Qt and the window. `unlock.open_remembered`
takes what was found for the same file. Nothing is decided here: a keyring that fails, a forgotten or changed
passphrase, or another file all take the usual way, with the usual words; only the waiting moves earlier.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ipb_desktop import appconfig
from ipb_desktop.models import keyed
from ipb_desktop.models.unlock_ahead import UnlockAhead, as_store_opens


@dataclass
class Early:
    """What the worker found for one store: its remembered passphrase and the keyed connection being made."""

    path: Path  # the real file (links followed), as Store.open names it
    store_uuid: str
    finished: threading.Event = field(default_factory=threading.Event)
    passphrase: str | None = None
    ahead: UnlockAhead | None = None
    asked: bool = False  # False when the keyring could not be asked here: the usual way asks it again
    dropped: bool = False  # let go before the worker finished: it closes what it made
    lock: threading.Lock = field(default_factory=threading.Lock)


_begun: list[Early] = []


def begin(store: Path | None) -> None:
    """Start asking the keyring for `store`'s passphrase (None: the last store used) and deriving its key."""
    path = store if store is not None else appconfig.last_store()
    if path is None:
        return
    store_uuid = appconfig.remembered_uuid(path)
    if store_uuid is None:
        return  # never opened here, so nothing is remembered: the unlock page asks
    opens = as_store_opens(path)
    if opens is None:
        return  # the window says what is wrong, in its own words
    real, access = opens
    early = Early(real, store_uuid)
    threading.Thread(target=_ask_and_key, args=(early, access), name="ipb-unlock-early", daemon=True).start()
    _begun.append(early)


def _ask_and_key(early: Early, access: keyed.Access) -> None:
    try:
        from ipb_desktop import keystore  # the keyring's own import happens here too, off the main thread's way

        passphrase = keystore.recall_here(early.store_uuid)
        with early.lock:
            if early.dropped:
                return
            early.passphrase, early.asked = passphrase, True
            if passphrase:
                early.ahead = UnlockAhead(early.path, passphrase, access).start()
    except Exception:  # the usual way meets the same problem and names it
        early.asked = False
    finally:
        early.finished.set()


def take(path: Path, store_uuid: str) -> Early | None:
    """What `begin` started for this file and store, once (None when nothing was); anything else begun is let go."""
    opens = as_store_opens(path)
    real = opens[0] if opens is not None else None
    found = None
    while _begun:
        early = _begun.pop()
        if found is None and early.path == real and early.store_uuid == store_uuid:
            found = early
        else:
            discard(early)
    return found


def discard(early: Early) -> None:
    """Let go of what was begun for a store not opened: its passphrase, and its keyed connection once made."""
    with early.lock:
        early.dropped = True
        early.passphrase = None
        ahead, early.ahead = early.ahead, None
    if ahead is not None:
        ahead.discard()

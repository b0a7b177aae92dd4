"""Unlocking a store ahead: its keyed connection made on a worker thread while this thread does something else.

Making the connection means deriving the key (SQLCipher 4's PBKDF2, a tenth or two of a second by design), which
runs inside SQLCipher with the interpreter let go, so on a second processor it costs no waiting while this
thread gets SQLAlchemy's mapped classes ready (`Store.open`) or imports a command's code (`ipb_desktop.cli.ahead`:
SQLAlchemy itself, most of a second). Nothing is decided here: `Store.open` takes the connection only if it was
made for the same file, passphrase form and access and its key opened the file; otherwise it is closed and the
usual way meets the same problem and names it. The connection reads only the first page until it is taken.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import sqlcipher3

from ipb_desktop.errors import IpbError, WrongPassphrase
from ipb_desktop.models import keyed
from ipb_desktop.models.store_file import can_write_beside, check_looks_like_store, real_store_path


def as_store_opens(path: Path) -> tuple[Path, keyed.Access] | None:
    """The file `Store.open(path, ...)` opens (links followed) and the access it chooses (read-only where this user
    cannot write), so a connection made ahead for them can be taken; None when `path` is not a store file (the
    usual way then says what is wrong, in its own words)."""
    try:
        real = real_store_path(path)
        check_looks_like_store(real)
    except (IpbError, OSError, ValueError):
        return None
    return real, keyed.Access.READ_WRITE if can_write_beside(real) else keyed.Access.IMMUTABLE


class UnlockAhead:
    """One store's keyed connection, made on a worker thread from `start()` on."""

    def __init__(self, path: Path, passphrase: str, access: keyed.Access) -> None:
        self.path = Path(path)
        self.passphrase = unicodedata.normalize("NFC", passphrase)
        self.access = access
        self._conn: sqlcipher3.Connection | None = None
        self._wrong = False
        self._thread = threading.Thread(target=self._run, name="unlock-ahead", daemon=True)

    def start(self) -> UnlockAhead:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            conn = keyed.connect(self.path, self.passphrase, self.access)
        except Exception:  # the usual way will meet the same problem and name it
            return
        try:
            keyed.check_key(conn, self.path)  # the key is derived here
        except WrongPassphrase:
            self._wrong = True
            conn.close()
            return
        except Exception:
            conn.close()
            return
        self._conn = conn

    def _same(self, path: Path, passphrase: str, access: keyed.Access) -> bool:
        return (Path(path), passphrase, access) == (self.path, self.passphrase, self.access)

    def take_connection(self, path: Path, passphrase: str, access: keyed.Access) -> sqlcipher3.Connection | None:
        """The keyed connection, once, when it was made for this file, passphrase form and access and its key
        opened the file (waits for the worker); otherwise None, and the connection made is closed."""
        self._thread.join()
        conn, self._conn = self._conn, None
        if conn is None:
            return None
        if not self._same(path, passphrase, access):
            conn.close()
            return None
        return conn

    def known_wrong(self, path: Path, passphrase: str, access: keyed.Access) -> bool:
        """True when this passphrase form was already found not to open this file (no second derivation)."""
        self._thread.join()
        return self._wrong and self._same(path, passphrase, access)

    def discard(self) -> None:
        """Close the connection if nobody took it."""
        self._thread.join()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

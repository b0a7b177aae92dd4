"""Unlocking a store ahead: its key derived, and every page's checksum checked, on a worker thread while the
program loads the rest of itself.

A command such as `ipb-desktop summary STORE` spends most of its time importing its own code (SQLAlchemy, the
mapped classes), then deriving the key (PBKDF2, a tenth or two of a second by design), then checking every page of
the file. The last two run in C with the interpreter let go (hashlib's PBKDF2, SQLCipher's page check), so on a
second processor they can run while the imports do. Nothing is decided here: `Store.open` uses the key only if it
opens the file, and a page check that found anything, or could not run, counts for nothing (the caller checks
again the usual way and says what it found in the usual words). Nothing is written: the check reads through its
own read-only connection, closed before the caller goes on.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from ipb_desktop.models import keyed
from ipb_desktop.models.store_file import can_write_beside


class UnlockAhead:
    """One store's key and page check, worked out on a worker thread from `start()` on."""

    def __init__(self, path: Path, passphrase: str, *, check_pages: bool = True) -> None:
        self.path = path
        self.passphrase = unicodedata.normalize("NFC", passphrase)
        self.check_pages = check_pages
        self._key: str | None = None
        self._pages_ok = False
        self._key_tried = threading.Event()
        self._thread = threading.Thread(target=self._run, name="unlock-ahead", daemon=True)

    def start(self) -> UnlockAhead:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            key = keyed.file_key(self.path, self.passphrase)
        except Exception:  # the usual way will meet the same problem and name it
            return
        finally:
            self._key_tried.set()
        self._key = key
        if not self.check_pages:
            return
        access = keyed.Access.READ_ONLY if can_write_beside(self.path) else keyed.Access.IMMUTABLE
        try:
            conn = keyed.connect(self.path, key, access)
        except Exception:
            return
        try:
            keyed.check_key(conn, self.path)
            self._pages_ok = not keyed.integrity_problems(conn, structure=False)
        except Exception:
            self._pages_ok = False
        finally:
            conn.close()

    def key_for(self, path: Path, passphrase: str) -> str | None:
        """The derived key, when it was made for this file and this form of the passphrase (waits for it)."""
        if Path(path) != self.path or passphrase != self.passphrase:
            return None
        self._key_tried.wait()
        return self._key

    def wait(self) -> None:
        """Until the worker has finished (its connection closed): before anything is written to the file."""
        self._thread.join()

    def pages_ok(self) -> bool:
        """True when every page of the file passed its checksum (waits for the check); False when unsure."""
        self.wait()
        return self._pages_ok

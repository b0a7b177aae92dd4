"""Checking a typed passphrase against an open store without disturbing it (before changing or remembering it).

Opens a second, read-only connection to the file with the typed key (through `models.keyed`, the one place a key
is set) and reads one page; the store stays open.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from ipb_desktop.errors import IpbError
from ipb_desktop.models import keyed


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """True when `passphrase` (in any of its Unicode forms the store may use) unlocks the store file at `path`."""
    try:
        candidates = keyed.key_candidates(passphrase)
    except IpbError:
        return False
    for candidate in candidates:
        try:
            conn = keyed.connect(Path(path), candidate, keyed.Access.READ_ONLY)
        except sqlcipher3.Error:
            return False
        try:
            keyed.check_key(conn, Path(path))
        except IpbError:
            continue
        finally:
            conn.close()
        return True
    return False

"""Checking a typed passphrase against an open store without disturbing it (before changing or remembering it).

Opens a second, read-only connection to the file with the typed key and reads one page; the store stays open.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3


def _quoted(passphrase: str) -> str:
    return '"' + passphrase.replace('"', '""') + '"'


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """True when `passphrase` unlocks the store file at `path`."""
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    try:
        conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False)
    except sqlcipher3.Error:
        return False
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quoted(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()
    return True

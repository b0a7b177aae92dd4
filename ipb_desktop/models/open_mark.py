"""A mark inside the store that says "open for writing", so a copy missing its write-ahead log is noticed.

SQLite keeps the newest commits in a `-wal` file beside the store until they are folded in. If the app stops
suddenly and only the `.ipb` file is copied (to a USB stick, say), those commits are gone and nothing would say so.
So, before the first change of a session, the store's header (`PRAGMA user_version`, inside the encrypted file)
is set to OPEN and folded into the main file; a clean close sets it back to CLOSED. Opening a store marked OPEN
with no `-wal` beside it means changes may be missing, and the person is told. Reading alone never sets the mark,
so looking at a store still never writes to it. Copies made with `sqlcipher_export` (backups) start CLOSED.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipb_desktop.i18n import _

CLOSED = 0
OPEN = 1


def log_path(path: Path) -> Path:
    """The write-ahead log SQLite keeps beside the store."""
    return path.with_name(path.name + "-wal")


def read(raw: Any) -> int:
    """The mark as the store now reads (the log included)."""
    return int(raw.execute("PRAGMA user_version").fetchone()[0])


def set_open(raw: Any) -> None:
    """Mark the store open for writing and fold the mark into the main file (without waiting for readers: a
    busy log only means the mark reaches the main file with the next fold)."""
    raw.execute(f"PRAGMA user_version = {OPEN}")
    raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def set_closed(raw: Any) -> None:
    """Mark the store closed cleanly; the caller folds the log in afterwards."""
    raw.execute(f"PRAGMA user_version = {CLOSED}")


def missing_log_warning(path: Path) -> str:
    """What to tell the person when a store marked open has no log beside it."""
    return _(
        "This budget was not closed properly last time (the computer or the app may have stopped suddenly), and "
        "the file that holds its latest changes, {log}, is not beside it. Changes made just before it stopped may "
        "be missing. If you copied this budget from somewhere else, copy {log} from there too and open it again. "
        "If something is missing, you can restore a backup: File > Restore from a backup…"
    ).format(log=log_path(path).name)

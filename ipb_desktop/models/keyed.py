"""The one place a passphrase becomes a SQLCipher key: opening the encrypted file, read-write or read-only.

Everything that opens a store or a backup goes through `connect` (the store's engine, checking a typed
passphrase, reading a backup), so the key is quoted, normalised and checked the same way everywhere.

A passphrase is normalised to Unicode NFC ("é" typed as one character or as "e" plus an accent is the same
passphrase). Stores made before that rule are still opened: `key_candidates` also tries the passphrase exactly as
typed and its NFD form.

`classify_open_error` tells a wrong passphrase from a damaged file. SQLCipher says "file is not a database" both
for a wrong key and for a damaged first page; `cipher_integrity_check` then settles it, because with a wrong key
every page fails its checksum while with the right key the undamaged pages pass.
"""

from __future__ import annotations

import enum
import unicodedata
from pathlib import Path

import sqlcipher3

from ipb_desktop.errors import FileProblem, IpbError, NotAStore, WrongPassphrase
from ipb_desktop.i18n import _
from ipb_desktop.models.backup_names import list_auto_backups

SQLCIPHER_PAGE = 4096
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
FILE_PROBLEMS = {10: "disk I/O error", 13: "disk full", 14: "cannot open"}  # IOERR, FULL, CANTOPEN


class Access(enum.Enum):
    """How the file is opened. IMMUTABLE reads without any journal, lock or index file beside it (read-only media)."""

    READ_WRITE = ""
    READ_ONLY = "?mode=ro"
    IMMUTABLE = "?mode=ro&immutable=1"


class DamagedStore(NotAStore):
    """The file is a store (the passphrase is right) but part of it cannot be read."""


def key_candidates(passphrase: str) -> list[str]:
    """The forms of `passphrase` to try, NFC (what new stores use) first, then as typed, then NFD."""
    if "\x00" in passphrase:  # never a passphrase anyone could choose
        raise WrongPassphrase()
    forms = [unicodedata.normalize("NFC", passphrase), passphrase, unicodedata.normalize("NFD", passphrase)]
    return list(dict.fromkeys(forms))


def normalise(passphrase: str) -> str:
    """The form a new passphrase is stored under."""
    return unicodedata.normalize("NFC", passphrase)


def key_pragma(passphrase: str, schema: str = "") -> str:
    """`PRAGMA key = "..."` with the passphrase quoted (SQLCipher takes the key as text, not a bound value)."""
    if "\x00" in passphrase:
        raise WrongPassphrase()
    prefix = f"{schema}." if schema else ""
    return 'PRAGMA {}key = "{}"'.format(prefix, passphrase.replace('"', '""'))


def connect(path: Path, passphrase: str, access: Access = Access.READ_WRITE) -> sqlcipher3.Connection:
    """A connection to the file at `path` with the key set (not yet checked: see `check_key`).

    Transactions are left to the caller (`isolation_level=None`): BEGIN is emitted explicitly.
    """
    uri = Path(path).absolute().as_uri() + access.value
    conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher would print its own low-level complaints to stderr; the person gets our message instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(passphrase))
    except BaseException:
        conn.close()
        raise
    return conn


def check_key(conn: sqlcipher3.Connection, path: Path) -> None:
    """Read the first page; raise WrongPassphrase, DamagedStore or a file problem, each in plain words."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlcipher3.Error as exc:
        raise classify_open_error(conn, path, exc) from exc


def classify_open_error(conn: sqlcipher3.Connection, path: Path, exc: Exception) -> IpbError:
    """What failing to read a freshly keyed file means, as an error a person can act on."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == SQLITE_NOTADB:
        if _some_pages_check_out(conn, path):
            return damaged(path, str(exc))
        return WrongPassphrase()
    if code in FILE_PROBLEMS or code == SQLITE_READONLY:
        return file_problem(path, str(exc))
    return damaged(path, str(exc))


def _some_pages_check_out(conn: sqlcipher3.Connection, path: Path) -> bool:
    """True when the key is right for at least one page (so a bad first page is damage, not a wrong key)."""
    try:
        total = Path(path).stat().st_size // SQLCIPHER_PAGE
        failures = len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    except (OSError, sqlcipher3.Error):
        return False
    return 0 < failures < total


def file_problem(path: Path, detail: str) -> FileProblem:
    return FileProblem(
        _(
            "The file {name} could not be used ({detail}). If it is on a USB stick, check it is plugged in and has "
            "space. Nothing in the store has been changed."
        ).format(name=Path(path).name, detail=detail[:120])
    )


def damaged(path: Path, detail: str) -> DamagedStore:
    """Damage, with the way back: the newest automatic backup, and how to put it in place."""
    backups = list_auto_backups(Path(path))
    newest_backup = str(backups[0].path) if backups else None
    text = _(
        "Part of the budget store {name} cannot be read: the file is damaged (perhaps it was copied only part of "
        "the way, or the disk has a problem). Nothing more has been written to it."
    ).format(name=Path(path).name)
    if newest_backup:
        text += " " + _(
            "The newest backup is {backup}. To put it back, choose Restore a backup in the app, or run: "
            "ipb-desktop restore STORE BACKUP"
        ).format(backup=newest_backup)
    else:
        text += " " + _(
            "If you have a backup, restore it: choose Restore a backup in the app, or run ipb-desktop restore."
        )
    return DamagedStore(text + f" ({detail[:80]})")


def integrity_problems(conn: sqlcipher3.Connection, limit: int = 20, *, structure: bool = True) -> list[str]:
    """Every page whose checksum fails, then (with `structure`) SQLite's own structure check; empty when sound.

    The checksums find any damaged byte of the file (a cut file is found when it is opened); the structure check
    reads and decrypts every page again to find links between pages that are wrong although each page is
    intact, which only matters before writing: it costs twice the checksums."""
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check").fetchmany(limit)]
        if structure:
            found += [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({limit})").fetchall() if r[0] != "ok"]
    except sqlcipher3.Error as exc:
        found = [str(exc)]
    return found


def export_copy(conn: sqlcipher3.Connection, target: Path, passphrase: str | None = None) -> bool:
    """Write every committed record to `target`, encrypted from its first byte; True when the copy checks out.

    With no `passphrase` the copy uses the connection's own key (SQLCipher's `sqlcipher_export` into a database
    attached without a KEY clause), so it opens with the same passphrase. ATTACH runs outside any transaction.
    """
    if passphrase is None:
        conn.execute("ATTACH DATABASE ? AS ipb_copy", (str(target),))
    else:
        conn.execute("ATTACH DATABASE ? AS ipb_copy KEY ?", (str(target), passphrase))
    try:
        conn.execute("SELECT sqlcipher_export('ipb_copy')").fetchall()
        return bool(conn.execute("PRAGMA ipb_copy.quick_check").fetchone()[0] == "ok")
    finally:
        conn.execute("DETACH DATABASE ipb_copy")

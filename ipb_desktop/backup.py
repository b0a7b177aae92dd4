"""Backups of a budget store, and restoring one.

Automatic backups go to a folder beside the store (`<name>-backups`): before every upgrade and passphrase change
(the store makes those itself) and at most once a day when the app closes; the newest N are kept. "Back up now"
writes one to any folder the person chooses, a USB stick say. A backup is a copy of the encrypted store, so it
opens with the same passphrase (the one in use when it was made) and never holds plaintext.

Every write here goes to a hidden file in the target folder, is fsynced, checked, then renamed into place in one
atomic step: a crash or power cut leaves the old state or the new one, never half a file under a real name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
import sqlcipher3

from ipb_desktop import settings
from ipb_desktop.errors import EXIT_STORE_UNAVAILABLE, IpbError, NotAStore, StoreNotFound, StoreTooNew, WrongPassphrase
from ipb_desktop.fileops import copy_file_atomic, expand_user, fsync_dir
from ipb_desktop.i18n import _
from ipb_desktop.models import keyed
from ipb_desktop.models.backup_names import (
    STORE_SUFFIX,
    AutoBackup,
    auto_backup_name,
    backups_folder,
    list_auto_backups,
    parse_auto_name,
    sidecars,
)
from ipb_desktop.models.filelock import StoreLock
from ipb_desktop.models.store import Store, alembic_config
from ipb_desktop.models.store_file import SQLITE_PLAIN_HEADER, real_store_path

SETTING_KEEP = "backups_kept"
DEFAULT_KEEP = 10
DAILY = "daily"
BEFORE_RESTORE = "before-restore"


class BackupError(IpbError):
    """A backup or restore could not be done; the message says why and what to try."""

    exit_code = EXIT_STORE_UNAVAILABLE


@dataclass(frozen=True)
class PeriodSummary:
    name: str
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, read without changing it, for the person to check before restoring."""

    path: Path
    size_bytes: int
    saved_at: dt.datetime
    store_uuid: str
    holder_name: str | None
    periods: tuple[PeriodSummary, ...]
    transaction_count: int
    last_transaction_date: dt.date | None
    receipt_count: int
    schema_revision: str | None
    reason: str | None

    @property
    def period(self) -> PeriodSummary | None:
        """The latest budget period in the backup, if any."""
        return self.periods[-1] if self.periods else None


# -- listing and rotating automatic backups (names and listing: models.backup_names) ----------------------------


def kept_count(store: Store) -> int:
    """How many automatic backups to keep (the `backups_kept` setting; 10 unless the person chose otherwise)."""
    with store.reading() as session:
        raw = settings.get(session, SETTING_KEEP)
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_KEEP


def rotate(store_path: Path, keep: int, checks_out: Callable[[Path], bool] | None = None) -> list[Path]:
    """Delete all but the newest `keep` automatic backups (and any half-written leftovers); returns what went.

    With `checks_out`, the newest backup that opens and passes its checks is never deleted, even when newer ones
    (copies of a store that was already damaged, say) would push it out.
    """
    backups = list_auto_backups(store_path)
    spared = _newest_good(backups, checks_out) if checks_out is not None else None
    removed = []
    for old in backups[max(keep, 1) :]:
        if old.path == spared:
            continue
        for part in (old.path, *sidecars(old.path)):
            if part.exists():
                part.unlink()
                removed.append(part)
    folder = backups_folder(Path(store_path))
    removed += _remove_partials(folder, ".")
    if removed:
        fsync_dir(folder)
    return removed


def _newest_good(backups: list[AutoBackup], checks_out: Callable[[Path], bool], tries: int = 5) -> Path | None:
    for candidate in backups[:tries]:
        if checks_out(candidate.path):
            found: Path = candidate.path
            return found
    return None


def _remove_partials(folder: Path, prefix: str) -> list[Path]:
    """Half-written backups left by a crash (hidden, encrypted, never under a real name): tidy them away."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and f"{STORE_SUFFIX}.partial" in n]
    except OSError:
        return []
    for name in names:
        with contextlib.suppress(OSError):  # pragma: no cover - read-only stick; harmless leftovers stay
            (folder / name).unlink(missing_ok=True)
    return [folder / n for n in names]


# -- taking backups -------------------------------------------------------------------------------------------


def maybe_daily_backup(store: Store, now: dt.datetime | None = None) -> Path | None:
    """Take today's automatic backup unless one was already taken today; then keep only the newest N.

    Meant for closing the app. Returns the new backup, or None when today's already exists or the store was
    opened read-only (nothing can have changed, and nothing can be written beside it).
    """
    if store.read_only:
        return None
    now = now or dt.datetime.now()
    if any(b.reason == DAILY and b.taken_at.date() == now.date() for b in list_auto_backups(store.path)):
        return None
    target = auto_backup_name(store.path, DAILY, now)
    snapshot(store, target)
    rotate(store.path, kept_count(store), checks_out=store.copy_checks_out)
    return target


def back_up_now(store: Store, folder: Path, now: dt.datetime | None = None) -> Path:
    """Write a backup of the open store into `folder` (a USB stick, say) and return its path."""
    folder = expand_user(folder)
    if not folder.is_dir():
        raise BackupError(
            _("The folder {folder} cannot be found. If it is on a USB stick, check it is plugged in.").format(
                folder=folder
            )
        )
    _remove_partials(folder, f".{store.path.stem}-backup-")
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"{store.path.stem}-backup-{stamp}{STORE_SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{store.path.stem}-backup-{stamp}-{n}{STORE_SUFFIX}"
        n += 1
    snapshot(store, target)
    return target


def snapshot(store: Store, target: Path) -> None:
    """Write a consistent, encrypted copy of the open store to `target` (same key), crash-safely.

    SQLCipher's `sqlcipher_export` into an attached file with no KEY clause uses the store's own key, so the copy
    is encrypted from its first byte and includes everything committed, WAL or not.
    """
    target = Path(target)
    _check_space(store.path, target.parent)
    tmp = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for leftover in (tmp, *sidecars(tmp)):
            leftover.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner-only from the start
        checks_out = store.export_copy(tmp)
        if not checks_out:  # pragma: no cover - a copy that fails its check right after writing
            raise BackupError(_("The backup copy did not check out, so it was not kept. Please try again."))
        _fsync_file(tmp)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except (OSError, sa.exc.DBAPIError, sqlcipher3.Error) as exc:
        if _is_damage(exc):  # the store itself cannot be read: say so, not "check the folder"
            raise keyed.damaged(store.path, str(getattr(exc, "orig", exc))) from exc
        raise _write_failed(target.parent, exc) from exc
    finally:
        for leftover in (tmp, *sidecars(tmp)):
            with contextlib.suppress(OSError):  # pragma: no cover - a vanished USB stick; nothing more to tidy
                leftover.unlink(missing_ok=True)


# -- reading and restoring ------------------------------------------------------------------------------------


def describe_backup(path: Path | str, passphrase: str) -> BackupInfo:
    """Check a backup through and say what it holds, without writing anything anywhere.

    The file is opened read-only and "immutable" (no journal, no WAL index, no lock files beside it); nothing is
    decrypted to disk. Raises WrongPassphrase, NotAStore (not a backup, or damaged) or StoreTooNew.
    """
    path = real_store_path(path)
    _check_shape(path)
    for candidate in keyed.key_candidates(passphrase):
        try:
            conn = keyed.connect(path, candidate, keyed.Access.IMMUTABLE)
        except sqlcipher3.Error as exc:
            raise NotAStore(_("{name} could not be opened as a backup.").format(name=path.name)) from exc
        try:
            keyed.check_key(conn, path)
            return _describe(conn, path)
        except WrongPassphrase:
            continue
        except keyed.DamagedStore as exc:
            raise _damaged(path) from exc
        finally:
            conn.close()
    raise WrongPassphrase(
        _(
            "That passphrase does not open this backup, or the file is not a backup. If the backup was made "
            "before you changed your passphrase, use the passphrase you had then."
        )
    )


def restore_backup(backup_path: Path | str, passphrase: str, target_path: Path | str) -> BackupInfo:
    """Put a backup in place of the store at `target_path` (which must not be open), keeping the current one.

    The backup is checked, copied beside the store and checked again; only then is the current store copied into
    its backups folder ("before-restore") and the restored copy renamed over it in one atomic step.
    """
    info = describe_backup(backup_path, passphrase)
    target = expand_user(target_path).absolute()
    _fold_current_log(target, passphrase)
    lock = StoreLock(target) if target.parent.is_dir() else None
    if lock is not None:
        lock.acquire()
    incoming = target.with_name(f".{target.name}.restoring")
    try:
        for leftover in (incoming, *sidecars(incoming)):
            leftover.unlink(missing_ok=True)
        copy_file_atomic(info.path, incoming)
        copied = describe_backup(incoming, passphrase)
        if copied.store_uuid != info.store_uuid:  # pragma: no cover - the copy read back as another store
            raise BackupError(_("The copied backup did not match the original. Nothing has been changed."))
        if target.exists():
            _set_aside(target)
        os.replace(incoming, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise _write_failed(target.parent, exc) from exc
    finally:
        for leftover in (incoming, *sidecars(incoming)):
            with contextlib.suppress(OSError):  # pragma: no cover
                leftover.unlink(missing_ok=True)
        if lock is not None:
            lock.release()
    return info


# -- internals ------------------------------------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_space(store_path: Path, folder: Path) -> None:
    try:
        needed = store_path.stat().st_size + (1 << 20)
        free = shutil.disk_usage(folder if folder.exists() else folder.parent).free
    except OSError:
        return  # the write itself will say what is wrong
    if free < needed:
        raise BackupError(
            _(
                "There is not enough space in {folder} for a backup: it needs about {need} MB. Free some space "
                "or choose another place."
            ).format(folder=folder, need=max(1, needed >> 20))
        )


def _is_damage(exc: Exception) -> bool:
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return code in (keyed.SQLITE_CORRUPT, keyed.SQLITE_NOTADB)


def _write_failed(folder: Path, exc: Exception) -> BackupError:
    detail = getattr(exc, "strerror", None) or str(getattr(exc, "orig", exc))
    return BackupError(
        _(
            "The backup could not be written to {folder} ({detail}). Your budget has not been changed. If the "
            "folder is on a USB stick, check it is plugged in and has space, then try again."
        ).format(folder=folder, detail=str(detail)[:120])
    )


def _check_shape(path: Path) -> None:
    if not path.exists():
        raise StoreNotFound(_("There is no backup at {path}. Check the name and folder.").format(path=path))
    if not path.is_file():
        raise NotAStore(_("{path} is not a backup file.").format(path=path))
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head == SQLITE_PLAIN_HEADER or size == 0 or size % 512 != 0:
        raise NotAStore(_("{name} is not an ipb-desktop backup, or it is damaged.").format(name=path.name))


def _describe(conn: sqlcipher3.Connection, path: Path) -> BackupInfo:
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlcipher3.DatabaseError as exc:
        raise _damaged(path) from exc
    if "store_info" not in names or "alembic_version" not in names:
        raise NotAStore(_("{name} opens, but it is not an ipb-desktop backup.").format(name=path.name))
    try:
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise _damaged(path)
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise _damaged(path)
        revision = _one(conn, "SELECT version_num FROM alembic_version")
        _check_revision(revision)
        uuid = _one(conn, "SELECT store_uuid FROM store_info WHERE id = 1")
        holder = conn.execute("SELECT name, preferred_name FROM budget_holder ORDER BY id LIMIT 1").fetchone()
        periods = tuple(
            PeriodSummary(str(name), dt.date.fromisoformat(start), dt.date.fromisoformat(end))
            for name, start, end in conn.execute(
                "SELECT name, start_date, end_date FROM budget_period ORDER BY start_date, id"
            )
        )
        count, last = conn.execute(
            'SELECT count(*), max(txn_date) FROM "transaction" WHERE deleted_at IS NULL'
        ).fetchone()
        receipts = conn.execute("SELECT count(*) FROM receipt WHERE deleted_at IS NULL").fetchone()[0]
    except sqlcipher3.DatabaseError as exc:
        raise _damaged(path) from exc
    except (ValueError, TypeError) as exc:
        raise _damaged(path) from exc
    if uuid is None:
        raise _damaged(path)
    parsed = parse_auto_name(path.name)
    stat = path.stat()
    return BackupInfo(
        path=path,
        size_bytes=stat.st_size,
        saved_at=dt.datetime.fromtimestamp(stat.st_mtime),
        store_uuid=str(uuid),
        holder_name=(str(holder[0]) if holder else None),
        periods=periods,
        transaction_count=int(count),
        last_transaction_date=dt.date.fromisoformat(last) if last else None,
        receipt_count=int(receipts),
        schema_revision=None if revision is None else str(revision),
        reason=parsed[2] if parsed else None,
    )


def _one(conn: sqlcipher3.Connection, sql: str) -> object:
    row = conn.execute(sql).fetchone()
    return row[0] if row else None


def _check_revision(revision: object) -> None:
    if revision is None:
        return
    from alembic.script import ScriptDirectory  # only when restoring: Alembic takes a fifth of a second to import
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(str(revision)) is not None
    except CommandError:
        known = False
    if not known:
        raise StoreTooNew(
            _("This backup was made by a newer version of ipb-desktop. Please update the app to restore it.")
        )


def _damaged(path: Path) -> NotAStore:
    return NotAStore(
        _("The backup {name} is damaged: part of it cannot be read. Try an older backup.").format(name=path.name)
    )


def _fold_current_log(target: Path, passphrase: str) -> None:
    """If the current store was not closed properly, open and close it once so its log is folded in."""
    wal = target.with_name(target.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        return
    if not pending:
        return
    try:
        Store.open(target, passphrase).close()
    except WrongPassphrase as exc:
        raise BackupError(
            _(
                "Your current budget was not closed properly, and it needs its own passphrase to tidy up before "
                "it can be replaced. Open it once with that passphrase and close it, then restore again."
            )
        ) from exc
    except NotAStore:
        pass  # damaged: it is set aside with its log, exactly as it is


def _set_aside(target: Path) -> None:
    """Copy the current store (and any log it still has) into its backups folder before it is replaced."""
    aside = auto_backup_name(target, BEFORE_RESTORE)
    copy_file_atomic(target, aside)
    wal = target.with_name(target.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        copy_file_atomic(wal, aside.with_name(aside.name + "-wal"))
    for side in sidecars(target):
        side.unlink(missing_ok=True)

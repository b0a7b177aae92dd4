"""The encrypted budget store: one SQLCipher 4 file per budget holder.

Open it with `Store.open(path, passphrase)` or make one with `Store.create(path, passphrase)`; then do every
change inside `with store.transaction() as session:` so it is saved at once, or not at all.

Every error raised here leaves the file's bytes as they were: a wrong passphrase, a file that is not a store,
a store written by a newer app, or a store already open elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from sqlalchemy.pool import StaticPool

from ipb_desktop import __version__
from ipb_desktop.errors import FileProblem, InvalidInput, IpbError, NotAStore, StoreReadOnly, WrongPassphrase
from ipb_desktop.fileops import copy_file_atomic, expand_user, fsync_dir
from ipb_desktop.i18n import _
from ipb_desktop.models import keyed, open_mark
from ipb_desktop.models.backup_names import STORE_SUFFIX, auto_backup_name, backups_folder, sidecars
from ipb_desktop.models.filelock import StoreLock
from ipb_desktop.models.passphrase_rules import MIN_PASSPHRASE_LENGTH, check_passphrase_rules, passphrase_strength
from ipb_desktop.models.schema import StoreInfo
from ipb_desktop.models.schema_upgrade import alembic_config, migrate, upgrade_if_needed
from ipb_desktop.models.side_reader import SideReader, read_only_connection
from ipb_desktop.models.store_file import (
    SQLITE_PLAIN_HEADER,
    can_write_beside,
    check_looks_like_store,
    real_store_path,
)
from ipb_desktop.models.unlock_ahead import UnlockAhead

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "SQLITE_PLAIN_HEADER",
    "STORE_SUFFIX",
    "Store",
    "alembic_config",
    "backup_before",
    "backups_folder",
    "check_passphrase_rules",
    "passphrase_strength",
]

SQLCIPHER_PAGE = keyed.SQLCIPHER_PAGE
HOLDER_ACTOR = "holder"
# The newest migration in models/migrations/versions. A store already at it opens without importing Alembic
# (a fifth of a second off every start); tests/models/test_store.py keeps it equal to Alembic's own head.
HEAD_REVISION = "0014"
# Fills a new store inside the transaction that makes it (the domain's seed: life areas, categories, settings).
Filler = Callable[[Session], None]


class Store:
    """An open, unlocked store. Holds one connection (the key is derived once) and the OS lock.

    `read_only` is True when the store was opened where this user cannot write (a CD, a locked USB stick,
    someone else's folder): it can be read, printed and exported, and every change raises StoreReadOnly.
    Opening and reading never write to the file.
    """

    def __init__(
        self,
        path: Path,
        engine: sa.Engine,
        lock: StoreLock,
        *,
        key: str,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self._key = key  # the passphrase, in the form that opened the store
        self.read_only = read_only
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # A second connection for reading on a worker thread (made when first wanted, closed with the store).
        self.side = SideReader(lambda: read_only_connection(self.path, self._key, self.read_only, checked=True))
        self.actor = HOLDER_ACTOR
        # Set by `open`: whether the store is already marked open for writing, and whether it was found marked so
        # with its write-ahead log missing (recent changes may be lost: the window and the CLI say so).
        self._marked_open = False
        self.log_missing = False
        with self._sessions() as s:
            info = s.get(StoreInfo, 1)
            if info is None:  # pragma: no cover - guarded by _verify_is_store
                raise NotAStore(_("This file has no store details. It may be damaged."))
            self.uuid = info.store_uuid
            self._version_noted = info.last_written_by_version == __version__

    # -- opening and creating ---------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, passphrase: str, fill: Filler | None = None) -> Store:
        """Make a new store at `path` (which must not exist yet) and open it.

        `fill` adds what a new store starts with (the caller's seed), in the same all-or-nothing step: nothing
        appears under the real name unless the whole store was written.
        """
        path = expand_user(path).absolute()
        check_passphrase_rules(passphrase)
        passphrase = keyed.normalise(passphrase)
        if path.exists() or path.is_symlink():
            raise InvalidInput(
                "store",
                _("a file called {name} is already there. Choose another name, or open that store instead").format(
                    name=path.name
                ),
            )
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f".{path.name}.creating")
        for leftover in [partial, *sidecars(partial)]:
            leftover.unlink(missing_ok=True)
        engine = _engine(partial, passphrase)
        try:
            with engine.connect() as conn:
                _session_pragmas(_raw(conn))
                migrate(conn)
            with Session(engine) as s, s.begin():
                s.add(
                    StoreInfo(
                        id=1,
                        store_uuid=str(uuid.uuid4()),
                        created_by_version=__version__,
                        last_written_by_version=__version__,
                    )
                )
                if fill is not None:
                    fill(s)
            with engine.connect() as conn:
                _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
            partial.chmod(0o600)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
        except BaseException:
            engine.dispose()
            for leftover in [partial, *sidecars(partial)]:
                leftover.unlink(missing_ok=True)
            raise
        engine.dispose()
        for side in sidecars(partial):
            side.unlink(missing_ok=True)
        partial.rename(path)
        fsync_dir(path.parent)
        return cls.open(path, passphrase)

    @classmethod
    def open(
        cls,
        path: Path | str,
        passphrase: str,
        extra_version_locations: list[str] | None = None,
        *,
        read_only: bool | None = None,
        ahead: UnlockAhead | None = None,
    ) -> Store:
        """Unlock the store at `path`, bringing its schema up to date (after an encrypted backup copy).

        `read_only` None (the usual) opens read-only exactly when this user cannot write the file or its folder;
        True always opens read-only; False refuses (StoreReadOnly) where writing is impossible. `ahead` is a
        connection already being keyed on a worker thread (`unlock_ahead`), taken when it was made for this file.
        """
        path = real_store_path(path)
        check_looks_like_store(path)
        writable = can_write_beside(path)
        if read_only is False and not writable:
            raise StoreReadOnly()
        read_only = not writable if read_only is None else read_only
        lock = StoreLock(path, shared=read_only)
        lock.acquire()
        engine = None
        try:
            log_there = open_mark.log_path(path).exists()
            access = keyed.Access.IMMUTABLE if read_only else keyed.Access.READ_WRITE
            if ahead is None:  # the key is derived on a worker thread while SQLAlchemy readies the mapped classes
                ahead = UnlockAhead(path, passphrase, access).start()
            try:
                configure_mappers()
                engine, key = _unlocked_engine(path, passphrase, access, ahead)
            finally:
                ahead.discard()
            with engine.connect() as conn:
                raw = _raw(conn)
                _verify_is_store(raw, path)
                mark = open_mark.read(raw)
                if read_only:
                    _session_pragmas(raw)
                else:
                    _apply_pragmas(raw)
                versions = [row[0] for row in raw.execute("SELECT version_num FROM alembic_version")]
                if versions != [HEAD_REVISION] or extra_version_locations:
                    upgrade_if_needed(conn, path, extra_version_locations, read_only)
            store = cls(path, engine, lock, key=key, read_only=read_only)
            store._marked_open = mark == open_mark.OPEN
            store.log_missing = store._marked_open and not log_there
            return store
        except sqlcipher3.Error as exc:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise keyed.damaged(path, str(exc)) from exc
        except DatabaseError as exc:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise keyed.damaged(path, str(exc.orig)) from exc
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise

    # -- using ------------------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back (nothing saved) if it raises."""
        if self.read_only:
            raise StoreReadOnly()
        if not self._marked_open:
            self._mark_open()
        with self._sessions() as session:
            session.info["actor"] = self.actor
            try:
                with session.begin():
                    if not self._version_noted:
                        session.execute(
                            sa.update(StoreInfo).where(StoreInfo.id == 1).values(last_written_by_version=__version__)
                        )
                    yield session
            except DatabaseError as exc:  # the commit itself (a full disk, say) included
                plain = _database_error(self.path, exc)
                if plain is exc:
                    raise
                raise plain from exc
            self._version_noted = True

    def _mark_open(self) -> None:
        """Before the session's first change: mark the store open for writing, in the main file itself."""
        try:
            with self.engine.connect() as conn:
                open_mark.set_open(_raw(conn))
        except sqlcipher3.Error as exc:  # a full disk or a read-only file, in the same words as a failed change
            raise _database_error(self.path, DatabaseError("PRAGMA user_version", None, exc)) from exc
        self._marked_open = True

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (nothing is committed)."""
        with self._sessions() as session:
            session.info["actor"] = self.actor
            try:
                yield session
            except DatabaseError as exc:
                plain = _database_error(self.path, exc)
                if plain is exc:
                    raise
                raise plain from exc
            finally:
                session.rollback()

    def schema_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def pragma(self, name: str) -> Any:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    def integrity_problems(self, *, separate: bool = False, structure: bool = True) -> list[str]:
        """Every page that fails its checksum and anything SQLite's structure check finds; empty when sound.

        Reads the whole file (milliseconds for a year of payments, a few tenths of a second for ten). With
        `separate` it uses a read-only connection of its own (the key is derived again, a tenth or two of a second),
        so the window can run it on a worker thread after opening while the store stays usable.
        """
        if not separate:
            with self.engine.connect() as conn:
                return keyed.integrity_problems(_raw(conn), structure=structure)
        conn = read_only_connection(self.path, self._key, self.read_only)
        try:
            return keyed.integrity_problems(conn, structure=structure)
        finally:
            conn.close()

    def copy_checks_out(self, path: Path) -> bool:
        """True when the copy at `path` (a backup) opens with this store's passphrase and every page checks out."""
        try:
            conn = keyed.connect(path, self._key, keyed.Access.IMMUTABLE)
        except sqlcipher3.Error:
            return False
        try:
            keyed.check_key(conn, path)
            return not keyed.integrity_problems(conn)
        except IpbError:
            return False
        finally:
            conn.close()

    def export_copy(self, target: Path) -> bool:
        """Write a consistent copy of every committed record (WAL included), under the same key, to `target`;
        True when the copy passes SQLite's check."""
        with self.engine.connect() as conn:
            return keyed.export_copy(_raw(conn), target)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt every record under a new passphrase.

        Writes a complete re-encrypted copy beside the store, checks it opens, then swaps it in with an atomic
        rename; the old file is kept as a backup until then, so a power cut leaves the old or the new store.
        """
        if self.read_only:
            raise StoreReadOnly()
        check_passphrase_rules(new_passphrase)
        new_passphrase = keyed.normalise(new_passphrase)
        target = self.path.with_name(f".{self.path.name}.rekey")
        try:
            self._write_rekeyed_copy(target, new_passphrase)
        except (OSError, sqlcipher3.Error, DatabaseError) as exc:
            for leftover in [target, *sidecars(target)]:
                leftover.unlink(missing_ok=True)
            raise FileProblem(
                _(
                    "Your passphrase was not changed: the new copy of your store could not be written "
                    "(is the disk full?). Your budget is safe and still opens with the old passphrase."
                )
            ) from exc
        self.side.drop()  # (made again with the new passphrase when next wanted)
        self.engine.dispose()
        for side in sidecars(self.path):
            side.unlink(missing_ok=True)
        target.replace(self.path)
        # From here on the file on disk needs the new passphrase, so switch to it before anything can fail.
        self.engine = _engine(self.path, new_passphrase)
        self._key = new_passphrase
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.engine.connect() as conn:
            raw = _raw(conn)
            keyed.check_key(raw, self.path)
            _apply_pragmas(raw)
        fsync_dir(self.path.parent)

    def _write_rekeyed_copy(self, target: Path, new_passphrase: str) -> None:
        """Export every record, encrypted under the new passphrase, to `target`, and check the copy."""
        for leftover in [target, *sidecars(target)]:
            leftover.unlink(missing_ok=True)
        with self.engine.connect() as conn:
            raw = _raw(conn)
            if self._marked_open:  # every change so far is folded in below: the copies are of a closed store
                open_mark.set_closed(raw)
                self._marked_open = False
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            backup_before(self.path, "before-passphrase-change")
            keyed.export_copy(raw, target, new_passphrase)
        target.chmod(0o600)
        check = keyed.connect(target, new_passphrase)
        try:
            keyed.check_key(check, target)
            _verify_is_store(check, target)
            if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":  # pragma: no cover
                raise NotAStore(_("The re-encrypted copy did not check out; your passphrase was not changed."))
        finally:
            check.close()
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())

    def close(self) -> None:
        """Fold the write-ahead log into the store, close the connection and release the lock."""
        self.side.close()  # any read on a worker thread stopped first
        if not self.read_only:
            try:
                with self.engine.connect() as conn:
                    raw = _raw(conn)
                    if self._marked_open:
                        open_mark.set_closed(raw)
                    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception:
                pass
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def backup_before(path: Path, reason: str) -> Path:
    """Copy the (already encrypted) store file, WAL folded in by the caller, to its backups folder."""
    target = auto_backup_name(path, reason)
    copy_file_atomic(path, target)
    return target


# -- internals ------------------------------------------------------------------------------------------------


def _engine(
    path: Path,
    passphrase: str,
    access: keyed.Access = keyed.Access.READ_WRITE,
    first: sqlcipher3.Connection | None = None,
) -> sa.Engine:
    """An engine over one keyed connection made by `keyed.connect` (the only place a key is set); `first`, when
    given, is such a connection already made (`unlock_ahead`), used for the engine's first connection."""
    handed = [first] if first is not None else []
    url = sa.URL.create("sqlite", database=str(path))
    # hide_parameters: a passphrase bound into ATTACH ... KEY ? must never reach a log line or an error message.
    engine = sa.create_engine(
        url,
        module=sqlcipher3.dbapi2,
        creator=lambda: handed.pop() if handed else keyed.connect(path, passphrase, access),
        poolclass=StaticPool,
        hide_parameters=True,
    )
    event.listen(engine, "connect", _driver_leaves_transactions_to_us)
    event.listen(engine, "begin", _begin)
    return engine


def _unlocked_engine(path: Path, passphrase: str, access: keyed.Access, ahead: UnlockAhead) -> tuple[sa.Engine, str]:
    """An engine whose key opens the file, trying the passphrase's other Unicode forms for older stores (the first
    form's connection comes from `ahead`), with the form that opened it."""
    for candidate in keyed.key_candidates(passphrase):
        if ahead.known_wrong(path, candidate, access):
            continue
        engine = _engine(path, candidate, access, ahead.take_connection(path, candidate, access))
        try:
            with engine.connect() as conn:
                keyed.check_key(_raw(conn), path)
        except WrongPassphrase:
            engine.dispose()
            continue
        except BaseException:
            engine.dispose()
            raise
        return engine, candidate
    raise WrongPassphrase()


def _driver_leaves_transactions_to_us(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 driver starts transactions only before INSERT/UPDATE/DELETE and runs DDL outside them.
    # With its own handling off and BEGIN emitted by us, every unit of work, a schema migration included, is
    # all-or-nothing: a crash half-way leaves the store exactly as it was.
    dbapi_connection.isolation_level = None


def _begin(conn: sa.Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def _raw(conn: sa.Connection) -> Any:
    """The driver's own connection, for PRAGMAs and ATTACH that must run outside any transaction."""
    return conn.connection.driver_connection


def _apply_pragmas(raw: Any) -> None:
    raw.execute("PRAGMA journal_mode=WAL").fetchall()
    _session_pragmas(raw)


def _session_pragmas(raw: Any) -> None:
    raw.execute("PRAGMA foreign_keys=ON")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("PRAGMA secure_delete=ON")
    raw.execute("PRAGMA temp_store=MEMORY")


def _verify_is_store(raw: Any, path: Path) -> None:
    names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "store_info" not in names or "alembic_version" not in names:
        raise NotAStore(_("{name} opens, but it is not an ipb-desktop budget store.").format(name=path.name))


def _database_error(path: Path, exc: DatabaseError) -> Exception:
    """A database error met while using an open store, in plain words (damage, a full disk, a read-only file);
    any other (a broken rule, say) is returned as it is, for the caller to re-raise."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    if code == keyed.SQLITE_READONLY:
        return StoreReadOnly()
    if code in keyed.FILE_PROBLEMS:
        return keyed.file_problem(path, str(exc.orig))
    if code in (keyed.SQLITE_CORRUPT, keyed.SQLITE_NOTADB):
        return keyed.damaged(path, str(exc.orig))
    return exc

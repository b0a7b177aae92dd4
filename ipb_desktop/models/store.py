"""The encrypted budget store: one SQLCipher 4 file per budget holder.

Open it with `Store.open(path, passphrase)` or make one with `Store.create(path, passphrase)`; then do every
change inside `with store.transaction() as session:` so it is saved at once, or not at all.

Every error raised here leaves the file's bytes as they were: a wrong passphrase, a file that is not a store,
a store written by a newer app, or a store already open elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ipb_desktop import __version__
from ipb_desktop.errors import InvalidInput, IpbError, NotAStore, StoreNotFound, StoreTooNew, WrongPassphrase
from ipb_desktop.i18n import _
from ipb_desktop.models.filelock import StoreLock
from ipb_desktop.models.fileops import copy_file_atomic, fsync_dir
from ipb_desktop.models.schema import StoreInfo

if TYPE_CHECKING:
    from alembic.config import Config

STORE_SUFFIX = ".ipb"
MIN_PASSPHRASE_LENGTH = 10
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
SQLCIPHER_PAGE = 4096
HOLDER_ACTOR = "holder"
# The newest migration in models/migrations/versions. A store already at it opens without importing Alembic
# (a fifth of a second off every start); tests/models/test_store.py keeps it equal to Alembic's own head.
HEAD_REVISION = "0003"


def alembic_config(extra_version_locations: list[str] | None = None) -> Config:
    """Alembic settings pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "ipb_desktop.models:migrations")
    if extra_version_locations:
        base = "ipb_desktop.models:migrations/versions"
        cfg.set_main_option("version_locations", " ".join([base, *extra_version_locations]))
        cfg.set_main_option("path_separator", "space")
    return cfg


def check_passphrase_rules(passphrase: str) -> None:
    """Refuse a new passphrase that is too short (or holds a character that cannot be used), saying why."""
    if "\x00" in passphrase:
        raise InvalidInput("passphrase", _("the passphrase has a character that cannot be used; please retype it"))
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(
            "passphrase",
            _("choose at least {n} characters. A few ordinary words together are easy to remember").format(
                n=MIN_PASSPHRASE_LENGTH
            ),
        )


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough 0-4 strength score with a plain hint (length matters most; a sentence of words is best)."""
    n = len(passphrase)
    kinds = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        ]
    )
    words = len(passphrase.split())
    score = 0
    if n >= MIN_PASSPHRASE_LENGTH:
        score = 1
    if n >= 14 or (n >= 12 and kinds >= 3):
        score = 2
    if n >= 18 or (words >= 3 and n >= 15):
        score = 3
    if n >= 24 or (words >= 4 and n >= 20):
        score = 4
    hints = [
        _("Too short: use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH),
        _("Acceptable. A few more words would make it stronger."),
        _("Good."),
        _("Strong."),
        _("Very strong."),
    ]
    return score, hints[score]


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


class Store:
    """An open, unlocked store. Holds one connection (the key is derived once) and the OS lock."""

    def __init__(self, path: Path, engine: sa.Engine, lock: StoreLock) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.actor = HOLDER_ACTOR
        with self._sessions() as s:
            info = s.get(StoreInfo, 1)
            if info is None:  # pragma: no cover - guarded by _verify_is_store
                raise NotAStore(_("This file has no store details. It may be damaged."))
            self.uuid = info.store_uuid

    # -- opening and creating ---------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, passphrase: str) -> Store:
        """Make a new empty store at `path` (which must not exist yet) and open it."""
        path = Path(path).expanduser().absolute()
        check_passphrase_rules(passphrase)
        if path.exists():
            raise InvalidInput(
                "store",
                _("a file called {name} is already there. Choose another name, or open that store instead").format(
                    name=path.name
                ),
            )
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f".{path.name}.creating")
        for leftover in [partial, *_sidecars(partial)]:
            leftover.unlink(missing_ok=True)
        engine = _engine(partial, passphrase)
        try:
            with engine.connect() as conn:
                _session_pragmas(_raw(conn))
                _migrate(conn)
            with Session(engine) as s, s.begin():
                s.add(
                    StoreInfo(
                        id=1,
                        store_uuid=str(uuid.uuid4()),
                        created_by_version=__version__,
                        last_written_by_version=__version__,
                    )
                )
                from ipb_desktop.seed import seed_new_store

                seed_new_store(s)
            with engine.connect() as conn:
                _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        partial.chmod(0o600)
        for side in _sidecars(partial):
            side.unlink(missing_ok=True)
        partial.rename(path)
        fsync_dir(path.parent)
        return cls.open(path, passphrase)

    @classmethod
    def open(cls, path: Path | str, passphrase: str, extra_version_locations: list[str] | None = None) -> Store:
        """Unlock the store at `path`, bringing its schema up to date (after an encrypted backup copy)."""
        path = Path(path).expanduser().absolute()
        _check_looks_like_store(path)
        if "\x00" in passphrase:  # never a passphrase we let anyone choose
            raise WrongPassphrase()
        lock = StoreLock(path)
        lock.acquire()
        engine = None
        try:
            engine = _engine(path, passphrase)
            with engine.connect() as conn:
                raw = _raw(conn)
                _verify_key(raw)
                _verify_is_store(raw)
                _apply_pragmas(raw)
                versions = [row[0] for row in raw.execute("SELECT version_num FROM alembic_version")]
                if versions != [HEAD_REVISION] or extra_version_locations:
                    _upgrade_if_needed(conn, path, extra_version_locations)
                conn.execute(
                    sa.update(StoreInfo)
                    .where(StoreInfo.id == 1)
                    .values(last_written_by_version=__version__, last_opened_at=dt.datetime.now(dt.UTC))
                )
                conn.commit()
            return cls(path, engine, lock)
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise

    # -- using ------------------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back (nothing saved) if it raises."""
        with self._sessions() as session:
            session.info["actor"] = self.actor
            with session.begin():
                try:
                    yield session
                except DatabaseError as exc:
                    if _is_damage(exc):
                        raise _damaged(exc) from exc
                    raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (nothing is committed)."""
        with self._sessions() as session:
            session.info["actor"] = self.actor
            try:
                yield session
            except DatabaseError as exc:
                if _is_damage(exc):
                    raise _damaged(exc) from exc
                raise
            finally:
                session.rollback()

    def schema_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def pragma(self, name: str) -> Any:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt every record under a new passphrase.

        Writes a complete re-encrypted copy beside the store, checks it opens, then swaps it in with an atomic
        rename; the old file is kept as a backup until then, so a power cut leaves the old or the new store.
        """
        check_passphrase_rules(new_passphrase)
        target = self.path.with_name(f".{self.path.name}.rekey")
        try:
            self._write_rekeyed_copy(target, new_passphrase)
        except (OSError, sqlcipher3.Error, DatabaseError) as exc:
            for leftover in [target, *_sidecars(target)]:
                leftover.unlink(missing_ok=True)
            raise IpbError(
                _(
                    "Your passphrase was not changed: the new copy of your store could not be written "
                    "(is the disk full?). Your budget is safe and still opens with the old passphrase."
                )
            ) from exc
        self.engine.dispose()
        for side in _sidecars(self.path):
            side.unlink(missing_ok=True)
        target.replace(self.path)
        # From here on the file on disk needs the new passphrase, so switch to it before anything can fail.
        self.engine = _engine(self.path, new_passphrase)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.engine.connect() as conn:
            raw = _raw(conn)
            _verify_key(raw)
            _apply_pragmas(raw)
        fsync_dir(self.path.parent)

    def _write_rekeyed_copy(self, target: Path, new_passphrase: str) -> None:
        """Export every record, encrypted under the new passphrase, to `target`, and check the copy."""
        for leftover in [target, *_sidecars(target)]:
            leftover.unlink(missing_ok=True)
        with self.engine.connect() as conn:
            raw = _raw(conn)
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            backup_before(self.path, "before-passphrase-change")
            raw.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), new_passphrase))
            try:
                raw.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
            finally:
                raw.execute("DETACH DATABASE rekeyed")
        target.chmod(0o600)
        check = _engine(target, new_passphrase)
        try:
            with check.connect() as conn:
                raw = _raw(conn)
                _verify_key(raw)
                _verify_is_store(raw)
                if raw.execute("PRAGMA quick_check").fetchone()[0] != "ok":  # pragma: no cover
                    raise NotAStore(_("The re-encrypted copy did not check out; your passphrase was not changed."))
        finally:
            check.dispose()
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())

    def close(self) -> None:
        """Fold the write-ahead log into the store, close the connection and release the lock."""
        try:
            with self.engine.connect() as conn:
                _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - closing must never fail
            pass
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def backups_folder(path: Path) -> Path:
    """Where automatic backups of a store go: a folder beside it."""
    return path.with_name(path.stem + "-backups")


def backup_before(path: Path, reason: str) -> Path:
    """Copy the (already encrypted) store file, WAL folded in by the caller, to its backups folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_folder(path) / f"{path.stem}-{stamp}-{reason}{STORE_SUFFIX}"
    copy_file_atomic(path, target)
    return target


# -- internals ------------------------------------------------------------------------------------------------


def _engine(path: Path, passphrase: str) -> sa.Engine:
    url = sa.URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
    # hide_parameters: a passphrase bound into ATTACH ... KEY ? must never reach a log line or an error message.
    engine = sa.create_engine(
        url, poolclass=StaticPool, connect_args={"check_same_thread": False}, hide_parameters=True
    )
    event.listen(engine, "connect", _driver_leaves_transactions_to_us)
    event.listen(engine, "begin", _begin)
    return engine


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


def _check_looks_like_store(path: Path) -> None:
    if not path.exists():
        raise StoreNotFound(_("There is no budget store at {path}. Check the name and folder.").format(path=path))
    if path.is_dir():
        raise NotAStore(_("{path} is a folder, not a budget store file.").format(path=path))
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head == SQLITE_PLAIN_HEADER:
        raise NotAStore(
            _("{name} is an ordinary unencrypted database, not an ipb-desktop budget store.").format(name=path.name)
        )
    if size == 0 or size % 512 != 0:
        raise NotAStore(
            _(
                "{name} is not an ipb-desktop budget store, or it is damaged (it is not the right shape). "
                "If you have a backup, restore from it."
            ).format(name=path.name)
        )


def _verify_key(raw: Any) -> None:
    # SQLCipher would print its own low-level complaints to stderr; the person gets our message instead.
    raw.execute("PRAGMA cipher_log_level = NONE")
    try:
        raw.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlcipher3.DatabaseError as exc:
        raise WrongPassphrase() from exc


def _verify_is_store(raw: Any) -> None:
    names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "store_info" not in names or "alembic_version" not in names:
        raise NotAStore(_("This file opens, but it is not an ipb-desktop budget store."))


def _upgrade_if_needed(conn: sa.Connection, path: Path, extra_version_locations: list[str] | None) -> None:
    """Refuse a store from a newer version of the app; bring an older one up to date after a backup copy."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config(extra_version_locations)
    current = MigrationContext.configure(conn).get_current_revision()
    conn.rollback()
    script = ScriptDirectory.from_config(cfg)
    try:
        known = current is None or script.get_revision(current) is not None
    except CommandError:
        known = False
    if not known:
        raise StoreTooNew(
            _(
                "This budget store was saved by a newer version of ipb-desktop. "
                "Please update the app to open it. The store has not been changed."
            )
        )
    if current not in script.get_heads():
        _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup_before(path, f"before-upgrade-from-{current}")
        _migrate(conn, cfg)


def _migrate(conn: sa.Connection, cfg: Config | None = None) -> None:
    """Bring the schema to the newest revision in ONE transaction, with foreign keys checked at the end.

    Foreign keys are off while it runs (SQLite rebuilds a table to alter it, and a cascade would delete the rows
    that point at it), then every reference is checked before the transaction commits.
    """
    from alembic import command

    cfg = cfg or alembic_config()
    cfg.attributes["connection"] = conn
    raw = _raw(conn)
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with conn.begin():
            command.upgrade(cfg, "heads")
            if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise NotAStore(
                    _(
                        "Updating this budget store to the new version did not check out, so nothing was changed. "
                        "Please keep using the previous version of the app and ask for help."
                    )
                )
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


_DAMAGE_SIGNS = ("not a database", "malformed", "disk i/o", "database corrupt")


def _is_damage(exc: DatabaseError) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(sign in text for sign in _DAMAGE_SIGNS)


def _damaged(exc: Exception) -> NotAStore:
    return NotAStore(
        _(
            "Part of this budget store could not be read; the file may be damaged. Nothing more has been "
            "written to it. If you have a backup, restore from it. (Details: {detail})"
        ).format(detail=str(getattr(exc, "orig", exc))[:120])
    )

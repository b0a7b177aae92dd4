"""Bringing a store's schema up to date with Alembic, all in one transaction, after an encrypted backup copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ipb_desktop.errors import NotAStore, StoreReadOnly, StoreTooNew
from ipb_desktop.fileops import copy_file_atomic
from ipb_desktop.i18n import _
from ipb_desktop.models.backup_names import auto_backup_name

if TYPE_CHECKING:
    from alembic.config import Config


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


def upgrade_if_needed(
    conn: sa.Connection, path: Path, extra_version_locations: list[str] | None, read_only: bool = False
) -> None:
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
        if read_only:
            raise StoreReadOnly(
                _(
                    "This budget store was saved by an older version of ipb-desktop and must be updated before it "
                    "can be read, but it is somewhere it cannot be changed. Copy it to a folder of your own and "
                    "open that copy."
                )
            )
        _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        copy_file_atomic(path, auto_backup_name(path, f"before-upgrade-from-{current}"))
        migrate(conn, cfg)


def migrate(conn: sa.Connection, cfg: Config | None = None) -> None:
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
            set_aside = _set_aside_kept_sums(conn)
            command.upgrade(cfg, "heads")
            _make_again(conn, set_aside)
            if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise NotAStore(
                    _(
                        "Updating this budget store to the new version did not check out, so nothing was changed. "
                        "Please keep using the previous version of the app and ask for help."
                    )
                )
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _kept_sums() -> tuple[Any, ...]:
    """The tables the store keeps up to date by triggers from the payments and their parts, in the order they are
    made: each module has TABLE, drop_statements() and create_statements() (which fills the table again)."""
    from ipb_desktop.models import month_allocations, month_totals, payee_choices, payer_streams, search_index

    return (search_index, month_totals, month_allocations, payee_choices, payer_streams)


def _set_aside_kept_sums(conn: sa.Connection) -> list[Any]:
    """Drop the kept sums (tables and triggers) before migrating. Their triggers on `allocation` read `transaction`,
    so a migration that rebuilds `transaction` (as SQLite needs for most column changes) would fail part-way, and
    triggers on a rebuilt table are lost with it; everything they hold can be added up again afterwards."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
    found = [part for part in _kept_sums() if part.TABLE in present]
    for part in found:
        for statement in part.drop_statements():
            conn.exec_driver_sql(statement)
    return found


def _make_again(conn: sa.Connection, set_aside: list[Any]) -> None:
    """Make again, from the payments as the migrations left them, each kept sum set aside that no migration made."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
    for part in set_aside:
        if part.TABLE not in present:
            for statement in part.create_statements():
                conn.exec_driver_sql(statement)


def _raw(conn: sa.Connection) -> Any:
    """The driver's own connection, for PRAGMAs that must run outside any transaction."""
    return conn.connection.driver_connection

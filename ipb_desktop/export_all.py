""" "Export everything": every record in an open, documented format, so a person is never locked in; and reading
such an export back into a new store that holds exactly the same records.

The export is a zip (described for people in its own README.txt and in docs/EXPORT_FORMAT.md):

    README.txt              what each file is, in plain words
    manifest.json           format name and version, app version, schema revision, tables, row counts, receipts
    json/<table>.json       every row of every table, typed (numbers, true/false, null, ISO dates) - the full record
    csv/<table>.csv         the same rows for a spreadsheet (empty cell = no value)
    receipts/<id>-<name>    each receipt photo or PDF as it was attached

The export is NOT encrypted: anyone who gets the file can read it. The app says so before writing one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from ipb_desktop import __version__, audit, export_rules, limits
from ipb_desktop.csv_cells import SafeWriter
from ipb_desktop.errors import InvalidInput, StoreTooNew
from ipb_desktop.fileops import expand_user, fsync_dir
from ipb_desktop.i18n import _
from ipb_desktop.models.backup_names import sidecars
from ipb_desktop.models.schema import Base
from ipb_desktop.models.store import Store, alembic_config, check_passphrase_rules

FORMAT = "ipb-desktop-export"
FORMAT_VERSION = 1
_RECEIPT_TABLE, _CONTENT = "receipt", "content"

README = """ipb-desktop export
==================

This file holds everything from one budget store, so you can keep it, read it in a spreadsheet, or move it to
other software. It is NOT encrypted: keep it somewhere safe, and delete it when you no longer need it.

csv/      one spreadsheet file per kind of record (payments, plan lines, outcomes, ratings, receipts ...).
          Money is in pence: 1250 means 12.50. Dates are year-month-day. An empty cell means "no value".
json/     the same records in JSON, with exact types (what ipb-desktop reads when it imports this file).
receipts/ every receipt photo or PDF, named <receipt number>-<original name>.
manifest.json  which tables, how many rows, and a checksum (SHA-256) of each receipt.

To rebuild a budget store from this file: in ipb-desktop, File, "Import everything", or on the command line:
    ipb-desktop import-all new-budget.ipb this-file.zip
Every record is checked first. The new store has its own id, and its history (audit log) starts with the import.
"""


# -- export ---------------------------------------------------------------------------------------------------


def export_everything(store: Store, target: Path | str) -> Path:
    """Write the whole store to a zip at `target` (owner-only, written beside it first, then renamed)."""
    target = expand_user(target).absolute()
    tmp = target.with_name(f".{target.name}.partial")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": store.schema_revision(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {},
        "receipts": {},
    }
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README.txt", README)
            with store.reading() as session:
                conn = session.connection()
                for table in Base.metadata.sorted_tables:
                    rows = [_plain_row(table, row, manifest["receipts"], zf) for row in _rows(conn, table)]
                    zf.writestr(f"json/{table.name}.json", json.dumps(rows, ensure_ascii=False, indent=1))
                    zf.writestr(f"csv/{table.name}.csv", _csv(table, rows))
                    manifest["tables"][table.name] = {"rows": len(rows), "columns": [c.name for c in table.columns]}
            zf.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(
            "export",
            _("the export could not be written to {folder} ({detail}). Check there is space, then try again").format(
                folder=target.parent, detail=exc.strerror or exc
            ),
        ) from exc
    return target


def _rows(conn: sa.Connection, table: sa.Table) -> Iterable[sa.Row[Any]]:
    return conn.execute(sa.select(table).order_by(*table.primary_key.columns))


def _plain_row(table: sa.Table, row: sa.Row[Any], receipts: dict[str, Any], zf: zipfile.ZipFile) -> dict[str, Any]:
    plain: dict[str, Any] = {}
    for column, value in zip(table.columns, row, strict=True):
        if isinstance(value, bytes):
            # Receipts keep their folder and keys; other kept files (bank statements) get their own, never colliding.
            folder, key = (
                ("receipts", str(row.id)) if table.name == _RECEIPT_TABLE else ("documents", f"document:{row.id}")
            )
            name = f"{folder}/{row.id}-{_safe_name(str(row.filename))}"
            zf.writestr(name, value)
            receipts[key] = {"file": name, "sha256": hashlib.sha256(value).hexdigest(), "bytes": len(value)}
            value = name
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        plain[column.name] = value
    return plain


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._ -]", "_", name)[:100] or "receipt"


def _csv(table: sa.Table, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow([c.name for c in table.columns])
    writer.writerows([row[c.name] for c in table.columns] for row in rows)
    return out.getvalue()


# -- import ---------------------------------------------------------------------------------------------------


def import_everything(zip_path: Path | str, new_store_path: Path | str, passphrase: str) -> Path:
    """Build a new store at `new_store_path` holding exactly what the export holds; returns its path.

    Nothing appears under the new name unless every record came in and checked out.
    """
    source = expand_user(zip_path)
    target = expand_user(new_store_path).absolute()
    check_passphrase_rules(passphrase)
    if target.exists():
        raise InvalidInput(
            "store", _("a file called {name} is already there; choose another name").format(name=target.name)
        )
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise _not_export() from exc
    with zf:
        manifest = _manifest(zf)
        tables = {t.name: _table_rows(zf, t.name) for t in Base.metadata.sorted_tables if t.name in manifest["tables"]}
        receipts = _receipts(zf, manifest)
        _build(target, passphrase, tables, receipts, source.name)
    return target


def _not_export(detail: str = "") -> InvalidInput:
    text = _("this file is not an ipb-desktop export, or it is damaged")
    return InvalidInput("export", text + (f" ({detail})" if detail else ""))


def _read(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    try:
        info = zf.getinfo(name)
        if info.file_size > cap:
            raise _not_export(_("{name} is too large").format(name=name))
        with zf.open(info) as member:
            data = member.read(cap + 1)
    except KeyError as exc:
        raise _not_export(_("{name} is missing").format(name=name)) from exc
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError, ValueError, NotImplementedError) as exc:
        raise _not_export(_("{name} cannot be read").format(name=name)) from exc
    if len(data) > cap:
        raise _not_export(_("{name} is too large").format(name=name))
    return data


def _json(zf: zipfile.ZipFile, name: str, cap: int) -> Any:
    try:
        return json.loads(_read(zf, name, cap).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _not_export(_("{name} is not valid JSON").format(name=name)) from exc


def _manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    if sum(max(i.file_size, 0) for i in zf.infolist()) > limits.MAX_EXPORT_TOTAL_BYTES:
        raise _not_export(_("it is too large"))
    manifest = _json(zf, "manifest.json", limits.MAX_EXPORT_MANIFEST_BYTES)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_export()
    if manifest.get("format_version") != FORMAT_VERSION:
        raise StoreTooNew(_("This export was made by a newer version of ipb-desktop. Please update the app."))
    from alembic.script import ScriptDirectory  # only when reading an export: it is slow to import

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if manifest.get("schema_revision") != head:
        raise StoreTooNew(
            _(
                "This export was made by a different version of ipb-desktop ({version}); use that version to read it."
            ).format(version=str(manifest.get("app_version"))[:20])
        )
    if not isinstance(manifest.get("tables"), dict) or not isinstance(manifest.get("receipts"), dict):
        raise _not_export()
    return manifest


def _table_rows(zf: zipfile.ZipFile, name: str) -> list[dict[str, Any]]:
    rows = _json(zf, f"json/{name}.json", limits.MAX_EXPORT_TABLE_BYTES)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise _not_export(_("json/{name}.json is not a list of records").format(name=name))
    return rows


def _receipts(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for entry in manifest["receipts"].values():
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise _not_export()
        content = _read(zf, entry["file"], limits.MAX_ATTACHMENT_BYTES)
        if hashlib.sha256(content).hexdigest() != entry.get("sha256"):
            raise _not_export(_("the receipt {file} does not match its checksum").format(file=entry["file"]))
        found[entry["file"]] = content
    return found


def _build(
    target: Path, passphrase: str, tables: dict[str, list[dict[str, Any]]], receipts: dict[str, bytes], source: str
) -> None:
    """Make the new store beside `target` and rename it into place only once every record is in and checked.

    The new store keeps its own id (an export's id is never reused, so two stores never share one) and starts
    its own audit log with the import; the export's audit rows are not trusted and not copied.
    """
    tmp = target.with_name(f".{target.name}.importing")
    _remove_store_files(tmp)
    store: Store | None = Store.create(tmp, passphrase)
    assert store is not None
    try:
        try:
            with store.transaction() as session:
                conn = session.connection()
                for table in reversed(Base.metadata.sorted_tables):
                    if table.name not in export_rules.NOT_IMPORTED:
                        conn.execute(table.delete())  # the export replaces what a new store starts with
                counts: dict[str, int] = {}
                for table in Base.metadata.sorted_tables:
                    if table.name in export_rules.NOT_IMPORTED:
                        continue
                    rows = [_typed_row(table, row, receipts) for row in tables.get(table.name, [])]
                    if rows:
                        conn.execute(table.insert(), rows)
                    counts[table.name] = len(rows)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise _not_export(_("some records point at records that are not in the file"))
                for name, count in counts.items():
                    audit.record(session, "import_everything", name, None, rows=count, source=source[:100])
        except DBAPIError as exc:
            raise _not_export(str(exc.orig)[:120]) from exc
        store.close()
        store = None
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        if store is not None:
            store.close()
        _remove_store_files(tmp)


def _typed_row(table: sa.Table, row: dict[str, Any], receipts: dict[str, bytes]) -> dict[str, Any]:
    unknown = set(row) - {c.name for c in table.columns}
    if unknown:
        raise _not_export(_("{table} has unexpected fields").format(table=table.name))
    typed: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        try:
            typed[column.name] = _typed(column, value, receipts)
            export_rules.check_value(table, column, typed[column.name])
        except export_rules.RuleBroken as exc:
            raise _not_export(
                _("a value in {table}.{column} cannot be used: {why}").format(
                    table=table.name, column=column.name, why=exc
                )
            ) from exc
        except (TypeError, ValueError, KeyError, OverflowError) as exc:
            raise _not_export(
                _("a value in {table}.{column} cannot be read").format(table=table.name, column=column.name)
            ) from exc
    try:
        export_rules.check_row(table, typed)
    except export_rules.RuleBroken as exc:
        raise _not_export(_("a record in {table} cannot be used: {why}").format(table=table.name, why=exc)) from exc
    return typed


def _typed(column: sa.Column[Any], value: Any, receipts: dict[str, bytes]) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.LargeBinary):
        return receipts[value]
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise TypeError(column.name)
        return value
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(column.name)
        return value
    if isinstance(kind, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat(value)
    if not isinstance(value, str):
        raise TypeError(column.name)
    return value


def _remove_store_files(path: Path) -> None:
    for part in (path, *sidecars(path), path.with_name(path.name + ".lock")):
        part.unlink(missing_ok=True)

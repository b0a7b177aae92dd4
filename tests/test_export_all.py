"""Export everything, and import it back into an identical store."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ipb_desktop import audit, export_all, ledger, outcomes, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import Base
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (alembic's included), in primary-key order, except the store's own id and its
    audit log: a rebuilt store has its own of each."""
    with store.engine.connect() as conn:
        found: dict[str, list[dict[str, Any]]] = {}
        for table in Base.metadata.sorted_tables:
            if table.name in ("store_info", "audit_entry"):
                continue
            rows = [r._asdict() for r in conn.execute(sa.select(table).order_by(*table.primary_key.columns))]
            found[table.name] = rows
        found["alembic_version"] = [r._asdict() for r in conn.exec_driver_sql("SELECT * FROM alembic_version")]
    return found


@pytest.fixture
def rich_store(filled_store: Store) -> Store:
    """The filled store plus a split, a deleted payment, a receipt, a changed setting and awkward text."""
    with filled_store.transaction() as s:
        ledger.split_transaction(s, 3, [ledger.AllocationDraft(2000, plan_line_id=2), ledger.AllocationDraft(1750)])
        ledger.delete_transaction(s, 4)
        ledger.attach_receipt(s, 3, 'clay, receipt "May".png', PNG)
        settings.put(s, "surplus_weeks", "12")
        outcomes.add_rating(
            s, 1, outcomes.RatingDetails(ledger.dt.date(2026, 6, 1), 7, note='=1+1, "quoted", \u00e9\u4e2d\n2nd line')
        )
    return filled_store


def test_export_then_import_rebuilds_an_identical_store(rich_store: Store, tmp_path: Path) -> None:
    zip_path = export_all.export_everything(rich_store, tmp_path / "alys-export.zip")
    assert zip_path.stat().st_mode & 0o777 == 0o600
    rebuilt_path = export_all.import_everything(zip_path, tmp_path / "rebuilt.ipb", "another good passphrase")
    with Store.open(rebuilt_path, "another good passphrase") as rebuilt:
        assert everything(rebuilt) == everything(rich_store)
        assert rebuilt.uuid != rich_store.uuid  # never two stores with one id
        with rebuilt.reading() as s:
            assert {e.action for e in audit.entries(s)} == {"import_everything"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("rebuilt")) == [
        "rebuilt.ipb",
        "rebuilt.ipb.lock",
    ]


def test_the_export_is_documented_and_readable_without_the_app(rich_store: Store, tmp_path: Path) -> None:
    zip_path = export_all.export_everything(rich_store, tmp_path / "export.zip")
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
        assert {"README.txt", "manifest.json", "csv/transaction.csv", "json/transaction.json"} <= names
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["format"] == "ipb-desktop-export" and manifest["tables"]["transaction"]["rows"] == 4
        (receipt,) = manifest["receipts"].values()
        assert zf.read(receipt["file"]) == PNG
        rows = list(csv.DictReader(io.StringIO(zf.read("csv/transaction.csv").decode("utf-8"))))
        assert {r["payee"] for r in rows} >= {"Clayworks Studio", "Jo Assistant"}
        notes = list(csv.DictReader(io.StringIO(zf.read("csv/rating.csv").decode("utf-8"))))
        assert notes[-1]["note"].startswith("'=1+1")  # never a live formula in a spreadsheet
        assert "NOT encrypted" in zf.read("README.txt").decode()


def test_a_file_that_is_not_an_export_is_refused_and_leaves_no_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InvalidInput, match="not an ipb-desktop export"):
        export_all.import_everything(junk, tmp_path / "new.ipb", PASSPHRASE)
    assert not [p for p in tmp_path.iterdir() if p.name != "junk.zip" and p.name != "tmp"]


def test_a_tampered_receipt_is_refused(rich_store: Store, tmp_path: Path) -> None:
    zip_path = export_all.export_everything(rich_store, tmp_path / "export.zip")
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:-1] + b"!" if item.filename.startswith("receipts/") else data)
    with pytest.raises(InvalidInput, match="checksum"):
        export_all.import_everything(tampered, tmp_path / "new.ipb", PASSPHRASE)
    assert not (tmp_path / "new.ipb").exists()


def _edited(zip_path: Path, table: str, change: Any) -> Path:
    """A copy of the export with json/<table>.json passed through `change` (a hand-edited export)."""
    edited = zip_path.with_name("edited.zip")
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(edited, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == f"json/{table}.json":
                data = json.dumps(change(json.loads(data))).encode("utf-8")
            dst.writestr(item, data)
    return edited


def test_forged_audit_rows_are_never_copied(rich_store: Store, tmp_path: Path) -> None:
    zip_path = export_all.export_everything(rich_store, tmp_path / "export.zip")
    forged = {"id": 999, "at": "2020-01-01T00:00:00", "actor": "planner:Nobody", "action": "approve",
              "entity": "transaction", "entity_id": 3, "detail": "{}"}  # fmt: skip
    edited = _edited(zip_path, "audit_entry", lambda rows: [*rows, forged])
    export_all.import_everything(edited, tmp_path / "new.ipb", PASSPHRASE)
    with Store.open(tmp_path / "new.ipb", PASSPHRASE) as rebuilt, rebuilt.reading() as s:
        assert not [e for e in audit.entries(s) if e.actor == "planner:Nobody"]


@pytest.mark.parametrize(
    ("table", "column", "value", "why"),
    [
        ("transaction", "amount_pence", 10**15, "amount"),
        ("transaction", "txn_date", "0001-01-01", "1990"),
        ("transaction", "payee", "Shop\x1b[2J", "control"),
        ("transaction", "direction", "up", "code"),
        ("transaction", "payee", "x" * 201, "longer"),
        ("rating", "score", 99, "score"),
        ("funding_stream", "amount_pence", -5, "amount"),
    ],
)
def test_values_typed_input_would_refuse_are_refused(
    rich_store: Store, tmp_path: Path, table: str, column: str, value: object, why: str
) -> None:
    zip_path = export_all.export_everything(rich_store, tmp_path / "export.zip")
    edited = _edited(zip_path, table, lambda rows: [{**rows[0], column: value}, *rows[1:]])
    with pytest.raises(InvalidInput, match=why):
        export_all.import_everything(edited, tmp_path / "new.ipb", PASSPHRASE)
    assert not (tmp_path / "new.ipb").exists()

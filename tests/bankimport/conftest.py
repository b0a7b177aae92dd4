"""Shared pieces for the statement-import tests: where the real bank files are, and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop.bankimport import service
from ipb_desktop.models.schema import Transaction
from ipb_desktop.models.store import Store

# CI clones the repository with shared/ beside it (/work/shared next to /work/main).
FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "bank"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def write_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write `text` (or bytes) to a file in the test's folder and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


def import_file(store: Store, path: Path | bytes, choices: service.ImportChoices | None = None, **kw: object) -> int:
    """Preview and import a statement the way a person would; returns the batch id (0 if nothing was new)."""
    with store.transaction() as s:
        result = service.preview(s, path, **kw)  # type: ignore[arg-type]
        if not result.has_changes:
            return 0
        return service.commit(s, result, choices).id


def ledger_rows(store: Store) -> list[tuple[object, ...]]:
    """The live ledger as a person would see it: date, direction, amount, payee, description, reconciled."""
    with store.reading() as s:
        rows = s.execute(
            select(
                Transaction.txn_date,
                Transaction.direction,
                Transaction.amount_pence,
                Transaction.payee,
                Transaction.description,
                Transaction.reconciled,
            ).where(Transaction.deleted_at.is_(None))
        )
        return sorted(tuple(r) for r in rows)

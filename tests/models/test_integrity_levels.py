"""Checking a store before a command that writes: every page's checksum, then how the pages link up.

The checksums find any damaged byte; SQLite's structure check (which decrypts the whole file a second time) finds
pages that are each intact but wrongly linked, and commands that write refuse such a store. Commands that only
read check neither first (each page they read is checked as it is read: see tests/models/test_robustness.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.models import keyed
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE


def _mislink_an_index(path: Path) -> None:
    """Point one index at another's pages: every page stays intact (checksums pass) but the structure is wrong."""
    conn = keyed.connect(path, PASSPHRASE)
    try:
        keyed.check_key(conn, path)
        first, second = conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transaction' "
            "ORDER BY name LIMIT 2"
        ).fetchall()
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (second[1], first[0]))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()


@pytest.fixture
def mislinked(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    filled_store.close()
    _mislink_an_index(filled_store.path)
    return filled_store.path


def test_checksums_pass_but_the_structure_check_finds_the_mislinked_index(mislinked: Path) -> None:
    conn = keyed.connect(mislinked, PASSPHRASE)
    try:
        assert keyed.integrity_problems(conn, structure=False) == []
        assert keyed.integrity_problems(conn) != []
    finally:
        conn.close()


def test_a_writing_command_still_refuses_a_store_whose_structure_is_wrong(
    mislinked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = mislinked.read_bytes()
    code = cli.main(["pay", str(mislinked), "--amount", "5.00", "--payee", "Corner shop"])
    err = capsys.readouterr().err
    assert code == 4, err
    assert "damaged" in err
    assert mislinked.read_bytes() == before

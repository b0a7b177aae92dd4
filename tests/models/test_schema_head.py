"""A store that is already up to date opens without Alembic (slow to import); the head it compares with is kept
equal to the newest migration."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from alembic.script import ScriptDirectory

from ipb_desktop.models.store import HEAD_REVISION, Store, alembic_config
from tests.conftest import PASSPHRASE


def test_the_head_revision_constant_is_the_newest_migration() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]


def test_a_store_already_up_to_date_opens_without_importing_alembic(store: Store, store_path: Path) -> None:
    assert store.schema_revision() == HEAD_REVISION
    store.close()
    program = textwrap.dedent(
        f"""
        import sys
        from ipb_desktop import backup, export_all
        from ipb_desktop.models.store import Store
        store = Store.open({str(store_path)!r}, {PASSPHRASE!r})
        store.close()
        print(sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "mako")))
        """
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"

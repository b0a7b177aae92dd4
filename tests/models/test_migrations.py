"""A store made by this version still opens after a later migration, and an older app refuses a newer store."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from ipb_desktop import holder, ledger
from ipb_desktop.errors import StoreTooNew
from ipb_desktop.models.store import Store, alembic_config, backups_folder
from tests.conftest import PASSPHRASE
from tests.models.test_store import fingerprint

DATA = Path(__file__).parent / "data"


def current_head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def write_followup(folder: Path) -> str:
    """A dummy later migration (as a future version of the app would ship) that adds a table and a column."""
    folder.mkdir()
    (folder / "9001_followup.py").write_text(
        textwrap.dedent(
            f'''
            """test follow-up"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9001"
            down_revision = {current_head()!r}
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.create_table("future_thing", sa.Column("id", sa.Integer, primary_key=True))
                with op.batch_alter_table("budget_holder") as batch:
                    batch.add_column(sa.Column("pronouns", sa.String(50), nullable=True))


            def downgrade() -> None:
                pass
            '''
        ),
        encoding="utf-8",
    )
    return str(folder)


def test_store_from_this_version_opens_after_a_later_migration(filled_store: Store, store_path: Path, tmp_path: Path):
    filled_store.close()
    later = write_followup(tmp_path / "later_versions")
    with Store.open(store_path, PASSPHRASE, extra_version_locations=[later]) as upgraded:
        assert upgraded.schema_revision() == "9001"
        with upgraded.reading() as s:
            h = holder.get_holder(s)
            assert h is not None and h.name == "Alys Testwood"
            assert len(list(s.scalars(ledger.live()))) == 4
            columns = {c["name"] for c in sa.inspect(s.connection()).get_columns("budget_holder")}
            assert "pronouns" in columns
    # an encrypted copy of the old store was taken first
    copies = list(backups_folder(store_path).glob(f"*before-upgrade-from-{current_head()}*.ipb"))
    assert len(copies) == 1
    assert b"Alys" not in copies[0].read_bytes()
    with Store.open(copies[0], PASSPHRASE) as old_copy, old_copy.reading() as s:
        assert old_copy.schema_revision() == current_head()  # the copy is the store as it was before
        assert len(list(s.scalars(ledger.live()))) == 4


def test_this_version_refuses_a_store_from_a_newer_app_without_changing_it(
    filled_store: Store, store_path: Path, tmp_path: Path
) -> None:
    filled_store.close()
    later = write_followup(tmp_path / "later_versions")
    Store.open(store_path, PASSPHRASE, extra_version_locations=[later]).close()
    before = fingerprint(store_path)
    with pytest.raises(StoreTooNew, match="newer version"):
        Store.open(store_path, PASSPHRASE)
    assert fingerprint(store_path) == before


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("store-v*.ipb")))
def test_stores_made_by_released_versions_open_and_upgrade(name: str, tmp_path: Path) -> None:
    """Each shipped version's store (committed under tests/models/data) opens in this version."""
    copy = tmp_path / name
    shutil.copy(DATA / name, copy)
    with Store.open(copy, PASSPHRASE) as store, store.reading() as s:
        assert store.schema_revision() == current_head()
        h = holder.get_holder(s)
        assert h is not None and h.name == "Alys Testwood"
        assert sum(t.amount_pence for t in s.scalars(ledger.live())) == 52000 + 120000 + 3750 + 30000


def test_released_store_samples_exist() -> None:
    assert list(DATA.glob("store-v*.ipb")), "commit a sample store for each released version"

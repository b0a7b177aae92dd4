"""Power cuts and crashes during a backup, a restore, a passphrase change and a migration: old state or new, never
a broken store.

Two ways of cutting the power: a failure injected at every file-system step the app takes itself (each fsync and
each rename in turn fails, as a full disk, a pulled USB stick or a power cut would make them), and SIGKILL at random
moments while SQLite itself is writing.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from ipb_desktop import backup, ledger
from ipb_desktop.errors import IpbError, WrongPassphrase
from ipb_desktop.models.store import Store, alembic_config, backups_folder
from tests.conftest import PASSPHRASE
from tests.reliability.harness import state_digest
from tests.reliability.results import report, scale
from tests.reliability.zygote import Zygote

NEW_PASSPHRASE = "a completely different passphrase"


@contextmanager
def failing_step(monkeypatch: pytest.MonkeyPatch, fail_at: int) -> Iterator[list[str]]:
    """Make the `fail_at`-th call of os.fsync / os.replace (counted together) raise EIO, as a power cut would."""
    calls: list[str] = []
    real = {"fsync": os.fsync, "replace": os.replace}

    def wrap(name: str) -> Callable[..., object]:
        def step(*args: object) -> object:
            calls.append(name)
            if len(calls) - 1 == fail_at:
                raise OSError(errno.EIO, "simulated power cut")
            return real[name](*args)  # type: ignore[operator]

        return step

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", wrap("fsync"))
        patch.setattr(os, "replace", wrap("replace"))
        yield calls


def digest_of(path: Path, passphrase: str = PASSPHRASE) -> str:
    with Store.open(path, passphrase) as store:
        assert store.pragma("integrity_check") == "ok"
        assert store.pragma("cipher_integrity_check") is None
        with store.engine.connect() as conn:
            return state_digest(conn)


def add_receipts(store: Store, count: int) -> None:
    with store.transaction() as s:
        for n in range(count):
            ledger.attach_receipt(s, 3, f"r{n}.png", b"\x89PNG\r\n\x1a\n" + os.urandom(150_000))


def test_a_backup_cut_off_at_any_step_leaves_no_half_backup(
    filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    before = digest_of_open(filled_store)
    step = 0
    while True:
        with failing_step(monkeypatch, step) as calls:
            try:
                backup.back_up_now(filled_store, usb)
                finished = True
            except backup.BackupError as exc:
                finished = False
                assert "has not been changed" in str(exc)  # noqa: PT017 - a cut may or may not stop it
        for made in usb.glob("*.ipb"):  # whatever carries a real name is a whole, readable backup
            backup.describe_backup(made, PASSPHRASE)
        assert not [p for p in usb.iterdir() if ".partial" in p.name]
        assert digest_of_open(filled_store) == before
        if finished and step >= len(calls):
            break
        step += 1
    report("power cut during Back up now", steps_cut=step, half_backups=0)


def digest_of_open(store: Store) -> str:
    with store.engine.connect() as conn:
        return state_digest(conn)


def test_a_restore_cut_off_at_any_step_leaves_the_old_store_or_the_restored_one(
    filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = filled_store.path
    made = backup.back_up_now(filled_store, tmp_path)
    with filled_store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(ledger.dt.date(2026, 7, 1), "out", 500, "After Backup"))
    filled_store.close()
    old, new = digest_of(path), digest_of(made)
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    shutil.copy(path, pristine / path.name)
    step, outcomes = 0, {"old": 0, "new": 0}
    while True:
        with failing_step(monkeypatch, step) as calls:
            try:
                backup.restore_backup(made, PASSPHRASE, path)
                finished = True
            except IpbError:
                finished = False
        now = digest_of(path)
        assert now in (old, new)
        outcomes["old" if now == old else "new"] += 1
        if finished and step >= len(calls):
            break
        shutil.copy(pristine / path.name, path)
        step += 1
    report("power cut during restore", steps_cut=step, left_old=outcomes["old"], left_restored=outcomes["new"])


def test_a_passphrase_change_cut_off_at_any_step_leaves_one_working_passphrase(
    filled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = filled_store.path
    filled_store.close()
    before = digest_of(path)
    pristine = tmp_path / "pristine.ipb"
    shutil.copy(path, pristine)
    step, opened_with = 0, {"old": 0, "new": 0}
    while True:
        store = Store.open(path, PASSPHRASE)
        with failing_step(monkeypatch, step) as calls:
            try:
                store.change_passphrase(NEW_PASSPHRASE)
                finished = True
            except IpbError as exc:  # a cut before the swap: a plain message, and the old passphrase still works
                assert "passphrase was not changed" in str(exc)  # noqa: PT017 - a cut may or may not stop it
                finished = False
            except OSError:  # a cut after the swap (syncing the folder): the new passphrase already works
                finished = False
        store.close()
        which = working_passphrase(path)
        opened_with[which] += 1
        assert digest_of(path, PASSPHRASE if which == "old" else NEW_PASSPHRASE) == before
        if finished and step >= len(calls):
            break
        shutil.copy(pristine, path)
        shutil.rmtree(backups_folder(path), ignore_errors=True)
        step += 1
    report("power cut during passphrase change", steps_cut=step, **{f"left_{k}": v for k, v in opened_with.items()})


def working_passphrase(path: Path) -> str:
    """Which passphrase opens the store: exactly one of the two must."""
    results = {}
    for name, passphrase in (("old", PASSPHRASE), ("new", NEW_PASSPHRASE)):
        try:
            Store.open(path, passphrase).close()
            results[name] = True
        except WrongPassphrase:
            results[name] = False
    assert sum(results.values()) == 1, results
    return "old" if results["old"] else "new"


@pytest.mark.scales
def test_sigkill_during_passphrase_changes(filled_store: Store, tmp_path: Path, zygote: Zygote) -> None:
    rounds = scale(8, 300)
    rng = random.Random(7)
    add_receipts(filled_store, 4)  # a store big enough that re-encrypting it takes a moment
    path = filled_store.path
    filled_store.close()
    before = digest_of(path)
    landed = {"old": 0, "new": 0}
    for round_no in range(rounds):
        log = tmp_path / f"rekey-{round_no}.log"
        pid = zygote.fork("rekey", path, log, PASSPHRASE.encode().hex(), NEW_PASSPHRASE.encode().hex())
        time.sleep(rng.uniform(0.1, 1.0))
        os.kill(pid, signal.SIGKILL)
        zygote.reap(pid)
        entries = log.read_text().split("\n")[:-1]
        assert not [e for e in entries if e.startswith("ERROR")], entries
        which = working_passphrase(path)
        landed[which] += 1
        assert digest_of(path, PASSPHRASE if which == "old" else NEW_PASSPHRASE) == before
        shutil.rmtree(backups_folder(path), ignore_errors=True)
    report(
        "SIGKILL during passphrase change", kills=rounds, broken_stores=0, **{f"left_{k}": v for k, v in landed.items()}
    )


def write_slow_migration(folder: Path) -> tuple[str, Path]:
    """A later migration (as a future app would ship) that adds a table, fills it slowly, then adds a column."""
    folder.mkdir()
    mark = folder / "ddl-done"
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    (folder / "9100_reliability.py").write_text(
        textwrap.dedent(
            f'''
            """reliability probe"""
            from pathlib import Path

            import sqlalchemy as sa
            from alembic import op

            revision = "9100"
            down_revision = {head!r}
            branch_labels = None
            depends_on = None
            FILL = (
                "INSERT INTO reliability_probe (note) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                "FROM n WHERE i < 150000) SELECT printf('row %d', i) FROM n"
            )


            def upgrade() -> None:
                op.create_table(
                    "reliability_probe", sa.Column("id", sa.Integer, primary_key=True), sa.Column("note", sa.Text)
                )
                Path({str(mark)!r}).write_text("ddl done")
                op.execute(FILL)
                op.execute(FILL)
                with op.batch_alter_table("budget_holder") as batch:
                    batch.add_column(sa.Column("pronouns", sa.String(50), nullable=True))


            def downgrade() -> None:
                pass
            '''
        ),
        encoding="utf-8",
    )
    return str(folder), mark


@pytest.mark.scales
def test_sigkill_during_a_migration_leaves_a_store_that_still_opens(
    filled_store: Store, tmp_path: Path, zygote: Zygote
) -> None:
    rounds = scale(5, 100)
    rng = random.Random(11)
    path = filled_store.path
    filled_store.close()
    before = digest_of(path)
    pristine = tmp_path / "pristine.ipb"
    shutil.copy(path, pristine)
    versions, mark = write_slow_migration(tmp_path / "versions")
    for round_no in range(rounds):
        mark.unlink(missing_ok=True)
        log = tmp_path / f"migrate-{round_no}.log"
        pid = zygote.fork("migrate", path, log, versions)
        for _ in range(3000):
            if mark.exists():
                break
            time.sleep(0.01)
        else:
            raise AssertionError(f"round {round_no}: the migration never started, so nothing was tested")
        time.sleep(rng.uniform(0.0, 0.1))
        os.kill(pid, signal.SIGKILL)
        zygote.reap(pid)
        with Store.open(path, PASSPHRASE, extra_version_locations=[versions]) as store:
            assert store.schema_revision() == "9100"
            assert store.pragma("integrity_check") == "ok"
            with store.engine.connect() as conn:
                assert state_digest(conn) == before
        for made in backups_folder(path).glob("*before-upgrade*.ipb"):
            backup.describe_backup(made, PASSPHRASE)
        shutil.copy(pristine, path)
        shutil.rmtree(backups_folder(path), ignore_errors=True)
    report("SIGKILL during migration", kills=rounds, broken_stores=0)


def test_a_migration_that_rebuilds_the_ledger_table_keeps_every_split_and_receipt(
    filled_store: Store, tmp_path: Path
) -> None:
    add_receipts(filled_store, 1)
    path = filled_store.path
    filled_store.close()
    folder = tmp_path / "versions"
    folder.mkdir()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    (folder / "9200_rebuild.py").write_text(
        textwrap.dedent(
            f'''
            """rebuild the transaction table, as SQLite needs for most column changes"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9200"
            down_revision = {head!r}
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                with op.batch_alter_table("transaction", recreate="always") as batch:
                    batch.add_column(sa.Column("bank_note", sa.String(50), nullable=True))


            def downgrade() -> None:
                pass
            '''
        ),
        encoding="utf-8",
    )
    with Store.open(path, PASSPHRASE, extra_version_locations=[str(folder)]) as store, store.reading() as s:
        assert s.query(ledger.Allocation).count() == 4
        assert s.query(ledger.Receipt).count() == 1
        # The sums kept by triggers were set aside for the rebuild and made again from the payments.
        from ipb_desktop.models import month_allocations

        kept = sorted(tuple(r) for r in s.execute(sa.text(f"SELECT * FROM {month_allocations.TABLE}")))
        recount = sorted(tuple(r) for r in s.execute(sa.text(month_allocations.recount_statement())))
        assert [row[-2:] for row in kept] and [row[-2:] for row in kept] == [row[-2:] for row in recount]
        triggers = set(s.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert {f"{month_allocations.TABLE}_allocation_insert", "month_total_after_insert"} <= triggers

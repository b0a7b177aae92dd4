"""Store robustness as people meet it: reading never writes, a store on read-only media or in someone else's folder
opens read-only, damage is told apart from a wrong passphrase and points at the newest backup, and links, pipes
and planted lock files cannot trick the app."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipb_desktop import backup, cli
from ipb_desktop.errors import StoreInUse, StoreReadOnly, WrongPassphrase
from ipb_desktop.models import keyed
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

PAGE = 4096


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def closed(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    filled_store.close()
    return filled_store.path


# -- 1. reading never writes -----------------------------------------------------------------------------------


def test_reading_commands_leave_every_byte_and_the_time_stamp_alone(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(closed)
    folder_before = sorted(p.name for p in closed.parent.iterdir())
    bad_statement = tmp_path / "bank.csv"
    bad_statement.write_text("Date,Amount,Description\n32/13/2026,abc,Nothing\n", encoding="utf-8")
    assert run(capsys, "summary", closed)[0] == 0
    assert (
        run(capsys, "export-csv", closed, "--from", "01/04/2026", "--to", "31/03/2027", "--out", tmp_path / "p.csv")[0]
        == 0
    )
    assert run(capsys, "statement", closed, "--preset", "this_quarter", "--out", tmp_path / "s.pdf")[0] == 0
    assert run(capsys, "import", closed, bad_statement, "--dry-run")[0] == 5
    assert run(capsys, "import", closed, bad_statement)[0] == 5  # refused: nothing is imported
    assert digest(closed) == before
    assert sorted(p.name for p in closed.parent.iterdir() if p.suffix not in (".csv", ".pdf")) == folder_before


def test_a_store_opened_read_only_refuses_changes_kindly(closed: Path) -> None:
    before = digest(closed)
    with Store.open(closed, PASSPHRASE, read_only=True) as store:
        assert store.read_only
        with store.reading() as session:
            assert session.get_bind() is not None
        with pytest.raises(StoreReadOnly, match="can only be read here"), store.transaction():
            pass
        with pytest.raises(StoreReadOnly):
            store.change_passphrase("a brand new passphrase")
    assert digest(closed) == before
    assert not closed.with_name(closed.name + "-shm").exists()


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside the test's private tmp (which only root may enter) that another user can reach."""
    folder = Path("/tmp") / f"ipb-robust-{os.getpid()}-{os.urandom(4).hex()}"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def as_another_user(*argv: object, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `ipb-desktop ARGV` as an unprivileged user: `nobody` through setpriv when the tests run as root (where
    file permissions would not stop anything), else as ourselves (the permissions then apply to us)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv is needed to drop root for this test")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "IPB_HOME": str(home),
        "IPB_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "LANG": "C.UTF-8",
    }
    command = [*prefix, sys.executable, "-m", "ipb_desktop.app", *map(str, argv)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=home, timeout=120)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_in_a_folder_this_user_cannot_write_opens_read_only(closed: Path, shared_folder: Path) -> None:
    home = shared_folder / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    media = shared_folder / "cd"
    media.mkdir()
    store = media / "alys.ipb"
    shutil.copy2(closed, store)
    store.chmod(0o444)
    media.chmod(0o555)
    before = digest(store)

    looked = as_another_user("summary", store, home=home)
    assert looked.returncode == 0, looked.stderr
    assert "Traceback" not in looked.stderr
    assert "Exampleshire" in looked.stdout

    changed = as_another_user("pay", store, "--amount", "5.00", "--payee", "Corner shop", home=home)
    assert changed.returncode == 6, changed.stderr
    assert "can only be read here" in changed.stderr and "Traceback" not in changed.stderr

    assert sorted(p.name for p in media.iterdir()) == ["alys.ipb"]  # no lock, log or index file made beside it
    assert digest(store) == before


# -- 2. damage is not a wrong passphrase, and points at the newest backup ---------------------------------------


def _damage(path: Path, page: int, cut: bool = False) -> None:
    data = bytearray(path.read_bytes())
    if cut:
        del data[page * PAGE :]
    else:
        data[page * PAGE + 200] ^= 0xFF
    path.write_bytes(bytes(data))


WRITING = ("outcome", "--what", "Sleep better")


@pytest.mark.parametrize(
    ("page", "cut", "command"),
    [
        (0, False, ("summary",)),  # pages a reading command reads: checked as they are read
        (1, False, ("summary",)),
        (6, True, ("summary",)),
        (19, False, WRITING),  # anywhere: a command that writes checks every page first
        (-2, False, WRITING),
        (6, True, WRITING),
    ],
)
def test_damage_exits_4_and_names_the_newest_backup(
    closed: Path, capsys: pytest.CaptureFixture[str], page: int, cut: bool, command: tuple[str, ...]
) -> None:
    with Store.open(closed, PASSPHRASE) as store:
        made = backup.maybe_daily_backup(store)
    assert made is not None
    pages = closed.stat().st_size // PAGE
    _damage(closed, page % pages, cut)
    damaged = closed.read_bytes()
    code, _out, err = run(capsys, command[0], closed, *command[1:])
    assert code == 4, err
    assert closed.read_bytes() == damaged  # nothing more is written to a damaged store
    assert "damaged" in err and "passphrase" not in err.lower()
    assert made.name in err and "ipb-desktop restore" in err


def test_damage_a_reading_command_never_reads_is_refused_by_the_next_command_that_writes(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command that only reads does not check the whole file first (seconds at a million payments): it answers
    from pages that each pass their checksum as they are read. The next change checks every page, and refuses."""
    _damage(closed, closed.stat().st_size // PAGE - 2)
    damaged = closed.read_bytes()
    assert run(capsys, "summary", closed)[0] == 0
    code, _out, err = run(capsys, *WRITING[:1], closed, *WRITING[1:])
    assert code == 4 and "damaged" in err
    assert closed.read_bytes() == damaged


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(WrongPassphrase):
        Store.open(closed, "not the right passphrase at all")
    data = closed.read_bytes()
    closed.write_bytes(data[: 3 * PAGE])  # even with most of the file gone, a wrong key is a wrong key
    with pytest.raises(WrongPassphrase):
        Store.open(closed, "not the right passphrase at all")


def test_a_passphrase_typed_in_another_unicode_form_still_opens(tmp_path: Path) -> None:
    composed, decomposed = "Siân's café passphrase", "Sia\u0302n's cafe\u0301 passphrase"
    assert composed != decomposed
    with Store.create(tmp_path / "cy.ipb", decomposed) as made:
        made_uuid = made.uuid
    with Store.open(tmp_path / "cy.ipb", composed) as store:
        assert store.uuid == made_uuid
    # A store made before passphrases were normalised is keyed with the form exactly as it was typed.
    older = tmp_path / "older.ipb"
    conn = keyed.connect(tmp_path / "cy.ipb", composed)
    assert keyed.export_copy(conn, older, decomposed)
    conn.close()
    for typed in (composed, decomposed):
        with Store.open(older, typed) as store:
            assert store.uuid == made_uuid


# -- 4. links, pipes and planted lock files ---------------------------------------------------------------------


def test_a_second_writer_through_a_link_meets_the_same_lock(closed: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.ipb"
    link.symlink_to(closed)
    with Store.open(closed, PASSPHRASE), pytest.raises(StoreInUse):
        Store.open(link, PASSPHRASE)


def test_changing_the_passphrase_through_a_link_changes_the_real_store(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "elsewhere" / "link.ipb"
    link.parent.mkdir()
    link.symlink_to(closed)
    monkeypatch.setenv("IPB_NEW_PASSPHRASE", "seven green herons at dawn")
    assert run(capsys, "passphrase", link)[0] == 0
    assert link.is_symlink() and link.resolve() == closed
    with Store.open(closed, "seven green herons at dawn"):
        pass
    with pytest.raises(WrongPassphrase):
        Store.open(closed, PASSPHRASE)


def test_a_lock_file_planted_as_a_link_is_never_followed(closed: Path, tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("do not truncate me", encoding="utf-8")
    planted = closed.with_name(closed.name + ".lock")
    planted.unlink(missing_ok=True)
    planted.symlink_to(victim)
    code = cli.main(["summary", str(closed)])
    assert code == 4
    assert victim.read_text(encoding="utf-8") == "do not truncate me"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_in_place_of_a_store_is_refused_without_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    pipe = tmp_path / "pipe.ipb"
    os.mkfifo(pipe)
    code, _out, err = run(capsys, "summary", pipe)
    assert code == 4 and "not an ordinary file" in err


def test_no_daily_backup_is_attempted_for_a_store_opened_read_only(closed: Path) -> None:
    with Store.open(closed, PASSPHRASE, read_only=True) as store:
        assert backup.maybe_daily_backup(store) is None
    assert not backup.list_auto_backups(closed)

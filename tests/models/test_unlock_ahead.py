"""Unlocking ahead: the key SQLCipher would derive, derived by us once (and on a worker thread while a command's
code loads), opens the same store; a page check done ahead counts only when it found every page sound; and none
of it changes what a person sees: the same summary, the same exit 4 for damage, exit 3 for a wrong passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.cli import ahead
from ipb_desktop.errors import WrongPassphrase
from ipb_desktop.models import keyed
from ipb_desktop.models.store import Store
from ipb_desktop.models.unlock_ahead import UnlockAhead
from tests.conftest import PASSPHRASE

PAGE = 4096
COMMANDS = [name for name in cli.COMMANDS if name != "init"]


@pytest.fixture
def closed(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    filled_store.close()
    return filled_store.path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def count_derivations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    made: list[Path] = []
    real = keyed.file_key

    def counting(path: Path, passphrase: str) -> str:
        made.append(Path(path))
        return real(path, passphrase)

    monkeypatch.setattr(keyed, "file_key", counting)
    return made


def test_the_derived_key_opens_the_store_without_the_passphrase(closed: Path) -> None:
    conn = keyed.connect(closed, keyed.file_key(closed, PASSPHRASE), keyed.Access.READ_ONLY)
    try:
        keyed.check_key(conn, closed)
        assert conn.execute("SELECT count(*) FROM budget_holder").fetchone()[0] == 1
    finally:
        conn.close()
    wrong = keyed.connect(closed, keyed.file_key(closed, "not the passphrase at all"), keyed.Access.READ_ONLY)
    try:
        with pytest.raises(WrongPassphrase):
            keyed.check_key(wrong, closed)
    finally:
        wrong.close()


def test_a_store_opened_with_a_key_made_ahead_checks_its_pages_with_no_second_derivation(
    closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_derivations(monkeypatch)
    early = UnlockAhead(closed, PASSPHRASE).start()
    assert early.pages_ok()
    assert early.key_for(closed.with_name("another.ipb"), PASSPHRASE) is None  # only for the file it was made for
    assert early.key_for(closed, "another passphrase") is None
    with Store.open(closed, PASSPHRASE, ahead=early) as store:
        assert store.integrity_problems(separate=True) == []  # the window's check on its worker thread
        assert store.integrity_problems() == []
    assert made == [closed]


@pytest.mark.parametrize("page", [1, 19, -2])
def test_a_damaged_page_is_never_taken_as_checked(closed: Path, page: int) -> None:
    data = bytearray(closed.read_bytes())
    data[(page % (len(data) // PAGE)) * PAGE + 200] ^= 0xFF
    closed.write_bytes(bytes(data))
    assert not UnlockAhead(closed, PASSPHRASE).start().pages_ok()


def test_a_command_begun_ahead_prints_the_same_and_derives_the_key_once(
    closed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, usual, _err = run(capsys, "summary", closed, "--json")
    assert code == 0
    made = count_derivations(monkeypatch)
    ahead.begin(["summary", "--as-planner", "Sam Example", str(closed), "--json"], COMMANDS)
    code, early, _err = run(capsys, "summary", "--as-planner", "Sam Example", closed, "--json")
    assert code == 0 and early == usual
    assert made == [closed]


@pytest.mark.parametrize("page", [1, 19, -2])
def test_damage_still_exits_4_when_the_command_was_begun_ahead(
    closed: Path, capsys: pytest.CaptureFixture[str], page: int
) -> None:
    data = bytearray(closed.read_bytes())
    data[(page % (len(data) // PAGE)) * PAGE + 200] ^= 0xFF
    closed.write_bytes(bytes(data))
    ahead.begin(["summary", str(closed)], COMMANDS)
    code, _out, err = run(capsys, "summary", closed)
    assert code == 4, err
    assert "damaged" in err and "passphrase" not in err.lower()
    assert closed.read_bytes() == bytes(data)


def test_a_wrong_passphrase_begun_ahead_is_still_a_wrong_passphrase(
    closed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", "not the right passphrase at all")
    before = closed.read_bytes()
    ahead.begin(["summary", str(closed)], COMMANDS)
    code, _out, err = run(capsys, "summary", closed)
    assert code == 3, err
    assert closed.read_bytes() == before


def test_nothing_is_begun_without_a_passphrase_in_the_environment_or_for_other_files(
    closed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IPB_PASSPHRASE")
    ahead.begin(["summary", str(closed)], COMMANDS)
    assert ahead.take(closed) is None
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("shopping list", encoding="utf-8")
    ahead.begin(["summary", str(not_a_store)], COMMANDS)
    ahead.begin(["init", str(closed)], COMMANDS)
    assert ahead.take(closed) is None
    ahead.begin(["summary", str(closed)], COMMANDS)
    assert ahead.take(closed.with_name("other.ipb")) is None  # taken for another file: dropped
    assert ahead.take(closed) is None

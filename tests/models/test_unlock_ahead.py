"""Unlocking ahead: the store's keyed connection made on a worker thread (while SQLAlchemy readies its classes, or a
command's code loads) is the one the store then uses, so the key is derived once; and none of it changes what a
person sees: the same summary, the same exit 4 for damage, exit 3 for a wrong passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ipb_desktop import cli
from ipb_desktop.cli import ahead
from ipb_desktop.errors import WrongPassphrase
from ipb_desktop.models import keyed
from ipb_desktop.models.schema import BudgetHolder
from ipb_desktop.models.store import Store
from ipb_desktop.models.unlock_ahead import UnlockAhead
from tests.conftest import PASSPHRASE
from tests.models.test_robustness import run

PAGE = 4096
COMMANDS = [name for name in cli.COMMANDS if name != "init"]


@pytest.fixture
def closed(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    filled_store.close()
    return filled_store.path


def count_derivations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every keyed connection made from here on (each one derives the key)."""
    made: list[Path] = []
    real = keyed.connect

    def counting(path: Path, passphrase: str, access: keyed.Access = keyed.Access.READ_WRITE) -> Any:
        made.append(Path(path))
        return real(path, passphrase, access)

    monkeypatch.setattr(keyed, "connect", counting)
    return made


def test_a_store_opens_on_the_connection_made_ahead(closed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = count_derivations(monkeypatch)
    early = UnlockAhead(closed, PASSPHRASE, keyed.Access.READ_WRITE).start()
    with Store.open(closed, PASSPHRASE, ahead=early) as store:
        assert store.integrity_problems() == []
        with store.reading() as session:
            assert session.scalar(select(func.count()).select_from(BudgetHolder)) == 1
    assert made == [closed]  # one key derivation: the connection made ahead was the store's


def test_a_connection_made_for_another_file_passphrase_or_access_is_not_taken(closed: Path) -> None:
    for path, passphrase, access in [
        (closed.with_name("another.ipb"), PASSPHRASE, keyed.Access.READ_WRITE),
        (closed, "another passphrase entirely", keyed.Access.READ_WRITE),
        (closed, PASSPHRASE, keyed.Access.IMMUTABLE),
    ]:
        early = UnlockAhead(closed, PASSPHRASE, keyed.Access.READ_WRITE).start()
        assert early.take_connection(path, passphrase, access) is None
        assert early.take_connection(closed, PASSPHRASE, keyed.Access.READ_WRITE) is None  # closed, not kept


def test_a_wrong_passphrase_ahead_is_a_wrong_passphrase_derived_once(
    closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_derivations(monkeypatch)
    early = UnlockAhead(closed, "not the right passphrase", keyed.Access.READ_WRITE).start()
    with pytest.raises(WrongPassphrase):
        Store.open(closed, "not the right passphrase", ahead=early)
    assert made == [closed]


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


@pytest.mark.parametrize(("page", "command"), [(0, "summary"), (1, "summary"), (19, "outcome"), (-2, "outcome")])
def test_damage_still_exits_4_when_the_command_was_begun_ahead(
    closed: Path, capsys: pytest.CaptureFixture[str], page: int, command: str
) -> None:
    data = bytearray(closed.read_bytes())
    data[(page % (len(data) // PAGE)) * PAGE + 200] ^= 0xFF
    closed.write_bytes(bytes(data))
    ahead.begin([command, str(closed)], COMMANDS)
    extra = ["--what", "Sleep better"] if command == "outcome" else []
    code, _out, err = run(capsys, command, closed, *extra)
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
    assert ahead.take(closed.with_name("other.ipb")) is None  # asked for another file: dropped
    assert ahead.take(closed) is None

"""Proof that personal details typed through the command line never reach the disk in readable form.

Known strings go in through `ipb-desktop` commands; then every byte of every file the app could have written is
searched for them: the store and its -wal/-shm/-journal, the backups folder, the app's data and config folders
(IPB_HOME) and the temporary folder (TMPDIR). conftest points all of these inside this test's own folder, so
searching that folder searches them all.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path

import pytest

from ipb_desktop import cli, outcomes
from ipb_desktop.demo_data import receipt_png
from ipb_desktop.models.store import Store, backups_folder
from tests.conftest import PASSPHRASE

NAME = "Siân Example-Testwood"
NHS = "9434765919"
NHS_SPACED = "943 476 5919"
PAYEE = "Zoë's Pottery Café"
NOTE = "felt anxious on the bus"
SECRETS = [NAME, NHS, NHS_SPACED, PAYEE, NOTE]
NEW_PASSPHRASE = "seven green herons at dawn"


def needles(texts: list[str]) -> dict[bytes, str]:
    """Each text as bytes, in UTF-8 and UTF-16-LE, composed (NFC) and decomposed (NFD)."""
    found: dict[bytes, str] = {}
    for text in texts:
        for form in ("NFC", "NFD"):
            normal = unicodedata.normalize(form, text)
            for encoding in ("utf-8", "utf-16-le"):
                found[normal.encode(encoding)] = f"{text!r} ({form}, {encoding})"
    return found


def leaks(root: Path, texts: list[str]) -> list[str]:
    """Every (file, text) where one of the texts can be read in a file under `root`."""
    wanted = needles(texts)
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        content = path.read_bytes()
        out += [f"{path.relative_to(root)}: {label}" for raw, label in wanted.items() if raw in content]
    return out


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def typed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store with the known strings typed in through the command line."""
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "data" / "budget.ipb"
    receipt = tmp_path / "scan.png"
    receipt.write_bytes(receipt_png(random.Random(3)))
    commands = [
        ["init", store],
        ["holder", store, "--name", NAME, "--nhs-number", NHS_SPACED, "--preferred-name", NAME],
        ["period", store, "--start", "01/04/2026", "--end", "31/03/2027"],
        ["stream", store, "--funder-kind", "nhs_phb", "--funder", "Exampleshire ICB", "--amount", "1200",
         "--schedule", "monthly", "--period", "1"],
        ["outcome", store, "--what", "Feel confident going out on my own", "--how", NOTE],
        ["rate", store, "1", "3", "--date", "01/05/2026", "--note", NOTE],
        ["plan-line", store, "--description", "Pottery class", "--amount", "300", "--stream", "1"],
        ["receive", store, "--date", "01/05/2026", "--amount", "1200", "--payee", "Exampleshire ICB", "--stream", "1"],
        ["pay", store, "--date", "02/05/2026", "--amount", "18.00", "--payee", PAYEE, "--description", NOTE,
         "--plan-line", "1"],
        ["receipt", store, "2", receipt],
        ["summary", store],
        ["summary", store, "--json"],
    ]  # fmt: skip
    for argv in commands:
        assert cli.main([str(a) for a in argv]) == 0, argv
    out = capsys.readouterr().out
    assert NAME in out and PAYEE in out  # the strings really went in and came back out
    return store


def test_the_search_would_find_a_plain_copy(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text(f"name={NAME}", encoding="utf-8")
    (plain / "b.txt").write_text(NOTE.upper() + unicodedata.normalize("NFD", PAYEE), encoding="utf-16-le")
    assert leaks(plain, SECRETS) == [
        f"a.txt: {NAME!r} (NFC, utf-8)",
        f"b.txt: {PAYEE!r} (NFD, utf-16-le)",
    ]


def test_nothing_typed_in_can_be_read_from_any_file(typed_in: Path, tmp_path: Path) -> None:
    written = files_under(tmp_path)
    assert "data/budget.ipb" in written
    assert leaks(tmp_path, SECRETS) == []


def test_nothing_readable_while_the_store_is_open_with_a_write_ahead_log(typed_in: Path, tmp_path: Path) -> None:
    with Store.open(typed_in, PASSPHRASE) as store:
        with store.transaction() as session:
            outcomes.add_rating(session, 1, outcomes.RatingDetails(dt.date(2026, 6, 1), 4, note=NOTE + " again"))
        assert typed_in.with_name(typed_in.name + "-wal").stat().st_size > 0
        assert leaks(tmp_path, SECRETS) == []


def test_nothing_readable_after_a_passphrase_change_or_in_its_backup(
    typed_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert cli.main(["passphrase", str(typed_in)]) == 0
    backups = list(backups_folder(typed_in).iterdir())
    assert backups, "a passphrase change keeps a backup"
    assert leaks(tmp_path, SECRETS) == []
    monkeypatch.setenv("IPB_PASSPHRASE", NEW_PASSPHRASE)
    assert cli.main(["pay", str(typed_in), "--date", "03/05/2026", "--amount", "18", "--payee", PAYEE]) == 0
    assert leaks(tmp_path, SECRETS) == []

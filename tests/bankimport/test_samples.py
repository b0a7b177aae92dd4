"""Invented statements in every common UK layout (samples/, invented people and places), each imported from the
command line with no options: the right number of payments and net amount, and nothing new the second time."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipb_desktop import cli
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

from .conftest import ledger_rows

SAMPLES = Path(__file__).resolve().parent / "samples"

# File -> (payments brought in, net pence: money in minus money out).
EXPECTED = {
    "nationwide-midata.csv": (4, 14800),
    "nationwide-statement.csv": (3, 31240),
    "johnlewis-card.csv": (4, 87600),
    "revolut.csv": (3, 14850),
    "lloyds-halifax.csv": (3, 43300),
    "natwest-rbs.csv": (3, 27160),
    "barclays.csv": (3, 32405),
    "hsbc.csv": (3, 121225),
    "santander.csv": (3, 21560),
    "santander.qif": (3, 21560),
    "tsb.csv": (2, 17165),
    "coop.csv": (2, 13201),
    "metro.csv": (2, 21500),
    "firstdirect.csv": (2, 37800),
    "monzo.csv": (3, 28190),
    "starling.csv": (3, 17501),
    "uk-bank.ofx": (3, 22350),
}


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)


def test_every_sample_has_its_expected_figures() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_imports_with_no_options_and_again_adds_nothing(
    name: str, store: Store, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    count, net = EXPECTED[name]
    code = cli.main(["import", str(store_path), str(SAMPLES / name)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Imported {count} new payment" in out
    code = cli.main(["import", str(store_path), str(SAMPLES / name)])
    out, err = capsys.readouterr()
    assert (code, out.splitlines()[-1]) == (0, "Nothing new to import: every line is already in."), err
    with Store.open(store_path, PASSPHRASE) as again:
        rows = ledger_rows(again)
    assert len(rows) == count
    assert sum(amount if direction == "in" else -amount for _d, direction, amount, *_rest in rows) == net
    assert all(payee for _d, _dir, _a, payee, *_rest in rows), "every payment has a payee"

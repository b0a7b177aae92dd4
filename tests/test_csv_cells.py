"""Every CSV the app writes is spreadsheet-safe: text that a spreadsheet would run as a formula is quoted with an
apostrophe, numbers stay numbers, and a failed export leaves no plain-text part file behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from ipb_desktop import export_all, ledger
from ipb_desktop.csv_cells import spreadsheet_cell
from ipb_desktop.models.store import Store
from ipb_desktop.statements import csv_export

HOSTILE = ['=HYPERLINK("http://example.invalid","Click")', "@SUM(A1:A9)", "+44 7700 900123", "-2+3", "\tTab", "\rCR"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_quoted(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "cell"), [("-12.50", "-12.50"), (1250, "1250"), (-3, "-3"), ("Clayworks", "Clayworks")]
)
def test_numbers_and_plain_text_stay_as_they_are(value: object, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def _pay(store: Store, payee: str, description: str) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 4, 20), "out", 1250, payee, description))


def test_payments_csv_quotes_a_bank_payee_that_looks_like_a_formula(filled_store: Store, tmp_path: Path) -> None:
    _pay(filled_store, HOSTILE[0], "@SUM(1+1)")
    out = tmp_path / "payments.csv"
    csv_export.export_transactions(filled_store, out, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hostile = [r for r in rows if "HYPERLINK" in r["payee"]]
    assert hostile and hostile[0]["payee"] == "'" + HOSTILE[0]
    assert hostile[0]["description"] == "'@SUM(1+1)"
    assert hostile[0]["money_out"] == "12.50"
    assert not any(cell.startswith(("=", "@", "+")) for r in rows for cell in r.values())


def test_export_everything_csv_quotes_formulas_and_keeps_numbers(filled_store: Store, tmp_path: Path) -> None:
    _pay(filled_store, "=1+1", "-cmd")
    zipped = export_all.export_everything(filled_store, tmp_path / "all.zip")
    with zipfile.ZipFile(zipped) as zf:
        text = zf.read("csv/transaction.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    mine = [r for r in rows if r["payee"] == "'=1+1"]
    assert mine and mine[0]["description"] == "'-cmd" and mine[0]["amount_pence"] == "1250"


def test_a_failed_csv_export_leaves_no_plain_text_part_file(filled_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "payments.csv"

    def rows() -> object:
        yield ["1", "Clayworks"]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        csv_export.write_csv(out, ["id", "payee"], rows())  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("payments")) == []

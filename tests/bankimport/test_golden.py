"""Golden files: each statement next to the lines it should give, as JSON.

Inputs are the files in `golden/` (made for each CSV variation the import must handle) and every file in
`../shared/fixtures/bank/` (real exports, compared against `golden/shared--NAME.json`). To rewrite the expected
files after a deliberate change: IPB_REGEN_GOLDEN=1 pytest tests/bankimport/test_golden.py, then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.detect import detect_format
from ipb_desktop.bankimport.lines import StatementRefused

from .conftest import FIXTURES, GOLDEN

INPUTS = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".csv", ".qif", ".ofx", ".qfx"))
SHARED = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".csv", ".qif", ".ofx", ".qfx"))


def parsed(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    try:
        statement, _table, mapping, _name = service.read(None, data, path.name)
    except StatementRefused as refused:
        return {"format": detect_format(data, path.name), "refused": [str(p) for p in refused.line_problems]}
    return {
        "format": statement.file_format,
        "mapping": mapping.as_dict() if mapping else None,
        "account": statement.account_id,
        "currency": statement.currency,
        "lines": [
            {
                "line": line.line_no,
                "date": line.txn_date.isoformat(),
                "pence": line.amount_pence,
                "payee": line.payee,
                "description": line.description,
                "fitid": line.fitid,
                "balance": line.balance_pence,
            }
            for line in statement.lines
        ],
        "problems": [str(p) for p in statement.problems],
        "balance_mismatches": [str(p) for p in statement.balance_mismatches],
        "bank_balance": (
            {"date": statement.bank_balance.on.isoformat(), "pence": statement.bank_balance.pence}
            if statement.bank_balance
            else None
        ),
        "notices": statement.notices,
    }


def check(path: Path, expected_path: Path) -> None:
    got = parsed(path)
    if os.environ.get("IPB_REGEN_GOLDEN") == "1":
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_made_statements_read_as_expected(path: Path) -> None:
    check(path, path.with_name(path.name + ".json"))


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.name)
def test_real_bank_files_read_as_expected(path: Path) -> None:
    check(path, GOLDEN / f"shared--{path.name}.json")


def test_every_golden_input_has_its_expected_file() -> None:
    for path in INPUTS:
        assert path.with_name(path.name + ".json").exists(), path.name
    assert len(SHARED) == 14

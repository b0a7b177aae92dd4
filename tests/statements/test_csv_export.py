"""CSV exports: UTF-8 with a byte-order mark, the documented columns in order, ISO dates, plain amounts."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from ipb_desktop import ledger
from ipb_desktop.models.store import Store
from ipb_desktop.statements import csv_export
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_transactions_csv_has_bom_stable_columns_and_plain_values(filled_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "payments.csv"
    assert csv_export.export_transactions(filled_store, out, APRIL, JUNE_END) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].decode("utf-8-sig") == (
        "transaction_id,part,parts,date,payee,description,money_in,money_out,category,plan_line,funding_stream,"
        "outcome,payment_method,receipt,reconciled,through_account"
    )
    rows = read(out)
    assert [(r["date"], r["payee"], r["money_in"], r["money_out"]) for r in rows] == [
        ("2026-04-01", "Exampleshire Council", "520.00", ""),
        ("2026-04-02", "Exampleshire ICB", "1200.00", ""),
        ("2026-04-10", "Clayworks Studio", "", "37.50"),
        ("2026-04-14", "Jo Assistant", "", "300.00"),
    ]
    pottery = rows[2]
    assert pottery["category"] == "Activities and classes"
    assert pottery["plan_line"] == "Pottery class"
    assert pottery["funding_stream"] == "Exampleshire ICB"
    assert pottery["outcome"] == "Regain confidence to go out on my own"
    assert (pottery["receipt"], pottery["reconciled"], pottery["part"], pottery["parts"]) == ("missing", "no", "1", "1")
    assert rows[0]["receipt"] == ""


def test_a_split_payment_has_a_row_per_part_and_names_survive(
    filled_store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    with filled_store.transaction() as s:
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 5, 2),
                "out",
                123456,
                "Zoë's Café, Dŵr Cymru",
                'Lunch "and" water',
                allocations=(
                    ledger.AllocationDraft(100000, plan_line_id=ids["pa"]),
                    ledger.AllocationDraft(23456, plan_line_id=ids["pottery"]),
                ),
            ),
        )
    out = tmp_path / "payments.csv"
    csv_export.export_transactions(filled_store, out, dt.date(2026, 5, 1), JUNE_END)
    rows = read(out)
    assert [(r["part"], r["parts"], r["money_out"], r["plan_line"]) for r in rows] == [
        ("1", "2", "1000.00", "Personal assistant 2.5 hours a week"),
        ("2", "2", "234.56", "Pottery class"),
    ]
    assert rows[0]["payee"] == "Zoë's Café, Dŵr Cymru"
    assert rows[0]["description"] == 'Lunch "and" water'
    assert rows[0]["transaction_id"] == rows[1]["transaction_id"]


def test_summary_csv_adds_up(filled_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    csv_export.export_summary(filled_store, out, APRIL, JUNE_END, MADE_ON)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsection,label,amount")
    rows = [(r["section"], r["label"], r["amount"]) for r in read(out)]
    assert rows[:4] == [
        ("period_start", "2026-04-01", ""),
        ("period_end", "2026-06-30", ""),
        ("opening_balance", "", "0.00"),
        ("money_in_by_stream", "Exampleshire ICB", "1200.00"),
    ]
    assert ("money_in_total", "", "1720.00") in rows
    assert ("money_out_by_category", "Personal assistant wages", "300.00") in rows
    assert ("money_out_by_plan_line", "Pottery class", "37.50") in rows
    assert ("money_out_total", "", "337.50") in rows
    assert ("closing_balance", "", "1382.50") in rows
    assert ("stream_closing", "Exampleshire Council", "220.00") in rows
    assert ("plan_line_left", "Laptop for job search", "450.00") in rows
    assert ("surplus_balance", "", "1382.50") in rows

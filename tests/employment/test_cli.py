"""The issue's walk-through by the command line, from an empty store: a PA is added, a month of shifts and a
payslip entered, the wages and HMRC paid and matched, the insurance renewal reminded, and the statement, the
timesheet, the CSV exports and `summary --json` show it all."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from ipb_desktop.cli import common as cli_common
from tests.conftest import PASSPHRASE
from tests.statements.helpers import pdf_text
from tests.test_cli import Cli

TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_common, "today", lambda: TODAY)
    return Cli(capsys)


@pytest.fixture
def new_store(cli: Cli, store_path: Path) -> Path:
    assert cli("init", store_path).code == 0
    return store_path


def test_from_an_empty_store_to_a_statement_that_shows_it_all(cli: Cli, new_store: Path, tmp_path: Path) -> None:
    s = new_store
    assert cli("holder", s, "--name", "Alys Testwood").code == 0
    assert cli("period", s, "--start", "01/04/2026", "--end", "31/03/2027").code == 0

    added = cli(
        "employee",
        "add",
        s,
        "--name",
        "Jo Example",
        "--start",
        "01/11/2026",
        "--rate",
        "12.50",
        "--usual-hours",
        "10",
        "--role",
        "Support worker",
    )
    assert added.code == 0 and "Added PA 1: Jo Example" in added.out
    assert "below the legal minimum of £12.71" in added.err  # flagged, not refused
    changed = cli("employee", "change", s, "1", "--rate", "12.80", "--rate-from", "01/11/2026")
    assert changed.code == 0 and changed.err == ""

    for day in (2, 4, 9, 11, 16, 18, 23, 25):
        assert (
            cli(
                "shift",
                "add",
                s,
                "--employee",
                "1",
                "--date",
                f"{day:02d}/11/2026",
                "--start",
                "10:00",
                "--end",
                "12:30",
            ).code
            == 0
        )
    assert cli("shift", "add", s, "--employee", "1", "--date", "30/11/2026", "--hours", "2.5", "--holiday").code == 0
    listed = cli("shift", "list", s, "--from", "01/11/2026", "--to", "30/11/2026")
    assert listed.out.count("Jo Example") == 9

    wrong = cli(
        "payslip",
        "add",
        s,
        "--employee",
        "1",
        "--from",
        "01/11/2026",
        "--to",
        "30/11/2026",
        "--pay-date",
        "30/11/2026",
        "--gross",
        "256.00",
        "--tax",
        "0",
        "--employer-ni",
        "5.00",
        "--employee-pension",
        "6.00",
        "--employer-pension",
        "4.00",
        "--net",
        "256.00",
    )
    assert wrong.code == 5 and "£256.00 less £6.00 is £250.00" in wrong.err
    payslip = cli(
        "payslip",
        "add",
        s,
        "--employee",
        "1",
        "--from",
        "01/11/2026",
        "--to",
        "30/11/2026",
        "--pay-date",
        "30/11/2026",
        "--gross",
        "256.00",
        "--employer-ni",
        "5.00",
        "--employee-pension",
        "6.00",
        "--employer-pension",
        "4.00",
        "--net",
        "250.00",
    )
    assert payslip.code == 0 and payslip.err == ""  # 20 hours for £256.00 is £12.80 an hour

    wages = cli(
        "pay", s, "--date", "30/11/2026", "--amount", "250.00", "--payee", "J Example", "--method", "bank_transfer"
    )
    assert "It pays the net pay of payslip 1." in wages.out
    hmrc = cli("pay", s, "--date", "05/12/2026", "--amount", "5.00", "--payee", "HMRC", "--description", "PAYE")
    assert "It pays the tax and National Insurance of payslip 1." in hmrc.out

    insured = cli(
        "employer-check",
        "add",
        s,
        "--kind",
        "el_insurance",
        "--done",
        "01/11/2026",
        "--due",
        "01/01/2027",
        "--provider",
        "Example Mutual",
        "--reference",
        "EL-0042",
    )
    assert insured.code == 0 and "Next due 1 January 2027" in insured.out
    reminders = cli("reminders", s, "--json")
    due = {r["kind"]: r for r in json.loads(reminders.out)["reminders"]}
    assert due["el_insurance"]["due"] == "2027-01-01" and not due["el_insurance"]["overdue"]
    assert due["right_to_work"]["overdue"]  # not recorded yet
    assert "Employer's liability insurance is due (by 1 January 2027)" in cli("reminders", s).out

    summary = json.loads(cli("summary", s, "--json").out)["employment"]
    assert summary["hours_worked"] == "20" and summary["gross_pence"] == 25600
    assert summary["employer_costs_pence"] == 900 and summary["paid_to_hmrc_pence"] == 500
    assert summary["owed_to_pas"] == [] and summary["owed_to_hmrc_pence"] == 0
    assert summary["owed_to_pension_pence"] == 1000  # the pension provider is not paid yet
    assert summary["employees"][0]["holiday"]["taken_hours"] == "2.5"

    statement = tmp_path / "statement.pdf"
    assert cli("statement", s, "--from", "01/11/2026", "--to", "30/11/2026", "--out", statement).code == 0
    text = pdf_text(statement)
    for seen in (
        "Employing personal assistants",
        "Jo Example",
        "£256.00",
        "Example Mutual",
        "EL-0042",
        "Pension provider: pension contributions",
        "Employer's liability insurance",
    ):
        assert seen in text, seen

    sheet = tmp_path / "timesheet.pdf"
    assert (
        cli("timesheet", s, "--employee", "1", "--from", "01/11/2026", "--to", "30/11/2026", "--out", sheet).code == 0
    )
    text = pdf_text(sheet)
    assert "Timesheet" in text and "Signature" in text and "20" in text and "Holiday taken" in text

    shifts_csv, payslips_csv = tmp_path / "shifts.csv", tmp_path / "payslips.csv"
    assert cli("shift", "list", s, "--csv", shifts_csv).code == 0
    assert cli("payslip", "list", s, "--csv", payslips_csv).code == 0
    rows = list(csv.DictReader(shifts_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 9 and rows[0]["hours"] == "2.5" and rows[0]["pay"] == "32.00"
    (row,) = csv.DictReader(payslips_csv.read_text(encoding="utf-8-sig").splitlines())
    assert row["gross"] == "256.00" and row["net_paid_by"] == "1" and row["pension_paid_by"] == ""


def test_payroll_csv_import_and_matching_by_hand(cli: Cli, new_store: Path, tmp_path: Path) -> None:
    s = new_store
    cli(
        "employee",
        "add",
        s,
        "--name",
        "Kit Example",
        "--start",
        "01/04/2026",
        "--rate",
        "13.00",
        "--payroll-ref",
        "PA7",
    )
    payroll = tmp_path / "payroll.csv"
    payroll.write_text(
        "Works number;Start date;End date;Pay date;Hours;Total earnings;PAYE;Net pay\n"
        "PA7;01/05/2026;31/05/2026;29/05/2026;40;520.00;0.00;520.00\n",
        encoding="utf-8",
    )
    refused = cli("payslip", "import", s, payroll)
    assert refused.code == 5 and "gross" in refused.err
    done = cli("payslip", "import", s, payroll, "--map", "gross=Total earnings")
    assert done.code == 0 and "Imported 1 payslips" in done.out
    cli("pay", s, "--date", "01/06/2026", "--amount", "520.00", "--payee", "Cash withdrawal")
    assert "No new matches" in cli("payslip", "match", s).out
    by_hand = cli("payslip", "match", s, "--payslip", "1", "--payment", "1")
    assert by_hand.code == 0 and "Matched payment 1 to the net pay of payslip 1." in by_hand.out
    assert "paid" in cli("payslip", "list", s).out


def test_mistakes_say_what_to_do(cli: Cli, new_store: Path) -> None:
    s = new_store
    assert "No PAs yet" in cli("employee", "list", s).out
    assert cli("shift", "add", s, "--employee", "9", "--date", "01/05/2026", "--hours", "2").code == 5
    assert cli("employer-check", "add", s, "--kind", "dbs", "--done", "01/05/2026").code == 5  # which PA?
    assert cli("employee", "change", s, "1").code == 5


def test_a_bank_statement_import_pays_the_payslips_it_fits(cli: Cli, new_store: Path, tmp_path: Path) -> None:
    s = new_store
    cli("employee", "add", s, "--name", "Kit Example", "--start", "01/04/2026", "--rate", "13.00")
    added = cli(
        "payslip",
        "add",
        s,
        "--employee",
        "1",
        "--from",
        "01/05/2026",
        "--to",
        "31/05/2026",
        "--pay-date",
        "29/05/2026",
        "--hours",
        "40",
        "--gross",
        "520.00",
        "--tax",
        "4.00",
        "--employer-ni",
        "6.00",
        "--net",
        "516.00",
    )
    assert added.code == 0
    bank = tmp_path / "bank.csv"
    bank.write_text(
        "Date,Description,Amount\n29/05/2026,K EXAMPLE WAGES,-516.00\n19/06/2026,HMRC PAYE,-10.00\n",
        encoding="utf-8",
    )
    imported = cli("import", s, bank)
    assert imported.code == 0, imported.err
    assert "it pays the net pay of payslip 1" in imported.out
    assert "it pays the tax and National Insurance of payslip 1" in imported.out
    summary = json.loads(cli("summary", s, "--json", "--from", "01/04/2026", "--to", "30/06/2026").out)
    assert summary["employment"]["owed_to_pas"] == [] and summary["employment"]["owed_to_hmrc_pence"] == 0

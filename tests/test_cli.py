"""The command line, run in-process: each subcommand, its one-line report, and the documented exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import random
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop import app, audit, cli, holder, ledger, outcomes
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command
from ipb_desktop.demo_data import receipt_png
from ipb_desktop.models.schema import BudgetPeriod, FundingStream, PlanLine, Rating, Transaction
from ipb_desktop.models.store import Store, backups_folder
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "seven green herons at dawn"


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """Runs `ipb-desktop ...` in this process and captures what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: object) -> Result:
        self.capsys.readouterr()
        code = cli.main([str(a) for a in argv])
        captured = self.capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    return Cli(capsys)


@pytest.fixture
def new_store(run: Cli, store_path: Path) -> Path:
    assert run("init", store_path).code == 0
    return store_path


@pytest.fixture
def filled(filled_store: Store, store_path: Path) -> Iterator[Path]:
    """conftest's small budget for Alys Testwood, closed so the command line can open it."""
    filled_store.close()
    return store_path


class FakeTerminal(io.StringIO):
    """Standard input that says it is a terminal, so the passphrase is asked for with getpass."""

    def isatty(self) -> bool:
        return True


def reading(path: Path) -> Store:
    return Store.open(path, PASSPHRASE)


def fingerprint(path: Path) -> dict[str, str]:
    out = {}
    for candidate in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]:
        if candidate.exists():
            out[candidate.name] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    return out


# -- arguments and help -----------------------------------------------------------------------------------------


def test_help_lists_every_command_and_the_exit_codes(run: Cli) -> None:
    result = run("--help")
    assert result.code == 0
    for command in ("init", "holder", "period", "stream", "outcome", "rate", "plan-line", "pay", "receive"):
        assert command in result.out
    for command in ("receipt", "summary", "passphrase", "demo"):
        assert command in result.out
    codes = result.out.split("EXIT CODES", 1)[1]
    for code in ("0", "2", "3", "4", "5", "6"):
        assert f"  {code}  " in codes
    assert "IPB_PASSPHRASE" in result.out


def test_no_command_or_an_unknown_option_is_a_usage_error(run: Cli, new_store: Path) -> None:
    assert run().code == 2
    assert run("summary", new_store, "--colour", "blue").code == 2
    assert run("fly", new_store).code == 2


def test_a_passphrase_is_never_taken_from_the_command_line(run: Cli, store_path: Path) -> None:
    result = run("init", store_path, "--passphrase", PASSPHRASE)
    assert result.code == 2
    assert not store_path.exists()


def test_every_command_module_registers_and_a_new_one_is_one_line(
    run: Cli, new_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hello(args: argparse.Namespace) -> int:
        with open_store(args) as store:
            say(f"hello from {store.actor}")
        return 0

    def register(subparsers: Subparsers) -> None:
        store_command(subparsers, "hello", help="say hello").set_defaults(func=hello)

    module = types.ModuleType("tests.fake_cli_module")
    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests.fake_cli_module", module)
    monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, "tests.fake_cli_module"])
    result = run("hello", new_store, "--as-planner", "Sam Example")
    assert (result.code, result.out.strip()) == (0, "hello from planner:Sam Example")


# -- init and opening -------------------------------------------------------------------------------------------


def test_init_makes_a_store_and_says_how_strong_the_passphrase_is(run: Cli, store_path: Path) -> None:
    result = run("init", store_path)
    assert result.code == 0
    assert "Passphrase strength: Strong." in result.out
    assert "Made a new budget store" in result.out
    with reading(store_path) as store:
        assert store.uuid


def test_init_asks_twice_and_refuses_two_different_answers(
    run: Cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IPB_PASSPHRASE")
    typed = iter([PASSPHRASE, "purple otter umbrela", PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr("sys.stdin", FakeTerminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    result = run("init", store_path)
    assert result.code == 5
    assert result.err.startswith("passphrase:") and "not the same" in result.err
    assert not store_path.exists()
    assert run("init", store_path).code == 0
    with reading(store_path):
        pass


def test_passphrases_can_be_piped_in_one_per_line(run: Cli, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPB_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{PASSPHRASE}\n"))
    assert run("init", store_path).code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n"))
    assert run("outcome", store_path, "--what", "Sleep better").code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run("outcome", store_path, "--what", "Sleep better")
    assert result.code == 5 and "no passphrase was typed" in result.err


def test_init_refuses_a_short_passphrase_and_an_existing_file(
    run: Cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", "short")
    result = run("init", store_path)
    assert result.code == 5 and "passphrase" in result.err
    store_path.write_text("my shopping list")
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    result = run("init", store_path)
    assert result.code == 5 and "already there" in result.err
    assert store_path.read_text() == "my shopping list"


def test_wrong_passphrase_exits_3_and_changes_no_byte(run: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(filled)
    monkeypatch.setenv("IPB_PASSPHRASE", "not the right passphrase")
    result = run("pay", filled, "--amount", "5.00", "--payee", "Clayworks Studio", "--date", "01/05/2026")
    assert result.code == 3
    assert "passphrase does not open" in result.err
    assert fingerprint(filled) == before


@pytest.mark.parametrize("content", [None, b"Date,Amount\n01/04/2026,12.00\n", "folder"])
def test_no_store_or_not_a_store_exits_4(run: Cli, tmp_path: Path, content: bytes | str | None) -> None:
    target = tmp_path / "thing.ipb"
    if content == "folder":
        target.mkdir()
    elif isinstance(content, bytes):
        target.write_bytes(content)
    result = run("summary", target)
    assert result.code == 4
    assert result.err.strip()


def test_a_store_open_elsewhere_exits_6(run: Cli, store: Store, store_path: Path) -> None:
    result = run("summary", store_path)
    assert result.code == 6
    assert "already open" in result.err


def test_a_store_from_a_newer_version_exits_6(run: Cli, new_store: Path) -> None:
    with reading(new_store) as store, store.engine.connect() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'from_the_future'")
        conn.commit()
    result = run("summary", new_store)
    assert result.code == 6
    assert "newer version" in result.err


# -- setting up -------------------------------------------------------------------------------------------------


def test_holder_saves_details_and_keeps_what_is_left_out(run: Cli, new_store: Path) -> None:
    result = run(
        "holder", new_store, "--name", "Alys Testwood", "--nhs-number", "943 476 5919", "--next-review", "01/03/2027"
    )
    assert result.code == 0
    assert result.out.strip() == "Saved the budget holder's details for Alys Testwood."
    assert run("holder", new_store, "--preferred-name", "Alys", "--council-ref", "EXS-000123").code == 0
    with reading(new_store) as store, store.reading() as s:
        saved = holder.get_holder(s)
        assert saved is not None
        assert (saved.name, saved.preferred_name, saved.nhs_number) == ("Alys Testwood", "Alys", "9434765919")
        assert saved.next_review_date == dt.date(2027, 3, 1)
        assert saved.council_reference == "EXS-000123"


def test_holder_names_the_field_that_is_wrong(run: Cli, new_store: Path) -> None:
    result = run("holder", new_store, "--name", "Alys Testwood", "--nhs-number", "943 476 5918")
    assert result.code == 5
    assert result.err.startswith("nhs_number:")
    result = run("holder", new_store, "--name", "Alys Testwood", "--next-review", "31/02/2027")
    assert result.code == 5 and result.err.startswith("next_review:")
    assert run("holder", new_store).code == 5  # no holder yet, and no name given


def test_period_and_stream_going_into_the_period_covering_today(run: Cli, new_store: Path) -> None:
    today = dt.date.today()
    start = dt.date(today.year - 1, today.month, 1)
    end = start + dt.timedelta(days=400)
    result = run("period", new_store, "--start", start.isoformat(), "--end", end.isoformat())
    assert result.code == 0 and "Added budget period 1" in result.out
    result = run(
        "stream", new_store, "--funder-kind", "council_social_care", "--funder", "Exampleshire Council",
        "--amount", "520.00", "--schedule", "four_weekly",
    )  # fmt: skip
    assert result.code == 0
    assert result.out.strip() == (
        "Added funding stream 1: £520.00 four_weekly from Exampleshire Council, "
        f"in period '{start.year} to {end.year}'."
    )
    with reading(new_store) as store, store.reading() as s:
        stream = s.scalars(select(FundingStream)).one()
        assert (stream.period_id, stream.amount_pence, stream.held_as) == (1, 52000, "direct_payment")


def test_stream_needs_a_period_and_a_known_schedule(run: Cli, new_store: Path) -> None:
    args = ["stream", new_store, "--funder-kind", "nhs_phb", "--funder", "Exampleshire ICB", "--amount", "1,200"]
    result = run(*args, "--schedule", "monthly")
    assert result.code == 5 and result.err.startswith("period:") and "ipb-desktop period" in result.err
    run("period", new_store, "--start", "01/04/2026", "--end", "31/03/2027")
    result = run(*args, "--schedule", "fortnightly")
    assert result.code == 5 and result.err.startswith("schedule:") and "four_weekly" in result.err
    result = run(*args, "--schedule", "monthly", "--period", "9")
    assert result.code == 5 and result.err.startswith("period:")
    assert run(*args, "--schedule", "monthly", "--period", "1").code == 0


def test_overlapping_periods_are_refused(run: Cli, new_store: Path) -> None:
    assert run("period", new_store, "--start", "01/04/2026", "--end", "31/03/2027").code == 0
    result = run("period", new_store, "--name", "Oops", "--start", "01/01/2027", "--end", "31/12/2027")
    assert result.code == 5 and "overlap" in result.err


# -- recording --------------------------------------------------------------------------------------------------


def test_outcome_in_own_words_with_a_life_area(run: Cli, new_store: Path) -> None:
    result = run("outcome", new_store, "--what", "Sleep better", "--how", "I wake up rested", "--life-area", "money")
    assert (result.code, result.out.strip()) == (0, "Added outcome 1: Sleep better")
    result = run("outcome", new_store, "--what", "Sleep better", "--life-area", "Astrology")
    assert result.code == 5 and result.err.startswith("life_area:") and "Money" in result.err
    with reading(new_store) as store, store.reading() as s:
        (saved,) = outcomes.list_outcomes(s)
        assert saved.how_ill_know == "I wake up rested" and saved.life_area is not None
        assert saved.life_area.name == "Money"


def test_rate_as_a_named_planner(run: Cli, filled: Path) -> None:
    result = run("rate", filled, "1", "7", "--date", "01/06/2026", "--note", "Went to town", "--as-planner", "Sam")
    assert result.code == 0
    assert result.out.strip() == "Recorded a rating of 7 for outcome 1 on 1 June 2026 (by planner:Sam)."
    with reading(filled) as store, store.reading() as s:
        latest = outcomes.latest_ratings(s)[1]
        assert (latest.score, latest.note, latest.recorded_by) == (7, "Went to town", "planner:Sam")
        assert audit.entries(s, "rating")[-1].actor == "planner:Sam"


def test_rate_checks_the_score(run: Cli, filled: Path) -> None:
    result = run("rate", filled, "1", "seven")
    assert result.code == 5 and result.err.startswith("score:")
    result = run("rate", filled, "1", "11")
    assert result.code == 5 and result.err.startswith("score:") and "0 to 10" in result.err
    assert run("rate", filled, "2", "-2", "--scale", "goal_attainment", "--date", "01/06/2026").code == 0
    result = run("rate", filled, "99", "5")
    assert result.code == 5 and result.err.startswith("outcome:")
    assert run("rate", filled, "1", "5", "--as-planner", "  ").code == 5


def test_plan_line_with_category_stream_and_outcomes(run: Cli, filled: Path) -> None:
    result = run(
        "plan-line", filled, "--description", "Gym membership", "--amount", "420", "--category", "gym and exercise",
        "--stream", "2", "--outcome", "1", "--outcome", "2",
    )  # fmt: skip
    assert result.code == 0
    assert result.out.strip() == "Added plan line 4: Gym membership, £420.00 planned in period '2026 to 2027'."
    with reading(filled) as store, store.reading() as s:
        line = s.get(PlanLine, 4)
        assert line is not None and line.category is not None
        assert (line.planned_pence, line.stream_id, line.category.name) == (42000, 2, "Gym and exercise")
        assert [o.id for o in line.outcomes] == [1, 2]
    result = run("plan-line", filled, "--description", "Yoga", "--amount", "50", "--category", "Yoga mats")
    assert result.code == 5 and result.err.startswith("category:")


def test_pay_and_receive(run: Cli, filled: Path) -> None:
    result = run(
        "pay", filled, "--date", "17/04/2026", "--amount", "£15.00", "--payee", "Clayworks Studio",
        "--plan-line", "2", "--method", "card", "--description", "Pottery",
    )  # fmt: skip
    assert result.code == 0
    assert result.out.strip() == "Recorded payment 5: £15.00 out to Clayworks Studio on 17 April 2026."
    assert result.err == ""
    result = run(
        "receive", filled, "--date", "29/04/2026", "--amount", "520", "--payee", "Exampleshire Council",
        "--category", "Budget payment in", "--stream", "1", "--reconciled",
    )  # fmt: skip
    assert result.code == 0
    assert result.out.strip() == "Recorded payment 6: £520.00 in from Exampleshire Council on 29 April 2026."
    with reading(filled) as store, store.reading() as s:
        paid, received = s.get(Transaction, 5), s.get(Transaction, 6)
        assert paid is not None and received is not None
        (part,) = paid.allocations
        assert (paid.direction, paid.amount_pence, paid.payment_method, paid.recorded_by) == (
            "out", 1500, "card", "holder"
        )  # fmt: skip
        assert (part.plan_line_id, part.stream_id, part.outcome_id) == (2, 2, 1)  # filled in from the plan line
        assert (received.direction, received.reconciled, received.allocations[0].stream_id) == ("in", True, 1)


def test_spending_outside_the_plan_is_saved_with_a_gentle_note(run: Cli, filled: Path) -> None:
    result = run(
        "pay", filled, "--date", "18/04/2026", "--amount", "4.50", "--payee", "Corner Shop", "--category", "Alcohol"
    )
    assert result.code == 0
    assert "do not usually pay for 'Alcohol'" in result.err
    assert "not linked to anything in your plan" in result.err


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--amount", "12.5.0", "amount:"),
        ("--amount", "-3.00", "amount:"),
        ("--amount", "0", "amount:"),
        ("--date", "32/01/2026", "date:"),
        ("--method", "bitcoin", "payment_method:"),
        ("--plan-line", "99", "plan_line:"),
    ],
)
def test_pay_names_the_field_that_cannot_be_used(run: Cli, filled: Path, option: str, value: str, field: str) -> None:
    args = {"--amount": "5.00", "--date": "01/05/2026", option: value}
    result = run("pay", filled, "--payee", "Clayworks Studio", *[x for pair in args.items() for x in pair])
    assert result.code == 5
    assert result.err.startswith(field)
    with reading(filled) as store, store.reading() as s:
        assert len(list(s.scalars(ledger.live()))) == 4  # nothing was saved


def test_receipt_is_kept_inside_the_store(run: Cli, filled: Path, tmp_path: Path) -> None:
    photo = tmp_path / "till-receipt.png"
    photo.write_bytes(receipt_png(random.Random(1)))
    result = run("receipt", filled, "3", photo)
    assert result.code == 0
    assert result.out.strip() == "Kept receipt 1 (till-receipt.png, 1 KB) with payment 3."
    with reading(filled) as store, store.reading() as s:
        txn = s.get(Transaction, 3)
        assert txn is not None
        assert [(r.filename, r.media_type, r.content) for r in txn.receipts] == [
            ("till-receipt.png", "image/png", photo.read_bytes())
        ]


def test_receipt_refuses_missing_and_unknown_files(run: Cli, filled: Path, tmp_path: Path) -> None:
    result = run("receipt", filled, "3", tmp_path / "nowhere.png")
    assert result.code == 5 and result.err.startswith("file:")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    result = run("receipt", filled, "3", notes)
    assert result.code == 5 and result.err.startswith("receipt:")
    result = run("receipt", filled, "99", notes)
    assert result.code == 5


# -- summary ----------------------------------------------------------------------------------------------------


def test_summary_json_has_the_documented_figures(run: Cli, filled: Path) -> None:
    result = run("summary", filled, "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["schema"] == "ipb-desktop.summary/1"
    assert (data["from"], data["to"]) == ("2026-04-01", "2027-03-31")
    assert data["period"] == {"id": 1, "name": "2026 to 2027", "start": "2026-04-01", "end": "2027-03-31"}
    assert (data["opening"], data["opening_pence"]) == ("0.00", 0)
    assert (data["money_in"], data["money_in_pence"]) == ("1720.00", 172000)
    assert (data["money_out"], data["money_out_pence"]) == ("337.50", 33750)
    assert (data["closing"], data["closing_pence"]) == ("1382.50", 138250)
    assert data["in_by_stream"] == [
        {"id": 2, "label": "Exampleshire ICB", "amount": "1200.00", "amount_pence": 120000},
        {"id": 1, "label": "Exampleshire Council", "amount": "520.00", "amount_pence": 52000},
    ]
    assert [(t["label"], t["amount_pence"]) for t in data["out_by_plan_line"]] == [
        ("Personal assistant 2.5 hours a week", 30000),
        ("Pottery class", 3750),
    ]
    assert [(t["label"], t["amount"]) for t in data["out_by_category"]] == [
        ("Personal assistant wages", "300.00"),
        ("Activities and classes", "37.50"),
    ]
    assert data["in_by_category"][0]["label"] == "Budget payment in"
    first, second = data["outcomes"]
    assert (first["id"], first["spent"], first["spent_pence"]) == (1, "337.50", 33750)
    assert first["latest_rating"] == {
        "date": "2026-05-01", "score": 5, "scale": "own_words", "note": "Pottery helped", "recorded_by": "holder"
    }  # fmt: skip
    assert (second["spent_pence"], second["latest_rating"]) == (0, None)
    council = data["streams"][0]
    assert (council["funder_name"], council["schedule"], council["amount"], council["received_pence"]) == (
        "Exampleshire Council", "four_weekly", "520.00", 52000
    )  # fmt: skip
    assert council["yearly_pence"] == 13 * 52000


def test_summary_for_chosen_dates_and_as_text(run: Cli, filled: Path) -> None:
    data = json.loads(run("summary", filled, "--json", "--from", "05/04/2026", "--to", "30/04/2026").out)
    assert (data["opening_pence"], data["money_in_pence"], data["money_out_pence"]) == (172000, 0, 33750)
    text = run("summary", filled).out
    assert "Summary from 1 April 2026 to 31 March 2027" in text
    assert "Money out: £337.50" in text and "Balance at the end: £1,382.50" in text
    assert "1. Regain confidence to go out on my own: £337.50 spent; latest rating 5 out of 10 on 1 May 2026" in text
    result = run("summary", filled, "--from", "30/04/2026", "--to", "01/04/2026")
    assert result.code == 5 and result.err.startswith("to:")


def test_summary_without_a_budget_period_covers_all_time(run: Cli, new_store: Path) -> None:
    run("receive", new_store, "--date", "02/01/2026", "--amount", "100", "--payee", "Exampleshire Council")
    data = json.loads(run("summary", new_store, "--json").out)
    assert data["period"] is None and data["streams"] == []
    assert data["from"] == "2026-01-02"
    assert data["closing_pence"] == 10000 and data["balance_today_pence"] == 10000


# -- passphrase and demo ----------------------------------------------------------------------------------------


def test_passphrase_change(run: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPB_NEW_PASSPHRASE", NEW_PASSPHRASE)
    result = run("passphrase", filled)
    assert result.code == 0
    assert "Changed the passphrase" in result.out and "Passphrase strength" in result.out
    assert list(backups_folder(filled).iterdir())
    assert run("summary", filled).code == 3
    monkeypatch.setenv("IPB_PASSPHRASE", NEW_PASSPHRASE)
    assert json.loads(run("summary", filled, "--json").out)["money_out_pence"] == 33750


def test_passphrase_change_typed_twice(run: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([NEW_PASSPHRASE, "something else entirely"])
    monkeypatch.setattr("sys.stdin", FakeTerminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    result = run("passphrase", filled)
    assert result.code == 5 and "not the same" in result.err
    assert run("summary", filled).code == 0  # the old passphrase still opens it


def test_demo_command_makes_a_filled_store(run: Cli, store_path: Path) -> None:
    result = run("demo", store_path, "--today", "23/11/2026")
    assert result.code == 0
    assert "Alys Testwood" in result.out
    data = json.loads(run("summary", store_path, "--json").out)
    assert data["period"]["start"] == "2026-04-01"
    assert len(data["outcomes"]) == 5
    assert run("demo", store_path).code == 5  # never over an existing store


def test_as_planner_records_who_made_the_change(run: Cli, filled: Path) -> None:
    run(
        "pay",
        filled,
        "--date",
        "20/04/2026",
        "--amount",
        "2.00",
        "--payee",
        "Exampleshire Buses",
        "--as-planner",
        "Sam",
    )
    with reading(filled) as store, store.reading() as s:
        txn = s.scalars(select(Transaction).order_by(Transaction.id.desc())).first()
        assert txn is not None and txn.recorded_by == "planner:Sam"
        assert s.scalars(select(Rating)).first() is not None
        assert s.scalars(select(BudgetPeriod)).one().name == "2026 to 2027"


# -- the ipb-desktop entry point --------------------------------------------------------------------------------


def test_app_main_hands_commands_to_the_cli(run: Cli) -> None:
    assert app.main(["--help"]) == 0
    assert "EXIT CODES" in run.capsys.readouterr().out


def test_app_main_without_arguments_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    window = types.ModuleType("ipb_desktop.ui.app")
    window.run_gui = lambda argv: seen.append(argv) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ipb_desktop.ui.app", window)
    assert app.main([]) == 0
    assert len(seen) == 1 and len(seen[0]) == 1  # just the program name, as QApplication wants


def test_app_main_says_plainly_when_the_window_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ipb_desktop.ui.app", None)
    assert app.main([]) == 1
    err = capsys.readouterr().err
    assert "window is not available" in err and "Traceback" not in err


def test_dates_left_out_mean_today(run: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_common, "today", lambda: dt.date(2026, 6, 9))
    result = run("pay", filled, "--amount", "3.20", "--payee", "Exampleshire Buses", "--plan-line", "1")
    assert result.out.strip() == "Recorded payment 5: £3.20 out to Exampleshire Buses on 9 June 2026."
    assert json.loads(run("summary", filled, "--json").out)["today"] == "2026-06-09"

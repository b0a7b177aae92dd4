"""End to end: the installed `ipb-desktop` command, run as a separate process the way a person or script would."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from ipb_desktop.demo_data import receipt_png
from tests.conftest import PASSPHRASE


def command() -> list[str]:
    """The console script installed beside this Python, else `python -m ipb_desktop.app`."""
    beside = Path(sys.executable).with_name("ipb-desktop")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ipb-desktop")
    return [found] if found else [sys.executable, "-m", "ipb_desktop.app"]


def ipb(
    *args: object, passphrase: str | None = PASSPHRASE, base: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)  # conftest has pointed IPB_HOME and TMPDIR into this test's folder
    env.pop("IPB_PASSPHRASE", None)
    if passphrase is not None:
        env["IPB_PASSPHRASE"] = passphrase
    result = subprocess.run(
        [*(base or command()), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def fingerprint(path: Path) -> dict[str, str]:
    out = {}
    for candidate in [path, path.with_name(path.name + "-wal")]:
        if candidate.exists():
            out[candidate.name] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    return out


def test_a_budget_from_start_to_summary(tmp_path: Path) -> None:
    store = tmp_path / "alys.ipb"
    steps = [
        ("init", store),
        ("holder", store, "--name", "Alys Testwood", "--nhs-number", "9434765919", "--planner", "Sam Example"),
        ("period", store, "--start", "01/04/2026", "--end", "31/03/2027"),
        ("stream", store, "--funder-kind", "council_social_care", "--funder", "Exampleshire Council",
         "--amount", "520.00", "--schedule", "four_weekly", "--period", "1"),
        ("stream", store, "--funder-kind", "nhs_phb", "--funder", "Exampleshire ICB", "--amount", "1,200.00",
         "--schedule", "monthly", "--period", "1"),
        ("outcome", store, "--what", "Feel confident going out on my own", "--life-area", "Getting out and about"),
        ("rate", store, "1", "4", "--date", "2026-04-15", "--note", "Went to the market with Morgan"),
        ("rate", store, "1", "6", "--date", "2026-05-15", "--as-planner", "Sam Example"),
        ("plan-line", store, "--description", "Pottery class", "--amount", "300",
         "--category", "Activities and classes", "--stream", "2", "--outcome", "1"),
        ("receive", store, "--date", "2026-04-07", "--amount", "520.00", "--payee", "Exampleshire Council",
         "--category", "Budget payment in", "--stream", "1"),
        ("pay", store, "--date", "2026-04-15", "--amount", "18.00", "--payee", "Clayworks Studio",
         "--plan-line", "1", "--method", "card"),
        ("pay", store, "--date", "2026-04-22", "--amount", "18.00", "--payee", "Clayworks Studio", "--plan-line", "1"),
    ]  # fmt: skip
    for step in steps:
        result = ipb(*step)
        assert result.returncode == 0, (step, result.stderr)
        assert result.stdout.strip(), step  # every change says what it did
    photo = tmp_path / "receipt.png"
    photo.write_bytes(receipt_png(random.Random(5)))
    result = ipb("receipt", store, "2", photo)
    assert (result.returncode, result.stdout.strip()) == (0, "Kept receipt 1 (receipt.png, 1 KB) with payment 2.")

    result = ipb("summary", store, "--json", "--from", "2026-04-01", "--to", "2026-04-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["money_in"], data["money_in_pence"]) == ("520.00", 52000)
    assert (data["money_out"], data["money_out_pence"]) == ("36.00", 3600)
    assert (data["closing"], data["closing_pence"]) == ("484.00", 48400)
    assert data["in_by_stream"] == [
        {"id": 1, "label": "Exampleshire Council", "amount": "520.00", "amount_pence": 52000}
    ]
    assert data["out_by_plan_line"] == [{"id": 1, "label": "Pottery class", "amount": "36.00", "amount_pence": 3600}]
    assert data["out_by_category"][0]["label"] == "Activities and classes"
    (outcome,) = data["outcomes"]
    assert outcome["spent_pence"] == 3600
    assert outcome["latest_rating"]["score"] == 6 and outcome["latest_rating"]["recorded_by"] == "planner:Sam Example"
    assert [s["funder_name"] for s in data["streams"]] == ["Exampleshire Council", "Exampleshire ICB"]


def test_wrong_passphrase_exits_3_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "alys.ipb"
    assert ipb("init", store).returncode == 0
    assert ipb("outcome", store, "--what", "Sleep better").returncode == 0
    before = fingerprint(store)
    result = ipb("pay", store, "--amount", "5.00", "--payee", "Exampleshire Buses", passphrase="purple otter umbrellas")
    assert result.returncode == 3
    assert "That passphrase does not open this budget store" in result.stderr
    assert result.stdout == ""
    assert fingerprint(store) == before


def test_a_plain_text_file_is_not_a_store(tmp_path: Path) -> None:
    notes = tmp_path / "notes.ipb"
    notes.write_text("Shopping: milk, bread\n")
    result = ipb("summary", notes)
    assert result.returncode == 4
    assert "not an ipb-desktop budget store" in result.stderr
    assert notes.read_text() == "Shopping: milk, bread\n"
    assert ipb("summary", tmp_path / "missing.ipb").returncode == 4


def test_a_bad_amount_exits_5_naming_the_field(tmp_path: Path) -> None:
    store = tmp_path / "alys.ipb"
    assert ipb("init", store).returncode == 0
    result = ipb("pay", store, "--amount", "twelve pounds", "--payee", "Clayworks Studio")
    assert result.returncode == 5
    assert result.stderr.startswith("amount: 'twelve pounds' is not an amount of money")


def test_usage_errors_exit_2() -> None:
    assert ipb("pay").returncode == 2
    assert ipb("summary", "x.ipb", "--no-such-option").returncode == 2


def test_python_dash_m_works_too() -> None:
    result = ipb("--help", base=[sys.executable, "-m", "ipb_desktop.app"])
    assert result.returncode == 0
    assert "EXIT CODES" in result.stdout


def test_the_command_line_never_loads_qt(tmp_path: Path) -> None:
    store = tmp_path / "alys.ipb"
    code = (
        "import sys\n"
        "import ipb_desktop.app, ipb_desktop.cli\n"
        f"rc = ipb_desktop.app.main(['init', {str(store)!r}])\n"
        f"rc += ipb_desktop.cli.main(['summary', {str(store)!r}, '--json'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('QT:', loaded, 'RC:', rc)\n"
    )
    result = ipb("-c", code, base=[sys.executable])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("QT: [] RC: 0")

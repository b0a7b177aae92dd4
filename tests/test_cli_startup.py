"""How the command line starts and ends as a whole process: `summary --json` loads nothing it does not use, and
ending the process at once after a command (no clean-up of every object) still writes out everything it printed
and keeps the exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.test_cli_e2e import ipb


def _store_with_payments(tmp_path: Path) -> Path:
    store = tmp_path / "alys.ipb"
    for step in (
        ("init", store),
        ("period", store, "--start", "01/04/2026", "--end", "31/03/2027"),
        (
            "stream",
            store,
            "--funder-kind",
            "nhs_phb",
            "--funder",
            "Exampleshire ICB",
            "--amount",
            "1,200.00",
            "--schedule",
            "monthly",
            "--period",
            "1",
        ),
    ):
        assert ipb(*step).returncode == 0, step
    return store


def test_summary_json_is_written_out_whole_and_the_exit_code_kept(tmp_path: Path) -> None:
    store = _store_with_payments(tmp_path)
    done = ipb("summary", store, "--json", "--from", "01/04/2026", "--to", "30/04/2026")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["from"] == "2026-04-01" and data["streams"][0]["funder_name"] == "Exampleshire ICB"
    wrong = ipb("summary", store, "--json", passphrase="not the passphrase at all")
    assert wrong.returncode == 3
    assert wrong.stderr.strip()


def test_summary_json_loads_neither_babel_nor_the_pdf_writers(tmp_path: Path) -> None:
    store = _store_with_payments(tmp_path)
    script = (
        "import sys, io, contextlib\n"
        "from ipb_desktop import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main(['summary', {str(store)!r}, '--json'])\n"
        "print(code, sorted(m for m in ('babel', 'reportlab', 'PIL', 'alembic') if m in sys.modules))\n"
    )
    env = dict(os.environ, IPB_PASSPHRASE=PASSPHRASE)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.split() == ["0", "[]"], out.stderr

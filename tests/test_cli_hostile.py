"""Every command, every option, hostile values: the answer is always one of the documented exit codes with a plain
message, never a traceback and never the "unexpected error" code 70.

The commands and their options are read from the parser itself, so a command added later is fuzzed too.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipb_desktop import cli, crash
from ipb_desktop.models.store import Store
from tests.bankimport.conftest import FIXTURES
from tests.conftest import PASSPHRASE

DOCUMENTED = {0, 2, 3, 4, 5, 6}
BANK = FIXTURES  # the real bank files in ../shared/fixtures/bank (read only)
NASTY = [
    "",
    "~0",  # a home folder for a user that does not exist: pathlib raises a bare RuntimeError
    "~no-such-user-here/x.csv",
    "\x00",  # a NUL in a file name: os calls raise a bare ValueError
    "bank\x00.csv",
    " ",
    "-inf",
    "-1e309",
    "1E+999999999",
    "NaN",
    "0",
    "-1",
    "99999999999999999999999",
    "12.345",
    "01/01/0001",
    "31/02/2026",
    "2026-13-45",
    "9999-12-31",
    "\x00",
    "\x1b[2J\x1b]0;owned\x07",
    '=HYPERLINK("http://example.invalid")',
    "../../../../etc/passwd",
    "/",
    ".",
    "nothing-here.csv",
    "Sia\u0302n " * 60,
    "\udcff",
    "--",
    "weekly",
    "own_words",
]


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


COMMANDS = _commands()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """conftest's small budget, made once and copied for each example."""
    from tests import conftest

    folder = tmp_path_factory.mktemp("template")
    store = conftest.seed.create_store(folder / "alys.ipb", PASSPHRASE)
    conftest.filled_store.__wrapped__(store)  # type: ignore[attr-defined]
    store.close()
    return folder / "alys.ipb"


def _value(draw: st.DrawFn, real_files: list[str]) -> str:
    return draw(st.one_of(st.sampled_from(NASTY), st.sampled_from(real_files), st.text(max_size=30)))


@st.composite
def command_lines(draw: st.DrawFn, store: str, real_files: list[str]) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    words = [name]
    for action in COMMANDS[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional: STORE first, then files or numbers
            words.append(store if action.dest == "store" and draw(st.booleans()) else _value(draw, real_files))
            continue
        if not action.required and not draw(st.booleans()):
            continue
        words.append(action.option_strings[-1])
        if action.nargs != 0:
            words.append(_value(draw, real_files))
    return words


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_command_with_hostile_values_exits_with_a_documented_code(
    data: st.DataObject,
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("IPB_NEW_PASSPHRASE", "seven green herons at dawn")
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    monkeypatch.chdir(work)
    store = work / "alys.ipb"
    shutil.copyfile(template, store)
    # Copies of the real bank files: a drawn command may write beside any file it is given (export-all --out F
    # writes F.zip), and the shared fixtures must never change.
    copies = [shutil.copyfile(BANK / name, work / name) for name in ("ofxparse-anzcc.ofx", "lloyds-uk-sample.csv")]
    real_files = [*(str(copy) for copy in copies), str(store), str(work)]
    argv = data.draw(command_lines(str(store), real_files))
    capsys.readouterr()
    code = cli.main(argv)
    _out, err = capsys.readouterr()
    assert "Traceback" not in err, argv
    assert code in DOCUMENTED, (argv, code, err)
    assert not list(crash.logs_folder().glob("crash-*.log")), argv
    if code in (0, 5) and argv[0] not in ("passphrase", "restore"):
        with Store.open(store, PASSPHRASE) as reopened:  # whatever happened, the store still opens and checks out
            assert reopened.integrity_problems() == []


@pytest.mark.parametrize(
    "argv",
    [
        ["export-all", "{store}", "--out", "~0"],
        ["statement", "{store}", "--out", "~no-such-user-here/s.pdf"],
        ["import", "{store}", "~0/bank.csv"],
        ["summary", "~no-such-user-here/alys.ipb"],
    ],
)
def test_a_tilde_path_for_an_unknown_user_is_refused_in_plain_words(
    argv: list[str], template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hypothesis found `export-all STORE --out ~0` crashing (exit 70) in pathlib's expanduser."""
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "alys.ipb"
    shutil.copyfile(template, store)
    capsys.readouterr()
    code = cli.main([word.format(store=store) for word in argv])
    err = capsys.readouterr().err
    assert code == 5, err
    assert "starts with ~ and a name this computer has no home folder for" in err
    assert not list(crash.logs_folder().glob("crash-*.log"))


@pytest.mark.parametrize("amount", ["-inf", "-1e309", "1E+999999999", "NaN"])
def test_hostile_ofx_amounts_are_problem_lines_not_tracebacks(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, amount: str
) -> None:
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "alys.ipb"
    shutil.copyfile(template, store)
    text = (BANK / "ofxparse-anzcc.ofx").read_text(encoding="utf-8", errors="replace")
    hostile = tmp_path / "hostile.ofx"
    hostile.write_text(re.sub(r"<TRNAMT>[^<\n]*", f"<TRNAMT>{amount}", text, count=1), encoding="utf-8")
    capsys.readouterr()
    code = cli.main(["import", str(store), str(hostile)])
    err = capsys.readouterr().err
    assert code == 5 and "Traceback" not in err
    assert "cannot be used" in err


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="POSIX file size limits")
def test_a_full_disk_while_saving_exits_4_and_the_store_still_opens(template: Path, tmp_path: Path) -> None:
    """A file-size limit stands in for a full disk: the write that needs more space fails like ENOSPC would."""
    store = tmp_path / "alys.ipb"
    shutil.copyfile(template, store)
    photo = tmp_path / "receipt.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3 * 1024 * 1024))
    limit = store.stat().st_size + 64 * 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "IPB_PASSPHRASE": PASSPHRASE}
    result = subprocess.run(
        [sys.executable, "-m", "ipb_desktop.app", "receipt", str(store), "3", str(photo)],
        capture_output=True, text=True, env=env, preexec_fn=small_disk, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr
    with Store.open(store, PASSPHRASE) as reopened:
        assert reopened.integrity_problems() == []

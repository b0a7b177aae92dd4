"""SIGKILL a writer at random moments, again and again: every committed change survives, nothing half-done appears.

Default suite: 50 kills. Long run (IPB_LONG=1 or `-m scales`): 1,000 kills.
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ipb_desktop import backup
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE
from tests.reliability.harness import count_receipts, state_digest
from tests.reliability.results import report, scale
from tests.reliability.zygote import Zygote


@dataclass
class Tally:
    kills: int = 0
    commits_confirmed: int = 0
    in_flight_landed: int = 0
    in_flight_lost_as_expected: int = 0
    killed_while_opening: int = 0
    reopens: int = 0
    losses: int = 0
    backups_checked: int = 0
    seen_backups: set[str] = field(default_factory=set)
    seen_partials: set[str] = field(default_factory=set)


def read_log(log: Path) -> list[list[str]]:
    if not log.exists():  # killed before the writer had even made its log: nothing was opened or written
        return []
    lines = log.read_bytes().decode("utf-8", "replace").split("\n")
    return [line.split(" ", 3) for line in lines[:-1]]  # the last piece is empty or a line cut by the kill


def wait_until_open(log: Path, limit: float = 120.0, mark: bytes = b"OPEN") -> None:
    """Until the writer has logged `mark` (OPEN, or DONE for a confirmed commit) or an ERROR (or `limit` seconds
    passed: the round then checks what it finds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            written = log.read_bytes()
        except FileNotFoundError:
            written = b""
        if mark in written or b"ERROR" in written:
            return
        time.sleep(0.02)


def check_round(store_path: Path, log: Path, baseline: str, tally: Tally) -> str:
    """Open the store after a kill; check it whole and holding exactly what the log says. Returns its digest."""
    entries = read_log(log)
    errors = [" ".join(e) for e in entries if e[0] == "ERROR"]
    assert not errors, errors
    pending: dict[str, str] = {}
    done_digest, in_flight = baseline, None
    for entry in entries:
        if entry[0] == "PENDING":
            pending[entry[1]] = entry[2]
            in_flight = entry[2]
        elif entry[0] == "DONE":
            done_digest, in_flight = pending[entry[1]], None
            tally.commits_confirmed += 1
        elif entry[0] == "SKIPPED":
            in_flight = None
        elif entry[0] == "REOPEN":
            tally.reopens += 1
    if not any(e[0] == "OPEN" for e in entries):
        tally.killed_while_opening += 1
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.pragma("integrity_check") == "ok"
        assert store.pragma("cipher_integrity_check") is None  # no rows: every page's HMAC checks out
        with store.engine.connect() as conn:
            actual = state_digest(conn)
    if actual == done_digest:
        if in_flight is not None:
            tally.in_flight_lost_as_expected += 1
    elif in_flight is not None and actual == in_flight:
        tally.in_flight_landed += 1
    else:
        tally.losses += 1
        raise AssertionError(f"the store matches neither the last committed change nor the one in flight ({log})")
    return actual


def check_backups(folder: Path, tally: Tally) -> None:
    """Every backup under its real name opens and checks out; a kill mid-backup leaves only a hidden partial."""
    assert all(p.name.startswith(".") for p in folder.iterdir() if not p.name.endswith(".ipb"))
    for made in sorted(folder.glob("*.ipb")):
        if made.name not in tally.seen_backups:
            backup.describe_backup(made, PASSPHRASE)
            tally.seen_backups.add(made.name)
            tally.backups_checked += 1


@pytest.mark.scales
def test_sigkill_at_random_moments_loses_nothing_committed(filled_store: Store, tmp_path: Path, zygote: Zygote) -> None:
    rounds = scale(50, 1000)
    rng = random.Random(int(os.environ.get("IPB_SEED", "20261123")))
    store_path = filled_store.path
    filled_store.close()
    with Store.open(store_path, PASSPHRASE) as store, store.engine.connect() as conn:
        baseline = state_digest(conn)
    backups_folder = tmp_path / "usb"
    backups_folder.mkdir()
    tally = Tally()
    started = time.monotonic()
    rounds_after_a_commit = 0
    for round_no in range(rounds):
        log = tmp_path / "logs" / f"round-{round_no:04d}.log"
        log.parent.mkdir(exist_ok=True)
        pid = zygote.fork("write", store_path, log, rng.randrange(2**32), backups_folder)
        # The random moment of the crash: a quarter while the store is being opened, the rest while it is written.
        # "While it is written" counts from the moment the writer says the store is open: on a loaded machine the
        # key derivation alone can take longer than the whole window, and every kill would land while opening.
        # Half of the rest wait for a first confirmed commit, so the harness is sure to kill between commits
        # however slow the machine is (a loaded machine once gave 30 confirmed commits in 50 rounds).
        moment = rng.random()
        if moment < 0.25:
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            wait_until_open(log, mark=b"DONE" if moment >= 0.625 else b"OPEN")
            rounds_after_a_commit += moment >= 0.625
            time.sleep(rng.uniform(0.0, 0.7))
        os.kill(pid, signal.SIGKILL)
        status = zygote.reap(pid)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"writer ended early: {log}"
        tally.kills += 1
        tally.seen_partials.update(p.name for p in backups_folder.glob(".*.partial"))
        baseline = check_round(store_path, log, baseline, tally)
        if round_no % 10 == 9 or round_no == rounds - 1:
            check_backups(backups_folder, tally)
    with Store.open(store_path, PASSPHRASE) as store:
        receipts = count_receipts(store)
    report(
        "crash harness (SIGKILL)",
        kills=tally.kills,
        commits_confirmed=tally.commits_confirmed,
        in_flight_commit_landed=tally.in_flight_landed,
        in_flight_commit_absent=tally.in_flight_lost_as_expected,
        killed_while_opening=tally.killed_while_opening,
        reopens=tally.reopens,
        backups_checked=tally.backups_checked,
        killed_during_backup=len(tally.seen_partials),
        receipts_in_store=receipts,
        losses=tally.losses,
        seconds=round(time.monotonic() - started, 1),
    )
    assert tally.losses == 0
    # The writer really was writing between kills: at least one confirmed commit in every round that waited for one.
    assert tally.commits_confirmed >= rounds_after_a_commit > rounds // 4

"""The peer programs the benchmarks compare with, on the same transactions as the benchmark store:

- ledger 3 and hledger read `same.journal` (written by generate.py); `balances_agree` checks that both give the
  same balance of the bank account as `ipb-desktop summary --json`, to the penny;
- HomeBank 5 opens `same.xhb` (written here from the journal: one account, a payee and a category per name,
  one operation per transaction), timed from the process start to its window showing the file, under Xvfb.

    .venv/bin/python benchmarks/peers.py benchmarks/out/store-50000      # writes same.xhb, times one HomeBank open
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import quoteattr

XHB_NAME = "same.xhb"
ACCOUNT = "assets:direct payment account"


def journal_entries(journal: Path) -> Iterator[tuple[dt.date, str, str, Decimal]]:
    """(day, payee | description, the other account, signed amount for the bank account) per transaction."""
    header: tuple[dt.date, str] | None = None
    for line in journal.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith((";", "commodity")):
            continue
        if not line.startswith(" "):
            day, _space, text = line.partition(" ")
            header = (dt.date.fromisoformat(day), text)
            continue
        account, _gap, amount = line.strip().partition("  ")
        if amount and header is not None:
            value = Decimal(amount.strip().replace("£", "").replace(",", ""))
            yield header[0], header[1], account, -value


def write_xhb(journal: Path, target: Path) -> int:
    """HomeBank's XML file with the journal's transactions; returns how many operations it holds."""
    payees: dict[str, int] = {}
    categories: dict[str, int] = {}
    operations: list[str] = []
    for day, text, account, amount in journal_entries(journal):
        payee, _bar, wording = text.partition(" | ")
        payee_key = payees.setdefault(payee, len(payees) + 1)
        category = account.split(":", 1)[-1]
        category_key = categories.setdefault(category, len(categories) + 1)
        operations.append(
            f'<ope date="{day.toordinal()}" amount="{amount}" account="1" paymode="4" payee="{payee_key}" '
            f'category="{category_key}" wording={quoteattr(wording)}/>'
        )
    lines = [
        '<?xml version="1.0"?>',
        '<homebank v="1.4" d="050602">',
        '<properties title="Alys Testwood" curr="1" auto_smode="1" auto_weekday="1"/>',
        '<cur key="1" flags="0" iso="GBP" name="Pound sterling" symb="£" syprf="1" dchar="." gchar="," frac="2" '
        'rate="0" mdate="0"/>',
        '<account key="1" pos="1" type="1" curr="1" name="Direct payment account" initial="0" minimum="0"/>',
        *(f"<pay key={quoteattr(str(k))} name={quoteattr(name)}/>" for name, k in payees.items()),
        *(f"<cat key={quoteattr(str(k))} name={quoteattr(name)}/>" for name, k in categories.items()),
        *operations,
        "</homebank>",
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(operations)


@contextlib.contextmanager
def xvfb(display: str = "") -> Iterator[dict[str, str]]:
    """A virtual X screen for HomeBank (1280 x 800), and the environment to run on it (a free display number
    below the ones xvfb-run picks, unless one is given)."""
    if not display:
        display = next(f":{n}" for n in range(95, 20, -1) if not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            if _accepts(Path(f"/tmp/.X11-unix/X{display[1:]}")):
                break
            if server.poll() is not None:
                raise RuntimeError(f"Xvfb could not start on {display}")
            time.sleep(0.05)
        yield {**os.environ, "DISPLAY": display, "GDK_BACKEND": "x11", "NO_AT_BRIDGE": "1"}
    finally:
        server.terminate()
        server.wait()


def _accepts(sock: Path) -> bool:
    """True once the X server answers on its socket (the file appears a moment before it listens: HomeBank
    started in that moment could not open the display)."""
    if not sock.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(sock))
        except OSError:
            return False
    return True


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def homebank_open(xhb: Path, env: dict[str, str], home: Path) -> tuple[float, float]:
    """Seconds from starting HomeBank on `xhb` to its main window being titled with the file's name (it sets
    the title once the file is loaded and the window mapped), and the CPU seconds it had used by then."""
    home.mkdir(parents=True, exist_ok=True)
    run_env = {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    began = time.perf_counter()
    log = home / "homebank.log"
    with log.open("wb") as errors:
        proc = subprocess.Popen(["homebank", str(xhb)], env=run_env, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", xhb.stem],
                env=env,
                capture_output=True,
                text=True,
            )
            if found.stdout.strip():
                wall = time.perf_counter() - began
                return wall, _cpu_seconds(proc.pid)
            if proc.poll() is not None:
                said = log.read_text(errors="replace")[-300:]
                raise RuntimeError(f"HomeBank ended with {proc.returncode} before showing {xhb.name}: {said}")
            if time.perf_counter() - began > 120:
                raise RuntimeError("HomeBank did not show the file within 2 minutes")
            time.sleep(0.01)
    finally:
        proc.kill()
        proc.wait()


def ledger_balance(tool: str, journal: Path) -> Decimal:
    """The bank account's balance as ledger or hledger reports it."""
    argv = [tool, "-f", str(journal), "balance", ACCOUNT, "--flat", "--no-total"]
    if Path(tool).name == "ledger":
        argv = [tool, "-f", str(journal), "balance", "^" + ACCOUNT.split(" ")[0], "--flat", "--no-total"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=600).stdout
    total = Decimal(0)
    for line in out.splitlines():
        if ACCOUNT.split(":")[0] in line:
            total += Decimal(line.strip().split("  ")[0].replace("£", "").replace(",", ""))
    return total


def main(argv: list[str]) -> int:
    folder = Path(argv[1])
    journal = folder / "same.journal"
    print("operations:", write_xhb(journal, folder / XHB_NAME))
    for tool in ("ledger", "hledger"):
        if shutil.which(tool):
            print(tool, ledger_balance(tool, journal))
    if shutil.which("homebank") and shutil.which("Xvfb"):
        with xvfb() as env:
            print("homebank open (wall, cpu):", homebank_open(folder / XHB_NAME, env, folder.parent / "homebank-home"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

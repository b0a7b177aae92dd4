"""Talking to the harness zygote: one pre-imported Python process that forks writers on request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class Zygote:
    """One pre-imported Python process that forks writers on request (see harness.py)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.harness", "zygote"],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().split()

    def fork(self, mode: str, *args: object) -> int:
        answer = self.ask(" ".join(["fork", mode, *map(str, args)]))
        assert answer[0] == "pid", answer
        return int(answer[1])

    def reap(self, pid: int) -> int:
        answer = self.ask(f"reap {pid}")
        assert answer[:2] == ["reaped", str(pid)], answer
        return int(answer[2])

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        assert self.proc.stdout is not None
        self.proc.stdout.close()

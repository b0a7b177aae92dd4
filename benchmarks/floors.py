"""What any program built on this stack pays before doing anything of its own, for benchmarks/run.py.

Each floor is a whole cold process, timed like the app's (wall and CPU, medians, after one unmeasured warm-up),
so the peers' ratios can be read against what Python, Qt and SQLAlchemy cost by themselves:

    python        `python -c pass`
    sqlalchemy    importing SQLAlchemy's ORM (what every figure of ours is written in)
    qt_window     importing PySide6 and painting one empty window (offscreen)
    kdf           deriving one store key (SQLCipher 4's PBKDF2-HMAC-SHA512, 256,000 rounds)
    stack         the three together: the least a cold start of our window could cost

    .venv/bin/python benchmarks/run.py --only floors
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

QT_WINDOW = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Home")
class Painted(QObject):
    def eventFilter(self, watched, event):
        if watched is label and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
painted = Painted()
app.installEventFilter(painted)
label.resize(1100, 760)
label.show()
QTimer.singleShot(30_000, app.quit)
app.exec()
sys.stdout.flush()
os._exit(0)
"""

KDF = """
import hashlib
hashlib.pbkdf2_hmac("sha512", b"benchmark otter umbrella lantern", bytes(16), 256_000, 32)
"""

FLOORS: dict[str, str] = {
    "python": "pass",
    "sqlalchemy": "import sqlalchemy.orm",
    "qt_window": QT_WINDOW,
    "kdf": KDF,
    "stack": "import sqlalchemy.orm\n" + KDF + QT_WINDOW,
}


def measure(runs: int, timed: Callable[[list[str]], tuple[float, float, int]]) -> dict[str, Any]:
    """{"floor_<name>": [wall seconds], "floor_<name>_cpu": [CPU seconds]} for each floor."""
    found: dict[str, Any] = {}
    for name, code in FLOORS.items():
        argv = [sys.executable, "-c", code]
        timed(argv)  # warm-up: bytecode and the page cache, as a second start of an installed program has
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu, _peak = timed(argv)
            walls.append(wall)
            cpus.append(cpu)
        found[f"floor_{name}"] = walls
        found[f"floor_{name}_cpu"] = cpus
    return found


if __name__ == "__main__":  # a quick look without run.py
    import subprocess
    import time

    def _timed(argv: list[str]) -> tuple[float, float, int]:
        import os

        began = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(proc.pid, 0)
        return time.perf_counter() - began, usage.ru_utime + usage.ru_stime, usage.ru_maxrss

    for key, values in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5, _timed).items():
        print(f"{key:28} {statistics.median(values):.3f} s   ({Path(sys.executable).name})")

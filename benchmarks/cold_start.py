"""One cold start of the app window, for benchmarks/run.py: start Python, import the window code, unlock the
store, show the main window on Home and stop at Home's first paint (offscreen Qt).

    QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=bench_keyring.BenchKeyring IPB_HOME=DIR \
        .venv/bin/python benchmarks/cold_start.py STORE PASSPHRASE TODAY

Prints one JSON line: the wall-clock time (time.time()) of the first paint of the Home page and this process's
peak memory then. The parent measures from just before it started this process, so Python's own start-up counts.
The store opens the way `ipb-desktop STORE` opens a store this computer remembers: the passphrase comes from the
keyring (`bench_keyring`, which answers PASSPHRASE; run.py puts the store in IPB_HOME's recent list first), asked
and keyed from the program's start (`ipb_desktop.unlock_early`) while the window's code is imported, and the
window opens it as it does a store given to it. The window is 1100 x 760 as in run_gui.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

# What `ipb-desktop STORE` does before the window's code is imported (`ipb_desktop.app.main`).
try:
    from ipb_desktop import unlock_early
except ImportError:  # a version from before unlock_early, measured side by side
    unlock_early = None  # type: ignore[assignment]
if unlock_early is not None and not os.environ.get("IPB_BENCH_CACHE_MB"):
    unlock_early.begin(Path(sys.argv[1]).absolute())

# The window code next, in the order `ipb-desktop` imports it (ipb_desktop.ui.app decides what comes before Qt).
from ipb_desktop.ui.app import make_app  # isort: skip
from PySide6.QtCore import QEvent, QObject, QTimer

from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell.main_window import MainWindow


class FirstPaint(QObject):
    """Notes the time of the first paint event of `target` (or of the window, if there is no such page)."""

    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.target = target
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint and watched is self.target:
            self.painted_at = time.time()
            QTimer.singleShot(0, make_app([]).quit)
        return False


def main() -> int:
    path, passphrase, today = Path(sys.argv[1]), sys.argv[2], dt.date.fromisoformat(sys.argv[3])
    app = make_app([sys.argv[0]])
    window = MainWindow()
    window.ctx.today = lambda: today
    window.resize(1100, 760)
    megabytes = os.environ.get("IPB_BENCH_CACHE_MB")  # run.py --cache-mb: an experiment, not the app's setting
    if megabytes:
        store = Store.open(path, passphrase)
        with store.engine.connect() as conn:
            conn.connection.driver_connection.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")
        window.enter(store)
        window.show()
    else:  # as `ipb_desktop.ui.app.start_window` with a store given: show the window, then open the store
        window.show()
        window.open_path(path.absolute())
    if window.ctx.store is None:
        print(json.dumps({"error": "the store did not open from the keyring"}))
        return 1
    target: QObject = window.page_widgets.get("home") or window
    watcher = FirstPaint(target)
    app.installEventFilter(watcher)
    QTimer.singleShot(30_000, app.quit)  # never hang a benchmark run
    app.exec()
    painted_at = watcher.painted_at
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    app.removeEventFilter(watcher)
    window.close()
    print(json.dumps({"painted_at": painted_at, "peak_kb": peak_kb, "home_page": target is not window}))
    return 0 if painted_at is not None else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # The figures are out: skip the interpreter's and Qt's teardown, which now and then crashes (SIGSEGV) while
    # destroying widgets at exit, before and after building pages on first show alike.
    os._exit(code)

"""How long the window stops answering while the Spending page reads: the longest gap between the ticks of a
10 ms timer, with the page in the real main window (1100 x 760, offscreen), from an action until the line under
the table shows its figures.

    .venv/bin/python benchmarks/spending_blocking.py --size 1000000 --runs 5

Three actions, each --runs times: going to Spending from Home (the first page of a million ids, the rest after
the paint), typing "swim" in Search and pressing Enter (the first page of its matches, then every match counted
and added up), and clearing the search (back to every payment). For each it prints the median and the largest
of the longest gaps (ms), the median time until the totals line is complete, and this thread's CPU seconds over
the whole wait. The background page check the window starts after opening is left out (it would tick the
same clock). Like every benchmark, nothing here runs in the tests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
for path in (str(HERE.parent), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import generate  # noqa: E402

TICK_MS = 10


def run_once(window: Any, measure: Callable[[str, Callable[[], object], Callable[[], bool]], None], word: str) -> str:
    """Go to Spending, search for `word`, clear the search; the totals line at the end."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    found: dict[str, Any] = {}

    def settled() -> bool:
        page = found.get("page")
        return page is not None and page.model.totals is not None and page.model._complete

    def go() -> None:
        window.show_page("spending")
        found["page"] = window.page_widgets["spending"]

    def search() -> None:
        QTest.keyClicks(found["page"].filters.text, word)
        QTest.keyClick(found["page"].filters.text, Qt.Key.Key_Return)

    def clear() -> None:
        found["page"].filters.text.clear()
        QTest.keyClick(found["page"].filters.text, Qt.Key.Key_Return)

    measure("open", go, settled)
    measure("search", search, settled)
    measure("clear", clear, settled)
    return str(found["page"].totals.text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--word", default="swim")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer

    from ipb_desktop.models.store import Store
    from ipb_desktop.ui.app import make_app
    from ipb_desktop.ui.shell import store_health
    from ipb_desktop.ui.shell.main_window import MainWindow

    store_health.StoreHealth._start_check = lambda self, store: None  # type: ignore[method-assign]
    app = make_app([sys.argv[0]])
    store_path = generate.OUT_ROOT / f"store-{args.size}" / generate.STORE_NAME
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    found: dict[str, list[float]] = {}

    def measure(name: str, action: Callable[[], object], done: Callable[[], bool]) -> None:
        """Run `action` inside the event loop and keep the loop running until `done()`; record the gaps."""
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        ticks.clear()
        cpu = time.thread_time()
        began = time.perf_counter()
        ticks.append(began)
        ticker.start()
        QTimer.singleShot(0, action)
        QTimer.singleShot(1, poll.start)
        loop.exec()
        ended = time.perf_counter()
        ticker.stop()
        poll.stop()
        ticks.append(ended)
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        found.setdefault(f"{name}_longest_gap", []).append(max(gaps))
        found.setdefault(f"{name}_until_totals", []).append(ended - began)
        found.setdefault(f"{name}_cpu", []).append(time.thread_time() - cpu)

    shown = ""
    for _ in range(args.runs):
        window = MainWindow()
        window.ctx.today = lambda: generate.BENCH_TODAY
        window.resize(1100, 760)
        window.enter(Store.open(store_path, generate.BENCH_PASSPHRASE))
        window.show()
        app.processEvents()
        shown = run_once(window, measure, args.word)
        window.close()
        if window.ctx.store is not None:
            window.ctx.close_store()
        window.deleteLater()
        app.processEvents()
    print(f"{args.size:,} payments, {args.runs} runs, tick {TICK_MS} ms, load average {os.getloadavg()}")
    print(f"last totals line: {shown}")
    print(f"{'measurement':28s} {'median':>10s} {'max':>10s}")
    for key, values in found.items():
        print(f"{key:28s} {statistics.median(values) * 1000:8.1f} ms {max(values) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

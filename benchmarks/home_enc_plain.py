"""Home's figures on the encrypted store against an unencrypted copy, read turn about in one process, with the
spread of each (quartiles), so a ratio can be told from noise.

    .venv/bin/python benchmarks/home_enc_plain.py --size 50000 --runs 15
    .venv/bin/python benchmarks/home_enc_plain.py --size 50000 --runs 15 --no-gc

Each run opens both (as `run.py --only home_plain` does) and times the first read and two reads again (this
thread's CPU and wall, ms). `--no-gc` holds Python's garbage collector off while timing: its pauses fall on one
side or the other at random and are most of the spread. The unencrypted copy is made under benchmarks/out/ and
removed afterwards. Nothing here runs in the tests.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for path in (str(HERE.parent), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import generate  # noqa: E402
import run as bench  # noqa: E402


def spread(values: list[float]) -> str:
    v = sorted(values)
    n = len(v)
    return (
        f"median {statistics.median(v):6.1f}  q1 {v[n // 4]:6.1f}  q3 {v[(3 * n) // 4]:6.1f}  "
        f"min {v[0]:6.1f}  max {v[-1]:6.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-gc", action="store_true")
    args = parser.parse_args(argv)
    from ipb_desktop import figures

    store_dir = generate.OUT_ROOT / f"store-{args.size}"
    plain = store_dir / "home-enc-plain.sqlite"
    generate.write_plain_copy(store_dir / generate.STORE_NAME, generate.BENCH_PASSPHRASE, plain)
    if args.no_gc:
        gc.disable()
    found: dict[str, list[tuple[float, float]]] = {}
    openers: list[tuple[str, Callable[[], Any]]] = [
        ("enc", lambda: bench._open(store_dir)),
        ("plain", lambda: bench.PlainStore(plain)),
    ]
    try:
        for run in range(args.runs):
            for side, opener in openers if run % 2 == 0 else openers[::-1]:
                store = opener()
                try:
                    for key in ("first", "again", "again"):
                        with store.reading() as session:
                            cpu, wall = time.thread_time(), time.perf_counter()
                            figures.home_figures(session, generate.BENCH_TODAY)
                            done = ((time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000)
                            found.setdefault(f"{side}_{key}", []).append(done)
                finally:
                    store.close()
    finally:
        gc.enable()
        for leftover in (plain, plain.with_name(plain.name + "-wal"), plain.with_name(plain.name + "-shm")):
            leftover.unlink(missing_ok=True)
    print(
        f"{args.size:,} payments, {args.runs} runs, garbage collector {'off' if args.no_gc else 'on'}, "
        f"load average {os.getloadavg()}"
    )
    for key, values in found.items():
        print(f"{key:12s} CPU {spread([v[0] for v in values])}   wall {spread([v[1] for v in values])}")
    for key in ("first", "again"):
        enc, plain_values = found[f"enc_{key}"], found[f"plain_{key}"]
        ratios = [statistics.median(v[i] for v in enc) / statistics.median(v[i] for v in plain_values) for i in (0, 1)]
        print(f"encrypted / plain, {key}: CPU {ratios[0]:.2f}x, wall {ratios[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""CPU time to lay out and draw one long PagedTable (the statement's list of payments), this tree's
`statements/layout.py` against another copy of it (`--old FILE`, e.g. `git show REV:ipb_desktop/statements/layout.py
> /tmp/old_layout.py`), turn about in one process, median of --runs. Rows are like the statement's: a date, a
payee over two lines, what for, money in or out, receipt state, bank checked.

    .venv/bin/python benchmarks/paged_table_bench.py --rows 5000,20000,100000 --old /tmp/old_layout.py
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib.units import mm  # noqa: E402

from ipb_desktop.statements import layout  # noqa: E402


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_layout", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_layout"] = module
    spec.loader.exec_module(module)
    return module


def rows(count: int) -> list[list[str]]:
    made = []
    for n in range(count):
        payee = "Clayworks Studio\nPottery, 3 weeks" if n % 3 == 0 else "Jo Assistant"
        amount = f"£{n % 997}.{n % 100:02d}"
        made.append([f"{1 + n % 28:02d}/04/2026", payee, "Activities and classes", "", amount, "Held", "No"])
    made.append(["Total", "", "", "£0.00", "£123,456.00", "", ""])
    return made


def one(module: ModuleType, body: list[list[str]]) -> float:
    st = module.styles(False)
    header = [module.para(h, st.cell_bold) for h in ("Date", "Paid to", "For", "In", "Out", "Receipt", "Checked")]
    widths = [w * mm for w in (18, 38, 46, 19, 19, 23, 17)]
    table = module.PagedTable(header, body, widths, st.look, total_row=True, right_columns=(3, 4))
    out = io.BytesIO()
    began = time.process_time()
    module.build(out, [table], title="t", author="a", footer_left="f", generated_on=__import__("datetime").date.today())
    return time.process_time() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="5000,20000")
    parser.add_argument("--old", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sides: list[tuple[str, ModuleType]] = [("new", layout)]
    if args.old:
        sides.insert(0, ("old", load(args.old)))
    for count in [int(n) for n in args.rows.split(",")]:
        body = rows(count)
        times: dict[str, list[float]] = {name: [] for name, _ in sides}
        for _ in range(args.runs):
            for name, module in sides:
                times[name].append(one(module, body))
        cells = "  ".join(
            f"{name} {statistics.median(v):7.3f} s CPU ({statistics.median(v) / count * 1e6:5.1f} µs/row)"
            for name, v in times.items()
        )
        print(f"{count:>8,} rows: {cells}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

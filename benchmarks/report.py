"""Turn the JSON written by benchmarks/run.py into the Markdown tables of docs/PERFORMANCE.md.

    .venv/bin/python benchmarks/report.py benchmarks/out/results.json [more.json ...]

The first file gives the machine, the targets and the main size; every file adds its sizes to the growth table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.0f} MB"


def machine(report: dict[str, Any]) -> list[str]:
    m = report["machine"]
    load_start = ", ".join(f"{x:.1f}" for x in m.get("load_average_at_start", []))
    load_end = ", ".join(f"{x:.1f}" for x in m.get("load_average_at_end", []))
    return [
        f"- {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory; {m['platform']}",
        f"- Python {m['python']}, SQLAlchemy {m['sqlalchemy']}, SQLite {m['sqlite']} / SQLCipher {m['sqlcipher']}; "
        f"{m['hledger'] or 'hledger not installed'}",
        f"- load average (1, 5, 15 min) at the start {load_start}, at the end {load_end}",
        f"- command: `{report['command']}` ({report['runs']} runs each), {report['when']}, {report['seconds']:.0f} s",
    ]


def targets(report: dict[str, Any]) -> list[str]:
    size = report["targets_size"]
    metrics = report["sizes"][str(size)]["metrics"]
    lines = [
        f"| target ({size:,} transactions) | limit | median | min | max | CPU median | verdict |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["targets"]:
        unit = row["unit"]
        stats = metrics.get(row["target"], {})
        verdict = row["verdict"]
        if row.get("cpu_verdict") and row["cpu_verdict"] != verdict:
            verdict += f" (CPU: {row['cpu_verdict']})"
        lines.append(
            f"| {row['what']} | {fmt(row['limit'], unit)} | **{fmt(row['value'], unit)}** | "
            f"{fmt(stats.get('min'), unit)} | {fmt(stats.get('max'), unit)} | {fmt(row.get('cpu'), unit)} | "
            f"{verdict} |"
        )
    return lines


def all_metrics(report: dict[str, Any], size: int) -> list[str]:
    found = report["sizes"][str(size)]
    metrics = found["metrics"]
    lines = [
        f"| measurement ({size:,}) | median | min | max | CPU median |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, stats in metrics.items():
        if key.endswith("_cpu") or key == "spending_rows_read":
            continue
        cpu = metrics.get(key + "_cpu", {}).get("median")
        lines.append(
            f"| {key} | {fmt(stats['median'], 's')} | {fmt(stats['min'], 's')} | {fmt(stats['max'], 's')} | "
            f"{fmt(cpu, 's')} |"
        )
    for name, peak in found["peak_mb"].items():
        lines.append(f"| peak memory, {name} process | {fmt(peak, 'MB')} | | | |")
    if "spending_rows_read" in metrics:
        lines.append(f"| rows read for the first screen | {metrics['spending_rows_read']['median']:.0f} | | | |")
    return lines


def growth(reports: list[dict[str, Any]]) -> list[str]:
    table: dict[str, dict[int, float]] = {}
    cpu: dict[str, dict[int, float]] = {}
    for report in reports:
        for key, row in report.get("growth", {}).items():
            for size, value in row.items():
                table.setdefault(key, {})[int(size)] = value
        for size, found in report["sizes"].items():
            for key, stats in found["metrics"].items():
                if key.endswith("_cpu"):
                    cpu.setdefault(key[: -len("_cpu")], {})[int(size)] = stats["median"]
    sizes = sorted({s for row in table.values() for s in row})
    if len(sizes) < 2:
        return []
    lines = [
        "| median (CPU) | " + " | ".join(f"{s:,}" for s in sizes) + f" | {sizes[-1]:,} ÷ {sizes[0]:,} |",
        "|---|" + "---:|" * (len(sizes) + 1),
    ]
    for key, row in table.items():
        unit = "MB" if key.startswith("peak") else "s"
        cells = []
        for s in sizes:
            value = row.get(s)
            text = fmt(value, unit)
            if unit == "s" and s in cpu.get(key, {}):
                text += f" ({fmt(cpu[key][s], 's')})"
            cells.append(text)
        first, last = row.get(sizes[0]), row.get(sizes[-1])
        ratio = f"{last / first:.1f}×" if first and last else "—"
        lines.append(f"| {key} | " + " | ".join(cells) + f" | {ratio} |")
    return lines


def main(argv: list[str]) -> int:
    reports = [json.loads(Path(name).read_text(encoding="utf-8")) for name in argv]
    first = reports[0]
    print("\n".join(machine(first)))
    print()
    print("\n".join(targets(first)))
    print()
    print("\n".join(all_metrics(first, first["targets_size"])))
    rows = growth(reports)
    if rows:
        print()
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

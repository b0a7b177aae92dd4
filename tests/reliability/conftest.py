"""Reliability tests. Each scales with the run: the default suite's numbers, or the long run's when IPB_LONG=1 is
set or `-m scales` is given (every test here that scales is marked `scales`). Their figures are printed at the end."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.results import FIGURES, is_long, set_long
from tests.reliability.zygote import Zygote


def pytest_configure(config: pytest.Config) -> None:
    expression = str(config.option.markexpr or "")
    if re.search(r"(?<!not )\bscales\b", expression):
        set_long(True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures" + (" (long run)" if is_long() else ""))
    for name, figures in sorted(FIGURES.items()):
        text = ", ".join(f"{key}={value}" for key, value in figures.items())
        terminalreporter.write_line(f"{name}: {text}")
    target = os.environ.get("IPB_RESULTS_JSON")
    if target:
        payload = {"long_run": is_long(), "figures": FIGURES}
        Path(target).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"written to {target}")


@pytest.fixture
def zygote() -> Iterator[Zygote]:
    started = Zygote()
    yield started
    started.close()

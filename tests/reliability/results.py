"""Figures the reliability tests report (kills survived, examples tried, losses), printed at the end of the run
by `conftest.pytest_terminal_summary` and, when IPB_RESULTS_JSON names a file, written there as JSON."""

from __future__ import annotations

import os

FIGURES: dict[str, dict[str, object]] = {}
_long = os.environ.get("IPB_LONG") == "1"


def set_long(value: bool) -> None:
    global _long
    _long = value


def is_long() -> bool:
    return _long


def scale(default: int, long: int) -> int:
    """How many rounds or examples to run: the default suite's number, or the long run's (IPB_LONG=1, -m scales)."""
    return long if _long else default


def report(name: str, **figures: object) -> None:
    """Record the figures of one harness or property test."""
    FIGURES.setdefault(name, {}).update(figures)

"""The dialogs the AT-SPI run opens, by name (built the way the pages build them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from ipb_desktop import budget, outcomes, plan
from ipb_desktop.ui.shell.main_window import MainWindow


def _ids(window: MainWindow) -> dict[str, int]:
    store = window.ctx.store
    assert store is not None
    with store.reading() as s:
        period = budget.periods(s)[0]
        return {
            "period": period.id,
            "stream": period.streams[0].id,
            "line": plan.plan_lines(s, period.id)[0].id,
            "outcome": outcomes.list_outcomes(s)[0].id,
        }


def build(name: str, window: MainWindow) -> QDialog:
    from ipb_desktop.ui.outcomes.dialogs import OutcomeDialog, RatingDialog
    from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog

    ids = _ids(window)
    ctx = window.ctx
    makers: dict[str, Callable[[], QDialog]] = {
        "outcome": lambda: OutcomeDialog(ctx, ids["outcome"], window),
        "rating": lambda: RatingDialog(ctx, ids["outcome"], "Alys", window),
        "period": lambda: PeriodDialog(ctx, window),
        "stream": lambda: StreamDialog(ctx, ids["period"], ids["stream"], window),
        "plan line": lambda: PlanLineDialog(ctx, ids["period"], ids["line"], window),
    }
    return makers[name]()


NAMES = ("outcome", "rating", "period", "stream", "plan line")

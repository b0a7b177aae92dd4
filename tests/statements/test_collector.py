"""Making a document runs the cycle collector less often, and puts its thresholds back afterwards, even when
the document fails."""

from __future__ import annotations

import datetime as dt
import gc
import io

import pytest
from reportlab.platypus import Flowable, Paragraph

from ipb_desktop.statements import layout


class _Watch(Flowable):  # type: ignore[misc]
    """Notes the collector's thresholds while the document is laid out."""

    def __init__(self, seen: list[tuple[int, int, int]], fail: bool = False) -> None:
        super().__init__()
        self.seen, self.fail = seen, fail

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.seen.append(gc.get_threshold())
        if self.fail:
            raise RuntimeError("layout failed")
        return 10, 10

    def draw(self) -> None:
        pass


def _build(story: list[Flowable]) -> None:
    layout.build(io.BytesIO(), story, title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))


@pytest.mark.parametrize("fail", [False, True])
def test_the_collector_runs_less_often_while_a_document_is_made_and_as_before_after(fail: bool) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    story = [Paragraph("Before", layout.styles(False).body), _Watch(seen, fail)]
    if fail:
        with pytest.raises(RuntimeError):
            _build(story)
    else:
        _build(story)
    assert seen[0][0] > before[0]
    assert gc.get_threshold() == before

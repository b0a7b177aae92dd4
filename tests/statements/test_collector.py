"""Making a document sets the objects that were there before it aside from the cycle collector, and puts
everything back afterwards, even when the document fails."""

from __future__ import annotations

import datetime as dt
import gc
import io

import pytest
from reportlab.platypus import Flowable, Paragraph

from ipb_desktop.statements import layout


class _Watch(Flowable):  # type: ignore[misc]
    """Notes what the collector looks like while the document is laid out."""

    def __init__(self, seen: list[tuple[int, tuple[int, int, int]]], fail: bool = False) -> None:
        super().__init__()
        self.seen, self.fail = seen, fail

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.seen.append((gc.get_freeze_count(), gc.get_threshold()))
        if self.fail:
            raise RuntimeError("layout failed")
        return 10, 10

    def draw(self) -> None:
        pass


def _build(story: list[Flowable]) -> None:
    layout.build(io.BytesIO(), story, title="T", author="A", footer_left="F", generated_on=dt.date(2026, 4, 1))


@pytest.mark.parametrize("fail", [False, True])
def test_older_objects_are_set_aside_while_a_document_is_made_and_put_back(fail: bool) -> None:
    if gc.get_freeze_count():
        pytest.skip("this process froze its objects itself")
    before = gc.get_threshold()
    seen: list[tuple[int, tuple[int, int, int]]] = []
    story = [Paragraph("Before", layout.styles(False).body), _Watch(seen, fail)]
    if fail:
        with pytest.raises(RuntimeError):
            _build(story)
    else:
        _build(story)
    frozen, thresholds = seen[0]
    assert frozen > 1000  # the modules, fonts and everything made before the document
    assert thresholds[0] > before[0]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before

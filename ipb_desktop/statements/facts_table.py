"""An outcome's facts in the review pack (how I will know, where I am with it, money, support), drawn straight
onto the page exactly as `layout.key_value_table` draws them: bold labels on grey on the left, values on the
right, a rule under each line and a box round them. A reportlab Table applies every style command to every
cell first, which for thirty outcomes is most of the time these few lines take; this one draws the same
operators. The rare table too long for the rest of a page is split by the Table it stands for."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from ipb_desktop.statements.layout import FRAME_WIDTH, GREY, PAGE_HEIGHT, RULE, Styles, key_value_table, para

_SIDE, _ABOVE = 6, 3  # a Table's own padding, left and right, above and below


class FactsTable(Flowable):  # type: ignore[misc]
    """`layout.key_value_table(rows, st, key_width)`, drawn straight onto the canvas."""

    def __init__(self, rows: Sequence[tuple[str, str]], st: Styles, key_width: float) -> None:
        super().__init__()
        self._facts = list(rows)
        self._st = st
        self._key_width = key_width
        self._cells = [(para(key, st.cell_bold), para(value, st.cell)) for key, value in rows]
        self._heights: list[float] | None = None
        self.hAlign = "LEFT"

    def _rows(self) -> list[float]:
        if self._heights is None:
            rooms = (self._key_width - 2 * _SIDE, FRAME_WIDTH - self._key_width - 2 * _SIDE)
            self._heights = [
                max(cell.wrap(room, PAGE_HEIGHT)[1] for cell, room in zip(row, rooms, strict=True)) + 2 * _ABOVE
                for row in self._cells
            ]
        return self._heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = FRAME_WIDTH, sum(self._rows())
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.wrap(avail_width, avail_height)[1] <= avail_height:
            return [self]
        return list(key_value_table(self._facts, self._st, self._key_width).split(avail_width, avail_height))

    def draw(self) -> None:
        canv = self.canv
        heights = self._rows()
        tops = list(accumulate(heights, lambda top, height: top - height, initial=sum(heights)))
        top, bottom, full = tops[0], tops[-1], FRAME_WIDTH
        canv.saveState()
        canv.setFillColor(GREY)
        canv.rect(0, top, self._key_width, bottom - top, stroke=0, fill=1)
        canv.setFillColor(colors.black)
        canv.setFont("Helvetica", 10, 12)  # a Table's own font, set before its first cell whatever the cell
        for (key, value), row_top in zip(self._cells, tops, strict=False):
            for cell, x in ((key, 0.0), (value, self._key_width)):
                cell.drawOn(canv, x + _SIDE, row_top - _ABOVE - cell.height)
        canv.saveState()
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        for y in tops[1:]:
            canv.line(0, y, full, y)
        canv.setLineWidth(0.6)
        box = ((0, top, full, top), (0, bottom, full, bottom), (0, bottom, 0, top), (full, bottom, full, top))
        for x1, y1, x2, y2 in box:
            canv.line(x1, y1, x2, y2)
        canv.restoreState()
        canv.restoreState()

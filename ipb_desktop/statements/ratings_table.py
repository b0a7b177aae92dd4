"""The table of an outcome's ratings in the review pack, drawn straight onto the page.

It lays out, splits over pages and draws exactly as a reportlab Table made by `layout.table` (one header row of
Paragraphs, cells of plain text or Paragraphs, `table_style`'s rules and grey header) would: the same row
heights, the same page breaks with the header repeated, the same text in the same places and order. A Table
applies every style command to every cell and measures, splits and draws through general code, which for the
hundreds of ratings of a long review was a fifth of the whole pack."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from ipb_desktop.statements.drawn_text import DrawnText
from ipb_desktop.statements.layout import FONT, GREY, PAGE_HEIGHT, RULE, Look
from ipb_desktop.statements.paged_table import TableRows

Cell: TypeAlias = Any  # plain text (str) or a Paragraph


class RatingsTable(Flowable):  # type: ignore[misc]
    """A ruled table: a header row of Paragraphs, then rows whose cells are plain text (line breaks allowed) or
    Paragraphs, in columns of `widths`. Cells are padded 3 points left and right and 2 (3 in large print) above
    and below, and start at the top of their row, as `layout.table_style` says."""

    def __init__(
        self,
        header: Sequence[Paragraph],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        look: Look,
        *,
        _shared: tuple[float, TableRows] | None = None,
        _span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.widths = list(widths)
        self.look = look
        self._pad = 3 if look.large else 2
        self._cells = list(rows)
        self._measured = _shared
        self._span = _span if _span is not None else (0, len(self._cells))
        self.hAlign = "LEFT"

    @property
    def row_count(self) -> int:
        """Rows in this part, the header included (what reportlab calls a table's `_nrows`)."""
        return 1 + self._span[1] - self._span[0]

    def _measure(self) -> tuple[float, TableRows]:
        """The header's height and every body row's, as reportlab's Table works them out: the tallest cell,
        a Paragraph wrapped to its column less the padding, plain text a line's leading for each line."""
        if self._measured is None:
            pad, leading = 2 * self._pad, self.look.table_leading
            inner = [width - 6 for width in self.widths]
            head = max(cell.wrap(room, PAGE_HEIGHT)[1] for cell, room in zip(self.header, inner, strict=True)) + pad
            heights = []
            for row in self._cells:
                tallest = 0.0
                for cell, room in zip(row, inner, strict=True):
                    if isinstance(cell, Paragraph):
                        tall = cell.wrap(room, PAGE_HEIGHT)[1]
                    else:
                        tall = leading * (cell.count("\n") + 1)
                    tallest = max(tallest, tall + pad)
                heights.append(tallest)
            self._measured = (head, TableRows(self._cells, heights))
        return self._measured

    def _heights(self) -> list[float]:
        head, rows = self._measure()
        start, stop = self._span
        return [head, *rows.heights[start:stop]]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = sum(self._heights())
        return self.width, self.height

    def _part(self, start: int, stop: int) -> RatingsTable:
        return RatingsTable(self.header, (), self.widths, self.look, _shared=self._measure(), _span=(start, stop))

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """As reportlab's Table splits by rows with its header repeated: as many rows as fit, but never the
        header alone."""
        heights = self._heights()
        used, fits = 0.0, 0
        for height in heights:
            if used + height > avail_height:
                break
            used += height
            fits += 1
        if fits <= 1:
            return []
        if fits == len(heights):
            return [self]
        start, stop = self._span
        middle = start + fits - 1
        return [self._part(start, middle), self._part(middle, stop)]

    def draw(self) -> None:
        canv: Canvas = self.canv
        head, rows = self._measure()
        heights = self._heights()
        lk = self.look
        size, leading, pad = lk.table, lk.table_leading, self._pad
        xs = list(accumulate(self.widths, initial=0.0))
        full = xs[-1]
        tops = list(accumulate(heights, lambda top, height: top - height, initial=sum(heights)))
        canv.saveState()
        canv.setFillColor(GREY)
        canv.rect(0, tops[0], full, -head, stroke=0, fill=1)  # from the top down, as a Table fills it
        canv.setFillColor(colors.black)
        canv.setFont(FONT, size, leading)
        for cell, x in zip(self.header, xs, strict=False):
            cell.drawOn(canv, x + 3, tops[0] - pad - cell.height)
        text = DrawnText(canv, FONT, size, leading)
        code: list[str] = canv._code
        start, stop = self._span
        for index in range(start, stop):
            top = tops[1 + index - start]
            for cell, x in zip(rows.cells[index], xs, strict=False):
                if isinstance(cell, Paragraph):
                    cell.drawOn(canv, x + 3, top - pad - cell.height)
                    continue
                y = top - pad - size
                for line in cell.split("\n"):
                    code.append(f"BT 1 0 0 1 {fp_str(x + 3, y)} Tm {text.shown(line)} T* ET")
                    y -= leading
        # The rules, each its own stroke, as reportlab's Table strokes table_style's: under every row, the box,
        # then under the header. A part after a page break has the header's rule twice and its sides in two
        # pieces (header, rows); only a table's last part has the bottom of the box.
        later, last = start > 0, stop == len(rows.cells)
        top, head_bottom, bottom = tops[0], tops[1], tops[-1]
        canv.saveState()
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        for y in [head_bottom, *tops[1:]] if later else tops[1:]:
            canv.line(0, y, full, y)
        canv.setLineWidth(0.6)
        canv.line(0, top, full, top)
        if later:
            for x in (0, full):
                canv.line(x, head_bottom, x, top)
                canv.line(x, bottom, x, head_bottom)
        if last:
            canv.line(0, bottom, full, bottom)
        if not later:
            for x in (0, full):
                canv.line(x, bottom, x, top)
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(1)
        canv.line(0, tops[1], full, tops[1])
        canv.restoreState()
        canv.restoreState()

"""Long tables of plain-text rows for the printed documents (the statement's list of payments), laid out page
by page in time proportional to each page's rows and drawn straight onto the canvas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from ipb_desktop.statements.layout import FONT, FONT_BOLD, GAP_AFTER_MONEY, GREY, PAGE_HEIGHT, RULE, Look


class TableRows:
    """The body rows of one long table (PagedTable, RatingsTable) with their heights, worked out once and shared
    by every page's part."""

    __slots__ = ("cells", "heights", "tops")

    def __init__(self, cells: list[Sequence[Any]], heights: list[float]) -> None:
        self.cells = cells
        self.heights = heights
        self.tops = list(accumulate(heights, initial=0.0))  # tops[i]: height of the rows before row i


class _CellText:
    """Writes a table's cell text into a page's text object, as `PDFTextObject.setTextOrigin` + `textOut` would
    write it, but remembering for the whole document each string's encoded pieces and width, and each number
    written as a position: a year's statement writes the same dates, payees, amounts and "Yes"/"No" thousands
    of times, and encoding a string for the embedded font's subsets was most of the drawing. The PDF is byte
    for byte what `setTextOrigin` + `textOut` write."""

    def __init__(self, canv: Canvas, text: PDFTextObject, size: float, leading: float) -> None:
        self.canv = canv
        self.text = text
        # One store per document (the canvas): which subset a character is in is decided once per document.
        shared = canv.__dict__.setdefault("_ipb_cell_text", ({}, {}, {}))
        self.known: dict[tuple[str, str], tuple[float, list[tuple[int, str]]]] = shared[0]
        self.numbers: dict[float, str] = shared[1]  # fp_str of each position written
        self.codes: dict[str, dict[str, int]] = shared[2]  # by font: characters already given a code in subset 0
        self.font_ops = f"{fp_str(size)} Tf {fp_str(leading)} TL"
        self.size = size

    def pieces(self, line: str, font: str) -> tuple[float, list[tuple[int, str]]]:
        """The width of `line` in `font` and its text-showing operators, one for each font subset it uses."""
        found = self.known.get((font, line))
        if found is None:
            if len(self.known) >= 16384:  # dates, payees and amounts repeat; descriptions mostly do not
                self.known.clear()
            found = self.known[font, line] = (stringWidth(line, font, self.size), self._shown(line, font))
        return found

    def _shown(self, line: str, font: str) -> list[tuple[int, str]]:
        """`TTFont.splitString` as text-showing operators. A line whose characters all have their code in the
        first subset already (most lines: ASCII has its own codes from the start) is encoded straight from
        those codes, without reportlab's character-by-character loop; the bytes are the same."""
        escape = self.canv._escape
        codes = self.codes.get(font)
        if codes is None:
            codes = self.codes[font] = {}
        try:
            return [(0, f"({escape(bytes(map(codes.__getitem__, line)))}) Tj")]
        except KeyError:
            pass
        face = getFont(font)
        shown = [(subset, f"({escape(chunk)}) Tj") for subset, chunk in face.splitString(line, self.canv._doc)]
        # Remember the codes now given (a code, once given, never changes within a document).
        assigned = face.state[self.canv._doc].assignments
        for char in set(line):
            code = assigned.get(ord(char))
            if code is not None and code < 256:
                codes[char] = code
        return shown

    def number(self, value: float) -> str:
        """`fp_str(value)`, remembered: rows are whole lines apart, so the same positions come back page
        after page."""
        found = self.numbers.get(value)
        if found is None:
            if len(self.numbers) >= 16384:
                self.numbers.clear()
            found = self.numbers[value] = fp_str(value)
        return found

    def write(self, x: str, y: str, font: str, shown: list[tuple[int, str]]) -> None:
        """Show `shown` at (`x`, `y`), both already written as numbers."""
        text = self.text
        if len(shown) == 1 and shown[0][0] == text._curSubset:  # most lines: one piece, in the current subset
            text._code.append(f"1 0 0 1 {x} {y} Tm {shown[0][1]}")
            return
        text._code.append(f"1 0 0 1 {x} {y} Tm")
        parts: list[str] = []
        for subset, operator in shown:
            if subset != text._curSubset:
                parts.append(f"{getFont(font).getSubsetInternalName(subset, self.canv._doc)} {self.font_ops}")
                text._curSubset = subset
            parts.append(operator)
        text._code.append(" ".join(parts))


def _wrapped(cell: Flowable, width: float, height: float) -> tuple[float, float]:
    """`cell.wrap(width, height)`, done again only when the size offered changes: a header Paragraph is drawn
    on every page of a long table at the same size."""
    last = getattr(cell, "_ipb_wrapped", None)
    if last is not None and last[0] == (width, height):
        return last[1]  # type: ignore[no-any-return]
    size: tuple[float, float] = cell.wrap(width, height)
    cell._ipb_wrapped = ((width, height), size)
    return size


def _draw_again(cell: Flowable, canv: Canvas, x: float, y: float, size: tuple[float, float]) -> None:
    """`cell.drawOn(canv, x, y)`; a cell drawn before on this canvas at the same size (a header Paragraph, on
    every page of a long table) writes the same operators again instead of being laid out and drawn again."""
    drawn = getattr(cell, "_ipb_drawn", None)
    if drawn is not None and drawn[0] is canv and drawn[1] == size:
        # What saveState, translate and restoreState write around it (the canvas's state is as before).
        canv._code += ["q", f"1 0 0 1 {fp_str(x, y)} cm", *drawn[2], "Q"]
        return
    code = canv._code
    start = len(code)
    cell.drawOn(canv, x, y)
    if len(code) >= start + 3 and code[start] == "q" and code[start + 1].endswith(" cm") and code[-1] == "Q":
        cell._ipb_drawn = (canv, size, code[start + 2 : -1])  # what it drew, between "q", the move and "Q"


class PagedTable(Flowable):  # type: ignore[misc]
    """A long table of plain-text rows (line breaks allowed) that lays itself out page by page.

    Row heights are worked out once from the number of lines in each cell, and every page's part refers to the
    same rows by position instead of copying the rest of the table at each page break, so every page costs time
    in proportion to its own rows (reportlab's own Table re-measures all the remaining rows at every page break,
    which for a year of several thousand payments takes seconds). Each page's part has the header row on top,
    and the last row (the total) is never left alone at the top of a page. Rows are drawn straight onto the
    canvas, one text object per page and the rules in a few strokes, the way a reportlab Table with
    `table_style` draws them (same positions, fonts, rules and grey header).
    """

    def __init__(
        self,
        header: Sequence[Any],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        look: Look,
        *,
        total_row: bool = False,
        right_columns: Sequence[int] = (),
        _shared: TableRows | None = None,
        _span: tuple[int, int] | None = None,
        _header_height: float | None = None,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.widths = list(widths)
        self.look = look
        self.total_row = total_row
        self.right_columns = tuple(right_columns)
        self._pad = 3 if look.large else 2  # top and bottom padding of each cell
        if _shared is None:
            cells = list(rows)
            leading, pad = look.table_leading, 2 * self._pad
            heights = [max(str(cell).count("\n") + 1 for cell in row) * leading + pad for row in cells]
            _shared = TableRows(cells, heights)
        self._rows = _shared
        self._start, self._stop = _span if _span is not None else (0, len(_shared.cells))
        self._header_height = _header_height

    @property
    def rows(self) -> list[Sequence[Any]]:
        """This part's rows (a copy: for reading only)."""
        return self._rows.cells[self._start : self._stop]

    def _head_height(self) -> float:
        if self._header_height is None:
            tallest = 0.0
            for cell, width in zip(self.header, self.widths, strict=True):
                if isinstance(cell, Flowable):
                    tallest = max(tallest, _wrapped(cell, width - 6, PAGE_HEIGHT)[1])
                else:
                    tallest = max(tallest, (str(cell).count("\n") + 1) * self.look.table_leading)
            self._header_height = tallest + 2 * self._pad
        return self._header_height

    def _body_height(self) -> float:
        tops = self._rows.tops
        return tops[self._stop] - tops[self._start]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._head_height() + self._body_height()
        return self.width, self.height

    def _part(self, start: int, stop: int) -> PagedTable:
        return PagedTable(
            self.header,
            (),
            self.widths,
            self.look,
            total_row=self.total_row,
            right_columns=self.right_columns,
            _shared=self._rows,
            _span=(start, stop),
            _header_height=self._header_height,
        )

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self._head_height()
        heights = self._rows.heights
        start, stop = self._start, self._stop
        fits = 0
        for index in range(start, stop):
            if room < heights[index]:
                break
            room -= heights[index]
            fits += 1
        if self.total_row and fits == stop - start - 1:
            fits -= 1  # keep the total with at least one row above it
        if fits <= 0:
            return []
        return [self._part(start, start + fits), self._part(start + fits, stop)]

    # -- drawing ------------------------------------------------------------------------------------------------

    def _left_padding(self, column: int) -> float:
        if column > 0 and column - 1 in self.right_columns and column not in self.right_columns:
            return GAP_AFTER_MONEY  # a clear gap after the amounts
        return 3

    def _draw_flowable(self, cell: Flowable, column: int, x: float, top: float, height: float) -> None:
        left = self._left_padding(column)
        width, tall = _wrapped(cell, self.widths[column] - left - 3, height - 2 * self._pad)
        if column in self.right_columns:
            x += self.widths[column] - 3 - width
        else:
            x += left
        _draw_again(cell, self.canv, x, top - self._pad - tall, (width, tall))

    def draw(self) -> None:
        canv = self.canv
        lk = self.look
        size, leading = lk.table, lk.table_leading
        xs = list(accumulate(self.widths, initial=0.0))
        full = xs[-1]
        head = self._head_height()
        height = head + self._body_height()
        tops = self._rows.tops
        first, last = self._start, self._stop
        has_total = self.total_row and last == len(self._rows.cells)
        lefts = [xs[c] + self._left_padding(c) for c in range(len(self.widths))]
        rights = [xs[c + 1] - 3 for c in range(len(self.widths))]
        right = set(self.right_columns)

        canv.saveState()
        canv.setFillColor(GREY)
        canv.rect(0, height - head, full, head, stroke=0, fill=1)
        canv.setFillColor(colors.black)
        text = canv.beginText()
        cells = _CellText(canv, text, size, leading)
        pad = self._pad

        number, pieces, write = cells.number, cells.pieces, cells.write
        left_xs = [number(x) for x in lefts]

        def cell_text(value: str, column: int, top: float, font: str) -> None:
            y = top - pad - size
            aligned_right = column in right
            for line in value.split("\n") if "\n" in value else (value,):
                if line:
                    width, shown = pieces(line, font)
                    write(number(rights[column] - width) if aligned_right else left_xs[column], number(y), font, shown)
                y -= leading

        text.setFont(FONT_BOLD, size, leading)
        for column, cell in enumerate(self.header):
            if isinstance(cell, Flowable):
                self._draw_flowable(cell, column, xs[column], height, head)
            elif cell:
                cell_text(str(cell), column, height, FONT_BOLD)
        font = FONT
        text.setFont(font, size, leading)
        rows = self._rows.cells
        # cell_text for each plain-text cell, written out here: a year's statement has tens of thousands.
        known, numbers, code = cells.known, cells.numbers, text._code
        x_of = [None if column in right else left for column, left in enumerate(left_xs)]
        for index in range(first, last):
            top = height - head - (tops[index] - tops[first])
            if has_total and index == last - 1:
                font = FONT_BOLD
                text.setFont(font, size, leading)
            for column, cell in enumerate(rows[index]):
                if cell.__class__ is not str:
                    if isinstance(cell, Flowable):
                        self._draw_flowable(cell, column, xs[column], top, tops[index + 1] - tops[index])
                    elif cell != "":
                        cell_text(str(cell), column, top, font)
                    continue
                if not cell:
                    continue
                y = top - pad - size
                for line in cell.split("\n") if "\n" in cell else (cell,):
                    if line:
                        width, shown = known.get((font, line)) or pieces(line, font)
                        x = x_of[column] or number(rights[column] - width)
                        y_text = numbers.get(y) or number(y)
                        if len(shown) == 1 and shown[0][0] == text._curSubset:
                            code.append(f"1 0 0 1 {x} {y_text} Tm {shown[0][1]}")
                        else:
                            write(x, y_text, font, shown)
                    y -= leading
        canv.drawText(text)

        # The rules, in the order table_style gives them: under every row, the box, under the header, above
        # the total.
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        bottoms = [height - head - (tops[i + 1] - tops[first]) for i in range(first, last)]
        # canv.lines, with each height written once for the document (the rows' heights repeat page to page).
        start, end = f"{number(0)} ", f" m {number(full)} "
        ruled = [number(y) for y in [height - head, *bottoms]]
        canv._code += ["n", *(f"{start}{y}{end}{y} l" for y in ruled), "S"]
        canv.setLineWidth(0.6)
        canv.lines([(0, height, full, height), (0, 0, full, 0), (0, height, 0, 0), (full, height, full, 0)])
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(1)
        canv.line(0, height - head, full, height - head)
        if has_total and last - first >= 1:
            y = height - head - (tops[last - 1] - tops[first])
            canv.line(0, y, full, y)
        canv.restoreState()


class LaterTable(Flowable):  # type: ignore[misc]
    """A PagedTable made only when the layout reaches it (`make` builds it), so a long document holds the cell
    text of one table at a time rather than of every table at once (a year of 100,000 payments is twelve month
    tables of thousands of rows). Lays out, splits and draws exactly as the table it makes."""

    def __init__(self, make: Callable[[], PagedTable]) -> None:
        super().__init__()
        self._make: Callable[[], PagedTable] | None = make
        self._table: PagedTable | None = None

    def _made(self) -> PagedTable:
        if self._table is None:
            assert self._make is not None
            self._table, self._make = self._make(), None
        return self._table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self._made().wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return self._made().split(avail_width, avail_height)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._made().drawOn(canvas, x, y, _sW)

"""Text written straight into a page's drawing, as reportlab's `Canvas.drawString` writes it, with each string's
operators worked out once per document: the charts and the ratings table of a review pack write the same
scores, months, dates and names hundreds of times, and encoding a string for the embedded font's subsets is most
of the cost of writing it."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas


class DrawnText:
    """The operators that show a string in `font` at `size` (with `leading`) at the start of a text object."""

    def __init__(self, canv: Canvas, font: str, size: float, leading: float) -> None:
        self._text = canv.beginText()
        self._text.setFont(font, size, leading)
        # One store per document (the canvas): which subset a character is in is decided once per document.
        stores: dict[tuple[str, float, float], dict[str, str]] = canv.__dict__.setdefault("_ipb_drawn_text", {})
        self._known = stores.setdefault((font, size, leading), {})

    def shown(self, line: str) -> str:
        """What a new text object writes to show `line`: its font, then the text (`_formatText`)."""
        found = self._known.get(line)
        if found is None:
            if len(self._known) >= 4096:
                self._known.clear()
            self._text._curSubset = -1  # a new text object names its font again
            found = self._known[line] = str(self._text._formatText(line))
        return found

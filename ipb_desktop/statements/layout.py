"""The look shared by every printed document: A4, the embedded DejaVu Sans font (so "Siân", "Dŵr Cymru" and
"Zoë's Café" print as written), text sizes for normal and large print, tables that read in black and white,
and a footer on every page with "Page X of Y" and the day the document was made."""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFBase85Encode, PDFName, PDFPage, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from ipb_desktop import formatting
from ipb_desktop.i18n import _

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf"}

MARGIN = 15 * mm
PAGE_WIDTH, PAGE_HEIGHT = A4
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
GREY = colors.Color(0.85, 0.85, 0.85)  # light enough to print on any laser printer without hiding text
RULE = colors.Color(0.35, 0.35, 0.35)
KEEP_TOGETHER_ROWS = 30  # tables up to this many rows are not split over two pages
GAP_AFTER_MONEY = 8  # points of left padding in a text column that follows right-aligned amounts


def register_fonts() -> None:
    """Embed DejaVu Sans (regular, bold, oblique) once per process, read from the package's resources."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("ipb_desktop.resources") / "fonts"
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO((folder / filename).read_bytes())))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Look:
    """Sizes for one kind of print: normal, or large print for people who find small text hard to read."""

    large: bool
    base: float
    table: float
    small: float

    @property
    def leading(self) -> float:
        return self.base * (1.45 if self.large else 1.3)

    @property
    def table_leading(self) -> float:
        return self.table * 1.25

    @property
    def gap(self) -> float:
        return self.base * (1.0 if self.large else 0.8)


# RNIB: large print is 16 pt or more; tables in large print at least 14 pt. Normal tables no smaller than 9 pt.
NORMAL = Look(large=False, base=10.5, table=9, small=8.5)
LARGE = Look(large=True, base=16, table=14, small=14)


def look(large_print: bool) -> Look:
    return LARGE if large_print else NORMAL


@dataclass(frozen=True)
class Styles:
    look: Look
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h1_free: ParagraphStyle
    h2_free: ParagraphStyle
    body: ParagraphStyle
    own_words: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_indent: ParagraphStyle
    cell_right: ParagraphStyle
    cell_right_bold: ParagraphStyle


def styles(large_print: bool = False) -> Styles:
    register_fonts()
    lk = look(large_print)

    def style(name: str, size: float, font: str = FONT, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **extra)

    return Styles(
        look=lk,
        title=style("title", lk.base * 2.0, FONT_BOLD, spaceAfter=lk.gap),
        subtitle=style("subtitle", lk.base * 1.25, spaceAfter=lk.gap),
        h1=style("h1", lk.base * 1.45, FONT_BOLD, spaceBefore=lk.gap * 1.6, spaceAfter=lk.gap * 0.8, keepWithNext=1),
        h2=style("h2", lk.base * 1.15, FONT_BOLD, spaceBefore=lk.gap * 1.2, spaceAfter=lk.gap * 0.5, keepWithNext=1),
        # A heading above a long table: kept with the table by a CondPageBreak before it instead, because
        # keepWithNext would move the whole table to the next page whenever it does not fit on this one.
        h1_free=style("h1_free", lk.base * 1.45, FONT_BOLD, spaceBefore=lk.gap * 1.6, spaceAfter=lk.gap * 0.8),
        h2_free=style("h2_free", lk.base * 1.15, FONT_BOLD, spaceBefore=lk.gap * 1.2, spaceAfter=lk.gap * 0.5),
        body=ParagraphStyle("body", fontName=FONT, fontSize=lk.base, leading=lk.leading, spaceAfter=lk.gap * 0.6),
        own_words=ParagraphStyle(
            "own_words",
            fontName=FONT_ITALIC,
            fontSize=lk.base,
            leading=lk.leading,
            leftIndent=4 * mm,
            borderPadding=(2 * mm, 2 * mm, 2 * mm, 2 * mm),
            borderColor=RULE,
            borderWidth=0.6,
            spaceBefore=lk.gap,
            spaceAfter=lk.gap * 1.5,
        ),
        note=style("note", lk.small, spaceAfter=lk.gap * 0.5),
        cell=ParagraphStyle("cell", fontName=FONT, fontSize=lk.table, leading=lk.table_leading),
        cell_bold=ParagraphStyle("cell_bold", fontName=FONT_BOLD, fontSize=lk.table, leading=lk.table_leading),
        cell_indent=ParagraphStyle(
            "cell_indent", fontName=FONT, fontSize=lk.table, leading=lk.table_leading, leftIndent=5 * mm
        ),
        cell_right=ParagraphStyle(
            "cell_right", fontName=FONT, fontSize=lk.table, leading=lk.table_leading, alignment=TA_RIGHT
        ),
        cell_right_bold=ParagraphStyle(
            "cell_right_bold", fontName=FONT_BOLD, fontSize=lk.table, leading=lk.table_leading, alignment=TA_RIGHT
        ),
    )


def escape(text: str) -> str:
    """Text a person typed, made safe inside a reportlab Paragraph (which reads a little HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def table_style(look: Look, header_rows: int = 1, total_row: bool = False, money_from: int | None = None) -> TableStyle:
    """Ruled tables with a grey, bold header row: readable in black and white and on a photocopy."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, look.table, look.table_leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2 if not look.large else 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if not look.large else 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), GREY),
            ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, look.table, look.table_leading),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, colors.black),
        ]
    if total_row:
        commands += [
            ("FONT", (0, -1), (-1, -1), FONT_BOLD, look.table, look.table_leading),
            ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ]
    if money_from is not None:
        commands.append(("ALIGN", (money_from, 0), (-1, -1), "RIGHT"))
    return TableStyle(commands)


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    look: Look,
    *,
    total_row: bool = False,
    money_from: int | None = None,
    header_rows: int = 1,
    long: bool = False,
) -> Table:
    """A table whose header row repeats on every page it runs onto."""
    kind = LongTable if long else Table
    made = kind(list(rows), colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT", splitByRow=1)
    made.setStyle(table_style(look, header_rows, total_row, money_from))
    return made


def _short(made: Table) -> bool:
    return int(made._nrows) <= KEEP_TOGETHER_ROWS


def kept(made: Table) -> Flowable:
    """A short table is kept on one page, so its total row is never left alone at the top of the next."""
    return KeepTogether([made]) if _short(made) else made


def titled(heading: Flowable, made: Table, lead: Sequence[Flowable] = ()) -> list[Flowable]:
    """Headings (`lead`, then `heading`) with their table. A short table moves to the next page together
    with its headings; a long one starts here if there is room for its first rows.

    Headings given here must not use keepWithNext: reportlab would wrap them and this KeepTogether in another
    KeepTogether, which always starts a new page."""
    if _short(made):
        return [KeepTogether([*lead, heading, made])]
    return [CondPageBreak(40 * mm), *lead, heading, made]


def key_value_table(rows: Sequence[tuple[str, str]], st: Styles, key_width: float = 55 * mm) -> Table:
    """Labels on the left in bold, values on the right: for "about me" blocks."""
    data = [[para(key, st.cell_bold), para(value, st.cell)] for key, value in rows]
    made = Table(data, colWidths=[key_width, FRAME_WIDTH - key_width], hAlign="LEFT")
    made.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (0, -1), GREY),
            ]
        )
    )
    return made


def signature_block(st: Styles, rows: Sequence[tuple[str, str]], heading: str | None = None) -> Flowable:
    """Lines to sign on, kept on one page with their heading: each row is (label, text printed on the line,
    often blank)."""
    lk = st.look
    height = 11 * mm if lk.large else 9 * mm
    data = [[para(label, st.cell_bold), para(value, st.cell)] for label, value in rows]
    made = Table(data, colWidths=[45 * mm, FRAME_WIDTH - 45 * mm], rowHeights=[height] * len(data), hAlign="LEFT")
    made.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.8, colors.black),
            ]
        )
    )
    lead = [Paragraph(escape(heading), st.h2_free)] if heading else []
    return KeepTogether([*lead, made, Spacer(1, st.look.gap)])


def ruled_space(st: Styles, lines: int) -> Table:
    """Blank ruled lines for writing by hand (reviewer's notes, answers not typed yet)."""
    height = 10 * mm if st.look.large else 8 * mm
    made = Table([[""]] * lines, colWidths=[FRAME_WIDTH], rowHeights=[height] * lines, hAlign="LEFT")
    made.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return made


def _compress_now(page: PDFPage, compression: bool) -> None:
    """Give a finished page its encoded content stream now, exactly as reportlab makes it when saving
    (`PDFPage.check_format` + `PDFStream.format`: Flate, then ASCII85 when `useA85`), so its text is not held
    until then."""
    if not compression or page.Contents or not page.stream:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content: Any = page.stream
    for step in reversed(filters):
        content = step.encode(content)
    stream = PDFStream(content=content)
    stream.dictionary["Filter"] = PDFArray([PDFName(step.pdfname) for step in filters])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


_SAVING = threading.Lock()
_NOT_PDFDOC = re.compile("[\x18-\x1f]").search  # the ASCII characters PDFDocEncoding does not have
_REPORTLAB_PDFDOC = pdfdoc.pdfdocEnc


def _pdfdoc(text: Any) -> Any:
    """reportlab's `pdfdocEnc`, which encodes through a codec written in Python (13 microseconds a string, and
    saving a year's statement encodes over ten thousand); ASCII but characters 24 to 31 is the same in
    PDFDocEncoding, so it is encoded straight away."""
    if text.__class__ is str and text.isascii() and not _NOT_PDFDOC(text):
        return text.encode("ascii")
    return _REPORTLAB_PDFDOC(text)


def _save_streamed(doc: pdfdoc.PDFDocument, canv: Canvas, target: str | BinaryIO) -> None:
    """`PDFDocument.SaveToFile`, but each object goes to the file as soon as reportlab has formatted it,
    instead of the whole file being put together in memory first (tens of megabytes for thousands of pages).
    The bytes are the same: reportlab's own collector (`PDFFile`) is used, writing as it collects, and its
    `pdfdocEnc` (ASCII text encoded straight away: see `quick`)."""
    if getattr(doc, "_savedToFile", False):
        raise RuntimeError("a document can only be saved once")
    doc._savedToFile = True
    out: BinaryIO = open(target, "wb") if isinstance(target, str) else target  # noqa: SIM115
    with _SAVING:  # reportlab's collector and encoder are swapped for the whole module: one save at a time
        collector = pdfdoc.PDFFile

        class Streamed(collector):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any) -> None:
                super().__init__(*args)
                header: list[bytes] = vars(self)["strings"]
                out.write(b"".join(header))
                self.strings = header[:0]
                self.write = out.write

            def format(self, document: Any) -> bytes:
                return b""

        encode = pdfdoc.pdfdocEnc
        pdfdoc.PDFFile, pdfdoc.pdfdocEnc = Streamed, _pdfdoc
        try:
            doc.GetPDFData(canv)
        finally:
            pdfdoc.PDFFile, pdfdoc.pdfdocEnc = collector, encode
            if out is not target:
                out.close()


_NOT_HELD = frozenset({"_pages", "_last_page", "_held_text"})  # a held page's own bookkeeping
_HELD_AS_TEXT = 4_000_000  # characters: about 450 pages of payments (a year of 5,000); later pages compressed


def _canvas_maker(footer_left: str, generated_on: dt.date, small: float) -> type[Canvas]:
    made_on = _("Made on {date}").format(date=formatting.date_long(generated_on))
    same_on_every_page: list[str] = []  # the footer's code but for "Page X of Y" (the same state on every page)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds every page until the end so each footer can say how many pages there are. A held page keeps its
        drawing as one string (compressed once the pages held come to _HELD_AS_TEXT), and each page's stream is
        compressed as soon as it is finished, as reportlab would compress it when saving (the PDF is byte for
        byte the same): a year of 100,000 payments is thousands of pages, which reportlab would otherwise hold
        as text until the end."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Each held page is what changed in the canvas since the page before (most of its sixty-odd
            # attributes stay the same objects), or all of it ("whole") when an attribute went away.
            self._pages: list[tuple[bool, dict[str, Any]] | None] = []
            self._last_page: dict[str, Any] = {}
            self._held_text = 0  # characters of the pages held as text

        def showPage(self) -> None:
            now = self.__dict__
            last = self._last_page
            state = {key: value for key, value in now.items() if key not in _NOT_HELD}
            whole = not last or last.keys() != state.keys()
            changed = state if whole else {key: value for key, value in state.items() if last[key] is not value}
            changed["_code"] = self._held_code()
            self._last_page = state
            self._pages.append((whole, changed))
            self._startPage()

        def _held_code(self) -> str | bytes | None:
            """The page's drawing as it is held: as text while the pages held so far come to less than
            _HELD_AS_TEXT (a short document is not compressed twice), then compressed."""
            if not self._code:
                return None
            code = "\n".join(self._code)
            if self._held_text + len(code) <= _HELD_AS_TEXT:
                self._held_text += len(code)
                return code
            return zlib.compress(code.encode("utf8"), 1)

        def save(self) -> None:
            pages = self._pages
            total = len(pages)
            self._last_page = {}
            state: dict[str, Any] = {}
            for index in range(total):
                held = pages[index]
                pages[index] = None  # let it go once written
                assert held is not None
                whole, changed = held
                state = dict(changed) if whole else state | changed  # the page's canvas as it was finished
                code = state.pop("_code")
                self.__dict__.update(state)
                if code is None:
                    self._code = []
                else:
                    self._code = [code if isinstance(code, str) else zlib.decompress(code).decode("utf8")]
                del held, changed, code
                self._footer(index + 1, total)
                super().showPage()
                _compress_now(self._doc.Pages.pages[-1], self._pageCompression)
            if self._code:
                self.showPage()
            _save_streamed(self._doc, self, self._filename)

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            if same_on_every_page:  # the rule and the left-hand lines: drawn once, written again on each page
                self._code.extend(same_on_every_page)
            else:
                start = len(self._code)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, 20 * mm, PAGE_WIDTH - MARGIN, 20 * mm)
                self.setFont(FONT, small)
                self.drawString(MARGIN, 16 * mm, footer_left)
                self.drawString(MARGIN, 16 * mm - small * 1.35, made_on)
                same_on_every_page.extend(self._code[start:])
            page = _("Page {page} of {pages}").format(page=number, pages=total)
            crowded = stringWidth(footer_left, FONT, small) + stringWidth(page, FONT_BOLD, small) + 6 * mm > FRAME_WIDTH
            self.setFont(FONT_BOLD, small)
            self.drawRightString(PAGE_WIDTH - MARGIN, 16 * mm - (small * 1.35 if crowded else 0), page)
            self.restoreState()

    return NumberedCanvas


def build(
    out: Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    footer_left: str,
    generated_on: dt.date,
    large_print: bool = False,
) -> None:
    """Lay out `story` on A4 pages and write the PDF to `out` (a path or an open binary file)."""
    register_fonts()
    lk = look(large_print)
    doc = SimpleDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=26 * mm,
        title=title,
        author=author,
        subject=title,
        creator="ipb-desktop",
        lang=formatting.babel_locale().replace("_", "-"),
    )
    with _fewer_collections():
        doc.build(story, canvasmaker=_canvas_maker(footer_left, generated_on, lk.small))


_COLLECTOR = threading.Lock()
_before: list[tuple[int, int, int]] = []  # the collector's thresholds before the first document now being made
_making = [0]  # how many documents are being made now


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """While a document is made, Python's cycle collector runs less often: a long statement makes hundreds of
    thousands of short-lived objects (freed as they go, not in cycles), and each full collection walked
    everything the process holds, a sixth of a year's statement. The thresholds are put back when the last
    document being made is written (also when it fails), so any garbage left is collected as before.
    (gc.freeze would do more, but it also sets aside garbage left by the document before, for good.)"""
    with _COLLECTOR:
        if _making[0] == 0:
            _before[:] = [gc.get_threshold()]
            gc.set_threshold(20_000, 10, 100)
        _making[0] += 1
    try:
        yield
    finally:
        with _COLLECTOR:
            _making[0] -= 1
            if _making[0] == 0:
                gc.set_threshold(*_before[0])


# The long tables live in their own module; imported last because it uses the names above.
from ipb_desktop.statements.paged_table import LaterTable as LaterTable  # noqa: E402
from ipb_desktop.statements.paged_table import PagedTable as PagedTable  # noqa: E402

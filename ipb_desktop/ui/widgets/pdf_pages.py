"""PDF pages as pictures, drawn by PDFium (pypdfium2) from bytes held in memory, and printed from those pictures.

The Reports page previews and prints statements with this, and the receipt viewer shows PDF receipts. Nothing is
ever written to disk: a statement or a receipt is personal, and a temporary file would be an unencrypted copy.
PDFium is not thread-safe, so everything here runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
PRINT_DPI = 300  # sharp on paper; a printer's 1200 dpi would mean half a gigabyte for one A4 page
MAX_PIXELS = 50_000_000  # about A4 at 700 dpi; a huge page is drawn at a lower resolution rather than run out of memory


class PdfNotReadable(Exception):
    """The bytes are not a PDF that PDFium can open: damaged, locked with a password, or not a PDF at all."""


class PdfPages:
    """An open PDF, held in memory. Use it in a `with` block (or call `close`) so PDFium frees its memory."""

    def __init__(self, content: bytes) -> None:
        try:
            self._document = pdfium.PdfDocument(content)
            self._count = len(self._document)
        except pdfium.PdfiumError as exc:
            raise PdfNotReadable(str(exc)) from exc
        self._sizes: dict[int, QSizeF] = {}  # measured when first asked: a 10,000-page PDF opens at once

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._document.close()

    def size_in_points(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch), as it is shown (after any rotation the PDF asks for)."""
        if index not in self._sizes:
            try:
                self._sizes[index] = QSizeF(*self._document.get_page_size(index))
            except pdfium.PdfiumError as exc:
                raise PdfNotReadable(str(exc)) from exc
        return QSizeF(self._sizes[index])

    def render(self, index: int, dpi: float, for_print: bool = False) -> QImage:
        """Draw page `index` (from 0) at `dpi` dots per inch, on white, as an image that owns its memory."""
        size = self.size_in_points(index)
        scale = dpi / POINTS_PER_INCH
        pixels = size.width() * size.height() * scale * scale
        if pixels > MAX_PIXELS:
            scale *= (MAX_PIXELS / pixels) ** 0.5
        page = self._document[index]
        try:
            # RGBx in byte order is the same on every platform, and QImage reads it as it is: no Pillow, no numpy.
            bitmap = page.render(
                scale=scale,
                force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                rev_byteorder=True,
                optimize_mode="print" if for_print else None,
            )
            try:
                view = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
                image = view.copy()  # the view points into PDFium's memory, which is freed below
            finally:
                bitmap.close()
        except pdfium.PdfiumError as exc:
            raise PdfNotReadable(str(exc)) from exc
        finally:
            page.close()
        dots_per_metre = round(scale * POINTS_PER_INCH / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        return image


def page_count(content: bytes) -> int:
    with PdfPages(content) as pages:
        return len(pages)


def render_pages(content: bytes, dpi: float) -> Iterator[QImage]:
    """Every page of the PDF in turn, drawn at `dpi`; one page at a time is held, so long documents fit."""
    with PdfPages(content) as pages:
        for index in range(len(pages)):
            yield pages.render(index, dpi)


def fitted(image_size: QSizeF, area: QSizeF) -> QRectF:
    """Where to draw a page in `area`: as large as fits, the same shape, centred across and at the top."""
    size = image_size.scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF((area.width() - size.width()) / 2, 0, size.width(), size.height())


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The pages (from 0) the person chose in the print dialog, in the order to print them, with any copies."""
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(printer.fromPage(), count) - 1
        last = max(first, min(printer.toPage() or count, count) - 1)
    chosen = list(range(first, last + 1))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        chosen.reverse()
    # Most print systems make the copies themselves; printing to a PDF file, Qt leaves it to us.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return chosen * copies


def print_pdf(content: bytes, printer: QPrinter) -> bool:
    """Print the PDF's own pages on `printer`, each drawn at up to PRINT_DPI and fitted to the printable area.

    Returns False when the printer could not be started. Raises PdfNotReadable when the PDF cannot be drawn.
    """
    with PdfPages(content) as pages:
        chosen = pages_to_print(printer, len(pages))
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            # Without "full page", the painter's origin is the top left of the printable area.
            area = printer.pageRect(QPrinter.Unit.DevicePixel).size()
            for number, index in enumerate(chosen):
                if number and not printer.newPage():
                    return False
                image = pages.render(index, dpi, for_print=True)
                painter.drawImage(fitted(QSizeF(image.size()), area), image)
        finally:
            painter.end()
    return True

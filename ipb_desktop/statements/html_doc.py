"""The accessible twin of a printed document: one self-contained HTML page with real headings, tables with
captions and header cells, money right aligned, and print styles. Everything is built as an element tree
(`xml.etree.ElementTree`), so every word from the store (payees come from bank files) is escaped when the page is
written, never pasted into markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ipb_desktop.i18n import current_locale

CSS = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.1rem; line-height: 1.5; color: #111;
       background: #fff; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.45rem; margin-top: 2rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.2rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #555; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; }
.money { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: bold; border-top: 3px double #111; }
.note { font-size: 0.95rem; color: #333; }
blockquote { border-left: 4px solid #555; margin: 0.5rem 0; padding: 0.25rem 1rem; white-space: pre-wrap; }
.sign { border-bottom: 1px solid #111; min-height: 2rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { break-after: avoid; } table, blockquote { break-inside: auto; } tr { break-inside: avoid; }
  caption, thead { display: table-header-group; }
}
"""


def language_tag() -> str:
    """The page's language (BCP 47): en-GB or cy."""
    locale = current_locale()
    return "cy" if locale.startswith("cy") else locale.replace("_", "-") or "en-GB"


def element(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    """A child element; `text` is kept as text (escaped when written)."""
    made = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text:
        made.text = text
    return made


class Page:
    """A document being built: `body` takes sections, `write` saves the whole page."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.root = ET.Element("html", {"lang": language_tag()})
        head = element(self.root, "head")
        element(head, "meta", charset="utf-8")
        element(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
        element(head, "title", title)
        element(head, "style", CSS)
        self.body = element(self.root, "body")
        self.main = element(self.body, "main")
        element(self.main, "h1", title)

    def html(self) -> str:
        return "<!DOCTYPE html>\n" + ET.tostring(self.root, encoding="unicode", method="html") + "\n"

    def write(self, out: Path | BinaryIO) -> None:
        content = self.html().encode("utf-8")
        if isinstance(out, Path):
            out.write_bytes(content)
        else:
            out.write(content)


def section(parent: ET.Element, heading: str, level: int = 2) -> ET.Element:
    """A `<section>` opened by its heading (h2 or h3)."""
    made = element(parent, "section")
    element(made, f"h{level}", heading)
    return made


def demote(part: ET.Element) -> None:
    """Make the headings inside `part` (not its own) one level lower, so sections reused inside a part of a
    larger document (the statement inside the review pack) nest under that part's heading."""
    for found in list(part)[1:]:
        for inner in found.iter():
            if inner.tag in ("h2", "h3", "h4", "h5"):
                inner.tag = f"h{int(inner.tag[1]) + 1}"


def para(parent: ET.Element, text: str, css: str = "") -> ET.Element:
    """A paragraph; line breaks in `text` become `<br>` (still as text, never markup)."""
    made = element(parent, "p", **({"class_": css} if css else {}))
    lines = text.split("\n")
    made.text = lines[0]
    for line in lines[1:]:
        br = element(made, "br")
        br.tail = line
    return made


def own_words(parent: ET.Element, text: str) -> ET.Element:
    """The person's own words, quoted as written."""
    return element(parent, "blockquote", text)


def key_values(parent: ET.Element, caption: str, rows: Sequence[tuple[str, str]]) -> ET.Element:
    """A two-column table of facts: each label is a row header."""
    made = element(parent, "table")
    element(made, "caption", caption)
    body = element(made, "tbody")
    for label, value in rows:
        tr = element(body, "tr")
        element(tr, "th", label, scope="row")
        para_cell(tr, value)
    return made


def para_cell(row: ET.Element, text: str, css: str = "") -> ET.Element:
    cell = element(row, "td", **({"class_": css} if css else {}))
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        element(cell, "br").tail = line
    return cell


def table(
    parent: ET.Element,
    caption: str,
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    money_from: int | Sequence[int] = 1,
    total_row: bool = False,
) -> ET.Element:
    """A data table: a caption, column headers, and rows whose first cell is the row's header. Money columns
    (from `money_from` on, or those listed) are right aligned; the last row is the total when `total_row`."""
    money = set(range(money_from, len(head))) if isinstance(money_from, int) else set(money_from)
    made = element(parent, "table")
    element(made, "caption", caption)
    tr = element(element(made, "thead"), "tr")
    for i, text in enumerate(head):
        element(tr, "th", text, scope="col", **({"class_": "money"} if i in money else {}))
    body = element(made, "tbody")
    for n, row in enumerate(rows):
        tr = element(body, "tr", **({"class_": "total"} if total_row and n == len(rows) - 1 else {}))
        for i, text in enumerate(row):
            if i == 0:
                cell = element(tr, "th", scope="row")
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    element(cell, "br").tail = line
            else:
                para_cell(tr, text, "money" if i in money else "")
    return made


def signature_lines(parent: ET.Element, caption: str, labels: Sequence[tuple[str, str]]) -> ET.Element:
    """Room to sign when the page is printed: labels with the known value or an empty ruled cell."""
    made = key_values(parent, caption, labels)
    for cell in made.iter("td"):
        if not cell.text:
            cell.set("class", "sign")
    return made

"""Which kind of file this is (CSV, OFX/QFX or QIF) and how its text is encoded.

Encodings are tried from the most certain to the least: a byte-order mark, then UTF-16 without one (every
other byte zero), then strict UTF-8, then Windows-1252 / ISO-8859-1 (what UK banks' older exports use), and
only for bytes neither explains, charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re

from ipb_desktop.bankimport.lines import StatementRefused
from ipb_desktop.i18n import N_, _

# Bytes Windows-1252 leaves undefined; seeing them means the text is not Windows-1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_C1_RANGE = frozenset(range(0x80, 0xA0))

_FOREIGN = [
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", N_("spreadsheet (Excel or similar)")),
    (b"\xd0\xcf\x11\xe0", N_("spreadsheet (Excel or similar)")),
    (b"\x89PNG", N_("picture")),
    (b"\xff\xd8\xff", N_("picture")),
]


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of the file and the name of the encoding it was read with."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, name), name
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # UTF-16 without a byte-order mark: ASCII text leaves a zero in every other byte.
        name = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _strict(data, name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = frozenset(data) - frozenset(range(0x80))
    if not high & _CP1252_UNDEFINED:
        return data.decode("cp1252"), "cp1252"
    if not high & _C1_RANGE:
        return data.decode("latin-1"), "latin-1"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise StatementRefused.because(
            _("the text in this file is damaged (it stops part of the way through a letter); download it again")
        ) from exc


def detect_format(data: bytes, filename: str = "") -> str:
    """ "ofx", "qif" or "csv"; refuses files that are plainly something else (PDF, spreadsheet, picture)."""
    for magic, kind in _FOREIGN:
        if data.startswith(magic):
            raise StatementRefused.because(
                _(
                    "this is a {kind} file, not a bank statement this app can read. From your bank's website, "
                    "download the statement as CSV, OFX, QFX or QIF"
                ).format(kind=_(kind))
            )
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[:4000].count(0) > 100:
        head_text = decode_text(data)[0][:8192]
    else:
        head_text = head.decode("latin-1")
    stripped = head_text.lstrip("\ufeff \t\r\n")
    if stripped.upper().startswith("OFXHEADER") or re.search(r"<\?OFX|<OFX>", head_text, re.IGNORECASE):
        return "ofx"
    if stripped.startswith("!"):
        return "qif"
    if 0 in head and not (head.count(0) >= len(head) // 4):
        raise StatementRefused.because(_("this file is not a bank statement: it is not text"))
    lowered = filename.lower()
    if lowered.endswith((".ofx", ".qfx")) and "<" in head_text:
        return "ofx"
    return "csv"

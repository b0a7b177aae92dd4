"""Extract every marked string into resources/locale/ipb_desktop.pot and merge it into each language's .po.

Run after changing user-facing text: `.venv/bin/python tools/update_catalogs.py`. New or changed messages
arrive in the Welsh catalogue untranslated (never guessed: no fuzzy matching); tests/test_i18n.py fails until
they are translated. A file whose messages did not change is left alone, so the dates in its header do not churn.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ["cy"]
WIDTH = 110
_PERCENT_FLAG = re.compile(rb"^(#,.*?)(?<![-\w])python-format", re.MULTILINE)
_HEADER_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


def extract() -> Catalog:
    """Every message marked with `_`, `N_` or `ngettext` in ipb_desktop/ (ui/ included), with where it is used."""
    catalog = Catalog(project="ipb-desktop", domain="ipb_desktop", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "ipb_desktop", method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(f"ipb_desktop/{filename}", lineno)], auto_comments=comments, context=context)
    for filename, lineno, message in marked_in_source():
        if catalog.get(message) is None:
            catalog.add(message, None, [(filename, lineno)])
    return catalog


def marked_in_source(package: Path = ROOT / "ipb_desktop") -> list[tuple[str, int, str | tuple[str, str]]]:
    """Every `_("...")`, `N_("...")` and `ngettext("...", "...", n)` call with literal text, found by walking the
    syntax tree. babel's extractor does not look inside f-strings (f"<h2>{_('Words you may hear')}</h2>"), so
    this catches what it misses."""
    found: list[tuple[str, int, str | tuple[str, str]]] = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
                continue
            texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
            if node.func.id == "ngettext" and len(texts) >= 2 and texts[0] is not None and texts[1] is not None:
                found.append((where, node.lineno, (texts[0], texts[1])))
            elif node.func.id != "ngettext" and texts and texts[0] is not None:
                found.append((where, node.lineno, texts[0]))
    return found


def needs_translation(message: Message) -> bool:
    """Untranslated, fuzzy, or a plural message with any form left empty."""
    if not message.id:
        return False
    forms = message.string if isinstance(message.string, list | tuple) else (message.string,)
    return message.fuzzy or not all(str(form or "").strip() for form in forms)


def no_percent_formats(po_text: bytes) -> bytes:
    """Mark every message `no-python-format`: our messages are filled with `str.format` ({name}), never with
    `%`, but babel flags any text that happens to look like a %-format ("{percent}% left" holds "% le"), and
    `msgfmt -c` then refuses a translation that moves or drops the look-alike."""
    return _PERCENT_FLAG.sub(rb"\1no-python-format", po_text)


def _write_if_changed(path: Path, catalog: Catalog, **options: bool) -> bool:
    """Write `catalog` to `path` unless only the header dates would differ. True when the file was written."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, **options)
    new = no_percent_formats(buffer.getvalue())
    if path.exists() and _HEADER_DATES.sub(b"", path.read_bytes()) == _HEADER_DATES.sub(b"", new):
        return False
    path.write_bytes(new)
    return True


def main() -> int:
    template = extract()
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    _write_if_changed(LOCALE_DIR / "ipb_desktop.pot", template, omit_header=False)
    for language in LANGUAGES:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "ipb_desktop.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with open(po, "rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="ipb-desktop", domain="ipb_desktop")
            catalog.fuzzy = False
        catalog.update(template, no_fuzzy_matching=True)
        _write_if_changed(po, catalog, ignore_obsolete=True)
        todo = [message for message in catalog if needs_translation(message)]
        print(f"{language}: {sum(1 for m in catalog if m.id)} messages, {len(todo)} to translate")
        for message in todo:
            key = message.id[0] if isinstance(message.id, list | tuple) else message.id
            where = f"{message.locations[0][0]}:{message.locations[0][1]}" if message.locations else "?"
            print(f"  {where}: {key!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extract every marked string into resources/locale/ipb_desktop.pot and merge it into each language's .po.

Run after changing user-facing text: `.venv/bin/python tools/update_catalogs.py`. New or changed messages
arrive in the Welsh catalogue untranslated (or fuzzy); the test suite fails until they are translated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ["cy"]


def extract() -> Catalog:
    catalog = Catalog(project="ipb-desktop", domain="ipb_desktop", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "ipb_desktop", method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(f"ipb_desktop/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def main() -> int:
    template = extract()
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOCALE_DIR / "ipb_desktop.pot", "wb") as handle:
        write_po(handle, template, width=110, omit_header=False, sort_output=True)
    for language in LANGUAGES:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "ipb_desktop.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with open(po, "rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="ipb-desktop", domain="ipb_desktop")
        catalog.update(template, no_fuzzy_matching=True)
        with open(po, "wb") as handle:
            write_po(handle, catalog, width=110, sort_output=True, ignore_obsolete=True)
        missing = sum(1 for m in catalog if m.id and not m.string)
        print(f"{language}: {len(catalog)} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())

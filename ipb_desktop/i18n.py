"""One place for translated text: `_`, `N_` and `ngettext`, backed by gettext catalogues in resources/locale.

The core marks its strings with these too, so the same words reach the GUI, the CLI and printed documents.
Catalogues are read straight from their `.po` files with babel (no compile step to forget); English (UK) is the
source language, so it needs no catalogue.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from importlib import resources

DOMAIN = "ipb_desktop"
DEFAULT_LOCALE = "en_GB"
LANGUAGES = {"en_GB": "English (UK)", "cy": "Cymraeg (Welsh)"}
_translations: gettext.NullTranslations = gettext.NullTranslations()
_current = DEFAULT_LOCALE


class _PoTranslations(gettext.NullTranslations):
    """gettext translations built from a babel Catalog; untranslated or fuzzy messages fall back to English."""

    def __init__(self, messages: dict[str, str | tuple[str, ...]], plural: Callable[[int], int]) -> None:
        super().__init__()
        self._messages = messages
        self._plural = plural

    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        return found if isinstance(found, str) and found else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self._messages.get(msgid1)
        if isinstance(found, tuple):
            index = self._plural(n)
            if 0 <= index < len(found) and found[index]:
                return found[index]
        return msgid1 if n == 1 else msgid2


def po_path(locale: str) -> str:
    return str(resources.files("ipb_desktop.resources") / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.po")


@cache
def _load(locale: str) -> gettext.NullTranslations:
    from babel.messages.pofile import read_po

    try:
        with open(po_path(locale), "rb") as handle:
            catalog = read_po(handle, locale=locale)
    except (OSError, ValueError):
        return gettext.NullTranslations()
    messages: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = str(message.id[0] if isinstance(message.id, list | tuple) else message.id)
        text = message.string
        messages[key] = tuple(str(t) for t in text) if isinstance(text, list | tuple) else str(text or "")
    return _PoTranslations(messages, gettext.c2py(catalog.plural_expr))


def set_locale(name: str) -> None:
    """Switch every later `_()` call to `name` ("en_GB" or "cy" for Welsh); unknown names fall back to English."""
    global _translations, _current
    _current = name if name in LANGUAGES else DEFAULT_LOCALE
    _translations = gettext.NullTranslations() if _current == DEFAULT_LOCALE else _load(_current)


def current_locale() -> str:
    return _current


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (for module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)

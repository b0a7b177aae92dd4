"""One place for translated text: `_`, `N_` and `ngettext`, backed by gettext catalogues in resources/locale.

The core marks its strings with these too, so the same words reach the GUI, the CLI and printed documents.
"""

from __future__ import annotations

import gettext
from importlib import resources

DOMAIN = "ipb_desktop"
DEFAULT_LOCALE = "en_GB"
_translations: gettext.NullTranslations = gettext.NullTranslations()
_current = DEFAULT_LOCALE


def locale_dir() -> str:
    """The folder holding `<locale>/LC_MESSAGES/ipb_desktop.mo`."""
    return str(resources.files("ipb_desktop.resources") / "locale")


def set_locale(name: str) -> None:
    """Switch every later `_()` call to `name` (for example "cy" for Welsh); unknown names fall back to English."""
    global _translations, _current
    _translations = gettext.translation(DOMAIN, locale_dir(), languages=[name], fallback=True)
    _current = name


def current_locale() -> str:
    return _current


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (for module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)

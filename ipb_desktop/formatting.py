"""Money and dates for people, formatted with babel in the chosen locale (en_GB by default: £1,234.50,
23 November 2026). Used only at the edges: views, printed documents, CLI text output. babel is imported on the
first use, so a command that prints no money or dates (`summary --json`) never loads its locale data."""

from __future__ import annotations

import datetime as dt

from ipb_desktop.i18n import current_locale
from ipb_desktop.money import pence_to_decimal

_BABEL_LOCALES = {"en_GB": "en_GB", "cy": "cy_GB"}


def babel_locale(name: str | None = None) -> str:
    return _BABEL_LOCALES.get(name or current_locale(), "en_GB")


def money(pence: int, locale: str | None = None) -> str:
    """£1,234.50, or -£3.00 for money going the other way."""
    from babel.numbers import format_currency

    return str(format_currency(pence_to_decimal(pence), "GBP", locale=babel_locale(locale)))


def date_long(day: dt.date, locale: str | None = None) -> str:
    """23 November 2026."""
    from babel.dates import format_date as _babel_date

    return str(_babel_date(day, format="d MMMM y", locale=babel_locale(locale)))


def date_short(day: dt.date, locale: str | None = None) -> str:
    """23/11/2026."""
    from babel.dates import format_date as _babel_date

    return str(_babel_date(day, format="dd/MM/y", locale=babel_locale(locale)))

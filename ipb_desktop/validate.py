"""Small checks shared by the services; each failure names the field and says how to fix it."""

from __future__ import annotations

import datetime as dt

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _

SHORT_TEXT = 200
LONG_TEXT = 5000


def text(value: str | None, field: str, *, required: bool = False, max_length: int = SHORT_TEXT) -> str | None:
    """Trimmed text, or None when empty and not required."""
    cleaned = (value or "").strip()
    if "\x00" in cleaned:
        raise InvalidInput(field, _("this text contains a character that cannot be stored; please retype it"))
    if not cleaned:
        if required:
            raise InvalidInput(field, _("this cannot be empty; please write something here"))
        return None
    if len(cleaned) > max_length:
        raise InvalidInput(
            field,
            _("this is {n} characters long; the most is {max}. Please shorten it").format(
                n=len(cleaned), max=max_length
            ),
        )
    return cleaned


def required_text(value: str | None, field: str, max_length: int = SHORT_TEXT) -> str:
    result = text(value, field, required=True, max_length=max_length)
    assert result is not None
    return result


def choice(value: str, field: str, allowed: type) -> str:
    """A code from a StrEnum, with the allowed codes listed when it is not one of them."""
    codes = [member.value for member in allowed]  # type: ignore[attr-defined]
    if value not in codes:
        raise InvalidInput(field, _("'{value}' is not one of: {codes}").format(value=value, codes=", ".join(codes)))
    return value


def date_in_range(value: dt.date, field: str) -> dt.date:
    if not dt.date(1990, 1, 1) <= value <= dt.date(2100, 12, 31):
        raise InvalidInput(field, _("{value} is not a date this app can use (1990 to 2100)").format(value=value))
    return value


def parse_date(value: str, field: str = "date") -> dt.date:
    """A date typed as 2026-11-23, 23/11/2026 or 23-11-2026 (UK day-first order)."""
    raw = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return date_in_range(dt.datetime.strptime(raw, fmt).date(), field)
        except ValueError:
            continue
    raise InvalidInput(
        field,
        _("'{value}' is not a date. Write it as day/month/year, for example 23/11/2026").format(value=raw[:40]),
    )

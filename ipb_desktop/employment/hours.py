"""Hours as whole minutes: read what a person types ("7.5", "7:30", "09:00-16:30"), write it back plainly."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _

MAX_SHIFT_MINUTES = 24 * 60
MAX_PERIOD_MINUTES = 744 * 60  # every hour of a 31-day month
MAX_WEEK_MINUTES = 168 * 60
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_minutes(text: str, field: str = "hours", most: int = MAX_SHIFT_MINUTES) -> int:
    """ "7.5" or "7:30" hours as 450 minutes; more than 0 and at most `most` minutes (a day, unless given)."""
    raw = text.strip().lower().removesuffix("hours").removesuffix("h").strip()
    try:
        if ":" in raw:
            hours, _sep, mins = raw.partition(":")
            if not mins.isdigit() or int(mins) >= 60:
                raise ValueError
            minutes = int(hours) * 60 + int(mins)
        else:
            minutes = int((Decimal(raw) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (ValueError, InvalidOperation) as exc:
        raise InvalidInput(
            field, _("'{text}' is not a number of hours. Write it like 7.5 or 7:30").format(text=text.strip()[:20])
        ) from exc
    if not 0 < minutes <= most:
        raise InvalidInput(field, _("the hours must be more than 0 and at most {most}").format(most=most // 60))
    return minutes


def parse_clock(text: str, field: str) -> int:
    """ "09:00" as minutes after midnight."""
    found = _CLOCK.match(text.strip())
    if found is None:
        raise InvalidInput(field, _("'{text}' is not a time. Write it like 09:00 or 16:30").format(text=text[:20]))
    return int(found.group(1)) * 60 + int(found.group(2))


def clock_text(minutes_after_midnight: int) -> str:
    return f"{minutes_after_midnight // 60:02d}:{minutes_after_midnight % 60:02d}"


def span_minutes(start: str, end: str) -> int:
    """Minutes from `start` to `end` ("22:00" to "07:00" is a night shift of 9 hours)."""
    first, last = parse_clock(start, "start"), parse_clock(end, "end")
    minutes = (last - first) % MAX_SHIFT_MINUTES
    if minutes == 0:
        raise InvalidInput("end", _("the shift ends when it starts; check the times"))
    return minutes


def hours_plain(minutes: int) -> str:
    """450 minutes as "7.5"; 455 as "7.58" (two places at most, for CSV, JSON and tables)."""
    value = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text or "0"

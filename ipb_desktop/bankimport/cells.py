"""Reading one cell of a statement: a date (whose order is decided once per file) or an amount of money.

Dates are read without `strptime` so that deciding the order from every row of a 10,000-line file stays quick.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.money import parse_pence

DMY, MDY, YMD = "dmy", "mdy", "ymd"
# When a file fits more than one order equally well, UK day-first wins.
PREFERENCE = (DMY, YMD, MDY)
ORDER_NAMES = {DMY: N_("day/month/year"), MDY: N_("month/day/year"), YMD: N_("year-month-day")}

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?$")
_PARTS = re.compile(r"[/.\-, ]+")
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class _Shape:
    """A date cell split into its parts, before deciding which part is the day."""

    a: int
    b: int
    c: int
    year_first: bool
    month_named: str  # "", "first" (Jan 15 2024) or "second" (15 Jan 2024)
    short_year: bool = False  # the year was written with one or two digits ("24"), so it means 2024


def _year(value: int) -> int:
    if value < 100:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _shape(text: str) -> _Shape | None:
    raw = _TIME_TAIL.sub("", text.strip())
    if re.fullmatch(r"\d{8}", raw):
        return _Shape(int(raw[:4]), int(raw[4:6]), int(raw[6:]), True, "")
    parts = [p for p in _PARTS.split(raw) if p]
    if len(parts) != 3:
        return None
    named = ""
    numbers: list[int] = []
    for i, part in enumerate(parts):
        if part.isdigit():
            numbers.append(int(part))
        elif part.lower() in _MONTHS and i < 2:
            named = "first" if i == 0 else "second"
            numbers.append(_MONTHS[part.lower()])
        else:
            return None
    year_first = len(parts[0]) == 4 and parts[0].isdigit()
    short_year = not year_first and len(parts[2]) <= 2  # "0001" is year 1 (refused), never 2001
    return _Shape(numbers[0], numbers[1], numbers[2], year_first, named, short_year)


def _as_date(shape: _Shape, order: str) -> dt.date | None:
    if shape.year_first:
        if order != YMD:
            return None
        y, m, d = shape.a, shape.b, shape.c
    elif order == YMD:
        return None
    elif shape.month_named:
        if (shape.month_named == "second") != (order == DMY):
            return None
        y, m, d = (shape.c, shape.b, shape.a) if order == DMY else (shape.c, shape.a, shape.b)
    elif order == DMY:
        y, m, d = shape.c, shape.b, shape.a
    else:
        y, m, d = shape.c, shape.a, shape.b
    try:
        day = dt.date(_year(y) if shape.short_year else y, m, d)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def looks_like_date(text: str) -> bool:
    shape = _shape(text)
    return shape is not None and any(_as_date(shape, order) for order in PREFERENCE)


def choose_order(cells: Iterable[str]) -> str:
    """The date order that reads the most cells of the file; ties go to day/month/year (UK)."""
    votes: Counter[str] = Counter()
    for cell in cells:
        shape = _shape(cell)
        if shape is None:
            continue
        for order in PREFERENCE:
            if _as_date(shape, order) is not None:
                votes[order] += 1
    if not votes:
        return DMY
    best = max(votes.values())
    return next(order for order in PREFERENCE if votes[order] == best)


def read_date(text: str, order: str) -> dt.date:
    """The date in `text` read in the file's `order`; ValueError with a plain reason when it is not one."""
    shape = _shape(text)
    if shape is None:
        if not text.strip():
            raise ValueError(_("the date is missing"))
        raise ValueError(_("'{text}' is not a date").format(text=text.strip()[:40]))
    day = _as_date(shape, order)
    if day is not None:
        return day
    others = [o for o in PREFERENCE if o != order and _as_date(shape, o) is not None]
    if others:
        raise ValueError(
            _("'{text}' is written {other}, but the other dates in this file are {order}").format(
                text=text.strip(), other=_(ORDER_NAMES[others[0]]), order=_(ORDER_NAMES[order])
            )
        )
    raise ValueError(_("'{text}' is not a real date").format(text=text.strip()[:40]))


def read_amount(text: str) -> int | None:
    """Signed pence from a statement cell ("£1,234.50", "(12.50)", "-3", "12.50 DR"); None when empty.

    ValueError with a plain reason when the cell is not an amount of money.
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if raw in ("", "-", "\u2014", "\u2013"):
        return None
    negative = False
    upper = raw.upper()
    if upper.endswith(("DR", "CR")):
        negative, raw = upper.endswith("DR"), raw[:-2]
    if raw.upper().startswith("GBP"):
        raw = raw[3:]
    if raw.startswith("+"):
        raw = raw[1:]
    elif raw.endswith("-") and len(raw) > 1:
        negative, raw = not negative, raw[:-1]
    try:
        pence = parse_pence(raw, allow_negative=True)
    except InvalidInput as exc:
        raise ValueError(_("'{text}' is not an amount of money").format(text=text.strip()[:40])) from exc
    return -pence if negative else pence

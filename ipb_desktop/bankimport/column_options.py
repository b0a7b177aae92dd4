"""The column choices a person can type (the command line's `--columns`, `--date-format`, `--flip-signs`): the
same power as the window's column step, written as text and checked against the file's headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ipb_desktop.bankimport.cells import DMY, MDY, YMD
from ipb_desktop.bankimport.mapping import COLUMN_FIELDS, ColumnMapping, normalise_heading
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _

# The words typed before "=" for each field (the first is the one shown in help and advice).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "amount": ("amount",),
    "paid_out": ("paid-out", "paid_out", "out", "debit"),
    "paid_in": ("paid-in", "paid_in", "in", "credit"),
    "payee": ("payee", "who"),
    "description": ("description", "detail", "details", "memo"),
    "reference": ("reference", "id"),
    "balance": ("balance",),
    "dr_cr": ("cr-dr", "dr-cr", "mark"),
    "fee": ("fee",),
    "state": ("state", "status"),
    "currency": ("currency",),
}
_BY_WORD = {word: field for field, words in FIELD_WORDS.items() for word in words}
_NONE_WORDS = ("none", "-", "")


def option_word(field: str) -> str:
    """The word for `field` in `--columns` ("paid_out" -> "paid-out")."""
    return FIELD_WORDS[field][0]


def date_order(text: str) -> str:
    """ "dd/mm/yyyy", "MM/DD/YY", "%Y-%m-%d", "d-mmm-yyyy" or "dmy" -> "dmy", "mdy" or "ymd"."""
    raw = text.strip().lower()
    if raw in (DMY, MDY, YMD):
        return raw
    letters = [ch for ch in re.sub(r"%([dmybY])", r"\1", raw).lower() if ch in "dmy"]
    order = "".join(dict.fromkeys(letters))
    if order in (DMY, MDY, YMD):
        return order
    raise InvalidInput(
        "date-format",
        _("'{text}' is not a date format this app knows; write it like dd/mm/yyyy, mm/dd/yyyy or yyyy-mm-dd").format(
            text=text.strip()[:40]
        ),
    )


def column_index(header: list[str], text: str) -> int | None:
    """The column meant by `text`: its number (from 1) or its heading; None for "none"."""
    wanted = text.strip().strip("\"'")
    if wanted.lower() in _NONE_WORDS:
        return None
    if wanted.isdigit() and 1 <= int(wanted) <= len(header):
        return int(wanted) - 1
    for i, heading in enumerate(header):
        if heading.strip().casefold() == wanted.casefold():
            return i
    for i, heading in enumerate(header):
        if normalise_heading(heading) == normalise_heading(wanted) and normalise_heading(wanted):
            return i
    headings = ", ".join(f"{i + 1} {h or '-'}" for i, h in enumerate(header))
    raise InvalidInput(
        "columns",
        _("this file has no column '{name}'. Give a heading or a number from: {headings}").format(
            name=wanted[:60], headings=headings
        ),
    )


def parse_columns(header: list[str], text: str) -> dict[str, int | None]:
    """ "date=Date,amount=3,payee=none" -> {"date": 0, "amount": 2, "payee": None}."""
    chosen: dict[str, int | None] = {}
    for part in (p for p in text.split(",") if p.strip()):
        word, equals, value = part.partition("=")
        field = _BY_WORD.get(word.strip().lower())
        if not equals or field is None:
            words = ", ".join(option_word(f) for f in COLUMN_FIELDS)
            raise InvalidInput(
                "columns",
                _("'{part}' is not a column choice; write it like date=1,amount=3 using these names: {words}").format(
                    part=part.strip()[:40], words=words
                ),
            )
        chosen[field] = column_index(header, value)
    return chosen


@dataclass(frozen=True)
class MappingOptions:
    """What the person typed; `apply` puts it over the mapping that would otherwise be used."""

    columns: str | None = None
    date_format: str | None = None
    flip_signs: bool | None = None

    @property
    def empty(self) -> bool:
        return not self.columns and not self.date_format and self.flip_signs is None

    def apply(self, header: list[str], base: ColumnMapping) -> ColumnMapping:
        mapping = base
        if self.columns:
            chosen = parse_columns(header, self.columns)
            if "amount" in chosen and "paid_out" not in chosen and "paid_in" not in chosen:
                chosen["paid_out"] = chosen["paid_in"] = None
            elif ("paid_out" in chosen or "paid_in" in chosen) and "amount" not in chosen:
                chosen["amount"] = None
            taken = {v for v in chosen.values() if v is not None}
            # A column now chosen for one thing is no longer used for what the guess had it for.
            freed = {f: None for f, v in mapping.columns().items() if v in taken and f not in chosen}
            mapping = replace(mapping, **freed, **chosen)  # type: ignore[arg-type]
        if self.date_format:
            mapping = replace(mapping, date_order=date_order(self.date_format))
        if self.flip_signs is not None:
            mapping = replace(mapping, flip_signs=self.flip_signs)
        return mapping

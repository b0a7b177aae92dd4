"""The rules every record read back from "Export everything" must keep: the same limits as typed input.

An export is a plain zip anyone can edit, so nothing in it is trusted: text has its column's length and no control
characters, money is whole pence within the app's limit, dates are 1990 to 2100, codes are ones the app knows,
and scores fit their scale. The store's own id and its audit log are never read from it (see export_all).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from ipb_desktop.i18n import _
from ipb_desktop.models.enums import (
    Direction,
    FunderKind,
    HeldAs,
    OutcomeStatus,
    PaymentMethod,
    RatingScale,
    Schedule,
)
from ipb_desktop.money import MAX_PENCE

# Tables whose rows are made by the new store itself, never copied from an export.
NOT_IMPORTED = frozenset({"store_info", "audit_entry"})

_CODES: dict[str, type[StrEnum]] = {
    "direction": Direction,
    "funder_kind": FunderKind,
    "schedule": Schedule,
    "held_as": HeldAs,
    "payment_method": PaymentMethod,
    "scale": RatingScale,
}
_TABLE_CODES: dict[tuple[str, str], type[StrEnum]] = {("outcome", "status"): OutcomeStatus}
_SCORES = {RatingScale.OWN_WORDS.value: (0, 10), RatingScale.GOAL_ATTAINMENT.value: (-2, 2)}
_FIRST_DAY, _LAST_DAY = dt.date(1990, 1, 1), dt.date(2100, 12, 31)
_BIGGEST_NUMBER = 2**53  # ids, counts and sort orders: anything larger was not written by the app
_ALLOWED_CONTROLS = {"\n", "\t"}


class RuleBroken(ValueError):
    """One value breaks a rule; the message says which rule, in plain words."""


def check_value(table: sa.Table, column: sa.Column[Any], value: Any) -> None:
    """Raise RuleBroken when `value` (already of the column's type) breaks a rule for typed input."""
    if value is None:
        return
    kind = column.type
    if isinstance(value, bool):
        return
    if isinstance(value, int) and isinstance(kind, sa.Integer):
        if column.name.endswith("_pence"):
            if not 0 <= value <= MAX_PENCE:
                raise RuleBroken(_("an amount must be between 0 and {most} pence").format(most=MAX_PENCE))
        elif abs(value) >= _BIGGEST_NUMBER:
            raise RuleBroken(_("the number is too large"))
        return
    if isinstance(value, dt.datetime):
        if not _FIRST_DAY <= value.date() <= _LAST_DAY:
            raise RuleBroken(_("the date must be between 1990 and 2100"))
        return
    if isinstance(value, dt.date):
        if not _FIRST_DAY <= value <= _LAST_DAY:
            raise RuleBroken(_("the date must be between 1990 and 2100"))
        return
    if isinstance(value, str):
        _check_text(table, column, value)


def _check_text(table: sa.Table, column: sa.Column[Any], value: str) -> None:
    length = getattr(column.type, "length", None)
    if length is not None and len(value) > length:
        raise RuleBroken(_("the text is longer than {n} characters").format(n=length))
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in _ALLOWED_CONTROLS for c in value):
        raise RuleBroken(_("the text holds control characters"))
    codes = _TABLE_CODES.get((table.name, column.name)) or _CODES.get(column.name)
    if codes is not None and value not in {member.value for member in codes}:
        raise RuleBroken(_("'{value}' is not a code the app knows").format(value=value[:20]))


def check_row(table: sa.Table, row: dict[str, Any]) -> None:
    """Rules that join two fields of one record."""
    if table.name == "rating":
        low, high = _SCORES.get(str(row.get("scale")), (-_BIGGEST_NUMBER, _BIGGEST_NUMBER))
        score = row.get("score")
        if isinstance(score, int) and not low <= score <= high:
            raise RuleBroken(_("a score on this scale must be from {low} to {high}").format(low=low, high=high))

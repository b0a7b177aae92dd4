"""Money is integer pence everywhere in the core. This module is the one place that turns text into pence
and pence into plain decimals (formatting for people, with babel, happens at the edge: `ipb_desktop.formatting`).

Never use floating point: "never use floating-point in an accounting system" (beancount).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _

# Ten million pounds: far above any personal budget, low enough to catch a pasted account number.
MAX_PENCE = 10_000_000_00

_MONEY_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$|^\d+(\.\d{1,2})?$|^\.\d{1,2}$")


def parse_pence(text: str, field: str = "amount", allow_negative: bool = False) -> int:
    """Read an amount a person typed ("12.50", "£1,234", "0.5", "-3.00" where allowed) as pence.

    Raises InvalidInput naming `field` and saying how to fix it.
    """
    raw = text.strip().replace("\u00a3", " ").strip()
    if raw.upper().endswith("GBP"):
        raw = raw[:-3].strip()
    if raw.startswith("-") or (raw.startswith("(") and raw.endswith(")")):
        raw = raw[0] + raw[1:].strip()
    if re.fullmatch(r"[-(]?[\d.,]+(\s+[\d.,]+)+\)?", raw):
        # "12 50" must not become 1250.00: a space inside the number is a question, not a thousands mark.
        raise InvalidInput(
            field,
            _("'{text}' has a space inside the number. Type it without spaces, for example 12.50").format(
                text=text.strip()[:40]
            ),
        )
    negative = False
    if raw.startswith("-"):
        negative, raw = True, raw[1:]
    elif raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1]
    if raw.startswith("\u00a3"):
        raw = raw[1:]
    if not raw:
        raise InvalidInput(field, _("enter an amount in pounds and pence, for example 12.50"))
    if not _MONEY_RE.match(raw):
        raise InvalidInput(
            field,
            _("'{text}' is not an amount of money. Use digits and a point, for example 12.50").format(
                text=text.strip()[:40]
            ),
        )
    pence = decimal_to_pence(Decimal(raw.replace(",", "")))
    if negative:
        if not allow_negative:
            raise InvalidInput(field, _("enter the amount without a minus sign"))
        pence = -pence
    if abs(pence) > MAX_PENCE:
        raise InvalidInput(field, _("that amount is too large; the most this app accepts is 10,000,000.00"))
    return pence


def decimal_to_pence(value: Decimal) -> int:
    """Exact pounds to pence; rejects fractions of a penny rather than silently rounding them, and anything that
    is not a finite amount within the app's limit (infinity, NaN, 1E+999999999 from a hostile statement)."""
    try:
        if not value.is_finite():
            raise InvalidInput("amount", _("that is not an amount of money"))
        if abs(value) > MAX_PENCE:  # pounds: a hundred times past the limit, so the sums below stay small
            raise InvalidInput("amount", _("that amount is too large; the most this app accepts is 10,000,000.00"))
        scaled = value * 100
        if scaled != scaled.to_integral_value():
            raise InvalidInput("amount", _("amounts can have at most two digits after the point"))
        return int(scaled)
    except ArithmeticError as exc:  # decimal's InvalidOperation, Overflow
        raise InvalidInput("amount", _("that is not an amount of money")) from exc


def pence_to_decimal(pence: int) -> Decimal:
    """Pence as a plain two-place Decimal, for CSV and JSON ("1234.50")."""
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


def format_plain(pence: int) -> str:
    """Plain "1234.50" / "-3.00" text, with no currency symbol or grouping (machine-readable edges)."""
    return str(pence_to_decimal(pence))


def divide_round(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero (so 52 weekly shares of a yearly sum round fairly)."""
    if denominator == 0:
        raise ZeroDivisionError("denominator is zero")
    q = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(q)

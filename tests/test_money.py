from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipb_desktop.errors import InvalidInput
from ipb_desktop.money import MAX_PENCE, decimal_to_pence, divide_round, format_plain, parse_pence


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("12.50", 1250),
        ("£1,234", 123400),
        ("0.5", 50),
        (" 7 ", 700),
        (".99", 99),
        ("£ 3.05", 305),
        ("12GBP", 1200),
        ("12 GBP", 1200),
        ("- 3.00", -300),
    ],
)
def test_amounts_people_type(typed: str, pence: int) -> None:
    assert parse_pence(typed, allow_negative=True) == pence


@pytest.mark.parametrize("typed", ["", "abc", "12.345", "1,23", "1.2.3", "12,50", "--3", "nan", "1e5"])
def test_not_amounts_name_the_field_and_change_nothing(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_pence(typed, field="amount")
    assert caught.value.field == "amount"
    assert caught.value.reason


@pytest.mark.parametrize("typed", ["12 50", "1 250", "£12 50", "12 .50", "- 3 00"])
def test_digits_split_by_spaces_are_refused_not_joined(typed: str) -> None:
    with pytest.raises(InvalidInput, match="space"):
        parse_pence(typed, allow_negative=True)


def test_negative_only_where_allowed() -> None:
    with pytest.raises(InvalidInput, match="minus"):
        parse_pence("-3.00")
    assert parse_pence("-3.00", allow_negative=True) == -300
    assert parse_pence("(3.00)", allow_negative=True) == -300


def test_too_large_is_refused() -> None:
    with pytest.raises(InvalidInput, match="too large"):
        parse_pence("99999999999")


def test_fractions_of_a_penny_are_refused_not_rounded() -> None:
    with pytest.raises(InvalidInput):
        decimal_to_pence(Decimal("1.005"))


def test_divide_round_half_away() -> None:
    assert divide_round(5, 2) == 3
    assert divide_round(-5, 2) == -3
    assert divide_round(676000, 52) == 13000


@given(st.integers(min_value=0, max_value=MAX_PENCE))
def test_plain_format_round_trips(pence: int) -> None:
    assert parse_pence(format_plain(pence)) == pence


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_plain_refusal(text: str) -> None:
    try:
        pence = parse_pence(text)
    except InvalidInput as exc:
        assert exc.field == "amount" and exc.reason  # noqa: PT017 - any text: refused or read, never a crash
    else:
        assert 0 <= pence <= MAX_PENCE

"""Date presets for statements: quarters of the budget year, the budget year so far, since the last review."""

from __future__ import annotations

import datetime as dt

import pytest

from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.store import Store
from ipb_desktop.statements.periods import DateRange, Preset, add_months, check_range, last_review_date, resolve

D = dt.date


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        (Preset.THIS_QUARTER, D(2026, 8, 15), DateRange(D(2026, 7, 1), D(2026, 8, 15))),
        (Preset.LAST_QUARTER, D(2026, 8, 15), DateRange(D(2026, 4, 1), D(2026, 6, 30))),
        (Preset.LAST_QUARTER, D(2026, 7, 1), DateRange(D(2026, 4, 1), D(2026, 6, 30))),
        (Preset.THIS_QUARTER, D(2027, 3, 31), DateRange(D(2027, 1, 1), D(2027, 3, 31))),
        (Preset.THIS_BUDGET_YEAR, D(2026, 8, 15), DateRange(D(2026, 4, 1), D(2026, 8, 15))),
        # The review is on 1 March 2027, so the last one was a year before.
        (Preset.SINCE_LAST_REVIEW, D(2026, 8, 15), DateRange(D(2026, 3, 1), D(2026, 8, 15))),
        (Preset.SINCE_LAST_REVIEW, D(2027, 3, 10), DateRange(D(2027, 3, 1), D(2027, 3, 10))),
    ],
)
def test_presets_in_the_fixture_budget_year(
    filled_store: Store, preset: Preset, today: dt.date, expected: DateRange
) -> None:
    with filled_store.reading() as s:
        assert resolve(s, preset, today) == expected


def test_without_a_budget_period_quarters_follow_the_financial_year(store: Store) -> None:
    with store.reading() as s:
        assert resolve(s, Preset.LAST_QUARTER, D(2026, 2, 10)) == DateRange(D(2025, 10, 1), D(2025, 12, 31))
        assert resolve(s, Preset.THIS_BUDGET_YEAR, D(2026, 2, 10)) == DateRange(D(2025, 4, 1), D(2026, 2, 10))
        assert last_review_date(s, D(2026, 2, 10)) is None
        assert resolve(s, Preset.SINCE_LAST_REVIEW, D(2026, 2, 10)).start == D(2025, 4, 1)


def test_unknown_presets_and_backwards_dates_are_refused(store: Store) -> None:
    with store.reading() as s, pytest.raises(InvalidInput) as caught:
        resolve(s, "next_century", D(2026, 1, 1))
    assert "this_quarter" in caught.value.reason
    with pytest.raises(InvalidInput, match="swap"):
        check_range(D(2026, 2, 1), D(2026, 1, 1))


def test_adding_months_keeps_to_the_end_of_short_months() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 3, 31), -12) == D(2025, 3, 31)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)

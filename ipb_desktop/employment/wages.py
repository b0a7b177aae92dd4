"""The National Minimum Wage and National Living Wage, held as data with the dates they start.

A rate applies to pay reference periods that start on or after its date (GOV.UK: "the rate increases apply from
the start of the first pay reference period beginning on or after 1 April"). Amounts are pence per hour.
Add a row here each April when the government announces the new rates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ipb_desktop.employment.kinds import AgeBand


@dataclass(frozen=True)
class MinimumWage:
    starts: dt.date
    age_band: str
    hourly_pence: int


MINIMUM_WAGES: tuple[MinimumWage, ...] = (
    MinimumWage(dt.date(2024, 4, 1), AgeBand.ADULT, 1144),
    MinimumWage(dt.date(2024, 4, 1), AgeBand.YOUNG, 860),
    MinimumWage(dt.date(2024, 4, 1), AgeBand.UNDER_18, 640),
    MinimumWage(dt.date(2024, 4, 1), AgeBand.APPRENTICE, 640),
    MinimumWage(dt.date(2025, 4, 1), AgeBand.ADULT, 1221),
    MinimumWage(dt.date(2025, 4, 1), AgeBand.YOUNG, 1000),
    MinimumWage(dt.date(2025, 4, 1), AgeBand.UNDER_18, 755),
    MinimumWage(dt.date(2025, 4, 1), AgeBand.APPRENTICE, 755),
    MinimumWage(dt.date(2026, 4, 1), AgeBand.ADULT, 1271),
    MinimumWage(dt.date(2026, 4, 1), AgeBand.YOUNG, 1085),
    MinimumWage(dt.date(2026, 4, 1), AgeBand.UNDER_18, 800),
    MinimumWage(dt.date(2026, 4, 1), AgeBand.APPRENTICE, 800),
)


def minimum_on(day: dt.date, age_band: str = AgeBand.ADULT) -> MinimumWage | None:
    """The minimum hourly rate in force on `day` for the band, or None before the first rate held here."""
    found = None
    for rate in MINIMUM_WAGES:
        if rate.age_band == age_band and rate.starts <= day and (found is None or rate.starts > found.starts):
            found = rate
    return found


def later_minimums(after: dt.date, age_band: str = AgeBand.ADULT) -> list[MinimumWage]:
    """Rates for the band that start after `after` (already announced), soonest first."""
    return sorted((r for r in MINIMUM_WAGES if r.age_band == age_band and r.starts > after), key=lambda r: r.starts)


def pays_at_least(gross_pence: int, minutes: int, hourly_pence: int) -> bool:
    """gross ÷ hours ≥ hourly rate, worked in whole numbers: gross × 60 ≥ rate × minutes."""
    return gross_pence * 60 >= hourly_pence * minutes

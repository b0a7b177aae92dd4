"""Fixtures for statement tests: the shared Alys Testwood budget, plus its ids by name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipb_desktop.models.schema import FundingStream, Outcome, PlanLine
from ipb_desktop.models.store import Store

APRIL, JUNE_END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
MADE_ON = dt.date(2026, 7, 2)


@pytest.fixture
def ids(filled_store: Store) -> dict[str, int]:
    """Ids of the fixture budget's streams, plan lines and outcomes, by a short name."""
    with filled_store.reading() as s:
        streams = {f.funder_name: f.id for f in s.scalars(select(FundingStream))}
        lines = {p.description: p.id for p in s.scalars(select(PlanLine))}
        goals = {o.what_matters: o.id for o in s.scalars(select(Outcome))}
    return {
        "council": streams["Exampleshire Council"],
        "nhs": streams["Exampleshire ICB"],
        "pa": lines["Personal assistant 2.5 hours a week"],
        "pottery": lines["Pottery class"],
        "laptop": lines["Laptop for job search"],
        "confidence": goals["Regain confidence to go out on my own"],
        "work": goals["Get back into work"],
    }

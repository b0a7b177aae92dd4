"""A store with one PA for the employment tests: Jo Example, support worker from 1 April 2026, £12.80 an hour,
10 hours a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from ipb_desktop.employment import employees
from ipb_desktop.models.store import Store


@pytest.fixture
def session(store: Store) -> Iterator[Session]:
    with store.transaction() as s:
        yield s


@pytest.fixture
def jo(session: Session) -> int:
    details = employees.EmployeeDetails(
        "Jo Example", dt.date(2026, 4, 1), role="Support worker", usual_minutes_per_week=600
    )
    employee, warnings = employees.add_employee(session, details, 1280)
    assert warnings == []
    return employee.id

"""Migration 0004 adds the employment tables to a store made by version 0.1.0, exactly as the mapped classes
describe them, and the new tables work straight away."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ipb_desktop import holder
from ipb_desktop.employment import employees, shifts
from ipb_desktop.models import month_allocations, payee_choices, payer_streams, search_index
from ipb_desktop.models.schema import Base
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"


def _kept_by_triggers(difference: object) -> bool:
    """The search index, month totals and payee choices are made with plain SQL (FTS5 and triggers), not mapped
    classes."""
    table = difference[1] if isinstance(difference, tuple) and len(difference) > 1 else None
    name = getattr(table, "name", "")
    return name.startswith(search_index.TABLE) or name in (
        "month_total",
        month_allocations.TABLE,
        payee_choices.TABLE,
        payer_streams.TABLE,
    )


TABLES = {"employee", "employee_rate", "shift", "payslip", "employer_check"}


def test_a_0_1_0_store_gains_the_employment_tables_and_keeps_its_budget(tmp_path: Path) -> None:
    copy = tmp_path / "old.ipb"
    shutil.copy(DATA / "store-v0.1.0.ipb", copy)
    with Store.open(copy, PASSPHRASE) as store, store.transaction() as s:
        h = holder.get_holder(s)
        assert h is not None and h.name == "Alys Testwood"
        differences = [
            d
            for d in compare_metadata(MigrationContext.configure(s.connection()), Base.metadata)
            if not _kept_by_triggers(d)
        ]
        assert differences == []  # the upgraded schema is exactly what the mapped classes say
        names = set(s.connection().dialect.get_table_names(s.connection()))
        assert names >= TABLES
        pa, _w = employees.add_employee(s, employees.EmployeeDetails("Jo Example", dt.date(2026, 4, 1)), 1300)
        shifts.add_shift(s, shifts.ShiftDetails(pa.id, dt.date(2026, 4, 2), minutes=120))
    with Store.open(copy, PASSPHRASE) as store, store.reading() as s:
        assert [e.name for e in employees.list_employees(s)] == ["Jo Example"]

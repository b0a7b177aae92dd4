"""Shared test set-up: Qt offscreen, every app folder inside the test's own tmp folder, no real keyring
unless a test asks for one, and small invented budgets."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ipb_desktop import budget, holder, ledger, outcomes, plan, seed  # noqa: E402
from ipb_desktop.models.store import Store  # noqa: E402

PASSPHRASE = "purple otter umbrella"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "ipb-home"
    monkeypatch.setenv("IPB_HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.delenv("IPB_PASSPHRASE", raising=False)
    # No test touches the keyring of the machine running it unless it sets up its own.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "alys.ipb"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = seed.create_store(store_path, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def filled_store(store: Store) -> Store:
    """A small invented budget: Alys Testwood, one year, two streams, two outcomes, three plan lines."""
    with store.transaction() as s:
        holder.save_holder(
            s,
            holder.HolderDetails(
                name="Alys Testwood",
                preferred_name="Alys",
                nhs_number="9434765919",
                council_reference="EXS-000123",
                peer_support_planner="Sam Example",
                next_review_date=dt.date(2027, 3, 1),
            ),
        )
        period = budget.add_period(s, "2026 to 2027", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Exampleshire Council", 52000, "four_weekly")
        )
        nhs = budget.add_stream(s, period.id, budget.StreamDetails("nhs_phb", "Exampleshire ICB", 120000, "monthly"))
        confidence = outcomes.add_outcome(
            s, outcomes.OutcomeDetails("Regain confidence to go out on my own", "I go to the market each week")
        )
        work = outcomes.add_outcome(s, outcomes.OutcomeDetails("Get back into work", "I have a volunteering role"))
        activities = plan.category_named(s, "Activities and classes").id
        wages = plan.category_named(s, "Personal assistant wages").id
        pa = plan.add_plan_line(
            s,
            period.id,
            plan.PlanLineDetails("Personal assistant 2.5 hours a week", 1_560_000, wages, council.id, (confidence.id,)),
        )
        pottery = plan.add_plan_line(
            s, period.id, plan.PlanLineDetails("Pottery class", 30000, activities, nhs.id, (confidence.id,))
        )
        plan.add_plan_line(s, period.id, plan.PlanLineDetails("Laptop for job search", 45000, None, nhs.id, (work.id,)))
        income = plan.category_named(s, "Budget payment in").id
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 1), "in", 52000, "Exampleshire Council", category_id=income, stream_id=council.id
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 2), "in", 120000, "Exampleshire ICB", category_id=income, stream_id=nhs.id
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 10), "out", 3750, "Clayworks Studio", "Pottery, 3 weeks", plan_line_id=pottery.id
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 14), "out", 30000, "Jo Assistant", "PA wages April", plan_line_id=pa.id
            ),
        )
        outcomes.add_rating(s, confidence.id, outcomes.RatingDetails(dt.date(2026, 4, 1), 3, note="Hard to leave home"))
        outcomes.add_rating(s, confidence.id, outcomes.RatingDetails(dt.date(2026, 5, 1), 5, note="Pottery helped"))
    return store

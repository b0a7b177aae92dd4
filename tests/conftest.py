"""Shared test set-up: Qt offscreen, every app folder inside the test's own tmp folder, no real keyring
unless a test asks for one, and small invented budgets."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ipb_desktop import budget, holder, ledger, outcomes, plan, seed
from ipb_desktop.models.store import Store

PASSPHRASE = "purple otter umbrella"
LONG_RUN = os.environ.get("IPB_LONG") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`slow` tests are opt-in (IPB_LONG=1 or `-m slow`); a long run has no per-test time limit."""
    asked = bool(re.search(r"(?<!not )\bslow\b", str(config.option.markexpr or "")))
    if LONG_RUN or asked or re.search(r"(?<!not )\bscales\b", str(config.option.markexpr or "")):
        for item in items:
            item.add_marker(pytest.mark.timeout(0))
    if LONG_RUN or asked:
        return
    kept = [item for item in items if item.get_closest_marker("slow") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


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


@pytest.fixture(scope="session")
def _new_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new, empty store made once per run: creating one costs two key derivations and the schema, copying it
    costs a file copy, and `store` then pays only the one key derivation of opening it."""
    path = tmp_path_factory.mktemp("template") / "new.ipb"
    seed.create_store(path, PASSPHRASE).close()
    return path


@pytest.fixture
def store(store_path: Path, _new_store_template: Path) -> Iterator[Store]:
    """A new, empty store (as `seed.create_store` makes it) at `store_path`, open."""
    shutil.copyfile(_new_store_template, store_path)
    store_path.chmod(0o600)
    opened = Store.open(store_path, PASSPHRASE)
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

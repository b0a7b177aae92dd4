"""The demo store: a plausible, invented, repeatable year of budget for Alys Testwood."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import struct
import zlib
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select

from ipb_desktop import budget, figures, holder, ledger, outcomes, plan, seed
from ipb_desktop.demo import DemoCounts, build_demo
from ipb_desktop.models.schema import Allocation, Rating, Receipt, Transaction
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(store: Store) -> tuple[Store, DemoCounts]:
    return store, build_demo(store, TODAY)


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height of a PNG, after checking its chunks and that its picture data unpacks to the right size."""
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", content[16:24])
    assert content[12:16] == b"IHDR"
    idat_length = struct.unpack(">I", content[33:37])[0]
    pixels = zlib.decompress(content[41 : 41 + idat_length])
    assert len(pixels) == height * (width + 1)
    assert content.endswith(b"IEND\xaeB`\x82")
    return width, height


def test_holder_period_and_streams(demo: tuple[Store, DemoCounts]) -> None:
    store, _counts = demo
    with store.reading() as s:
        alys = holder.get_holder(s)
        assert alys is not None
        assert (alys.name, alys.nhs_number) == ("Alys Testwood", "9434765919")
        assert holder.normalise_nhs_number(alys.nhs_number) == "9434765919"
        current = budget.period_for(s, TODAY)
        assert current is not None
        assert (current.start_date, current.end_date) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        streams = {(x.funder_kind, x.amount_pence, x.schedule, x.held_as) for x in current.streams}
        assert streams == {
            ("council_social_care", 56000, "four_weekly", "direct_payment"),
            ("nhs_phb", 120000, "monthly", "direct_payment"),
            ("education", 35000, "one_off", "direct_payment"),
            ("personal_contribution", 1000, "weekly", "direct_payment"),
        }


def test_outcomes_in_her_own_words_rated_monthly_with_ups_and_downs(demo: tuple[Store, DemoCounts]) -> None:
    store, counts = demo
    with store.reading() as s:
        names = [o.what_matters for o in outcomes.list_outcomes(s)]
        assert names == [
            "Feel confident going out on my own",
            "Get back into paid work",
            "Sleep better",
            "See my friends more",
            "Keep my flat the way I like it",
        ]
        for outcome in outcomes.list_outcomes(s):
            scores = [r.score for r in outcome.ratings]
            assert len(scores) == 12
            assert scores[-1] > scores[0], "things get better over the year"
            assert any(b < a for a, b in itertools.pairwise(scores)), "but not in a straight line"
            assert all(r.note for r in outcome.ratings)
            days = [r.rated_on for r in outcome.ratings]
            assert len({(d.year, d.month) for d in days}) == 12 and max(days) <= TODAY
        recorders = Counter(s.scalars(select(Rating.recorded_by)))
        assert recorders["holder"] > recorders["planner:Sam Example"] > 0
        assert counts.ratings == 60


def test_plan_lines_and_payments_look_like_a_real_year(demo: tuple[Store, DemoCounts]) -> None:
    store, counts = demo
    with store.reading() as s:
        current = budget.period_for(s, TODAY)
        assert current is not None
        lines = [line.description for line in plan.plan_lines(s, current.id)]
        assert 12 <= len(lines) <= 18
        for wanted in ("Personal assistant", "Gym", "Pottery", "Bus pass", "Laptop", "Counselling", "Short break"):
            assert any(wanted in line for line in lines), wanted
        assert "Payroll service" in lines and "Employer's liability insurance" in lines

        live = list(s.scalars(ledger.live()))
        assert 300 <= len(live) <= 420 and len(live) == counts.transactions
        assert min(t.txn_date for t in live) == TODAY - dt.timedelta(days=364)
        assert max(t.txn_date for t in live) <= TODAY
        assert len({t.payee for t in live}) >= 15
        reconciled = sum(t.reconciled for t in live)
        assert 0 < reconciled < len(live)
        deleted = list(s.scalars(select(Transaction).where(Transaction.deleted_at.is_not(None))))
        assert len(deleted) == 1
        splits = s.scalar(
            select(func.count()).select_from(
                select(Allocation.transaction_id)
                .group_by(Allocation.transaction_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        assert splits is not None and 3 <= splits <= 10
        for txn in live:
            assert sum(a.amount_pence for a in txn.allocations) == txn.amount_pence
        # The account never goes overdrawn, and the figures agree with the payments.
        balance = 0
        for txn in sorted(live, key=lambda t: (t.txn_date, t.direction != "in")):
            balance += txn.amount_pence if txn.direction == "in" else -txn.amount_pence
            assert balance >= 0, txn.txn_date
        summary = figures.period_summary(s, current.start_date, TODAY)
        assert summary.closing_pence == figures.balance_on(s, TODAY) > 0
        assert summary.opening_pence + summary.money_in_pence - summary.money_out_pence == summary.closing_pence


def test_receipts_are_real_little_pictures_and_pdfs(demo: tuple[Store, DemoCounts]) -> None:
    store, counts = demo
    with store.reading() as s:
        receipts = list(s.scalars(select(Receipt)))
        assert len(receipts) == counts.receipts >= 10
        kinds = Counter(r.media_type for r in receipts)
        assert kinds["image/png"] > 0 and kinds["application/pdf"] > 0
        for receipt in receipts:
            assert ledger.sniff_media_type(receipt.content) == receipt.media_type
            assert receipt.size_bytes == len(receipt.content) < 4096
            if receipt.media_type == "image/png":
                assert png_size(receipt.content) == (48, 64)
            else:
                page = pypdf.PdfReader(io.BytesIO(receipt.content), strict=True).pages[0]
                assert "INVOICE" in page.extract_text()


def test_the_same_day_gives_the_same_store(tmp_path: Path, demo: tuple[Store, DemoCounts]) -> None:
    def contents(store: Store) -> list[object]:
        with store.reading() as s:
            payments = [(t.txn_date, t.direction, t.amount_pence, t.payee) for t in s.scalars(select(Transaction))]
            ratings = [(r.outcome_id, r.rated_on, r.score, r.note) for r in s.scalars(select(Rating))]
            return [payments, ratings]

    first, _counts = demo
    with seed.create_store(tmp_path / "again.ipb", PASSPHRASE) as second:
        build_demo(second, TODAY)
        assert contents(second) == contents(first)


@pytest.mark.parametrize("today", [dt.date(2026, 4, 1), dt.date(2027, 3, 31), dt.date(2028, 2, 29)])
def test_works_on_any_day_of_the_year(tmp_path: Path, today: dt.date) -> None:
    with seed.create_store(tmp_path / "any.ipb", PASSPHRASE) as store:
        counts = build_demo(store, today)
        assert counts.transactions > 300
        with store.reading() as s:
            period = budget.period_for(s, today)
            assert period is not None and period.start_date <= today <= period.end_date
            assert max(t.txn_date for t in s.scalars(ledger.live())) <= today

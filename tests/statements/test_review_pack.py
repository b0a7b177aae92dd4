"""The review pack, read back as text: outcomes in the person's own words with their ratings and money, the
answers typed before the meeting, the money, and room for the reviewer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipb_desktop import outcomes
from ipb_desktop.models.store import Store
from ipb_desktop.statements import pdf_review_pack, review_answers
from tests.statements.conftest import APRIL, JUNE_END, MADE_ON
from tests.statements.helpers import pdf_pages, pdf_text

MARCH = APRIL.replace(month=3)


@pytest.fixture
def answered(filled_store: Store) -> Store:
    with filled_store.transaction() as s:
        review_answers.save_answer(s, "worked", "Pottery on Tuesdays, then tea at Zoë's Café.")
        review_answers.save_answer(s, "change", "More hours with my PA in the winter.")
    return filled_store


def test_the_pack_has_each_part_in_order(answered: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    pages = pdf_pages(out)
    text = " ".join(pages)
    assert "My review pack" in pages[0] and "For my review on 1 March 2027" in pages[0]
    order = [
        "Part A. My outcomes",
        "Part B. Looking back and looking ahead",
        "Part C. Spending summary",
        "Part D. Statement for these dates",
        "Every payment through the account in these dates",
        "Receipts: 2 payments out have no receipt yet (£337.50 in all). The statement lists them.",
        "Part E. Notes from the review",
        "Reviewer's notes",
        "Signatures",
    ]
    positions = [text.index(heading, text.index("Page 1 of")) for heading in order]
    assert positions == sorted(positions)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_outcomes_are_in_own_words_with_ratings_notes_and_money(answered: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    data = pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "Outcome 1: Regain confidence to go out on my own" in text
    assert "How I will know I go to the market each week" in text
    assert "Money spent towards it £337.50 from 1 April 2026 to 30 June 2026" in text
    assert "Support in my plan for it Personal assistant 2.5 hours a week Pottery class" in text
    assert "1 April 2026 3 Me Hard to leave home" in text
    assert "1 May 2026 5 Me Pottery helped" in text
    assert "Date of the rating" in text  # the chart's axis titles
    assert "Outcome 2: Get back into work" in text
    assert "No ratings have been recorded for this outcome yet." in text
    assert [o.spent_pence for o in data.outcomes] == [33750, 0]


def test_answers_are_printed_and_unanswered_questions_leave_room(answered: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "What has worked Pottery on Tuesdays, then tea at Zoë's Café." in text
    assert "What has not worked Not written yet. There is room to write here." in text
    assert "What I want to change More hours with my PA in the winter." in text


def test_the_pack_can_leave_out_the_payments_and_use_large_print(answered: Store, tmp_path: Path) -> None:
    full, short = tmp_path / "full.pdf", tmp_path / "short.pdf"
    pdf_review_pack.write_from_store(answered, full, APRIL, JUNE_END, MADE_ON)
    pdf_review_pack.write_from_store(
        answered, short, APRIL, JUNE_END, MADE_ON, large_print=True, include_transactions=False
    )
    text = pdf_text(short)
    assert "Every payment through the account in these dates" not in text
    assert "(the full list of payments is left out)" in text
    # One short line in the pack; the full list is in the statement.
    assert "Receipts: 2 payments out have no receipt yet" in text and "Missing receipts" not in text
    assert "Closing balance (end of 30 June 2026) £1,382.50" in text
    assert len(pdf_pages(short)) > len(pdf_pages(full)) - 1  # bigger text outweighs the list left out


def test_by_default_the_pack_covers_the_time_since_the_last_review(answered: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    data = pdf_review_pack.write_from_store(answered, out, today=JUNE_END)
    # The next review is 1 March 2027, so the last one was 1 March 2026.
    assert (data.statement.start, data.statement.end) == (APRIL.replace(month=3), JUNE_END)


def test_ratings_on_other_scales_get_their_own_chart_and_say_who_gave_them(
    answered: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    answered.actor = "planner:Sam Example"
    with answered.transaction() as s:
        outcomes.add_rating(
            s, ids["work"], outcomes.RatingDetails(JUNE_END.replace(day=1), -1, "goal_attainment", "First interview")
        )
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "1 June 2026 -1 Goal attainment (-2 to +2) Sam Example (planner) First interview" in text
    assert text.count("Date of the rating") == 2  # one chart for each outcome with ratings


def test_the_ratings_table_lists_the_review_dates_and_the_rating_before_them(
    answered: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    with answered.transaction() as s:
        for day, score, note in [(dt.date(2025, 11, 3), 1, "Stayed in all winter"), (MARCH, 2, "Went to the shop")]:
            outcomes.add_rating(s, ids["confidence"], outcomes.RatingDetails(day, score, note=note))
    out = tmp_path / "pack.pdf"
    data = pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "Stayed in all winter" not in text and "3 November 2025" not in text  # older than the one before
    assert "1 March 2026 2 Me Went to the shop" in text  # where the review dates started from
    assert "1 April 2026 3 Me Hard to leave home" in text and "1 May 2026 5 Me Pottery helped" in text
    assert "Earlier ratings are in the chart above." in text
    assert text.count("Date of the rating") == 1  # the chart is still there ...
    assert [r.score for r in data.outcomes[0].ratings] == [1, 2, 3, 5]  # ... drawn from every rating


def test_nothing_is_said_about_earlier_ratings_when_none_are_left_out(answered: Store, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    assert "Earlier ratings" not in pdf_text(out)


def test_a_planners_ratings_are_drawn_apart_and_named_in_the_key(
    answered: Store, tmp_path: Path, ids: dict[str, int]
) -> None:
    answered.actor = "planner:Sam Example"
    with answered.transaction() as s:
        outcomes.add_rating(s, ids["confidence"], outcomes.RatingDetails(dt.date(2026, 6, 1), 7, note="With Sam"))
    answered.actor = "holder"
    out = tmp_path / "pack.pdf"
    pdf_review_pack.write_from_store(answered, out, APRIL, JUNE_END, MADE_ON)
    text = pdf_text(out)
    assert "My own rating" in text and "Rated by Sam Example (planner)" in text
    assert "1 June 2026 7 Sam Example (planner) With Sam" in text
    # Money towards an outcome follows its plan lines, by a rule the pack states.
    assert "shared equally between them" in text

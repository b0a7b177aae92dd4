"""The person's own words: explanations for a surplus or shortfall, and answers before a review. Both are kept,
replaced and cleared through services that write the audit log."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ipb_desktop import audit
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.store import Store
from ipb_desktop.statements import explanations, review_answers
from ipb_desktop.statements.review_answers import Question
from tests.statements.conftest import APRIL, JUNE_END


def test_an_explanation_is_kept_replaced_and_cleared_with_an_audit_trail(store: Store) -> None:
    with store.transaction() as s:
        explanations.save_explanation(s, APRIL, JUNE_END, "  Tax bill due in July  ", dt.date(2026, 7, 1))
    with store.reading() as s:
        assert explanations.text_for(s, APRIL, JUNE_END) == "Tax bill due in July"
    store.actor = "planner:Sam Example"
    with store.transaction() as s:
        row = explanations.save_explanation(s, APRIL, JUNE_END, "Holiday pay for my PA is due", dt.date(2026, 7, 2))
        assert row is not None and row.recorded_by == "planner:Sam Example"
    with store.transaction() as s:
        assert explanations.save_explanation(s, APRIL, JUNE_END, "   ") is None
    with store.reading() as s:
        assert explanations.text_for(s, APRIL, JUNE_END) == ""
        trail = [(e.action, e.actor, json.loads(e.detail)) for e in audit.entries(s, "explanation")]
    assert [action for action, _actor, _detail in trail] == ["create", "update", "delete"]
    assert trail[1][2]["text"] == ["Tax bill due in July", "Holiday pay for my PA is due"]
    assert trail[1][1] == "planner:Sam Example"


def test_an_explanation_for_overlapping_dates_is_shown_when_none_was_written_for_these(store: Store) -> None:
    with store.transaction() as s:
        explanations.save_explanation(s, APRIL, JUNE_END, "A new assistant starts in June", dt.date(2026, 6, 1))
    with store.reading() as s:
        assert explanations.text_for(s, dt.date(2026, 6, 1), dt.date(2026, 8, 31)) == "A new assistant starts in June"
        assert explanations.text_for(s, dt.date(2026, 7, 1), dt.date(2026, 8, 31)) == ""


def test_explanations_refuse_backwards_dates(store: Store) -> None:
    with store.transaction() as s, pytest.raises(InvalidInput):
        explanations.save_explanation(s, JUNE_END, APRIL, "words")


def test_review_answers_are_kept_in_order_and_undo_gets_the_old_words(store: Store) -> None:
    with store.reading() as s:
        assert review_answers.answers(s) == {Question.WORKED: "", Question.NOT_WORKED: "", Question.CHANGE: ""}
    with store.transaction() as s:
        assert review_answers.save_answer(s, "worked", "Pottery on Tuesdays") == ""
        assert review_answers.save_answer(s, "change", "More PA hours in winter") == ""
    with store.transaction() as s:
        assert review_answers.save_answer(s, "worked", "Pottery, and the bus pass") == "Pottery on Tuesdays"
        assert review_answers.save_answer(s, "change", "") == "More PA hours in winter"
    with store.reading() as s:
        assert list(review_answers.answers(s).values()) == ["Pottery, and the bus pass", "", ""]
        actions = [(e.action, json.loads(e.detail)["question"]) for e in audit.entries(s, "review_answer")]
    assert actions == [("create", "worked"), ("create", "change"), ("update", "worked"), ("delete", "change")]


def test_an_unknown_review_question_is_refused(store: Store) -> None:
    with store.transaction() as s, pytest.raises(InvalidInput) as caught:
        review_answers.save_answer(s, "favourite_colour", "blue")
    assert caught.value.field == "question"

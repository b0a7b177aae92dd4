"""Undoing an add takes the row away only while nothing points at it; archiving keeps everything."""

from __future__ import annotations

import pytest

from ipb_desktop import audit, budget, outcomes, plan, removal
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import FundingStream, Outcome, PlanLine
from ipb_desktop.models.store import Store


def test_things_in_use_are_refused_plainly_and_unused_ones_go(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        period = budget.periods(s)[0]
        used_line = next(line for line in plan.plan_lines(s, period.id) if line.description == "Pottery class")
        with pytest.raises(InvalidInput, match="cannot be taken away"):
            removal.remove_plan_line(s, used_line.id)
        with pytest.raises(InvalidInput, match="cannot be taken away"):
            removal.remove_stream(s, period.streams[0].id)
        spare = outcomes.add_outcome(s, outcomes.OutcomeDetails("Learn to swim"))
        line = plan.add_plan_line(
            s, period.id, plan.PlanLineDetails("Swimming lessons", 12000, None, None, (spare.id,))
        )
        removal.remove_plan_line(s, line.id)
        removal.remove_outcome(s, spare.id)
        assert s.get(PlanLine, line.id) is None and s.get(Outcome, spare.id) is None
        assert [e.action for e in audit.entries(s, "outcome", spare.id)] == ["create", "delete"]
        removal.remove_outcome(s, spare.id)  # already gone: nothing to do


def test_archiving_a_stream_can_be_reversed_and_names_a_missing_one(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        stream_id = budget.periods(s)[0].streams[0].id
        removal.set_stream_archived(s, stream_id, True)
        assert s.get(FundingStream, stream_id).archived  # type: ignore[union-attr]
        removal.set_stream_archived(s, stream_id, False)
        assert not s.get(FundingStream, stream_id).archived  # type: ignore[union-attr]
        with pytest.raises(InvalidInput, match="no funding stream number 999"):
            removal.set_stream_archived(s, 999, True)
        with pytest.raises(InvalidInput, match="no plan line number 999"):
            removal.set_plan_line_archived(s, 999, True)

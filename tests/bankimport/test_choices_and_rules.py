"""Choosing what each new line is for before importing, what an import leaves to do, and the learned rules a
person can read and turn off."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ipb_desktop import ledger, plan, settings
from ipb_desktop.bankimport import learned, service, suggest
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import AuditEntry, Outcome, PlanLine, Transaction
from ipb_desktop.models.store import Store

from .conftest import ledger_rows

MAY = """Date,Description,Amount
20/05/2026,Clayworks Studio,-12.50
21/05/2026,RIVERSIDE GYM,-25.00
22/05/2026,JO ASSISTANT,-300.00
23/05/2026,Exampleshire Council,520.00
"""


def _ids(store: Store) -> dict[str, int]:
    with store.reading() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        work = s.scalars(select(Outcome).where(Outcome.what_matters == "Get back into work")).one().id
        return {**lines, "work": work, "activities": plan.category_named(s, "Activities and classes").id}


def _parts(store: Store) -> dict[str, tuple[int | None, int | None, int | None]]:
    """Payee -> (plan line, category, outcome) of the live payments dated in May."""
    with store.reading() as s:
        found = s.scalars(select(Transaction).where(Transaction.deleted_at.is_(None)))
        return {
            t.payee: (t.allocations[0].plan_line_id, t.allocations[0].category_id, t.allocations[0].outcome_id)
            for t in found
            if t.txn_date.month == 5
        }


def test_each_line_can_be_given_its_own_plan_line_category_and_outcome_in_one_import(
    filled_store: Store,
    write_file,  # type: ignore[no-untyped-def]
) -> None:
    ids = _ids(filled_store)
    before = ledger_rows(filled_store)
    path = write_file("may.csv", MAY)
    with filled_store.transaction() as s:
        result = service.preview(s, path)
        by_payee = {p.line.payee: p.bank_id for p in result.new}
        pottery = result.suggestions[by_payee["Clayworks Studio"]]  # accepted as suggested
        assert result.suggestions[by_payee["JO ASSISTANT"]].plan_line_id == ids["Personal assistant 2.5 hours a week"]
        choices = service.ImportChoices(
            allocations={
                by_payee["Clayworks Studio"]: pottery,
                # The person's own choices: a category and an outcome with no plan line, and a different plan
                # line from the one suggested.
                by_payee["RIVERSIDE GYM"]: service.line_choice(ids["activities"], None, ids["work"]),
                by_payee["JO ASSISTANT"]: service.line_choice(plan_line_id=ids["Laptop for job search"]),
            }
        )
        batch = service.commit(s, result, choices).id
    parts = _parts(filled_store)
    assert parts["Clayworks Studio"][:2] == (ids["Pottery class"], ids["activities"])
    assert parts["RIVERSIDE GYM"] == (None, ids["activities"], ids["work"])
    assert parts["JO ASSISTANT"] == (ids["Laptop for job search"], None, ids["work"])  # the line's one outcome
    assert parts["Exampleshire Council"] == (None, None, None)
    with filled_store.reading() as s:
        assert {t.import_batch_id for t in s.scalars(select(Transaction)) if t.txn_date.month == 5} == {batch}
    # One import is one undo step: every line goes, whatever was chosen for it.
    with filled_store.transaction() as s:
        service.undo_import(s, batch)
    assert ledger_rows(filled_store) == before


def test_a_choice_that_no_longer_exists_refuses_the_whole_import(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    before = ledger_rows(filled_store)
    path = write_file("may.csv", MAY)
    with filled_store.reading() as s:
        result = service.preview(s, path)
    first, second = result.new[0].bank_id, result.new[1].bank_id
    choices = service.ImportChoices(
        allocations={
            first: service.line_choice(plan_line_id=_ids(filled_store)["Pottery class"]),
            second: service.line_choice(plan_line_id=9999),
        }
    )
    with pytest.raises(InvalidInput, match="there is no plan line number 9999"), filled_store.transaction() as s:
        service.commit(s, result, choices)
    assert ledger_rows(filled_store) == before


def test_after_an_import_the_app_says_what_still_needs_a_plan_line_or_a_receipt(
    filled_store: Store,
    write_file,  # type: ignore[no-untyped-def]
) -> None:
    ids = _ids(filled_store)
    # 12 April matches the pottery payment logged by hand (it has a plan line but no receipt).
    path = write_file("may.csv", MAY + "12/04/2026,CLAYWORKS STUDIO,-37.50\n")
    with filled_store.transaction() as s:
        result = service.preview(s, path)
        gym = next(p.bank_id for p in result.new if p.line.payee == "RIVERSIDE GYM")
        choices = service.ImportChoices(allocations={gym: service.line_choice(plan_line_id=ids["Pottery class"])})
        batch = service.commit(s, result, choices).id
        jo = s.scalars(select(Transaction).where(Transaction.payee == "JO ASSISTANT")).one()
        ledger.attach_receipt(s, jo.id, "jo.pdf", b"%PDF-1.4 a receipt")
    with filled_store.reading() as s:
        todo = service.still_to_do(s, batch)
    # Money out: Clayworks (new), the gym, Jo, and the matched pottery payment. The council's money in needs nothing.
    assert todo == service.StillToDo(payments=4, plan_line=2, category=2, outcome=2, receipt=3)


def test_learned_rules_read_as_plain_sentences(filled_store: Store) -> None:
    with filled_store.reading() as s:
        texts = [(rule.text, rule.off) for rule in learned.learned(s)]
    assert (
        "Payments to Clayworks Studio: Pottery class (Activities and classes), towards 'Regain confidence to go "
        "out on my own', from 1 earlier payment",
        False,
    ) in texts
    assert (
        "Money from Exampleshire Council: Budget payment in, linked to Exampleshire Council (Council social care), "
        "from 1 earlier payment",
        False,
    ) in texts


def test_a_rule_turned_off_suggests_nothing_until_it_is_turned_back_on(filled_store: Store, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file("may.csv", MAY)

    def suggested() -> list[str]:
        with filled_store.reading() as s:
            result = service.preview(s, path)
        return sorted(p.line.payee for p in result.new if p.bank_id in result.suggestions)

    assert suggested() == ["Clayworks Studio", "Exampleshire Council", "JO ASSISTANT"]
    with filled_store.transaction() as s:
        assert learned.set_suggesting(s, "CLAYWORKS STUDIO", "out", on=False) is True
    assert suggested() == ["Exampleshire Council", "JO ASSISTANT"]
    with filled_store.reading() as s:
        clayworks = next(r for r in learned.learned(s) if r.payee == "clayworks studio")
        assert clayworks.off  # still listed, so it can be turned back on
        assert settings.get(s, suggest.OFF_SETTING) == '[["out", "clayworks studio"]]'
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "setting"
    # Turning a rule off twice changes nothing; money in from the same payee is a different rule.
    with filled_store.transaction() as s:
        assert learned.set_suggesting(s, "clayworks studio", "out", on=False) is False
        assert learned.set_suggesting(s, "clayworks studio", "out", on=True) is False
        learned.set_suggesting(s, "Clayworks Studio", "in", on=False)
    assert suggested() == ["Clayworks Studio", "Exampleshire Council", "JO ASSISTANT"]


def test_a_damaged_setting_turns_nothing_off_and_nonsense_is_refused(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        settings.put(s, suggest.OFF_SETTING, "not json")
    with filled_store.reading() as s:
        assert suggest.turned_off(s) == frozenset()
    with filled_store.transaction() as s, pytest.raises(InvalidInput, match="no payee"):
        learned.set_suggesting(s, "1234 5678", "out", on=False)
    with filled_store.transaction() as s, pytest.raises(InvalidInput, match="money in or money out"):
        learned.set_suggesting(s, "Clayworks", "sideways", on=False)

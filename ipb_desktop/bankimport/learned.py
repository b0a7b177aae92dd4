"""What the app has learned from the person's own choices, in plain words, and turning a rule off or back on.

The rules themselves come from `suggest.rules` (worked out from the ledger every time, so they follow the person's
latest choices). Turning one off is remembered in the store's settings (`suggest.OFF_SETTING`), so it travels with
the store, is part of the audit trail and can be undone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ipb_desktop import funders, settings
from ipb_desktop.bankimport.suggest import OFF_SETTING, Rule, payee_key, rules, turned_off
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.schema import Category, FundingStream, Outcome, PlanLine


@dataclass(frozen=True)
class LearnedRule:
    """One rule as a person reads it: "Payments to Clayworks Studio: Pottery class (Activities and classes),
    from 6 earlier payments"."""

    payee: str
    direction: str
    text: str
    off: bool


def _what(session: Session, rule: Rule) -> str:
    choice = rule.suggestion
    line = session.get(PlanLine, choice.plan_line_id) if choice.plan_line_id is not None else None
    category = session.get(Category, choice.category_id) if choice.category_id is not None else None
    outcome = session.get(Outcome, choice.outcome_id) if choice.outcome_id is not None else None
    if line is not None and category is not None:
        what = _("{plan_line} ({category})").format(plan_line=line.description, category=category.name)
    elif line is not None:
        what = line.description
    elif category is not None:
        what = category.name
    else:
        what = ""
    if outcome is not None:
        towards = _("towards '{outcome}'").format(outcome=outcome.what_matters)
        what = _("{what}, {towards}").format(what=what, towards=towards) if what else towards
    return what


def describe(session: Session, rule: Rule, linked: str = "") -> str:
    """The rule in one plain sentence (`linked`: the funding stream its money in is linked to, in words)."""
    who = (
        _("Money from {payee}").format(payee=rule.name)
        if rule.direction == Direction.IN
        else _("Payments to {payee}").format(payee=rule.name)
    )
    what = _what(session, rule)
    if linked:
        what = _("{what}, {linked}").format(what=what, linked=linked) if what else linked
    return ngettext(
        "{who}: {what}, from {n} earlier payment",
        "{who}: {what}, from {n} earlier payments",
        rule.times,
    ).format(who=who, what=what, n=rule.times)


def learned(session: Session) -> list[LearnedRule]:
    """Every rule, in plain words, sorted by payee; the ones turned off are included and marked. A payer whose
    money in is linked to a funding stream says so ("linked to Westshire Council (Council social care)"); turning
    its rule off stops that link too."""
    links = funders.learned_links(session, include_off=True)
    linked_to: dict[str, str] = {}
    for key, link in links.items():
        stream = session.get(FundingStream, link.stream_id)
        if stream is not None:
            label = funders.stream_label(stream.funder_name, stream.funder_kind)
            linked_to[key] = _("linked to {stream}").format(stream=label)
    found: list[LearnedRule] = []
    for rule in rules(session):
        linked = linked_to.pop(rule.payee, "") if rule.direction == Direction.IN else ""
        found.append(LearnedRule(rule.payee, rule.direction, describe(session, rule, linked), rule.off))
    for key, linked in linked_to.items():
        link = links[key]
        text = ngettext(
            "Money from {payee}: {linked}, from {n} earlier payment",
            "Money from {payee}: {linked}, from {n} earlier payments",
            link.times,
        ).format(payee=link.payer, linked=linked, n=link.times)
        found.append(LearnedRule(key, Direction.IN, text, link.off))
    return sorted(found, key=lambda rule: rule.payee)  # stable: each payee's rules stay in their order


def set_suggesting(session: Session, payee: str, direction: str, on: bool) -> bool:
    """Turn the rule for `payee` (a payee key, or a payee as written) and `direction` on or off.

    Returns whether it was on before, so the change can be undone with the same call."""
    key = payee_key(payee)
    if not key:
        raise InvalidInput("payee", _("there is no payee to turn suggestions on or off for"))
    if direction not in (Direction.IN, Direction.OUT):
        raise InvalidInput("direction", _("choose money in or money out"))
    off = set(turned_off(session))
    was_on = (direction, key) not in off
    if on:
        off.discard((direction, key))
    else:
        off.add((direction, key))
    if was_on != on:
        settings.put(session, OFF_SETTING, json.dumps(sorted([d, p] for d, p in off)))
    return was_on

"""Suggestions for new bank lines, learned from the person's own earlier choices for the same payee.

A suggestion is only ever shown, with its reason ("you chose this for 3 earlier payments to ..."); the person
accepts it, changes it or leaves it. A rule the person has turned off (`bankimport.learned`) suggests nothing.
Nothing here writes to the store.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from ipb_desktop import settings
from ipb_desktop.bankimport.lines import StatementLine
from ipb_desktop.i18n import ngettext
from ipb_desktop.models import payee_choices
from ipb_desktop.models.schema import Category, Outcome, PlanLine


@dataclass(frozen=True)
class Suggestion:
    """What a bank line is probably for, and why the app thinks so."""

    category_id: int | None = None
    plan_line_id: int | None = None
    outcome_id: int | None = None
    label: str = ""
    reason: str = ""

    @property
    def empty(self) -> bool:
        return self.category_id is None and self.plan_line_id is None and self.outcome_id is None


# The per-store setting holding the rules the person turned off: JSON, a sorted list of [direction, payee key].
OFF_SETTING = "suggestions_off"


@dataclass(frozen=True)
class Rule:
    """A learned rule: payments to `payee` (a payee key, in `direction`) have usually been for `suggestion`.

    `name` is the payee as last written on a payment; `off` is true when the person turned the rule off."""

    payee: str
    direction: str
    times: int
    suggestion: Suggestion
    name: str = ""
    off: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.direction, self.payee)


def payee_key(text: str) -> str:
    """ "CLAYWORKS STUDIO CD 1417 14JAN24" and "Clayworks Studio" both become "clayworks studio cd" / "clayworks
    studio": words without digits, lower case, at most four of them."""
    words = [w for w in re.findall(r"[^\W\d_][\w'&.-]*", text.casefold()) if not any(ch.isdigit() for ch in w)]
    return " ".join(words[:4])


def _label(session: Session, choice: tuple[int | None, int | None, int | None]) -> str:
    category_id, plan_line_id, outcome_id = choice
    parts: list[str] = []
    if plan_line_id is not None and (line := session.get(PlanLine, plan_line_id)) is not None:
        parts.append(line.description)
    if category_id is not None and (category := session.get(Category, category_id)) is not None:
        parts.append(category.name)
    if outcome_id is not None and (outcome := session.get(Outcome, outcome_id)) is not None:
        parts.append(outcome.what_matters)
    return " \u00b7 ".join(parts)


def turned_off(session: Session) -> frozenset[tuple[str, str]]:
    """The (direction, payee key) of every rule the person turned off. A damaged value counts as none off."""
    try:
        stored = json.loads(settings.get(session, OFF_SETTING) or "[]")
    except ValueError:
        return frozenset()
    if not isinstance(stored, list):
        return frozenset()
    return frozenset((str(item[0]), str(item[1])) for item in stored if isinstance(item, list) and len(item) == 2)


def rules(session: Session) -> list[Rule]:
    """Every rule learned from the ledger: for each payee, the choice made most often (the latest on a tie).
    Rules the person turned off are included, marked `off`."""
    # One row per payee as written, direction and choice, with how many payments made it and the first and
    # latest of them ("date id", which sorts as the payments do), kept up to date by triggers
    # (`models.payee_choices`), so this reads a few hundred rows however long the ledger is; the payee key is
    # worked out once per payee as written. A choice left empty is stored as 0.
    rows = session.execute(
        text(
            f"SELECT payee, direction, nullif(category_id, 0), nullif(plan_line_id, 0), nullif(outcome_id, 0), "
            f"times, first_when, last_when FROM {payee_choices.TABLE}"
        )
    )
    seen: dict[tuple[str, str], Counter[tuple[int | None, int | None, int | None]]] = defaultdict(Counter)
    latest: dict[tuple[str, str], dict[tuple[int | None, int | None, int | None], str]] = defaultdict(dict)
    names: dict[tuple[str, str], tuple[str, str]] = {}  # the payee as written on the latest payment, and when
    first: dict[tuple[str, str], str] = {}  # when the first payment to the payee was: the order of equal names
    keys: dict[str, str] = {}
    for payee, direction, category_id, plan_line_id, outcome_id, times, earliest, last in rows:
        if payee not in keys:
            keys[payee] = payee_key(payee)
        key = (keys[payee], direction)
        if not key[0]:
            continue
        choice = (category_id, plan_line_id, outcome_id)
        seen[key][choice] += times
        latest[key][choice] = max(latest[key].get(choice, ""), last)
        if key not in names or names[key][1] < last:
            names[key] = (payee, last)
        first[key] = min(first.get(key, earliest), earliest)
    off = turned_off(session)
    found: list[Rule] = []
    for key, counts in seen.items():
        choice = max(counts, key=lambda c: (counts[c], latest[key][c]))
        times = counts[choice]
        reason = ngettext(
            "You chose this for {n} earlier payment to {payee}",
            "You chose this for {n} earlier payments to {payee}",
            times,
        ).format(n=times, payee=names[key][0])
        suggestion = Suggestion(*choice, label=_label(session, choice), reason=reason)
        found.append(Rule(key[0], key[1], times, suggestion, names[key][0], (key[1], key[0]) in off))
    return sorted(found, key=lambda r: (r.payee, first[r.payee, r.direction]))


def suggest(session: Session, lines: list[tuple[str, StatementLine]]) -> dict[str, Suggestion]:
    """For each (bank id, line) whose payee has a rule that is not turned off, the suggestion (keyed by bank id)."""
    if not lines:
        return {}
    by_key = {(rule.payee, rule.direction): rule.suggestion for rule in rules(session) if not rule.off}
    found: dict[str, Suggestion] = {}
    for bank_id, line in lines:
        suggestion = by_key.get((payee_key(line.payee or line.description), line.direction))
        if suggestion is not None:
            found[bank_id] = suggestion
    return found

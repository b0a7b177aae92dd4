"""Words for people for the short codes stored in a budget (funder kinds, schedules, how money is held, ...).

One table per code list, shared by the window and the printed documents so both say the same thing."""

from __future__ import annotations

from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import FunderKind, HeldAs, OutcomeStatus, RatingScale, Schedule

FUNDER_KINDS: dict[str, str] = {
    FunderKind.NHS_PHB: N_("NHS personal health budget"),
    FunderKind.COUNCIL_SOCIAL_CARE: N_("Council social care"),
    FunderKind.EDUCATION: N_("Education"),
    FunderKind.SECTION_117: N_("Section 117 after-care"),
    FunderKind.PERSONAL_CONTRIBUTION: N_("My own contribution"),
    FunderKind.OTHER: N_("Other"),
}
SCHEDULES: dict[str, str] = {
    Schedule.WEEKLY: N_("every week"),
    Schedule.FOUR_WEEKLY: N_("every four weeks"),
    Schedule.MONTHLY: N_("every month"),
    Schedule.QUARTERLY: N_("every quarter"),
    Schedule.YEARLY: N_("every year"),
    Schedule.ONE_OFF: N_("once"),
}
_HELD_AS: dict[str, str] = {
    HeldAs.DIRECT_PAYMENT: N_("Direct payment"),
    HeldAs.NOTIONAL: N_("Notional budget (managed for me)"),
    HeldAs.THIRD_PARTY: N_("Held by a third party"),
    HeldAs.MIXED: N_("Mixed"),
}
_STATUS: dict[str, str] = {
    OutcomeStatus.ACTIVE: N_("Working on it"),
    OutcomeStatus.ACHIEVED: N_("Achieved"),
    OutcomeStatus.SET_ASIDE: N_("Set aside for now"),
}
_SCALE: dict[str, str] = {
    RatingScale.OWN_WORDS: N_("My own rating (0 to 10)"),
    RatingScale.GOAL_ATTAINMENT: N_("Goal attainment (-2 to +2)"),
    RatingScale.EXTERNAL: N_("Questionnaire score"),
}


def _label(table: dict[str, str], code: str) -> str:
    found = table.get(code)
    return _(found) if found is not None else code


def funder_kind(code: str) -> str:
    return _label(FUNDER_KINDS, code)


def schedule(code: str) -> str:
    return _label(SCHEDULES, code)


def held_as(code: str) -> str:
    return _label(_HELD_AS, code)


def outcome_status(code: str) -> str:
    return _label(_STATUS, code)


def rating_scale(code: str) -> str:
    return _label(_SCALE, code)


def recorder(actor: str) -> str:
    """ "holder" is the person themselves; "planner:Sam" is someone recording with them."""
    if actor.startswith("planner:"):
        return _("{name} (planner)").format(name=actor.split(":", 1)[1])
    return _("Me")

"""Words for people for the store's fixed codes (funder kinds, schedules, how money is held)."""

from __future__ import annotations

from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import FunderKind, HeldAs, Schedule

FUNDER_KINDS = {
    FunderKind.NHS_PHB: N_("NHS personal health budget"),
    FunderKind.COUNCIL_SOCIAL_CARE: N_("Council social care"),
    FunderKind.EDUCATION: N_("Education"),
    FunderKind.SECTION_117: N_("Section 117 after-care"),
    FunderKind.PERSONAL_CONTRIBUTION: N_("My own contribution"),
    FunderKind.OTHER: N_("Other"),
}
SCHEDULES = {
    Schedule.WEEKLY: N_("every week"),
    Schedule.FOUR_WEEKLY: N_("every 4 weeks"),
    Schedule.MONTHLY: N_("every month"),
    Schedule.QUARTERLY: N_("every 3 months"),
    Schedule.YEARLY: N_("every year"),
    Schedule.ONE_OFF: N_("once"),
}
HELD_AS = {
    HeldAs.DIRECT_PAYMENT: N_("Direct payment (paid to me)"),
    HeldAs.NOTIONAL: N_("Notional (the NHS or council holds it)"),
    HeldAs.THIRD_PARTY: N_("Third party or individual service fund"),
    HeldAs.MIXED: N_("Mixed"),
}


def word(table: dict[FunderKind, str] | dict[Schedule, str] | dict[HeldAs, str], code: str) -> str:
    for key, text in table.items():
        if key.value == code:
            return _(text)
    return code

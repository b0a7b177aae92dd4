"""Fixed choices for employing personal assistants, stored as short codes; `label` gives the words for people."""

from __future__ import annotations

from enum import StrEnum

from ipb_desktop.i18n import N_, _


class HoursKind(StrEnum):
    REGULAR = "regular"  # the same hours most weeks: holiday is 5.6 times a usual week
    IRREGULAR = "irregular"  # hours vary: holiday builds up at 12.07 % of hours worked


class AgeBand(StrEnum):
    """The National Minimum Wage band the PA is in (the National Living Wage is the 21 and over band)."""

    ADULT = "21_and_over"
    YOUNG = "18_to_20"
    UNDER_18 = "16_to_17"
    APPRENTICE = "apprentice"


class ShiftKind(StrEnum):
    WORK = "work"
    HOLIDAY = "holiday"


class CheckKind(StrEnum):
    EL_INSURANCE = "el_insurance"
    DBS = "dbs"
    RIGHT_TO_WORK = "right_to_work"
    CONTRACT = "contract"
    PENSION_ENROLMENT = "pension_enrolment"
    PENSION_RE_ENROLMENT = "pension_re_enrolment"
    P60 = "p60"
    OTHER = "other"


# Checks that belong to one PA; the others (insurance, re-enrolment) are for the employer as a whole.
PER_EMPLOYEE = frozenset({CheckKind.DBS, CheckKind.RIGHT_TO_WORK, CheckKind.CONTRACT, CheckKind.P60})

_LABELS: dict[str, str] = {
    HoursKind.REGULAR: N_("regular hours"),
    HoursKind.IRREGULAR: N_("irregular hours"),
    AgeBand.ADULT: N_("21 and over"),
    AgeBand.YOUNG: N_("18 to 20"),
    AgeBand.UNDER_18: N_("16 and 17"),
    AgeBand.APPRENTICE: N_("apprentice"),
    ShiftKind.WORK: N_("work"),
    ShiftKind.HOLIDAY: N_("holiday"),
    CheckKind.EL_INSURANCE: N_("Employer's liability insurance"),
    CheckKind.DBS: N_("DBS check"),
    CheckKind.RIGHT_TO_WORK: N_("Right to work check"),
    CheckKind.CONTRACT: N_("Contract signed"),
    CheckKind.PENSION_ENROLMENT: N_("Pension auto-enrolment"),
    CheckKind.PENSION_RE_ENROLMENT: N_("Pension re-enrolment"),
    CheckKind.P60: N_("P60 given"),
    CheckKind.OTHER: N_("Other check"),
}


def label(code: str) -> str:
    """The words for a code, in the chosen language (the code itself when it is not known)."""
    text = _LABELS.get(code)
    return _(text) if text else code

"""Fixed choices stored as short text codes. Labels for people live in `ipb_desktop.vocabulary`."""

from __future__ import annotations

from enum import StrEnum


class FunderKind(StrEnum):
    NHS_PHB = "nhs_phb"
    COUNCIL_SOCIAL_CARE = "council_social_care"
    EDUCATION = "education"
    SECTION_117 = "section_117"
    PERSONAL_CONTRIBUTION = "personal_contribution"
    OTHER = "other"


class Schedule(StrEnum):
    WEEKLY = "weekly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    ONE_OFF = "one_off"


class HeldAs(StrEnum):
    DIRECT_PAYMENT = "direct_payment"
    NOTIONAL = "notional"
    THIRD_PARTY = "third_party"
    MIXED = "mixed"


class OutcomeStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    SET_ASIDE = "set_aside"


class RatingScale(StrEnum):
    OWN_WORDS = "own_words"  # 0-10, the person's own goal
    GOAL_ATTAINMENT = "goal_attainment"  # -2..+2
    EXTERNAL = "external"  # a score from a questionnaire done elsewhere, named in `instrument`


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    DIRECT_DEBIT = "direct_debit"
    STANDING_ORDER = "standing_order"
    CASH = "cash"
    CHEQUE = "cheque"
    OTHER = "other"

"""What a new store starts with: editable lists of life areas and spending categories, and default settings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ipb_desktop.i18n import N_, _
from ipb_desktop.models.schema import Category, LifeArea, Setting
from ipb_desktop.models.store import Store

LIFE_AREAS = [
    N_("Mental and physical health"),
    N_("Home and daily living"),
    N_("Friends, family and relationships"),
    N_("Work, learning and volunteering"),
    N_("Money"),
    N_("Getting out and about"),
    N_("Hobbies and interests"),
    N_("Feeling safe"),
    N_("Identity and self-esteem"),
]

# (name, usually excluded by plans, money in)
CATEGORIES = [
    (N_("Personal assistant wages"), False, False),
    (N_("Employer costs (tax, NI, pension)"), False, False),
    (N_("Support agency"), False, False),
    (N_("Payroll and insurance"), False, False),
    (N_("Activities and classes"), False, False),
    (N_("Gym and exercise"), False, False),
    (N_("Travel"), False, False),
    (N_("Equipment and technology"), False, False),
    (N_("Therapies"), False, False),
    (N_("Short breaks and respite"), False, False),
    (N_("Learning and courses"), False, False),
    (N_("Bank charges"), False, False),
    (N_("Other support in my plan"), False, False),
    (N_("Alcohol"), True, False),
    (N_("Tobacco"), True, False),
    (N_("Gambling"), True, False),
    (N_("Debt repayment"), True, False),
    (N_("GP or emergency care"), True, False),
    (N_("Budget payment in"), False, True),
    (N_("My own contribution"), False, True),
    (N_("Refund"), False, True),
    (N_("Opening balance"), False, True),
]

DEFAULT_SETTINGS = {
    "surplus_weeks": "8",
    "surplus_basis": "weekly_payment",
    "monitoring_every": "quarterly",
    "auto_lock_minutes": "10",
    "language": "en_GB",
    "text_scale_percent": "100",
    "retention_years": "6",
    "backups_kept": "10",
}


def seed_new_store(session: Session) -> None:
    """Built-in names are stored as written here and translated when shown (`shown_name`), so a store made while
    the app was in Welsh works in English too, and looking a category up by its name works in both."""
    for i, name in enumerate(LIFE_AREAS):
        session.add(LifeArea(name=name, sort_order=i))
    for name, excluded, income in CATEGORIES:
        session.add(Category(name=name, usually_excluded=excluded, is_income=income))
    for key, value in DEFAULT_SETTINGS.items():
        session.add(Setting(key=key, value=value))


def create_store(path: Path | str, passphrase: str) -> Store:
    """A new store at `path` holding what every budget starts with (the models layer knows nothing of this)."""
    return Store.create(path, passphrase, fill=seed_new_store)


_BUILT_IN_NAMES = frozenset([*LIFE_AREAS, *(name for name, *_flags in CATEGORIES)])


def shown_name(name: str) -> str:
    """A life area or category name as shown: a built-in one in the person's language (stores keep the words
    they were made with), any other exactly as the person wrote it."""
    return _(name) if name in _BUILT_IN_NAMES else name

"""What a new passphrase must be, and a rough idea of how strong it is (no SQLCipher here: see models.keyed)."""

from __future__ import annotations

from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _

MIN_PASSPHRASE_LENGTH = 10


def check_passphrase_rules(passphrase: str) -> None:
    """Refuse a new passphrase that is too short (or holds a character that cannot be used), saying why."""
    if "\x00" in passphrase:
        raise InvalidInput("passphrase", _("the passphrase has a character that cannot be used; please retype it"))
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(
            "passphrase",
            _("choose at least {n} characters. A few ordinary words together are easy to remember").format(
                n=MIN_PASSPHRASE_LENGTH
            ),
        )


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough 0-4 strength score with a plain hint (length matters most; a sentence of words is best)."""
    n = len(passphrase)
    kinds = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        ]
    )
    words = len(passphrase.split())
    score = 0
    if n >= MIN_PASSPHRASE_LENGTH:
        score = 1
    if n >= 14 or (n >= 12 and kinds >= 3):
        score = 2
    if n >= 18 or (words >= 3 and n >= 15):
        score = 3
    if n >= 24 or (words >= 4 and n >= 20):
        score = 4
    hints = [
        _("Too short: use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH),
        _("Acceptable. A few more words would make it stronger."),
        _("Good."),
        _("Strong."),
        _("Very strong."),
    ]
    return score, hints[score]

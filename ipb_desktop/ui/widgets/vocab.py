"""Words for the store's fixed codes as the window's forms offer them. Funder kinds and schedules come from
ipb_desktop.vocabulary (the same words as the printed documents); how money is held is explained a little more
here, where the person is choosing it."""

from __future__ import annotations

from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import HeldAs
from ipb_desktop.vocabulary import FUNDER_KINDS, SCHEDULES

__all__ = ["FUNDER_KINDS", "HELD_AS", "SCHEDULES", "word"]

HELD_AS: dict[str, str] = {
    HeldAs.DIRECT_PAYMENT: N_("Direct payment (paid to me)"),
    HeldAs.NOTIONAL: N_("Notional (the NHS or council holds it)"),
    HeldAs.THIRD_PARTY: N_("Third party or individual service fund"),
    HeldAs.MIXED: N_("Mixed"),
}


def word(table: dict[str, str], code: str) -> str:
    """The translated words for `code` in `table` (the code itself if it is not there)."""
    text = table.get(code)
    return _(text) if text is not None else code

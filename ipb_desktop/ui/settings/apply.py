"""Helpers that apply a store setting to the running app straight away (used by Settings and screenshots)."""

from __future__ import annotations

from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.shell.appearance import apply_text_scale


def text_scale_now(ctx: AppContext, percent: int) -> None:
    """Show the app at `percent` text size for this session without saving it (for screenshots)."""
    del ctx
    apply_text_scale(percent)

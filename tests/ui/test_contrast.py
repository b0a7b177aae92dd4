"""Contrast of what the window draws, measured on the palette the app really uses (WCAG 2.2 AA): text 4.5:1,
borders, bars and selections 3:1. Before: selected page 3.76:1, selected row 3.69:1, placeholders 4.0:1, field
borders 2.0:1, bar fill in a high-contrast theme 1.32:1. Check boxes grow with the text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ipb_desktop.ui.app import make_app
from ipb_desktop.ui.shell.appearance import (
    accessible_palette,
    apply_text_scale,
    border_colour,
    contrast,
    flatten,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@pytest.fixture
def app_look(qapp) -> Iterator[QApplication]:
    style, palette = qapp.style().name(), qapp.palette()
    app = make_app(["ipb-desktop"])
    yield app
    qapp.setStyle(style)
    qapp.setPalette(palette)


def pairs(palette: QPalette) -> dict[str, float]:
    figures = {}
    for group in (Group.Active, Group.Inactive):
        c = lambda role, g=group: palette.color(g, role)  # noqa: E731
        name = group.name
        figures[f"{name} selected text on selection"] = contrast(c(Role.HighlightedText), c(Role.Highlight))
        figures[f"{name} selection / bar fill against field"] = contrast(c(Role.Highlight), c(Role.Base))
        figures[f"{name} bar fill against window"] = contrast(c(Role.Highlight), c(Role.Window))
        figures[f"{name} placeholder on field"] = contrast(flatten(c(Role.PlaceholderText), c(Role.Base)), c(Role.Base))
        figures[f"{name} text on field"] = contrast(c(Role.Text), c(Role.Base))
        figures[f"{name} text on window"] = contrast(c(Role.WindowText), c(Role.Window))
        figures[f"{name} field border against field"] = contrast(border_colour(palette), c(Role.Base))
        figures[f"{name} field border against window"] = contrast(border_colour(palette), c(Role.Window))
    return figures


def too_low(figures: dict[str, float]) -> dict[str, float]:
    return {
        name: round(ratio, 2)
        for name, ratio in figures.items()
        if ratio < (3.0 if ("border" in name or "fill" in name) else 4.5)
    }


def test_the_apps_palette_meets_aa(app_look: QApplication) -> None:
    assert too_low(pairs(app_look.palette())) == {}


def test_a_high_contrast_theme_keeps_bars_and_selections_visible() -> None:
    dark = QPalette()
    for group in (Group.Active, Group.Inactive):
        for role, colour in {
            Role.Window: "#000000",
            Role.Base: "#000000",
            Role.Text: "#ffffff",
            Role.WindowText: "#ffffff",
            Role.Highlight: "#1c1c3a",  # a fill barely different from black: 1.3:1
            Role.HighlightedText: "#ffffff",
            Role.PlaceholderText: "#7fffffff",
            Role.Mid: "#202020",
        }.items():
            dark.setColor(group, role, QColor(colour))
    assert too_low(pairs(dark))  # the theme as given fails
    assert too_low(pairs(accessible_palette(dark))) == {}


def test_check_boxes_grow_with_the_text(app_look: QApplication) -> None:
    style = app_look.style()
    normal = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    apply_text_scale(200)
    try:
        big = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    finally:
        apply_text_scale(100)
    assert big >= 1.7 * normal

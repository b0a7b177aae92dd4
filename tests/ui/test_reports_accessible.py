"""Saving the accessible version (web page) of a report from the Reports page, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ipb_desktop.models.store import Store
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.reports import page as reports_page
from ipb_desktop.ui.reports.page import ReportsPage


@pytest.fixture
def page(qtbot, ctx: AppContext, filled_store: Store) -> ReportsPage:
    ctx.set_store(filled_store)
    shown = ReportsPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(900, 1400)
    shown.show()
    return shown


def test_save_the_review_pack_as_a_web_page_by_keyboard(
    qtbot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        reports_page,
        "choose_save_path",
        lambda parent, title, suggested, kinds: asked.append(suggested) or tmp_path / "pack",
    )
    page.report.setFocus()
    qtbot.keyClick(page.report, Qt.Key.Key_Down)  # Statement -> Review pack
    assert page.kind() == "review_pack"
    qtbot.keyClicks(page.answers["worked"], "The pottery class")
    page.save_html_button.setFocus()
    qtbot.keyClick(page.save_html_button, Qt.Key.Key_Space)

    saved = tmp_path / "pack.html"
    assert asked and asked[0].endswith(".html")
    html = saved.read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html and "<h1>My review pack</h1>" in html
    assert "The pottery class" in html  # the words just typed were saved first
    status = page.status.text()
    assert str(saved) in status and "NOT encrypted" in status and "web browser" in status


def test_the_preview_tells_screen_reader_users_about_the_accessible_version(qtbot, page: ReportsPage) -> None:
    assert "Save accessible version (web page)" in page.preview.accessibleDescription()
    page.report.setFocus()
    for _step in range(2):
        qtbot.keyClick(page.report, Qt.Key.Key_Down)  # past the review pack, to the evidence pack
    assert page.kind() == "evidence_pack" and page.save_html_button.isEnabled()
    qtbot.keyClick(page.report, Qt.Key.Key_Down)  # to the CSV files, which have no accessible version
    assert page.kind().startswith("csv") and not page.save_html_button.isEnabled()
    qtbot.keyClick(page.report, Qt.Key.Key_Home)
    assert page.save_html_button.isEnabled()

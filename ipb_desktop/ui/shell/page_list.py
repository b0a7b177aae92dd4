"""The pages beside the navigation list, in order, each with how to build it, and the list itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget

from ipb_desktop.i18n import N_
from ipb_desktop.ui.operations.context import AppContext


def _home(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.home.page import HomePage

    return HomePage(ctx)


def _outcomes(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.outcomes.page import OutcomesPage

    return OutcomesPage(ctx)


def _spending(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.spending.page import SpendingPage

    return SpendingPage(ctx)


def _plan(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.plan.page import PlanPage

    return PlanPage(ctx)


def _employment(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.employment.page import EmploymentPage

    return EmploymentPage(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.reports.page import ReportsPage

    return ReportsPage(ctx)


def _help(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.help.page import HelpPage

    return HelpPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from ipb_desktop.ui.settings.page import SettingsPage

    return SettingsPage(ctx)


# (key, label, how to build it). Each page's module is imported when the page is built, so the window's first
# paint does not wait for code it does not show yet; a page that cannot be built stops the window loudly.
PAGES: list[tuple[str, str, Callable[[AppContext], QWidget]]] = [
    ("home", N_("Home"), _home),
    ("outcomes", N_("Outcomes"), _outcomes),
    ("spending", N_("Spending"), _spending),
    ("plan", N_("Plan and budget"), _plan),
    ("reports", N_("Reports"), _reports),
    ("help", N_("Help"), _help),
    ("settings", N_("Settings"), _settings),
    ("employment", N_("Employing PAs"), _employment),
]


class NavList(QListWidget):
    """The page list: as wide as its longest name at any text size, never scrolling sideways."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        width = self.sizeHintForColumn(0) + 2 * self.frameWidth() + 2 * self.spacing() + self.fontMetrics().height()
        return QSize(width, super().sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.updateGeometry()

"""Home: how much is left and am I on track, at a glance. Every bar has its numbers written beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ipb_desktop import accounts, budget, figures, funders, holder, ledger_query, overview
from ipb_desktop.figures.surplus import WEEKLY_PAYMENT
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.ui.employment.home import coming_up_lines
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.reconcile import last_check_words
from ipb_desktop.ui.widgets.forms import Heading, plain_label
from ipb_desktop.ui.widgets.page import Page


@dataclass
class HomeView:
    """Everything Home shows, read in one go from the services."""

    name: str
    today: dt.date
    figures: figures.HomeFigures
    period_name: str | None = None
    period_end: dt.date | None = None
    review: dt.date | None = None
    monitoring: dt.date | None = None
    outcomes: list[overview.OutcomeProgress] = field(default_factory=list)
    recent: list[ledger_query.LedgerRow] = field(default_factory=list)
    setup_unfinished: bool = False
    to_sort: int = 0  # money in not linked to a funding stream
    to_sort_items: list[funders.ToSort] = field(default_factory=list)  # the newest of them, listed
    last_check: accounts.LastReconciliation | None = None  # the latest check against a bank statement


TO_SORT_SHOWN = 10


def read_home(session: Session, today: dt.date) -> HomeView:
    person = holder.get_holder(session)
    view = HomeView(
        name=holder.display_name(person),
        today=today,
        figures=figures.home_figures(session, today),
        review=person.next_review_date if person else None,
        monitoring=overview.next_monitoring_due(session, today),
        outcomes=overview.outcome_progress(session),
        to_sort=funders.to_sort_count(session),
        to_sort_items=funders.to_sort(session, limit=TO_SORT_SHOWN),
        last_check=accounts.last_reconciliation(session, today),
    )
    if view.figures.period_id is not None:
        period = budget.get_period(session, view.figures.period_id)
        view.period_name, view.period_end = period.name, period.end_date
    ids = ledger_query.page_ids(session, ledger_query.LedgerFilter(), limit=5)
    found = ledger_query.rows(session, ids)
    view.recent = [found[i] for i in ids if i in found]
    try:
        from ipb_desktop import setup_progress

        view.setup_unfinished = not setup_progress.is_finished(session)
    except ImportError:
        pass
    return view


def percent(part: int, whole: int) -> int:
    if whole <= 0:
        return 0
    return max(0, min(100, round(part * 100 / whole)))


def bar_row(text: str, left: int, whole: int) -> QWidget:
    """A line of words with the numbers, and under it a bar showing the same thing (never colour alone)."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 4, 0, 4)
    label = plain_label(text)
    bar = QProgressBar()
    bar.setRange(0, 100)
    bar.setValue(percent(left, whole))
    # The percentage sits beside the bar, not on it: text drawn over the filled part can vanish in some themes
    # (white on yellow in a high-contrast one).
    bar.setTextVisible(False)
    bar.setAccessibleName(text)
    bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    share = plain_label(_("{percent}% left").format(percent=bar.value()))
    row = QHBoxLayout()
    row.addWidget(bar, 1)
    row.addWidget(share, 0)
    col.addWidget(label)
    col.addLayout(row)
    return box


def to_sort_section(view: HomeView) -> QFrame:
    """Money in not linked to a funder, one line each (every line reachable with Tab, as all of Home's are)."""
    frame, col = section(_("To sort"))
    col.addWidget(
        plain_label(
            _(
                "This money in is not linked to a funding stream yet. To link it, find it on the Spending page, "
                "edit it and choose its funding stream: money from the same payer is then linked for you next time."
            )
        )
    )
    for item in view.to_sort_items:
        col.addWidget(
            plain_label(
                _("{date}: {payer}, {amount} in").format(
                    date=date_short(item.day), payer=item.payer or _("no payee"), amount=money(item.amount_pence)
                )
            )
        )
    more = view.to_sort - len(view.to_sort_items)
    if more > 0:
        col.addWidget(plain_label(ngettext("And {n} more.", "And {n} more.", more).format(n=more)))
    return frame


def section(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    col = QVBoxLayout(frame)
    col.addWidget(Heading(title, 2))
    return frame, col


class HomePage(Page):
    setup_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.outer = QVBoxLayout(self)
        self.content: QWidget | None = None
        self.view: HomeView | None = None

    def refresh(self) -> None:
        self.view = self.ctx.read(lambda s: read_home(s, self.ctx.today()), None)
        if self.content is not None:
            self.content.hide()
            self.content.setParent(None)  # gone from the page now, not at Qt's next chance
            self.content.deleteLater()
            self.content = None
        if self.view is None:
            return
        self.content = self._build(self.view)
        # Every line can be reached with Tab (and read by a screen reader as the focus arrives), not only with
        # the screen reader's review keys.
        for label in self.content.findChildren(QLabel):
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.outer.addWidget(self.content)

    def _build(self, view: HomeView) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        greeting = _("Hello, {name}").format(name=view.name) if view.name else _("Your budget")
        col.addWidget(Heading(greeting))
        col.addWidget(plain_label(_("Today is {date}.").format(date=date_long(view.today))))
        if view.setup_unfinished:
            self.setup_button = QPushButton(_("Carry on &setting up your budget"))
            self.setup_button.clicked.connect(self.setup_requested)
            self.setup_button.clicked.connect(self._start_setup)
            col.addWidget(self.setup_button)
        figs = view.figures

        money_frame, money_col = section(_("Money"))
        self.balance_label = plain_label(
            _("Money in your budget account today: {amount}").format(amount=money(figs.balance_pence))
        )
        self.balance_label.setObjectName("balance")
        font = self.balance_label.font()
        font.setBold(True)
        self.balance_label.setFont(font)
        money_col.addWidget(self.balance_label)
        if figs.projection is not None and view.period_end is not None:
            money_col.addWidget(
                plain_label(
                    _(
                        "At the rate money has come in and gone out so far, you will have about {amount} on {date}."
                    ).format(amount=money(figs.projection.projected_end_pence), date=date_long(view.period_end))
                )
            )
        self.last_check_label = plain_label(last_check_words(view.last_check))
        money_col.addWidget(self.last_check_label)
        if figs.period_id is None:
            money_col.addWidget(plain_label(_("There is no budget period yet. Add one on the Plan and budget page.")))
        col.addWidget(money_frame)

        warnings = self._warnings(view)
        if warnings:
            warn_frame, warn_col = section(_("Worth a look"))
            for text in warnings:
                label = plain_label(text)
                label.setObjectName("warning")
                warn_col.addWidget(label)
            col.addWidget(warn_frame)

        if view.to_sort_items:
            col.addWidget(to_sort_section(view))

        dates_frame, dates_col = section(_("Coming up"))
        dates_col.addWidget(
            plain_label(
                _("Your next review: {date}.").format(date=date_long(view.review))
                if view.review
                else _("No review date yet. You can add it in your details (Settings).")
            )
        )
        if view.monitoring:
            dates_col.addWidget(
                plain_label(_("Next monitoring return due: {date}.").format(date=date_long(view.monitoring)))
            )
        for text in coming_up_lines(self.ctx, view.today):  # employing PAs: checks due and money owed
            dates_col.addWidget(plain_label(text))
        col.addWidget(dates_frame)

        out_frame, out_col = section(_("What matters to you"))
        if not view.outcomes:
            out_col.addWidget(plain_label(_("No outcomes yet. Add what matters to you on the Outcomes page.")))
        for o in view.outcomes:
            if o.latest is None:
                rating = _("not rated yet")
            else:
                rating = _("latest rating {score} out of 10 on {date}, {trend}").format(
                    score=o.latest, date=date_short(o.latest_on) if o.latest_on else "", trend=o.trend
                )
            out_col.addWidget(plain_label(f"• {o.what_matters} — {rating}"))
        col.addWidget(out_frame)

        if figs.streams:
            stream_frame, stream_col = section(_("What is left from each funder"))
            for s in figs.streams:
                text = _("{funder}: {left} left of {budget} for this period (spent {spent})").format(
                    funder=s.funder_name,
                    left=money(s.left_pence),
                    budget=money(s.period_budget_pence),
                    spent=money(s.spent_pence),
                )
                stream_col.addWidget(bar_row(text, s.left_pence, s.period_budget_pence))
            col.addWidget(stream_frame)

        if figs.plan_lines:
            plan_frame, plan_col = section(_("What is left in your plan"))
            for line in figs.plan_lines:
                text = _("{what}: {left} left of {planned} (spent {spent})").format(
                    what=line.description,
                    left=money(line.left_pence),
                    planned=money(line.planned_pence),
                    spent=money(line.spent_pence),
                )
                if line.ahead_of_plan:
                    text += " " + _("(spending is ahead of plan)")
                plan_col.addWidget(bar_row(text, line.left_pence, line.planned_pence))
            col.addWidget(plan_frame)

        if view.recent:
            recent_frame, recent_col = section(_("Recent payments"))
            for row in view.recent:
                way = _("in") if row.direction == "in" else _("out")
                recent_col.addWidget(
                    plain_label(
                        _("{date}: {payee}, {amount} {way}").format(
                            date=date_short(row.txn_date),
                            payee=row.payee or row.description or _("no payee"),
                            amount=money(row.amount_pence),
                            way=way,
                        )
                    )
                )
            col.addWidget(recent_frame)
        col.addStretch(1)
        return box

    def _warnings(self, view: HomeView) -> list[str]:
        figs = view.figures
        found: list[str] = []
        surplus = figs.surplus
        if surplus is not None and surplus.surplus_pence > 0:
            found.append(
                (
                    _(
                        "You have {extra} more than {weeks} weeks of your direct payment in the account, after "
                        "money you owe. Money that builds up may be asked about at your review; you could talk to "
                        "your planner about what it could be used for."
                    )
                    if surplus.basis == WEEKLY_PAYMENT
                    else _(
                        "You have {extra} more than {weeks} weeks of your planned spending in the account, after "
                        "money you owe. Money that builds up may be asked about at your review; you could talk to "
                        "your planner about what it could be used for."
                    )
                ).format(extra=money(surplus.surplus_pence), weeks=surplus.threshold_weeks)
            )
        if view.to_sort:
            found.append(
                ngettext(
                    "To sort: {n} payment of money in is not linked to a funding stream yet.",
                    "To sort: {n} payments of money in are not linked to a funding stream yet.",
                    view.to_sort,
                ).format(n=view.to_sort)
            )
        if figs.spending_ahead_of_plan:
            found.append(
                _(
                    "Spending is running ahead of your plan for this time of year. That can be fine, but it is "
                    "worth checking there will be enough for the rest of the period."
                )
            )
        return found

    def _start_setup(self) -> None:
        window = self.window()
        try:
            from ipb_desktop.ui.setup.wizard import start_setup
        except ImportError:
            return
        start_setup(window)

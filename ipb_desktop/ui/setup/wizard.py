"""The guided first-run set-up: about you, your budget, what matters to you, your plan.

Every step can be skipped and come back to; what is saved stays saved (and undoable) even if the person stops
half way. Opening it again starts at the first step not done yet. Examples are placeholders, never filled in.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ipb_desktop import budget, outcomes, plan, setup_progress
from ipb_desktop.i18n import N_, _
from ipb_desktop.ui.operations import setup as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.outcomes.dialogs import OutcomeDialog
from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog
from ipb_desktop.ui.setup.holder_form import HolderForm
from ipb_desktop.ui.widgets.dialogs import FormDialog
from ipb_desktop.ui.widgets.forms import button_row, plain_label

SKIP_NOTE = N_("You can skip this step and come back to it later from the Home page.")


D = TypeVar("D", bound=FormDialog)


def embedded(dialog: D) -> D:
    """Use an editing dialog's form inside a wizard page (its own Save and Cancel hidden)."""
    dialog.setWindowFlags(Qt.WindowType.Widget)
    dialog.buttons.hide()
    return dialog


def _mark(ctx: AppContext, step: str) -> None:
    ops.mark_step(ctx, step)


class StepPage(QWizardPage):
    step = ""

    def __init__(self, ctx: AppContext, title: str, intro: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.setTitle(title)
        self.column = QVBoxLayout(self)
        self.column.addWidget(plain_label(intro))
        self.column.addWidget(plain_label(_(SKIP_NOTE)))
        self.added = plain_label()
        self.skipping = False

    def save_step(self) -> bool:
        """Save what was typed (nothing typed means skip). False keeps the person on the page to fix a problem."""
        return True

    def first_field(self) -> QWidget | None:
        """The first box to type in on this step, in Tab order (where the keyboard starts)."""
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                isinstance(widget, (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox))
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and self.isAncestorOf(widget)
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

    def validatePage(self) -> bool:
        if self.skipping:
            self.skipping = False
            return True
        if not self.save_step():
            return False
        _mark(self.ctx, self.step)
        return True


class AboutYouPage(StepPage):
    step = "about_you"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            _("About you"),
            _("Your name and the people who help you. Only your name is needed; fill in the rest if you like."),
        )
        self.holder_form = HolderForm(ctx)
        self.column.addWidget(self.holder_form)

    def initializePage(self) -> None:
        self.holder_form.load()

    def save_step(self) -> bool:
        if not any(e.text().strip() for e in self.holder_form.edits()):
            return True
        return self.holder_form.save()


class AddOneAtATimePage(StepPage):
    """A step where the person adds several things one form at a time ("Save this and add another")."""

    def __init__(self, ctx: AppContext, title: str, intro: str, add_label: str) -> None:
        super().__init__(ctx, title, intro)
        self.form_box = QVBoxLayout()
        self.column.addLayout(self.form_box)
        self.add_button = QPushButton(add_label)
        self.add_button.clicked.connect(self.add_another)
        self.column.addWidget(button_row(self.add_button))
        self.column.addWidget(self.added)

    def initializePage(self) -> None:
        self._build()

    def _build(self) -> None:
        """Show a fresh, empty form (and what has been added so far)."""
        raise NotImplementedError

    def add_another(self) -> None:
        if self.save_step():
            self._build()


class BudgetPage(AddOneAtATimePage):
    step = "budget"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            _("Your budget"),
            _(
                "The dates your budget covers, and the money from each funder (for example the NHS and the "
                "council). Add one funder at a time."
            ),
            _("Sa&ve this funder and add another"),
        )
        self.period_form: PeriodDialog | None = None
        self.saved_period_form: PeriodDialog | None = None  # shown, greyed out, once its dates are saved
        self.stream_form: StreamDialog | None = None

    def period_id(self) -> int | None:
        return self.ctx.read(lambda s: ids[-1] if (ids := [p.id for p in budget.periods(s)]) else None, None)

    def _build(self) -> None:
        for form in (self.period_form, self.saved_period_form, self.stream_form):
            if form is not None:
                form.hide()
                form.deleteLater()
        self.period_form = self.saved_period_form = self.stream_form = None
        period_id = self.period_id()
        if period_id is None:
            self.period_form = embedded(PeriodDialog(self.ctx, self))
            self.form_box.addWidget(self.period_form)
        self.stream_form = embedded(StreamDialog(self.ctx, period_id or 0, None, self))
        self.form_box.addWidget(self.stream_form)
        names = self.ctx.read(
            lambda s: [st.funder_name for p in budget.periods(s) for st in p.streams if not st.archived], []
        )
        self.added.setText(_("Funders added so far: {names}").format(names=", ".join(names)) if names else "")

    def save_step(self) -> bool:
        if self.period_form is not None:
            if not self.period_form.name.text().strip() and not self._stream_typed():
                return True
            if not self.period_form.save():
                return False
            # Saved: the dates can no longer be changed here (Plan and budget changes them), so say so by
            # making the form read-only rather than leaving boxes whose changes would be ignored.
            self.saved_period_form, self.period_form = self.period_form, None
            self.saved_period_form.setEnabled(False)
            self.saved_period_form.setAccessibleDescription(_("Saved. You can change these dates on the Plan page."))
        if self.stream_form is not None and self._stream_typed():
            self.stream_form.period_id = self.period_id() or 0
            return self.stream_form.save()
        return True

    def _stream_typed(self) -> bool:
        return self.stream_form is not None and bool(
            self.stream_form.funder.text().strip() or self.stream_form.amount.text().strip()
        )


class OutcomesStepPage(AddOneAtATimePage):
    step = "outcomes"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            _("What matters to you"),
            _("What do you want your support to help with? Write each one in your own words. Add one at a time."),
            _("Sa&ve this and add another"),
        )
        self.outcome_form: OutcomeDialog | None = None

    def _build(self) -> None:
        if self.outcome_form is not None:
            self.outcome_form.hide()
            self.outcome_form.deleteLater()
        self.outcome_form = embedded(OutcomeDialog(self.ctx, None, self))
        self.form_box.addWidget(self.outcome_form)
        names = self.ctx.read(lambda s: [o.what_matters for o in outcomes.list_outcomes(s)], [])
        self.added.setText(_("Added so far: {names}").format(names="; ".join(names)) if names else "")

    def save_step(self) -> bool:
        if self.outcome_form is None or not self.outcome_form.what.toPlainText().strip():
            return True
        return self.outcome_form.save()


class PlanStepPage(AddOneAtATimePage):
    step = "plan"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            ctx,
            _("Your plan"),
            _("The support agreed in your plan, with how much is planned for each. Add one at a time."),
            _("Sa&ve this and add another"),
        )
        self.no_period = QLabel(_("Add your budget dates first (the step before), then your plan."))
        self.column.addWidget(self.no_period)
        self.line_form: PlanLineDialog | None = None

    def _build(self) -> None:
        if self.line_form is not None:
            self.line_form.hide()
            self.line_form.deleteLater()
            self.line_form = None
        period_id = self.ctx.read(lambda s: ids[-1] if (ids := [p.id for p in budget.periods(s)]) else None, None)
        self.no_period.setVisible(period_id is None)
        self.add_button.setEnabled(period_id is not None)
        if period_id is None:
            return
        self.line_form = embedded(PlanLineDialog(self.ctx, period_id, None, self))
        self.form_box.addWidget(self.line_form)
        names = self.ctx.read(lambda s: [line.description for line in plan.plan_lines(s, period_id)], [])
        self.added.setText(_("Added so far: {names}").format(names="; ".join(names)) if names else "")

    def save_step(self) -> bool:
        if self.line_form is None or not self.line_form.description.text().strip():
            return True
        return self.line_form.save()


class SetupWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Setting up your budget"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.steps: list[StepPage] = [AboutYouPage(ctx), BudgetPage(ctx), OutcomesStepPage(ctx), PlanStepPage(ctx)]
        self.page_ids = [self.addPage(page) for page in self.steps]
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("&Skip this step"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("S&top for now"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Ne&xt >"))  # N is the NHS number's
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.customButtonClicked.connect(self._skip)
        self.currentIdChanged.connect(self._focus_first_field)
        # Room for the longest step and its messages at any text size (never clipped), within the screen.
        line, char = self.fontMetrics().height(), self.fontMetrics().averageCharWidth()
        self.setMinimumSize(min(char * 90, 1000), min(line * 30, 700))
        self.accepted.connect(self._finished)
        start = ctx.read(setup_progress.next_step, None)
        if start in setup_progress.STEPS:
            self.setStartId(self.page_ids[setup_progress.STEPS.index(start)])

    def _focus_first_field(self, _page_id: int) -> None:
        page = self.currentPage()
        field = page.first_field() if isinstance(page, StepPage) else None
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)

    def _skip(self, which: int) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage):
            page.skipping = True
        if self.currentId() == self.page_ids[-1]:
            self.accept()
        else:
            self.next()

    def _finished(self) -> None:
        ops.finish_setup(self.ctx)


def start_setup(window: QWidget) -> SetupWizard | None:
    """Open the set-up over the main window (not blocking, so Lock can still close it)."""
    ctx = getattr(window, "ctx", None)
    if not isinstance(ctx, AppContext) or ctx.store is None:
        return None
    wizard = SetupWizard(ctx, window)
    window.setup_wizard = wizard  # type: ignore[attr-defined]
    wizard.open()
    return wizard

"""Every input on every page and dialog has a name a screen reader can say: a QLabel buddy or an accessible name.

The walker looks at every widget, shown or hidden, so a field that appears later (the questionnaire name) is
checked too.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDial,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QTextEdit,
    QWidget,
)

from ipb_desktop import budget, outcomes, plan
from ipb_desktop.ui.bank_import.learned_rules import LearnedRulesDialog
from ipb_desktop.ui.help.page import HelpDialog
from ipb_desktop.ui.outcomes.dialogs import OutcomeDialog, RatingDialog
from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog
from ipb_desktop.ui.plan.repayment import RepaymentDialog
from ipb_desktop.ui.setup.wizard import SetupWizard
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from ipb_desktop.ui.spending.reconcile import ReconcileDialog
from ipb_desktop.ui.widgets.secret import SecretField

# Pages whose rows of buttons and text wrap at any text size (the spending pages have their own wide table).
WRAPPING_PAGES = {"home", "outcomes", "plan", "help", "settings"}
INPUTS = (
    QLineEdit,
    SecretField,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QSlider,
    QDial,
)


def _is_part_of_another_input(widget: QWidget) -> bool:
    """Qt's own pieces: the line edit inside a spin box or editable combo, a combo's popup list, scroll bars."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView | QTextEdit | QPlainTextEdit):
            return True
        if type(parent).__name__ in ("QComboBoxPrivateContainer", "QCalendarWidget"):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_inputs(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        needs_name = isinstance(widget, INPUTS) or (
            isinstance(widget, QCheckBox | QRadioButton) and not widget.text().strip()
        )
        if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox | QRadioButton):
            needs_name = not widget.text().strip() and not widget.accessibleName() and widget.icon().isNull()
        if not needs_name or _is_part_of_another_input(widget):
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        problems.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(root).__name__}")
    return problems


def test_start_pages_name_every_input(qtbot, window: MainWindow) -> None:
    for page in (window.welcome, window.create_page, window.unlock_page):
        assert unnamed_inputs(page) == []


def test_every_page_names_every_input(qtbot, open_window: MainWindow) -> None:
    problems = []
    for key, *_rest in PAGES:
        open_window.show_page(key)
        problems += unnamed_inputs(open_window.page_widgets[key])
    problems += unnamed_inputs(open_window)
    assert problems == []


def test_every_dialog_names_every_input(qtbot, open_window: MainWindow) -> None:
    ctx = open_window.ctx
    with ctx.store.reading() as s:
        period = budget.periods(s)[0]
        period_id = period.id
        stream_id = period.streams[0].id
        line_id = plan.plan_lines(s, period.id)[0].id
        outcome_id = outcomes.list_outcomes(s)[0].id
    built = [
        OutcomeDialog(ctx, None, open_window),
        OutcomeDialog(ctx, outcome_id, open_window),
        RatingDialog(ctx, outcome_id, "Alys", open_window),
        PeriodDialog(ctx, open_window),
        StreamDialog(ctx, period_id, None, open_window),
        StreamDialog(ctx, period_id, stream_id, open_window),
        PlanLineDialog(ctx, period_id, line_id, open_window),
        HelpDialog(open_window),
        SetupWizard(ctx, open_window),
        LearnedRulesDialog(ctx, open_window),
        ReconcileDialog(ctx, open_window),
        RepaymentDialog(ctx, [(stream_id, "Exampleshire Council")], stream_id, open_window),
    ]
    problems = []
    for dialog in built:
        if isinstance(dialog, SetupWizard):
            for page_id in dialog.page_ids:
                dialog.page(page_id).initializePage()
        problems += unnamed_inputs(dialog)
        dialog.deleteLater()
    assert problems == []


def test_text_size_200_percent_keeps_every_page_usable(qtbot, open_window: MainWindow) -> None:
    from ipb_desktop.ui.shell.appearance import apply_text_scale

    apply_text_scale(200)
    assert QApplication.font().pointSizeF() >= 2 * 9
    for key, *_rest in PAGES:
        open_window.show_page(key)
        page = open_window.page_widgets[key]
        # Pages sit in scroll areas and grow with the text: nothing is squeezed below its minimum size.
        qtbot.waitUntil(lambda p=page: p.height() >= p.minimumSizeHint().height() - 1, timeout=3000)
        if key in WRAPPING_PAGES:
            assert page.width() <= open_window.pages.width()  # no sideways scrolling needed
    apply_text_scale(100)

"""Adding and editing an outcome in the person's own words, and rating progress on it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ipb_desktop import outcomes
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import RatingScale
from ipb_desktop.ui.operations import outcomes as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.dates import DateField
from ipb_desktop.ui.widgets.dialogs import FormDialog
from ipb_desktop.ui.widgets.forms import plain_label


def recorder_words(actor: str, holder_name: str) -> str:
    if actor.startswith("planner:"):
        return _("{name} (planner)").format(name=actor.split(":", 1)[1])
    return holder_name or _("you")


def text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    line = box.fontMetrics().height()
    box.setMinimumHeight(line * 4)
    return box


class OutcomeDialog(FormDialog):
    """What matters to me, how I'll know it's working, and a life area. Empty with examples as placeholders."""

    def __init__(self, ctx: AppContext, outcome_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Edit what matters to you") if outcome_id else _("Add what matters to you"),
            parent,
            _("Write it in your own words. There are no right or wrong answers."),
        )
        self.outcome_id = outcome_id
        self.what = text_box(_("for example: Feel confident going out on my own"))
        self.form.row(_("&What matters to me"), self.what, ("what_matters",))
        self.how = text_box(_("for example: I go to the market on my own each week"))
        self.form.row(_("&How I'll know it's working"), self.how, ("how_ill_know",))
        self.area = QComboBox()
        self.area.addItem(_("(no life area)"), None)
        for area_id, name in ctx.read(lambda s: [(a.id, a.name) for a in outcomes.life_areas(s)], []):
            self.area.addItem(name, area_id)
        self.form.row(_("&Life area"), self.area, ("life_area",))
        self.new_area_button = QPushButton(_("Add a new life &area…"))
        self.new_area_button.clicked.connect(self.add_life_area)
        self.form.layout.addRow("", self.new_area_button)
        if outcome_id is not None:
            current = ops.details_of(ctx, outcome_id)
            if current is not None:
                self.what.setPlainText(current.what_matters)
                self.how.setPlainText(current.how_ill_know or "")
                self.area.setCurrentIndex(max(0, self.area.findData(current.life_area_id)))
        self.what.setFocus()

    def add_life_area(self) -> None:
        """The list of life areas is the person's own: add one here and choose it (undoable, like every change)."""
        name, ok = QInputDialog.getText(self, _("New life area"), _("Name of the new life area:"))
        if not ok or not name.strip():
            return
        area_id = ops.add_life_area(self.ctx, name)
        if area_id is not None:
            self.area.addItem(name.strip(), area_id)
            self.area.setCurrentIndex(self.area.count() - 1)

    def details(self) -> outcomes.OutcomeDetails:
        return outcomes.OutcomeDetails(self.what.toPlainText(), self.how.toPlainText() or None, self.area.currentData())

    def save(self) -> bool:
        details = self.details()
        if self.outcome_id is None:
            return ops.add_outcome(self.ctx, details, self.form) is not None
        before = ops.details_of(self.ctx, self.outcome_id)
        if before is None:
            return False
        return ops.edit_outcome(self.ctx, self.outcome_id, details, before, self.form) is not None


SCALES = [
    (RatingScale.OWN_WORDS, N_("How I feel it is going, 0 to 10")),
    (RatingScale.GOAL_ATTAINMENT, N_("Goal attainment, -2 to +2")),
    (RatingScale.EXTERNAL, N_("A score from a questionnaire done elsewhere")),
]


class RatingDialog(FormDialog):
    """Rate progress on one outcome: 0-10 (or goal attainment, or an outside questionnaire's score) with a note."""

    def __init__(self, ctx: AppContext, outcome_id: int, who: str, parent: QWidget | None = None) -> None:
        what = ctx.read(lambda s: outcomes.get_outcome(s, outcome_id).what_matters, "")
        super().__init__(ctx, _("Rate your progress"), parent, _("How is it going with: {what}").format(what=what))
        self.outcome_id = outcome_id
        today = ctx.today()
        self.on = DateField(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd/MM/yyyy")
        self.form.row(_("&Date"), self.on, ("rated_on",))
        self.scale = QComboBox()
        for code, label in SCALES:
            self.scale.addItem(_(label), str(code))
        self.form.row(_("&Kind of rating"), self.scale, ("scale",))
        self.score = QSpinBox()
        self.form.row(
            _("S&core"),
            self.score,
            ("score",),
            hint=_("0 means not at all, 10 means as well as I could hope."),
        )
        self.instrument = QLineEdit()
        self.instrument.setPlaceholderText(_("for example: the questionnaire my care team uses"))
        self.instrument_label = self.form.row(_("&Questionnaire's name"), self.instrument, ("instrument",))
        self.note = text_box(_("What helped, what got in the way?"))
        self.form.row(_("&Note"), self.note, ("note",))
        self.form.layout.addRow(plain_label(_("Recorded by: {who}").format(who=who)))
        self.scale.currentIndexChanged.connect(self._scale_changed)
        self._scale_changed()
        self.score.setFocus()

    def _scale_changed(self) -> None:
        code = self.scale.currentData()
        low, high = outcomes.SCORE_RANGES[RatingScale(code)]
        self.score.setRange(low, high)
        if code == RatingScale.OWN_WORDS:
            self.score.setValue(5)
        elif code == RatingScale.GOAL_ATTAINMENT:
            self.score.setValue(0)
        external = code == RatingScale.EXTERNAL
        self.form.layout.setRowVisible(self.instrument_label, external)

    def details(self) -> outcomes.RatingDetails:
        day = self.on.date()
        return outcomes.RatingDetails(
            rated_on=dt.date(day.year(), day.month(), day.day()),
            score=self.score.value(),
            scale=self.scale.currentData(),
            note=self.note.toPlainText() or None,
            instrument=self.instrument.text() if self.scale.currentData() == RatingScale.EXTERNAL else None,
        )

    def save(self) -> bool:
        details = self.details()
        outcome_id = self.outcome_id
        return ops.rate_progress(self.ctx, outcome_id, details, self.form) is not None

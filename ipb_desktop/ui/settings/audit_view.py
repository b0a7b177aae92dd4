"""The record of changes (the store's audit log), read-only: when, who (the budget holder or a planner by
name) and what changed, newest first, with a choice of who and a search."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import audit
from ipb_desktop.i18n import N_, _
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import plain_label
from ipb_desktop.ui.widgets.table_model import Column, RowsModel

ACTIONS = {
    "create": N_("Added"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "restore": N_("Brought back"),
    "status": N_("Changed the status of"),
    "setting": N_("Changed"),
}
THINGS = {
    "transaction": N_("a payment"),
    "receipt": N_("a receipt"),
    "rating": N_("a rating"),
    "outcome": N_("an outcome"),
    "plan_line": N_("a plan line"),
    "stream": N_("a funding stream"),
    "period": N_("a budget period"),
    "regular_payment": N_("a regular payment"),
    "holder": N_("your details"),
    "explanation": N_("an explanation"),
    "review_answer": N_("a review answer"),
    "setting": N_("a setting"),
    "import_batch": N_("a bank statement import"),
    "category": N_("a category"),
    "life_area": N_("a life area"),
    "csv_mapping": N_("a bank file layout"),
}
EVERYONE, HOLDER = "", "holder"


Change = audit.Change
read_changes = audit.recent_changes


def who_words(actor: str) -> str:
    if actor.startswith("planner:"):
        return _("{name} (planner)").format(name=actor.split(":", 1)[1])
    return _("Budget holder")


def what_words(change: Change) -> str:
    action = _(ACTIONS[change.action]) if change.action in ACTIONS else change.action
    thing = _(THINGS[change.entity]) if change.entity in THINGS else change.entity.replace("_", " ")
    return f"{action} {thing}"


class AuditDialog(QDialog):
    """Read-only; choosing who, or typing words, narrows the list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record of changes"))
        self.changes: list[Change] = ctx.read(read_changes, [])
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _("Every change made in this budget, newest first, and who made it. Nothing here can be changed.")
            )
        )
        row = QHBoxLayout()
        self.who = QComboBox()
        self.who.addItem(_("Everyone"), EVERYONE)
        self.who.addItem(_("Budget holder"), HOLDER)
        for actor in sorted({c.actor for c in self.changes if c.actor.startswith("planner:")}):
            self.who.addItem(who_words(actor), actor)
        who_label = QLabel(_("&Who"))
        who_label.setBuddy(self.who)
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Search the changes"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Search"))
        search_label.setBuddy(self.search)
        for widget in (who_label, self.who, search_label):
            row.addWidget(widget)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        self.model: RowsModel[Change] = RowsModel(
            [
                Column(_("When"), lambda c: c.at.strftime("%d/%m/%Y %H:%M")),
                Column(_("Who"), lambda c: who_words(c.actor)),
                Column(_("What"), what_words),
                Column(_("Details"), lambda c: c.detail),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Changes"))
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.count = plain_label()
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.who.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        line, char = self.fontMetrics().height(), self.fontMetrics().averageCharWidth()
        self.resize(min(char * 110, 1200), min(line * 32, 800))
        self._filter()

    def _filter(self) -> None:
        who, words = self.who.currentData(), self.search.text().strip().lower()
        shown = [
            c
            for c in self.changes
            if (who == EVERYONE or c.actor == who or (who == HOLDER and not c.actor.startswith("planner:")))
            and (not words or words in f"{what_words(c)} {c.detail} {who_words(c.actor)}".lower())
        ]
        self.model.set_rows(shown)
        self.count.setText(_("Showing {n} of {total} changes.").format(n=len(shown), total=len(self.changes)))

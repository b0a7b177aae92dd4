"""What the app has learned: the suggestion rules worked out from the person's own choices, in plain words, each of
which can be turned off ("Don't suggest this any more") and back on. Each change is one undoable operation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ipb_desktop.bankimport import learned
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations import bank_import as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import Heading, plain_label


class LearnedRulesDialog(QDialog):
    """Every learned rule; the selected one can be turned off or back on."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("What the app has learned"))
        self.resize(720, 420)
        self.rules: list[learned.LearnedRule] = []
        intro = plain_label(
            _(
                "When you import a statement, the app suggests what each payment is for, from what you chose "
                "before for the same payee. It never uses a suggestion unless you say so. If a suggestion is no "
                "longer right, turn it off here."
            )
        )
        self.empty_label = plain_label(
            _(
                "Nothing learned yet. Once you have said what some payments are for, the app can suggest the "
                "same for the next payments to the same payee."
            )
        )
        self.rule_list = QListWidget()
        self.rule_list.setAccessibleName(_("What the app has learned"))
        self.rule_list.setWordWrap(True)
        self.rule_list.itemSelectionChanged.connect(self._update_buttons)
        self.off_button = QPushButton(_("&Don't suggest this any more"))
        self.off_button.clicked.connect(lambda: self.set_selected(False))
        self.on_button = QPushButton(_("&Suggest this again"))
        self.on_button.clicked.connect(lambda: self.set_selected(True))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.off_button)
        buttons.addWidget(self.on_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(Heading(_("What the app has learned"), 2))
        column.addWidget(intro)
        column.addWidget(self.empty_label)
        column.addWidget(self.rule_list, 1)
        column.addLayout(buttons)
        ctx.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected()
        self.rules = self.ctx.read(learned.learned, [])
        self.rule_list.clear()
        for rule in self.rules:
            text = _("Turned off: {rule}").format(rule=rule.text) if rule.off else rule.text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (rule.payee, rule.direction))
            self.rule_list.addItem(item)
            if keep is not None and (rule.payee, rule.direction) == (keep.payee, keep.direction):
                self.rule_list.setCurrentItem(item)
        self.empty_label.setVisible(not self.rules)
        self.rule_list.setVisible(bool(self.rules))
        if self.rules and self.rule_list.currentRow() < 0:
            self.rule_list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> learned.LearnedRule | None:
        chosen = self.rule_list.selectedItems()
        row = self.rule_list.row(chosen[0]) if chosen else -1
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _update_buttons(self) -> None:
        rule = self.selected()
        self.off_button.setEnabled(rule is not None and not rule.off)
        self.on_button.setEnabled(rule is not None and rule.off)

    def set_selected(self, on: bool) -> None:
        rule = self.selected()
        if rule is None or rule.off != on:
            return
        ops.set_suggesting(self.ctx, rule.payee, rule.direction, on, rule.text)
        # The focus stays on the list, on the same rule, so the other button is one Tab away.
        self.rule_list.setFocus()


def open_learned(ctx: AppContext, parent: QWidget | None = None) -> LearnedRulesDialog:
    dialog = LearnedRulesDialog(ctx, parent)
    dialog.open()
    return dialog

"""Settings: your details, who is recording, the passphrase, locking, warnings, text size and language.

Each choice is saved at once (and can be undone with Ctrl+Z); there is no Save-all button to forget.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import keystore, settings, unlock
from ipb_desktop.errors import FieldProblem, IpbError
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.store import MIN_PASSPHRASE_LENGTH, passphrase_strength
from ipb_desktop.passcheck import passphrase_opens
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations import settings as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.settings.money import MoneySettings
from ipb_desktop.ui.setup.holder_form import HolderForm
from ipb_desktop.ui.widgets.forms import Form, Heading, button_row, plain_label
from ipb_desktop.ui.widgets.page import Page
from ipb_desktop.ui.widgets.secret import SecretField

CHOICES: dict[str, list[tuple[str, str]]] = {
    "auto_lock_minutes": [
        ("1", N_("after 1 minute")),
        ("2", N_("after 2 minutes")),
        ("5", N_("after 5 minutes")),
        ("10", N_("after 10 minutes")),
        ("15", N_("after 15 minutes")),
        ("30", N_("after 30 minutes")),
        ("60", N_("after an hour")),
        ("0", N_("never (not advised on a shared computer)")),
    ],
    "monitoring_every": [
        ("monthly", N_("every month")),
        ("quarterly", N_("every 3 months")),
        ("six_monthly", N_("every 6 months")),
        ("yearly", N_("every year")),
    ],
    "text_scale_percent": [
        ("100", N_("normal (100%)")),
        ("125", N_("bigger (125%)")),
        ("150", N_("bigger still (150%)")),
        ("175", N_("large (175%)")),
        ("200", N_("largest (200%)")),
    ],
    "language": [("en_GB", N_("English")), ("cy", N_("Cymraeg (Welsh)"))],
    "backups_kept": [
        ("3", N_("the last 3")),
        ("5", N_("the last 5")),
        ("10", N_("the last 10")),
        ("20", N_("the last 20")),
        ("30", N_("the last 30")),
    ],
}
LABELS = {
    "auto_lock_minutes": N_("Loc&k the app when it is not used"),
    "monitoring_every": N_("&Monitoring return is due"),
    "text_scale_percent": N_("Te&xt size"),
    "language": N_("&Language"),
    "backups_kept": N_("Automat&ic backups to keep"),
}


class SettingsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        col = QVBoxLayout(self)
        col.addWidget(Heading(_("Settings")))
        col.addWidget(plain_label(_("Changes are saved straight away. Press Ctrl+Z to undo one.")))

        details_box = QGroupBox(_("Your details"))
        details_col = QVBoxLayout(details_box)
        self.holder_form = HolderForm(ctx)
        details_col.addWidget(self.holder_form)
        self.save_details_button = QPushButton(_("&Save your details"))
        self.save_details_button.clicked.connect(self.holder_form.save)
        details_col.addWidget(button_row(self.save_details_button))
        col.addWidget(details_box)

        who_box = QGroupBox(_("Who is recording"))
        who_col = QVBoxLayout(who_box)
        who_col.addWidget(
            plain_label(
                _(
                    "Ratings, notes and payments are marked with who recorded them. A planner sitting with you "
                    "can record under their own name."
                )
            )
        )
        self.as_holder = QRadioButton(_("The &budget holder"))
        self.as_planner = QRadioButton(_("&A planner"))
        self.who_group = QButtonGroup(self)
        self.who_group.addButton(self.as_holder)
        self.who_group.addButton(self.as_planner)
        who_col.addWidget(self.as_holder)
        who_col.addWidget(self.as_planner)
        self.who_form = Form()
        self.planner_name = QLineEdit()
        self.planner_name.setPlaceholderText(_("for example: Sam Example"))
        self.who_form.row(_("Planner's name"), self.planner_name, ("recorder",))
        who_col.addLayout(self.who_form.layout)
        self.save_who_button = QPushButton(_("&Use this"))
        who_col.addWidget(button_row(self.save_who_button))
        self.who_words = plain_label()
        who_col.addWidget(self.who_words)
        col.addWidget(who_box)

        choices_box = QGroupBox(_("How the app works"))
        choices_form = QFormLayout(choices_box)
        self.choice_form = Form(choices_form)
        self.combos: dict[str, QComboBox] = {}
        for key, options in CHOICES.items():
            box = QComboBox()
            for value, words in options:
                box.addItem(_(words), value)
            self.choice_form.row(_(LABELS[key]), box, (key,))  # a new language applies at once (shell)
            box.activated.connect(lambda _index, k=key: self.choose(k))
            self.combos[key] = box
        col.addWidget(choices_box)
        col.addWidget(MoneySettings(ctx))  # the surplus, the account's details and its opening balance

        pass_box = QGroupBox(_("Your passphrase"))
        pass_col = QVBoxLayout(pass_box)
        self.remember_words = plain_label()
        pass_col.addWidget(self.remember_words)
        self.remember_form = Form()
        self.remember_pass = SecretField()
        self.remember_form.row(_("Type your passphrase to remember it"), self.remember_pass, ("remember",))
        pass_col.addLayout(self.remember_form.layout)
        self.remember_button = QPushButton(_("Remember it on this computer"))
        self.forget_button = QPushButton(_("Forget it on this computer"))
        pass_col.addWidget(button_row(self.remember_button, self.forget_button))

        self.change_form = Form()
        self.current_pass, self.new_pass, self.again_pass = SecretField(), SecretField(), SecretField()
        self.change_form.row(_("Curren&t passphrase"), self.current_pass, ("current",))
        self.change_form.row(_("New passphrase"), self.new_pass, ("passphrase",))
        self.strength = plain_label(_("Use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH))
        self.change_form.layout.addRow("", self.strength)
        self.change_form.row(_("New passphrase again"), self.again_pass, ("again",))
        pass_col.addWidget(Heading(_("Change your passphrase"), 3))
        pass_col.addLayout(self.change_form.layout)
        self.change_button = QPushButton(_("Change my passphrase"))
        pass_col.addWidget(button_row(self.change_button))
        col.addWidget(pass_box)
        col.addStretch(1)

        self.save_who_button.clicked.connect(self.save_recorder)
        self.planner_name.returnPressed.connect(self.save_recorder)
        self.remember_button.clicked.connect(self.remember)
        self.forget_button.clicked.connect(self.forget)
        self.change_button.clicked.connect(self.change_passphrase)
        self.new_pass.textChanged.connect(self._strength)

    # -- reading ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        for edit in (self.remember_pass, self.current_pass, self.new_pass, self.again_pass):
            edit.clear()
        if store is None:
            self.holder_form.clear()
            self.planner_name.clear()
            return
        self.holder_form.load()
        values = self.ctx.read(lambda s: {k: settings.get(s, k) for k in [*CHOICES, "recorder"]}, {})
        for key, box in self.combos.items():
            box.setCurrentIndex(max(0, box.findData(values.get(key, ""))))
        recorder = values.get("recorder", "")
        planner = recorder.split(":", 1)[1] if recorder.startswith("planner:") else ""
        (self.as_planner if planner else self.as_holder).setChecked(True)
        self.planner_name.setText(planner)
        self.who_words.setText(
            _("Now recording: {who}.").format(
                who=_("{name} (planner)").format(name=planner) if planner else _("the budget holder")
            )
        )
        available = keystore.keyring_available()
        remembered = available and keystore.recall(store.uuid) is not None
        self.remember_button.setEnabled(available and not remembered)
        self.remember_pass.setEnabled(available and not remembered)
        self.forget_button.setEnabled(remembered)
        if not available:
            self.remember_words.setText(
                _(
                    "This computer has no password keyring the app can use, so it cannot remember your passphrase. "
                    "You will type it each time."
                )
            )
        elif remembered:
            self.remember_words.setText(_("This computer remembers your passphrase, so it opens without asking."))
        else:
            self.remember_words.setText(_("This computer does not remember your passphrase; you type it each time."))

    # -- changing ---------------------------------------------------------------------------------------------

    def choose(self, key: str) -> None:
        ops.change_setting(self.ctx, key, self.combos[key].currentData(), self.choice_form)

    def save_recorder(self) -> None:
        name = self.planner_name.text().strip()
        if self.as_planner.isChecked() and not name:
            self.who_form.show_problems((FieldProblem("recorder", _("write the planner's name")),))
            return
        value = f"planner:{name}" if self.as_planner.isChecked() else "holder"
        ops.change_recorder(self.ctx, value, self.who_form)

    def remember(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        self.remember_form.clear_problems()
        typed = self.remember_pass.text()
        if not passphrase_opens(store.path, typed):
            self.remember_form.show_problems(
                (FieldProblem("remember", _("that is not the passphrase for this store; please try again")),)
            )
            return
        try:
            keystore.remember(store.uuid, typed)
        except IpbError as exc:
            messages.report(exc)
            return
        messages.info(_("This computer will remember your passphrase."))
        self.refresh()

    def forget(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        unlock.forget_passphrase(store)
        messages.info(_("This computer has forgotten your passphrase. You will type it next time."))
        self.refresh()

    def _strength(self, text: str) -> None:
        if text:
            score, hint = passphrase_strength(text)
            self.strength.setText(_("Strength {score} out of 4: {hint}").format(score=score, hint=hint))
        else:
            self.strength.setText(_("Use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH))

    def change_passphrase(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        form = self.change_form
        form.clear_problems()
        if not passphrase_opens(store.path, self.current_pass.text()):
            form.show_problems((FieldProblem("current", _("that is not your current passphrase; please try again")),))
            return
        if self.new_pass.text() != self.again_pass.text():
            form.show_problems(
                (FieldProblem("again", _("the two new passphrases are different; please type them again")),)
            )
            return
        try:
            warning = unlock.change_passphrase(store, self.new_pass.text())
        except IpbError as exc:
            left = form.show_problems(getattr(exc, "problems", (FieldProblem("passphrase", str(exc)),)))
            if left:
                messages.report(exc)
            return
        for edit in (self.current_pass, self.new_pass, self.again_pass):
            edit.clear()
        messages.info(warning or _("Your passphrase has been changed. Use the new one from now on."))

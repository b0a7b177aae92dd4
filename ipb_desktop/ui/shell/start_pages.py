"""What a person sees before a store is open: the welcome, creating a store, and unlocking one.

The unlock page doubles as the lock screen: it shows only the store's file name, never anything from inside it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import keystore, paths, unlock
from ipb_desktop.errors import FieldProblem, IpbError, NotAStore, WrongPassphrase
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.store import MIN_PASSPHRASE_LENGTH, STORE_SUFFIX, Store, passphrase_strength
from ipb_desktop.ui.widgets.forms import Form, Heading, plain_label, sentence
from ipb_desktop.ui.widgets.secret import SecretField

FILE_FILTER = N_("Budget stores (*.ipb);;All files (*)")


def _centred(inner: QWidget) -> QVBoxLayout:
    """A column of at most a comfortable reading width, centred in the window."""
    outer = QVBoxLayout()
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner, 4)
    row.addStretch(1)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return outer


class WelcomePage(QWidget):
    """First run: make a new budget store, or open one that already exists."""

    create_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(Heading(_("Welcome to ipb-desktop")))
        col.addWidget(
            plain_label(
                _(
                    "This app helps you keep track of your personal budget: what matters to you, your plan, "
                    "and what you spend. Everything stays on this computer, locked with a passphrase only you know."
                )
            )
        )
        self.create_button = QPushButton(_("&Create my budget store"))
        self.create_button.setDefault(True)
        self.open_button = QPushButton(_("&Open a store I already have"))
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)
        col.addWidget(self.create_button)
        col.addWidget(self.open_button)
        self.setLayout(_centred(body))


class CreateStorePage(QWidget):
    """Where the store goes, a passphrase typed twice with a strength hint, and "remember on this computer"."""

    created = Signal(object, object)  # Store, warning text or None
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(Heading(_("Create your budget store")))
        col.addWidget(
            plain_label(
                _(
                    "Your budget store is one locked file. Choose a passphrase: a few ordinary words together are "
                    "easy to remember and hard to guess. Nobody can open the store without it, not even us, so "
                    "write it down somewhere safe."
                )
            )
        )
        self.form = Form()
        where = QWidget()
        where_row = QHBoxLayout(where)
        where_row.setContentsMargins(0, 0, 0, 0)
        self.location = QLineEdit(str(paths.default_store_path()))
        self.browse = QPushButton(_("Ch&oose…"))
        self.browse.setAccessibleName(_("Choose where to save the store"))
        self.browse.clicked.connect(self._choose)
        where_row.addWidget(self.location, 1)
        where_row.addWidget(self.browse)
        where_label = self.form.row(_("&Save it in"), where, ("store",))
        where_label.setBuddy(self.location)
        self.passphrase = SecretField()
        self.passphrase.setPlaceholderText(_("for example: purple otter umbrella"))
        self.form.row(_("&Passphrase"), self.passphrase, ("passphrase",))
        self.strength = plain_label(_("Use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH))
        self.strength.setAccessibleDescription(_("Passphrase strength"))
        self.form.layout.addRow("", self.strength)
        self.again = SecretField()
        self.form.row(_("Type it ag&ain"), self.again, ("passphrase_again",))
        self.remember = QCheckBox(_("&Remember on this computer (you will not be asked each time)"))
        self.form.layout.addRow("", self.remember)
        self.keyring_note = plain_label()
        self.form.layout.addRow("", self.keyring_note)
        col.addLayout(self.form.layout)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(_("&Create my budget store"))
        self.create_button.setDefault(True)
        self.back_button = QPushButton(_("&Back"))
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.create_button)
        col.addLayout(buttons)
        self.setLayout(_centred(body))
        self.passphrase.textChanged.connect(self._strength)
        self.create_button.clicked.connect(self.submit)
        self.again.returnPressed.connect(self.submit)
        self.back_button.clicked.connect(self.cancelled)

    def reset(self) -> None:
        self.passphrase.clear()
        self.again.clear()
        self.form.clear_problems()
        available = keystore.keyring_available()
        self.remember.setEnabled(available)
        self.remember.setChecked(False)
        self.keyring_note.setVisible(not available)
        self.keyring_note.setText(
            _(
                "This computer has no password keyring the app can use, so you will type your passphrase each "
                "time you open your budget."
            )
        )
        self.passphrase.setFocus()

    def _choose(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the budget store as"), self.location.text(), _(FILE_FILTER)
        )
        if name:
            self.location.setText(name if name.endswith(STORE_SUFFIX) else name + STORE_SUFFIX)

    def _strength(self, text: str) -> None:
        if not text:
            self.strength.setText(_("Use at least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH))
            return
        score, hint = passphrase_strength(text)
        self.strength.setText(_("Strength {score} out of 4: {hint}").format(score=score, hint=hint))

    def submit(self) -> None:
        self.form.clear_problems()
        passphrase = self.passphrase.text()
        if passphrase != self.again.text():
            self.form.show_problems(
                (FieldProblem("passphrase_again", _("the two passphrases are different; please type them again")),)
            )
            return
        path = Path(self.location.text().strip()).expanduser()
        try:
            store, warning = unlock.create_store(path, passphrase, self.remember.isChecked())
        except IpbError as exc:
            problems = getattr(exc, "problems", None) or (FieldProblem("store", str(exc)),)
            self.form.show_problems(problems)
            return
        self.passphrase.clear()
        self.again.clear()
        self.created.emit(store, warning)


class UnlockPage(QWidget):
    """Ask for the passphrase of one store (shown by file name only). Also the lock screen."""

    unlocked = Signal(object, object)  # Store, warning text or None
    open_other = Signal()
    create_new = Signal()
    restore_requested = Signal()  # the store is damaged: put a backup in its place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        body = QWidget()
        col = QVBoxLayout(body)
        self.heading = Heading(_("Unlock your budget"))
        col.addWidget(self.heading)
        self.explain = plain_label()
        col.addWidget(self.explain)
        self.form = Form()
        self.passphrase = SecretField()
        self.form.row(_("&Passphrase"), self.passphrase, ("passphrase",))
        self.remember = QCheckBox(_("&Remember on this computer"))
        self.form.layout.addRow("", self.remember)
        self.status = plain_label()  # "Unlocking…" while the passphrase is checked (it takes a moment)
        self.status.hide()
        self.form.layout.addRow("", self.status)
        col.addLayout(self.form.layout)
        buttons = QHBoxLayout()
        self.other_button = QPushButton(_("Open a &different store"))
        self.new_button = QPushButton(_("Create a &new store"))
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.restore_button = QPushButton(_("&Restore from a backup…"))
        self.restore_button.hide()  # offered only when the store turns out to be damaged
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        col.addLayout(buttons)
        self.setLayout(_centred(body))
        self.unlock_button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.other_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.create_new)
        self.restore_button.clicked.connect(self.restore_requested)

    def ask(self, path: Path, locked: bool = False) -> None:
        self.path = path
        self.passphrase.clear()
        self.form.clear_problems()
        self.restore_button.hide()
        available = keystore.keyring_available()
        self.remember.setVisible(available and not locked)
        self.remember.setChecked(False)
        if locked:
            self.heading.setText(_("Your budget is locked"))
            self.explain.setText(
                _("{name} was locked to keep it private. Type your passphrase to carry on where you left off.").format(
                    name=path.name
                )
            )
        else:
            self.heading.setText(_("Unlock your budget"))
            self.explain.setText(_("Type the passphrase for {name}.").format(name=path.name))
        self.passphrase.setFocus()

    def submit(self) -> None:
        if self.path is None:
            return
        self.form.clear_problems()
        self._say(_("Unlocking…"))
        self.repaint()  # checking the passphrase takes a moment: say so before it starts
        try:
            store, warning = unlock.open_store(self.path, self.passphrase.text(), self.remember.isChecked())
        except WrongPassphrase as exc:
            self._say("")
            self.form.show_problems((FieldProblem("passphrase", str(exc)),))
            self.passphrase.selectAll()
            return
        except IpbError as exc:
            self._say("")
            self.form.show_problems((FieldProblem("passphrase", sentence(str(exc))),))
            self.restore_button.setVisible(isinstance(exc, NotAStore))  # damaged: its backups can put it right
            return
        self._say("")
        self.passphrase.clear()
        self.unlocked.emit(store, warning)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.status, text))


def ask_store_to_open(parent: QWidget) -> Path | None:
    """The file dialog for File > Open (tests replace this function)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Open a budget store"), str(paths.default_store_path().parent), _(FILE_FILTER)
    )
    return Path(name) if name else None


__all__ = ["CreateStorePage", "Store", "UnlockPage", "WelcomePage", "ask_store_to_open"]

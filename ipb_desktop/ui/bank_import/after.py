"""The part of the check step about what happens with the statement beyond its lines: recording the bank's
opening balance on a first import, keeping the file itself with the store, and which funder paid each payer's
money in. Nothing here is saved until the person presses Import (`AfterImportPanel.choices` feeds
`service.ImportChoices`)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ipb_desktop import after_import, funders
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.ui.spending.choices import choose
from ipb_desktop.ui.widgets.forms import plain_label

# A statement with money in from more payers than this shows the first ones; the rest are linked as usual
# (a learned rule, else the funder's name) and anything left is listed under "To sort" on Home.
MOST_PAYERS = 30


class AfterImportPanel(QWidget):
    """Opening balance (only on a first import, when the file shows balances), keep the file, link money in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)

        self.opening: after_import.OpeningOffer | None = None
        self.opening_label = plain_label()
        self.opening_box = QCheckBox(_("&Record the opening balance"))
        self.opening_box.setChecked(True)
        column.addWidget(self.opening_label)
        column.addWidget(self.opening_box)

        self.keep_box = QCheckBox(
            _("&Keep a copy of this bank statement inside your budget (encrypted), for the evidence pack")
        )
        self.keep_box.setChecked(True)
        column.addWidget(self.keep_box)

        self.payers: list[funders.Proposal] = []
        self.combos: list[QComboBox] = []
        self.funders_box = QGroupBox(_("Money in: which funder paid it"))
        inside = QVBoxLayout(self.funders_box)
        self.funders_hint = plain_label(
            _(
                "Choose the funding stream each payer's money belongs to. Choices already made come from what you "
                "linked before or from the funder's name. What you choose is remembered for next time; money left "
                "as 'Not linked' is listed under 'To sort' on Home."
            )
        )
        inside.addWidget(self.funders_hint)
        self.funders_form = QFormLayout()
        inside.addLayout(self.funders_form)
        self.more_label = plain_label()
        inside.addWidget(self.more_label)
        column.addWidget(self.funders_box)

    def fill(
        self,
        opening: after_import.OpeningOffer | None,
        proposals: list[funders.Proposal],
        streams: list[tuple[int, str]],
    ) -> None:
        self.opening = opening
        shown = opening is not None
        self.opening_label.setVisible(shown)
        self.opening_box.setVisible(shown)
        self.opening_box.setChecked(True)
        if opening is not None:
            self.opening_label.setText(after_import.offer_text(opening))
            self.opening_box.setText(
                _("&Record {amount} as the opening balance").format(amount=money(opening.balance_pence))
            )
            self.opening_box.setAccessibleDescription(self.opening_label.text())
        self.keep_box.setChecked(True)
        while self.funders_form.rowCount():
            self.funders_form.removeRow(0)
        self.payers = proposals[:MOST_PAYERS] if streams else []
        self.combos = []
        for proposal in self.payers:
            combo = QComboBox()
            combo.addItem(_("Not linked (to sort later)"), None)
            for stream_id, label in streams:
                combo.addItem(label, stream_id)
            choose(combo, proposal.stream_id)
            combo.setAccessibleDescription(_reason(proposal))
            payer_label = QLabel(
                ngettext("{payer} ({n} payment, {total})", "{payer} ({n} payments, {total})", proposal.count).format(
                    payer=proposal.payer, n=proposal.count, total=money(proposal.total_pence)
                )
            )
            payer_label.setWordWrap(True)
            payer_label.setBuddy(combo)
            self.funders_form.addRow(payer_label, combo)
            self.combos.append(combo)
        more = len(proposals) - len(self.payers) if streams else 0
        self.more_label.setText(
            ngettext(
                "Money in from {n} more payer is linked by what you linked before or the funder's name.",
                "Money in from {n} more payers is linked by what you linked before or the funder's name.",
                more,
            ).format(n=more)
            if more > 0
            else ""
        )
        self.more_label.setVisible(more > 0)
        self.funders_box.setVisible(bool(self.payers))

    def record_opening(self) -> bool:
        return self.opening is not None and self.opening_box.isChecked()

    def keep_statement(self) -> bool:
        return self.keep_box.isChecked()

    def payer_streams(self) -> dict[str, int | None]:
        """The stream chosen for each payer shown, by payee key (None: leave it to sort)."""
        return {p.payer_key: combo.currentData() for p, combo in zip(self.payers, self.combos, strict=True)}


def _reason(proposal: funders.Proposal) -> str:
    if proposal.how == "rule":
        return _("Chosen from what you linked this payer's money to before.")
    if proposal.how == "name":
        return _("Chosen because the payer's name is the funder's name.")
    return _("No funder was found for this payer.")

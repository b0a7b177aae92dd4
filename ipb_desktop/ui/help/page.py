"""Help: a short guide in plain words and a glossary, reachable from every screen with F1."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ipb_desktop.employment.help import EMPLOYER_GUIDE
from ipb_desktop.i18n import N_, _
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import Heading
from ipb_desktop.ui.widgets.page import Page

GUIDE: list[tuple[str, list[str]]] = [
    (
        N_("What is an integrated personal budget?"),
        [
            N_(
                "It is money for your care and support that joins together money from the NHS and from your "
                "council (and sometimes other places). You agree with them what it is for, in a care and support "
                "plan, and you choose how it is spent."
            ),
            N_(
                "A direct payment means the money is paid into an account you (or someone you trust) look after. "
                "You then pay for the support yourself and keep a record of what you spent."
            ),
        ],
    ),
    (
        N_("What can the money be spent on?"),
        [
            N_(
                "On the things in your plan that help with what matters to you: for example a personal assistant, "
                "a class, a gym card, travel, or equipment. If something is not in your plan, ask your planner "
                "or care coordinator before you buy it."
            ),
            N_(
                "Plans do not usually pay for alcohol, tobacco, gambling, paying off debts, or GP and emergency "
                "care. The app gently reminds you if a payment looks like one of these, but it never stops you."
            ),
        ],
    ),
    (
        N_("What will the council or NHS ask for?"),
        [
            N_(
                "Every so often (often every 3 months) they ask for a monitoring return: a bank statement and "
                "a list of what you spent, with receipts. The Reports page makes this for you."
            ),
            N_(
                "At your review they look at how your outcomes are going and whether the plan still fits. Your "
                "ratings and notes on the Outcomes page help you say what has worked and what has not."
            ),
            N_(
                "If a lot of money builds up in the account, they may ask about it. The Home page tells you when "
                "the money held passes the number of weeks you chose in Settings."
            ),
        ],
    ),
    (
        N_("Using the app"),
        [
            N_(
                "Everything is saved as soon as you make a change. If you change your mind, press Ctrl+Z to undo "
                "(and Ctrl+Shift+Z to redo). Deleting asks once, and can still be undone."
            ),
            N_(
                "Press Ctrl+L to lock the app when you step away. It also locks itself after a while; type your "
                "passphrase to carry on. Press Ctrl+1 to Ctrl+7 to move between pages, and F1 for this help."
            ),
            N_(
                "Your budget store is locked with your passphrase. Nobody can open it without the passphrase, "
                "so keep it somewhere safe. If you forget it, the store cannot be opened."
            ),
        ],
    ),
]

GLOSSARY: list[tuple[str, str]] = [
    (N_("Budget period"), N_("The dates your budget covers, usually 1 April to 31 March.")),
    (N_("Care and support plan"), N_("The agreed plan of what your budget is for.")),
    (N_("Direct payment"), N_("Budget money paid to you (or someone you trust) to spend on your plan.")),
    (N_("Funding stream"), N_("One source of money in your budget, such as the NHS or the council.")),
    (
        N_("Goal attainment"),
        N_("A way of scoring a goal from -2 (much less than hoped) to +2 (much more than hoped); 0 is as hoped."),
    ),
    (N_("Monitoring return"), N_("The record of spending the council or NHS asks for every so often.")),
    (N_("Notional budget"), N_("Money the NHS or council keeps and spends for you, as you agree.")),
    (N_("Outcome"), N_("Something that matters to you that your support should help with, in your own words.")),
    (N_("Peer support planner"), N_("Someone with lived experience who helps you plan and review your budget.")),
    (N_("Personal health budget"), N_("NHS money for your health and wellbeing, spent as you agree with the NHS.")),
    (N_("Plan line"), N_("One piece of support in your plan, with the amount planned for it.")),
    (
        N_("Section 117 after-care"),
        N_("Free after-care for people who have been kept in hospital under some parts of the Mental Health Act."),
    ),
    (N_("Surplus"), N_("Money left in the account beyond what your plan needs for the next few weeks.")),
    (
        N_("Third party or individual service fund"),
        N_("Your budget held by an organisation you choose, which pays for your support for you."),
    ),
]


def guide_html() -> str:
    parts = []
    for title, paragraphs in [*GUIDE, *EMPLOYER_GUIDE]:
        parts.append(f"<h2>{_(title)}</h2>")
        parts.extend(f"<p>{_(p)}</p>" for p in paragraphs)
    parts.append(f"<h2>{_('Words you may hear')}</h2><dl>")
    for word, meaning in GLOSSARY:
        parts.append(f"<dt><b>{_(word)}</b></dt><dd>{_(meaning)}</dd>")
    parts.append("</dl>")
    return "\n".join(parts)


def help_browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setHtml(guide_html())
    browser.setOpenExternalLinks(False)
    browser.setAccessibleName(_("Help guide"))
    return browser


class HelpPage(Page):
    """The guide inside the main window."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        col = QVBoxLayout(self)
        col.addWidget(Heading(_("Help")))
        self.browser = help_browser()
        col.addWidget(self.browser, 1)


class HelpDialog(QDialog):
    """The same guide in its own window, for F1 before a store is open or while it is locked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Help"))
        col = QVBoxLayout(self)
        self.browser = help_browser()
        col.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(self.fontMetrics().height() * 40, self.fontMetrics().height() * 30)

"""Words and numbers as the printed documents write them: money with babel, dates, names, and plain cell text
wrapped to a column (long unbroken words, such as bank references, are broken so they never overprint the
next column)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.figures import Total
from ipb_desktop.i18n import _, current_locale, ngettext
from ipb_desktop.statements.data import ReceiptState, StatementData
from ipb_desktop.statements.layout import FONT, Styles
from ipb_desktop.statements.review_data import OutcomeReview, ReviewPackData

day_long = formatting.date_long


@lru_cache(maxsize=8192)
def _pounds(pounds: int, negative: bool, locale: str) -> str:
    return formatting.money(-pounds * 100 if negative else pounds * 100, locale)


def money(pence: int) -> str:
    """`formatting.money`, faster for long lists: the babel-formatted whole pounds are remembered and the pence
    written in place of their ".00" (a year's statement formats thousands of amounts)."""
    locale = current_locale()
    pounds, rest = divmod(abs(pence), 100)
    template = _pounds(pounds, pence < 0, locale)
    if template.endswith("00") and not template[-3].isdigit() and (pounds or pence >= 0):
        return f"{template[:-2]}{rest:02d}"
    return formatting.money(pence, locale)


@lru_cache(maxsize=4096)
def _date_short(day: dt.date, locale: str) -> str:
    return formatting.date_short(day, locale)


def date_short(day: dt.date) -> str:
    """`formatting.date_short` (23/11/2026), remembered for each day: a year's statement writes each of its
    365 days many times."""
    return _date_short(day, current_locale())


def weeks_text(tenths: int) -> str:
    """8.5 (weeks), written the way the chosen language writes decimals."""
    return str(format_decimal(Decimal(tenths) / 10, format="#,##0.0", locale=formatting.babel_locale()))


def nhs_number_text(digits: str) -> str:
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else digits


def range_text(start: dt.date, end: dt.date) -> str:
    return _("{start} to {end}").format(start=day_long(start), end=day_long(end))


def holder_name(data: StatementData) -> str:
    return data.holder.name if data.holder is not None else _("Name not recorded")


def label_and_four_amounts(st: Styles) -> list[float]:
    """Widths for a table of a label and four amounts (wider amounts in large print)."""
    return [w * mm for w in ((40, 35, 35, 35, 35) if st.look.large else (72, 27, 27, 27, 27))]


def merged(totals: list[Total]) -> list[tuple[str, int]]:
    """Totals added up by label: this year's and last year's "Personal assistant" plan lines (or a council's
    streams in two budget periods) show as one line, as a reader would expect."""
    by_label: dict[str, int] = {}
    for total in totals:
        by_label[total.label] = by_label.get(total.label, 0) + total.pence
    return list(by_label.items())


class Wrapper:
    """Wraps plain cell text to a column width. Plain strings with line breaks lay out far faster than
    Paragraphs, which matters for a year of several thousand payments. The lines are exactly reportlab's
    `simpleSplit` of `break_long_words`, with each word measured once: payees and descriptions repeat their
    words ("PA", "hours", "Apr") thousands of times."""

    def __init__(self, size: float) -> None:
        self.size = size
        self._seen: dict[tuple[str, float, int], str] = {}
        self._widths: dict[str, float] = {}

    def __call__(self, text: str, width: float, limit: int = 0) -> str:
        key = (text, width, limit)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= 4096:  # payees and labels repeat; descriptions mostly do not: keep it small
                self._seen.clear()
            found = self._seen[key] = self._wrap(text, width, limit)
        return found

    def _width(self, word: str) -> float:
        found = self._widths.get(word)
        if found is None:
            if len(self._widths) >= 8192:
                self._widths.clear()
            found = self._widths[word] = stringWidth(word, FONT, self.size)
        return found

    def _wrap(self, text: str, width: float, limit: int) -> str:
        if limit and len(text) > limit:
            text = text[: limit - 1].rstrip() + "\u2026"
        if stringWidth(text, FONT, self.size) <= width:
            return text
        measure = self._width
        if any(measure(word) > width for word in text.split(" ")):
            text = break_long_words(text, width, self.size)
        # reportlab's simpleSplit (lib/utils.py), the same sums in the same order, so the same lines.
        lines: list[str] = []
        space = measure(" ")
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = -space
            for word in paragraph.split():
                word_width = measure(word)
                if used + space + word_width <= width or not line:
                    line.append(word)
                    used = used + space + word_width
                else:
                    lines.append(" ".join(line))
                    line = [word]
                    used = word_width
            if line:
                lines.append(" ".join(line))
        return "\n".join(lines)


def break_long_words(text: str, width: float, size: float, font: str = FONT) -> str:
    """`text` with every word wider than `width` cut into pieces that fit (a bank reference such as
    PAYPAL*EXAMPLESHIREPOTTERYSTUDIO), so no cell ever runs into the next column."""
    words = []
    for word in text.split(" "):
        while word and stringWidth(word, font, size) > width:
            cut = 1
            while cut < len(word) and stringWidth(word[: cut + 1], font, size) <= width:
                cut += 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    return " ".join(words)


def receipt_text(state: ReceiptState) -> str:
    if state == ReceiptState.HELD:
        return _("Held")
    if state == ReceiptState.MISSING:
        return _("MISSING")
    if state == ReceiptState.NOT_NEEDED:
        return _("Not needed")
    return ""


def month_text(day: dt.date) -> str:
    """November 2026, in the chosen language."""
    return str(format_date(day, format="LLLL y", locale=formatting.babel_locale()))


def money_in_from(label: str) -> str:
    """A line under "Money in": "from HHHHH Ltd", or, for money not linked to a funder, say so plainly (not
    "from Not linked to a funding stream")."""
    if label == _("Not linked to a funding stream"):
        return _("not linked to a funding stream yet (listed under 'To sort' in the app)")
    return _("from {name}").format(name=label)


def copies_held_text(count: int) -> str:
    """How many receipts and invoices are kept for the dates of an evidence pack."""
    if count == 0:
        return _("No receipts or invoices are kept in the app for payments in these dates.")
    return ngettext(
        "{n} receipt or invoice is held for payments in these dates.",
        "{n} receipts and invoices are held for payments in these dates.",
        count,
    ).format(n=count)


def about_rows(data: StatementData) -> list[tuple[str, str]]:
    """The statement's "About me and the account" lines (label, value): the same in the PDF and the web page."""
    rows: list[tuple[str, str]] = [(_("Name"), holder_name(data))]
    if data.holder is not None:
        if data.holder.nhs_number:
            rows.append((_("NHS number"), nhs_number_text(data.holder.nhs_number)))
        if data.holder.council_reference:
            rows.append((_("Council reference"), data.holder.council_reference))
        if data.holder.care_coordinator:
            rows.append((_("Care coordinator"), data.holder.care_coordinator))
        if data.holder.peer_support_planner:
            rows.append((_("Peer support planner"), data.holder.peer_support_planner))
    rows.append((_("This statement covers"), range_text(data.start, data.end)))
    if data.period_name is not None:
        rows.append((_("Budget period"), data.period_name))
    held = sorted({labels.held_as(s.held_as) for s in data.streams})
    if held:
        rows.append((_("How the budget is held"), ", ".join(held)))
    account = data.account
    if account is not None and account.is_set:
        if account.name:
            rows.append((_("Account name"), account.name))
        if account.last_four:
            rows.append((_("Account number ends"), account.last_four))
        if account.users:
            rows.append((_("Who may use the account"), account.users))
    return rows


def outcome_facts(outcome: OutcomeReview, data: ReviewPackData) -> list[tuple[str, str]]:
    """The lines under an outcome's heading in the review pack (label, value): the same in the PDF and the web
    page."""
    s = data.statement
    facts: list[tuple[str, str]] = []
    if outcome.how_ill_know:
        facts.append((_("How I will know"), outcome.how_ill_know))
    if outcome.life_area:
        facts.append((_("Part of my life"), outcome.life_area))
    facts.append((_("Where I am with it"), labels.outcome_status(outcome.status)))
    facts.append(
        (
            _("Money spent towards it"),
            _("{amount} from {dates}").format(amount=money(outcome.spent_pence), dates=range_text(s.start, s.end)),
        )
    )
    if outcome.plan_lines:
        facts.append((_("Support in my plan for it"), "\n".join(outcome.plan_lines)))
    return facts

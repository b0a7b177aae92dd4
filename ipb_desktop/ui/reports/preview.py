"""A plain version of a statement or review pack as simple HTML. The Reports page shows the PDF's own pages
(`pdf_view`); this stands in only when those cannot be drawn (and then is what is printed), and as the preview
of the CSV files. It shows the same figures as the PDF, from the same gathered data."""

from __future__ import annotations

from html import escape

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import Direction
from ipb_desktop.statements.data import StatementData
from ipb_desktop.statements.pdf_statement import receipt_text
from ipb_desktop.statements.review_answers import QUESTION_LABELS
from ipb_desktop.statements.review_data import ReviewPackData

# Above this many payments the preview lists the first ones only (the saved PDF always lists every one).
PREVIEW_PAYMENTS = 300

_STYLE = (
    "<style>table { border-collapse: collapse; margin-bottom: 12px; } "
    "th, td { border: 1px solid #555; padding: 3px 6px; } th { background: #ddd; text-align: left; } "
    "td.money { text-align: right; } tr.total td { font-weight: bold; } "
    "blockquote { border: 1px solid #555; padding: 6px; font-style: italic; }</style>"
)


def _money(pence: int) -> str:
    return escape(formatting.money(pence))


def _table(head: list[str], rows: list[list[str]], money_from: int, total: bool = False) -> str:
    """`rows` are already-escaped HTML cells."""
    out = ["<table width='100%'><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr>"]
    for i, row in enumerate(rows):
        css = " class='total'" if total and i == len(rows) - 1 else ""
        cells = "".join(
            f"<td class='money'>{cell}</td>" if j >= money_from else f"<td>{cell}</td>" for j, cell in enumerate(row)
        )
        out.append(f"<tr{css}>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _dates(data: StatementData) -> str:
    return _("{start} to {end}").format(start=formatting.date_long(data.start), end=formatting.date_long(data.end))


def statement_body(data: StatementData, with_payments: bool = True) -> str:
    s = data.summary
    parts = [
        f"<h2>{escape(_('Money summary'))}</h2>",
        _table(
            [_dates(data), _("Amount")],
            [
                [escape(_("Opening balance")), _money(s.opening_pence)],
                [escape(_("Money in")), _money(s.money_in_pence)],
                *[[escape(_("from {name}").format(name=t.label)), _money(t.pence)] for t in s.in_by_stream],
                [escape(_("Money out")), _money(s.money_out_pence)],
                [escape(_("Closing balance")), _money(s.closing_pence)],
            ],
            1,
            total=True,
        ),
    ]
    if data.stream_balances:
        parts.append(f"<h3>{escape(_('Balance by funding stream'))}</h3>")
        parts.append(
            _table(
                [_("Funding stream"), _("Opening"), _("Money in"), _("Money out"), _("Closing")],
                [
                    [
                        escape(b.label),
                        _money(b.opening_pence),
                        _money(b.money_in_pence),
                        _money(b.money_out_pence),
                        _money(b.closing_pence),
                    ]
                    for b in data.stream_balances
                ],
                1,
            )
        )
    if data.plan_lines:
        parts.append(f"<h2>{escape(_('My plan: planned and spent'))}</h2>")
        parts.append(
            _table(
                [_("Plan line"), _("Planned for the period"), _("Spent"), _("Left")],
                [
                    [escape(p.description), _money(p.planned_pence), _money(p.spent_pence), _money(p.left_pence)]
                    for p in data.plan_lines
                ],
                1,
            )
        )
    parts.append(f"<h2>{escape(_('In my own words'))}</h2>")
    parts.append(
        f"<blockquote>{escape(data.explanation)}</blockquote>"
        if data.explanation
        else f"<p>{escape(_('No explanation was written for these dates.'))}</p>"
    )
    if with_payments:
        parts.append(f"<h2>{escape(_('Every payment in these dates'))}</h2>")
        shown = data.transactions[:PREVIEW_PAYMENTS]
        rows = []
        for t in shown:
            is_in = t.direction == Direction.IN
            what = "; ".join(" \u00b7 ".join(b for b in (p.category, p.plan_line) if b) for p in t.parts)
            rows.append(
                [
                    escape(formatting.date_short(t.day)),
                    escape(" \u2014 ".join(x for x in (t.payee, t.description) if x)),
                    escape(what or _("Not linked")),
                    escape(receipt_text(t.receipt)),
                    _money(t.amount_pence) if is_in else "",
                    "" if is_in else _money(t.amount_pence),
                ]
            )
        parts.append(
            _table(
                [_("Date"), _("Paid to or from"), _("What it was for"), _("Receipt"), _("Money in"), _("Money out")],
                rows,
                4,
            )
        )
        if len(data.transactions) > len(shown):
            parts.append(
                "<p>"
                + escape(
                    _("The preview shows the first {shown} of {total} payments; the saved PDF lists every one.").format(
                        shown=len(shown), total=len(data.transactions)
                    )
                )
                + "</p>"
            )
    missing = data.missing_receipts
    parts.append(f"<h2>{escape(_('Missing receipts'))}</h2>")
    if missing:
        parts.append(
            _table(
                [_("Date"), _("Paid to"), _("Amount")],
                [
                    [escape(formatting.date_short(t.day)), escape(t.payee or t.description), _money(t.amount_pence)]
                    for t in missing
                ],
                2,
            )
        )
    else:
        parts.append(f"<p>{escape(_('Every payment out in these dates has a receipt, or does not need one.'))}</p>")
    return "".join(parts)


def statement_html(data: StatementData) -> str:
    name = data.holder.name if data.holder is not None else ""
    title = _("Personal budget statement")
    return (
        f"<html><head>{_STYLE}</head><body><h1>{escape(title)}</h1>"
        f"<p><b>{escape(name)}</b><br/>{escape(_('Monitoring return for {dates}').format(dates=_dates(data)))}</p>"
        f"{statement_body(data)}</body></html>"
    )


def review_pack_html(data: ReviewPackData, with_payments: bool = True) -> str:
    s = data.statement
    parts = [f"<html><head>{_STYLE}</head><body><h1>{escape(_('My review pack'))}</h1>"]
    parts.append(f"<p>{escape(_('This pack covers {dates}.').format(dates=_dates(s)))}</p>")
    parts.append(f"<h2>{escape(_('1. My outcomes'))}</h2>")
    for number, o in enumerate(data.outcomes, start=1):
        parts.append(f"<h3>{escape(_('{number}. {words}').format(number=number, words=o.what_matters))}</h3>")
        facts = [
            labels.outcome_status(o.status),
            _("Money spent towards it: {amount}").format(amount=formatting.money(o.spent_pence)),
        ]
        parts.append("<p>" + "<br/>".join(escape(f) for f in facts) + "</p>")
        if o.ratings:
            parts.append(
                _table(
                    [_("Date"), _("Score"), _("Note")],
                    [[escape(formatting.date_long(r.day)), str(r.score), escape(r.note or "")] for r in o.ratings],
                    3,
                )
            )
    parts.append(f"<h2>{escape(_('2. Looking back and looking ahead'))}</h2>")
    for question, label in QUESTION_LABELS.items():
        answer = data.answers.get(question, "")
        parts.append(f"<h3>{escape(_(label))}</h3>")
        parts.append(
            f"<blockquote>{escape(answer)}</blockquote>" if answer else f"<p>{escape(_('Not written yet.'))}</p>"
        )
    parts.append(f"<h2>{escape(_('3. Spending summary and statement'))}</h2>")
    parts.append(statement_body(s, with_payments))
    parts.append("</body></html>")
    return "".join(parts)

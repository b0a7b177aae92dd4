"""Commands for employing personal assistants (PAs):

    ipb-desktop employee add|list|change STORE ...
    ipb-desktop shift add|list STORE ...
    ipb-desktop payslip add|list|import|match STORE ...
    ipb-desktop employer-check add|list STORE ...
    ipb-desktop reminders STORE [--json]
    ipb-desktop timesheet STORE --employee ID --from DATE --to DATE --out FILE.pdf

Adding a payslip, importing payslips or recording a payment out (`pay`) matches unpaid payslips to payments out
automatically; `payslip match` does it again, or links one by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command, store_path, warn
from ipb_desktop.employment import checks, employees, owed, payroll_csv, payslips, shifts
from ipb_desktop.employment.hours import MAX_PERIOD_MINUTES, MAX_WEEK_MINUTES, hours_plain, parse_minutes
from ipb_desktop.employment.kinds import AgeBand, CheckKind, HoursKind, ShiftKind, label
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.money import parse_pence
from ipb_desktop.validate import parse_date


def _group(subparsers: Subparsers, name: str, help: str) -> Subparsers:
    parser = subparsers.add_parser(name, help=help, description=help)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def _employee_options(parser: argparse.ArgumentParser, adding: bool) -> None:
    parser.add_argument("--name", required=adding, help=_("the PA's full name"))
    parser.add_argument("--start", metavar="DATE", required=adding, help=_("their first day"))
    parser.add_argument("--end", metavar="DATE", help=_("their last day, when they leave"))
    parser.add_argument("--role", help=_("what they do, for example 'Support worker'"))
    parser.add_argument("--rate", help=_("hourly rate, for example 12.71"), required=adding)
    parser.add_argument("--rate-from", metavar="DATE", help=_("the day the rate starts (default: start, or today)"))
    parser.add_argument("--usual-hours", metavar="HOURS", help=_("usual hours a week, for example 10 or 7.5"))
    parser.add_argument("--hours", choices=[k.value for k in HoursKind], help=_("regular or irregular hours"))
    parser.add_argument("--age-band", choices=[a.value for a in AgeBand], help=_("their minimum wage band"))
    parser.add_argument("--payroll-ref", help=_("their number at the payroll service"))
    parser.add_argument("--bank-payee", help=_("their name as it shows on bank payments, if different"))
    parser.add_argument("--notes", help=_("anything to remember"))


def _range(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE", required=required, help=_("first day"))
    parser.add_argument("--to", dest="end", metavar="DATE", required=required, help=_("last day"))


def register(subparsers: Subparsers) -> None:
    group = _group(subparsers, "employee", _("add, list or change the personal assistants (PAs) you employ"))
    add = store_command(group, "add", help=_("add a PA with their hourly rate"))
    _employee_options(add, adding=True)
    add.set_defaults(func=run_employee_add)
    store_command(group, "list", help=_("list your PAs")).set_defaults(func=run_employee_list)
    change = store_command(group, "change", help=_("change a PA's details, or give them a new hourly rate"))
    change.add_argument("employee_id", metavar="ID", type=int, help=_("the PA's number"))
    _employee_options(change, adding=False)
    change.set_defaults(func=run_employee_change)

    group = _group(subparsers, "shift", _("record or list shifts (timesheets) and holiday taken"))
    add = store_command(group, "add", help=_("record a shift: start and end times, or hours"))
    add.add_argument("--employee", type=int, required=True, metavar="ID", help=_("the PA's number"))
    add.add_argument("--date", metavar="DATE", required=True, help=_("the day"))
    add.add_argument("--start", metavar="HH:MM", help=_("start time, for example 09:00"))
    add.add_argument("--end", metavar="HH:MM", help=_("end time, for example 13:30"))
    add.add_argument("--hours", help=_("hours instead of times, for example 4.5"))
    add.add_argument("--holiday", action="store_true", help=_("holiday taken, not work"))
    add.add_argument("--notes", help=_("a few words about the shift"))
    add.set_defaults(func=run_shift_add)
    listing = store_command(group, "list", help=_("list shifts, or save them as a CSV file"))
    listing.add_argument("--employee", type=int, metavar="ID", help=_("only this PA"))
    _range(listing)
    listing.add_argument("--csv", metavar="FILE.csv", help=_("save the shifts as a CSV file"))
    listing.set_defaults(func=run_shift_list)

    group = _group(subparsers, "payslip", _("record payslips as your payroll service gives them"))
    add = store_command(group, "add", help=_("record one payslip"))
    add.add_argument("--employee", type=int, required=True, metavar="ID", help=_("the PA's number"))
    add.add_argument("--from", dest="start", metavar="DATE", required=True, help=_("first day of the pay period"))
    add.add_argument("--to", dest="end", metavar="DATE", required=True, help=_("last day of the pay period"))
    add.add_argument("--pay-date", metavar="DATE", required=True, help=_("the day the PA is paid"))
    add.add_argument("--hours", help=_("hours paid (default: the shifts recorded in the period)"))
    for name in payroll_csv.REQUIRED[4:] + payroll_csv.OPTIONAL[1:]:
        add.add_argument("--" + name.replace("_", "-"), required=name in ("gross", "net"), metavar="AMOUNT")
    add.set_defaults(func=run_payslip_add)
    listing = store_command(group, "list", help=_("list payslips, or save them as a CSV file"))
    listing.add_argument("--employee", type=int, metavar="ID", help=_("only this PA"))
    _range(listing)
    listing.add_argument("--csv", metavar="FILE.csv", help=_("save the payslips as a CSV file"))
    listing.set_defaults(func=run_payslip_list)
    imported = store_command(group, "import", help=_("import a payroll service's CSV summary of payslips"))
    imported.add_argument("file", metavar="FILE", help=_("the CSV file"))
    imported.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help=_("which column holds a field, for example gross='Total pay'. Fields: {fields}").format(
            fields=", ".join(payroll_csv.FIELDS)
        ),
    )
    imported.set_defaults(func=run_payslip_import)
    match = store_command(group, "match", help=_("match payslips to payments out (or one by hand)"))
    match.add_argument("--payslip", type=int, metavar="ID", help=_("the payslip's number, to match by hand"))
    match.add_argument("--what", choices=list(owed.WHAT_LABELS), default=owed.NET, help=_("which part was paid"))
    match.add_argument("--payment", type=int, metavar="ID", help=_("the payment's number"))
    match.set_defaults(func=run_payslip_match)

    group = _group(subparsers, "employer-check", _("record employer checks: insurance, DBS, right to work ..."))
    add = store_command(group, "add", help=_("record a check, with its renewal or review date"))
    add.add_argument("--kind", required=True, choices=[k.value for k in CheckKind], help=_("which check"))
    add.add_argument("--employee", type=int, metavar="ID", help=_("the PA it is for, if it is for one PA"))
    add.add_argument("--done", metavar="DATE", help=_("the day it was done"))
    add.add_argument("--due", metavar="DATE", help=_("the day it is next due (renewal or review)"))
    add.add_argument("--provider", help=_("the insurer or pension provider"))
    add.add_argument("--reference", help=_("policy or certificate number"))
    add.add_argument("--notes", help=_("anything to remember"))
    add.add_argument("--document", metavar="FILE", help=_("the certificate (PDF or photo), kept encrypted"))
    add.set_defaults(func=run_check_add)
    store_command(group, "list", help=_("list employer checks")).set_defaults(func=run_check_list)

    reminders = store_command(subparsers, "reminders", help=_("show what is coming up: renewals, reviews, P60s"))
    reminders.add_argument("--json", action="store_true", help=_("print JSON for other programs instead of text"))
    reminders.add_argument("--days", type=int, default=checks.AHEAD_DAYS, help=_("how many days ahead to look"))
    reminders.set_defaults(func=run_reminders)

    sheet = store_command(subparsers, "timesheet", help=_("save a printable timesheet for one PA as a PDF"))
    sheet.add_argument("--employee", type=int, required=True, metavar="ID", help=_("the PA's number"))
    _range(sheet, required=True)
    sheet.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to save the PDF"))
    sheet.set_defaults(func=run_timesheet)


def _notes(warnings: list[str]) -> None:
    for note in warnings:
        warn(note)


def run_employee_add(args: argparse.Namespace) -> int:
    details = employees.EmployeeDetails(
        name=args.name,
        start_date=parse_date(args.start, "start"),
        role=args.role or "",
        end_date=parse_date(args.end, "end") if args.end else None,
        usual_minutes_per_week=parse_minutes(args.usual_hours, "usual_hours", MAX_WEEK_MINUTES)
        if args.usual_hours
        else 0,
        hours_kind=args.hours or HoursKind.REGULAR,
        age_band=args.age_band or AgeBand.ADULT,
        payroll_reference=args.payroll_ref,
        bank_payee=args.bank_payee,
        notes=args.notes,
    )
    rate = parse_pence(args.rate, "rate")
    rate_from = parse_date(args.rate_from, "rate_from") if args.rate_from else None
    with open_store(args) as store, store.transaction() as session:
        employee, warnings = employees.add_employee(session, details, rate, rate_from)
        employee_id = employee.id
    say(_("Added PA {id}: {name}, {rate} an hour.").format(id=employee_id, name=details.name, rate=money(rate)))
    _notes(warnings)
    return 0


def run_employee_list(args: argparse.Namespace) -> int:
    day = cli_common.today()
    with open_store(args, whole_file=False) as store, store.reading() as session:
        found = employees.list_employees(session)
        lines = []
        for e in found:
            rate = employees.rate_on(e, min(day, e.end_date or day))
            status = _("left {date}").format(date=date_long(e.end_date)) if e.end_date else label(e.hours_kind)
            lines.append(
                f"{e.id}. {e.name}"
                + (f" ({e.role})" if e.role else "")
                + ": "
                + _("from {date}").format(date=date_long(e.start_date))
                + f", {money(rate) if rate else '-'} "
                + _("an hour")
                + f", {status}"
            )
    say(
        "\n".join(lines)
        if lines
        else _("No PAs yet. Add one with: {example}").format(
            example="ipb-desktop employee add STORE --name NAME --start DATE --rate 12.71"
        )
    )
    return 0


def run_employee_change(args: argparse.Namespace) -> int:
    warnings: list[str] = []
    with open_store(args) as store, store.transaction() as session:
        employee = employees.get_employee(session, args.employee_id)
        details = employees.details_of(employee)
        changes = {
            "name": args.name,
            "role": args.role,
            "start_date": parse_date(args.start, "start") if args.start else None,
            "end_date": parse_date(args.end, "end") if args.end else None,
            "usual_minutes_per_week": parse_minutes(args.usual_hours, "usual_hours", MAX_WEEK_MINUTES)
            if args.usual_hours
            else None,
            "hours_kind": args.hours,
            "age_band": args.age_band,
            "payroll_reference": args.payroll_ref,
            "bank_payee": args.bank_payee,
            "notes": args.notes,
        }
        given = {k: v for k, v in changes.items() if v is not None}
        if given:
            employees.change_employee(session, employee.id, replace(details, **given))
        if args.rate:
            start = parse_date(args.rate_from, "rate_from") if args.rate_from else cli_common.today()
            _rate, warnings = employees.set_rate(session, employee.id, start, parse_pence(args.rate, "rate"))
        elif not given:
            raise InvalidInput("change", _("say what to change, for example --rate 12.71 --rate-from 01/04/2026"))
        name = employee.name
    say(_("Changed PA {id}: {name}.").format(id=args.employee_id, name=name))
    _notes(warnings)
    return 0


def run_shift_add(args: argparse.Namespace) -> int:
    details = shifts.ShiftDetails(
        employee_id=args.employee,
        work_date=parse_date(args.date, "date"),
        minutes=parse_minutes(args.hours) if args.hours else None,
        start_time=args.start,
        end_time=args.end,
        kind=ShiftKind.HOLIDAY if args.holiday else ShiftKind.WORK,
        notes=args.notes,
    )
    with open_store(args) as store, store.transaction() as session:
        shift = shifts.add_shift(session, details)
        shift_id, minutes = shift.id, shift.minutes
    what = _("holiday") if args.holiday else _("shift")
    say(
        _("Recorded {what} {id}: {hours} hours for PA {employee} on {date}.").format(
            what=what,
            id=shift_id,
            hours=hours_plain(minutes),
            employee=args.employee,
            date=date_long(details.work_date),
        )
    )
    return 0


def _dates(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    start = parse_date(args.start, "from") if args.start else dt.date(1990, 1, 1)
    end = parse_date(args.end, "to") if args.end else dt.date(2100, 12, 31)
    return start, end


def run_shift_list(args: argparse.Namespace) -> int:
    from ipb_desktop.employment import csv_export
    from ipb_desktop.statements import output

    start, end = _dates(args)
    with open_store(args, whole_file=False) as store, store.reading() as session:
        if args.csv:
            out = output.check_destination(Path(args.csv), store_path(args))
            count = csv_export.write_shifts(session, out, start, end, args.employee)
            say(_("Saved {n} shifts to {path}. This file is not encrypted.").format(n=count, path=out))
            return 0
        found = shifts.shift_lines(session, start, end, args.employee)
    for s in found:
        times = f"{s.start_time}-{s.end_time} " if s.start_time else ""
        say(
            f"{s.shift_id}. {s.work_date.isoformat()} {s.employee_name}: {times}"
            f"{hours_plain(s.minutes)} h {label(s.kind)}"
        )
    if not found:
        say(_("No shifts for these dates."))
    return 0


def _pence(text: str | None, field: str) -> int:
    return parse_pence(text, field) if text else 0


def run_payslip_add(args: argparse.Namespace) -> int:
    amounts: dict[str, Any] = {
        f"{name}_pence": _pence(getattr(args, name), name) for name in ("gross", "net", *payroll_csv.OPTIONAL[1:])
    }
    details = payslips.PayslipDetails(
        employee_id=args.employee,
        period_start=parse_date(args.start, "from"),
        period_end=parse_date(args.end, "to"),
        pay_date=parse_date(args.pay_date, "pay_date"),
        minutes=parse_minutes(args.hours, most=MAX_PERIOD_MINUTES) if args.hours else None,
        **amounts,
    )
    with open_store(args) as store, store.transaction() as session:
        payslip, warnings = payslips.add_payslip(session, details)
        payslip_id = payslip.id
        matched = owed.match_payments(session)
    say(
        _("Recorded payslip {id}: gross {gross}, net {net}, paid {date}.").format(
            id=payslip_id,
            gross=money(details.gross_pence),
            net=money(details.net_pence),
            date=date_long(details.pay_date),
        )
    )
    _say_matches(matched)
    _notes(warnings)
    return 0


def _say_matches(matched: list[owed.Match]) -> None:
    for match in matched:
        say(
            _("Matched payment {txn} to the {what} of payslip {ids}.").format(
                txn=match.transaction_id,
                what=_(owed.WHAT_LABELS[match.what]),
                ids=", ".join(map(str, match.payslip_ids)),
            )
        )


def run_payslip_list(args: argparse.Namespace) -> int:
    from ipb_desktop.employment import csv_export
    from ipb_desktop.statements import output

    start, end = _dates(args)
    with open_store(args, whole_file=False) as store, store.reading() as session:
        if args.csv:
            out = output.check_destination(Path(args.csv), store_path(args))
            count = csv_export.write_payslips(session, out, start, end, args.employee)
            say(_("Saved {n} payslips to {path}. This file is not encrypted.").format(n=count, path=out))
            return 0
        found = payslips.list_payslips(session, start, end, args.employee)
        for p, name in found:
            paid = _("paid") if p.net_paid_by else _("net pay owed")
            say(
                f"{p.id}. {p.pay_date.isoformat()} {name}: "
                + _("gross {gross}, net {net} ({paid})").format(
                    gross=money(p.gross_pence), net=money(p.net_pence), paid=paid
                )
            )
    if not found:
        say(_("No payslips for these dates."))
    return 0


def run_payslip_import(args: argparse.Namespace) -> int:
    path = expand_user(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            "file", _("{path} could not be read ({reason})").format(path=path, reason=exc.strerror)
        ) from exc
    mapping = {}
    for item in args.map:
        field, sep, heading = item.partition("=")
        if not sep or field.strip() not in payroll_csv.FIELDS:
            raise InvalidInput(
                "map", _("write it as FIELD=HEADING; fields: {fields}").format(fields=", ".join(payroll_csv.FIELDS))
            )
        mapping[field.strip()] = heading.strip()
    with open_store(args) as store, store.transaction() as session:
        added, warnings = payroll_csv.import_payroll(session, data, mapping, source=path.name)
        count = len(added)
        matched = owed.match_payments(session)
    say(_("Imported {n} payslips from {name}.").format(n=count, name=path.name))
    _say_matches(matched)
    _notes(warnings)
    return 0


def run_payslip_match(args: argparse.Namespace) -> int:
    with open_store(args) as store, store.transaction() as session:
        if args.payslip is not None or args.payment is not None:
            if args.payslip is None or args.payment is None:
                raise InvalidInput("payslip", _("give both --payslip and --payment to match by hand"))
            matched = [owed.match_by_hand(session, args.payslip, args.what, args.payment)]
        else:
            matched = owed.match_payments(session)
    _say_matches(matched)
    if not matched:
        say(_("No new matches found."))
    return 0


def run_check_add(args: argparse.Namespace) -> int:
    details = checks.CheckDetails(
        kind=args.kind,
        employee_id=args.employee,
        done_on=parse_date(args.done, "done") if args.done else None,
        due_on=parse_date(args.due, "due") if args.due else None,
        provider=args.provider,
        reference=args.reference,
        notes=args.notes,
    )
    document = None
    if args.document:
        path = expand_user(args.document)
        try:
            document = (path.name, path.read_bytes())
        except OSError as exc:
            raise InvalidInput(
                "document", _("{path} could not be read ({reason})").format(path=path, reason=exc.strerror)
            ) from exc
    with open_store(args) as store, store.transaction() as session:
        check = checks.add_check(session, details)
        if document is not None:
            checks.keep_document(session, check.id, *document)
        check_id, due = check.id, check.due_on
    text = _("Recorded check {id}: {what}.").format(id=check_id, what=label(args.kind))
    if due is not None:
        text += " " + _("Next due {date}.").format(date=date_long(due))
    say(text)
    return 0


def run_check_list(args: argparse.Namespace) -> int:
    with open_store(args, whole_file=False) as store, store.reading() as session:
        names = {e.id: e.name for e in employees.list_employees(session)}
        found = checks.list_checks(session)
        for c in found:
            parts = [f"{c.id}. {label(c.kind)}"]
            if c.employee_id is not None:
                parts.append(names.get(c.employee_id, ""))
            if c.done_on:
                parts.append(_("done {date}").format(date=date_long(c.done_on)))
            if c.due_on:
                parts.append(_("due {date}").format(date=date_long(c.due_on)))
            if c.document_name:
                parts.append(_("certificate kept: {name}").format(name=c.document_name))
            say(", ".join(parts))
    if not found:
        say(_("No employer checks recorded yet."))
    return 0


def run_reminders(args: argparse.Namespace) -> int:
    day = cli_common.today()
    with open_store(args, whole_file=False) as store, store.reading() as session:
        found = checks.reminders(session, day, args.days)
    if args.json:
        rows = [
            {
                "due": r.due_on.isoformat(),
                "kind": r.kind,
                "text": r.text,
                "employee_id": r.employee_id,
                "check_id": r.check_id,
                "overdue": r.overdue(day),
            }
            for r in found
        ]
        say(json.dumps({"today": day.isoformat(), "reminders": rows}, ensure_ascii=False, indent=2))
        return 0
    for r in found:
        when = _("overdue since {date}") if r.overdue(day) else _("by {date}")
        say(f"{r.text} ({when.format(date=date_long(r.due_on))})")
    if not found:
        say(_("Nothing coming up in the next {n} days.").format(n=args.days))
    return 0


def run_timesheet(args: argparse.Namespace) -> int:
    from ipb_desktop.statements import output, pdf_employment

    start, end = parse_date(args.start, "from"), parse_date(args.end, "to")
    if end < start:
        raise InvalidInput("to", _("the last day is before the first day; please swap them"))
    out = output.check_destination(Path(args.out), store_path(args))
    with open_store(args) as store:
        with store.reading() as session:
            sheet = pdf_employment.timesheet_data(session, args.employee, start, end, cli_common.today())
        output.write_file(out, lambda handle: pdf_employment.write_timesheet(sheet, handle))
    say(output.not_encrypted_note(out))
    return 0

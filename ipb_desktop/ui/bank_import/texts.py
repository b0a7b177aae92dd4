"""The words of the import dialog's check and done steps: what is in the file, and what the import leaves to do."""

from __future__ import annotations

from ipb_desktop.bankimport import service
from ipb_desktop.i18n import _, ngettext


def summary_text(result: service.Preview) -> str:
    """The first words of the check step: how many lines of each kind, or why there is nothing to import."""
    if result.no_payments:
        if result.pending:
            return _(
                "{name}: this file has no payments in it that the bank has finished yet, so there is nothing to "
                "import now."
            ).format(name=result.source_name)
        return _("{name}: this file has no payments in it, so there is nothing to import.").format(
            name=result.source_name
        )
    counts = _("{name}: {new} new, {dup} already in, {match} logged by hand, {bad} with problems.").format(
        name=result.source_name,
        new=len(result.new),
        dup=len(result.duplicates),
        match=len(result.matches),
        bad=len(result.problems),
    )
    if not result.has_changes and not result.problems:
        counts += " " + _("There is nothing new to import: every line is already in.")
    return counts


def still_to_do_text(todo: service.StillToDo) -> str:
    """What the import leaves to do, in plain words (only money out needs a plan line or a receipt)."""
    if todo.payments == 0:
        return _("There are no payments out in this import, so none needs a plan line or a receipt.")
    if todo.plan_line == 0:
        plan_line = _("Every payment out from this import has a plan line.")
    else:
        plan_line = ngettext(
            "{n} payment out still needs a plan line.", "{n} payments out still need a plan line.", todo.plan_line
        ).format(n=todo.plan_line)
    if todo.receipt == 0:
        receipt = _("No payment out from this import needs a receipt.")
    else:
        receipt = ngettext("{n} payment out needs a receipt.", "{n} payments out need a receipt.", todo.receipt).format(
            n=todo.receipt
        )
    parts = [plan_line, receipt]
    if todo.plan_line or todo.receipt:
        parts.append(_("You can add them on the Spending page."))
    return " ".join(parts)

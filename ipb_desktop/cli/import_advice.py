"""Advice for a CSV file the import refused: the exact `--columns` or `--date-format` option that would read it.

Only the command line gives this advice (the window shows the columns instead).
"""

from __future__ import annotations

import contextlib

from ipb_desktop.bankimport import cells
from ipb_desktop.bankimport.column_options import option_word
from ipb_desktop.bankimport.csv_reader import CsvTable
from ipb_desktop.bankimport.lines import LineProblem
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.i18n import _

_FORMATS = {cells.DMY: "dd/mm/yyyy", cells.MDY: "mm/dd/yyyy", cells.YMD: "yyyy-mm-dd"}


def _quoted(heading: str, index: int) -> str:
    if not heading.strip():
        return str(index + 1)
    return f'"{heading}"' if any(ch in heading for ch in " ,'\"") else heading


def _share(table: CsvTable, index: int, test: str) -> float:
    values = [row[index] for _n, row in table.rows[:50] if index < len(row) and row[index].strip()]
    good = 0
    for value in values:
        with contextlib.suppress(ValueError):
            good += cells.looks_like_date(value) if test == "date" else cells.read_amount(value) is not None
    return good / len(values) if values else 0.0


def _columns_like(table: CsvTable, test: str, skip: set[int]) -> list[int]:
    return [i for i in range(len(table.header)) if i not in skip and _share(table, i, test) >= 0.8]


def _option(field: str, table: CsvTable, index: int) -> str:
    return f"{option_word(field)}={_quoted(table.header[index], index)}"


def _for_mapping(table: CsvTable, mapping: ColumnMapping) -> list[str]:
    used = {v for v in mapping.columns().values() if v is not None}
    choices: list[str] = []
    if mapping.date is None:
        dates = _columns_like(table, "date", used)
        if dates:
            choices.append(_option("date", table, dates[0]))
            used.add(dates[0])
    if mapping.amount is None and mapping.paid_out is None and mapping.paid_in is None:
        money = _columns_like(table, "amount", used)
        if len(money) == 1:
            choices.append(_option("amount", table, money[0]))
        elif len(money) >= 2:
            choices += [_option("paid_out", table, money[0]), _option("paid_in", table, money[1])]
    return choices


def _for_line(table: CsvTable, mapping: ColumnMapping, problem: LineProblem) -> str:
    row = next((r for n, r in table.rows if n == problem.line_no), None)
    index = getattr(mapping, problem.field, None) if problem.field else None
    if row is None or index is None or index >= len(row):
        return ""
    if problem.field == "date":
        shape_orders = [o for o in cells.PREFERENCE if _reads(row[index], o)]
        if shape_orders and mapping.date_order != shape_orders[0]:
            return f"--date-format {_FORMATS[shape_orders[0]]}"
        others = [i for i, text in enumerate(row) if i != index and text.strip() and cells.looks_like_date(text)]
        return f"--columns {_option('date', table, others[0])}" if others else ""
    others = []
    for i, text in enumerate(row):
        try:
            if i != index and text.strip() and not cells.looks_like_date(text) and cells.read_amount(text) is not None:
                others.append(i)
        except ValueError:
            continue
    return f"--columns {_option('amount', table, others[0])}" if others and problem.field == "amount" else ""


def _reads(text: str, order: str) -> bool:
    try:
        cells.read_date(text, order)
    except ValueError:
        return False
    return True


def advice(table: CsvTable, mapping: ColumnMapping | None, problems: list[LineProblem]) -> list[str]:
    """Plain lines to print after the problems: the options that would fix them, and the file's columns."""
    found: list[str] = []
    if mapping is not None and mapping.problems():
        choices = _for_mapping(table, mapping)
        if choices:
            found.append(_("Try: --columns {choices}").format(choices=",".join(choices)))
    elif mapping is not None:
        for problem in problems:
            option = _for_line(table, mapping, problem)
            if option:
                found.append(_("For line {n}, try: {option}").format(n=problem.line_no, option=option))
                break
    headings = ", ".join(f"{i + 1} {h or '-'}" for i, h in enumerate(table.header))
    found.append(_("The columns in this file are: {headings}").format(headings=headings))
    return found

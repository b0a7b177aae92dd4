"""The ledger as a Qt table model over transaction ids (the design of Anki's browser table model).

The model holds only the ids for the current filter and sort; the text of each row is read lazily, a page at a
time around the first row the view asks for, into a small cache. So a view showing 25 rows of a 50,000-row ledger
reads 25 + one page of rows, however far it is scrolled. Even the ids come in two steps: the first page of them
with the totals (whose count is the row count, so a screen reader hears the real number of rows at once), and
the rest just after the table is painted, on a worker thread (`background.py`: a million ids take most of a
second to read), or at once if a row further down is wanted first. When a filter (a word typed, say) matches more
than a page of rows, adding them up means reading every one, so the first page is shown on its own first and the
other rows and the totals are added when the worker thread has read them.
"""

from __future__ import annotations

import weakref
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from sqlalchemy.orm import Session

from ipb_desktop import ledger_query
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import N_, _, ngettext
from ipb_desktop.ledger_query import LedgerFilter, LedgerRow, LedgerSort, LedgerTotals, SortKey
from ipb_desktop.models.enums import Direction
from ipb_desktop.models.store import Store
from ipb_desktop.seed import shown_name
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.background import BackgroundRead

# Column order, the sort key each one uses, and its heading.
COLUMNS: list[tuple[SortKey, str]] = [
    (SortKey.DATE, N_("Date")),
    (SortKey.DIRECTION, N_("In or out")),
    (SortKey.PAYEE, N_("Payee")),
    (SortKey.DESCRIPTION, N_("Description")),
    (SortKey.CATEGORY, N_("Category")),
    (SortKey.PLAN_LINE, N_("Plan line")),
    (SortKey.OUTCOME, N_("Outcome")),
    (SortKey.AMOUNT, N_("Amount")),
    (SortKey.RECEIPT, N_("Receipt")),
    (SortKey.RECONCILED, N_("Checked")),
]
COLUMN_OF = {key: i for i, (key, _heading) in enumerate(COLUMNS)}
HEADER_TIPS = {
    SortKey.RECONCILED: N_("Checked against the bank statement"),
    SortKey.RECEIPT: N_("Is a receipt kept for this payment?"),
}

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

# Roles as plain ints: Qt asks for about seven roles a cell on every paint, and comparing an int with an int is
# much quicker in Python than with an enum member.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SPOKEN = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID = int(ID_ROLE)
_ROW = int(ROW_ROLE)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _SPOKEN, _ALIGNMENT, _ID, _ROW))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_KEYS = [key for key, _heading in COLUMNS]
_AMOUNT_COLUMN = _KEYS.index(SortKey.AMOUNT)

PAGE_SIZE = 100
# When the cache holds more rows than this it is emptied (rows are cheap to read again).
MAX_CACHED_ROWS = 5000


def signed_money(row: LedgerRow) -> str:
    """ "+£520.00" for money in, "-£37.50" for money out: the sign says which, not a colour."""
    text = money(row.signed_pence)
    return "+" + text if row.direction == Direction.IN else text


def parts_text(row: LedgerRow, name: str) -> str:
    """What a split payment shows in the category / plan line / outcome columns (built-in category names in the
    person's language)."""
    shown = shown_name if name == "category" else str
    if row.is_split:
        names = {getattr(p, name) for p in row.parts}
        if len(names) == 1 and None not in names:
            return shown(str(names.pop()))
        return ngettext("Split: {n} part", "Split: {n} parts", len(row.parts)).format(n=len(row.parts))
    if row.parts:
        return shown(getattr(row.parts[0], name) or "")
    return ""


def receipt_text(row: LedgerRow) -> str:
    if row.receipt_count:
        return _("Yes") if row.receipt_count == 1 else _("Yes ({n})").format(n=row.receipt_count)
    if row.direction == Direction.IN:
        return ""
    return _("Not needed") if row.receipt_not_needed else _("Missing")


def split_tooltip(row: LedgerRow) -> str:
    lines = [_("Shared across {n} parts:").format(n=len(row.parts))]
    for part in row.parts:
        what = part.plan_line or part.category or _("nothing in the plan")
        lines.append(_("{amount} for {what}").format(amount=money(part.amount_pence), what=what))
    return "\n".join(lines)


def totals_text(totals: LedgerTotals | None) -> str:
    """One plain sentence for the totals under the table (None: they are still being added up)."""
    if totals is None:
        return _("Adding up the payments shown…")
    shown = ngettext("Showing {n} payment.", "Showing {n} payments.", totals.count).format(n=totals.count)
    net = money(totals.net_pence)
    sums = _("Money in {money_in}. Money out {money_out}. Difference {net}.").format(
        money_in=money(totals.in_pence),
        money_out=money(totals.out_pence),
        net=("+" + net) if totals.net_pence > 0 else net,
    )
    text = f"{shown} {sums}"
    if totals.parts_only:
        text += " " + _("For split payments only the matching parts are counted.")
    return text


class SpendingModel(QAbstractTableModel):
    """Rows of the ledger for one filter and sort. `refresh()` re-reads the ids (after any change)."""

    totals_changed = Signal(object)  # LedgerTotals

    def __init__(self, ctx: AppContext, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.filter = LedgerFilter()
        self.order = LedgerSort()
        self.totals: LedgerTotals | None = LedgerTotals(0, 0, 0)  # None: being added up, after the first paint
        # The first page only, until _all_ids() has read the rest; packed 8 bytes an id (1,000,000 ids: 8 MB).
        self._ids: array[int] = array("q")
        self._count = 0  # rows in all (from the totals), the row count the view and screen readers get
        self._complete = True
        self._loaded_for: tuple[LedgerFilter, LedgerSort] | None = None
        self._generation = 0  # which refresh a deferred read of the remaining ids belongs to
        self._cache: dict[int, LedgerRow] = {}
        self._behind = BackgroundRead(self)  # the ids after the first page, read on a worker thread
        self._behind.answered.connect(self._rest_answered)
        self._behind.failed.connect(self._rest_failed)
        # Each shown row's cell texts, worked out once (babel's money and dates are the dear part of a paint),
        # and the dates and amounts written out so far (many rows share them).
        self._shown: dict[int, tuple[str, ...]] = {}
        self._written: dict[tuple[object, ...], str] = {}
        self._written_for: weakref.ref[Store] | None = None  # the store they were written for

    # -- reading ----------------------------------------------------------------------------------------------

    def fetch_rows(self, ids: Sequence[int]) -> dict[int, LedgerRow]:
        """The one place rows are read from the store (tests count calls to it)."""
        return self.ctx.read(lambda s: ledger_query.rows(s, ids), {})

    def refresh(self) -> None:
        """Read the totals and the first page of ids for the current filter and sort, and the other ids just
        after the view has painted, on a worker thread. When the filter and sort are the ones already shown
        (something changed in the store) every id is read at once, so that if the same rows remain the view
        keeps its selection and scroll position and only their text is read again."""
        flt, order = self.filter, self.order
        self._generation += 1
        self._behind.cancel()
        store = self.ctx.store
        if self._written_for is None or self._written_for() is not store:  # locked, or another store: forget
            self._written.clear()
            self._written_for = None if store is None else weakref.ref(store)
        if self._complete and self._loaded_for == (flt, order):
            ids, totals = self.ctx.read(
                lambda s: (ledger_query.transaction_id_array(s, flt, order), ledger_query.totals(s, flt)),
                (array("q"), LedgerTotals(0, 0, 0)),
            )
            self._show(ids, len(ids), totals, same_rows_likely=True)
            return
        size = self.page_size

        def first_page(s: Session) -> tuple[list[int], LedgerTotals | None]:
            page = ledger_query.page_ids(s, flt, order, limit=size)
            if ledger_query.totals_are_instant(flt):
                return page, ledger_query.totals(s, flt)
            if len(page) < size:  # every match is in hand: add up just these
                return page, ledger_query.totals(s, flt, only_ids=page)
            return page, None  # many matches: counted and added up after the paint, with the other ids

        page, counted = self.ctx.read(first_page, ([], LedgerTotals(0, 0, 0)))
        self._show(array("q", page), len(page) if counted is None else counted.count, counted, same_rows_likely=False)
        if not self._complete:
            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._read_rest_behind(generation))

    def _show(self, ids: array[int], count: int, totals: LedgerTotals | None, same_rows_likely: bool) -> None:
        self._cache.clear()
        self._shown.clear()
        complete = totals is not None and len(ids) >= count
        if same_rows_likely and ids == self._ids:
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._ids, self._count = ids, count
            self.endResetModel()
        self._complete = complete
        self._loaded_for = (self.filter, self.order) if self.ctx.store is not None else None
        self.totals = totals
        self.totals_changed.emit(totals)

    def _rest_reader(self) -> Callable[[Session], tuple[array[int], LedgerTotals | None]]:
        """What reads every id after the first page, and the totals too while they are being added up."""
        flt, order, with_totals = self.filter, self.order, self.totals is None

        def rest(s: Session) -> tuple[array[int], LedgerTotals | None]:
            ids = ledger_query.transaction_id_array(s, flt, order)
            return ids, ledger_query.totals(s, flt) if with_totals else None

        return rest

    def _read_rest_behind(self, generation: int) -> None:
        """Just after the paint: read the rest on a worker thread (the window goes on answering meanwhile)."""
        if self._complete or generation != self._generation or self.ctx.store is None:
            return
        self._behind.start(self.ctx.store, self._rest_reader())

    def _rest_answered(self, number: int, answer: tuple[array[int], LedgerTotals | None]) -> None:
        if self._behind.is_current(number, self.ctx.store) and not self._complete:
            self._take_rest(*answer)

    def _rest_failed(self, number: int) -> None:
        if self._behind.is_current(number, self.ctx.store):
            self._all_ids()  # here, then: a problem is reported as for any other read

    def _all_ids(self, generation: int | None = None) -> None:
        """Read the ids after the first page now, on this thread (for the refresh numbered `generation`, if
        given): a row further down is wanted before the worker thread has read them."""
        if self._complete or (generation is not None and generation != self._generation):
            return
        self._behind.cancel()
        found = self.ctx.read(self._rest_reader(), None)
        if found is not None:
            self._take_rest(*found)

    def _take_rest(self, ids: array[int], totals: LedgerTotals | None) -> None:
        """Take every id (and the totals, when they were being added up) read after the first page."""
        first = len(self._ids)
        if totals is None:
            same = len(ids) == self._count and ids[:first] == self._ids
            self._ids, self._complete = ids, True  # the rows the view already counts: nothing it shows changes
        else:
            same = len(ids) == totals.count and ids[:first] == self._ids
            if same:
                if len(ids) > first:  # rows after the first page were not counted yet: the view gets them now
                    self.beginInsertRows(QModelIndex(), first, len(ids) - 1)
                    self._ids, self._count = ids, len(ids)
                    self.endInsertRows()
                self._complete = True
                self.totals = totals
                self.totals_changed.emit(totals)
        if not same:
            # The store changed in between. This may be in the middle of painting, so the view is not reset
            # here (rows past the ids read show blank) but just after, by reading everything again.
            self._loaded_for = None
            QTimer.singleShot(0, self, self.refresh)

    def _known(self, row: int) -> bool:
        """Whether the id of `row` has been read, reading the rest of the ids now if it is further down."""
        if row >= self._count:
            return False
        if row >= len(self._ids) and not self._complete:
            self._all_ids()
        return 0 <= row < len(self._ids)

    def set_filter(self, flt: LedgerFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        wanted = LedgerSort(COLUMNS[column][0], descending=order == Qt.SortOrder.DescendingOrder)
        if wanted == self.order:
            return
        self.order = wanted
        self.refresh()

    def row_for(self, row: int) -> LedgerRow | None:
        """The row's data, reading its page from the store when it is not cached yet."""
        if not self._known(row):
            return None
        txn_id = self._ids[row]
        found = self._cache.get(txn_id)
        if found is None:
            self._load_around(row)
            found = self._cache.get(txn_id)
        return found

    def _load_around(self, row: int) -> None:
        if len(self._cache) > MAX_CACHED_ROWS:
            self._cache.clear()
            self._shown.clear()
        # Views paint from the top down: read mostly below the row asked for, a little above it.
        start = max(0, row - self.page_size // 4)
        self._known(min(start + self.page_size, self._count) - 1)
        wanted = [i for i in self._ids[start : start + self.page_size] if i not in self._cache]
        self._cache.update(self.fetch_rows(wanted))

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if self._known(row) else None

    def row_of(self, txn_id: int) -> int | None:
        if txn_id not in self._ids:
            self._all_ids()
        try:
            return self._ids.index(txn_id)
        except ValueError:
            return None

    @property
    def cached_count(self) -> int:
        return len(self._cache)

    # -- the Qt model -----------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _CELL_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key, heading = COLUMNS[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _(heading)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = HEADER_TIPS.get(key)
            return _(tip) if tip else _("Sort by {column}").format(column=_(heading).lower())
        if role == Qt.ItemDataRole.TextAlignmentRole and key == SortKey.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == _ID:
            return self.id_at(index.row())
        key = _KEYS[index.column()]
        if role == _ALIGNMENT:
            return _RIGHT if key == SortKey.AMOUNT else None
        row = self.row_for(index.row())
        if row is None:
            return None
        if role == _DISPLAY:
            return self._texts(row)[index.column()]
        if role == _ROW:
            return row
        if role == _TOOLTIP:
            if row.is_split and key in (SortKey.CATEGORY, SortKey.PLAN_LINE, SortKey.OUTCOME, SortKey.AMOUNT):
                return split_tooltip(row)
            if key == SortKey.DATE:
                return date_long(row.txn_date)
            text = self._texts(row)[index.column()]
            return text if len(text) > 16 else None
        return self._spoken(row, key)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: Any) -> None:
        """Every role a view asks for one cell in one call (a table's paint asks seven per cell: one call into
        Python instead of seven). Gives exactly what `data` gives for each role."""
        # (Called from Python with one QModelRoleData, as the signature allows. PySide's stubs do not say that a
        # span has a length and items; it has.)
        span: Any = QModelRoleDataSpan(roleDataSpan) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan
        column = index.column()
        texts: tuple[str, ...] | None = None
        if index.isValid() and 0 <= column < len(COLUMNS):
            row = self.row_for(index.row())
            texts = None if row is None else self._texts(row)
        for i in range(len(span)):
            role_data: QModelRoleData = span[i]
            role = role_data.role()
            if role == _DISPLAY:
                if texts is None:
                    role_data.clearData()
                else:
                    role_data.setData(texts[column])
            elif role == _ALIGNMENT and column == _AMOUNT_COLUMN and index.isValid():
                role_data.setData(_RIGHT)
            elif role in _ANSWERED and role != _ALIGNMENT:
                value = self.data(index, role)
                if value is None:
                    role_data.clearData()
                else:
                    role_data.setData(value)
            else:
                role_data.clearData()

    def _write(self, value: tuple[object, ...], write: Callable[[], str]) -> str:
        """`write()`, or what it gave the last time for the same `value` (a date or an amount)."""
        found = self._written.get(value)
        if found is None:
            if len(self._written) > MAX_CACHED_ROWS:
                self._written.clear()
            found = self._written[value] = write()
        return found

    def _texts(self, row: LedgerRow) -> tuple[str, ...]:
        """What each column of `row` shows, in column order."""
        found = self._shown.get(row.id)
        if found is None:
            found = self._shown[row.id] = tuple(self._text(row, key) for key in _KEYS)
        return found

    def _text(self, row: LedgerRow, key: SortKey) -> str:
        if key == SortKey.DATE:
            return self._write(("date", row.txn_date), lambda: date_short(row.txn_date))
        if key == SortKey.DIRECTION:
            return _("In") if row.direction == Direction.IN else _("Out")
        if key == SortKey.PAYEE:
            return row.payee
        if key == SortKey.DESCRIPTION:
            return row.description
        if key == SortKey.CATEGORY:
            return parts_text(row, "category")
        if key == SortKey.PLAN_LINE:
            return parts_text(row, "plan_line")
        if key == SortKey.OUTCOME:
            return parts_text(row, "outcome")
        if key == SortKey.AMOUNT:
            return self._write((row.direction, row.amount_pence), lambda: signed_money(row))
        if key == SortKey.RECEIPT:
            return receipt_text(row)
        return _("Yes") if row.reconciled else _("No")

    def _spoken(self, row: LedgerRow, key: SortKey) -> str:
        """What a screen reader says for a cell: whole words, never a bare sign."""
        if key == SortKey.DATE:
            return date_long(row.txn_date)
        if key == SortKey.AMOUNT:
            if row.direction == Direction.IN:
                return _("Money in, {amount}").format(amount=money(row.amount_pence))
            return _("Money out, {amount}").format(amount=money(row.amount_pence))
        if key == SortKey.RECONCILED:
            return _("Checked against the bank") if row.reconciled else _("Not checked against the bank yet")
        text = self._text(row, key)
        if text:
            return text
        # An empty cell is said as what is missing ("no outcome"), never as a bare "None".
        heading = next((_(h) for k, h in COLUMNS if k == key), "")
        return _("no {column}").format(column=heading.lower()) if heading else _("blank")

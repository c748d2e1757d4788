"""What the table models share: columns, :class:`RowTableModel`, the sort roles, learner drag and drop.

The models are thin adapters over rows built by the app layer (``app.planner.session``).
:class:`RowTableModel` shows a list of frozen row objects through column definitions. New rows
with the same keys in the same order only emit ``dataChanged`` for the rows that differ;
anything else resets the model. Sorting and filtering live in proxies
(:class:`SortProxy`, :class:`ui.models.learners.LearnerFilterProxy`), which sort on :data:`SORT_ROLE` so numbers and dates sort as such.
Learner rows can be dragged (as ids) and dropped on a class or on the waiting list; the model
only announces the request (``dropRequested``), the controller does the move.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from optimizer.dayparts import DAYS_EN, PARTS, PARTS_EN, WEEKDAYS, WORKDAYS
from ui.i18n import N_, language, tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
LEARNER_MIME = "application/x-klasvormer-learners"
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column:
    """One table column: Dutch title (translated when shown), text, sort value, alignment."""

    key: str
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    tip: Callable[[Any], str | None] | None = None
    header_tip: str | None = None
    elide: bool = False
    """Long text that a narrow column cuts off ("…"): the full text is the cell's tooltip."""
    icon: Callable[[Any], bool] | None = None
    """When true for a row, the cell shows the lock symbol next to its text."""


_LOCK_ICON: list[QIcon] = []


def lock_icon() -> QIcon:
    """A small padlock (drawn, so it needs no image file), shown with the word "vast"."""
    if not _LOCK_ICON:
        icon = QIcon()
        for size in (16, 20, 24, 32):
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            u = size / 16
            p.setPen(QPen(QColor("#1f4e79"), 1.6 * u))
            shackle = QPainterPath()
            shackle.moveTo(5 * u, 7.5 * u)
            shackle.lineTo(5 * u, 5 * u)
            shackle.arcTo(5 * u, 2 * u, 6 * u, 6 * u, 180, -180)
            shackle.lineTo(11 * u, 7.5 * u)
            p.drawPath(shackle)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#1f4e79"))
            p.drawRoundedRect(3 * u, 7 * u, 10 * u, 7.5 * u, 1.5 * u, 1.5 * u)
            p.setBrush(QColor("#ffffff"))
            p.drawEllipse(7 * u, 9.3 * u, 2 * u, 2 * u)
            p.end()
            icon.addPixmap(pix)
        _LOCK_ICON.append(icon)
    return _LOCK_ICON[0]


def lock_column(header_tip: str | None = None) -> Column:
    """The "Vast" column: a padlock and the word "vast" for what re-optimising keeps as it is."""
    return Column("lock", N_("Vast"), lambda r: tr("vast") if r.locked else "", lambda r: int(r.locked), LEFT,
                  tip=lambda r: tr("Vastgezet: blijft zo bij heroptimaliseren") if r.locked else None,
                  header_tip=header_tip or N_("Vastgezet: blijft zo bij heroptimaliseren"),
                  icon=lambda r: bool(r.locked))


def sort_number(value: float | int | None) -> float:
    return float("inf") if value is None else float(value)


def sort_day(value: date | None) -> int:
    return 10**7 if value is None else value.toordinal()


_WORDS_EN = {**DAYS_EN, **PARTS_EN}
_DAY_WORDS = re.compile(rf"\b({'|'.join(_WORDS_EN)})\b")


def schedule_words(text: str) -> str:
    """A daypart code or schedule text in the shown language: ``ma-wo-vr ochtend`` stays as it is in
    Dutch and is ``Mon-Wed-Fri morning`` in English (as the learners' dayparts are shown)."""
    return text if language() == "nl" else _DAY_WORDS.sub(lambda m: _WORDS_EN[m.group(1)], text)


def dayparts_text(dayparts: frozenset[str]) -> str:
    """Compact text: ``ochtend`` (every workday morning), ``ma/wo/vr middag``, ...; by part."""
    chunks = []
    for part in PARTS:
        days = [d for d in WEEKDAYS if f"{d}-{part}" in dayparts]
        if not days:
            continue
        if days == list(WORKDAYS):
            chunks.append(tr(part))
        else:
            chunks.append("/".join(tr(d) for d in days) + " " + tr(part))
    return ", ".join(chunks)


class RowTableModel(QAbstractTableModel):
    """Rows (frozen dataclasses with an ``id``) shown through :class:`Column` definitions."""

    dropRequested = Signal(list, object)
    """(learner ids, target class id or None for the waiting list)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None, *, drag: bool = False) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._drag = drag

    # -- structure -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    @property
    def columns(self) -> list[Column]:
        return self._columns

    def column_key(self, index: int) -> str | None:
        """The key of column ``index`` (None when there is no such column)."""
        return self._columns[index].key if 0 <= index < len(self._columns) else None

    def column_of(self, key: str) -> int:
        for i, c in enumerate(self._columns):
            if c.key == key:
                return i
        return -1

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == key:
                return i
        return -1

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``: ``dataChanged`` when only values changed, else a model reset."""
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a != b]
            self._rows = rows
            if changed and self._columns:
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), len(self._columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # -- data ----------------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(col.title)
        if role == Qt.ItemDataRole.ToolTipRole and col.header_tip:
            return tr(col.header_tip)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # bounds checked here, not by checkIndex: that asks rowCount and columnCount back through
        # Qt, three Python calls per cell instead of one (sorting 3,000 learners reads 56,000 cells)
        r, c = index.row(), index.column()
        if not (index.isValid() and 0 <= r < len(self._rows) and 0 <= c < len(self._columns)):
            return None
        row = self._rows[r]
        col = self._columns[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort(row) if col.sort else col.text(row).lower()
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tip:
                return col.tip(row)
            return (col.text(row) or None) if col.elide else None
        if role == Qt.ItemDataRole.DecorationRole:
            return lock_icon() if col.icon is not None and col.icon(row) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.cell_background(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, col)
        return None

    def background(self, row: Any) -> QColor | None:
        return None

    def cell_background(self, row: Any, col: Column) -> QColor | None:
        return self.background(row)

    def foreground(self, row: Any, col: Column) -> QColor | None:
        return None

    # -- drag and drop -------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled if self.accepts_drops() else base
        if self._drag:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        if self.accepts_drops():
            base |= Qt.ItemFlag.ItemIsDropEnabled
        return base

    def accepts_drops(self) -> bool:
        return False

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [LEARNER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self._rows[i.row()].id for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(LEARNER_MIME, QByteArray(json.dumps(ids).encode("utf-8")))
        data.setText(", ".join(ids))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return self.accepts_drops() and data.hasFormat(LEARNER_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            ids = [str(i) for i in json.loads(bytes(data.data(LEARNER_MIME).data()).decode("utf-8"))]
        except ValueError:
            return False
        target_row = parent.row() if parent.isValid() else row
        ok, target = self.drop_target(target_row)
        if not ok or not ids:
            return False
        self.dropRequested.emit(ids, target)
        return False  # the controller moves; the view must not remove rows itself

    def drop_target(self, row: int) -> tuple[bool, str | None]:
        return False, None


def ids_from_mime(data: QMimeData) -> list[str]:
    if not data.hasFormat(LEARNER_MIME):
        return []
    try:
        return [str(i) for i in json.loads(bytes(data.data(LEARNER_MIME).data()).decode("utf-8"))]
    except ValueError:
        return []


class SortProxy(QSortFilterProxyModel):
    """Sorting on :data:`SORT_ROLE` (numbers as numbers); rows with equal values keep the model's order.

    Without the tie-break, a ``dataChanged`` (a new plan with the same class ids) made Qt re-sort
    only the changed rows, which then went after the others of the same value (K01, K15, L01, K02)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left: Index, right: Index) -> bool:
        role = self.sortRole()
        a, b = left.data(role), right.data(role)
        if type(a) is not type(b) or a != b:
            return super().lessThan(left, right)
        # equal: the model's order, in either direction (a descending sort asks lessThan(right, left))
        if self.sortOrder() == Qt.SortOrder.DescendingOrder:
            return left.row() > right.row()
        return left.row() < right.row()

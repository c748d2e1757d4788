"""Qt table models: thin adapters over rows built by the app layer (``app.planner.session``).

:class:`RowTableModel` shows a list of frozen row objects through column definitions. New rows
with the same keys in the same order only emit ``dataChanged`` for the rows that differ;
anything else resets the model. Sorting and filtering live in proxies
(:class:`LearnerFilterProxy`), which sort on :data:`SORT_ROLE` so numbers and dates sort as such.
Learner rows can be dragged (as ids) and dropped on a class or on the waiting list; the model
only announces the request (``dropRequested``), the controller does the move.
"""

from __future__ import annotations

import json
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

from app.planner.editing import Note
from app.planner.session import ClassRow, LearnerRow
from optimizer.dayparts import PARTS, WEEKDAYS, WORKDAYS
from ui.i18n import N_, date_text, lang_arg, number, tr
from ui.style import LOCK_BG, VERMILLION, WARN_BG

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


def _num(value: float | int | None) -> float:
    return float("inf") if value is None else float(value)


def _day(value: date | None) -> int:
    return 10**7 if value is None else value.toordinal()


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
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
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


# ---- learners ------------------------------------------------------------------------------------
def _class_text(r: LearnerRow) -> str:
    if r.placed is None:
        return ""
    return r.class_id if r.placed else tr("wachtlijst")


def _reason(r: LearnerRow) -> str:
    return r.reason.text(lang_arg()) if r.reason is not None else ""


def learner_columns(with_name: bool, with_plan: bool) -> list[Column]:
    """Key columns first (who, status, where placed, locked, why waiting), details after."""
    cols = [Column("id", N_("Id"), lambda r: r.id)]
    if with_name:
        cols.append(Column("name", N_("Naam"), lambda r: r.name or "", elide=True))
    cols.append(Column("status", N_("Status"), lambda r: r.status or "", elide=True))
    if with_plan:
        cols += [
            Column("class", N_("Klas"), _class_text),
            lock_column(),
            Column("wait", N_("Wachtweken"), lambda r: "" if r.wait_weeks is None else str(r.wait_weeks),
                   lambda r: _num(r.wait_weeks), RIGHT),
            Column("reason", N_("Wachtreden"), _reason, tip=_reason, elide=True),
        ]
    cols += [
        Column("route", N_("Route"), lambda r: r.route),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT,
               header_tip=N_("Leerbaarheid als score 0–100")),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
        Column("postcode", N_("Postcode"), lambda r: r.postcode or ""),
        Column("dayparts", N_("Dagdelen"), lambda r: dayparts_text(r.dayparts), elide=True),
        Column("waiting_since", N_("Wacht sinds"), lambda r: date_text(r.waiting_since), lambda r: _day(r.waiting_since), RIGHT),
        Column("available_from", N_("Beschikbaar vanaf"), lambda r: date_text(r.available_from),
               lambda r: _day(r.available_from), RIGHT),
        Column("priority", N_("Prioriteit"), lambda r: str(r.priority), lambda r: r.priority, RIGHT),
    ]
    if with_plan:
        cols += [
            Column("start", N_("Start"), lambda r: date_text(r.start_date), lambda r: _day(r.start_date), RIGHT),
            Column("travel", N_("Reistijd"), lambda r: "" if r.travel is None else tr("{n} min", n=r.travel),
                   lambda r: _num(r.travel), RIGHT, header_tip=N_("Geschatte reistijd enkele reis")),
        ]
    return cols


class LearnerModel(RowTableModel):
    """Learners (all, a class's members or the waiting list), draggable by id."""

    def __init__(self, columns: Sequence[Column], parent: Any = None, *, target_weeks: int = 10,
                 accept_waitlist_drops: bool = False) -> None:
        super().__init__(columns, parent, drag=True)
        self.target_weeks = target_weeks
        self._accept = accept_waitlist_drops

    def background(self, row: LearnerRow) -> QColor | None:
        return QColor(LOCK_BG) if row.locked else None

    def foreground(self, row: LearnerRow, col: Column) -> QColor | None:
        if col.key == "wait" and row.wait_weeks is not None and row.wait_weeks > self.target_weeks:
            return QColor(VERMILLION)
        return None

    def accepts_drops(self) -> bool:
        return self._accept

    def drop_target(self, row: int) -> tuple[bool, str | None]:
        return self._accept, None


def member_columns(with_name: bool) -> list[Column]:
    cols = [Column("id", N_("Id"), lambda r: r.id)]
    if with_name:
        cols.append(Column("name", N_("Naam"), lambda r: r.name or "", elide=True))
    cols += [
        lock_column(),
        Column("misfit", N_("Niveauverschil"), lambda r: "" if r.misfit is None else str(r.misfit),
               lambda r: _num(r.misfit), RIGHT, header_tip=N_("Verschil tussen leerbaarheid en klasniveau")),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT),
        Column("wait", N_("Wachtweken"), lambda r: "" if r.wait_weeks is None else str(r.wait_weeks),
               lambda r: _num(r.wait_weeks), RIGHT),
        Column("travel", N_("Reistijd"), lambda r: "" if r.travel is None else tr("{n} min", n=r.travel),
               lambda r: _num(r.travel), RIGHT),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
    ]
    return cols


def waitlist_columns(with_name: bool) -> list[Column]:
    cols = [Column("id", N_("Id"), lambda r: r.id)]
    if with_name:
        cols.append(Column("name", N_("Naam"), lambda r: r.name or "", elide=True))
    cols += [
        lock_column(),
        Column("wait", N_("Wachtweken"), lambda r: "" if r.wait_weeks is None else str(r.wait_weeks),
               lambda r: _num(r.wait_weeks), RIGHT,
               header_tip=N_("Weken tot het einde van de planperiode plus de extra weken")),
        Column("reason", N_("Reden"), _reason, tip=_reason, elide=True),
        Column("route", N_("Route"), lambda r: r.route),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
    ]
    return cols


class LearnerFilterProxy(QSortFilterProxyModel):
    """Search and filters for the learner table: route, stadsdeel, daypart, waiting or placed."""

    WAITING = "waiting"
    PLACED = "placed"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._route = ""
        self._stadsdeel = ""
        self._daypart = ""
        self._placement = ""

    def set_filters(self, *, text: str | None = None, route: str | None = None, stadsdeel: str | None = None,
                    daypart: str | None = None, placement: str | None = None) -> None:
        self.beginFilterChange()
        if text is not None:
            self._text = text.strip().lower()
        if route is not None:
            self._route = route
        if stadsdeel is not None:
            self._stadsdeel = stadsdeel
        if daypart is not None:
            self._daypart = daypart
        if placement is not None:
            self._placement = placement
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        r: LearnerRow = model.row_at(source_row)
        if self._route and r.route != self._route:
            return False
        if self._stadsdeel and (r.stadsdeel or "") != self._stadsdeel:
            return False
        if self._daypart:
            if "-" in self._daypart:
                if self._daypart not in r.dayparts:
                    return False
            elif not any(dp.endswith("-" + self._daypart) for dp in r.dayparts):
                return False
        if self._placement == self.WAITING and r.placed is not False:
            return False
        if self._placement == self.PLACED and r.placed is not True:
            return False
        if self._text:
            hay = " ".join(str(x) for x in (r.id, r.name or "", r.postcode or "", r.stadsdeel or "",
                                             r.class_id or "", r.route)).lower()
            if self._text not in hay:
                return False
        return True

    def visible_rows(self) -> list[LearnerRow]:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return [model.row_at(self.mapToSource(self.index(i, 0)).row()) for i in range(self.rowCount())]


class RawModel(RowTableModel):
    """The learner sheet as read from a file with errors; cells with an issue are marked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)
        self.flagged: set[tuple[str, str]] = set()

    def set_sheet(self, headers: Sequence[str], rows: Sequence[Any], flagged: set[tuple[str, str]]) -> None:
        self.flagged = set(flagged)
        self.set_columns([Column(h, h, lambda r, i=i: _raw_text(r.values[i])) for i, h in enumerate(headers)])
        self.set_rows(rows)

    def cell_background(self, row: Any, col: Column) -> QColor | None:
        return QColor(WARN_BG) if (row.id, col.key.strip().lower()) in self.flagged else None


def _raw_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return date_text(value)
    return str(value)


# ---- classes ------------------------------------------------------------------------------------
def _size_text(r: ClassRow) -> str:
    if r.running:
        return tr("+{n} (vrij {free})", n=r.size, free=r.max_size if r.max_size is not None else "?")
    if r.max_size is None:
        return str(r.size)
    return tr("{n} van {max}", n=r.size, max=r.max_size)


def class_columns() -> list[Column]:
    """Key columns first (class, locked, broken rules, fit, size), details after."""
    return [
        Column("id", N_("Klas"), lambda r: r.id + (" " + tr("(lopend)") if r.running else ""), elide=True),
        lock_column(),
        Column("notes", N_("Let op"), lambda r: tr("{n:regel|regels}", n=r.problem_notes) if r.problem_notes else "",
               lambda r: r.problem_notes, LEFT, elide=True,
               header_tip=N_("Regels die deze klas na een handmatige wijziging breekt")),
        Column("misfit", N_("Niveauverschil gem."), lambda r: "" if r.misfit_mean is None else number(r.misfit_mean),
               lambda r: _num(r.misfit_mean), RIGHT,
               header_tip=N_("Gemiddeld verschil tussen de leerbaarheid van de deelnemers en het klasniveau")),
        Column("size", N_("Grootte"), _size_text, lambda r: r.size, RIGHT),
        Column("route", N_("Route"), lambda r: r.route),
        Column("location", N_("Locatie"), lambda r: r.location, elide=True),
        Column("schedule", N_("Rooster"), lambda r: r.schedule_text, tip=lambda r: r.schedule, elide=True),
        Column("start", N_("Start"), lambda r: date_text(r.start_date) + "  " + tr("(wk {w})", w=r.start_week),
               lambda r: r.start_week, RIGHT),
        Column("level", N_("Niveau"), lambda r: str(r.level), lambda r: r.level, RIGHT,
               header_tip=N_("Klasniveau (leerbaarheid)")),
        Column("range", N_("Bandbreedte"), lambda r: r.level_range, lambda r: _num(r.level_min), RIGHT,
               header_tip=N_("Bandbreedte: de laagste en hoogste leerbaarheid in de klas")),
        Column("travel", N_("Reistijd gem."), lambda r: "" if r.travel_mean is None else tr("{n} min", n=round(r.travel_mean)),
               lambda r: _num(r.travel_mean), RIGHT),
    ]


class ClassModel(RowTableModel):
    """The plan's classes; dropping learners on a row asks to move them into that class."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(class_columns(), parent)

    def background(self, row: ClassRow) -> QColor | None:
        if row.problem_notes:
            return QColor(WARN_BG)
        if row.locked:
            return QColor(LOCK_BG)
        return None

    def accepts_drops(self) -> bool:
        return True

    def drop_target(self, row: int) -> tuple[bool, str | None]:
        if 0 <= row < len(self._rows):
            return True, self._rows[row].id
        return False, None


class SortProxy(QSortFilterProxyModel):
    """Sorting on :data:`SORT_ROLE` (numbers as numbers)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


# ---- notes and issues ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NoteRow:
    id: str
    note: Note


def note_columns() -> list[Column]:
    return [Column("text", N_("Geschonden regel"), lambda r: r.note.text(lang_arg()), tip=lambda r: r.note.text(lang_arg()))]


class NoteModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(note_columns(), parent)

    def set_notes(self, notes: Sequence[Note]) -> None:
        self.set_rows([NoteRow(str(i), n) for i, n in enumerate(notes)])

    def background(self, row: NoteRow) -> QColor | None:
        return QColor(WARN_BG)


@dataclass(frozen=True)
class IssueRow:
    id: str
    severity: str
    sheet: str
    row: int | None
    column: str
    message: str
    message_en: str
    is_error: bool
    learner_id: str | None


def issue_columns() -> list[Column]:
    return [
        Column("severity", N_("Soort"), lambda r: tr("fout") if r.is_error else tr("waarschuwing"),
               lambda r: (0 if r.is_error else 1) * 10**7 + (r.row or 0)),
        Column("sheet", N_("Blad"), lambda r: r.sheet),
        Column("row", N_("Rij"), lambda r: "" if r.row is None else str(r.row), lambda r: _num(r.row), RIGHT),
        Column("column", N_("Kolom"), lambda r: r.column),
        Column("learner", N_("Deelnemer"), lambda r: r.learner_id or ""),
        Column("message", N_("Melding"), lambda r: r.message_en if lang_arg() == "en" else r.message,
               tip=lambda r: r.message_en if lang_arg() == "en" else r.message),
    ]


class IssueModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(issue_columns(), parent)

    def foreground(self, row: IssueRow, col: Column) -> QColor | None:
        if col.key == "severity" and row.is_error:
            return QColor(VERMILLION)
        return None

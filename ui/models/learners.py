"""Learners' tables: the learner list, a class's members, the waiting list, and the list's filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.planner.session import LearnerRow
from ui.i18n import N_, date_text, lang_arg, tr
from ui.models.base import (
    RIGHT,
    SORT_ROLE,
    Column,
    Index,
    RowTableModel,
    dayparts_text,
    lock_column,
    sort_day,
    sort_number,
)
from ui.style import LOCK_BG, VERMILLION


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
                   lambda r: sort_number(r.wait_weeks), RIGHT),
            Column("reason", N_("Wachtreden"), _reason, tip=_reason, elide=True),
        ]
    cols += [
        Column("route", N_("Route"), lambda r: r.route),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT,
               header_tip=N_("Leerbaarheid als score 0–100")),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
        Column("postcode", N_("Postcode"), lambda r: r.postcode or ""),
        Column("dayparts", N_("Dagdelen"), lambda r: dayparts_text(r.dayparts), elide=True),
        Column("waiting_since", N_("Wacht sinds"), lambda r: date_text(r.waiting_since), lambda r: sort_day(r.waiting_since), RIGHT),
        Column("available_from", N_("Beschikbaar vanaf"), lambda r: date_text(r.available_from),
               lambda r: sort_day(r.available_from), RIGHT),
        Column("priority", N_("Prioriteit"), lambda r: str(r.priority), lambda r: r.priority, RIGHT),
    ]
    if with_plan:
        cols += [
            Column("start", N_("Start"), lambda r: date_text(r.start_date), lambda r: sort_day(r.start_date), RIGHT),
            Column("travel", N_("Reistijd"), lambda r: "" if r.travel is None else tr("{n} min", n=r.travel),
                   lambda r: sort_number(r.travel), RIGHT, header_tip=N_("Geschatte reistijd enkele reis")),
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


def _who_columns(with_name: bool) -> list[Column]:
    """Id, the name when shown, and the lock: the first columns of every learner table."""
    cols = [Column("id", N_("Id"), lambda r: r.id)]
    if with_name:
        cols.append(Column("name", N_("Naam"), lambda r: r.name or "", elide=True))
    return [*cols, lock_column()]


def member_columns(with_name: bool) -> list[Column]:
    return [
        *_who_columns(with_name),
        Column("misfit", N_("Niveauverschil"), lambda r: "" if r.misfit is None else str(r.misfit),
               lambda r: sort_number(r.misfit), RIGHT, header_tip=N_("Verschil tussen leerbaarheid en klasniveau")),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT),
        Column("wait", N_("Wachtweken"), lambda r: "" if r.wait_weeks is None else str(r.wait_weeks),
               lambda r: sort_number(r.wait_weeks), RIGHT),
        Column("travel", N_("Reistijd"), lambda r: "" if r.travel is None else tr("{n} min", n=r.travel),
               lambda r: sort_number(r.travel), RIGHT),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
    ]


def waitlist_columns(with_name: bool) -> list[Column]:
    return [
        *_who_columns(with_name),
        Column("wait", N_("Wachtweken"), lambda r: "" if r.wait_weeks is None else str(r.wait_weeks),
               lambda r: sort_number(r.wait_weeks), RIGHT,
               header_tip=N_("Weken tot het einde van de planperiode plus de extra weken")),
        Column("reason", N_("Reden"), _reason, tip=_reason, elide=True),
        Column("route", N_("Route"), lambda r: r.route),
        Column("level", N_("Leerbaarheid"), lambda r: str(r.level), lambda r: r.level, RIGHT),
        Column("stadsdeel", N_("Stadsdeel"), lambda r: r.stadsdeel or "", elide=True),
    ]


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

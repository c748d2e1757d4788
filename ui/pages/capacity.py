"""Capaciteit: planning period, routes, schedules, locations with rooms, teachers per daypart.

Every cell edit goes through an :mod:`app.planner.capacity` function as an undoable problem edit. Text
cells (dayparts, schedule lists, places) are checked while typing: the editor turns red and
says why; the old value stays until the text is valid. Rules that only fail in combination
(minimum above maximum, no room for a schedule) are listed under "Controle".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.planner import capacity
from app.planner.capacity import CapacityError
from optimizer.dayparts import format_dayparts, short_schedule_text
from optimizer.domain import Problem
from ui.controller import Controller
from ui.i18n import N_, date_text, lang_arg, language, tr
from ui.models.dayparts import DaypartGridModel
from ui.models.problem import CheckedDelegate, EditColumn, ProblemTableModel
from ui.style import GREEN, VERMILLION, fill_with_scroll, hint

ROUTE_TIPS = {"min_size": N_("Minimale klasgrootte"), "max_size": N_("Maximale klasgrootte"),
              "max_spread": N_("Maximale spreiding in leerbaarheid binnen een klas"),
              "duration_weeks": N_("Duur van een klas in weken")}


def _check(fn: Callable[[Problem, str], Any]) -> Callable[[Problem, str], str | None]:
    def check(problem: Problem, text: str) -> str | None:
        try:
            fn(problem, text)
        except CapacityError as exc:
            return exc.text(lang_arg())
        return None
    return check


def _table(model: QAbstractTableModel, rows_visible: int | None = None,
           shrink: tuple[int, ...] | None = None) -> QTableView:
    """A capacity table; with ``shrink`` its columns are fitted by :func:`fit_columns` (those
    titles give way first), else its last column by :func:`fit_last_column`."""
    t = QTableView()
    t.setModel(model)
    t.setItemDelegate(CheckedDelegate(t))
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                      | QAbstractItemView.EditTrigger.AnyKeyPressed)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    if shrink is None:
        t.horizontalHeader().setStretchLastSection(True)
        t.installEventFilter(_LastColumnFit(t))  # (the table, its parent, keeps it)
    else:  # no sideways scrolling for a few pixels: the titles give way
        _ColumnsFit(t, shrink)
    if rows_visible:
        fm = t.fontMetrics()
        t.setMinimumHeight(int((fm.height() + 10) * (rows_visible + 1.5)))
    return t


ROUTE_SHRINK = (6,)
"""The Routes table's title that gives way first: 'Lesroosters' (its cells are short)."""
LOCATION_SHRINK = (1, 2)
"""The Locaties table's: 'Postcode of stadsdeel', then 'Lokaal-dagdelen'."""


class _LastColumnFit(QObject):
    """The last column fills the table's width only while every column fits; else it keeps its
    own width and the table scrolls sideways (at 150% 'Lokaal-dagdelen' was cut to 'okaal-dagdele'
    with no scroll bar: a stretched last column shrinks below its title)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and isinstance(obj, QTableView):
            fit_last_column(obj)
        return False


def fit_last_column(table: QTableView) -> None:
    """Stretch the last column when all fit (see :class:`_LastColumnFit`); call after resizing columns."""
    header = table.horizontalHeader()
    last = table.model().columnCount() - 1
    if last < 0:
        return
    own = max(header.sectionSizeHint(last), table.sizeHintForColumn(last))
    others = sum(header.sectionSize(c) for c in range(last))
    fits = others + own <= table.viewport().width()
    if header.stretchLastSection() != fits:
        header.setStretchLastSection(fits)
    if not fits and header.sectionSize(last) < own:
        header.resizeSection(last, own)


class _ColumnsFit(QObject):
    """Keeps :func:`fit_columns` in force as the table or its viewport changes size (a vertical
    scroll bar that comes or goes narrows the viewport, not the table)."""

    def __init__(self, table: QTableView, shrink: tuple[int, ...]) -> None:
        super().__init__(table)
        self.table = table
        self.shrink = shrink
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            fit_columns(self.table, self.shrink)
        return False


def fit_columns(table: QTableView, shrink: tuple[int, ...]) -> None:
    """Every column as wide as its cells and its title, the last one taking what is left; when
    that is wider than the table, the titles of the ``shrink`` columns give way first, in that
    order (cut with '…'; the header's tooltip says what the column holds), never narrower than
    their cells or the title's first word. Only what still does not fit scrolls sideways (at 150% on a
    laptop the Locaties table scrolled for 16 pixels of 'Postcode of stadsdeel')."""
    header = table.horizontalHeader()
    model = table.model()
    n = model.columnCount()
    if n == 0:
        return
    fm = header.fontMetrics()
    cells = [max(table.sizeHintForColumn(c), header.minimumSectionSize()) for c in range(n)]
    widths = [max(cells[c], header.sectionSizeHint(c)) for c in range(n)]
    over = sum(widths) - table.viewport().width()
    for c in shrink:
        if over <= 0:
            break
        title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        margin = header.sectionSizeHint(c) - fm.horizontalAdvance(title)
        words = title.split()
        # a title of one word may be cut to its first letters; a longer one to its first word
        shortest = (words[0] if len(words) > 1 else title[:5]) + "…" if words else ""
        floor = max(cells[c], fm.horizontalAdvance(shortest) + margin)
        cut = min(over, max(0, widths[c] - floor))
        widths[c] -= cut
        over -= cut
    if over < 0:
        widths[-1] -= over
    for c, width in enumerate(widths):
        if header.sectionSize(c) != width:
            header.resizeSection(c, width)


def _add_remove_row(layout: QVBoxLayout, name_hint: str, value_hint: str, add: Callable[[], None],
                    remove: Callable[[], None]) -> tuple[QLineEdit, QLineEdit]:
    """Under ``layout``: two fields for a new row (a name and its value) with buttons Toevoegen
    and Verwijderen; returns the two fields."""
    name, value = QLineEdit(), QLineEdit()
    name.setPlaceholderText(name_hint)
    value.setPlaceholderText(value_hint)
    add_button, remove_button = QPushButton(tr("Toevoegen")), QPushButton(tr("Verwijderen"))
    add_button.clicked.connect(add)
    remove_button.clicked.connect(remove)
    row = QHBoxLayout()
    row.addWidget(name, 1)
    row.addWidget(value, 1)
    row.addWidget(add_button)
    row.addWidget(remove_button)
    layout.addLayout(row)
    return name, value


class CapacityPage(QWidget):
    """The Capaciteit tab."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.message = QLabel()
        self.message.setWordWrap(True)

        # ---- planning period -----------------------------------------------------------------
        period = QGroupBox(tr("Planperiode"))
        pf = QFormLayout(period)
        self.plan_date = QLabel()
        self.horizon = self._setting_spin("horizon_weeks", tr("Planperiode"), tr(" weken"))
        self.target = self._setting_spin("target_weeks", tr("Streeftermijn"), tr(" weken"))
        self.max_travel = self._setting_spin("max_travel", tr("Standaard maximale reistijd"), tr(" min"))
        self.level_step = self._setting_spin("level_step", tr("Stap in klasniveau"), "")
        self.start_weeks = QLineEdit()
        self.start_weeks.setPlaceholderText(tr("leeg = elke week"))
        self.start_weeks.setClearButtonEnabled(True)
        self.start_error = QLabel()
        self.start_error.setWordWrap(True)
        self.start_error.setStyleSheet(f"color: {VERMILLION};")
        self.start_error.hide()
        self.start_weeks.textEdited.connect(self._check_start_weeks)
        self.start_weeks.editingFinished.connect(self._commit_start_weeks)
        pf.addRow(tr("Plandatum (week 0):"), self.plan_date)
        pf.addRow(tr("Planperiode:"), self.horizon)
        pf.addRow(tr("Startweken:"), self.start_weeks)
        pf.addRow("", self.start_error)
        pf.addRow(hint(tr("Weken waarin klassen mogen starten, geteld vanaf de plandatum (0 = eerste week), "
                          "bv. ‘0, 4, 8’ of ‘0-3’.")))
        pf.addRow(tr("Streeftermijn:"), self.target)
        pf.addRow(tr("Standaard maximale reistijd:"), self.max_travel)
        pf.addRow(tr("Stap in klasniveau:"), self.level_step)

        # ---- routes --------------------------------------------------------------------------
        short = {"min_size": N_("Min. klas"), "max_size": N_("Max. klas"), "max_spread": N_("Max. spreiding"),
                 "duration_weeks": N_("Duur (wk)")}

        def route_int(field: str) -> EditColumn:
            lo, hi = capacity.ROUTE_FIELDS[field]
            return EditColumn(
                short[field],
                lambda p, k: str(getattr(p.route_by_name[k], field) if getattr(p.route_by_name[k], field) is not None else ""),
                lambda p, k: getattr(p.route_by_name[k], field) or 0,
                lambda p, k, v: capacity.set_route_field(p, k, field, v), (lo, hi),
                tip=ROUTE_TIPS[field])

        route_cols = [
            EditColumn(N_("Route"), lambda p, k: k),
            route_int("min_size"), route_int("max_size"), route_int("max_spread"), route_int("duration_weeks"),
            EditColumn(N_("Max. reistijd"),
                       lambda p, k: (str(p.route_by_name[k].max_travel) if p.route_by_name[k].max_travel is not None
                                     else tr("standaard ({n})", n=p.max_travel)),
                       lambda p, k: "" if p.route_by_name[k].max_travel is None else str(p.route_by_name[k].max_travel),
                       lambda p, k, v: capacity.set_route_field(p, k, "max_travel", v),
                       check=_check(lambda p, t: capacity.set_route_field(p, next(iter(p.route_by_name)), "max_travel", t)),
                       tip=N_("Maximale reistijd in minuten; leeg = de standaard maximale reistijd")),
            EditColumn(N_("Lesroosters"),
                       lambda p, k: ", ".join(p.route_by_name[k].schedules) or tr("alle"),
                       lambda p, k: ", ".join(p.route_by_name[k].schedules),
                       lambda p, k, v: capacity.set_route_schedules(p, k, str(v)),
                       check=_check(capacity.parse_schedule_names),
                       tip=N_("Namen van toegestane lesroosters, gescheiden door komma's; leeg = alle")),
        ]
        self.routes = ProblemTableModel(controller, lambda p: [r.route for r in p.routes], route_cols,
                                        lambda k, c: tr("Route {route}: {field}", route=k, field=tr(c.title).lower()),
                                        self, wrap_titles=True)
        self.route_table = _table(self.routes, 3, ROUTE_SHRINK)
        routes_box = QGroupBox(tr("Routes"))
        rl = QVBoxLayout(routes_box)
        rl.addWidget(self.route_table)
        rl.addWidget(hint(tr("Klasgrootte (minimum en maximum), maximale spreiding in leerbaarheid binnen een klas, "
                             "duur in weken en toegestane lesroosters per route.")))

        # ---- schedules -----------------------------------------------------------------------
        sched_cols = [
            EditColumn(N_("Naam"), lambda p, k: k),
            EditColumn(N_("Dagdelen"), lambda p, k: short_schedule_text(p.schedule_by_name[k].dayparts, language()),
                       lambda p, k: format_dayparts(p.schedule_by_name[k].dayparts),
                       lambda p, k, v: capacity.set_schedule_dayparts(p, k, str(v)),
                       check=_check(lambda p, t: capacity.parse_schedule_dayparts(t)),
                       tip=N_("Bijvoorbeeld ‘ma/wo/vr ochtend’ of ‘di-middag, do-middag’")),
        ]
        self.schedules = ProblemTableModel(controller, lambda p: [s.name for s in p.schedules], sched_cols,
                                           lambda k, c: tr("Lesrooster {name}: dagdelen", name=k), self)
        self.schedule_table = _table(self.schedules, 5)
        sched_box = QGroupBox(tr("Lesroosters"))
        sl = QVBoxLayout(sched_box)
        sl.addWidget(self.schedule_table)
        self.new_schedule_name, self.new_schedule_dps = _add_remove_row(
            sl, tr("naam, bv. avond di-do"), tr("dagdelen, bv. di/do avond"), self._add_schedule, self._remove_schedule)

        # ---- locations -------------------------------------------------------------------------
        loc_cols = [
            EditColumn(N_("Locatie"), lambda p, k: k),
            EditColumn(N_("Postcode of stadsdeel"), lambda p, k: p.location_by_name[k].home or "",
                       lambda p, k: p.location_by_name[k].home or "",
                       lambda p, k, v: capacity.set_location_home(p, k, str(v)),
                       check=_check(lambda p, t: _place_ok(t)),
                       tip=N_("Postcode (vier cijfers) of stadsdeel van de locatie, voor de reistijden")),
            EditColumn(N_("Lokaal-dagdelen"), lambda p, k: str(sum(p.location_by_name[k].rooms.values())),
                       tip=N_("Som van de lokalen over alle dagdelen van de week")),
        ]
        self.locations = ProblemTableModel(controller, lambda p: [x.name for x in p.locations], loc_cols,
                                           lambda k, c: tr("Locatie {name}: {field}", name=k, field=tr(c.title).lower()),
                                           self)
        self.location_table = _table(self.locations, 4, LOCATION_SHRINK)
        self.location_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # one-line titles cut at their end ('Postcode of stads…'; the Routes table's two-line ones
        # would be cut to 'Mi…')
        self.location_table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.rooms = DaypartGridModel(
            controller, lambda p, dp: self._selected_location_rooms(p, dp),
            lambda p, dp, v: capacity.set_rooms(p, self.selected_location() or "", dp, v),
            lambda dp, n: tr("Lokalen {loc} {dp}: {n}", loc=self.selected_location() or "", dp=dp, n=n),
            (0, capacity.MAX_ROOMS), self)
        self.room_table = _table(self.rooms)
        _fixed_grid(self.room_table)
        self.room_label = QLabel()
        loc_box = QGroupBox(tr("Locaties en lokalen"))
        ll = QVBoxLayout(loc_box)
        ll.addWidget(self.location_table)
        self.new_loc_name, self.new_loc_place = _add_remove_row(
            ll, tr("naam nieuwe locatie"), tr("postcode of stadsdeel"), self._add_location, self._remove_location)
        ll.addWidget(self.room_label)
        ll.addWidget(self.room_table)
        ll.addWidget(hint(tr("Aantal lokalen per dagdeel op de gekozen locatie; 0 = dicht.")))

        # ---- teachers ----------------------------------------------------------------------
        self.teachers = DaypartGridModel(
            controller, lambda p, dp: int(p.teachers.get(dp, 0)), capacity.set_teachers,
            lambda dp, n: tr("Docenten {dp}: {n}", dp=dp, n=n), (0, capacity.MAX_TEACHERS), self)
        self.teacher_table = _table(self.teachers)
        _fixed_grid(self.teacher_table)
        teach_box = QGroupBox(tr("Docenten per dagdeel"))
        tl = QVBoxLayout(teach_box)
        tl.addWidget(self.teacher_table)
        tl.addWidget(hint(tr("Hoeveel docenten er elke week op dat dagdeel les kunnen geven (lopende klassen tellen mee).")))

        # ---- check ---------------------------------------------------------------------------
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        check_box = QGroupBox(tr("Controle"))
        cl = QVBoxLayout(check_box)
        cl.addWidget(self.checks)
        self.checks.setMinimumHeight(self.fontMetrics().height() * 4)

        body = QWidget()
        grid = QGridLayout(body)
        grid.addWidget(self.message, 0, 0, 1, 2)
        grid.addWidget(period, 1, 0)
        grid.addWidget(teach_box, 1, 1)
        grid.addWidget(routes_box, 2, 0)
        grid.addWidget(loc_box, 2, 1, 2, 1)
        grid.addWidget(sched_box, 3, 0)
        grid.addWidget(check_box, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        fill_with_scroll(self, body)
        self.body = body

        for m in (self.routes, self.schedules, self.locations, self.rooms, self.teachers):
            m.rejected.connect(self.show_error)
        self.location_table.selectionModel().currentRowChanged.connect(lambda *_: self._location_changed())
        controller.problemChanged.connect(self.refresh)
        controller.busyChanged.connect(self._busy)
        self.refresh()

    # ---- helpers ----------------------------------------------------------------------------
    def _setting_spin(self, name: str, label: str, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(*capacity.SETTING_FIELDS[name])
        spin.setSuffix(suffix)
        spin.setAccessibleName(label)
        spin.setKeyboardTracking(False)

        def changed(v: int) -> None:
            if self._updating:
                return
            change = (lambda p: capacity.set_horizon(p, v)) if name == "horizon_weeks" else (
                lambda p: capacity.set_setting(p, name, v))
            self._edit(tr("{field}: {n}", field=label, n=v), change, key=f"setting:{name}")
        spin.valueChanged.connect(changed)
        return spin

    _updating = False

    def _busy(self, busy: bool) -> None:
        self.body.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {VERMILLION}; font-weight: bold;")

    def selected_location(self) -> str | None:
        idx = self.location_table.selectionModel().currentIndex() if self.location_table.selectionModel() else None
        if idx is None or not idx.isValid():
            return None
        return self.locations.key_at(idx.row())

    def _selected_location_rooms(self, problem: Problem, dp: str) -> int:
        name = self.selected_location()
        loc = problem.location_by_name.get(name) if name else None
        return loc.rooms_at(dp) if loc else 0

    def _location_changed(self) -> None:
        name = self.selected_location()
        self.room_label.setText(tr("Lokalen op {name}:", name=name) if name else tr("Kies een locatie."))
        self.rooms.refresh()

    def refresh(self) -> None:
        problem = self.controller.problem
        self.setEnabled(problem is not None)
        self._updating = True
        try:
            if problem is not None:
                self.plan_date.setText(date_text(problem.plan_date))
                self.horizon.setValue(problem.horizon_weeks)
                self.target.setValue(problem.target_weeks)
                self.max_travel.setValue(problem.max_travel)
                self.level_step.setValue(problem.level_step)
                if not self.start_weeks.hasFocus():
                    self.start_weeks.setText(capacity.format_start_weeks(problem.start_weeks))
        finally:
            self._updating = False
        for m in (self.routes, self.schedules, self.locations):
            m.refresh()
        if self.selected_location() is None and self.locations.rowCount():
            self.location_table.selectRow(0)
        self._location_changed()
        self.teachers.refresh()
        fit_columns(self.route_table, ROUTE_SHRINK)
        fit_columns(self.location_table, LOCATION_SHRINK)
        _fit_height(self.route_table, 2, 8)
        _fit_height(self.location_table, 3, 10)
        _fit_height(self.schedule_table, 3, 12)
        self.schedule_table.resizeColumnToContents(0)
        self._show_checks()

    def _show_checks(self) -> None:
        self.checks.clear()
        problems = self.controller.problems()
        if not problems:
            self.checks.addItem(tr("✓ In orde: met deze instellingen kan worden gepland."))
            self.checks.item(0).setForeground(QColor(GREEN).darker(130))
        for text in problems[:200]:
            self.checks.addItem(text)
            self.checks.item(self.checks.count() - 1).setForeground(QColor(VERMILLION))

    # ---- start weeks: checked while typing -------------------------------------------------------
    def _check_start_weeks(self, text: str) -> str | None:
        problem = self.controller.problem
        if problem is None:
            return None
        try:
            capacity.parse_start_weeks(text, problem.horizon_weeks)
        except CapacityError as exc:
            self.start_error.setText(exc.text(lang_arg()))
            self.start_error.show()
            self.start_weeks.setStyleSheet(f"border: 2px solid {VERMILLION};")
            return exc.text(lang_arg())
        self.start_error.hide()
        self.start_weeks.setStyleSheet("")
        return None

    def _commit_start_weeks(self) -> None:
        text = self.start_weeks.text()
        if self._check_start_weeks(text) is not None:
            return
        self._edit(tr("Startweken: {weeks}", weeks=text or tr("elke week")),
                   lambda p: capacity.set_start_weeks(p, text))

    # ---- add / remove --------------------------------------------------------------------------
    def _edit(self, text: str, change: Callable[[Problem], Problem], key: str | None = None) -> bool:
        """One undoable problem edit named ``text``; a refusal is shown. True when it was made."""
        error = self.controller.edit_problem(text, change, key=key)
        if error:
            self.show_error(error)
        return not error

    def _add(self, text: str, change: Callable[[Problem], Problem], fields: tuple[QLineEdit, ...]) -> None:
        """Add a row by an undoable edit; once made, the fields for a new row are emptied."""
        if self._edit(text, change):
            for field in fields:
                field.clear()
            self.message.clear()

    def _add_schedule(self) -> None:
        name, text = self.new_schedule_name.text(), self.new_schedule_dps.text()
        self._add(tr("Lesrooster {name} toegevoegd", name=name.strip()),
                  lambda p: capacity.add_schedule(p, name, text), (self.new_schedule_name, self.new_schedule_dps))

    def _remove_schedule(self) -> None:
        idx = self.schedule_table.currentIndex()
        if not idx.isValid():
            self.show_error(tr("Kies eerst een lesrooster in de tabel."))
            return
        name = self.schedules.key_at(idx.row())
        self._edit(tr("Lesrooster {name} verwijderd", name=name), lambda p: capacity.remove_schedule(p, name))

    def _add_location(self) -> None:
        name, place = self.new_loc_name.text(), self.new_loc_place.text()
        self._add(tr("Locatie {name} toegevoegd", name=name.strip()),
                  lambda p: capacity.add_location(p, name, place), (self.new_loc_name, self.new_loc_place))

    def _remove_location(self) -> None:
        name = self.selected_location()
        if name is None:
            self.show_error(tr("Kies eerst een locatie in de tabel."))
            return
        self._edit(tr("Locatie {name} verwijderd", name=name), lambda p: capacity.remove_location(p, name))


def _fixed_grid(table: QTableView) -> None:
    """A 3 x 7 daypart grid exactly as high as its rows, columns sharing the width."""
    header = table.horizontalHeader()
    # every column stretches alike; a stretched last column besides grew past the edge at 150%
    header.setStretchLastSection(False)
    table.removeEventFilter(table.findChild(_LastColumnFit))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # never narrower than its seven columns (at 150% 'zo' was cut off): the page scrolls instead
    model = table.model()
    fm = header.fontMetrics()
    widest = max([fm.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal))) for c in
                  range(model.columnCount())] + [table.fontMetrics().horizontalAdvance("000")])
    column = widest + 2 * fm.horizontalAdvance("0") + 4
    header.setMinimumSectionSize(column)
    vheader = table.verticalHeader()
    rows_w = max(vheader.sizeHint().width(), max(vheader.sectionSizeHint(r) for r in range(model.rowCount())))
    table.setMinimumWidth(rows_w + model.columnCount() * column + 2 * table.frameWidth() + 2)
    rows = table.model().rowCount()
    row_h = max(table.verticalHeader().defaultSectionSize(), table.verticalHeader().sectionSizeHint(0))
    height = table.horizontalHeader().sizeHint().height() + rows * row_h
    table.setFixedHeight(height + 2 * table.frameWidth() + 4)


def _fit_height(table: QTableView, min_rows: int, max_rows: int) -> None:
    """As high as its rows (between ``min_rows`` and ``max_rows``), so no space is wasted."""
    n = max(min_rows, min(max_rows, table.model().rowCount()))
    row_h = table.verticalHeader().defaultSectionSize()
    sb = table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + n * row_h + 2 * table.frameWidth() + sb + 4)


def _place_ok(text: str) -> None:
    if capacity.check_place(text) is None:
        raise CapacityError("place_bad", home=text)

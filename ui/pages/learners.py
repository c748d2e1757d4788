"""Deelnemers: every learner with search, filters, sorting, counts and a leerbaarheid histogram."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.planner.session import learner_rows, level_histogram, raw_rows
from optimizer.dayparts import ALL_DAYPARTS, PARTS
from optimizer.travel import STADSDELEN
from ui.charts import LevelHistogram
from ui.controller import Controller
from ui.i18n import tr
from ui.models.base import SortProxy, schedule_words
from ui.models.learners import LearnerFilterProxy, LearnerModel, learner_columns
from ui.models.raw import RawModel
from ui.style import splitter


def configure_table(table: QTableView, *, drag: bool = False, drop: bool = False) -> None:
    """Common table settings: whole rows, sorting, keyboard friendly, drag and drop as asked."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    table.setTabKeyNavigation(False)
    if drag or drop:
        table.setDragEnabled(drag)
        table.setAcceptDrops(drop)
        table.setDropIndicatorShown(drop)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop if drag and drop else
                              QAbstractItemView.DragDropMode.DragOnly if drag else
                              QAbstractItemView.DragDropMode.DropOnly)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)


FIT_ROWS = 200
"""Rows (besides the visible ones) whose text sizes a column: Qt reads 1,000 by default, and for a
1,500-learner list the four tables of a new plan took 6.0 of the 7.2 s the window stood still."""


def fit_columns(table: QTableView, max_chars: int = 40) -> None:
    """Size columns to their contents (:data:`FIT_ROWS` rows of them), but no wider than
    ``max_chars`` characters."""
    table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    table.resizeColumnsToContents()
    limit = table.fontMetrics().horizontalAdvance("0") * max_chars
    for c in range(table.model().columnCount() if table.model() else 0):
        if table.columnWidth(c) > limit:
            table.setColumnWidth(c, limit)


class LearnersPage(QWidget):
    """The Deelnemers tab."""

    selectionChanged = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = LearnerModel(learner_columns(False, False), self)
        self.proxy = LearnerFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # the file as read, shown instead when it has errors (no problem to plan yet)
        self.raw = RawModel(self)
        self.raw_proxy = SortProxy(self)
        self.raw_proxy.setSourceModel(self.raw)
        self.raw_proxy.setFilterKeyColumn(-1)
        self.raw_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.raw_mode = False

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Zoek op id, naam, postcode, klas…"))
        self.search.setClearButtonEnabled(True)
        self.route = QComboBox()
        self.stadsdeel = QComboBox()
        self.daypart = QComboBox()
        self.placement = QComboBox()
        for combo, label in ((self.route, tr("Route")), (self.stadsdeel, tr("Stadsdeel")),
                             (self.daypart, tr("Dagdeel")), (self.placement, tr("Plaatsing"))):
            combo.setAccessibleName(label)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count = QLabel()
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters = QHBoxLayout()
        search_label = QLabel(tr("&Zoeken:"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        for text, combo in ((tr("Route:"), self.route), (tr("Stadsdeel:"), self.stadsdeel),
                            (tr("Dagdeel:"), self.daypart), (tr("Plaatsing:"), self.placement)):
            lab = QLabel(text)
            lab.setBuddy(combo)
            filters.addWidget(lab)
            filters.addWidget(combo)
        filters.addStretch(0)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        configure_table(self.table, drag=True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.histogram = LevelHistogram()

        split = splitter(Qt.Orientation.Horizontal, (self.table, 3), (self.histogram, 1))
        self.splitter = split

        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(split, 1)
        lay.addWidget(self.count)

        self.search.textChanged.connect(self._search)
        self.route.currentIndexChanged.connect(lambda _i: self._filter(route=self.route.currentData() or ""))
        self.stadsdeel.currentIndexChanged.connect(
            lambda _i: self._filter(stadsdeel=self.stadsdeel.currentData() or ""))
        self.daypart.currentIndexChanged.connect(lambda _i: self._filter(daypart=self.daypart.currentData() or ""))
        self.placement.currentIndexChanged.connect(
            lambda _i: self._filter(placement=self.placement.currentData() or ""))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        controller.sourceChanged.connect(self._rebuild)
        controller.problemChanged.connect(self.refresh)
        controller.planChanged.connect(self.refresh)
        self._fill_combos()
        self._rebuild()

    # ---- filters -----------------------------------------------------------------------------
    def _fill_combos(self) -> None:
        problem = self.controller.problem
        routes = sorted(r.route for r in problem.routes) if problem else []
        self._set_items(self.route, [(tr("Alle routes"), "")] + [(r, r) for r in routes])
        self._set_items(self.stadsdeel, [(tr("Alle stadsdelen"), "")] + [(s, s) for s in STADSDELEN])
        parts = [(tr("Alle dagdelen"), "")] + [(tr("elke {part}", part=tr(p)), p) for p in PARTS]
        parts += [(schedule_words(dp), dp) for dp in ALL_DAYPARTS if not dp.startswith(("za", "zo"))]
        self._set_items(self.daypart, parts)
        self._set_items(self.placement, [(tr("Iedereen"), ""), (tr("Wachtend"), LearnerFilterProxy.WAITING),
                                         (tr("Geplaatst"), LearnerFilterProxy.PLACED)])

    @staticmethod
    def _set_items(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        i = combo.findData(current)
        combo.setCurrentIndex(max(0, i))
        combo.blockSignals(False)

    def _selection_changed(self, *_args: object) -> None:
        self.selectionChanged.emit()

    def _search(self, text: str) -> None:
        if self.raw_mode:
            self.raw_proxy.setFilterFixedString(text.strip())
            self._update_count()
        else:
            self._filter(text=text)

    def _set_raw_mode(self, raw: bool) -> None:
        """Show the learners as planned (False) or the file as read, with its errors (True)."""
        if raw == self.raw_mode:
            return
        self.raw_mode = raw
        self.table.setModel(self.raw_proxy if raw else self.proxy)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for combo in (self.route, self.stadsdeel, self.daypart, self.placement):
            combo.setEnabled(not raw)
        self.histogram.setVisible(not raw)
        self.table.setDragEnabled(not raw)

    def _filter(self, **kw: str) -> None:
        self.proxy.set_filters(**kw)
        self._update_count()

    def set_filters(self, **kw: str) -> None:
        """Set filters programmatically (tests, 'show waiting learners' links)."""
        combos = {"route": self.route, "stadsdeel": self.stadsdeel, "daypart": self.daypart,
                  "placement": self.placement}
        for key, value in kw.items():
            if key == "text":
                self.search.setText(value)
            else:
                combo = combos[key]
                combo.setCurrentIndex(max(0, combo.findData(value)))

    # ---- data --------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        c = self.controller
        with_name = bool(c.session.source.name_column)
        self.model.set_columns(learner_columns(with_name, c.plan is not None))
        self._fill_combos()
        self.refresh()
        fit_columns(self.table)

    def refresh(self) -> None:
        c = self.controller
        problem = c.problem
        src = c.session.source
        if problem is None and src.extras:
            headers, rows = raw_rows(src)
            flagged = set()
            for issue in src.issues:
                for row in issue.rows:  # a pair's problem marks both learners' cells
                    lid = src.learner_at_row(row)
                    if lid and issue.column:
                        flagged.add((lid, issue.column.strip().lower()))
            self.raw.set_sheet(headers, rows, flagged)
            self._set_raw_mode(True)
            fit_columns(self.table)
            self._update_count()
            return
        self._set_raw_mode(False)
        with_plan = c.plan is not None
        with_name = bool(c.session.source.name_column)
        want = learner_columns(with_name, with_plan)
        changed = [x.key for x in want] != [x.key for x in self.model.columns]
        if changed:
            self.model.set_columns(want)
        if problem is None:
            self.model.set_rows([])
        else:
            self.model.target_weeks = problem.target_weeks
            self.model.set_rows(learner_rows(problem, c.state, c.session.source.extras, c.session.source.name_column))
        if changed:
            fit_columns(self.table)
        self._update_count()

    def _update_count(self) -> None:
        if self.raw_mode:
            errors = sum(1 for i in self.controller.session.source.issues if i.is_error)
            self.count.setText(tr("Het bestand is gelezen zoals het is ({n} rijen) maar heeft {e} fouten; gemarkeerde "
                                  "cellen horen bij een melding hieronder. Herstel ze in het bestand en open het opnieuw.",
                                  n=self.raw.rowCount(), e=errors))
            self.histogram.set_data({})
            return
        rows = self.proxy.visible_rows()
        total = self.model.rowCount()
        waiting = sum(1 for r in rows if r.placed is False)
        placed = sum(1 for r in rows if r.placed)
        if self.controller.plan is not None:
            text = tr("{shown} van {total} deelnemers getoond · {placed} geplaatst · {waiting} wachtend",
                      shown=len(rows), total=total, placed=placed, waiting=waiting)
        else:
            text = tr("{shown} van {total} deelnemers getoond", shown=len(rows), total=total)
        self.count.setText(text)
        self.histogram.set_data(level_histogram(rows))

    # ---- selection -----------------------------------------------------------------------------
    def selected_learner_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        if self.raw_mode:
            return [self.raw.row_at(self.raw_proxy.mapToSource(i).row()).id for i in rows]
        return [self.model.row_at(self.proxy.mapToSource(i).row()).id for i in rows]

    def focus_learner(self, learner_id: str, column: str = "") -> bool:
        """Select ``learner_id`` (clearing filters that hide it) and the column ``column``."""
        model = self.raw if self.raw_mode else self.model
        proxy = self.raw_proxy if self.raw_mode else self.proxy
        src = model.row_of(learner_id)
        if src < 0:
            return False
        idx = proxy.mapFromSource(model.index(src, 0))
        if not idx.isValid():
            self.search.clear()
            if not self.raw_mode:
                self.set_filters(text="", route="", stadsdeel="", daypart="", placement="")
            idx = proxy.mapFromSource(model.index(src, 0))
        col = 0
        if column:
            wanted = column.strip().lower()
            for i in range(model.columnCount()):
                if str(model.headerData(i, Qt.Orientation.Horizontal)).lower() == wanted:
                    col = i
                    break
        target = proxy.index(idx.row(), col)
        self.table.selectionModel().setCurrentIndex(
            target, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.setFocus()
        return True

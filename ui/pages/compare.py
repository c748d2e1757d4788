"""Vergelijken: several plans along the wait <-> fit line, as a chart and side by side."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from optimizer.tradeoff import TradeoffPoint
from ui.charts import ScatterPoint, TradeoffChart
from ui.controller import Controller
from ui.i18n import language, number, tr
from ui.models.compare import COMPARE_FIGURES, CompareModel
from ui.style import hint


class ComparePage(QWidget):
    """The Vergelijken tab."""

    def __init__(self, controller: Controller, compute: QAction, stop: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._selected_point = -1
        self._t0 = 0.0
        self._limit = 0.0

        self.points = QSpinBox()
        self.points.setRange(3, 9)
        self.points.setValue(int(controller.session.settings.get("tradeoff_points", 5)))
        self.points.setAccessibleName(tr("Aantal plannen"))
        self.points.valueChanged.connect(lambda v: controller.set_setting("tradeoff_points", int(v)))
        self.seconds = QSpinBox()
        self.seconds.setRange(6, 3600)
        self.seconds.setSuffix(" " + tr("s"))
        self.seconds.setValue(int(controller.session.settings.get("tradeoff_time", 60)))
        self.seconds.setAccessibleName(tr("Totale rekentijd"))
        self.seconds.valueChanged.connect(lambda v: controller.set_setting("tradeoff_time", int(v)))
        # optional cap: the best plan whose mean wait (or mean misfit) stays within it
        self.cap_kind = QComboBox()
        self.cap_kind.addItems([tr("geen grens"), tr("gem. wachttijd hooguit"), tr("gem. niveauverschil hooguit")])
        self.cap_kind.setAccessibleName(tr("Grens"))
        self.cap_kind.setToolTip(tr("Met een grens zoekt Klasvormer het meest homogene plan dat gemiddeld niet langer "
                                    "wacht (of het snelst startende plan dat gemiddeld niet slechter past); "
                                    "elk plan brengt de zoektocht dichter bij de grens."))
        self.cap_value = QDoubleSpinBox()
        self.cap_value.setDecimals(1)
        self.cap_value.setRange(0.0, 104.0)
        self.cap_value.setSingleStep(0.5)
        self.cap_value.setLocale(QLocale(QLocale.Language.Dutch if language() == "nl" else QLocale.Language.English))
        self.cap_value.setAccessibleName(tr("Grenswaarde"))
        self.cap_kind.currentIndexChanged.connect(self._cap_kind_changed)
        self._cap_kind_changed(0)
        self.compute_button = QPushButton(compute.text().replace("&", ""))
        self.compute_button.clicked.connect(compute.trigger)
        compute.changed.connect(lambda: self.compute_button.setEnabled(compute.isEnabled()))
        self.stop_button = QPushButton(stop.text().replace("&", ""))
        self.stop_button.clicked.connect(stop.trigger)
        stop.changed.connect(lambda: self.stop_button.setEnabled(stop.isEnabled()))
        self.stop_button.setEnabled(stop.isEnabled())
        self.adopt = QPushButton(tr("Doorgaan met gekozen plan"))
        self.adopt.setEnabled(False)
        self.adopt.clicked.connect(self._adopt)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat(tr("nog niet berekend"))

        top = QHBoxLayout()
        for text, w in ((tr("Aantal plannen:"), self.points), (tr("Totale rekentijd:"), self.seconds),
                        (tr("Grens:"), self.cap_kind)):
            lab = QLabel(text)
            lab.setBuddy(w)
            top.addWidget(lab)
            top.addWidget(w)
        top.addWidget(self.cap_value)
        top.addStretch(1)
        # the buttons on a second row, so the page fits a small screen at 125-150% scaling
        run = QHBoxLayout()
        run.addWidget(self.compute_button)
        run.addWidget(self.stop_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.adopt)

        self.chart = TradeoffChart()
        self.chart.pointClicked.connect(self._point_clicked)
        self.model = CompareModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        # a few rows at least; the splitter gives the table its full height when there is room
        self.table.setMinimumHeight((self.table.fontMetrics().height() + 8) * 5 + 6)
        self.table.clicked.connect(lambda idx: self._column_clicked(idx.column()))
        self.table.horizontalHeader().sectionClicked.connect(self._column_clicked)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        rows = 2 + len(COMPARE_FIGURES)
        split.setSizes([self.chart.sizeHint().height(), (self.table.fontMetrics().height() + 8) * (rows + 1) + 6])

        lay = QVBoxLayout(self)
        lay.addWidget(hint(tr("Elk plan is het beste gevonden plan voor een andere verhouding tussen wachttijd en niveauverschil: "
                              "links sneller starten, onder homogenere klassen. Klik een plan in de grafiek of "
                              "een kolom in de tabel en kies ‘Doorgaan met gekozen plan’.")))
        lay.addLayout(top)
        lay.addLayout(run)
        lay.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)
        controller.tradeoffStarted.connect(self._started)
        controller.tradeoffPoint.connect(self._point)
        controller.tradeoffChanged.connect(self.refresh)
        controller.tradeoffChosen.connect(lambda index, _met: self._select(index))
        controller.planChanged.connect(self.refresh)
        controller.busyChanged.connect(self._busy)
        self.refresh()

    # ---- cap -----------------------------------------------------------------------------------
    def _cap_kind_changed(self, kind: int) -> None:
        self.cap_value.setEnabled(kind != 0)
        self.cap_value.setSuffix(" " + tr("wk") if kind == 1 else "")
        if kind == 0:
            return
        # start from the current plan's own figure: "no worse than now"
        plan = self.controller.plan
        if plan is not None:
            self.cap_value.setValue(round(float(plan.figures.get("wait_mean" if kind == 1 else "misfit_mean", 0.0)), 1))

    def cap(self) -> dict[str, float]:
        """Keyword arguments for :meth:`Controller.start_tradeoff`: the cap chosen, if any."""
        kind = self.cap_kind.currentIndex()
        if kind == 0:
            return {}
        return {("max_wait_mean" if kind == 1 else "max_misfit_mean"): float(self.cap_value.value())}

    # ---- progress ------------------------------------------------------------------------------
    def _started(self, points: int, limit: float) -> None:
        self._t0 = time.monotonic()
        self._limit = limit
        self._selected_point = -1
        self.progress.setValue(0)
        self.progress.setFormat(tr("0 van {n:plan|plannen}", n=points))
        self.timer.start()

    def _tick(self) -> None:
        if self._limit > 0:
            self.progress.setValue(min(999, int(1000 * (time.monotonic() - self._t0) / self._limit)))

    def _point(self, _point: object, done: int, total: int) -> None:
        self.progress.setFormat(tr("{done} van {n:plan|plannen}", done=done, n=total))

    def _busy(self, busy: bool) -> None:
        self.points.setEnabled(not busy)
        self.seconds.setEnabled(not busy)
        self.cap_kind.setEnabled(not busy)
        self.cap_value.setEnabled(not busy and self.cap_kind.currentIndex() != 0)
        if not busy and self.timer.isActive():
            self.timer.stop()
            self.progress.setValue(1000)
            self.progress.setFormat(tr("{n:plan|plannen} berekend", n=len(self.controller.tradeoff_points)))
        self._update_adopt()

    # ---- data ----------------------------------------------------------------------------------
    def _columns(self) -> list[tuple[str, Any, Any]]:
        c = self.controller
        cols: list[tuple[str, Any, Any]] = []
        if c.plan is not None and c.problem is not None:
            cols.append((tr("Huidig plan"), c.plan, c.problem.weights))
        for p in c.tradeoff_points:
            cols.append((p.label, p.plan, p.weights))
        return cols

    def _offset(self) -> int:
        return 1 if self.controller.plan is not None else 0

    def refresh(self) -> None:
        c = self.controller
        pts: list[ScatterPoint] = []
        if c.plan is not None:
            f = c.plan.figures
            pts.append(ScatterPoint(tr("huidig"), f.get("wait_mean", 0.0), f.get("misfit_mean", 0.0),
                                    f.get("travel_mean", 0.0), current=True))
        for p in c.tradeoff_points:
            pts.append(ScatterPoint(p.label, p.mean_wait, p.mean_misfit, p.mean_travel))
        sel = self._selected_point + self._offset() if self._selected_point >= 0 else -1
        self.chart.set_cap(*c.tradeoff_cap)
        self.chart.set_points(pts, sel)
        self.model.set_plans(self._columns(), sel)
        fm = self.table.fontMetrics()
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, fm.horizontalAdvance("0") * 16)
        self._update_adopt()

    def _update_adopt(self) -> None:
        ok = (0 <= self._selected_point < len(self.controller.tradeoff_points)
              and not self.controller.busy)
        self.adopt.setEnabled(ok)

    def _point_clicked(self, index: int) -> None:
        self._select(index - self._offset())

    def _column_clicked(self, column: int) -> None:
        self._select(column - self._offset())

    def _select(self, point_index: int) -> None:
        self._selected_point = point_index if 0 <= point_index < len(self.controller.tradeoff_points) else -1
        sel = self._selected_point + self._offset() if self._selected_point >= 0 else -1
        self.chart.set_selected(sel)
        self.model.set_selected(sel)
        self._update_adopt()
        if self._selected_point >= 0:
            p: TradeoffPoint = self.controller.tradeoff_points[self._selected_point]
            self.controller.statusMessage.emit(tr(
                "Plan {label}: gemiddeld {wait} weken wachten, niveauverschil {misfit}, reistijd {travel} min.",
                label=p.label, wait=number(p.mean_wait), misfit=number(p.mean_misfit), travel=number(p.mean_travel, 0)))

    def select_point(self, index: int) -> None:
        self._select(index)

    def _adopt(self) -> None:
        if self.controller.adopt_tradeoff(self._selected_point):
            self._selected_point = -1
            self.refresh()

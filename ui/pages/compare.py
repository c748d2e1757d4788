"""Vergelijken: the frontier from the fastest start to the most homogeneous, as a chart, in
words (each step, its proof, what changes for people) and side by side."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
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
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from optimizer.frontier import Frontier, dominates
from optimizer.tradeoff import TradeoffPoint
from ui.charts import ScatterPoint, TradeoffChart
from ui.controller import Controller
from ui.i18n import N_, lang_arg, language, number, tr
from ui.models.compare import COMPARE_FIGURES, CompareModel, gap_text
from ui.style import LOCK_BG, hint, splitter

DONE = N_("{n:plan|plannen} berekend")
"""The progress bar after a search: the plans shown."""
STOPPED = N_("Gestopt: {n:plan|plannen} berekend")
"""The progress bar after a search the planner stopped: the plans shown."""


class ComparePage(QWidget):
    """The Vergelijken tab."""

    def __init__(self, controller: Controller, compute: QAction, stop: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._selected_point = -1
        self._selected_key: tuple | None = None
        self._t0 = 0.0
        self._limit = 0.0

        self.points = QSpinBox()
        self.points.setRange(3, 9)
        self.points.setValue(self._setting("tradeoff_points", 5))
        self.points.setAccessibleName(tr("Aantal plannen"))
        self.points.valueChanged.connect(lambda v: controller.set_setting("tradeoff_points", int(v)))
        self.seconds = QSpinBox()
        self.seconds.setRange(6, 3600)
        self.seconds.setSuffix(" " + tr("s"))
        self.seconds.setValue(self._setting("tradeoff_time", 60))
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
        # after a search that ran out of time with fewer plans than asked: why, and what time to try
        self.shortfall = QLabel()
        self.shortfall.setWordWrap(True)
        self.shortfall.setStyleSheet("color: #8a4b00")
        self.shortfall.hide()

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
        # the frontier in words: per point its proof and what changes for people, per step what it buys
        self.words = QTextBrowser()
        self.words.setOpenLinks(False)
        self.words.anchorClicked.connect(self._anchor_clicked)
        self.words.setAccessibleName(tr("De afweging in woorden"))
        self.words.setMinimumWidth(self.words.fontMetrics().horizontalAdvance("0") * 30)
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

        upper = splitter(Qt.Orientation.Horizontal, (self.chart, 3), (self.words, 2))
        upper.setSizes([600, 400])
        split = splitter(Qt.Orientation.Vertical, (upper, 1), (self.table, 1))
        rows = 3 + len(COMPARE_FIGURES)
        split.setSizes([self.chart.sizeHint().height(), (self.table.fontMetrics().height() + 8) * (rows + 1) + 6])

        lay = QVBoxLayout(self)
        lay.addWidget(hint(tr("De plannen lopen van de snelste start naar de meest homogene klassen; geen ander "
                              "gevonden plan wacht korter én past beter. Links sneller starten, onder homogenere "
                              "klassen. Klik een plan in de grafiek, de tekst of de tabel en kies ‘Doorgaan met "
                              "gekozen plan’.")))
        lay.addLayout(top)
        lay.addLayout(run)
        lay.addWidget(self.shortfall)
        lay.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)
        self._show_status()
        controller.tradeoffStarted.connect(self._started)
        controller.tradeoffPoint.connect(self._point)
        controller.tradeoffChanged.connect(self.refresh)
        controller.tradeoffChosen.connect(lambda index, _met: self._select(index))
        controller.planChanged.connect(self.refresh)
        controller.busyChanged.connect(self._busy)
        controller.sourceChanged.connect(self._load_settings)
        self.refresh()

    def _setting(self, key: str, default: int) -> int:
        return int(self.controller.session.settings.get(key, default))

    def _load_settings(self) -> None:
        """A file was opened: show its options (a project keeps them; a workbook starts from the defaults)."""
        self.points.setValue(self._setting("tradeoff_points", 5))
        self.seconds.setValue(self._setting("tradeoff_time", 60))

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
        self._selected_key = None
        self._say(0, N_("0 van {n:plan|plannen}"), n=points)
        self.timer.start()

    def _tick(self) -> None:
        if self._limit > 0:
            self.progress.setValue(min(999, int(1000 * (time.monotonic() - self._t0) / self._limit)))

    def _point(self, point: object, done: int, total: int) -> None:
        if isinstance(point, Frontier):
            # not 'op de grens' (the frontier): 'Grens' is the cap chosen above the bar
            self._say(None, N_("{done} van {n:berekening|berekeningen} · {k:plan|plannen} om uit te kiezen"),
                      done=done, n=total, k=len(point.points))
        else:
            self._say(None, N_("{done} van {n:plan|plannen}"), done=done, n=total)

    def _busy(self, busy: bool) -> None:
        self.points.setEnabled(not busy)
        self.seconds.setEnabled(not busy)
        self.cap_kind.setEnabled(not busy)
        self.cap_value.setEnabled(not busy and self.cap_kind.currentIndex() != 0)
        if not busy and self.timer.isActive():
            self.timer.stop()
            # the final plans arrive just after the busy state ends: refresh() counts them again
            done = STOPPED if self.controller.tradeoff.stopped else DONE
            self._say(1000, done, n=len(self.controller.tradeoff_points))
        self._update_adopt()

    def _say(self, value: int | None, text: str, **params: object) -> None:
        """Put ``text`` (Dutch, marked with N_) on the progress bar, at ``value`` unless None; the
        controller keeps it, so the page rebuilt by a language switch says it again, translated."""
        old = self.controller.tradeoff.progress_status
        if value is None:
            value = old[0] if old is not None else self.progress.value()
        self.controller.tradeoff.progress_status = (value, text, params)
        self._show_status()

    def _show_shortfall(self) -> None:
        t = self.controller.tradeoff
        if t.shortfall is None:
            self.shortfall.hide()
            return
        asked, found, seconds = t.shortfall
        self.shortfall.setText(tr("Minder plannen dan gevraagd ({found} van {asked}): de rekentijd van {s} s was te "
                                  "kort voor {asked} plannen. Probeer een totale rekentijd van {t} s.",
                                  found=found, asked=asked, s=number(seconds, 0), t=t.suggested_seconds()))
        self.shortfall.show()

    def _show_status(self) -> None:
        self._show_shortfall()
        status = self.controller.tradeoff.progress_status
        if status is not None and status[1] in (DONE, STOPPED) and not self.timer.isActive():
            # one count: the plans shown in the chart, the text and the table
            shown = len(self.controller.tradeoff_points)
            if status[2].get("n") != shown:
                status = (status[0], status[1], {"n": shown})
                self.controller.tradeoff.progress_status = status
        if status is None:  # before any search (or after a new file)
            self.progress.setValue(0)  # a bar never set shows no text at all
            self.progress.setFormat(tr("nog niet berekend"))
            return
        value, text, params = status
        if not self.timer.isActive():  # while the search runs, _tick moves the bar
            self.progress.setValue(value)
        self.progress.setFormat(tr(text, **params))

    # ---- data ----------------------------------------------------------------------------------
    def _frontier(self):
        """The frontier behind the points shown (None for a capped search)."""
        fr = self.controller.tradeoff.frontier
        return fr if fr is not None and len(fr.points) == len(self.controller.tradeoff_points) else None

    def _columns(self) -> list[tuple]:
        c = self.controller
        cols: list[tuple] = []
        if c.plan is not None and c.problem is not None:
            cols.append((tr("Huidig plan"), c.plan, c.problem.weights))
        fr = self._frontier()
        for k, p in enumerate(c.tradeoff_points):
            # numbered as in the list beside the table and in a crowded chart
            cols.append((f"{k + 1}. {p.label}", p.plan, p.weights, None if fr is None else _proven_gap(fr.points[k])))
        return cols

    def _current_dominated_by(self) -> int | None:
        """The point that beats the current plan on both figures (None: none does)."""
        fr = self._frontier()
        if fr is None or fr.current is None or fr.current is not self.controller.plan:
            return None
        return fr.current_dominated_by

    def _offset(self) -> int:
        return 1 if self.controller.plan is not None else 0

    def refresh(self) -> None:
        c = self.controller
        self._keep_selection()
        if not self.timer.isActive():  # a new file: 'nog niet berekend' again
            self._show_status()
        pts: list[ScatterPoint] = []
        if c.plan is not None:
            f = c.plan.figures
            beaten = self._current_dominated_by()
            name = tr("huidig") if beaten is None else tr("huidig (overtroffen)")
            # a crowded chart names the plans by their numbers: the current plan says which one beats it
            short = tr("huidig") if beaten is None else tr("huidig, overtroffen door {k}", k=beaten + 1)
            pts.append(ScatterPoint(name, f.get("wait_mean", 0.0), f.get("misfit_mean", 0.0),
                                    f.get("travel_mean", 0.0), current=True, short=short))
        for k, p in enumerate(c.tradeoff_points):
            pts.append(ScatterPoint(p.label, p.mean_wait, p.mean_misfit, p.mean_travel, short=str(k + 1)))
        sel = self._selected_point + self._offset() if self._selected_point >= 0 else -1
        self.chart.set_cap(*c.tradeoff_cap)
        self.chart.set_points(pts, sel)
        self.model.set_plans(self._columns(), sel)
        fm, hm = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        for col in range(self.model.columnCount()):
            lines = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "").split("\n")
            widest = max(hm.horizontalAdvance(line) for line in lines) + hm.horizontalAdvance("00")
            self.table.setColumnWidth(col, max(fm.horizontalAdvance("0") * 16, widest))
        self._show_words()
        self._update_adopt()

    def _show_words(self) -> None:
        """The frontier in words: per point its figures, proof and what changes for people; between
        neighbours what the step buys; the current plan and whether a point beats it."""
        c = self.controller
        points = c.tradeoff_points
        if not points:
            self.words.setHtml(f"<p>{html.escape(tr('Nog geen afwegingen berekend.'))}</p>")
            return
        fr = self._frontier()
        lang = lang_arg()
        steps = fr.steps(lang) if fr is not None else []
        parts: list[str] = []
        for k, p in enumerate(points):
            if k > 0 and k - 1 < len(steps):
                parts.append(f"<p style='margin-left:1em; color:#555555'>↓ {html.escape(steps[k - 1])}</p>")
            figures = tr("gemiddeld {wait} weken wachten, niveauverschil {misfit}, {placed} geplaatst",
                         wait=number(p.mean_wait), misfit=number(p.mean_misfit), placed=p.placed)
            lines = [f"<a href='point:{k}'><b>{k + 1}. {html.escape(p.label)}</b></a>", html.escape(figures)]
            if fr is not None:
                point = fr.points[k]
                lines.append(html.escape(gap_text(_proven_gap(point))))
                changed = point.changes_text(lang)
                if changed:
                    lines.append(html.escape(changed))
            style = f" style='background-color:{LOCK_BG}'" if k == self._selected_point else ""
            parts.append(f"<p{style}>" + "<br>".join(lines) + "</p>")
        if c.plan is not None:
            f = c.plan.figures
            beaten = self._current_dominated_by()
            text = tr("Huidig plan: gemiddeld {wait} weken wachten, niveauverschil {misfit}.",
                      wait=number(float(f.get("wait_mean", 0.0))), misfit=number(float(f.get("misfit_mean", 0.0))))
            if beaten is not None:
                text += " " + tr("Plan {k} (‘{label}’) is op beide beter of gelijk: korter wachten en niet slechter "
                                 "passend, of andersom.", k=beaten + 1, label=points[beaten].label)
            elif fr is not None:
                # the other way round: the current plan beats a point on both figures (the
                # frontier keeps plans that place at least nearly as many as its fastest plan)
                beats = next((k for k, p in enumerate(points) if dominates(c.plan, p.plan)), None)
                if beats is not None:
                    fewer = points[beats].placed - int(f.get("placed", 0))
                    text += " " + tr("Het wacht niet langer en past niet slechter dan plan {k} (‘{label}’)",
                                     k=beats + 1, label=points[beats].label)
                    text += (tr(", maar plaatst {n:deelnemer|deelnemers} minder.", n=fewer) if fewer > 0
                             else ".")
            parts.append(f"<p><i>{html.escape(text)}</i></p>")
        bar = self.words.verticalScrollBar().value()
        self.words.setHtml("".join(parts))
        self.words.verticalScrollBar().setValue(bar)

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("point:"):
            self._select(int(text.split(":", 1)[1]))

    def _keep_selection(self) -> None:
        """The same plan stays selected while the frontier fills (its points move as others arrive)."""
        if self._selected_key is None:
            self._selected_point = -1
            return
        keys = [_figures_key(p) for p in self.controller.tradeoff_points]
        self._selected_point = keys.index(self._selected_key) if self._selected_key in keys else -1
        if self._selected_point < 0:
            self._selected_key = None

    def _update_adopt(self) -> None:
        ok = (0 <= self._selected_point < len(self.controller.tradeoff_points)
              and not self.controller.busy)
        self.adopt.setEnabled(ok)

    def _point_clicked(self, index: int) -> None:
        self._select(index - self._offset())

    def _column_clicked(self, column: int) -> None:
        self._select(column - self._offset())

    def _select(self, point_index: int) -> None:
        points = self.controller.tradeoff_points
        self._selected_point = point_index if 0 <= point_index < len(points) else -1
        self._selected_key = _figures_key(points[self._selected_point]) if self._selected_point >= 0 else None
        sel = self._selected_point + self._offset() if self._selected_point >= 0 else -1
        self.chart.set_selected(sel)
        self.model.set_selected(sel)
        self._show_words()
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
            self._selected_key = None
            self.refresh()


def _proven_gap(point) -> float | None:
    """A frontier point's proven gap; None while nothing is proven for it (bound 0)."""
    return point.gap if point.bound > 0 else None


def _figures_key(point: TradeoffPoint) -> tuple:
    f = point.plan.figures
    return (f.get("wait_mean"), f.get("misfit_mean"), f.get("placed"), f.get("travel_mean"))

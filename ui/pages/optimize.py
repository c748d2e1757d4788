"""Optimaliseren: start, stop, a progress bar and the objective and bound over time."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.planner import planning
from optimizer.plan import Plan, Progress
from ui.charts import ProgressChart
from ui.controller import Controller
from ui.glossary import explain
from ui.i18n import lang_arg, number, tr
from ui.style import hint, splitter


class OptimizePage(QWidget):
    """The Optimaliseren tab. Buttons use the main window's actions (F5, Shift+F5, Esc)."""

    def __init__(self, controller: Controller, solve: QAction, reoptimize: QAction, stop: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._t0 = 0.0
        self._limit = 0.0
        self._mode = planning.FRESH
        self._adopted = False

        self.time_limit = QSpinBox()
        self.time_limit.setRange(2, 1800)
        self.time_limit.setSuffix(" " + tr("s"))
        self.time_limit.setValue(int(controller.time_limit()))
        self.time_limit.setAccessibleName(tr("Rekentijd in seconden"))
        self.time_limit.valueChanged.connect(lambda v: controller.set_setting("time_limit", int(v)))

        buttons = QHBoxLayout()
        for act in (solve, reoptimize, stop):
            b = QPushButton()
            b.setText(act.text().replace("&", ""))
            b.setToolTip(act.toolTip())
            b.setEnabled(act.isEnabled())
            b.clicked.connect(act.trigger)
            act.changed.connect(lambda b=b, act=act: b.setEnabled(act.isEnabled()))
            buttons.addWidget(b)
        buttons.addStretch(1)

        settings = QGroupBox(tr("Instellingen"))
        form = QFormLayout(settings)
        form.addRow(tr("Maximale rekentijd:"), self.time_limit)
        self.prove = QCheckBox(tr("Daarna bewijzen hoe goed het plan is (ondergrens, tot 30 s extra)"))
        self.prove.setChecked(controller.prove_bound())
        self.prove.setToolTip(tr("Berekent na het plan een scherpe ondergrens: het plan ligt hooguit het "
                                 "getoonde verschil boven het best mogelijke plan."))
        self.prove.toggled.connect(lambda on: controller.set_setting("prove_bound", bool(on)))
        form.addRow(self.prove)
        form.addRow(hint(tr("Optimaliseren maakt een nieuw plan; vastgezette deelnemers en klassen blijven. "
                            "Heroptimaliseren gaat uit van het huidige plan en verplaatst zo weinig mogelijk "
                            "deelnemers. Stoppen bewaart het beste plan tot nu toe.")))

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)  # a bar never set shows no text at all, not even "klaar om te starten"
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.objective = QLabel("-")
        self.bound = QLabel("-")
        self.gap = QLabel("-")
        self.found = QLabel("-")
        nums = QGroupBox(tr("Voortgang"))
        nf = QFormLayout(nums)
        nf.addRow(tr("Doelfunctie (lager is beter):"), self.objective)
        nf.addRow(tr("Ondergrens:"), self.bound)
        nf.addRow(tr("Verschil met ondergrens:"), self.gap)
        # a plan taken from Vergelijken: why its gap is so large (shown only then)
        self.adopted_note = hint(tr("Ondergrens nog niet bewezen voor deze weging: het plan komt uit Vergelijken "
                                    "en de ondergrens telt elke deelnemer bij zijn goedkoopste keuze. "
                                    "Heroptimaliseer voor een scherpere ondergrens."))
        self.adopted_note.setVisible(False)
        nf.addRow(self.adopted_note)
        nf.addRow(tr("Plannen gevonden:"), self.found)
        for term, field in (("Doelfunctie", self.objective), ("Ondergrens", self.bound),
                            ("Verschil met ondergrens", self.gap)):
            field.setToolTip(explain(term))
            label = nf.labelForField(field)
            if label is not None:
                label.setToolTip(explain(term))
        nf.addRow(hint(tr("De ondergrens zegt hoe goed een plan hoogstens kan worden; hoe kleiner het "
                          "verschil, hoe zekerder dat er geen veel beter plan bestaat.")))

        self.chart = ProgressChart()
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMaximumBlockCount(200)
        self.summary.setPlaceholderText(tr("Hier komt de samenvatting van het plan."))
        fm = self.fontMetrics()
        self.summary.setMinimumHeight(fm.height() * 3)

        top = QHBoxLayout()
        top.addWidget(settings, 1)
        top.addWidget(nums, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addLayout(top)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        # chart and summary share the rest; the splitter lets the planner give either more room
        split = splitter(Qt.Orientation.Vertical, (self.chart, 1), (self.summary, 0))
        split.setSizes([self.chart.sizeHint().height(), fm.height() * 5])
        lay.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._tick)
        controller.solveStarted.connect(self._started)
        controller.solveProgress.connect(self._progress)
        controller.solveFinished.connect(self._finished)
        controller.planChanged.connect(self._show_summary)
        controller.busyChanged.connect(self._busy)
        controller.sourceChanged.connect(self._load_settings)
        self._show_last()
        self._show_summary()

    def _load_settings(self) -> None:
        """A file was opened: show its options (a project keeps them; a workbook starts from the defaults)
        and no progress of a solve of the file before."""
        self.time_limit.setValue(int(self.controller.time_limit()))
        self.prove.setChecked(self.controller.prove_bound())
        if not self.timer.isActive():
            self._show_last()

    def _show_last(self) -> None:
        """The last finished solve of this input, else the page as before any (the page is built anew
        after a language switch; a new input has nothing solved yet)."""
        last = self.controller.solving.last
        self.chart.clear(last.limit if last else 0.0)
        if last is not None:
            self._limit = last.limit
            for point in last.points:
                self.chart.add(*point)
            self._finished(last.outcome)
            return
        self._show_figures(None)
        self.found.setText("-")
        self.progress.setValue(0)
        self.progress.setFormat(tr("klaar om te starten"))
        self.status.setText(tr("Nog niet gestart."))

    def _started(self, mode: str, limit: float) -> None:
        self._mode = mode
        self._limit = limit
        self._t0 = time.monotonic()
        self.chart.clear(limit)
        self._show_figures(None)
        self.found.setText("0")
        self._show_adopted(False)
        what = tr("Heroptimaliseren") if mode == planning.REOPTIMIZE else tr("Optimaliseren")
        self.status.setText(tr("{what} loopt… (Esc stopt en bewaart het beste plan)", what=what))
        self.progress.setValue(0)
        self.timer.start()

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._t0
        if self._limit > 0:
            self.progress.setValue(min(1000, int(1000 * elapsed / self._limit)))
        if elapsed > self._limit and self.controller.prove_bound():
            self.progress.setFormat(tr("ondergrens berekenen…"))
        else:
            self.progress.setFormat(tr("{s} van max. {limit} s", s=number(elapsed, 0),
                                       limit=number(self._limit, 0)))
        self.chart.set_now(elapsed)

    def _progress(self, p: object) -> None:
        if not isinstance(p, Progress) or not self.timer.isActive():
            return
        self.chart.add(p.elapsed, p.objective, p.bound)
        self._show_figures(p)
        self.found.setText(str(len(self.chart.points())))

    def _finished(self, outcome: object) -> None:
        self.timer.stop()
        self.progress.setValue(1000)
        if isinstance(outcome, planning.SolveOutcome):
            plan = outcome.plan
            if outcome.ok:
                trace = plan.stats.get("trace") or []
                if not self.chart.points():
                    for t, o, b in trace:
                        self.chart.add(t, o, b)
                if not self.chart.points():
                    self.chart.add(plan.runtime, float(plan.objective), float(plan.bound))
                self.found.setText(str(max(1, len(self.chart.points()))))
                self._show_figures(plan)
                text = tr("Gestopt: het beste plan tot nu toe is bewaard.") if outcome.stopped else tr(
                    "Klaar: het plan staat op het tabblad Plan.")
                self.progress.setFormat(tr("klaar na {s} s", s=number(plan.runtime, 1)))
            else:
                text = tr("Geen plan gevonden; zie de uitleg hieronder.")
                self.progress.setFormat(tr("geen plan"))
                self.summary.setPlainText(plan.summary(lang_arg()))
            self.status.setText(text)
        else:
            self.status.setText(tr("Optimaliseren mislukt."))
            self.progress.setFormat(tr("mislukt"))

    def _show_summary(self) -> None:
        plan = self.controller.plan
        last = self.controller.solving.last
        failed = last.outcome if last is not None and last.outcome is not None and not last.outcome.ok else None
        if plan is not None:
            self.summary.setPlainText(plan.summary(lang_arg()))
        else:  # no plan: why the last solve found none, if it did not
            self.summary.setPlainText(failed.plan.summary(lang_arg()) if failed is not None else "")
        if not self.timer.isActive():
            adopted = plan is not None and plan.is_feasible() and bool(plan.stats.get(planning.ADOPTED))
            if adopted or self._adopted:
                # the figures of the plan now current (not those of the last solve), the note only
                # while it is a plan taken from the trade-off and not yet solved again
                self._show_figures(plan)
            self._show_adopted(adopted)

    def _show_figures(self, plan: Plan | Progress | None) -> None:
        """Objective, bound and gap of a plan (a feasible one) or of a progress report; '-' without."""
        if isinstance(plan, Progress) or (plan is not None and plan.is_feasible()):
            self.objective.setText(number(plan.objective, 0))
            self.bound.setText(number(plan.bound, 0))
            self.gap.setText(number(100 * plan.gap, 1) + "%" if plan.gap != float("inf") else "-")
        else:
            for label in (self.objective, self.bound, self.gap):
                label.setText("-")

    def _show_adopted(self, adopted: bool) -> None:
        self._adopted = adopted
        self.adopted_note.setVisible(adopted)
        tip = explain("Verschil met ondergrens")
        self.gap.setToolTip(self.adopted_note.text() + "\n\n" + tip if adopted else tip)

    def _busy(self, busy: bool) -> None:
        self.time_limit.setEnabled(not busy)

    def is_running(self) -> bool:
        return self.timer.isActive()

    def set_time_limit(self, seconds: int) -> None:
        self.time_limit.setValue(seconds)
        self.time_limit.setAlignment(Qt.AlignmentFlag.AlignRight)

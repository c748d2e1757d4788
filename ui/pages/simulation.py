"""Simulatie: what a policy does over months of weekly re-planning (issue 6).

The planner picks policies (the current way of working, the three presets, balanced with a
maximum wait), a number of weeks, arrivals per week and seconds per weekly plan. The
controller runs :func:`app.simulation.sweep.simulate` on a background thread (one run after the
other, in this process); the page shows its progress, then one row per policy and a chart of
mean wait against mean misfit. ``Opslaan…`` writes the result folder (CSV tables, settings and
PNG charts) through the controller.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.simulation.arrivals import ArrivalSettings
from app.simulation.capacity import (
    ASSUMED_FILL,
    AUTO_HEADROOM,
    PEAK_FACTOR,
    SCENARIOS,
    classes_demanded,
    max_parallel_classes,
)
from app.simulation.charts import groups_figure
from app.simulation.policies import PolicyError, parse_policy
from app.simulation.sweep import SimProgress, SimulationResult
from ui import settings as prefs
from ui.charts import ScatterPoint, TradeoffChart
from ui.controller import Controller
from ui.i18n import N_, lang_arg, language, number, tr
from ui.models.compare import two_lines
from ui.pages.plan import format_figure
from ui.style import hint, scrolled, splitter

Index = QModelIndex | QPersistentModelIndex

POLICIES: list[tuple[str, str, str]] = [
    # spec, Dutch label, Dutch tooltip
    ("status-quo", N_("Huidige werkwijze (status quo)"),
     N_("Op volgorde van aanmelding; een klas start zodra het minimum aantal deelnemers er is.")),
    ("snelle-start", N_("Snelle start"),
     N_("Iedereen zo snel mogelijk beginnen, ook in een groep die minder goed past.")),
    ("gebalanceerd", N_("Gebalanceerd"), N_("Een middenweg tussen snel starten en een passende groep.")),
    ("homogeen", N_("Homogeen"),
     N_("Groepen van gelijke leerbaarheid; sommige deelnemers wachten daarvoor langer.")),
]
DEFAULT_POLICIES = ("status-quo", "snelle-start", "gebalanceerd", "homogeen")
PRESET_LABELS = {"snelle start": N_("Snelle start"), "gebalanceerd": N_("Gebalanceerd"), "homogeen": N_("Homogeen")}

COLUMNS: list[tuple[str, str, str, str]] = [
    # key in SimulationResult.summary, Dutch header (short; the tooltip explains), format, Dutch header tooltip
    ("policy", N_("Beleid"), "", ""),
    ("wait_mean", N_("Wachten gem. (wk)"), "1",
     N_("Weken tussen aanmelding en start, gemiddeld; wie aan het eind nog wacht, telt mee met de weken tot dan.")),
    ("wait_p90", N_("Wachten P90 (wk)"), "1", N_("9 van de 10 deelnemers wachten niet langer dan dit.")),
    ("within_target", N_("Binnen streeftermijn"), "pct",
     N_("Van de deelnemers van wie de streeftermijn binnen de gesimuleerde weken afliep: het deel dat op tijd "
        "begon (‘-’: de periode is daarvoor te kort).")),
    ("misfit_mean", N_("Niveauverschil"), "1",
     N_("Hoe ver geplaatste deelnemers gemiddeld van het niveau van hun klas af zitten (lager past beter).")),
    ("travel_mean", N_("Reistijd (min)"), "0", N_("Enkele reis naar de leslocatie, gemiddeld over de geplaatste deelnemers.")),
    ("classes_opened", N_("Nieuwe klassen"), "int", N_("Klassen die in de gesimuleerde weken zijn gestart.")),
    ("fill_mean", N_("Bezetting"), "pct", N_("Deel van de plaatsen in de nieuwe klassen dat bezet is, gemiddeld.")),
    ("still_waiting", N_("Wachtend aan eind"), "int", N_("Deelnemers die aan het eind nog op een klas wachten.")),
    ("weeks_done", N_("Weken"), "int", N_("Gesimuleerde weken (minder als de simulatie is gestopt).")),
]


def policy_label(spec: str) -> str:
    """A policy spec (``gebalanceerd+streeftermijn=10``) in the planner's words."""
    try:
        pol = parse_policy(spec)
    except PolicyError:
        return spec
    if pol.rule == "status_quo":
        head = tr("Huidige werkwijze (status quo)")
    elif pol.preset is None:
        head = tr("Eigen gewichten")
    else:
        head = tr(PRESET_LABELS.get(pol.preset, pol.preset))
    parts = [head]
    if pol.target_weeks is not None:
        parts.append(tr("streeftermijn {n:week|weken}", n=pol.target_weeks) if pol.target_weeks else tr("streeftermijn"))
    if pol.max_travel is not None:
        parts.append(tr("hoogstens {n} min reizen", n=pol.max_travel))
    if pol.reserve:
        parts.append(tr("{n:plaats|plaatsen} vrij voor nieuwkomers", n=pol.reserve))
    if pol.wait_weight is not None:
        parts.append(tr("{n} punten per week wachten", n=pol.wait_weight))
    if pol.misfit_weight is not None:
        parts.append(tr("{n} punten per punt niveauverschil", n=pol.misfit_weight))
    if pol.end_value is not None:
        parts.append(tr("wie blijft wachten telt {n:week|weken} extra", n=pol.end_value))
    if pol.expected:
        parts.append(tr("met verwachte aanmeldingen") if pol.futures == 1
                     else tr("met {n} mogelijke toekomsten", n=pol.futures))
    if pol.clairvoyant:
        parts.append(tr("alle aanmeldingen vooraf bekend (referentie)"))
    return ", ".join(parts)


def duration_text(seconds: float) -> str:
    """``0,4 s``, ``40 s``, ``3 min``, ``1 u 20 min``."""
    if seconds < 9.95:
        return tr("{n} s", n=number(max(0.0, seconds), 1))
    s = round(seconds)
    if s < 60:
        return tr("{n} s", n=s)
    minutes = round(s / 60)
    if minutes < 60:
        return tr("{n} min", n=minutes)
    return tr("{h} u {m} min", h=minutes // 60, m=minutes % 60)


SOLVER_WEEK_EXTRA = 0.6
"""Seconds a solver policy's weekly plan takes beyond its time limit (building and checking it;
measured on the sample)."""
RULE_WEEK = 0.1
"""Seconds of a status-quo weekly plan (no solver)."""


def week_seconds(spec: str, time_limit: float) -> float:
    """About how long one weekly plan of policy ``spec`` takes."""
    try:
        rule = parse_policy(spec).rule == "status_quo"
    except PolicyError:
        rule = False
    return RULE_WEEK if rule else time_limit + SOLVER_WEEK_EXTRA


def remaining_seconds(runs: list[tuple[float, int]], weeks_done: int, elapsed: float) -> float:
    """About how long a simulation has still to go: ``runs`` are (seconds per weekly plan, weeks)
    in the order they run (one after the other), of which ``weeks_done`` weekly plans are done in
    ``elapsed`` seconds. The runs' own times, scaled by how fast the done ones went (at most
    twice as fast or slow): the status quo's 20 quick weeks first said 'nog ongeveer 3,6 s' of
    the solver policies' 45."""
    total = sum(cost * weeks for cost, weeks in runs)
    done, left = 0.0, weeks_done
    for cost, weeks in runs:
        k = min(weeks, left)
        done += cost * k
        left -= k
    if done <= 0:
        return total
    return (total - done) * min(2.0, max(0.5, elapsed / done))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


SCENARIO_CHOICES: list[tuple[str, str, str]] = [
    # scenario, Dutch label, Dutch tooltip
    ("ruim", N_("Ruim"), N_("Docenten en lokalen groeien mee met de aanmeldingen: ruim genoeg, wachten is kort.")),
    ("gemiddeld", N_("Gemiddeld"),
     N_("Minder docenten en lokalen dan de aanmeldingen vragen: bij de huidige werkwijze wachten mensen gemiddeld "
        "6 tot 10 weken.")),
    ("krap", N_("Krap (tekort, zoals in Amsterdam)"),
     N_("Veel minder docenten en lokalen dan de aanmeldingen vragen: bij de huidige werkwijze wachten mensen "
        "gemiddeld 3 tot 6 maanden.")),
]

METRIC_WORDS = {"wait_mean": N_("wachttijd"), "misfit_mean": N_("niveauverschil")}


def capacity_words(problem: Any, scenario: str, arrivals_per_week: float) -> str:
    """The capacity of ``scenario`` in words: how many classes can run at once, against how
    many the arrivals ask for."""
    if problem is None:
        return ""
    arr = ArrivalSettings(arrivals_per_week=arrivals_per_week)
    demand = classes_demanded(problem, arr)
    sc = SCENARIOS[scenario]
    headroom = sc.headroom
    if sc.capacity == "ruim":
        supply = max_parallel_classes(problem)
        headroom = max(AUTO_HEADROOM, supply / demand) if demand else AUTO_HEADROOM
    text = tr("Docenten en lokalen voor ongeveer {k} klassen tegelijk: genoeg voor ongeveer {p} nieuwe deelnemers "
              "per week als elke klas vol zit, tegen {a} aanmeldingen per week. Dat is voor elk beleid gelijk.",
              k=round(headroom * demand), p=round(headroom * arrivals_per_week / ASSUMED_FILL),
              a=round(arrivals_per_week))
    if sc.peak:
        text += " " + tr("In december komen er {f}× zoveel aanmeldingen als in andere maanden (zelfde jaartotaal).",
                         f=number(PEAK_FACTOR, 0))
    return text


PLACED_ONLY = {"misfit_mean", "travel_mean"}
"""Means over placed learners (NaN in the summary when nobody was placed: shown as '-')."""


def _nobody_placed(per_policy: Any, policy: str, baseline: str) -> str:
    """Why a mean over placed learners has no paired difference: nobody placed by ``policy``
    or by the status quo (in every complete run); '' when that is not the reason."""
    if per_policy is None:
        return ""

    def none(p: str) -> bool:
        return p in per_policy.index and not _missing(per_policy.at[p, "placed"]) and not per_policy.at[p, "placed"]

    if none(policy):
        return tr("geen geplaatsten")
    if none(baseline):
        return tr("geen geplaatsten bij de huidige werkwijze")
    return ""


def paired_text(result: SimulationResult) -> str:
    """Each policy against the status quo: the mean difference per seed with its 95% interval."""
    paired = getattr(result, "paired", None)
    if paired is None or paired.empty:
        return ""
    lines = []
    per_policy = result.per_policy if not result.summary.empty else None
    for policy in dict.fromkeys(paired["policy"]):
        parts = []
        for metric, word in METRIC_WORDS.items():
            row = paired[(paired["policy"] == policy) & (paired["metric"] == metric)]
            if row.empty or _missing(row.iloc[0]["diff_mean"]):
                # a mean over placed learners has no difference where nobody was placed: say so
                if metric in PLACED_ONLY and not row.empty:
                    reason = _nobody_placed(per_policy, str(policy), str(row.iloc[0]["baseline"]))
                    if reason:
                        parts.append(tr("{what} - ({why})", what=tr(word), why=reason))
                continue
            r = row.iloc[0]
            if _missing(r["ci_low"]):
                parts.append(tr("{what} {d}", what=tr(word), d=number(float(r["diff_mean"]), 1)))
            else:
                parts.append(tr("{what} {d} (95%-interval {lo} tot {hi}{sure})", what=tr(word),
                                d=number(float(r["diff_mean"]), 1), lo=number(float(r["ci_low"]), 1),
                                hi=number(float(r["ci_high"]), 1),
                                sure=", " + tr("zeker") if bool(r["significant"]) else ""))
        if parts:
            lines.append(policy_label(str(policy)) + ": " + "; ".join(parts))
    if not lines:
        return ""
    n = int(paired["n"].max())
    head = tr("Verschil met de huidige werkwijze, per reeks gepaard (negatief is beter), over {n:reeks|reeksen}:", n=n)
    if n < 2:
        head += " " + tr("kies minstens 2 reeksen voor een betrouwbaarheidsinterval.")
    return "\n".join([head, *lines])


CLASSES_ONLY = {"fill_mean"}
"""Means over new classes (0 when none opened: shown as '-')."""


class SimulationModel(QAbstractTableModel):
    """One row per policy: the per-policy means of a :class:`SimulationResult` (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_result(self, result: SimulationResult | None) -> None:
        self.beginResetModel()
        if result is None or result.summary.empty:
            self._rows = []
        else:
            self._rows = [{"policy": policy, **row.to_dict()} for policy, row in result.per_policy.iterrows()]
        self.endResetModel()

    def policies(self) -> list[str]:
        return [r["policy"] for r in self._rows]

    def value(self, row: int, key: str) -> Any:
        """The number behind a cell; NaN when it cannot be computed (a period shorter than the
        target wait, nobody placed for misfit and travel, no new class for the fill rate)."""
        r = self._rows[row]
        if (key in PLACED_ONLY and not r.get("placed")) or (key in CLASSES_ONLY and not r.get("classes_opened")):
            return float("nan")
        return r.get(key)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c[0] == key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        _key, title, _fmt, tip = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # long titles on two lines, so every column fits a laptop screen's width
            return two_lines(tr(title), 12) if section > 0 else tr(title)
        if role == Qt.ItemDataRole.ToolTipRole and tip:
            return tr(tip)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        key, _title, fmt, _tip = COLUMNS[index.column()]
        row = self._rows[index.row()]
        value = self.value(index.row(), key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "policy":
                return policy_label(str(value))
            return "-" if _missing(value) else format_figure(value, fmt)
        if role == Qt.ItemDataRole.ToolTipRole and key == "policy":
            done = row.get("weeks_done")
            return tr("{spec} ({n:week|weken} gesimuleerd)", spec=value, n=0 if _missing(done) else int(done))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if key == "policy" else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None


class SimulationPage(QWidget):
    """The Simulatie tab."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        settings = controller.session.settings
        chosen = set(str(settings.get("sim_policies", ",".join(DEFAULT_POLICIES))).split(","))

        # policies
        policy_box = QGroupBox(tr("Beleid om te vergelijken"))
        pl = QVBoxLayout(policy_box)
        self.policy_boxes: dict[str, QCheckBox] = {}
        for spec, label, tip in POLICIES:
            cb = QCheckBox(tr(label))
            cb.setToolTip(tr(tip))
            cb.setChecked(spec in chosen)
            cb.toggled.connect(self._choices_changed)
            self.policy_boxes[spec] = cb
            pl.addWidget(cb)
        target_row = QHBoxLayout()
        self.target_check = QCheckBox(tr("Gebalanceerd met streeftermijn:"))
        self.target_check.setToolTip(tr("Gebalanceerd, maar wie de streeftermijn bijna heeft bereikt, krijgt voorrang."))
        self.target_check.setChecked(bool(settings.get("sim_target", False)))
        self.target_check.toggled.connect(self._choices_changed)
        self.target_weeks = QSpinBox()
        self.target_weeks.setRange(1, 52)
        self.target_weeks.setSuffix(tr(" weken"))
        problem = controller.problem
        self.target_weeks.setValue(int(settings.get("sim_target_weeks", problem.target_weeks if problem else 10)))
        self.target_weeks.setAccessibleName(tr("Streeftermijn in weken"))
        self.target_weeks.valueChanged.connect(self._choices_changed)
        target_row.addWidget(self.target_check)
        target_row.addWidget(self.target_weeks)
        target_row.addStretch(1)
        pl.addLayout(target_row)
        pl.addStretch(1)

        # settings
        self.weeks = QSpinBox()
        self.weeks.setRange(2, 104)
        self.weeks.setSuffix(tr(" weken"))
        self.weeks.setValue(int(settings.get("sim_weeks", 26)))
        self.weeks.setAccessibleName(tr("Aantal weken"))
        self.arrivals = QSpinBox()
        self.arrivals.setRange(1, 1000)
        self.arrivals.setValue(int(settings.get("sim_arrivals", 50)))
        self.arrivals.setAccessibleName(tr("Aanmeldingen per week"))
        self.arrivals.setToolTip(tr("Gemiddeld aantal nieuwe deelnemers per week. Docenten en lokalen worden zo nodig "
                                    "vergroot, zodat ze bij dit aantal passen."))
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.1, 60.0)
        self.seconds.setLocale(QLocale(QLocale.Language.Dutch if language() == "nl" else QLocale.Language.English))
        self.seconds.setDecimals(1)
        self.seconds.setSingleStep(0.5)
        self.seconds.setSuffix(" " + tr("s"))
        self.seconds.setValue(float(settings.get("sim_seconds", 1.0)))
        self.seconds.setAccessibleName(tr("Rekentijd per weekplan in seconden"))
        self.seed = QSpinBox()
        self.seed.setRange(1, 99_999)
        self.seed.setValue(int(settings.get("sim_seed", 1)))
        self.seed.setAccessibleName(tr("Reeks aanmeldingen"))
        self.seed.setToolTip(tr("Hetzelfde nummer geeft dezelfde aanmeldingen, zodat elk beleid dezelfde deelnemers "
                                "krijgt; een ander nummer geeft een andere, even waarschijnlijke reeks."))
        self.seeds = QSpinBox()
        self.seeds.setRange(1, 20)
        self.seeds.setValue(int(settings.get("sim_seeds", 1)))
        self.seeds.setAccessibleName(tr("Aantal reeksen"))
        self.seeds.setToolTip(tr("Elk beleid speelt dezelfde reeksen aanmeldingen na (vanaf het seed-nummer). Met "
                                 "2 of meer reeksen ziet u per beleid een 95%-betrouwbaarheidsinterval; 5 is een "
                                 "goede keuze voor een rapport."))
        for w in (self.weeks, self.arrivals, self.seconds, self.seed, self.seeds):
            w.valueChanged.connect(self._choices_changed)
        self.scenario = QComboBox()
        self.scenario.setAccessibleName(tr("Capaciteit"))
        for key, label, tip in SCENARIO_CHOICES:
            self.scenario.addItem(tr(label), key)
            self.scenario.setItemData(self.scenario.count() - 1, tr(tip), Qt.ItemDataRole.ToolTipRole)
        index = self.scenario.findData(str(settings.get("sim_scenario", "ruim")))
        self.scenario.setCurrentIndex(max(0, index))
        self.scenario.currentIndexChanged.connect(self._choices_changed)
        self.peak = QCheckBox(tr("Met eindejaarspiek"))
        self.peak.setToolTip(tr("In december meer aanmeldingen (de piek in de huisvesting van statushouders), "
                                "even veel over het jaar."))
        self.peak.setChecked(bool(settings.get("sim_peak", False)))
        self.peak.toggled.connect(self._choices_changed)
        self.capacity_text = QLabel()
        self.capacity_text.setWordWrap(True)
        settings_box = QGroupBox(tr("Instellingen"))
        form = QFormLayout(settings_box)
        form.addRow(tr("Aantal weken:"), self.weeks)
        form.addRow(tr("Aanmeldingen per week:"), self.arrivals)
        form.addRow(tr("Rekentijd per weekplan:"), self.seconds)
        form.addRow(tr("Reeks aanmeldingen (seed):"), self.seed)
        form.addRow(tr("Aantal reeksen:"), self.seeds)
        form.addRow(tr("Capaciteit:"), self.scenario)
        form.addRow(self.peak)
        form.addRow(self.capacity_text)
        # beside the Simuleren button, so it is seen whatever the screen (not at a form's bottom)
        self.estimate = QLabel()

        # buttons, progress, status
        self.run_button = QPushButton(tr("Simuleren"))
        self.run_button.clicked.connect(self.start)
        self.stop_button = QPushButton(tr("Stoppen"))
        self.stop_button.setToolTip(tr("Stoppen; de weken die klaar zijn blijven bewaard."))
        self.stop_button.clicked.connect(controller.stop_simulation)
        self.save_button = QPushButton(tr("Opslaan…"))
        self.save_button.setToolTip(tr("Tabellen, instellingen en grafieken van de simulatie in een map opslaan"))
        self.save_button.clicked.connect(self.save_dialog)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(tr("nog niet gestart"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addWidget(self.stop_button)
        bar.addWidget(self.estimate)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.save_button)

        # results
        self.chart = TradeoffChart(legend_text=tr("beleid (grootte = gem. reistijd)"), connect=False)
        self.chart.pointClicked.connect(self._point_clicked)
        self.model = SimulationModel(self)
        self._chart_rows: list[int] = []
        """Model rows shown in the chart, in the chart's order."""
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        row_h = self.table.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_h)
        self.table.setMinimumHeight(row_h * 4 + 6)  # header and three policies; the splitter gives more
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # The page in three tabs, so each gets the whole room on a laptop (1366 x 768 at 125%):
        # the settings side by side, the chart above the table, the statistics and their chart.
        controls = QWidget()
        cl = QHBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(policy_box, 1)
        cl.addWidget(settings_box, 1)
        self.controls_pane = scrolled(controls)
        self.results_split = splitter(Qt.Orientation.Vertical, (self.chart, 1), (self.table, 1))
        self.stats_text = QLabel()
        self.stats_text.setWordWrap(True)
        self.stats_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.groups_chart = QLabel()
        self.groups_chart.setAccessibleName(tr("Wachttijd per groep"))
        stats = QWidget()
        sl = QVBoxLayout(stats)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.stats_text)
        sl.addWidget(self.groups_chart)
        sl.addStretch(1)
        self.stats_pane = scrolled(stats)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.controls_pane, tr("Instellingen"))
        self.views.addTab(self.results_split, tr("Resultaten"))
        self.views.addTab(self.stats_pane, tr("Statistiek"))

        lay = QVBoxLayout(self)
        lay.addWidget(hint(tr("De simulatie speelt een aantal weken na: elke week komen er nieuwe deelnemers bij, die "
                              "lijken op de deelnemers in uw bestand, en maakt elk gekozen beleid opnieuw een plan, "
                              "zodat u ziet hoe lang mensen bij dat beleid wachten en hoe goed hun groep past.")))
        lay.addLayout(bar)
        lay.addWidget(self.status)
        lay.addWidget(self.views, 1)

        controller.simulationStarted.connect(self._started)
        controller.simulationProgress.connect(self._progress)
        controller.simulationFinished.connect(self._finished)
        controller.simulationChanged.connect(self.refresh)
        controller.simulationSaved.connect(self._saved)
        controller.problemChanged.connect(self._update_buttons)
        controller.sourceChanged.connect(self._load_settings)
        controller.simulator.runningChanged.connect(self._update_buttons)
        controller.sim_saver.runningChanged.connect(self._update_buttons)
        if controller.simulator.is_running():  # rebuilt (language switch) during a run
            self.progress.setFormat(tr("bezig…"))
        self.refresh()
        self._choices_changed()

    # ---- choices -------------------------------------------------------------------------------
    def policies(self) -> list[str]:
        """The chosen policy specs, in the order of the check boxes."""
        specs = [spec for spec, cb in self.policy_boxes.items() if cb.isChecked()]
        if self.target_check.isChecked():
            specs.append(f"gebalanceerd+streeftermijn={self.target_weeks.value()}")
        return specs

    def _load_settings(self) -> None:
        """A file was opened: take its simulation settings (a project keeps them), else keep the
        choices on screen; the target wait starts at the problem's own."""
        s = dict(self.controller.session.settings)
        problem = self.controller.problem
        if "sim_policies" in s:
            chosen = set(str(s["sim_policies"]).split(","))
            for spec, cb in self.policy_boxes.items():
                cb.setChecked(spec in chosen)
        if "sim_target" in s:
            self.target_check.setChecked(bool(s["sim_target"]))
        if "sim_target_weeks" in s:
            self.target_weeks.setValue(int(s["sim_target_weeks"]))
        elif problem is not None:
            self.target_weeks.setValue(problem.target_weeks)
        if "sim_scenario" in s:
            self.scenario.setCurrentIndex(max(0, self.scenario.findData(str(s["sim_scenario"]))))
        if "sim_peak" in s:
            self.peak.setChecked(bool(s["sim_peak"]))
        for key, w in (("sim_weeks", self.weeks), ("sim_arrivals", self.arrivals), ("sim_seed", self.seed),
                       ("sim_seeds", self.seeds)):
            if key in s:
                w.setValue(int(s[key]))
        if "sim_seconds" in s:
            self.seconds.setValue(float(s["sim_seconds"]))
        self._choices_changed()

    def _choices_changed(self, *_args: object) -> None:
        c = self.controller
        c.set_setting("sim_policies", ",".join(spec for spec, cb in self.policy_boxes.items() if cb.isChecked()))
        c.set_setting("sim_target", self.target_check.isChecked())
        c.set_setting("sim_target_weeks", self.target_weeks.value())
        c.set_setting("sim_weeks", self.weeks.value())
        c.set_setting("sim_arrivals", self.arrivals.value())
        c.set_setting("sim_seconds", round(self.seconds.value(), 1))
        c.set_setting("sim_seed", self.seed.value())
        c.set_setting("sim_seeds", self.seeds.value())
        c.set_setting("sim_scenario", str(self.scenario.currentData() or "ruim"))
        c.set_setting("sim_peak", self.peak.isChecked())
        self.capacity_text.setText(self._capacity_words())
        # per weekly plan: the time limit plus building and checking it (week_seconds)
        estimate = sum(cost * weeks for cost, weeks in self._runs())
        self.estimate.setText(tr("Rekentijd: ongeveer {t}.", t=duration_text(estimate)))
        self._update_buttons()

    def _runs(self) -> list[tuple[float, int]]:
        """(seconds per weekly plan, weeks) of each run of the chosen policies, in the order they run."""
        seconds = round(self.seconds.value(), 1)
        return [(week_seconds(spec, seconds), self.weeks.value()) for spec in self.policies()
                for _seed in range(self.seeds.value())]

    def _capacity_words(self) -> str:
        problem = self.controller.problem
        if problem is None:
            return ""
        key = (id(problem), self.scenario_name(), self.arrivals.value())
        if getattr(self, "_capacity_key", None) != key:
            try:
                self._capacity_cache = capacity_words(problem, self.scenario_name(), float(self.arrivals.value()))
            except Exception:  # an incomplete problem: no sentence rather than a broken page
                self._capacity_cache = ""
            self._capacity_key = key
        return self._capacity_cache

    def _update_buttons(self, *_args: object) -> None:
        c = self.controller
        running = c.simulator.is_running()
        saving = c.sim_saver.is_running()
        self.run_button.setEnabled(not running and c.problem is not None and bool(self.policies()))
        self.stop_button.setEnabled(running)
        self.save_button.setEnabled(not running and not saving and c.simulation is not None
                                    and not c.simulation.summary.empty)
        for w in (*self.policy_boxes.values(), self.target_check, self.target_weeks, self.weeks, self.arrivals,
                  self.seconds, self.seed, self.seeds, self.scenario, self.peak):
            w.setEnabled(not running)

    # ---- running -------------------------------------------------------------------------------
    def start(self) -> bool:
        """Start the simulation with the chosen policies and settings."""
        return self.controller.start_simulation(self.policies(), self.weeks.value(), float(self.arrivals.value()),
                                                round(self.seconds.value(), 1), self.seed.value(),
                                                scenario=self.scenario_name(), seeds=self.seeds.value())

    def scenario_name(self) -> str:
        """The chosen scenario (``krap``, ``gemiddeld``, ``ruim``, with ``-piek`` for the peak)."""
        key = str(self.scenario.currentData() or "ruim")
        return key + "-piek" if self.peak.isChecked() else key

    def _started(self, policies: int, weeks: int) -> None:
        self._running = self._runs()  # the choices are locked while it runs
        self.progress.setValue(0)
        self.progress.setFormat(tr("0 van {total} weekplannen", total=policies * weeks))
        self.status.setText(tr("Simuleren… {n:beleid|beleidsvormen}, {weeks} weken. Stoppen bewaart de weken die klaar zijn.",
                               n=policies, weeks=weeks))

    def _progress(self, p: object) -> None:
        if not isinstance(p, SimProgress):
            return
        self.progress.setValue(min(1000, int(1000 * p.fraction)))
        text = tr("{done} van {total} weekplannen", done=p.weeks_done, total=p.weeks_total)
        if 0 < p.fraction < 1:
            # (a page rebuilt by a language switch during the run: the choices shown are the run's)
            runs = getattr(self, "_running", None) or self._runs()
            text += " · " + tr("nog ongeveer {t}", t=duration_text(remaining_seconds(runs, p.weeks_done, p.elapsed)))
        self.progress.setFormat(text)

    def _finished(self, result: object) -> None:
        if not isinstance(result, SimulationResult):
            self.progress.setFormat(tr("niet afgerond"))
            self.status.setText(tr("De simulatie is niet afgerond."))
            self._update_buttons()
            return
        s = result.settings
        elapsed = duration_text(float(s.get("elapsed_seconds", 0.0)))
        if result.interrupted:
            self.progress.setFormat(tr("gestopt na {t}", t=elapsed))
        else:
            self.progress.setValue(1000)
            self.progress.setFormat(tr("klaar na {t}", t=elapsed))
        if not result.summary.empty:
            self.views.setCurrentIndex(1)  # the results; the settings are one click away
        self._update_buttons()

    def _status_text(self, result: SimulationResult) -> str:
        s = result.settings
        n = len(s.get("policies", []))
        if result.interrupted:
            text = tr("Gestopt: {done} van {n:beleid|beleidsvormen} volledig gesimuleerd; de tabel toont wat klaar is.",
                      done=s.get("runs_finished", 0), n=n)
        else:
            text = tr("Klaar: {n:beleid|beleidsvormen}, {weeks} weken, gemiddeld {arrivals} aanmeldingen per week.",
                      n=n, weeks=s.get("weeks", 0), arrivals=number(float(s["arrivals"]["arrivals_per_week"]), 0))
        factor = float(s.get("capacity", {}).get("factor", 1.0))
        scenario = s.get("scenario")
        if scenario and scenario in SCENARIOS:
            label = dict((k, lab) for k, lab, _ in SCENARIO_CHOICES).get(SCENARIOS[scenario].capacity, scenario)
            text += " " + tr("Capaciteit: {name}{peak}.", name=tr(label),
                             peak=", " + tr("met eindejaarspiek") if SCENARIOS[scenario].peak else "")
        elif factor > 1.0:
            text += " " + tr("Docenten en lokalen zijn ×{f} vergroot, zodat ze bij dit aantal aanmeldingen passen.",
                             f=number(factor, 1))
        failed = s.get("runs_failed") or []
        if failed:
            text += " " + tr("Mislukt: {runs}", runs="; ".join(failed))
        return text

    # ---- results -------------------------------------------------------------------------------
    def refresh(self) -> None:
        result = self.controller.simulation
        self.model.set_result(result)
        m = self.model
        # policies under which nobody started have no misfit or travel: table only
        self._chart_rows = [i for i in range(m.rowCount())
                            if not any(_missing(m.value(i, k)) for k in ("wait_mean", "misfit_mean", "travel_mean"))]
        self.chart.set_points([ScatterPoint(self._chart_label(i, result), m.value(i, "wait_mean"),
                                            m.value(i, "misfit_mean"), m.value(i, "travel_mean"))
                               for i in self._chart_rows])
        self.chart.set_empty_text(
            tr("Nog geen simulatie. Kies het beleid en klik op ‘Simuleren’.") if result is None else
            tr("In de gesimuleerde weken is nog niemand aan een klas begonnen; kies meer weken."))
        self.table.resizeColumnsToContents()
        self._show_statistics(result)
        self.status.setText(self._status_text(result) if result is not None else "")
        if result is None and not self.controller.simulator.is_running():
            self.progress.setValue(0)
            self.progress.setFormat(tr("nog niet gestart"))
        self._update_buttons()

    def _chart_label(self, row: int, result: SimulationResult | None) -> str:
        """A policy's name in the chart, with the weeks it got when stopped early (2 weeks of one
        beside 20 of the others sat far left of them, as if it let people wait least)."""
        label = policy_label(self.model.policies()[row])
        done = self.model.value(row, "weeks_done")
        weeks = int((result.settings if result is not None else {}).get("weeks", 0) or 0)
        if not _missing(done) and weeks > 0 and int(done) < weeks:
            label = tr("{policy} ({done} van {n:week|weken})", policy=label, done=int(done), n=weeks)
        return label

    def _show_statistics(self, result: SimulationResult | None) -> None:
        """The paired differences in words and the chart of waits per learner group."""
        self.stats_text.setText(paired_text(result) if result is not None else "")
        self.groups_chart.clear()
        self.views.setTabEnabled(2, bool(self.stats_text.text()))
        fig = self.groups_figure(getattr(result, "groups", None))
        if fig is None:
            return
        import io

        from PySide6.QtGui import QPixmap

        # drawn at the screen's pixels (at 125% a picture of 80 dpi was blown up and blurred)
        ratio = self.devicePixelRatioF()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80 * ratio)
        pixmap = QPixmap()
        pixmap.loadFromData(buf.getvalue(), "PNG")
        pixmap.setDevicePixelRatio(ratio)
        self.groups_chart.setPixmap(pixmap)

    def groups_figure(self, groups: Any) -> Any:
        """The chart of waits per learner group in the window's language, the policies named as
        in the table (it was Dutch in the English window and named them 'snelle-start')."""
        if groups is None or groups.empty:
            return None
        names = {spec: policy_label(spec) for spec in dict.fromkeys(groups["policy"])}
        for row, spec in enumerate(self.model.policies()):  # as in the chart: a policy stopped early says so
            names[spec] = self._chart_label(row, self.controller.simulation)
        return groups_figure(groups, lang_arg(), names)

    def _point_clicked(self, index: int) -> None:
        if 0 <= index < len(self._chart_rows):
            self.table.selectRow(self._chart_rows[index])

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else -1
        self.chart.set_selected(self._chart_rows.index(row) if row in self._chart_rows else -1)

    # ---- saving --------------------------------------------------------------------------------
    def ask_folder(self) -> str:
        """The folder to save into, '' when cancelled (tests replace this)."""
        folder = QFileDialog.getExistingDirectory(self, tr("Map voor de simulatie kiezen"), str(prefs.last_folder()))
        if folder:
            prefs.remember_folder(folder)
        return folder

    def ask_overwrite(self, folder: Path) -> bool:
        """Whether to save into a folder that is not empty (tests replace this)."""
        answer = QMessageBox.question(
            self, tr("Map is niet leeg"),
            tr("De map {name} is niet leeg. Bestanden met dezelfde naam (zoals summary.csv) worden overschreven. "
               "Toch in deze map opslaan?", name=folder.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save_dialog(self) -> bool:
        """Ask for a folder (and, if it is not empty, whether to write into it), then save."""
        if self.controller.simulation is None:
            return False
        chosen = self.ask_folder()
        if not chosen:
            return False
        folder = Path(chosen)
        if folder.is_dir() and any(folder.iterdir()) and not self.ask_overwrite(folder):
            return False
        return self.controller.save_simulation(folder)

    def _saved(self, folder: str, error: str) -> None:
        result = self.controller.simulation
        if not error and result is not None:
            self.status.setText(self._status_text(result) + " " + tr("Opgeslagen in {path}.", path=folder))
        self._update_buttons()

"""The result of planning: classes, every learner's place or waiting reason, key figures.

A :class:`Plan` is a checked, immutable value. ``summary()`` gives the same human text the
CLI prints, the log records and the GUI status panel shows. ``to_frames()`` converts it to
pandas DataFrames for analysts (pandas is imported only then).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .fielddoc import with_field_docs
from .messages import Catalogue, Message, plural, status_words

if TYPE_CHECKING:
    import pandas as pd

    from .domain import Problem

BLOCKING_DIAGNOSES = frozenset({"diag_no_teachers", "diag_no_rooms"})
"""Diagnoses under which no new class can open at all: a plan with one only fills running
classes, so it is no plan for these settings (:attr:`Plan.blocked`; the CLI exits 3)."""

OBJECTIVE_TERMS: tuple[str, ...] = ("wait", "misfit", "travel", "daypart", "language", "move", "new_class")
TERM_LABELS = Catalogue({
    "wait": ("wachttijd", "waiting"),
    "misfit": ("niveauverschil", "level gap"),
    "travel": ("reistijd", "travel"),
    "daypart": ("dagdeelvoorkeur", "daypart preference"),
    "language": ("taalvoorkeur", "language preference"),
    "move": ("verplaatsingen", "moves"),
    "new_class": ("nieuwe klassen", "new classes"),
})
"""The objective's terms in words, Dutch and English."""
TERM_LABELS_NL = TERM_LABELS.table("nl")


@with_field_docs
@dataclass(frozen=True)
class PlannedClass:
    """One class in the plan: a new class, or a running class that takes newcomers."""

    id: str
    route: str
    location: str
    schedule: str
    start_week: int
    start_date: date
    level: int
    members: tuple[str, ...]
    language: str | None = None
    group: str | None = None
    running: bool = False
    """True for a running class (lopende klas); ``members`` are then only the newcomers."""
    locked: bool = False

    @property
    def size(self) -> int:
        return len(self.members)


@with_field_docs
@dataclass(frozen=True)
class Assignment:
    """Where one learner goes: a class and start, or the waiting list with a reason."""

    learner_id: str
    class_id: str | None
    start_week: int | None
    start_date: date | None
    wait_weeks: int
    """Weeks from waiting_since to the start (or to the horizon's end plus the extra weeks)."""
    travel_minutes: int | None = None
    misfit: int | None = None
    reason: Message | None = None

    @property
    def placed(self) -> bool:
        return self.class_id is not None


@dataclass(frozen=True)
class Progress:
    """A progress report while solving."""

    objective: float
    bound: float
    elapsed: float
    solutions: int

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)


def _nl(value: float, decimals: int) -> str:
    """A number the Dutch way, for the Dutch summary: a decimal comma and a dot between the
    thousands (``70.547``, ``1.234,5``)."""
    return f"{value:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def bound_proves(objective: float, bound: float) -> bool:
    """Does ``bound`` prove ``objective`` optimal? Objectives are whole points, so a bound above
    ``objective - 1`` does (a float bound of 984.9999 proves 985)."""
    return math.ceil(bound - 1e-6) >= objective


def proven_status(status: str, objective: float, bound: float) -> str:
    """'OPTIMAL' for a feasible plan whose bound proves it, else ``status`` unchanged."""
    if status in ("FEASIBLE", "HEURISTIC") and bound_proves(objective, bound):
        return "OPTIMAL"
    return status


def relative_gap(objective: float, bound: float) -> float:
    if objective == 0:
        return 0.0 if bound == 0 else float("inf")
    return max(0.0, (objective - bound) / abs(objective))


@with_field_docs
@dataclass(frozen=True)
class Plan:
    """A solved plan. ``objective`` equals the sum of ``terms``; the validator re-checks both."""

    classes: tuple[PlannedClass, ...]
    assignments: dict[str, Assignment]
    objective: int
    terms: dict[str, int]
    bound: float
    status: str
    """'OPTIMAL', 'FEASIBLE' (time limit or stop), 'INFEASIBLE', 'NO_SOLUTION' or 'HEURISTIC'."""
    runtime: float
    figures: dict[str, Any] = field(default_factory=dict)
    diagnosis: tuple[Message, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status in ("OPTIMAL", "FEASIBLE", "HEURISTIC"):
            if sum(self.terms.values()) != self.objective:
                raise ValueError("objective differs from the sum of its terms")
            ids = [c.id for c in self.classes]
            if len(set(ids)) != len(ids):
                raise ValueError("class ids are not unique")

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)

    def is_feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE", "HEURISTIC")

    @property
    def class_by_id(self) -> dict[str, PlannedClass]:
        return {c.id: c for c in self.classes}

    @property
    def blocked(self) -> Message | None:
        """The diagnosis that keeps every new class from opening (:data:`BLOCKING_DIAGNOSES`),
        or None. The plan may still be optimal for these settings, but it is no real plan."""
        return next((m for m in self.diagnosis if m.key in BLOCKING_DIAGNOSES), None)

    def waiting(self) -> list[Assignment]:
        return [a for a in self.assignments.values() if not a.placed]

    def summary(self, lang: str | None = None) -> str:
        """A short human summary (Dutch by default), shared by CLI, log and GUI."""
        f = self.figures
        en = lang == "en"
        if not self.is_feasible():
            head = "No plan" if en else "Geen plan"
            lines = [f"{head} ({status_words(self.status, 'en' if en else 'nl')})"]
            lines += [f"- {m.text(lang)}" for m in self.diagnosis]
            return "\n".join(lines)
        gap = f"{100 * self.gap:.1f}%"
        blocked = self.blocked
        status_note = ""
        if blocked is not None:  # best within settings that allow no new class: say so first
            status_note = " only within these settings" if en else " alleen binnen deze instellingen"
        if en:
            lines = [
                f"Plan: {f.get('placed', 0)} of {plural(f.get('learners', 0), 'learner', 'learners')} placed in "
                f"{plural(f.get('classes_opened', 0), 'new class', 'new classes')} "
                f"(+{f.get('running_joined', 0)} into running classes); "
                f"{f.get('waiting', 0)} waiting.",
                f"Waiting weeks: mean {f.get('wait_mean', 0):.1f}, median {f.get('wait_median', 0):.1f}, "
                f"P90 {f.get('wait_p90', 0):.1f}, max {f.get('wait_max', 0)}; "
                f"{100 * f.get('within_target', 0):.0f}% start within {plural(f.get('target_weeks', 0), 'week', 'weeks')}.",
                f"Fit: mean misfit {f.get('misfit_mean', 0):.1f}, mean class spread {f.get('spread_mean', 0):.1f}; "
                f"travel mean {f.get('travel_mean', 0):.0f} min, max {f.get('travel_max', 0)} min; "
                f"mean fill {100 * f.get('fill_mean', 0):.0f}%; teacher-dayparts {f.get('teacher_dayparts', 0)}.",
                f"Objective {self.objective:,} (bound {self.bound:,.0f}, gap {gap}); "
                f"{status_words(self.status, 'en')}{status_note} in {self.runtime:,.1f} s.",
            ]
        else:
            lines = [
                f"Plan: {f.get('placed', 0)} van {plural(f.get('learners', 0), 'deelnemer', 'deelnemers')} geplaatst in "
                f"{plural(f.get('classes_opened', 0), 'nieuwe klas', 'nieuwe klassen')} "
                f"(+{f.get('running_joined', 0)} in lopende klassen); "
                f"{f.get('waiting', 0)} wachtend.",
                f"Wachtweken: gemiddeld {_nl(f.get('wait_mean', 0), 1)}, mediaan {_nl(f.get('wait_median', 0), 1)}, "
                f"90% wacht hooguit {_nl(f.get('wait_p90', 0), 1)}, max {f.get('wait_max', 0)}; "
                f"{_nl(100 * f.get('within_target', 0), 0)}% start binnen {plural(f.get('target_weeks', 0), 'week', 'weken')}.",
                f"Passing: gem. niveauverschil {_nl(f.get('misfit_mean', 0), 1)}, gem. spreiding per klas "
                f"{_nl(f.get('spread_mean', 0), 1)}; reistijd gem. {_nl(f.get('travel_mean', 0), 0)} min, max "
                f"{f.get('travel_max', 0)} min; gem. bezetting {_nl(100 * f.get('fill_mean', 0), 0)}%; "
                f"docent-dagdelen {f.get('teacher_dayparts', 0)}.",
                f"Doelfunctie {_nl(self.objective, 0)} (ondergrens {_nl(self.bound, 0)}, "
                f"verschil met ondergrens {_nl(100 * self.gap, 1)}%); "
                f"{status_words(self.status, 'nl')}{status_note} in {_nl(self.runtime, 1)} s.",
            ]
        if blocked is not None:
            head = "Note:" if en else "Let op:"
            lines.insert(0, f"{head} {blocked.text(lang)}")
        lines += [f"- {m.text(lang)}" for m in self.diagnosis if m is not blocked]
        return "\n".join(lines)

    def to_frames(self, problem: Problem | None = None) -> dict[str, pd.DataFrame]:
        """DataFrames ``classes``, ``learners``, ``figures`` and ``terms``:

        - ``classes``, one row per class: class_id, route, location, schedule, start_week (0 = the
          plan date's week), start_date (pandas datetime, so ``.dt`` works), level (leerbaarheid
          0-100), size, language, group, running (a class that already runs), locked, members
          (ids, comma-separated).
        - ``learners``, one row per learner: learner_id, class_id (missing for a learner left
          waiting: ``class_id.isna()`` selects them, ``== None`` does not), start_week (NaN when
          waiting), start_date (pandas datetime; NaT for a learner left waiting), wait_weeks (weeks from
          *wacht sinds* to the start; for a learner left waiting the weeks to the end of the
          planning period plus the settings' extra weeks, as the objective counts them),
          travel_minutes (one way), misfit (level points between
          the learner and the class), waiting_reason (text, current language); with ``problem``
          also route, level and home (district or PC4).
        - ``figures``: figure, value (the key figures, :attr:`figures`).
        - ``terms``: term, points (the objective per term, :attr:`terms`).

        Every plan gives the same columns with the same dtypes, also a plan without classes or
        learners (an empty frame still has its columns): ids and texts as pandas' text dtype,
        start_week, travel_minutes and misfit of ``learners`` as floats (NaN when waiting),
        start_date as datetime64, wait_weeks, level and size as ints, running and locked as bools."""
        import pandas as pd

        text = "str" if int(pd.__version__.split(".")[0]) >= 3 else object  # pandas' own text dtype
        class_columns = {"class_id": text, "route": text, "location": text, "schedule": text, "start_week": "int64",
                         "start_date": "datetime64[s]", "level": "int64", "size": "int64", "language": text,
                         "group": text, "running": "bool", "locked": "bool", "members": text}
        classes = _frame(
            [
                {
                    "class_id": c.id,
                    "route": c.route,
                    "location": c.location,
                    "schedule": c.schedule,
                    "start_week": c.start_week,
                    "start_date": c.start_date,
                    "level": c.level,
                    "size": c.size,
                    "language": c.language,
                    "group": c.group,
                    "running": c.running,
                    "locked": c.locked,
                    "members": ", ".join(c.members),
                }
                for c in self.classes
            ],
            class_columns,
        )
        learner_columns = {"learner_id": text, "class_id": text, "start_week": "float64", "start_date": "datetime64[s]",
                           "wait_weeks": "int64", "travel_minutes": "float64", "misfit": "float64",
                           "waiting_reason": text}
        if problem is not None:
            learner_columns.update(route=text, level="int64", home=text)
        rows = []
        for a in self.assignments.values():
            row: dict[str, Any] = {
                "learner_id": a.learner_id,
                "class_id": a.class_id,
                "start_week": a.start_week,
                "start_date": a.start_date,
                "wait_weeks": a.wait_weeks,
                "travel_minutes": a.travel_minutes,
                "misfit": a.misfit,
                "waiting_reason": a.reason.text() if a.reason else None,
            }
            if problem is not None:
                lr = problem.learner_by_id[a.learner_id]
                row.update(route=lr.route, level=lr.level, home=lr.home)
            rows.append(row)
        learners = _frame(rows, learner_columns)
        figures = _frame([{"figure": k, "value": v} for k, v in self.figures.items()], {"figure": text, "value": "float64"})
        terms = _frame([{"term": k, "points": v} for k, v in self.terms.items()], {"term": text, "points": "int64"})
        return {"classes": classes, "learners": learners, "figures": figures, "terms": terms}


def _frame(rows: list[dict[str, Any]], columns: dict[str, Any]) -> pd.DataFrame:
    """``rows`` as a DataFrame with exactly ``columns`` (name -> dtype), whatever the rows hold:
    no rows still gives the columns, a column of only missing values keeps its dtype (a plan
    where everyone waits: class_id text, start_week float), dates are datetime64 (``.dt``)."""
    import pandas as pd

    data = {}
    for name, dtype in columns.items():
        values = [row[name] for row in rows]
        if str(dtype).startswith("datetime64"):
            data[name] = pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype=dtype)
        elif dtype in ("float64", "int64", "bool"):
            data[name] = pd.Series([float("nan") if v is None else v for v in values], dtype=dtype)
        else:
            data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns))


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list, to 9 decimals (38 waits, 16
    and 17 weeks at 0.3 between, gave 16.299999999999997, which a workbook's cell kept as it is)."""
    s = sorted(values)
    if not s:
        return 0.0
    pos = (len(s) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return round(s[lo] + (s[hi] - s[lo]) * (pos - lo), 9)


def key_figures(problem: Problem, classes: tuple[PlannedClass, ...], assignments: dict[str, Assignment]) -> dict[str, Any]:
    """Kerncijfers (PRODUCT.md "What a plan says"), computed from the plan alone."""
    placed = [a for a in assignments.values() if a.placed]
    waits = [float(a.wait_weeks) for a in assignments.values()]
    placed_waits = [float(a.wait_weeks) for a in placed]
    new = [c for c in classes if not c.running]
    routes = problem.route_by_name
    levels = {lr.id: lr.level for lr in problem.learners}
    spreads = []
    fills = []
    for c in new:
        lv = [levels[m] for m in c.members]
        if lv:
            spreads.append(max(lv) - min(lv))
        r = routes.get(c.route)
        if r:
            fills.append(len(c.members) / r.max_size)
    travel = [a.travel_minutes for a in placed if a.travel_minutes is not None]
    misfits = [a.misfit for a in placed if a.misfit is not None]
    sched = problem.schedule_by_name
    teacher_dayparts = sum(len(sched[c.schedule].dayparts) for c in new if c.schedule in sched)
    n = len(assignments)
    return {
        "learners": n,
        "placed": len(placed),
        "waiting": n - len(placed),
        "running_joined": sum(c.size for c in classes if c.running),
        "wait_mean": statistics.fmean(waits) if waits else 0.0,
        "wait_median": statistics.median(waits) if waits else 0.0,
        "wait_p90": percentile(waits, 90),
        "wait_max": int(max(waits)) if waits else 0,
        "placed_wait_mean": statistics.fmean(placed_waits) if placed_waits else 0.0,
        "target_weeks": problem.target_weeks,
        "within_target": (
            sum(1 for a in placed if a.wait_weeks <= problem.target_weeks) / n if n else 0.0
        ),
        "misfit_mean": statistics.fmean(misfits) if misfits else 0.0,
        "spread_mean": statistics.fmean(spreads) if spreads else 0.0,
        "travel_mean": statistics.fmean(travel) if travel else 0.0,
        "travel_max": max(travel) if travel else 0,
        "classes_opened": len(new),
        "fill_mean": statistics.fmean(fills) if fills else 0.0,
        "teacher_dayparts": teacher_dayparts,
    }


class PlanFigures:
    """A plan's key figures as properties, for the points of a trade-off or a frontier (which
    hold their plan as ``plan``)."""

    plan: Plan

    @property
    def mean_wait(self) -> float:
        return float(self.plan.figures.get("wait_mean", 0.0))

    @property
    def mean_misfit(self) -> float:
        return float(self.plan.figures.get("misfit_mean", 0.0))

    @property
    def mean_travel(self) -> float:
        return float(self.plan.figures.get("travel_mean", 0.0))

    @property
    def placed(self) -> int:
        return int(self.plan.figures.get("placed", 0))

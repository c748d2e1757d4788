"""The tables of a simulation: one summary row per run, the result object, its files.
Split from :mod:`app.simulation.sweep`."""

from __future__ import annotations

import hashlib
import json
import math
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from app.safefile import atomic_write
from app.simulation.engine import RunResult
from optimizer.domain import Problem

SUMMARY_COLUMNS = [
    "policy", "seed", "complete", "weeks_done", "learners", "placed", "still_waiting",
    "wait_mean", "wait_median", "wait_p90", "wait_max", "placed_wait_mean", "within_target",
    "target_weeks", "misfit_mean", "spread_mean", "travel_mean", "travel_max", "classes_opened",
    "running_joins", "fill_mean", "teacher_dayparts", "teacher_daypart_weeks",
    "teacher_utilisation", "postponements", "postponed_share", "solve_seconds", "runtime_seconds",
    "violations", "error",
]
"""Columns of :attr:`SimulationResult.summary` (see :func:`run_summary` for their meaning)."""

def run_summary(res: RunResult, target_weeks: int) -> dict[str, Any]:
    """Outcome figures of one run.

    Learners: everyone who could start within the simulated weeks. Waits are weeks from
    ``wacht sinds`` to the class start; for learners still waiting at the end, the weeks
    waited so far (a lower bound). ``within_target``: among learners whose target date
    (``wacht sinds`` + ``target_weeks``) fell inside the simulated weeks, the share that
    started within the target. A run that failed (``error``) has NaN for every figure.
    Misfit, travel (and ``placed_wait_mean``): means over placed learners, NaN when nobody was
    placed (undefined, never 0.0: a 0.0 would read as a perfect fit and no travel, and a paired
    difference against it as a gain). Spread, fill: classes opened
    in the simulation as they ran (with later joiners). ``teacher_dayparts``: schedule
    dayparts of the opened classes (as in the plan's key figures); ``teacher_daypart_weeks``
    and ``teacher_utilisation``: teacher-dayparts in use, summed over the weeks, and as a share
    of the teachers available. ``postponements``: times a learner's planned class start moved to
    a later week (or the planned class was dropped) from one weekly plan to the next;
    ``postponed_share``: the share of learners that happened to at least once.
    """
    if res.error:  # a failed run has no figures: NaN (in no mean), never 0.0
        failed: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS, float("nan"))
        failed.update(policy=res.policy, seed=res.seed, complete=False, weeks_done=res.weeks_done,
                      target_weeks=target_weeks, error=res.error)
        return failed
    people = [r for r in res.learners if r["outcome"] in ("placed", "waiting")]
    placed = [r for r in people if r["outcome"] == "placed"]
    waits = [float(r["wait_weeks"]) for r in people]
    cohort = [r for r in people if r["waiting_since_week"] + target_weeks < res.weeks_done]
    classes = res.classes
    travel = [r["travel_minutes"] for r in placed if r["travel_minutes"] is not None]
    misfit = [r["misfit"] for r in placed if r["misfit"] is not None]
    in_use = sum(w["teacher_dayparts_in_use"] for w in res.weekly)
    available = sum(w["teacher_dayparts_available"] for w in res.weekly)
    s = pd.Series(waits, dtype=float)
    nan = float("nan")  # a mean over placed learners when nobody was placed
    return {
        "policy": res.policy, "seed": res.seed, "complete": res.complete, "weeks_done": res.weeks_done,
        "learners": len(people), "placed": len(placed), "still_waiting": len(people) - len(placed),
        "wait_mean": float(s.mean()) if waits else 0.0,
        "wait_median": float(s.median()) if waits else 0.0,
        "wait_p90": float(s.quantile(0.9)) if waits else 0.0,
        "wait_max": float(s.max()) if waits else 0.0,
        "placed_wait_mean": statistics.fmean(float(r["wait_weeks"]) for r in placed) if placed else nan,
        "within_target": (sum(1 for r in cohort if r["outcome"] == "placed" and r["wait_weeks"] <= target_weeks)
                          / len(cohort)) if cohort else float("nan"),
        "target_weeks": target_weeks,
        "misfit_mean": statistics.fmean(misfit) if misfit else nan,
        "spread_mean": statistics.fmean(c["spread"] for c in classes) if classes else 0.0,
        "travel_mean": statistics.fmean(travel) if travel else nan,
        "travel_max": max(travel) if travel else nan,
        "classes_opened": len(classes),
        "running_joins": sum(1 for r in placed if r["via"] == "running"),
        "fill_mean": statistics.fmean(c["fill"] for c in classes) if classes else 0.0,
        "teacher_dayparts": sum(c["dayparts"] for c in classes),
        "teacher_daypart_weeks": in_use,
        "teacher_utilisation": in_use / available if available else 0.0,
        "postponements": sum(w.get("postponed", 0) for w in res.weekly),
        "postponed_share": (sum(1 for r in people if r.get("postponed", 0)) / len(people)) if people else 0.0,
        "solve_seconds": sum(w["solve_seconds"] for w in res.weekly),
        "runtime_seconds": res.runtime,
        "violations": len(res.violations),
        "error": res.error,
    }


@dataclass
class SimulationResult:
    """Tables of a simulation; ``save(dir)`` writes them with settings.json and PNG charts.

    ``summary``: one row per policy x seed (``seed`` an int) and one per policy with the mean
    over its complete runs (``seed == "all"``; ``runs`` says how many; a policy whose runs all
    failed has NaN there, never 0.0). ``weekly``: one row per policy, seed and week.
    ``learners`` and ``classes``: every learner's outcome and every published class.
    """

    summary: pd.DataFrame
    weekly: pd.DataFrame
    learners: pd.DataFrame
    classes: pd.DataFrame
    settings: dict[str, Any]
    runs: list[RunResult] = field(default_factory=list, repr=False)
    paired: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Paired differences against the status quo with 95% intervals (:mod:`app.simulation.statistics`)."""
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Wait distribution per policy and learner group (status, route, stadsdeel)."""

    @property
    def interrupted(self) -> bool:
        return bool(self.settings.get("interrupted"))

    @property
    def per_policy(self) -> pd.DataFrame:
        """The aggregated rows of ``summary`` (mean over seeds), indexed by policy."""
        agg = self.summary[self.summary["seed"].astype(str) == "all"]
        return agg.set_index("policy")

    def violations(self) -> list[str]:
        return [f"{r.policy} seed {r.seed}: {v}" for r in self.runs for v in r.violations]

    def save(self, directory: str | Path, charts: bool = True) -> list[Path]:
        """Write summary.csv, weekly.csv, learners.csv, classes.csv, paired_differences.csv,
        waits_by_group.csv, settings.json and charts.

        The folder then holds this simulation's results only: an earlier simulation's result
        files there (:func:`earlier_results`) that this one does not write again are removed once
        all are written (seen from outside: a run of one policy into the folder of a run of two
        left the two-policy paired differences and chart beside the new tables). No other file is
        touched."""
        out = Path(directory)
        earlier = earlier_results(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in ("summary", "weekly", "learners", "classes"):
            # learners.csv has a row per learner: personal data, so files are 0600 (app.safefile)
            path = atomic_write(out / f"{name}.csv", getattr(self, name).to_csv(index=False).encode("utf-8"))
            written.append(path)
        for name, frame in (("paired_differences", getattr(self, "paired", None)),
                            ("waits_by_group", getattr(self, "groups", None))):
            if frame is not None and not frame.empty:
                written.append(atomic_write(out / f"{name}.csv", frame.to_csv(index=False).encode("utf-8")))
        data = json.dumps(self.settings, indent=2, ensure_ascii=False, default=str).encode("utf-8")
        written.append(atomic_write(out / "settings.json", data))
        if charts and not self.summary.empty:
            from app.simulation.charts import save_charts

            written.extend(save_charts(self, out))
        names = {p.name for p in written}
        for name in earlier:
            if name not in names:
                (out / name).unlink(missing_ok=True)
        return written

    def paired_table(self, metrics: Sequence[str] = ("wait_mean", "misfit_mean"),
                     render: Callable[[pd.DataFrame], str] | None = None, decimal: str = ".") -> str:
        """Paired differences against the status quo with 95% intervals, as aligned text
        (``render``: the frame to text, e.g. with headers in another language; ``decimal``:
        ``","`` writes the interval and the relative difference with decimal commas, the
        interval's bounds then apart by ``;``)."""
        paired = getattr(self, "paired", None)
        if paired is None or paired.empty:
            return ""
        d = paired[paired["metric"].isin(list(metrics))].copy()
        sep = "; " if decimal == "," else ", "

        def num(text: str) -> str:
            return text.replace(".", decimal)

        # "-" where no seed gave both figures (e.g. a mean over placed learners when nobody was placed)
        d["diff (95%)"] = ["-" if math.isnan(m) else num(f"{m:+.2f} [{lo:+.2f}") + sep + num(f"{hi:+.2f}]")
                           if not math.isnan(lo) else num(f"{m:+.2f}")
                           for m, lo, hi in zip(d["diff_mean"], d["ci_low"], d["ci_high"], strict=True)]
        d["relative"] = ["-" if math.isnan(r) else num(f"{100 * r:.1f}%") for r in d["relative"].astype(float)]
        d = d[["policy", "metric", "n", "baseline_mean", "policy_mean", "diff (95%)", "relative",
               "significant"]].round(2)
        return render(d) if render else d.to_string(index=False, na_rep="-")

    def table(self, columns: Sequence[str] | None = None,
              render: Callable[[pd.DataFrame], str] | None = None) -> str:
        """The per-policy means as aligned text (what the CLI prints; ``render``: the frame, indexed
        by policy, to text). After a stop, a policy whose runs are not all complete is in it with
        the weeks its runs finished (``weeks_done``, first): its figures cover those weeks only."""
        cols = list(columns or ("wait_mean", "wait_p90", "wait_max", "within_target", "misfit_mean",
                                "spread_mean", "travel_mean", "classes_opened", "fill_mean",
                                "teacher_dayparts", "still_waiting"))
        if columns is None and "complete" in self.per_policy and not self.per_policy["complete"].all():
            cols.insert(0, "weeks_done")  # seen from outside: 3 weeks of one policy beside 8 of another, unmarked
        df = self.per_policy[cols].copy()
        for c in ("within_target", "fill_mean"):
            if c in df:
                df[c] = (100 * df[c]).round(0)
        return render(df.round(1)) if render else df.round(1).to_string()


RESULT_FILES = ("summary.csv", "weekly.csv", "learners.csv", "classes.csv", "paired_differences.csv",
                "waits_by_group.csv", "settings.json", "afweging_wacht_passing.png", "wachtrij_per_week.png",
                "kerncijfers_per_beleid.png", "verschil_met_status_quo.png", "wachttijd_per_groep.png")
"""Every file :meth:`SimulationResult.save` may write (the charts: :mod:`app.simulation.charts`)."""

_OWN_SETTINGS = ("weeks", "seeds", "policies")
"""Keys every settings.json of a simulation has."""


def earlier_results(directory: str | Path) -> list[str]:
    """The result files (:data:`RESULT_FILES`, sorted names) an earlier simulation left in
    ``directory``: those present when its settings.json is a simulation's; empty otherwise (no
    such folder, or a folder no simulation wrote, whose files are never removed)."""
    out = Path(directory)
    try:
        present = [name for name in RESULT_FILES if (out / name).is_file()] if out.is_dir() else []
    except OSError:
        return []
    return sorted(present) if present and _own_settings(out) else []


def _own_settings(directory: Path) -> bool:
    """Whether ``directory`` holds a settings.json that a simulation wrote."""
    try:
        settings = json.loads((directory / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(settings, dict) and all(key in settings for key in _OWN_SETTINGS)


def foreign_results(directory: str | Path) -> list[str]:
    """The files in ``directory`` that :meth:`SimulationResult.save` would overwrite although no
    simulation wrote them (sorted names); empty when it would overwrite nothing or the folder holds
    an earlier simulation's results (its settings.json). A folder that does not exist holds nothing."""
    out = Path(directory)
    try:
        present = [name for name in RESULT_FILES if (out / name).exists()] if out.is_dir() else []
    except OSError:
        return []
    if not present or _own_settings(out):
        return []
    return sorted(present)


def _frames(runs: Sequence[RunResult], target_weeks: int) -> tuple[pd.DataFrame, ...]:
    runs = sorted(runs, key=lambda r: r.index)
    rows = [run_summary(r, target_weeks) for r in runs]
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    agg_rows = []
    for policy in dict.fromkeys(r["policy"] for r in rows):
        mine = [r for r in rows if r["policy"] == policy]
        ok = [r for r in mine if not r["error"]]  # a failed run counts in no mean
        use = [r for r in ok if r["complete"]] or ok
        agg: dict[str, Any] = {"policy": policy, "seed": "all", "complete": all(r["complete"] for r in mine),
                               "weeks_done": min(r["weeks_done"] for r in mine)}
        for col in SUMMARY_COLUMNS[4:]:
            if col == "error":
                agg[col] = "; ".join(str(r["error"]) for r in mine if r["error"]) or None
                continue
            values = [r[col] for r in use if r[col] is not None and not (isinstance(r[col], float) and math.isnan(r[col]))]
            agg[col] = statistics.fmean(values) if values else float("nan")
        agg["runs"] = len(use)
        agg_rows.append(agg)
    if agg_rows:
        summary = pd.concat([summary.assign(runs=1), pd.DataFrame(agg_rows)], ignore_index=True)
        summary["seed"] = summary["seed"].astype(object)
    weekly = pd.DataFrame([{"policy": r.policy, "seed": r.seed, **w} for r in runs for w in r.weekly])
    learners = pd.DataFrame([row for r in runs for row in r.learners])
    classes = pd.DataFrame([row for r in runs for row in r.classes])
    return summary, weekly, learners, classes


# ---- settings ---------------------------------------------------------------------------------------------

def _canon(obj: Any) -> Any:
    """A JSON-able canonical form (sets sorted) for the base problem's fingerprint."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _canon(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (set, frozenset)):
        return sorted(_canon(x) for x in obj)
    if isinstance(obj, dict) or hasattr(obj, "items"):
        return {str(k): _canon(v) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    if isinstance(obj, (list, tuple)):
        return [_canon(x) for x in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def problem_fingerprint(problem: Problem) -> str:
    """SHA-256 of the problem's canonical form (the same input gives the same fingerprint)."""
    data = json.dumps(_canon(problem), sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()[:16]


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for mod in ("ortools", "pandas"):
        try:
            from importlib.metadata import version

            out[mod] = version(mod)
        except Exception:  # pragma: no cover - metadata missing
            out[mod] = "?"
    return out

"""Policy simulation: replay a year of arrivals with weekly re-planning (issue #6).

Puts numbers on the afwegingskader (Wi2021 Amsterdam L5969-5971): the same arrivals are
planned week by week by several policies (the status-quo rule, Klasvormer with each preset,
policies with a maximum wait or a maximum travel time), and the outcomes are compared.

    from app.simulation.sweep import simulate
    from app.synth import b1_provider
    result = simulate(b1_provider(), ["status-quo", "gebalanceerd", "homogeen"], weeks=52,
                      seeds=(1, 2, 3), arrivals_per_week=50, time_limit=2.0)
    print(result.summary)           # one row per policy x seed, plus the mean per policy
    result.save("out/simulatie")    # CSVs, settings.json and PNG charts

How it works: :mod:`app.simulation.arrivals` (who arrives when), :mod:`app.simulation.policies` (the
policies), :mod:`app.simulation.engine` (the weekly loop and what is published), this module
(capacity, parallel sweeps, tables, charts). Runs are independent: each (policy, seed) is a
separate single-process job, run in parallel on the local cores (``ProcessPoolExecutor``) or
on a dask.distributed cluster (``scheduler=``). Every policy sees the same arrivals for a
given seed. Results are reproducible from the seed and ``settings`` (stored with them); with
``deterministic=False`` the solver's wall-clock limit may make repeated runs differ slightly,
``deterministic=True`` repeats them exactly (same machine, same versions).

Capacity: a provider's teachers and rooms are often sized for far fewer learners than the
arrival rate asks (the bundled sample carries about 10 new learners a week). With
``capacity="auto"`` teachers and rooms are multiplied (never reduced) so that about
``AUTO_HEADROOM`` times the steady-state demand fits: demand = arrivals per week x route
duration / (75% of the route's max size) classes at once; supply = the most classes the
teachers and rooms can run at once (:func:`max_parallel_classes`). A number multiplies capacity by exactly that factor; ``replay`` mode and
``capacity=1`` keep the input as it is. The factor used is stored in ``settings``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import queue as queue_mod
import signal
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from app.safefile import atomic_write
from app.simulation.arrivals import MODES, ArrivalSettings
from app.simulation.engine import RunResult, RunTask, SimConfig, run_task
from app.simulation.policies import DEFAULT_POLICIES, parse_policy
from optimizer.domain import Location, Problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

AUTO_HEADROOM = 1.2
ASSUMED_FILL = 0.75

SUMMARY_COLUMNS = [
    "policy", "seed", "complete", "weeks_done", "learners", "placed", "still_waiting",
    "wait_mean", "wait_median", "wait_p90", "wait_max", "placed_wait_mean", "within_target",
    "target_weeks", "misfit_mean", "spread_mean", "travel_mean", "travel_max", "classes_opened",
    "running_joins", "fill_mean", "teacher_dayparts", "teacher_daypart_weeks",
    "teacher_utilisation", "solve_seconds", "runtime_seconds", "violations", "error",
]
"""Columns of :attr:`SimulationResult.summary` (see :func:`run_summary` for their meaning)."""


# ---- progress -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SimProgress:
    """Where a sweep stands; passed to the ``progress`` callback after every week and run."""

    runs_done: int
    runs_total: int
    weeks_done: int
    weeks_total: int
    elapsed: float
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.weeks_done / self.weeks_total if self.weeks_total else 1.0


class TextProgress:
    """A plain-text progress bar on stderr (the CLI's default)."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self._last = 0.0

    def __call__(self, p: SimProgress) -> None:
        now = time.monotonic()
        final = p.runs_done == p.runs_total or p.message
        if not final and now - self._last < 0.5:
            return
        self._last = now
        filled = int(self.width * p.fraction)
        bar = "#" * filled + "." * (self.width - filled)
        eta = ""
        if 0 < p.fraction < 1:
            eta = f", nog ~{_fmt_seconds(p.elapsed * (1 / p.fraction - 1))}"
        line = (f"\r[{bar}] {p.runs_done}/{p.runs_total} runs, week {p.weeks_done}/{p.weeks_total}, "
                f"{_fmt_seconds(p.elapsed)}{eta}")
        if p.message:
            line += f"  {p.message}"
        self.stream.write(line.ljust(100))
        if p.runs_done == p.runs_total:
            self.stream.write("\n")
        self.stream.flush()


def _fmt_seconds(s: float) -> str:
    s = int(s)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class _Tracker:
    """Counts weeks and runs from any thread and forwards them to the callback."""

    def __init__(self, tasks: Sequence[RunTask], callback: Callable[[SimProgress], None] | None) -> None:
        self.callback = callback
        self.weeks = {t.index: 0 for t in tasks}
        self.total_weeks = sum(t.config.weeks for t in tasks)
        self.runs_total = len(tasks)
        self.runs_done = 0
        self.t0 = time.perf_counter()
        self.lock = threading.Lock()

    def week(self, index: int, done: int) -> None:
        with self.lock:
            self.weeks[index] = max(self.weeks[index], done)
        self.emit()

    def run_done(self, res: RunResult) -> None:
        with self.lock:
            self.runs_done += 1
            self.weeks[res.index] = max(self.weeks[res.index], res.weeks_done)
        self.emit()

    def emit(self, message: str = "") -> None:
        if self.callback is None:
            return
        with self.lock:
            p = SimProgress(self.runs_done, self.runs_total, sum(self.weeks.values()), self.total_weeks,
                            time.perf_counter() - self.t0, message)
        try:
            self.callback(p)
        except Exception:  # a broken progress display must not stop the sweep
            log.exception("progress callback failed")


# ---- interruption ---------------------------------------------------------------------------------

@contextlib.contextmanager
def _graceful_interrupt(stop: Any, tracker: _Tracker) -> Iterator[None]:
    """First Ctrl-C: set ``stop`` (runs end after their current week and keep their results).
    A second Ctrl-C raises KeyboardInterrupt as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if stop.is_set():
            signal.signal(signal.SIGINT, previous if callable(previous) else signal.default_int_handler)
            raise KeyboardInterrupt
        stop.set()
        tracker.emit("gestopt: lopende runs ronden de week af (nogmaals Ctrl-C: direct stoppen)")

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# ---- executors -------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(progress_queue: Any, stop: Any) -> None:
    """Worker process setup: Ctrl-C is handled by the parent (which sets ``stop``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["queue"] = progress_queue
    _WORKER["stop"] = stop


def _worker_run(task: RunTask) -> RunResult:
    q = _WORKER.get("queue")
    stop = _WORKER.get("stop")

    def on_week(done: int, total: int) -> None:
        if q is not None:
            with contextlib.suppress(Exception):
                q.put_nowait((task.index, done))

    return run_task(task, on_week, stop.is_set if stop is not None else None)


def _result_or_error(fut: Any, task: RunTask) -> RunResult:
    """The run's result, or an empty failed run naming the error (a crashed worker must not
    lose the other runs' results)."""
    try:
        return fut.result()
    except Exception as exc:
        log.error("run %s seed %s failed: %s", task.policy, task.seed, exc)
        return RunResult(task.index, task.policy, task.seed, task.config.weeks,
                         error=f"{type(exc).__name__}: {exc}")


def _stop_check(stop: threading.Event, external: Callable[[], bool] | None) -> Callable[[], bool]:
    """``stop.is_set``, which also sets ``stop`` once the caller's ``external`` check says stop."""
    if external is None:
        return stop.is_set

    def check() -> bool:
        if not stop.is_set() and external():
            stop.set()
        return stop.is_set()

    return check


def _run_serial(tasks: Sequence[RunTask], tracker: _Tracker, stop: threading.Event,
                external: Callable[[], bool] | None = None) -> list[RunResult]:
    out: list[RunResult] = []
    should_stop = _stop_check(stop, external)
    with _graceful_interrupt(stop, tracker):
        try:
            for task in tasks:
                if should_stop():
                    break
                res = run_task(task, lambda d, _n, i=task.index: tracker.week(i, d), should_stop)
                out.append(res)
                tracker.run_done(res)
        except KeyboardInterrupt:
            log.warning("simulation interrupted; keeping %d finished runs", len(out))
            stop.set()
    return out


def _run_processes(tasks: Sequence[RunTask], workers: int, tracker: _Tracker, stop_flag: threading.Event,
                   external: Callable[[], bool] | None = None) -> list[RunResult]:
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    progress_q = ctx.Queue()
    stop = ctx.Event()
    out: list[RunResult] = []
    done_listening = threading.Event()

    def listen() -> None:
        while not done_listening.is_set():
            try:
                index, week = progress_q.get(timeout=0.2)
            except queue_mod.Empty:
                continue
            except (EOFError, OSError):
                return
            tracker.week(index, week)

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(progress_q, stop))
    futures: dict[Future, RunTask] = {}
    try:
        with _graceful_interrupt(stop, tracker):
            try:
                futures = {pool.submit(_worker_run, t): t for t in tasks}
                pending = set(futures)
                while pending:
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for fut in done:
                        if fut.cancelled():
                            continue
                        res = _result_or_error(fut, futures[fut])
                        out.append(res)
                        tracker.run_done(res)
                    if external is not None and not stop.is_set() and external():
                        stop.set()  # the workers poll it: started runs end after the week
                    if stop.is_set():
                        for fut in pending:
                            fut.cancel()  # not started yet: drop; started runs end after the week
            except KeyboardInterrupt:
                log.warning("simulation aborted; keeping %d finished runs", len(out))
                stop.set()
                for fut in futures:
                    fut.cancel()
                for fut in futures:
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        res = fut.result()
                        if all(r.index != res.index for r in out):
                            out.append(res)
    finally:
        if stop.is_set():
            stop_flag.set()
        pool.shutdown(wait=True, cancel_futures=True)
        done_listening.set()
        listener.join(timeout=2)
    return out


def _run_dask(tasks: Sequence[RunTask], scheduler: Any, tracker: _Tracker, stop_flag: threading.Event,
              external: Callable[[], bool] | None = None) -> list[RunResult]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("a scheduler address needs dask.distributed: pip install 'klasvormer[dask]'") from exc
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    out: list[RunResult] = []
    futures = []
    try:
        futures = [client.submit(run_task, t, pure=False) for t in tasks]
        by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
        try:
            for fut in as_completed(futures):
                res = _result_or_error(fut, by_key[fut.key])
                out.append(res)
                tracker.run_done(res)
                if external is not None and external():  # runs on the cluster are not stopped mid-run
                    stop_flag.set()
                    client.cancel([f for f in futures if not f.done()])
                    break
        except KeyboardInterrupt:
            log.warning("simulation interrupted; keeping %d finished runs", len(out))
            stop_flag.set()
            client.cancel([f for f in futures if not f.done()])
    finally:
        if own:
            client.close()
    return out


# ---- capacity ----------------------------------------------------------------------------------------

def max_parallel_classes(base: Problem) -> int:
    """The most classes that can run at the same time with the base's teachers and rooms.

    A tiny CP-SAT model: classes per (location, schedule) such that every weekday-daypart has
    at most its teachers and every location-daypart at most its rooms. Schedules that share a
    daypart (e.g. ma-wo-vr and di-do-vr both on Friday) compete, which a plain sum of teachers
    would miss.
    """
    from ortools.sat.python import cp_model

    used_routes = {lr.route for lr in base.learners} or {r.route for r in base.routes}
    scheds = {s.name: s for r in base.routes if r.route in used_routes for s in base.allowed_schedules(r)}
    m = cp_model.CpModel()
    x: dict[tuple[str, str], Any] = {}
    for loc in base.locations:
        for s in scheds.values():
            if all(loc.rooms_at(d) > 0 for d in s.dayparts):
                x[loc.name, s.name] = m.new_int_var(0, min(loc.rooms_at(d) for d in s.dayparts), "")
    if not x:
        return 0
    dayparts = {d for s in scheds.values() for d in s.dayparts}
    for d in dayparts:
        m.add(sum(v for (_, sn), v in x.items() if d in scheds[sn].dayparts) <= base.teachers.get(d, 0))
        for loc in base.locations:
            users = [v for (ln, sn), v in x.items() if ln == loc.name and d in scheds[sn].dayparts]
            if users:
                m.add(sum(users) <= loc.rooms_at(d))
    m.maximize(sum(x.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    return round(solver.objective_value)


def capacity_factor(base: Problem, arrivals: ArrivalSettings, capacity: float | str = "auto") -> float:
    """The factor teachers and rooms are multiplied by (see the module doc).

    ``auto``: demand = sum over routes of arrivals per week x route share (of the base's
    learners) x duration / (75% of max size) classes at once; supply =
    :func:`max_parallel_classes`; factor = ``AUTO_HEADROOM`` x demand / supply, at least 1.
    """
    if not isinstance(capacity, str):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        return float(capacity)
    if capacity != "auto":
        raise ValueError(f"capacity must be 'auto' or a number, not {capacity!r}")
    if arrivals.mode == "replay":
        return 1.0
    counts: dict[str, int] = {}
    for lr in base.learners:
        counts[lr.route] = counts.get(lr.route, 0) + 1
    routes = [r for r in base.routes if counts.get(r.route, 0) > 0] or list(base.routes)
    total = sum(counts.get(r.route, 0) for r in routes)
    demand = 0.0
    for r in routes:
        share = counts.get(r.route, 0) / total if total else 1 / len(routes)
        demand += arrivals.arrivals_per_week * share * r.duration_weeks / (ASSUMED_FILL * r.max_size)
    supply = max_parallel_classes(base)
    if supply <= 0:
        return 1.0
    return max(1.0, round(AUTO_HEADROOM * demand / supply, 2))


def scale_capacity(base: Problem, factor: float) -> Problem:
    """Teachers and rooms multiplied by ``factor`` (rounded up)."""
    if factor == 1.0:
        return base
    return replace(
        base,
        teachers={d: math.ceil(n * factor) for d, n in base.teachers.items()},
        locations=tuple(Location(loc.name, loc.home, {d: math.ceil(n * factor) for d, n in loc.rooms.items()})
                        for loc in base.locations),
    )


# ---- results ------------------------------------------------------------------------------------------

def run_summary(res: RunResult, target_weeks: int) -> dict[str, Any]:
    """Outcome figures of one run.

    Learners: everyone who could start within the simulated weeks. Waits are weeks from
    ``wacht sinds`` to the class start; for learners still waiting at the end, the weeks
    waited so far (a lower bound). ``within_target``: among learners whose target date
    (``wacht sinds`` + ``target_weeks``) fell inside the simulated weeks, the share that
    started within the target. Misfit, travel: placed learners. Spread, fill: classes opened
    in the simulation as they ran (with later joiners). ``teacher_dayparts``: schedule
    dayparts of the opened classes (as in the plan's key figures); ``teacher_daypart_weeks``
    and ``teacher_utilisation``: teacher-dayparts in use, summed over the weeks, and as a share
    of the teachers available.
    """
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
    return {
        "policy": res.policy, "seed": res.seed, "complete": res.complete, "weeks_done": res.weeks_done,
        "learners": len(people), "placed": len(placed), "still_waiting": len(people) - len(placed),
        "wait_mean": float(s.mean()) if waits else 0.0,
        "wait_median": float(s.median()) if waits else 0.0,
        "wait_p90": float(s.quantile(0.9)) if waits else 0.0,
        "wait_max": float(s.max()) if waits else 0.0,
        "placed_wait_mean": statistics.fmean(float(r["wait_weeks"]) for r in placed) if placed else 0.0,
        "within_target": (sum(1 for r in cohort if r["outcome"] == "placed" and r["wait_weeks"] <= target_weeks)
                          / len(cohort)) if cohort else float("nan"),
        "target_weeks": target_weeks,
        "misfit_mean": statistics.fmean(misfit) if misfit else 0.0,
        "spread_mean": statistics.fmean(c["spread"] for c in classes) if classes else 0.0,
        "travel_mean": statistics.fmean(travel) if travel else 0.0,
        "travel_max": max(travel) if travel else 0,
        "classes_opened": len(classes),
        "running_joins": sum(1 for r in placed if r["via"] == "running"),
        "fill_mean": statistics.fmean(c["fill"] for c in classes) if classes else 0.0,
        "teacher_dayparts": sum(c["dayparts"] for c in classes),
        "teacher_daypart_weeks": in_use,
        "teacher_utilisation": in_use / available if available else 0.0,
        "solve_seconds": sum(w["solve_seconds"] for w in res.weekly),
        "runtime_seconds": res.runtime,
        "violations": len(res.violations),
        "error": res.error,
    }


@dataclass
class SimulationResult:
    """Tables of a simulation; ``save(dir)`` writes them with settings.json and PNG charts.

    ``summary``: one row per policy x seed (``seed`` an int) and one per policy with the mean
    over its complete runs (``seed == "all"``). ``weekly``: one row per policy, seed and week.
    ``learners`` and ``classes``: every learner's outcome and every published class.
    """

    summary: pd.DataFrame
    weekly: pd.DataFrame
    learners: pd.DataFrame
    classes: pd.DataFrame
    settings: dict[str, Any]
    runs: list[RunResult] = field(default_factory=list, repr=False)

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
        """Write summary.csv, weekly.csv, learners.csv, classes.csv, settings.json and charts."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in ("summary", "weekly", "learners", "classes"):
            # learners.csv has a row per learner: personal data, so files are 0600 (app.safefile)
            path = atomic_write(out / f"{name}.csv", getattr(self, name).to_csv(index=False).encode("utf-8"))
            written.append(path)
        data = json.dumps(self.settings, indent=2, ensure_ascii=False, default=str).encode("utf-8")
        written.append(atomic_write(out / "settings.json", data))
        if charts and not self.summary.empty:
            written.extend(save_charts(self, out))
        return written

    def table(self, columns: Sequence[str] | None = None) -> str:
        """The per-policy means as aligned text (what the CLI prints)."""
        cols = list(columns or ("wait_mean", "wait_p90", "wait_max", "within_target", "misfit_mean",
                                "spread_mean", "travel_mean", "classes_opened", "fill_mean",
                                "teacher_dayparts", "still_waiting"))
        df = self.per_policy[cols].copy()
        for c in ("within_target", "fill_mean"):
            if c in df:
                df[c] = (100 * df[c]).round(0)
        return df.round(1).to_string()


def _frames(runs: Sequence[RunResult], target_weeks: int) -> tuple[pd.DataFrame, ...]:
    runs = sorted(runs, key=lambda r: r.index)
    rows = [run_summary(r, target_weeks) for r in runs]
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    agg_rows = []
    for policy in dict.fromkeys(r["policy"] for r in rows):
        mine = [r for r in rows if r["policy"] == policy]
        use = [r for r in mine if r["complete"]] or mine
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


# ---- charts ---------------------------------------------------------------------------------------------

def _figure(width: float = 8, height: float = 5) -> Figure:
    """A figure that renders with Agg, without pyplot (so no global backend is switched)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def save_charts(result: SimulationResult, directory: str | Path) -> list[Path]:
    """PNG charts for a report: the wait-fit trade-off, the queue per week, key figures."""
    out = Path(directory)
    paths = []
    per_run = result.summary[result.summary["seed"].astype(str) != "all"]
    per_policy = result.per_policy
    policies = list(per_policy.index)

    fig = _figure(7, 5)
    ax = fig.add_subplot()
    for i, pol in enumerate(policies):
        color = f"C{i % 10}"
        runs = per_run[per_run["policy"] == pol]
        ax.scatter(runs["wait_mean"], runs["misfit_mean"], color=color, alpha=0.35, s=18)
        row = per_policy.loc[pol]
        ax.scatter([row["wait_mean"]], [row["misfit_mean"]], color=color, s=70, label=pol, edgecolor="black")
    ax.set_xlabel("gemiddelde wachttijd (weken)")
    ax.set_ylabel("gemiddeld niveauverschil (leerbaarheidspunten)")
    ax.set_title("Afweging: wachttijd tegenover passende groep")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    paths.append(out / "afweging_wacht_passing.png")
    fig.savefig(paths[-1])

    if not result.weekly.empty:
        fig = _figure(9, 5)
        ax1, ax2 = fig.subplots(2, 1, sharex=True)
        mean = result.weekly.groupby(["policy", "week"], sort=False)[
            ["queue_after", "teacher_dayparts_in_use"]].mean().reset_index()
        for i, pol in enumerate(policies):
            d = mean[mean["policy"] == pol]
            ax1.plot(d["week"], d["queue_after"], color=f"C{i % 10}", label=pol)
            ax2.plot(d["week"], d["teacher_dayparts_in_use"], color=f"C{i % 10}", label=pol)
        ax1.set_ylabel("wachtend (beschikbaar)")
        ax1.set_title("Wachtrij en docentinzet per week (gemiddelde over seeds)")
        ax2.set_ylabel("docent-dagdelen in gebruik")
        ax2.set_xlabel("week")
        for ax in (ax1, ax2):
            ax.grid(alpha=0.3)
        ax1.legend(fontsize=8, ncol=2)
        paths.append(out / "wachtrij_per_week.png")
        fig.savefig(paths[-1])

    metrics = [("wait_mean", "wachttijd gem. (wk)"), ("wait_p90", "wachttijd P90 (wk)"),
               ("within_target", "binnen streeftermijn (aandeel)"), ("misfit_mean", "niveauverschil gem."),
               ("spread_mean", "spreiding per klas"), ("travel_mean", "reistijd gem. (min)"),
               ("classes_opened", "klassen geopend"), ("fill_mean", "bezetting (aandeel)"),
               ("teacher_dayparts", "docent-dagdelen")]
    fig = _figure(11, 8)
    axes = fig.subplots(3, 3)
    for ax, (col, label) in zip(axes.flat, metrics, strict=True):
        values = [per_policy.loc[p, col] for p in policies]
        ax.bar(range(len(policies)), values, color=[f"C{i % 10}" for i in range(len(policies))])
        ax.set_title(label, fontsize=9)
        ax.set_xticks(range(len(policies)))
        ax.set_xticklabels(policies, rotation=35, ha="right", fontsize=7)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("Kerncijfers per beleid (gemiddelde over seeds)")
    paths.append(out / "kerncijfers_per_beleid.png")
    fig.savefig(paths[-1])
    return paths


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


# ---- the API ------------------------------------------------------------------------------------------------

def simulate(
    base_problem: Problem,
    policies: Iterable[str] = DEFAULT_POLICIES,
    weeks: int = 52,
    seeds: Iterable[int] = (1,),
    arrivals_per_week: float = 50,
    time_limit: float = 2.0,
    workers: int | None = None,
    scheduler: Any = None,
    progress: Callable[[SimProgress], None] | None = None,
    *,
    stop: Callable[[], bool] | threading.Event | None = None,
    horizon: int = 8,
    arrivals: ArrivalSettings | None = None,
    mode: str | None = None,
    capacity: float | str = "auto",
    solve_workers: int | None = None,
    deterministic: bool = False,
    check: bool = False,
    source: str | None = None,
    commit: bool = True,
) -> SimulationResult:
    """Simulate ``weeks`` weeks of arrivals and weekly planning for every policy and seed.

    ``policies``: specs of :mod:`app.simulation.policies` (e.g. ``"status-quo"``,
    ``"gebalanceerd+streeftermijn=10"``). ``seeds``: one run per policy and seed; every policy
    sees the same arrivals for a seed. ``arrivals``: full arrival settings (mode, peak,
    known-ahead share, backlog; :mod:`app.simulation.arrivals`); ``arrivals_per_week`` and ``mode``
    override their fields. ``time_limit``: seconds per weekly solve. ``solve_workers``: CP-SAT
    workers per weekly solve (None = the cores the parallel runs leave free: all of them for a
    single run, 1 when every core has its own run). ``horizon``: weeks each
    weekly plan looks ahead. ``workers``: local processes (None = all cores; 1 = in this
    process). ``scheduler``: a dask.distributed scheduler address or Client; runs then go to
    that cluster. ``progress``: called with a :class:`SimProgress` (e.g. :class:`TextProgress`).
    ``capacity``: "auto" or a factor for teachers and rooms (module doc). ``check``: validate
    every weekly plan (slower). Ctrl-C (first press) stops the runs after their current week
    and returns what is finished; the result's settings then say ``interrupted``. ``stop``: a
    ``threading.Event`` or a callable polled between weeks and during each weekly solve (e.g. a
    GUI's stop button from another thread); once it is set or returns True, the same happens as
    after Ctrl-C (local runs end their current week early; on a dask cluster, runs not yet
    finished are cancelled).
    """
    policy_specs = [parse_policy(p).name for p in policies]
    if not policy_specs:
        raise ValueError("no policies given")
    seed_list = [int(s) for s in seeds]
    if not seed_list:
        raise ValueError("no seeds given")
    if weeks <= 0 or horizon <= 0 or time_limit <= 0:
        raise ValueError("weeks, horizon and time_limit must be positive")
    arr = arrivals or ArrivalSettings(mode="resample" if base_problem.learners else "synth")
    arr = replace(arr, arrivals_per_week=float(arrivals_per_week))
    if mode is not None:
        arr = replace(arr, mode=mode)
    if arr.mode not in MODES:
        raise ValueError(f"unknown arrival mode {arr.mode!r}; choose {', '.join(MODES)}")
    base_problem.check()
    factor = capacity_factor(base_problem, arr, capacity)
    base = scale_capacity(base_problem, factor)
    n_tasks = len(policy_specs) * len(seed_list)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    executor = "dask" if scheduler is not None else ("serial" if n_workers <= 1 or n_tasks == 1 else "processes")
    if solve_workers is None:  # the cores the runs leave free go to each weekly solve
        cores = os.cpu_count() or 1
        parallel = {"dask": cores, "serial": 1}.get(executor, min(n_workers, n_tasks))  # dask: 1 worker
        solve_workers = max(1, min(8, cores // parallel))
    config = SimConfig(weeks=weeks, horizon=horizon, time_limit=time_limit, solve_workers=solve_workers,
                       deterministic=deterministic, check=check, arrivals=arr, commit=commit)
    tasks = [RunTask(i, pol, seed, base, config)
             for i, (pol, seed) in enumerate((p, s) for p in policy_specs for s in seed_list)]
    settings: dict[str, Any] = {
        "weeks": weeks, "seeds": seed_list, "policies": policy_specs, "horizon": horizon,
        "time_limit": time_limit, "solve_workers": solve_workers, "deterministic": deterministic, "commit": commit,
        "check": check, "arrivals": arr.as_dict(),
        "capacity": {"requested": capacity, "factor": factor, "teachers": dict(base.teachers),
                     "rooms": {loc.name: dict(loc.rooms) for loc in base.locations}},
        "base": {"source": source, "plan_date": base_problem.plan_date.isoformat(),
                 "learners": len(base_problem.learners), "running": len(base_problem.running),
                 "target_weeks": base_problem.target_weeks, "fingerprint": problem_fingerprint(base_problem)},
        "executor": executor, "workers": n_workers if executor == "processes" else (1 if executor == "serial" else None),
        "versions": _versions(), "started": datetime.now().isoformat(timespec="seconds"),
    }
    log.info("simulating %d runs (%s) on %s", len(tasks), ", ".join(policy_specs), executor)
    tracker = _Tracker(tasks, progress)
    stopped = threading.Event()
    external = stop.is_set if isinstance(stop, threading.Event) else stop
    t0 = time.perf_counter()
    if executor == "dask":
        runs = _run_dask(tasks, scheduler, tracker, stopped, external)
    elif executor == "processes":
        runs = _run_processes(tasks, min(n_workers, len(tasks)), tracker, stopped, external)
    else:
        runs = _run_serial(tasks, tracker, stopped, external)
    settings["elapsed_seconds"] = round(time.perf_counter() - t0, 1)
    settings["interrupted"] = stopped.is_set() or len(runs) < len(tasks)
    settings["runs_finished"] = sum(1 for r in runs if r.complete)
    settings["runs_failed"] = [f"{r.policy} seed {r.seed}: {r.error}" for r in runs if r.error]
    summary, weekly, learners, classes = _frames(runs, base_problem.target_weeks)
    return SimulationResult(summary, weekly, learners, classes, settings, list(runs))

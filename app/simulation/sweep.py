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

import logging
import math
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pandas as pd

from app.simulation.arrivals import MODES, ArrivalSettings
from app.simulation.capacity import (
    ASSUMED_FILL,
    AUTO_HEADROOM,
    SCENARIOS,
    capacity_factor,
    classes_demanded,
    max_parallel_classes,
    scale_capacity,
    scenario_arrivals,
)
from app.simulation.capacity import scenario as get_scenario
from app.simulation.engine import RunResult, RunTask, SimConfig
from app.simulation.executors import (
    SimProgress,
    TextProgress,
    _run_dask,
    _run_processes,
    _run_serial,
    _Tracker,
)
from app.simulation.policies import DEFAULT_POLICIES, STATUS_QUO, parse_policy
from app.simulation.results import (
    SUMMARY_COLUMNS,
    SimulationResult,
    _frames,
    _versions,
    problem_fingerprint,
    run_summary,
)
from app.simulation.statistics import common_random_numbers, paired_differences, waits_by_group
from optimizer.domain import Problem
from optimizer.messages import Catalogue, Keyed

log = logging.getLogger(__name__)

__all__ = [
    "ASSUMED_FILL", "AUTO_HEADROOM", "SCENARIOS", "SUMMARY_COLUMNS", "SimProgress", "SimulationError",
    "SimulationResult", "TextProgress",
    "capacity_factor", "max_parallel_classes", "problem_fingerprint", "run_summary", "scale_capacity", "simulate",
]


ERRORS = Catalogue({
    "all_failed": (
        "Geen enkele simulatierun is gelukt ({failed} van {total} mislukt), dus er zijn geen uitkomsten. "
        "De eerste fout ({run}): {first}",
        "No simulation run succeeded ({failed} of {total} failed), so there are no outcomes. "
        "The first error ({run}): {first}",
    ),
})
"""Why a sweep has no outcomes (:class:`SimulationError` keys), for people: Dutch and English."""


class SimulationError(Keyed, RuntimeError):
    """Every run of a sweep failed: there are no figures at all (a result of NaN would say
    nothing). ``errors``: one line per run, as ``settings["runs_failed"]``. ``str()`` in English
    (the API's language, and the log's); ``text(lang)`` says it to people in either language
    (the run's own error, from Python, stays as it was)."""

    catalogue = ERRORS

    def __init__(self, failed: list[RunResult], total: int) -> None:
        self.errors = [f"{r.policy} seed {r.seed}: {r.error}" for r in failed]
        self.failed = len(failed)
        self.total = total
        first = failed[0].error
        self.key = "all_failed"
        self.params = {"failed": self.failed, "total": total, "run": f"{failed[0].policy} seed {failed[0].seed}",
                       "first": first}
        super().__init__(f"all {self.failed} of {total} simulation runs failed; the first: {first}")


DETERMINISTIC_SOLVE_WORKERS = 2
"""CP-SAT workers per weekly solve of a deterministic simulation when none are given: a fixed
number, since the plans depend on it (from the cores, as otherwise, a laptop and a server, or
one policy and three, gave different results for the same seeds)."""


def simulate(
    base_problem: Problem,
    policies: Iterable[str] = DEFAULT_POLICIES,
    weeks: int = 52,
    seeds: Iterable[int] | int = (1,),
    arrivals_per_week: float | None = None,
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
    scenario: str | None = None,
) -> SimulationResult:
    """Simulate ``weeks`` weeks of arrivals and weekly planning for every policy and seed.

    ``policies``: specs of :mod:`app.simulation.policies` (e.g. ``"status-quo"``,
    ``"gebalanceerd+streeftermijn=10"``; one text is one policy, or several comma-separated).
    ``seeds``: one run per policy and seed (a number: that one seed); every policy sees the same
    arrivals for a seed. ``arrivals``: full arrival settings (mode, peak,
    known-ahead share, backlog; :mod:`app.simulation.arrivals`); ``arrivals_per_week`` and ``mode``
    override their fields when given (``arrivals_per_week`` None: the rate of ``arrivals``, else 50). ``time_limit``: seconds per weekly solve. ``solve_workers``: CP-SAT
    workers per weekly solve (None = the cores the parallel runs leave free: all of them for a
    single run, 1 when every core has its own run; with ``deterministic``
    :data:`DETERMINISTIC_SOLVE_WORKERS`, so the results do not depend on the machine). ``horizon``: weeks each
    weekly plan looks ahead. ``workers``: local processes (None = all cores; 1 = in this
    process). ``scheduler``: a dask.distributed scheduler address or Client; runs then go to
    that cluster. ``progress``: called with a :class:`SimProgress` (e.g. :class:`TextProgress`).
    ``capacity``: "auto" or a factor for teachers and rooms (module doc). ``check``: validate
    every weekly plan (slower). Ctrl-C (first press) stops the runs after their current week
    and returns what is finished (a run stopped before its first week is left out: it has no
    figures); the result's settings then say ``interrupted``. ``stop``: a
    ``threading.Event`` or a callable polled between weeks and during each weekly solve (e.g. a
    GUI's stop button from another thread); once it is set or returns True, the same happens as
    after Ctrl-C (local runs end their current week early; on a dask cluster, runs not yet
    finished are cancelled).
    A run that fails has NaN figures in ``summary`` and counts in no mean (``settings["runs_failed"]``
    says why); when every run fails, :class:`SimulationError` is raised. Runs in local processes
    import the calling script again: call ``simulate`` from a script under
    ``if __name__ == "__main__":``.
    ``scenario``: a calibrated capacity setting (:data:`app.simulation.capacity.SCENARIOS`:
    ``krap``, ``gemiddeld``, ``ruim``, each also ``-piek`` with the year-end inflow peak);
    teachers and rooms then follow the scenario (``capacity`` must stay "auto") and the peak
    factor of ``arrivals`` is the scenario's. Capacity is fixed for the run and the same for
    every policy.
    """
    if isinstance(policies, str):  # one policy, or several comma-separated as on the command line
        policies = [p.strip() for p in policies.split(",") if p.strip()]
    policy_specs = [parse_policy(p).name for p in policies]
    if not policy_specs:
        raise ValueError("no policies given")
    if isinstance(seeds, str):
        raise ValueError(f"seeds must be whole numbers such as (1, 2, 3) or range(1, 6), not the text {seeds!r}")
    seed_list = [seeds] if isinstance(seeds, int) else [int(s) for s in seeds]
    if not seed_list:
        raise ValueError("no seeds given")
    if not (weeks > 0 and horizon > 0 and 0 < time_limit < math.inf):  # NaN too: not > 0
        raise ValueError(f"weeks, horizon and time_limit must be positive numbers, not {weeks!r}, {horizon!r} "
                         f"and {time_limit!r}")
    arr = arrivals or ArrivalSettings(mode="resample" if base_problem.learners else "synth")
    if arrivals_per_week is not None:
        arr = replace(arr, arrivals_per_week=float(arrivals_per_week))
    if not 0 <= arr.arrivals_per_week < math.inf:  # a NaN rate drew arrivals without end
        raise ValueError(f"arrivals_per_week must be a number, 0 or more, not {arr.arrivals_per_week!r}")
    if mode is not None:
        arr = replace(arr, mode=mode)
    if arr.mode not in MODES:
        raise ValueError(f"unknown arrival mode {arr.mode!r}; choose {', '.join(MODES)}")
    if arr.mode == "resample" and not base_problem.learners:  # before any run, not once per run
        raise ValueError("mode 'resample' needs a base problem with learners; use 'synth'")
    sc = None
    if scenario is not None:
        sc = get_scenario(scenario)
        if capacity != "auto":
            raise ValueError("give a scenario or a capacity, not both")
        arr = scenario_arrivals(sc, arr)
        capacity = sc.capacity
    base_problem.check()
    factor = capacity_factor(base_problem, arr, capacity)
    base = scale_capacity(base_problem, factor)
    n_tasks = len(policy_specs) * len(seed_list)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    executor = "dask" if scheduler is not None else ("serial" if n_workers <= 1 or n_tasks == 1 else "processes")
    if solve_workers is None and deterministic:  # the same on every machine: not from its cores
        solve_workers = DETERMINISTIC_SOLVE_WORKERS
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
        "scenario": sc.name if sc else None,
        "capacity": {"requested": capacity, "factor": factor,
                     "classes_demanded": round(classes_demanded(base_problem, arr), 1),
                     "classes_possible": max_parallel_classes(base), "teachers": dict(base.teachers),
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
    # A run stopped before its first week simulated nothing: it has no figures (it gave a wait of
    # 0.0 weeks, a fill of 0%, ... in summary and the printed table), as a run never started.
    runs = [r for r in runs if r.complete or r.weeks_done > 0 or r.error]
    settings["interrupted"] = stopped.is_set() or len(runs) < len(tasks)
    settings["runs_finished"] = sum(1 for r in runs if r.complete)
    settings["runs_failed"] = [f"{r.policy} seed {r.seed}: {r.error}" for r in runs if r.error]
    failed = [r for r in runs if r.error]
    if failed and len(failed) == len(runs):
        raise SimulationError(failed, len(tasks))
    if failed:
        log.warning("%d of %d simulation runs failed (NaN in their rows): %s", len(failed), len(tasks),
                    "; ".join(settings["runs_failed"]))
    summary, weekly, learners, classes = _frames(runs, base_problem.target_weeks)
    paired = paired_differences(summary) if STATUS_QUO in policy_specs else pd.DataFrame()
    done = {(r.policy, r.seed): r.weeks_done for r in runs}
    groups = waits_by_group(learners, base_problem.target_weeks, done)
    settings["common_random_numbers"] = common_random_numbers(learners)
    return SimulationResult(summary, weekly, learners, classes, settings, list(runs), paired, groups)

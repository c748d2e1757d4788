"""``solve()``: from a problem to a checked plan, with progress, stop and a deterministic mode."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from .candidates import Candidates, Option, build_candidates, waitlist_terms
from .domain import Problem
from .explain import diagnose, waiting_reason
from .greedy import greedy_plan
from .messages import msg
from .model import KlasModel, build_model
from .plan import OBJECTIVE_TERMS, Assignment, Plan, Progress, key_figures
from .split import SplitError, build_classes

log = logging.getLogger(__name__)

StopFlag = threading.Event | Callable[[], bool]


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, on_progress: Callable[[Progress], None] | None, t0: float) -> None:
        super().__init__()
        self.on_progress = on_progress
        self.t0 = t0
        self.count = 0
        self.trace: list[tuple[float, float, float]] = []

    def on_solution_callback(self) -> None:
        self.count += 1
        p = Progress(self.objective_value, self.best_objective_bound, time.perf_counter() - self.t0, self.count)
        self.trace.append((p.elapsed, p.objective, p.bound))
        if self.on_progress is not None:
            try:
                self.on_progress(p)
            except Exception:  # a broken listener must not kill the solve
                log.exception("progress listener failed")


def _stopped(stop: StopFlag | None) -> bool:
    if stop is None:
        return False
    return stop.is_set() if isinstance(stop, threading.Event) else bool(stop())


def solver_parameters(time_limit: float, deterministic: bool, seed: int, workers: int | None) -> Any:
    """CP-SAT parameters chosen by measurement (see docs/benchmarks.md)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = workers or 8
    prm.random_seed = seed
    prm.log_search_progress = False
    if deterministic:
        # Interleaved search with a deterministic time limit gives the same plan every run.
        prm.interleave_search = True
        prm.max_deterministic_time = time_limit
        prm.max_time_in_seconds = max(60.0, 10 * time_limit)
    else:
        prm.max_time_in_seconds = time_limit
    return solver


def assemble_plan(problem: Problem, cand: Candidates, choice: dict[str, Option | None], counts: list[int],
                  status: str, bound: float, runtime: float, diagnosis: list, stats: dict[str, Any]) -> Plan:
    """Classes, assignments, reasons, terms and key figures of one choice of options."""
    classes, class_of = build_classes(problem, cand, choice, counts)
    assignments: dict[str, Assignment] = {}
    terms = dict.fromkeys(OBJECTIVE_TERMS, 0)
    for lr in problem.learners:
        o = choice.get(lr.id)
        if o is None:
            t = waitlist_terms(problem, lr)
            assignments[lr.id] = Assignment(
                lr.id, None, None, None, problem.waitlist_weeks(lr),
                reason=waiting_reason(problem, cand, lr),
            )
        else:
            t = o.terms
            level = cand.slots[o.slot].level if o.slot is not None else problem.running_by_id[o.running].level  # type: ignore[index]
            assignments[lr.id] = Assignment(
                lr.id, class_of[lr.id], o.week, problem.week_start(o.week), problem.wait_weeks(lr, o.week),
                travel_minutes=problem.travel(lr.id, _location_of(problem, cand, o)),
                misfit=abs(lr.level - level),
            )
        for name, value in zip(OBJECTIVE_TERMS, t, strict=False):
            terms[name] += value
    terms["new_class"] = problem.weights.new_class * sum(1 for c in classes if not c.running)
    objective = sum(terms.values())
    return Plan(
        classes=classes, assignments=assignments, objective=objective, terms=terms, bound=bound,
        status=status, runtime=runtime, figures=key_figures(problem, classes, assignments),
        diagnosis=tuple(diagnosis), stats=stats,
    )


def _location_of(problem: Problem, cand: Candidates, o: Option) -> str:
    if o.slot is not None:
        return cand.slots[o.slot].location
    return problem.running_by_id[o.running].location  # type: ignore[index]


def hint_from_plan(problem: Problem, cand: Candidates, plan: Plan) -> tuple[dict[str, Option | None], list[int]] | None:
    """Re-use an earlier plan of (nearly) the same problem as a starting point."""
    by_key = {s.key: i for i, s in enumerate(cand.slots)}
    counts = [0] * len(cand.slots)
    choice: dict[str, Option | None] = {}
    for c in plan.classes:
        if c.running:
            continue
        idx = by_key.get((c.route, c.location, c.schedule, c.start_week, c.level, c.language, c.group))
        if idx is not None:
            counts[idx] += 1
    for lid in cand.options:
        a = plan.assignments.get(lid)
        choice[lid] = None
        if a is None or a.class_id is None:
            continue
        c = plan.class_by_id.get(a.class_id)
        if c is None:
            continue
        for o in cand.options[lid]:
            if (o.running == c.id if c.running else
                    o.slot is not None and cand.slots[o.slot].key ==
                    (c.route, c.location, c.schedule, c.start_week, c.level, c.language, c.group)):
                choice[lid] = o
                break
    return choice, counts


def solve(
    problem: Problem,
    time_limit: float = 30.0,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
    deterministic: bool = False,
    seed: int = 0,
    workers: int | None = None,
    warm_start: Plan | None = None,
    log_callback: Callable[[str], None] | None = None,
) -> Plan:
    """Plan classes for ``problem`` within ``time_limit`` seconds.

    ``on_progress`` receives a :class:`Progress` for every improving plan. ``stop`` (an Event or
    a callable) ends the search early and returns the best plan so far. ``deterministic=True``
    gives the same plan for the same input (time then counts in deterministic units).
    ``warm_start`` passes an earlier plan as the starting point (re-optimizing).
    Raises :class:`~optimizer.domain.ProblemError` if the input is invalid.
    """
    t0 = time.perf_counter()
    problem.check()
    cand = build_candidates(problem)
    diagnosis = diagnose(problem, cand)
    stats: dict[str, Any] = {
        "slots": len(cand.slots),
        "pruned_slots": cand.pruned_slots,
        "options": sum(len(v) for v in cand.options.values()),
        "learners": len(problem.learners),
    }
    if cand.pin_errors or any(m.key == "diag_pin_cap" for m in diagnosis):
        return Plan((), {}, 0, {}, 0.0, "INFEASIBLE", time.perf_counter() - t0, diagnosis=tuple(diagnosis), stats=stats)

    choice0, counts0 = greedy_plan(problem, cand)
    greedy_obj = _choice_objective(problem, cand, choice0, counts0)
    stats["greedy_objective"] = greedy_obj
    hint = (choice0, counts0)
    if warm_start is not None and warm_start.is_feasible():
        warm = hint_from_plan(problem, cand, warm_start)
        if warm is not None and _choice_objective(problem, cand, *warm) < greedy_obj:
            hint = warm
    stats["build_seconds"] = time.perf_counter() - t0
    # A valid bound without any search: every learner at their cheapest option.
    trivial = sum(min([cand.waitlist_cost[lid], *(o.cost for o in opts)]) for lid, opts in cand.options.items())
    stats["trivial_bound"] = trivial
    if stats["options"] > FULL_MODEL_OPTIONS:
        return _solve_by_search(problem, cand, hint, diagnosis, stats, t0, time_limit, on_progress, stop,
                                deterministic, seed, workers, float(trivial))

    model = build_model(problem, cand)
    model.add_hint(*hint)
    remaining = max(0.1, time_limit - (time.perf_counter() - t0)) if not deterministic else time_limit
    solver = solver_parameters(remaining, deterministic, seed, workers)
    if log_callback is not None:
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False
        solver.log_callback = log_callback
    reporter = _Reporter(on_progress, t0)
    done = threading.Event()
    watcher = None
    if stop is not None:
        def watch() -> None:
            while not done.wait(0.05):
                if _stopped(stop):
                    solver.stop_search()
                    return
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    try:
        status = solver.solve(model.cp, reporter)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    stats["solve_seconds"] = solver.wall_time
    stats["trace"] = reporter.trace
    stats["status_name"] = solver.status_name(status)
    stats["method"] = "cp-sat"
    return _finish(problem, cand, model, solver, status, diagnosis, stats, t0, hint)


FULL_MODEL_OPTIONS = 15000
"""Above this many learner options the full model is improved by neighbourhood search instead."""


def _solve_by_search(problem: Problem, cand: Candidates, hint: tuple, diagnosis: list, stats: dict[str, Any],
                     t0: float, time_limit: float, on_progress: Callable[[Progress], None] | None,
                     stop: StopFlag | None, deterministic: bool, seed: int, workers: int | None,
                     bound: float) -> Plan:
    from .search import large_neighbourhood_search

    trace: list[tuple[float, float, float]] = []
    count = [0]

    def report(value: int) -> None:
        count[0] += 1
        elapsed = time.perf_counter() - t0
        trace.append((elapsed, float(value), bound))
        if on_progress is not None:
            try:
                on_progress(Progress(float(value), bound, elapsed, count[0]))
            except Exception:
                log.exception("progress listener failed")

    report(_choice_objective(problem, cand, *hint))
    step = 2.0
    choice, counts, sstats = large_neighbourhood_search(
        problem, cand, hint[0], hint[1], deadline=t0 + time_limit, stop=stop, on_improve=report, seed=seed,
        workers=workers or 4, step_seconds=step, deterministic=deterministic,
        max_steps=max(1, int(time_limit / step)) if deterministic else None,
    )
    stats.update(trace=trace, method="lns", lns_steps=sstats.steps, lns_improvements=sstats.improvements,
                 lns_kinds={k: tuple(v) for k, v in sstats.by_kind.items()}, status_name="FEASIBLE")
    return assemble_plan(problem, cand, choice, counts, "FEASIBLE", bound, time.perf_counter() - t0, diagnosis, stats)


def _choice_objective(problem: Problem, cand: Candidates, choice: dict[str, Option | None], counts: list[int]) -> int:
    total = 0
    for lid, o in choice.items():
        total += o.cost if o is not None else cand.waitlist_cost[lid]
    return total + problem.weights.new_class * sum(counts)


def _finish(problem: Problem, cand: Candidates, model: KlasModel, solver: cp_model.CpSolver, status: int,
            diagnosis: list, stats: dict[str, Any], t0: float, hint: tuple) -> Plan:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        choice = model.x.extract(solver)
        counts = model.n.extract(solver)
        name = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
        bound = solver.best_objective_bound
        try:
            plan = assemble_plan(problem, cand, choice, counts, name, bound, time.perf_counter() - t0, diagnosis, stats)
        except SplitError as exc:  # pragma: no cover - guarded by the model; report, never hide
            log.error("could not split slot %s; falling back to the constructive plan", exc.slot)
            return assemble_plan(problem, cand, *hint, "HEURISTIC", bound, time.perf_counter() - t0, diagnosis, stats)
        if plan.objective != round(solver.objective_value):
            raise AssertionError(f"objective mismatch: plan {plan.objective} vs solver {solver.objective_value}")
        return plan
    if status == cp_model.INFEASIBLE:
        diagnosis = [*diagnosis, msg("diag_infeasible")]
        return Plan((), {}, 0, {}, 0.0, "INFEASIBLE", time.perf_counter() - t0, diagnosis=tuple(diagnosis), stats=stats)
    # No solution within the limit: fall back to the constructive plan if it is complete.
    diagnosis = [*diagnosis, msg("diag_no_solution", seconds=round(solver.wall_time, 1))]
    return assemble_plan(problem, cand, *hint, "HEURISTIC", solver.best_objective_bound,
                         time.perf_counter() - t0, diagnosis, stats)

"""``solve()``: from a problem to a checked plan, with progress, stop and a deterministic mode."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from .candidates import (
    Candidates,
    Counts,
    Family,
    Option,
    Placement,
    Placements,
    build_candidates,
    earliest_entries,
    misfit_excess,
    placement_objective,
    prefer_home,
)
from .colgen import ColumnGeneration, OutOfTime
from .compose import finish_plan
from .cpsat import solve_guarded
from .domain import Learner, Problem
from .explain import diagnose
from .greedy import greedy_fill, greedy_plan
from .messages import msg
from .model import KlasModel, build_model
from .options import SolveOptions
from .plan import Plan, PlannedClass, Progress, bound_proves, proven_status
from .regroup import regroup
from .search import large_neighbourhood_search, teachers_bind, wait_weeks
from .split import SplitError, build_classes
from .validate import validate

log = logging.getLogger(__name__)

StopFlag = threading.Event | Callable[[], bool]

FULL_MODEL_OPTIONS = 3000
"""Up to this many learner options "auto" solves the full model with CP-SAT (it can prove
optimality there); above it, neighbourhood search finds better plans in the same time (measured
in docs/benchmarks.md)."""
FINAL_SHARE = 0.3
"""Share of the time limit for the full model after neighbourhood search (method "lns+cp-sat")."""


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


def stopped(stop: StopFlag | None) -> bool:
    if stop is None:
        return False
    return stop.is_set() if isinstance(stop, threading.Event) else bool(stop())


def solver_parameters(options: SolveOptions) -> cp_model.CpSolver:
    """A CP-SAT solver with ``options``' time, threads and seed, and parameters chosen by
    measurement (see docs/benchmarks.md)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = options.workers or 8
    prm.random_seed = options.seed
    prm.cp_model_probing_level = 0  # probing costs seconds on these models and gains little
    if options.deterministic:
        # Interleaved search with a deterministic time limit gives the same plan every run.
        prm.interleave_search = True
        prm.max_deterministic_time = options.time_limit
        prm.max_time_in_seconds = max(60.0, 10 * options.time_limit)
    else:
        prm.max_time_in_seconds = options.time_limit
    return solver


def assemble_plan(problem: Problem, cand: Candidates, placements: Placements, counts: Counts, status: str,
                  bound: float, runtime: float, diagnosis: list, stats: dict[str, Any], reasons: bool = True) -> Plan:
    """Classes, assignments, reasons (``reasons``), terms and key figures of one set of placements."""
    placements = prefer_home(cand, earliest_entries(cand, placements))
    classes, class_of = build_classes(problem, cand, placements, counts)
    by_id = {c.id: c for c in classes}
    placed = {lid: (by_id[class_of[lid]], pl.week) for lid, pl in placements.items() if pl is not None}

    def terms_of(lr: Learner, c: PlannedClass, week: int) -> tuple[int, ...]:
        option = placements[lr.id].option  # type: ignore[union-attr]
        return (cand.wait_points(lr.id, week), *option.static)

    plan = finish_plan(problem, cand, classes, placed, terms_of, status, bound, runtime, diagnosis, stats, reasons)
    settled = proven_status(plan.status, plan.objective, plan.bound)
    return plan if settled == plan.status else replace(plan, status=settled)


def placements_from_plan(problem: Problem, cand: Candidates, plan: Plan) -> tuple[Placements, Counts] | None:
    """Re-use an earlier plan of (nearly) the same problem as a starting point."""
    counts: Counts = {}
    placements: Placements = {}
    fam_of = cand.family_index
    for new in plan.classes:
        if new.running:
            continue
        f = fam_of.get(Family(new.route, new.location, new.schedule, new.level, new.language, new.group))
        if f is None or (f, new.start_week) not in cand.max_classes:
            return None
        counts[f, new.start_week] = counts.get((f, new.start_week), 0) + 1
    for lid, opts in cand.options.items():
        placements[lid] = None
        a = plan.assignments.get(lid)
        if a is None or a.class_id is None:
            continue
        c = plan.class_by_id.get(a.class_id)
        if c is None:
            return None
        fam = Family(c.route, c.location, c.schedule, c.level, c.language, c.group)
        entry = a.start_week if a.start_week is not None else c.start_week
        for o in opts:
            if c.running:
                if o.running == c.id:
                    placements[lid] = Placement(o, o.week, o.week)  # type: ignore[arg-type]
                    break
            elif o.family is not None and cand.families[o.family] == fam and o.start in (None, c.start_week):
                placements[lid] = Placement(o, entry if o.week is None else o.week, c.start_week)
                break
        else:
            return None
    return placements, counts


def placements_from_previous(problem: Problem, cand: Candidates, *, check: bool = True
                             ) -> tuple[Placements, Counts] | None:
    """The earlier plan given as ``problem.previous`` (with its known classes), as a start.

    Every learner with an earlier class keeps it (same class kind and start week; a running
    class keeps its learners); everybody else waits, and so does a learner whose earlier class
    no longer fits them (their data changed since: the rest of the plan is still the start). This
    is the re-optimizing start: the week-by-week simulation and the planner's re-plan begin where
    the last plan ended instead of from scratch. None when a class of the earlier plan cannot be
    opened here or the plan breaks a rule here (checked by the independent validator, so a stale
    plan is never used; ``check=False`` leaves that to the caller, see :func:`valid_start`).
    """
    if not problem.previous:
        return None
    placements: Placements = {}
    labels: dict[tuple[int, int], set[str]] = defaultdict(set)
    for lid, opts in cand.options.items():
        placements[lid] = None
        label = problem.previous.get(lid)
        if label is None:
            continue
        if label in problem.running_by_id:
            o = next((o for o in opts if o.running == label), None)
            if o is not None and o.week is not None:
                placements[lid] = Placement(o, o.week, o.week)
            continue
        spec = problem.known_by_label.get(label)
        f = None if spec is None else cand.family_index.get(
            Family(spec.route, spec.location, spec.schedule, spec.level, spec.language, spec.group))
        if spec is None or f is None or (f, spec.start_week) not in cand.max_classes:
            return None
        o = next((o for o in opts if o.family == f and o.start == spec.start_week and o.week is not None), None)
        labels[f, spec.start_week].add(label)
        if o is not None and o.week is not None:  # (an entry week: the option was chosen for one)
            placements[lid] = Placement(o, o.week, spec.start_week)
    counts: Counts = {slot: len(ls) for slot, ls in labels.items()}
    if any(n > cand.max_classes[slot] for slot, n in counts.items()):
        return None
    if check and not valid_start(problem, cand, placements, counts):
        return None
    return placements, counts


def _within_max_size(problem: Problem, cand: Candidates, placements: Placements, counts: Counts
                     ) -> tuple[Placements, Counts]:
    """The earlier plan with each new class cut back to its maximum size (a planner's edit may
    pin one learner too many into a full class): the members who are not pinned and fit the
    class worst wait, for the greedy to place again, so the earlier plan stays a valid start
    instead of being dropped for a plan from scratch."""
    members: dict[tuple[int, int], list[str]] = defaultdict(list)
    for lid, pl in placements.items():
        if pl is not None and pl.option.family is not None:
            members[pl.option.family, pl.class_start].append(lid)
    out = dict(placements)
    for (f, start), lids in members.items():
        over = len(lids) - counts.get((f, start), 0) * problem.route_by_name[cand.families[f].route].max_size
        if over > 0:
            free = sorted((lid for lid in lids if lid not in cand.forced),
                          key=lambda lid: (-out[lid].option.static_cost, lid))  # type: ignore[union-attr]
            for lid in free[:over]:
                out[lid] = None
    return out, counts


def _with_first_day_minimum(problem: Problem, cand: Candidates, placements: Placements, counts: Counts
                            ) -> tuple[Placements, Counts]:
    """The earlier plan with each new class back at its route's minimum on the first day.

    An edit since that plan (a learner's data changed so that the class no longer fits them, a
    locked class's start moved so that its members join later, learners removed) can leave a
    class short; the validator then refused the whole earlier plan as a start and the re-plan
    began from scratch, moving half the learners (a coordinator's week-2 workbook: 64 of 162).
    Here a short class takes learners who can be there on its first day: waiting ones first, then
    late joiners of other classes and first-day members a class can spare, each the cheapest
    (pinned learners and households stay where they are); joiners after its start make room when
    it is full. An unlocked class that still falls short closes (its members wait, for the greedy
    to place again); a locked one stays short (the validator then refuses the start, as before)."""
    out = dict(placements)
    counts = dict(counts)
    slot_of: dict[str, tuple[int, int]] = {}
    members: dict[tuple[int, int], set[str]] = defaultdict(set)
    first: dict[tuple[int, int], int] = defaultdict(int)
    for lid, pl in out.items():
        if pl is not None and pl.option.running is None and pl.option.family is not None:
            slot = slot_of[lid] = (pl.option.family, pl.class_start)
            members[slot].add(lid)
            first[slot] += int(pl.week == slot[1])

    def minimum(slot: tuple[int, int]) -> int:
        return problem.route_by_name[cand.families[slot[0]].route].min_size * counts.get(slot, 0)

    def at(lid: str) -> Placement:
        """The place of a learner in a class."""
        pl = out[lid]
        assert pl is not None  # (only members of classes are asked)
        return pl

    def movable(lid: str) -> bool:
        return lid not in cand.forced and not problem.learner_by_id[lid].together

    def leave(lid: str) -> None:
        slot = slot_of.pop(lid, None)
        if slot is not None:
            members[slot].discard(lid)
            first[slot] -= int(at(lid).week == slot[1])
        out[lid] = None

    def spare(lid: str) -> bool:
        """Whether ``lid`` may leave their place for a short class without leaving theirs short."""
        slot = slot_of.get(lid)
        return movable(lid) and (slot is None or at(lid).week != slot[1]
                                 or first[slot] > minimum(slot))

    by_family: dict[int, dict[str, list[Option]]] | None = None  # family -> learner -> options (when needed)
    for slot in sorted(counts, key=lambda sl: (-cand.locked_count.get(sl, 0), sl)):
        f, s = slot
        need = minimum(slot) - first[slot]
        if need <= 0:
            continue
        if by_family is None:
            by_family = defaultdict(dict)
            for lid, opts in cand.options.items():
                for o in opts:
                    if o.family is not None and o.running is None:
                        by_family[o.family].setdefault(lid, []).append(o)
        shunned = {other for m in members[slot] for other in problem.learner_by_id[m].not_with}
        found: list[tuple[tuple[int, int], str, Option]] = []
        for lid, opts in by_family[f].items():
            if lid in members[slot] or lid in shunned or cand.avail.get(lid, s + 1) > s or not spare(lid):
                continue
            entry = next((o for o in opts if (o.start == s and o.week == s) or (o.start is None and o.week is None)),
                         None)
            if entry is not None and not set(problem.learner_by_id[lid].not_with) & members[slot]:
                found.append(((int(out[lid] is not None), cand.cost(entry, s)), lid, entry))
        found.sort(key=lambda x: (x[0], x[1]))
        late = sorted((m for m in members[slot] if at(m).week != s and movable(m)),
                      key=lambda m: (-cand.cost(at(m).option, at(m).week), m))
        room = problem.route_by_name[cand.families[f].route].max_size * counts[slot] - len(members[slot])
        if len(found) >= need and need <= room + len(late):
            for m in late[:max(0, need - room)]:  # joiners after the start make room for first-day members
                leave(m)
            for _, lid, entry in found:
                if first[slot] >= minimum(slot):
                    break
                if spare(lid):  # an earlier pick may have left their class at its minimum
                    leave(lid)
                    out[lid] = Placement(entry, s, s)
                    slot_of[lid] = slot
                    members[slot].add(lid)
                    first[slot] += 1
            if first[slot] >= minimum(slot):
                continue
        if cand.locked_count.get(slot, 0) == 0 and not any(m in cand.forced for m in members[slot]):
            for m in list(members[slot]):
                leave(m)
            del counts[slot]
    return out, counts


def completed_previous(problem: Problem, cand: Candidates, *, deadline: float | None = None,
                       stats: dict[str, Any] | None = None) -> tuple[Placements, Counts] | None:
    """The earlier plan (``problem.previous``) as a re-plan starts from it, not yet checked by
    the validator (:func:`valid_start`): each new class cut back to its maximum size
    (:func:`_within_max_size`) and back at its minimum on its first day
    (:func:`_with_first_day_minimum`), the learners it leaves waiting placed by the greedy, and
    regrouped by level. None when a class of the earlier plan cannot be opened here."""
    warm = placements_from_previous(problem, cand, check=False)
    if warm is None:
        return None
    start = _with_first_day_minimum(problem, cand, *_within_max_size(problem, cand, *warm))
    return _regrouped(problem, cand, greedy_plan(problem, cand, start=start, deadline=deadline),
                      {} if stats is None else stats)


def valid_start(problem: Problem, cand: Candidates, placements: Placements, counts: Counts) -> bool:
    """Do these placements make a plan the independent validator accepts? (Without waiting
    reasons: the validator does not read them, and on a long planning period they took seconds.)"""
    try:
        plan = assemble_plan(problem, cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {}, reasons=False)
    except SplitError:
        return False
    return validate(problem, plan).ok


def solve(
    problem: Problem,
    options: SolveOptions = SolveOptions(),
    *,
    stop: StopFlag | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    warm_start: Plan | None = None,
    log_callback: Callable[[str], None] | None = None,
) -> Plan:
    """Plan classes for ``problem`` with the settings ``options`` (:class:`SolveOptions`:
    time limit, threads, seed, deterministic mode, method, bound time, caps).

    ``on_progress`` receives a :class:`Progress` for every improving plan. ``stop`` (an Event or
    a callable) ends the search early and returns the best plan so far. ``warm_start`` passes an
    earlier plan as the starting point (re-optimizing; under a cap, give one that keeps it).
    ``log_callback`` receives CP-SAT's search log, line by line.
    Raises :class:`~optimizer.domain.ProblemError` if the input is invalid.
    """
    if not isinstance(options, SolveOptions):  # the keyword signature before SolveOptions
        raise TypeError(f"solve(problem, SolveOptions(time_limit=...)), not solve(problem, {options!r})")
    t0 = time.perf_counter()
    problem.check()
    cand = build_candidates(problem)
    if options.max_wait_mean is not None:
        cand.wait_budget = math.floor(options.max_wait_mean * len(problem.learners) + 1e-9)
    if options.max_misfit_mean is not None:
        cand.misfit_cap = math.floor(100 * options.max_misfit_mean + 1e-9)
    if options.min_placed is not None:
        cand.min_placed = options.min_placed
    diagnosis = diagnose(problem, cand)
    stats: dict[str, Any] = {
        "regroup": options.regroup,
        "families": len(cand.families),
        "family_weeks": len(cand.max_classes),
        "pruned": cand.pruned,
        "options": cand.option_count(),
        "learners": len(problem.learners),
    }
    if cand.pin_errors or any(m.key in ("diag_pin_cap", "diag_locked_short", "diag_locked_impossible") for m in diagnosis):
        return Plan((), {}, 0, {}, 0.0, "INFEASIBLE", time.perf_counter() - t0, diagnosis=tuple(diagnosis), stats=stats)

    time_limit = options.time_limit
    hint = _starting_plan(problem, cand, warm_start, time_limit, stats,
                          None if options.deterministic else t0 + START_SHARE * time_limit)
    stats["start_seconds"] = time.perf_counter() - t0
    # A valid bound without any search: every learner at their cheapest option.
    trivial = sum(cand.cheapest(lid) for lid in cand.options)
    stats["trivial_bound"] = trivial
    method = options.method
    if method == "auto":
        method = "cp-sat" if stats["options"] <= FULL_MODEL_OPTIONS else "lns"
    stats["method"] = method
    if method in ("lns", "lns+cp-sat"):
        share = FINAL_SHARE if method == "lns+cp-sat" else 0.0
        plan = _solve_by_search(problem, cand, hint, diagnosis, stats, t0,
                                replace(options, time_limit=time_limit * (1 - share)), on_progress, stop,
                                float(trivial))
        if share == 0.0 or stopped(stop) or not plan.is_feasible():
            return _caps_said(problem, cand, _proven(problem, cand, plan, options.bound_seconds, stop))
        hint = placements_from_plan(problem, cand, plan) or hint
        stats["lns_objective"] = plan.objective

    model = build_model(problem, cand)
    model.add_hint(*hint)
    stats["build_seconds"] = time.perf_counter() - t0
    from_search = "lns_objective" in stats
    if options.deterministic:
        remaining = time_limit * FINAL_SHARE if from_search else time_limit
    else:
        remaining = max(0.1, time_limit - (time.perf_counter() - t0))
    solver = solver_parameters(replace(options, time_limit=remaining))
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
                if stopped(stop):
                    solver.stop_search()
                    return
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    try:
        status = solve_guarded(solver, model.cp, reporter)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    stats.update(solve_seconds=solver.wall_time, status_name=solver.status_name(status),
                 method=method)
    stats["trace"] = stats.get("trace", []) + reporter.trace
    plan = _finish(problem, cand, model, solver, status, diagnosis, stats, t0, hint,
                   fallback="FEASIBLE" if from_search else "HEURISTIC")
    return _caps_said(problem, cand,
                      _proven(problem, cand, _with_bound(plan, max(float(trivial), plan.bound)), options.bound_seconds, stop))


def _caps_said(problem: Problem, cand: Candidates, plan: Plan) -> Plan:
    """``plan`` with a diagnosis line for every cap of the options it breaks (``max_wait_mean``,
    ``max_misfit_mean``, ``min_placed``). The search keeps a cap only from a start within it; when
    neither the warm start nor the completed greedy start is, the plan breaks the cap, and it
    must say so (seen from outside: caps silently not met, FEASIBLE, no word)."""
    if not plan.is_feasible():
        return plan
    n = max(1, len(problem.learners))
    placed = [a for a in plan.assignments.values() if a.class_id is not None]
    said = []
    waiting = sum(a.wait_weeks for a in plan.assignments.values())
    if cand.wait_budget is not None and waiting > cand.wait_budget:
        said.append(msg("diag_cap_wait", **_one_decimal("mean", waiting / n), **_one_decimal("cap", cand.wait_budget / n)))
    if cand.misfit_cap is not None and sum(100 * (a.misfit or 0) - cand.misfit_cap for a in placed) > 0:
        mean = sum(a.misfit or 0 for a in placed) / max(1, len(placed))
        said.append(msg("diag_cap_misfit", **_one_decimal("mean", mean), **_one_decimal("cap", cand.misfit_cap / 100)))
    if cand.min_placed is not None and len(placed) < cand.min_placed:
        said.append(msg("diag_cap_placed", placed=len(placed), floor=cand.min_placed))
    if not said:
        return plan
    plan.stats["caps_met"] = False
    return replace(plan, diagnosis=(*plan.diagnosis, *said))


def _one_decimal(name: str, value: float) -> dict[str, str]:
    """``value`` with one decimal as the parameter ``name``: a decimal comma in Dutch, a point in English."""
    text = f"{value:.1f}"
    return {name: text.replace(".", ","), f"{name}_en": text}


def _proven(problem: Problem, cand: Candidates, plan: Plan, seconds: float, stop: StopFlag | None) -> Plan:
    """The plan with the column-generation bound when ``seconds`` > 0 (and the stats of it)."""
    if seconds <= 0 or not plan.is_feasible() or stopped(stop) or plan.status == "OPTIMAL" \
            or plan.stats.get("colgen_converged"):
        return plan
    try:
        cg = ColumnGeneration(problem, cand, deadline=time.perf_counter() + seconds)
    except OutOfTime:
        plan.stats["colgen_setup"] = "out of time"
        return plan
    start = placements_from_plan(problem, cand, plan)
    if start is not None:
        cg.add_plan(*start)
    end = time.perf_counter() + seconds
    b = cg.run(end - TOWARD_SHARE * seconds, stop=lambda: stopped(stop))
    if not b.converged and not stopped(stop):
        b = cg.toward_trivial(end, stop=lambda: stopped(stop))
    plan.stats.update(b.stats())
    return _with_bound(plan, max(plan.bound, float(b.value)))


DIVE_LEARNERS = 600
"""Up to this many learners the search's last thread first solves the column-generation LP and
dives from it (``colgen.py``); on larger problems the LP converges too late to help
(docs/benchmarks.md, "Figures behind solve()'s constants")."""

DIVE_MIN_SECONDS = 20.0
"""Shorter runs (the trade-off view's plans, simulations, quick re-plans) leave the dive out: the
LP and the dive together take a good part of a 30 s run (docs/benchmarks.md, "Figures behind
solve()'s constants")."""

DIVE_ROOT_SHARE, DIVE_SHARE = 0.4, 0.85
"""Column generation stops at this share of the time limit at the latest, the dive at the other
(then rounding what it has)."""

LARGE_DIVE_LEARNERS = 1200
"""Above :data:`DIVE_LEARNERS` and up to this many learners the dive runs too, from time limits of
:data:`LARGE_DIVE_MIN_SECONDS` on, with the LP's share :data:`LARGE_ROOT_SHARE`: at 1,000
learners the LP needs most of a 120 s run, and the dive from it, even cut short, beat the search
alone at 120 s (not at 60 s). At 1,500 learners (120 s) it proved a bound 11% higher but made a
plan 0.4% worse than the search alone; at 3,000 (300 s) its LP did not pass the trivial bound
(docs/benchmarks.md, "The dive on 1,000 learners" and "The dive's deadline")."""
LARGE_DIVE_MIN_SECONDS = 120.0
LARGE_ROOT_SHARE, LARGE_DIVE_SHARE = 0.65, 0.9


def dives(learners: int, time_limit: float) -> bool:
    """Whether a plain solve of this size and time limit dives from the column-generation LP
    (from :data:`DIVE_MIN_SECONDS`; ``_short_side`` below it)."""
    if learners <= DIVE_LEARNERS:
        return True
    return learners <= LARGE_DIVE_LEARNERS and time_limit >= LARGE_DIVE_MIN_SECONDS


def _shares(learners: int) -> tuple[float, float]:
    """Where the LP and then the dive end, as shares of the time limit, for this many learners."""
    return (DIVE_ROOT_SHARE, DIVE_SHARE) if learners <= DIVE_LEARNERS else (LARGE_ROOT_SHARE, LARGE_DIVE_SHARE)


ASCENT_SHARE = 0.1
"""Column generation starts with subgradient ascent on the learner duals (``ColumnGeneration.ascend``)
for this share of the time limit: with the start's classes as first columns it gives a bound where
the LP's first duals give none (the p-median stress family, issue 22) and good columns. Only where
the teachers bind the class count (``ColumnGeneration.teachers_bind``): elsewhere it slowed the LP
and lowered the bounds (docs/benchmarks.md, "Figures behind solve()'s constants")."""


def _column_generation(problem: Problem, cand: Candidates, root_end: float, time_limit: float,
                       stopped: Callable[[], bool], stats: dict[str, Any], start: tuple[Placements, Counts] | None
                       ) -> ColumnGeneration | None:
    """The column generation of the dive or of the bound alone, with the start's classes as its first
    columns and the ascent's bound (in ``stats``); ``None`` when its setup runs out of time. Its
    setup and the ascent end by ``root_end``, where the LP ends."""
    try:
        cg = ColumnGeneration(problem, cand, deadline=root_end)
    except OutOfTime:  # a long planning period: the search goes on without the dive
        return None
    # (elsewhere the start's classes as first columns made the dives worse: left out there;
    # docs/benchmarks.md, "Figures behind solve()'s constants")
    upper = None
    if start is not None and cg.teachers_bind:
        cg.add_plan(*start)
        upper = placement_objective(problem, cand, *start)
    if upper is not None and upper > 0:
        # its share counts from now: the start may have taken that long already (on a loaded
        # machine short runs otherwise left it no time)
        until = min(time.perf_counter() + ASCENT_SHARE * time_limit, root_end)
        cg.ascend(until, float(upper), stop=stopped)
        stats["ascent_bound"] = cg.bound().value
    return cg


def _short_side(problem: Problem, cand: Candidates, t0: float, time_limit: float, stopped: Callable[[], bool],
                stats: dict[str, Any], start: tuple[Placements, Counts]) -> tuple[Placements, Counts] | None:
    """Runs too short for the dive (:data:`DIVE_MIN_SECONDS`) still get the LP's bound, in the
    search's last thread, to the root share of the time; where the teachers bind the class count
    they get the dive from it as well (there the LP converges in 1-2 s from the ascent's duals).
    On our generator's cases the LP alone lowered 10 s runs' proven gaps from 23-30% to 3-10%
    with plans as good (paired runs, docs/benchmarks.md).

    Before, short runs had the ascent alone: with households its subgradient moves slowly, so the
    capacitated p-median family kept its trivial bound at 10 s (own gap 39-55%), and the plan
    was the search's from a greedy start 39-137% above the optimum (issue 22)."""
    root = _shares(len(problem.learners))[0]
    cg = _column_generation(problem, cand, t0 + root * time_limit, time_limit, stopped, stats, start)
    if cg is None:
        return None
    if not cg.teachers_bind:  # our generator's cases: the LP's bound, no dive
        b = cg.run(t0 + root * time_limit, stop=stopped)
        if not b.converged and not stopped():
            b = cg.toward_trivial(time.perf_counter() + TOWARD_SHARE * time_limit, stop=stopped)
        stats.update(b.stats())
        if b.converged and len(problem.learners) <= CLASS_MIP_LEARNERS:
            return _class_mip(problem, cand, cg.used_kinds(), start, t0 + DIVE_SHARE * time_limit, stopped, stats)
        return None
    return _dive_from(problem, cand, cg, t0, time_limit, stopped, stats)


CLASS_MIP_LEARNERS = 120
"""Up to this many learners, where the LP converged, SCIP solves the class MIP over the kinds of
class the LP uses and the start's (``classmip.py``, :func:`_class_mip`): in short plain runs
(``_short_side``), after the dive in longer ones (``_dive_from``) and per cap of the frontier. Measured: 10 s runs on S (100 learners) from
3.3-8.3% to 0.05-2.1% above their bound; 60 s frontiers on 80-120 learners every gap lower or
equal, on 150 no gain (the MIPs unproven in their seconds), on the 300-learner sample no better
plan from SCIP in 30-60 s (docs/benchmarks.md, "A MIP over the LP's class kinds")."""


def _class_mip(problem: Problem, cand: Candidates, kinds: set[tuple[int, int]], start: tuple[Placements, Counts],
               end: float, stopped: Callable[[], bool], stats: dict[str, Any]) -> tuple[Placements, Counts] | None:
    """The class MIP over ``kinds`` (those a converged LP uses) and ``start``'s, from ``start``, by
    ``end``; its plan when it passes the checks the dive's plans pass."""
    from .classmip import solve_class_mip

    seconds = end - time.perf_counter()
    if seconds < 0.5 or stopped():
        return None
    found = solve_class_mip(problem, seconds, hint=start, kinds=kinds, stop=stopped)
    sol = None if found.plan is None or not found.valid else placements_from_plan(problem, cand, found.plan)
    if sol is None or not valid_start(problem, cand, *sol):
        stats["class_mip"] = "none"
        return None
    stats["class_mip"] = placement_objective(problem, cand, *sol)
    return sol


def _large_side(problem: Problem, cand: Candidates, t0: float, time_limit: float, stopped: Callable[[], bool],
                stats: dict[str, Any], start: tuple[Placements, Counts], hand: Hand | None = None
                ) -> tuple[Placements, Counts] | None:
    """Where no dive runs (:func:`dives`: the largest problems, large ones in short runs): where
    the teachers bind the class count the search's last thread still gets the ascent's and the
    LP's bound (to the dive's root share).
    The trivial bound is 0 there when every learner lives at a location (p-median, issue 22:
    "a plan never reports a bound of 0 when a cheap valid one exists"). The check comes first
    and cheap (:func:`~optimizer.search.teachers_bind`, the one that gates the ``relocate``
    neighbourhood: 0.08 s on L-base-1), so our generator's large cases, where the teachers do not
    bind, go on searching at once -- except above :data:`LARGE_DIVE_LEARNERS` learners in runs of
    :data:`LARGE_DIVE_MIN_SECONDS` and more (:func:`bound_only`), where the thread first runs the
    LP for the bound alone, to :data:`LARGE_ROOT_SHARE` at the latest, then searches again: the
    whole LP (the 1,500-learner city case at 120 s: bound from the trivial 284,579 to
    300,159-305,065, proven gap 21-22% -> 15-17.5%, the plans as good; XL-base-1 at 300 s, by PDLP:
    bound 651,756 and, from its rounded LP, plan 667,055, proven gap 2.3%, where part by part gave
    635,944 and 690,590, 7.9%; docs/benchmarks.md). Without PDLP (a frozen build) GLOP alone
    cannot solve the LP of more than :data:`LARGE_BOUND_LEARNERS` learners in the time: there
    part by part (:func:`~optimizer.parts.bound_by_parts`: routes and other groups no class joins),
    a part of more than :data:`LARGE_BOUND_LEARNERS` keeping its trivial bound. Part by part is not
    used below: the teachers the routes share bind there (a 160-learner city case: 48,700 by parts
    against 50,510), and the largest part's LP was no faster than the whole one (the city case's
    B1 route, 1,114 learners, not converged after 411 s where the whole LP converged at 381 s).

    Where an LP ran, its last solution, rounded and completed (:func:`_lp_rounded`), is the plan
    the thread returns for the search to go on from; or, in the bound-only LP's case, with the
    search's door (``hand``) and the LP far from converged at its share, hands it over then and
    goes on for the bound alone (:data:`LATE_BOUND_SHARE`)."""
    root, late = DIVE_ROOT_SHARE, False
    if not teachers_bind(problem, cand):
        if not bound_only(len(problem.learners), time_limit):
            return None
        root, late = LARGE_ROOT_SHARE, True  # (the LP may go on for the bound: measured there only)
        from .firstorder import available

        if len(problem.learners) > LARGE_BOUND_LEARNERS and not available():
            from .parts import bound_by_parts, rounded_by_parts

            lps: list[ColumnGeneration] = []
            b, solved = bound_by_parts(problem, cand, t0 + root * time_limit, stopped, max_part=LARGE_BOUND_LEARNERS,
                                       lps=lps)
            if solved:
                stats.update(b.stats())
                stats["colgen_parts"] = solved
            found = rounded_by_parts(problem, cand, lps)
            return None if stopped() else _lp_rounded(problem, cand, found, stats)
    cg = _column_generation(problem, cand, t0 + root * time_limit, time_limit, stopped, stats, start)
    if cg is not None:
        b = cg.run(t0 + root * time_limit, stop=stopped)
        if late:
            stats["lp_at_share"] = (round(b.lp, 1), b.value)
        handed = hand is not None and late and b.lp - b.value > LATE_LP_GAP * abs(b.lp) and not stopped()
        if hand is not None and handed:
            # far from converged: its rounding to the search now and at LATE_HANDS, the LP on
            # for the bound alone
            stats["late_from"] = (round(b.lp, 1), b.value)
            stats.update(b.stats())
            hand(_lp_rounded(problem, cand, cg.rounded(), stats))
            for share in LATE_HANDS:
                b = cg.run(t0 + share * time_limit, stop=stopped)
                if stopped():
                    break
                hand(_lp_rounded(problem, cand, cg.rounded(), stats))
                stats.setdefault("late_hands", []).append(stats.get("lp_rounded"))
                if b.converged:
                    break
            b = cg.run(t0 + LATE_BOUND_SHARE * time_limit, stop=stopped)
        if not b.converged and not stopped():
            # cut short: the bound along the line to the trivial duals, in a little more time
            # (the thread searches again after; docs/benchmarks.md, "Towards the trivial duals")
            b = cg.toward_trivial(time.perf_counter() + TOWARD_SHARE * time_limit, stop=stopped)
        stats.update(b.stats())
        found = None if handed else cg.rounded()
        cg.close()
        if not handed and not stopped():
            return _lp_rounded(problem, cand, found, stats)
    return None


def _lp_rounded(problem: Problem, cand: Candidates, found: tuple[Placements, Counts] | None, stats: dict[str, Any]
                ) -> tuple[Placements, Counts] | None:
    """An LP's last solution rounded to whole classes (``found``: :meth:`~optimizer.colgen.ColumnGeneration.rounded`,
    :func:`~optimizer.parts.rounded_by_parts`) and completed by the greedy, when it passes the
    validator: for the search to go on from, where it beats the search's plan. The LP's classes,
    even of an LP cut short, are better than the search finds in the time (the 1,500-learner city
    case: rounded from 70 s of PDLP and completed 362,608 against the search's 364,000-373,000 at
    120 s; docs/benchmarks.md, "Rounding the LP for the search")."""
    if found is None:
        return None
    found = _completed(problem, cand, found, stats, "lp_completed")
    if not valid_start(problem, cand, *found):
        stats["lp_rounded"] = "invalid"
        return None
    stats["lp_rounded"] = placement_objective(problem, cand, *found)
    return found


TOWARD_SHARE = 0.05
"""Share of the time limit for :meth:`~optimizer.colgen.ColumnGeneration.toward_trivial` after
an LP cut short (for the bound alone: :func:`_short_side`, :func:`_large_side`, :func:`_proven`)."""


LARGE_BOUND_LEARNERS = 2000
"""Above :data:`LARGE_DIVE_LEARNERS` learners, runs of :data:`LARGE_DIVE_MIN_SECONDS` and more give
one search thread to the LP's bound. Without PDLP (a frozen build) GLOP solves it: up to this many
learners the whole LP; above, part by part, where a part of more learners than this keeps its
trivial bound (its LP would not converge in the time). With PDLP: the whole LP at any size."""


def bound_only(learners: int, time_limit: float) -> bool:
    """Does a plain run of this size, without a dive, spend a search thread on the LP's bound?"""
    return BOUND_ONLY and learners > LARGE_DIVE_LEARNERS and time_limit >= LARGE_DIVE_MIN_SECONDS


BOUND_ONLY = True
"""A switch for paired runs of :func:`bound_only`."""

LATE_BOUND_SHARE, LATE_LP_GAP = 0.92, 0.01
"""Where the bound-only LP (:func:`_large_side`) is still more than ``LATE_LP_GAP`` (a share of
its value) above its bound at :data:`LARGE_ROOT_SHARE` of the time, it hands its rounding to the
search then and goes on for the bound alone to ``LATE_BOUND_SHARE`` (the search one thread short
meanwhile). On a slower machine (a 3-million-step Python loop 0.47 s), one run each at 300 s:
XL-base-1 642,121 -> 651,845, 650,759, 649,141 and 648,096 (proven gap 3.84% -> 2.01%, 2.86%,
2.42%, 3.20%; plans 667,772 -> 665,230, 669,950, 665,227, 669,512; its LP 3.0-4.8% above its
bound at the share), XL-base-2 597,686 -> 617,758 (8.98% -> 5.85%; plans 656,679 / 656,161;
5.6%). Not on the 1,500-learner city case at 120 s, whose LP is within 0.23-0.83% of its bound
then: going on raised the bound by 500-600 and left the plans at 353,649-353,787 against
349,936-351,843. The test was 1.5% until an XL-base-1 run stopped its LP at the share short of
it and proved 3.21% (667,482 / 646,035); at 1%, where its LP was 1.21% off (655,243 / 647,311),
it went on: 664,551 / 652,743, 1.78% (docs/benchmarks.md, "The LP goes on for the bound")."""


LATE_HANDS = (0.75, 0.85)
"""Where the bound-only LP goes on for the bound (:data:`LATE_LP_GAP`), it hands its rounding to
the search again at these shares of the time: the search takes it where it beats its own plan.
Insurance against a poor first rounding, at 3-4 s of the LP's time each. XL-base-2 at 300 s, one
run each on a slow machine (loop 0.50 s): the rounding at 65% was 660,950, worse than the
search's 658,848, and the plan ended at 656,534 / 620,805 (5.44%); in two runs with these hands
the roundings at 65% were 649,717 and 658,758 (taken), those after 645,594-648,844 and
643,494-643,926 (not taken: the search was further), plans 637,631 / 621,932 (2.46%) and
640,109 / 621,454 (2.91%). XL-base-1: 665,531 / 652,345 (1.98%), the later roundings not taken
(docs/benchmarks.md, "The LP goes on for the bound")."""


Hand = Callable[[tuple[Placements, Counts] | None], None]
"""The search's door for a plan from its side thread while that goes on
(``search.large_neighbourhood_search``)."""


def _dived_plan(problem: Problem, cand: Candidates, t0: float, time_limit: float, stopped: Callable[[], bool],
                stats: dict[str, Any], start: tuple[Placements, Counts] | None = None, hand: Hand | None = None
                ) -> tuple[Placements, Counts] | None:
    """A plan by column generation and diving (``None`` on ``stopped()`` or when its plan breaks
    a rule the LP leaves out); its proven bound goes into ``stats``. An LP that has not
    converged in its share of the time is dived from as it is: a cut LP still dives to good
    plans (docs/benchmarks.md, "Figures behind solve()'s constants")."""
    root = _shares(len(problem.learners))[0]
    cg = _column_generation(problem, cand, t0 + root * time_limit, time_limit, stopped, stats, start)
    if cg is None:  # a long planning period: the search goes on without the dive
        stats["dive"] = "out of time"
        return None
    return _dive_from(problem, cand, cg, t0, time_limit, stopped, stats, hand)


def _dive_from(problem: Problem, cand: Candidates, cg: ColumnGeneration, t0: float, time_limit: float, stopped: Callable[[], bool],
               stats: dict[str, Any], hand: Hand | None = None) -> tuple[Placements, Counts] | None:
    """Column generation ``cg`` run to its share of the time, then its dive, completed and checked.
    Above :data:`DIVE_LEARNERS` the LP's last solution, rounded and completed, goes to the search
    by ``hand`` before the dive (:data:`ROUND_BEFORE_DIVE`); up to it, with ``hand``, the dive's
    plan goes to the search at once and further dives from the same LP follow while their time
    allows (:data:`MORE_DIVES`)."""
    root, dive = _shares(len(problem.learners))
    b = cg.run(t0 + root * time_limit, stop=stopped)
    stats.update(b.stats())
    if hand is not None and len(problem.learners) > DIVE_LEARNERS and ROUND_BEFORE_DIVE and not stopped():
        hand(_lp_rounded(problem, cand, cg.rounded(), stats))
    end = _dive_end(t0, time_limit, dive, stats)
    # (read now: the dive changes the LP; only where the class MIP may follow)
    kinds = cg.used_kinds() if b.converged and len(problem.learners) <= CLASS_MIP_LEARNERS else None
    more = list(MORE_DIVES) if hand is not None and len(problem.learners) <= DIVE_LEARNERS else []
    spare = cg.fork() if more and not stopped() else None  # (the dive changes the LP: a copy for the next)
    began = time.perf_counter()
    found, stats["dive"] = _one_dive(problem, cand, cg, end, stopped, stats,
                                     **(LARGE_DIVE if len(problem.learners) > DIVE_LEARNERS else {}))
    stats["dive_seconds"] = round(time.perf_counter() - t0, 2)
    if found is not None and kinds is not None and stats["dive"] > b.value:
        # the MIP over the converged LP's kinds, from the dived plan, in the dive's time left:
        # 30 s runs on 100 learners from 1.2-3.8% above their bound to 0.05-1.6% on four cases
        # of nine, none worse (docs/benchmarks.md, "A MIP over the LP's class kinds")
        better = _class_mip(problem, cand, kinds, found, end, stopped, stats)
        if better is not None and placement_objective(problem, cand, *better) < stats["dive"]:
            found = better
    if spare is None or hand is None:
        return found
    # More dives from the same LP, each with other settings (so another plan), while the time
    # left holds one more as long as the last: the search goes on from the best. One dive's plan
    # lay anywhere in a band of 1-2% above the bound (M-base-1..5, docs/benchmarks.md, "More
    # dives from one LP").
    hand(found)
    end = _dive_end(t0, time_limit, MORE_DIVES_SHARE, stats)
    best = None if found is None else placement_objective(problem, cand, *found)
    dived = [stats["dive"]]
    took = time.perf_counter() - began
    for i, (picks, iterations) in enumerate(more):
        if spare is None or stopped() or end - time.perf_counter() < DIVE_MARGIN * took:
            break
        began = time.perf_counter()
        source, spare = spare, (spare.fork() if i + 1 < len(more) else None)
        got, value = _one_dive(problem, cand, source, end, stopped, {}, picks=picks, iterations=iterations)
        took = time.perf_counter() - began
        dived.append(value)
        if got is not None and isinstance(value, int) and (best is None or value < best):  # (got's objective)
            best, found = value, got
            hand(got)
    stats["dives"] = dived
    return found


def _one_dive(problem: Problem, cand: Candidates, cg: ColumnGeneration, end: float, stopped: Callable[[], bool],
              stats: dict[str, Any], **settings: Any) -> tuple[tuple[Placements, Counts] | None, int | str]:
    """``cg``'s dive by ``end`` (:meth:`~optimizer.colgen.ColumnGeneration.dive` with ``settings``),
    completed: the plan and its objective when it passes the checks, else None and why not
    ("none", "invalid")."""
    found = cg.dive(end, stop=stopped, **settings)
    if found is not None:
        found = _completed(problem, cand, found, stats)
    if found is None or not valid_start(problem, cand, *found):
        return None, "none" if found is None else "invalid"
    return found, placement_objective(problem, cand, *found)


MORE_DIVES: tuple[tuple[int, int], ...] = ((3, 10), (2, 10), (3, 20))
"""(picks, iterations) of the dives after the first, up to :data:`DIVE_LEARNERS` learners: each
setting dives to another plan from the same LP."""
MORE_DIVES_SHARE = 0.95
"""The dives after the first end by this share of the time limit (the first by :data:`DIVE_SHARE`:
the search from it has the rest; theirs goes on beside them)."""
DIVE_MARGIN = 1.0
"""A further dive starts only while the time left before their end is this many times the last
dive's seconds (a dive cut off rounds its LP: a poor plan)."""


LARGE_DIVE: dict[str, Any] = {"keep": 3000, "new_columns": 100}
"""The dive's settings above :data:`DIVE_LEARNERS` (:meth:`~optimizer.colgen.ColumnGeneration.dive`):
from the 3,000 classes of least reduced cost, not the whole pool, and fewer new classes per round,
so that GLOP's re-solves stay short (docs/benchmarks.md, "A faster dive on 1,000 learners")."""


ROUND_BEFORE_DIVE = True
"""Hand the search the rounded LP before a dive on more than :data:`DIVE_LEARNERS` learners:
the dive takes a third of the run there."""


COMPLETION_RESERVE = 1.5
"""The dive ends this many times the start's seconds (``stats["start_seconds"]``: candidates, the
greedy and its regrouping) before the time limit at the latest: its completion (:func:`_completed`,
the greedy again from the dived plan) takes about as long as the start (3,000 learners: start
10 s, completion 13 s). It binds only where the start takes a large part of the limit; the dive's
share alone then left the completion past the limit (docs/benchmarks.md, "The dive's deadline")."""


def _dive_end(t0: float, time_limit: float, share: float, stats: dict[str, Any]) -> float:
    """When the dive must end: at ``share`` of the time limit, and early enough for its completion."""
    reserve = COMPLETION_RESERVE * float(stats.get("start_seconds", 0.0))
    return min(t0 + share * time_limit, t0 + time_limit - reserve)


def _completed(problem: Problem, cand: Candidates, dived: tuple[Placements, Counts], stats: dict[str, Any],
               key: str = "dive_completed") -> tuple[Placements, Counts]:
    """A dived plan with the learners it leaves waiting placed where rules allow: the greedy
    keeps the dived classes and fills their free seats or opens further classes (then its add
    step). A dive rounded at its deadline, or one whose LP had not converged, can leave many
    waiting, and then scores worse than the start and is thrown away although its classes are
    good (docs/benchmarks.md, "Figures behind solve()'s constants"). The dived plan is kept as it
    is when the greedy cannot take it over.

    Under a floor on the number placed or a cap on the waiting (``cand.min_placed``,
    ``cand.wait_budget``: the frontier's dives) the plan is then completed up to them whatever
    that costs (:func:`_floored`): a plan that breaks them is no plan of the point at all
    (docs/benchmarks.md, issue 18: completing a dive up to the floor)."""
    done = dived
    if not all(pl is not None for pl in dived[0].values()):
        before = placement_objective(problem, cand, *dived)
        st: dict[str, Any] = {}
        greedy = _regrouped(problem, cand, greedy_plan(problem, cand, start=dived), st)
        after = placement_objective(problem, cand, *greedy)
        if after < before and valid_start(problem, cand, *greedy):
            stats[key] = (before, after)
            done = greedy
    return _floored(problem, cand, done, stats)


def _placed_and_waiting(problem: Problem, sol: tuple[Placements, Counts]) -> tuple[int, int]:
    """Learners placed in a class, and the waiting weeks of all together."""
    return (sum(pl is not None for pl in sol[0].values()),
            sum(wait_weeks(problem, lid, pl) for lid, pl in sol[0].items()))


def _floored(problem: Problem, cand: Candidates, sol: tuple[Placements, Counts], stats: dict[str, Any]
             ) -> tuple[Placements, Counts]:
    """``sol`` completed up to the floor on the number placed and within the wait budget
    (:func:`~optimizer.greedy.greedy_fill`: the cheapest learners that fit, into free seats or
    new classes, whatever they cost). ``stats["floor"]`` says what it did: (placed, waiting
    weeks) before and after, and ``"unmet"`` when the floor or the budget still does not hold
    (no seat, teacher or room left for them) or the completed plan breaks a rule; ``sol`` is
    then returned as it is."""
    floor, budget = cand.min_placed, cand.wait_budget
    placed, waiting = _placed_and_waiting(problem, sol)
    if (floor is None or placed >= floor) and (budget is None or waiting <= budget):
        return sol
    t0 = time.perf_counter()
    filled = greedy_fill(problem, cand, sol, floor, budget)
    if filled is None:
        stats["floor"] = {"from": (placed, waiting), "unmet": "the dived plan does not fit"}
        return sol
    filled = _regrouped(problem, cand, filled, {})
    now = _placed_and_waiting(problem, filled)
    stats["floor"] = {"from": (placed, waiting), "to": now, "floor": floor, "budget": budget,
                      "seconds": round(time.perf_counter() - t0, 2)}
    if (floor is not None and now[0] < floor) or (budget is not None and now[1] > budget):
        stats["floor"]["unmet"] = "no seat or class left"
        return sol
    if not valid_start(problem, cand, *filled):
        stats["floor"]["unmet"] = "the completed plan breaks a rule"
        return sol
    return filled


FULL_START_SECONDS = 10.0
"""From this time limit on, the greedy plan from scratch is also built when the earlier plan gives
a start, and the cheaper one is taken; below it the earlier plan's start is used at once (a
weekly re-plan with a second or two: the time goes to the search instead)."""


START_SHARE = 0.7
"""The starting plan (candidates and greedy) ends by this share of the time limit at the latest:
the greedy then returns the classes it has opened (a valid plan) and the search goes on from
there. Only long planning periods reach it (docs/benchmarks.md, "Figures behind solve()'s
constants"); deterministic runs never cut it (it would depend on the machine's speed)."""


def _starting_plan(problem: Problem, cand: Candidates, warm_start: Plan | None, time_limit: float,
                   stats: dict[str, Any], deadline: float | None = None) -> tuple[Placements, Counts]:
    """The plan the search starts from: the greedy plan, or an earlier one when that is cheaper.

    ``warm_start`` (a plan of this problem) is mapped as it is; ``problem.previous`` (last
    week's plan) is completed with the newcomers by the greedy. Either is used only when the
    independent validator accepts it here. The greedy stops at ``deadline`` (see
    :data:`START_SHARE`).
    """
    warm, name = None, "previous"
    if warm_start is not None and warm_start.is_feasible():
        warm, name = placements_from_plan(problem, cand, warm_start), "warm_start"
    elif problem.previous:
        warm = completed_previous(problem, cand, deadline=deadline, stats=stats)
        if warm is not None and not valid_start(problem, cand, *warm):
            warm = None
    if warm is not None:
        stats[f"{name}_objective"] = placement_objective(problem, cand, *warm)
        if (cand.wait_budget is not None or cand.misfit_cap is not None or cand.min_placed is not None) \
                and name == "warm_start":
            stats["start"] = name  # the greedy plan does not know the cap
            return _floored(problem, cand, warm, stats)  # within the cap when the completion can
        if name == "previous" and time_limit < FULL_START_SECONDS:
            stats["start"] = name
            return warm
    hint = greedy_plan(problem, cand, deadline=deadline)
    if not valid_start(problem, cand, *hint):  # the add step broke a rule it does not model
        stats["greedy_add"] = "invalid"
        hint = greedy_plan(problem, cand, deadline=deadline, add=False)
    if deadline is not None and time.perf_counter() >= deadline:
        stats["greedy_cut"] = True
    stats["greedy_objective"] = placement_objective(problem, cand, *hint)
    hint = _regrouped(problem, cand, hint, stats)
    # the greedy plan does not know a cap on the waiting or a floor: completed up to them where it
    # can be, since the search moves only between plans within them
    hint = _floored(problem, cand, hint, stats)
    stats["start"] = "greedy"
    if warm is not None and stats[f"{name}_objective"] < placement_objective(problem, cand, *hint):
        hint, stats["start"] = warm, name
    return hint


def _with_bound(plan: Plan, bound: float) -> Plan:
    if not plan.is_feasible() or bound == plan.bound:
        return plan
    status = proven_status(plan.status, plan.objective, bound)
    return replace(plan, bound=min(bound, float(plan.objective)), status=status)


def _regrouped(problem: Problem, cand: Candidates, sol: tuple[Placements, Counts], stats: dict[str, Any]
               ) -> tuple[Placements, Counts]:
    """Exact regrouping by level (``regroup.py``); counts the points it saved."""
    if not stats.get("regroup", True):
        return sol
    placements, counts, saved = regroup(problem, cand, *sol)
    if cand.misfit_cap is not None and misfit_excess(problem, cand, placements) > cand.misfit_room:
        return sol  # regrouping may trade misfit for the move penalty; the cap comes first
    stats["regroup_saved"] = stats.get("regroup_saved", 0) + saved
    return placements, counts


def _solve_by_search(problem: Problem, cand: Candidates, hint: tuple[Placements, Counts], diagnosis: list,
                     stats: dict[str, Any], t0: float, options: SolveOptions,
                     on_progress: Callable[[Progress], None] | None, stop: StopFlag | None, bound: float) -> Plan:
    """The neighbourhood search's plan within ``options.time_limit`` (from ``t0``), from ``hint``."""
    trace: list[tuple[float, float, float]] = []
    count = [0]
    best = [placement_objective(problem, cand, *hint)]

    def report(value: int) -> None:
        count[0] += 1
        best[0] = min(best[0], value)
        elapsed = time.perf_counter() - t0
        proven = max(bound, float(stats.get("colgen_bound", 0)))  # the dive's LP, once it has one
        trace.append((elapsed, float(value), proven))
        if on_progress is not None:
            try:
                on_progress(Progress(float(value), proven, elapsed, count[0]))
            except Exception:
                log.exception("progress listener failed")

    report(placement_objective(problem, cand, *hint))
    side = None
    time_limit, deterministic = options.time_limit, options.deterministic
    plain = not deterministic and cand.wait_budget is None and cand.misfit_cap is None and cand.min_placed is None
    diving = plain and dives(len(problem.learners), time_limit)
    if plain and not diving and bound < placement_objective(problem, cand, *hint):
        def side(stopped: Callable[[], bool], hand: Hand) -> tuple[Placements, Counts] | None:
            return _large_side(problem, cand, t0, time_limit, stopped, stats, hint, hand=hand)
    elif diving:
        if time_limit >= DIVE_MIN_SECONDS:
            def side(stopped: Callable[[], bool], hand: Hand) -> tuple[Placements, Counts] | None:
                return _dived_plan(problem, cand, t0, time_limit, stopped, stats, hint, hand=hand)
        elif bound < placement_objective(problem, cand, *hint):
            def side(stopped: Callable[[], bool], hand: Hand) -> tuple[Placements, Counts] | None:
                return _short_side(problem, cand, t0, time_limit, stopped, stats, hint)

    def done() -> bool:
        """Stopped by the caller, or the plan is proven optimal (the search cannot improve it: the
        p-median family's 60 s runs, all proven optimal, each took the full 60 s; issue 22)."""
        if stop is not None and stopped(stop):
            return True
        if bound_proves(best[0], max(bound, float(stats.get("colgen_bound", 0)))):
            stats.setdefault("proven_at", round(time.perf_counter() - t0, 2))
            return True
        return False

    # Many small steps beat few large ones (measured: docs/benchmarks.md, "search step size").
    step = max(0.1, min(0.3, time_limit / 5))
    placements, counts, sstats = large_neighbourhood_search(
        problem, cand, hint[0], hint[1], deadline=t0 + time_limit, stop=done, on_improve=report, seed=options.seed,
        workers=options.workers or 2, step_seconds=step, deterministic=deterministic,
        max_steps=max(1, int(time_limit / step)) if deterministic else None, side=side,
    )
    bound = max(bound, float(stats.get("colgen_bound", 0)))
    placements, counts = _regrouped(problem, cand, (placements, counts), stats)
    stats.update(trace=trace, lns_steps=sstats.steps, lns_improvements=sstats.improvements,
                 lns_kinds={k: tuple(v) for k, v in sstats.by_kind.items()},
                 lns_stale=(sstats.stale_merged, sstats.stale_rejected), status_name="FEASIBLE")
    try:
        return assemble_plan(problem, cand, placements, counts, "FEASIBLE", bound, time.perf_counter() - t0,
                             diagnosis, stats)
    except SplitError as exc:  # pragma: no cover - the search only accepts plans that split
        log.error("could not split class kind %s; falling back to the starting plan", exc.slot)
        return assemble_plan(problem, cand, *hint, "HEURISTIC", bound, time.perf_counter() - t0, diagnosis, stats)


def _finish(problem: Problem, cand: Candidates, model: KlasModel, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus,
            diagnosis: list, stats: dict[str, Any], t0: float, hint: tuple[Placements, Counts],
            fallback: str = "HEURISTIC") -> Plan:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placements, counts = model.extract(solver, earliest=False)
        if placement_objective(problem, cand, placements, counts) != round(solver.objective_value):
            raise AssertionError(f"objective mismatch: model {solver.objective_value}")
        placements = earliest_entries(cand, placements)
        name = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
        if name != "OPTIMAL":
            placements, counts = _regrouped(problem, cand, (placements, counts), stats)
        bound = solver.best_objective_bound
        try:
            return assemble_plan(problem, cand, placements, counts, name, bound, time.perf_counter() - t0,
                                 diagnosis, stats)
        except SplitError as exc:  # pragma: no cover - guarded by the model; report, never hide
            log.error("could not split class kind %s; falling back to the constructive plan", exc.slot)
            return assemble_plan(problem, cand, *hint, "HEURISTIC", bound, time.perf_counter() - t0, diagnosis, stats)
    if status == cp_model.INFEASIBLE:
        capped = cand.wait_budget is not None or cand.misfit_cap is not None or cand.min_placed is not None
        diagnosis = [*diagnosis, msg("diag_infeasible_caps" if capped else "diag_infeasible")]
        return Plan((), {}, 0, {}, 0.0, "INFEASIBLE", time.perf_counter() - t0, diagnosis=tuple(diagnosis), stats=stats)
    # No solution within the limit: the starting plan is complete and valid.
    stats["note"] = "no CP-SAT solution within the limit; the starting plan is returned"
    return assemble_plan(problem, cand, *hint, fallback, max(0.0, solver.best_objective_bound),
                         time.perf_counter() - t0, diagnosis, stats)

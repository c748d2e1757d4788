"""Planning services for the GUI: solve, re-optimize with locks, and the trade-off frontier.

The GUI never calls the optimizer itself: it builds a :class:`SolveRequest` here (on the GUI
thread, cheap) and runs :func:`run_solve` or :func:`run_tradeoff` in a background worker with a
``threading.Event`` as stop flag. Both are plain functions without Qt.

The trade-off (:func:`run_tradeoff`) is the frontier (``optimizer.frontier``): distinct plans from
the fastest start to the most homogeneous, each with its proven gap; while it runs, every solve
that ends gives a provisional frontier (:func:`provisional_frontier`) so the view fills as the
points arrive. :func:`frontier_choices` makes its points plans to continue with
(:func:`adopt_point`). With a cap the older search for the best plan within it stays
(:func:`run_capped`).

Two ways to plan:

- *fresh* (:func:`fresh_request`): a new plan from scratch; locked learners and classes hold (a
  locked learner's class goes along as a known class, so the pin to it can be met).
- *re-optimize* (:func:`reoptimize_request`): every locked learner gets ``Learner.pin`` = their
  class (or :data:`~optimizer.domain.WAITLIST`), every current new class becomes a known class
  (locked ones with ``locked=True``), ``previous`` maps each learner to their current class so
  moves cost ``weights.move``, and the current plan is the warm start when it keeps every rule.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from app.planner.editing import Locks, PlanState, class_spec, derived, merge_known, rule_notes
from optimizer.candidates import build_candidates
from optimizer.domain import WAITLIST, ClassSpec, Problem, Weights
from optimizer.frontier import (
    FAST_RATIO,
    HOMOGENEOUS_RATIO,
    Frontier,
    FrontierPoint,
    changes,
    dominates,
    floor_of,
    frontier,
    frontier_weights,
    plan_key,
)
from optimizer.options import SolveOptions
from optimizer.plan import Plan, Progress, proven_status
from optimizer.solve import StopFlag, solve
from optimizer.tradeoff import TradeoffPoint, WithinCap, best_within, rescore, weights_at
from optimizer.validate import validate

FRESH = "fresh"
REOPTIMIZE = "reoptimize"


def default_workers() -> int:
    """Solver threads: every core, at most 8 (CP-SAT gains little beyond that)."""
    return max(1, min(8, os.cpu_count() or 1))


def with_default_workers(options: SolveOptions) -> SolveOptions:
    """``options`` with :func:`default_workers` threads unless they name a number."""
    return options if options.workers else replace(options, workers=default_workers())


@dataclass(frozen=True)
class SolveRequest:
    """Everything one solve needs, prepared on the GUI thread and run in a worker."""

    problem: Problem
    """The problem as solved: with pins for locked learners and known classes."""
    options: SolveOptions = SolveOptions()
    """Time limit, threads (None: :func:`default_workers`), seed, bound time."""
    mode: str = FRESH
    warm_start: Plan | None = None
    locks: Locks = Locks()
    known_classes: tuple[ClassSpec, ...] = ()
    previous: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class SolveOutcome:
    """The result of a solve: a new state when a plan was found, else the plan's diagnosis."""

    plan: Plan
    state: PlanState | None
    stopped: bool = False

    @property
    def ok(self) -> bool:
        return self.state is not None


def pinned_by_locks(problem: Problem, state: PlanState | None) -> Problem:
    """Locked learners pinned to their current class or the waiting list (for a re-plan, and for
    the plan workbook: its Vastgezet column hands the locks on, so they hold after a re-import)."""
    if state is None or not state.locks.learners:
        return problem
    plan = state.plan
    learners = tuple(
        replace(lr, pin=plan.assignments[lr.id].class_id or WAITLIST)
        if lr.id in state.locks.learners and lr.id in plan.assignments else lr
        for lr in problem.learners
    )
    return derived(problem, learners=learners, same_places=True)


def fresh_request(problem: Problem, state: PlanState | None, options: SolveOptions) -> SolveRequest:
    """A new plan from scratch; locked learners and locked classes of ``state`` still hold.

    A locked learner in a new class is pinned to that class, so the class goes along as a known
    class: the new plan opens a class of the same kind (route, location, schedule, start week,
    level, language, group) under the same id with the learner in it. Only a locked class must
    also keep exactly that form (``locked=True``); the other classes are not carried.
    """
    if state is None:
        return SolveRequest(problem, options, FRESH)
    held = _holding_locked_learners(state)
    specs = tuple(class_spec(c, locked=c.id in state.locks.classes) for c in state.plan.classes
                  if not c.running and (c.id in state.locks.classes or c.id in held))
    solved = pinned_by_locks(problem, state)
    if specs:
        solved = derived(solved, known_classes=merge_known(problem.known_classes, specs))
    locks = _surviving_locks(state)
    return SolveRequest(solved, options, FRESH, locks=locks, known_classes=specs)


def _holding_locked_learners(state: PlanState) -> set[str]:
    """Ids of the classes of ``state``'s plan that hold a locked learner."""
    assignments = state.plan.assignments
    return {a.class_id for lid in state.locks.learners
            if (a := assignments.get(lid)) is not None and a.class_id is not None}


def reoptimize_request(problem: Problem, state: PlanState, options: SolveOptions) -> SolveRequest:
    """Re-plan from the current plan: locks hold, moves cost ``weights.move``, warm start."""
    plan = state.plan
    specs = tuple(class_spec(c, locked=c.id in state.locks.classes) for c in plan.classes if not c.running)
    previous = {lid: a.class_id for lid, a in plan.assignments.items()}
    solved = derived(pinned_by_locks(problem, state), known_classes=merge_known(problem.known_classes, specs),
                     previous=previous)
    # A plan that breaks a rule (a hand move into a full running class) is no start: the search
    # kept it as it was (the banner stayed next to "goed plan"). Without it the solver starts from
    # ``previous`` cut back to what fits, so the unlocked learners are moved out again.
    warm = plan if validate(solved, plan).ok else None
    return SolveRequest(solved, options, REOPTIMIZE, warm_start=warm, locks=_surviving_locks(state),
                        known_classes=specs, previous=previous)


def _surviving_locks(state: PlanState) -> Locks:
    return Locks(learners=state.locks.learners,
                 classes=frozenset(c.id for c in state.plan.classes if c.id in state.locks.classes))


def run_solve(request: SolveRequest, on_progress: Callable[[Progress], None] | None = None,
              stop: StopFlag | None = None) -> SolveOutcome:
    """Solve ``request`` (blocking; call it from a worker thread)."""
    plan = solve(request.problem, with_default_workers(request.options), on_progress=on_progress, stop=stop,
                 warm_start=request.warm_start)
    stopped = bool(stop is not None and (stop.is_set() if hasattr(stop, "is_set") else stop()))
    if not plan.is_feasible():
        return SolveOutcome(plan, None, stopped)
    return SolveOutcome(plan, state_after_solve(request, plan), stopped)


def state_after_solve(request: SolveRequest, plan: Plan) -> PlanState:
    """The state of a freshly solved plan: locks that still apply, context for later edits."""
    ids = {c.id for c in plan.classes}
    locks = Locks(learners=request.locks.learners & frozenset(plan.assignments),
                  classes=frozenset(c for c in request.locks.classes if c in ids))
    classes = tuple(replace(c, locked=c.id in locks.classes) for c in plan.classes)
    if classes != plan.classes:
        plan = replace(plan, classes=classes)
    report = validate(request.problem, plan)
    state = PlanState(plan, locks, request.known_classes, dict(request.previous))
    notes = rule_notes(request.problem, plan, report.violations, locks)
    return replace(state, notes=notes)


@dataclass(frozen=True)
class TradeoffRequest:
    """The frontier of plans from the fastest start to the most homogeneous (locked learners and
    classes hold), or, with a cap, ``points`` plans searching the best one within it (:func:`best_within`)."""

    problem: Problem
    points: int = 5
    options: SolveOptions = SolveOptions(time_limit=60.0)
    """``time_limit``: the seconds of all the solves together."""
    base: SolveRequest | None = None
    max_wait_mean: float | None = None
    max_misfit_mean: float | None = None
    current: Plan | None = None
    """The planner's plan when the request was made (marked on the frontier when a point beats it)."""

    @property
    def capped(self) -> bool:
        return self.max_wait_mean is not None or self.max_misfit_mean is not None


def tradeoff_request(problem: Problem, state: PlanState | None, points: int, options: SolveOptions, *,
                     max_wait_mean: float | None = None, max_misfit_mean: float | None = None) -> TradeoffRequest:
    base = fresh_request(problem, state, options)
    return TradeoffRequest(base.problem, points, options, base=base, max_wait_mean=max_wait_mean,
                           max_misfit_mean=max_misfit_mean, current=None if state is None else state.plan)


def run_tradeoff(request: TradeoffRequest,
                 on_point: Callable[[Frontier, int, int], None] | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 stop: StopFlag | None = None) -> Frontier:
    """The frontier from the fastest start to the most homogeneous (blocking; call it from a
    worker thread). Locked learners and classes hold (the request's problem pins them). The
    current plan (``request.base.warm_start`` or the state's plan the request was made from)
    is marked when a point beats it. ``on_point(frontier, done, total)`` hears the provisional
    frontier every time a solve ends."""
    current = request.current
    seen: list[FrontierPoint] = []
    weights = frontier_weights(request.problem.weights)
    n = len(request.problem.learners)

    def heard(point: FrontierPoint, done: int, total: int) -> None:
        seen.append(point)
        if on_point is not None:
            on_point(provisional_frontier(seen, weights, n, current), done, total)

    return frontier(request.problem, request.points, with_default_workers(request.options), current=current,
                    on_point=heard, on_progress=on_progress, stop=stop)


def provisional_frontier(seen: list[FrontierPoint], weights: Weights, learners: int,
                         current: Plan | None = None) -> Frontier:
    """The frontier of the plans solved so far (while :func:`optimizer.frontier.frontier` runs):
    the valid plans no other beats on both mean wait and mean misfit, one per plan, fastest
    first; each capped at its own mean wait and compared with the fastest of them. A point keeps
    its solve's bound only when the plan keeps that solve's cap (else 0: not proven yet). Plans
    below the frontier's floor on the number placed (a share of whom the first fastest plan
    places: :func:`~optimizer.frontier.floor_of`) are left out as the frontier leaves them out
    (seen from outside: a plan placing nobody, misfit 0, shown as "meest homogeen")."""
    fastest = next((p for p in seen if p.role == "fastest" and p.plan.is_feasible()), None)
    floor = floor_of(int(fastest.plan.figures.get("placed", 0))) if fastest is not None else 0
    plans: dict[tuple, FrontierPoint] = {}
    for p in seen:
        if not p.plan.is_feasible() or (p is not fastest and int(p.plan.figures.get("placed", 0)) < floor):
            continue
        bound = p.bound
        if p.cap is not None and _wait_sum(p.plan) > p.cap * learners + 1e-6:
            bound = 0.0  # a start that broke its solve's cap: that solve's bound is not its bound
        key = plan_key(p.plan)
        if key not in plans or bound > plans[key].bound:
            plans[key] = replace(p, bound=min(bound, float(p.plan.objective)))
    kept = [p for p in plans.values() if not any(dominates(q.plan, p.plan) for q in plans.values())]
    kept.sort(key=lambda p: (p.mean_wait, p.mean_misfit))
    front: list[FrontierPoint] = []
    for p in kept:
        if front and p.mean_wait <= front[-1].mean_wait + 1e-9:
            continue  # the same figures as the point before
        front.append(p)
    out = []
    last = "homogeneous" if any(p.role == "homogeneous" for p in seen) else "between"  # the far end solved
    for i, p in enumerate(front):
        role = "fastest" if i == 0 else last if i == len(front) - 1 else "between"
        out.append(replace(p, cap=_wait_sum(p.plan) / max(1, learners), role=role,
                           changes=changes(front[0].plan, p.plan)))
    dominated_by = None
    if current is not None and current.is_feasible():
        dominated_by = next((i for i, p in enumerate(out) if dominates(p.plan, current)), None)
    return Frontier(out, weights, current, dominated_by, solves=len(seen))


def _wait_sum(plan: Plan) -> int:
    return sum(a.wait_weeks for a in plan.assignments.values())


def frontier_choices(fr: Frontier, base: Weights, lang: str | None = None) -> list[TradeoffPoint]:
    """The frontier's points as plans to continue with (:func:`adopt_point`), fastest first: each
    labelled in the planner's words, with weights a share of the way from the fastest start's
    (:data:`~optimizer.frontier.FAST_RATIO`) to the most homogeneous (the frontier's own ratio)
    by its place on the frontier (the last point short of the far end when the search stopped
    before it), so that re-optimizing from it stays near it; the plan's
    objective under those weights and no bound yet (:func:`plan_under`; :func:`adopt_point` gives
    it one)."""
    n = len(fr.points)
    # a frontier stopped before its far end: the last point lies short of it (with the far end's
    # weights, re-optimizing it on the sample placed 165 of 300 learners where it placed 229)
    steps = n - 1 if fr.points and fr.points[-1].role == "homogeneous" else n
    out = []
    for k, p in enumerate(fr.points):
        alpha = k / steps if steps > 0 else 0.0
        w = weights_at(base, alpha, FAST_RATIO, HOMOGENEOUS_RATIO)
        out.append(TradeoffPoint(p.label(lang), alpha, w, plan_under(p, fr.weights, w)))
    return out


def cheapest_bound(problem: Problem) -> float:
    """A lower bound on every valid plan of ``problem``: each learner at their cheapest option
    (waiting included), as :func:`optimizer.solve` starts from."""
    cand = build_candidates(problem)
    return float(sum(cand.cheapest(lid) for lid in cand.options))


def plan_under(point: FrontierPoint, measured: Weights, weights: Weights, bound: float = 0.0) -> Plan:
    """A frontier point's plan with its objective under ``weights`` and ``bound``, a lower bound
    valid for every plan of the problem under ``weights`` (0: none known).

    Neither the plan's own ``bound`` (that of whichever solve found it, under that solve's
    weights: 70 times the objective once) nor the frontier's proof carries over: the frontier
    proves ``point.bound`` only for the plans that wait no longer and keep its floor on the number
    placed, while the plan continued with competes with every plan (one that places fewer may
    score far lower). So the gap shown after adopting is against ``bound``; re-optimizing proves a
    tighter one."""
    plan = rescore(point.plan, measured, weights)
    if not plan.is_feasible():
        return plan
    bound = min(max(0.0, bound), float(plan.objective))
    # optimal for another solve's weights; found by a dive or a repair rather than the search
    # ("HEURISTIC"): a valid plan not proven optimal under these weights either way, and the
    # frontier's own proof is the point's gap (the planner saw 'heuristisch' beside '≤ 7,0%')
    status = "FEASIBLE" if plan.status in ("OPTIMAL", "HEURISTIC") else plan.status
    return replace(plan, bound=bound, status=proven_status(status, plan.objective, bound))


def run_capped(request: TradeoffRequest,
               on_point: Callable[[TradeoffPoint, int, int], None] | None = None,
               on_progress: Callable[[Progress], None] | None = None,
               stop: StopFlag | None = None) -> WithinCap:
    """The best plan within the request's cap (blocking; call it from a worker thread)."""
    return best_within(request.problem, max_wait_mean=request.max_wait_mean,
                       max_misfit_mean=request.max_misfit_mean, steps=request.points,
                       options=with_default_workers(request.options), on_point=on_point,
                       on_progress=on_progress, stop=stop)


ADOPTED = "adopted_tradeoff"
"""Key in a plan's ``stats``: the plan was taken from the trade-off (:func:`adopt_point`) and not
solved again, so its bound is only :func:`cheapest_bound` under the adopted weights (valid, but
weak); re-optimizing proves a tighter one. Edits keep it (their bound stays the same)."""


def adopt_point(problem: Problem, request: TradeoffRequest, point: TradeoffPoint) -> tuple[Problem, PlanState]:
    """Continue with a trade-off plan: the problem takes the point's weights, and the plan a bound
    valid under them (:func:`cheapest_bound`, when it has none better: see :func:`plan_under`),
    marked with :data:`ADOPTED` in its ``stats``."""
    base = request.base or SolveRequest(request.problem, request.options)
    solved = replace(base, problem=base.problem.with_weights(point.weights))
    adopted = problem.with_weights(point.weights)
    plan = point.plan
    if plan.is_feasible():
        bound = min(max(plan.bound, cheapest_bound(adopted)), float(plan.objective))
        plan = replace(plan, bound=bound, status=proven_status(plan.status, plan.objective, bound),
                       stats={**plan.stats, ADOPTED: True})
    return adopted, state_after_solve(solved, plan)


def weights_ratio_text(weights: Weights, lang: str | None = None) -> str:
    """The exchange rate of the weights in one sentence: what one week of waiting is worth."""
    fit = weights.wait / weights.misfit if weights.misfit else float("inf")
    minutes = weights.wait / weights.travel if weights.travel else float("inf")

    def num(x: float) -> str:
        return "onbeperkt" if x == float("inf") and lang != "en" else (
            "unlimited" if x == float("inf") else f"{x:.0f}" if x >= 10 else f"{x:.1f}".replace(".", "," if lang != "en" else "."))

    if lang == "en":
        return (f"With these weights, starting one week earlier is worth as much as {num(fit)} "
                f"points of better fit, or {num(minutes)} minutes less travel (one way).")
    return (f"Met deze gewichten is één week eerder starten evenveel waard als {num(fit)} punten "
            f"beter passen, of {num(minutes)} minuten minder reizen (enkele reis).")

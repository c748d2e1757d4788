"""The afwegingskader as a frontier: distinct plans from the fastest start to the most homogeneous.

``frontier(problem, points, SolveOptions(time_limit=...))`` keeps a pool of every plan its solves find (measured
with the frontier's weights, :func:`frontier_weights`: the homogeneous end of
:data:`~optimizer.tradeoff.LADDER_ENDS`, five weeks of waiting as much as one level point, with
travel, daypart, language and move in the proportion set); the frontier is the pool's
non-dominated subset: no plan kept waits longer *and* fits worse on average than another.

1. **Snelle start.** A plain solve under the *snelle start* preset with :data:`FIRST_SHARE` of
   the time (the very solve a planner would run, so the fastest point never waits longer than
   it). It sets the **floor**: every other plan places at least :data:`FLOOR_SHARE` (95%,
   rounded up) of whom it places.
2. **Homogeen.** A plain solve under the *homogeen* preset from its own start: in the pool when
   it keeps the floor (at 8 s it was once faster *and* more homogeneous than the snelle start's).
3. **Fastest end.** From the plan of the pool (within the floor) with the least waiting, a
   wait-dominant solve capped at that wait (:data:`FAST_RATIO`: the lowest mean wait first, the
   best fit at that wait second).
4. **Far end.** The frontier's weights, no cap, the floor, warm from the most homogeneous plan
   of the pool.
5. **Between.** Caps on the mean wait spaced evenly between the two ends (epsilon constraint),
   each solved warm from the best plan of the pool within it. When the ends wait equally long
   (no room for such caps), caps on the mean misfit instead, from the fastest end's down to the
   most homogeneous plan's, each solved for the least waiting (:func:`between`); when neither
   has room, the far end gets the time. Every solve's share is taken from the time left, so a
   solve that ends early gives its time to the next.
6. **Proof.** :data:`BOUND_SHARE` of the time: for the kept points, one column generation
   without a cap (a bound valid for all of them) and then one per point with its own mean wait
   as the cap (``colgen.py``), the slowest first (with half the time left), since a bound
   within a wait holds for every point that waits no longer; a solve's own bound counts too
   where its cap and floor let in every plan waiting no longer. ``gap`` says how much better a plan waiting no longer (and
   keeping the floor) could be at most.

**Why a soft floor.** Without a floor the far end "fits" by leaving people on the waiting list
(on the sample: 51 of 300 placed), which is no plan a planner would choose. A hard floor (as many
as the snelle start places) left the far end no room on the sample: the frontier collapsed to
one point or to plans within 0.1 week of each other. At 95% the far end may trade a few
placements (on the sample at most 11 of about 228) for fit; each point shows how many it places,
and :attr:`FrontierPoint.changes` counts who starts later. ``floor_share=1.0`` gives the hard
floor.

:meth:`Frontier.steps` says each step in the planner's words ("+1,2 week gemiddeld wachten
-> 18% minder niveauverschil"), :attr:`FrontierPoint.changes` what it means for people compared
with the fastest plan, and ``current=`` marks the planner's own plan when a point beats it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .candidates import build_candidates
from .colgen import ColumnGeneration, OutOfTime
from .domain import PRESETS, Problem, Weights
from .messages import Message, get_language, msg
from .options import SolveOptions
from .plan import Plan, PlanFigures, Progress, relative_gap
from .solve import StopFlag, placements_from_plan, solve, stopped
from .tradeoff import LADDER_ENDS, LADDER_SCALE, rescore, weights_at

FAST_RATIO = (600, 1)
"""(wait, misfit) weights of the first solve: a week of waiting outweighs any difference in
level (at most 100 points) six times over, so that solve finds the lowest mean wait."""
HOMOGENEOUS_RATIO = LADDER_ENDS[1]
"""(wait, misfit) of the frontier's objective: five weeks of waiting weigh as much as one level
point (the homogeneous end of :data:`~optimizer.tradeoff.LADDER_ENDS`, 25 times the "homogeen"
preset's balance)."""
FIRST_SHARE = 0.35
"""Share of the whole time for the first, plain *snelle start* solve: the fastest end starts
from a plan as good as the one a planner gets from that preset in this time (with a smaller
share, 4.8 of 60 s, the sample's fastest point waited 8.0 weeks where a plain 30 s solve
reaches 7.5)."""
BOUND_SHARE = 0.2
"""Share of the whole time for the proofs at the end: per point of the frontier the
column-generation bound within its own mean wait."""
FLOOR_SHARE = 0.95
"""Every point places at least this share of whom the plain *snelle start* plan places (rounded
up; the soft floor, see the module docstring)."""


def frontier_weights(base: Weights) -> Weights:
    """The weights every frontier plan is measured with (see the module docstring)."""
    return weights_at(base, 1.0, FAST_RATIO, HOMOGENEOUS_RATIO, scale=LADDER_SCALE)


def fast_weights(base: Weights) -> Weights:
    return weights_at(base, 0.0, FAST_RATIO, HOMOGENEOUS_RATIO, scale=LADDER_SCALE)


@dataclass(frozen=True)
class Changes:
    """What a plan changes for people compared with the fastest plan (counts of learners)."""

    later: int
    """Start later (or wait on the list where the fastest plan places them)."""
    better_fit: int
    """Placed in both and in a class closer to their level."""
    further: int
    """Placed in both and travelling further."""


@dataclass(frozen=True)
class FrontierPoint(PlanFigures):
    plan: Plan
    cap: float | None
    """The cap on the mean wait (weeks) this point was solved under; None: no cap."""
    bound: float
    """Proven lower bound on the objective (frontier weights) of every plan within ``cap``."""
    role: str = "between"
    """"fastest", "between" or "homogeneous"."""
    changes: Changes | None = None

    @property
    def gap(self) -> float:
        """How much better (share of the objective) a plan within the cap could be at most."""
        return relative_gap(self.plan.objective, self.bound)

    def label(self, lang: str | None = None) -> str:
        if self.role == "fastest":
            return msg("frontier_fastest").text(lang)
        if self.role == "homogeneous":
            return msg("frontier_homogeneous").text(lang)
        lang = lang or get_language()
        return msg("frontier_capped", weeks=decimal(self.cap or self.mean_wait, 1, lang)).text(lang)


@dataclass(frozen=True)
class Frontier:
    points: list[FrontierPoint]
    """From the fastest start to the most homogeneous: mean wait rising, mean misfit falling."""
    weights: Weights
    """The weights of every point's objective and bound (:func:`frontier_weights`)."""
    current: Plan | None = None
    current_dominated_by: int | None = None
    """Index of a point better than ``current`` on both figures (None: none is)."""
    solves: int = 0
    dropped: int = 0
    """Plans solved but left out: the same as another, or worse on both figures."""
    stats: dict = field(default_factory=dict)

    def steps(self, lang: str | None = None) -> list[str]:
        """Per pair of neighbours what the step buys, in the planner's words."""
        return [step_text(a, b, lang) for a, b in zip(self.points, self.points[1:], strict=False)]

    def current_text(self, lang: str | None = None) -> str | None:
        if self.current is None:
            return None
        if self.current_dominated_by is None:
            return msg("frontier_current").text(lang)
        better = self.points[self.current_dominated_by]
        return msg("frontier_current_dominated", label=better.label(lang)).text(lang)

    def to_frame(self, lang: str | None = None):  # -> pandas.DataFrame
        """One row per point (and the current plan last, when given)."""
        import pandas as pd

        steps = [None, *self.steps(lang)]
        rows = []
        for p, step in zip(self.points, steps, strict=True):
            ch = p.changes or Changes(0, 0, 0)
            rows.append({
                "label": p.label(lang), "wait_mean": p.mean_wait, "misfit_mean": p.mean_misfit,
                "travel_mean": p.mean_travel, "placed": p.placed, "cap": p.cap, "objective": p.plan.objective,
                "bound": p.bound, "gap": p.gap, "status": p.plan.status, "later": ch.later,
                "better_fit": ch.better_fit, "further": ch.further, "step": step,
            })
        if self.current is not None:
            f = self.current.figures
            rows.append({"label": self.current_text(lang), "wait_mean": f.get("wait_mean"),
                         "misfit_mean": f.get("misfit_mean"), "travel_mean": f.get("travel_mean"),
                         "placed": f.get("placed"), "status": self.current.status})
        return pd.DataFrame(rows)


def decimal(value: float, digits: int, lang: str | None = None) -> str:
    """``value`` with ``digits`` decimals: a decimal comma in Dutch, a point in English."""
    text = f"{value:.{digits}f}"
    return text if (lang or get_language()) == "en" else text.replace(".", ",")


def step_message(a: FrontierPoint, b: FrontierPoint, lang: str | None = None) -> Message:
    """From point ``a`` to the slower, more homogeneous ``b``: the extra weeks, the share of
    the level difference they save and the level points per extra week."""
    lang = lang or get_language()
    weeks = b.mean_wait - a.mean_wait
    points = a.mean_misfit - b.mean_misfit
    share = 100 * points / a.mean_misfit if a.mean_misfit > 0 else 0.0
    rate = points / weeks if weeks > 0 else 0.0
    return msg("frontier_step", weeks=decimal(weeks, 1, lang), share=f"{share:.0f}",
               rate=decimal(rate, 1, lang))


def step_text(a: FrontierPoint, b: FrontierPoint, lang: str | None = None) -> str:
    return step_message(a, b, lang).text(lang)


def changes(fastest: Plan, plan: Plan) -> Changes:
    """Counts of learners who start later, fit better and travel further in ``plan``."""
    later = better = further = 0
    for lid, a in plan.assignments.items():
        f = fastest.assignments.get(lid)
        if f is None:
            continue
        later += a.wait_weeks > f.wait_weeks
        if a.placed and f.placed:
            better += (a.misfit or 0) < (f.misfit or 0)
            further += (a.travel_minutes or 0) > (f.travel_minutes or 0)
    return Changes(later, better, further)


def wait_sum(plan: Plan) -> int:
    return sum(a.wait_weeks for a in plan.assignments.values())


def plan_key(plan: Plan) -> tuple:
    """The same plan, whatever its class ids: per learner the kind of class and the weeks."""
    spec = {c.id: (c.route, c.location, c.schedule, c.level, c.language, c.start_week, c.running)
            for c in plan.classes}
    return tuple(sorted((lid, spec.get(a.class_id) if a.class_id else None, a.start_week)
                        for lid, a in plan.assignments.items()))


def dominates(a: Plan, b: Plan) -> bool:
    """``a`` waits no longer and fits no worse than ``b`` on average, and is better on one."""
    fa, fb = a.figures, b.figures
    wa, wb = float(fa.get("wait_mean", 0)), float(fb.get("wait_mean", 0))
    ma, mb = float(fa.get("misfit_mean", 0)), float(fb.get("misfit_mean", 0))
    eps = 1e-9
    return wa <= wb + eps and ma <= mb + eps and (wa < wb - eps or ma < mb - eps)


@dataclass
class _Seen:
    """A plan the frontier's solves found, measured with the frontier's weights."""

    plan: Plan
    budget: int | None = None
    """The waiting weeks it was solved under (None: no cap)."""
    floor: int = 0
    """The number placed it was solved under."""
    bound: float | None = None
    """Proven lower bound on the frontier objective of every plan that keeps ``budget`` and
    ``floor`` (None: the solve measured with other weights or under a cap on the misfit)."""


def floor_of(placed_fastest: int, share: float = FLOOR_SHARE) -> int:
    """The frontier's floor on the number placed: ``share`` of whom the fastest plan places."""
    return math.ceil(share * placed_fastest - 1e-9)


def frontier(
    problem: Problem,
    points: int = 5,
    options: SolveOptions = SolveOptions(time_limit=60.0),
    *,
    current: Plan | None = None,
    on_point: Callable[[FrontierPoint, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
    bound_share: float = BOUND_SHARE,
    floor_share: float = FLOOR_SHARE,
) -> Frontier:
    """Up to ``points`` distinct plans from the fastest start to the most homogeneous within
    ``options.time_limit`` seconds in total (see the module docstring); every solve runs with
    ``options``' other settings, the frontier setting its time, caps and floor (and no bound of
    its own: the frontier proves its points itself). ``current`` (the planner's
    plan) is marked when a point beats it on both figures. ``on_point(point, done, total)``
    hears of every solve as it ends (plan, cap, bound, role; before duplicates are dropped);
    ``stop`` ends early with the points found so far. ``floor_share``: every point places at
    least this share of whom the plain *snelle start* plan places (:data:`FLOOR_SHARE`).
    """
    t0 = time.perf_counter()
    time_limit = options.time_limit
    weights = frontier_weights(problem.weights)
    n = max(1, len(problem.learners))
    points = max(1, points)
    proof_end = t0 + (1.0 - bound_share) * time_limit  # the solves end here, the proofs at time_limit
    # Solves after the first, in units of the time left: homogeen start, fastest end, far end,
    # the points between.
    units = [UNITS["homogeen"], UNITS["fastest"], UNITS["far"]] + [1.0] * max(0, points - 2)
    total_solves = 1 + len(units)
    pool: list[_Seen] = []
    count = [0]
    floor = [0]
    stats: dict = {}

    def share(k: int) -> float:
        left = proof_end - time.perf_counter()
        return max(0.5, left * units[k] / sum(units[k:]))

    def run(seconds: float, w: Weights, role: str, *, cap: float | None = None, misfit: float | None = None,
            warm: Plan | None = None, floored: bool = True) -> Plan | None:
        count[0] += 1
        at_floor = floor[0] if floored else 0
        settings = replace(options, time_limit=seconds, bound_seconds=0.0, max_wait_mean=cap,
                           max_misfit_mean=misfit, min_placed=at_floor or None)
        plan = solve(problem.with_weights(w), settings, warm_start=warm, on_progress=on_progress, stop=stop)
        if not plan.is_feasible():
            return None
        budget = None if cap is None else math.floor(cap * n + 1e-9)
        own = w == weights and misfit is None
        scored = plan if w == weights else rescore(plan, w, weights)
        # A start that broke a cap comes back unchanged: such a plan is not one of this solve's.
        kept = (budget is None or wait_sum(plan) <= budget) and placed(plan) >= at_floor \
            and (misfit is None or plan.figures.get("misfit_mean", 0.0) <= misfit + 1e-9)
        if kept:
            pool.append(_Seen(scored, budget, at_floor, float(plan.bound) if own else None))
        if on_point is not None:
            on_point(FrontierPoint(scored, cap, float(scored.bound) if own else 0.0, role), count[0], total_solves)
        return scored if kept else None

    def candidates() -> list[_Seen]:
        return [s for s in pool if placed(s.plan) >= floor[0]]

    # 1. A plain snelle-start solve: the plan a planner would get; it sets the floor.
    first = run(max(0.5, FIRST_SHARE * time_limit), PRESETS["snelle start"], "fastest", floored=False)
    if first is None:
        return Frontier([], weights, current, None, count[0], 0, {"status": "INFEASIBLE"})
    floor[0] = floor_of(placed(first), floor_share)
    # 2. A plain homogeen solve (its own greedy start): often faster AND more homogeneous than the
    #    snelle start in the same time; in the pool when it places at least the floor.
    if not stopped(stop):
        run(share(0), PRESETS["homogeen"], "homogeneous", floored=False)
    # 3. The fastest end: the least waiting of the plans so far, then a wait-dominant solve capped
    #    at that wait (lower mean wait first, the best fit at that wait second).
    fastest = min(candidates(), key=lambda s: (wait_sum(s.plan), s.plan.objective))
    if not stopped(stop):
        run(share(1), fast_weights(problem.weights), "fastest", cap=wait_sum(fastest.plan) / n, warm=fastest.plan)
    # 4. The far end: the frontier's weights without a cap, warm from the most homogeneous plan
    #    so far.
    if points >= 2 and not stopped(stop):
        run(share(2), weights, "homogeneous", warm=min(candidates(), key=lambda s: (misfit_of(s.plan),
                                                                                    s.plan.objective)).plan)
    # 5. Between: caps on the mean wait evenly between the ends; if they have no room, caps on
    #    the mean misfit from the fastest end's down to the most homogeneous plan's.
    front = _nondominated(candidates())
    lo, hi = front[0].plan, front[-1].plan
    budgets, misfit_caps = between(wait_sum(lo), wait_sum(hi), misfit_of(lo),
                                   min(misfit_of(s.plan) for s in candidates()), points)
    caps = [b / n for b in budgets]
    for k, cap in enumerate(caps, start=3):
        if stopped(stop):
            break
        budget = math.floor(cap * n + 1e-9)
        warm = min((s for s in candidates() if wait_sum(s.plan) <= budget), key=lambda s: s.plan.objective)
        run(share(k), weights, "between", cap=cap, warm=warm.plan)
    for k, cap in enumerate(misfit_caps, start=3):
        if stopped(stop):
            break
        within = [s for s in candidates() if misfit_of(s.plan) <= cap + 1e-9]
        warm = min(within, key=lambda s: (wait_sum(s.plan), s.plan.objective))
        run(share(k), fast_weights(problem.weights), "between", misfit=cap, warm=warm.plan)
    if points > 2 and not caps and not misfit_caps and not stopped(stop):
        # Neither has room (the fastest plan is also the most homogeneous known): the time left
        # goes on to the far end.
        run(max(0.5, proof_end - time.perf_counter()), weights, "homogeneous",
            warm=min(candidates(), key=lambda s: s.plan.objective).plan)
    # 6. Proof: every point of the frontier its bound within its own mean wait.
    front = _spread(_nondominated(candidates()), points)
    bounds = _proofs(problem.with_weights(weights), front, pool, floor[0], t0 + time_limit, stop)
    fr = _assemble(front, bounds, pool, weights, current, n)
    stats.update(seconds=round(time.perf_counter() - t0, 2), caps=caps, misfit_caps=misfit_caps,
                 min_placed=floor[0], first_placed=placed(first), seen=len(pool))
    return replace(fr, solves=count[0], stats=stats)


UNITS = {"homogeen": 0.8, "fastest": 1.0, "far": 1.5}
"""Shares of the time after the first solve (and before the proofs): the plain homogeen
solve, the fastest end, the far end; every point between 1."""


def between(wait_fast: int, wait_far: int, misfit_fast: float, misfit_min: float, points: int
            ) -> tuple[list[int], list[float]]:
    """The caps for the ``points - 2`` solves between the ends: budgets on the waiting weeks
    evenly between the fastest end's and the far end's (those above the fastest's); when there
    are none (the ends wait as long), caps on the mean misfit evenly from the fastest end's down
    to the most homogeneous plan's (none when that is the fastest end too)."""
    inner = range(1, points - 1)
    budgets = sorted({math.floor(wait_fast + k * (wait_far - wait_fast) / (points - 1)) for k in inner}
                     - {wait_fast})
    if budgets or misfit_min >= misfit_fast - 1e-9:
        return budgets, []
    return [], [misfit_fast - k * (misfit_fast - misfit_min) / (points - 1) for k in inner]


def placed(plan: Plan) -> int:
    return int(plan.figures.get("placed", 0))


def misfit_of(plan: Plan) -> float:
    return float(plan.figures.get("misfit_mean", 0.0))


def _nondominated(seen: list[_Seen]) -> list[_Seen]:
    """The plans no other beats on both figures, one per (waiting weeks, misfit), fast first
    (among equal figures the lowest objective)."""
    order = sorted(seen, key=lambda s: (wait_sum(s.plan), misfit_of(s.plan), s.plan.objective))
    kept: list[_Seen] = []
    for s in order:
        if kept and misfit_of(s.plan) >= misfit_of(kept[-1].plan) - 1e-9:
            continue  # the same figures, or no better fit for a longer wait
        kept.append(s)
    return kept


def _spread(front: list[_Seen], points: int) -> list[_Seen]:
    """At most ``points`` of ``front``: both ends and, between, evenly by position."""
    if len(front) <= points:
        return front
    if points == 1:
        return front[:1]
    return [front[round(k * (len(front) - 1) / (points - 1))] for k in range(points)]


def _known_bound(plan: Plan, pool: list[_Seen], floor: int) -> float:
    """The best proven bound for the plans that wait no longer than ``plan`` and keep the floor:
    any solve's bound whose cap and floor let all of them in."""
    budget = wait_sum(plan)
    valid = [s.bound for s in pool if s.bound is not None and (s.budget is None or s.budget >= budget)
             and s.floor <= floor]
    return max(valid, default=0.0)


def _proofs(measured: Problem, front: list[_Seen], pool: list[_Seen], floor: int, deadline: float,
            stop: StopFlag | None) -> list[float]:
    """Per point a proven lower bound (frontier weights) on every plan that waits no longer and
    keeps the floor: the best a solve proved, or column generation under its own wait as a cap
    (``colgen.py``; it leaves the floor out, which only lowers the bound) in its share of the
    time left."""
    def colgen(budget: int | None, seconds: float) -> float:
        cand = build_candidates(measured)
        cand.wait_budget = budget
        try:
            cg = ColumnGeneration(measured, cand, deadline=time.perf_counter() + seconds)
        except OutOfTime:
            return 0.0
        for s in front:  # the frontier's classes as the first columns
            if budget is None or wait_sum(s.plan) <= budget:
                start = placements_from_plan(measured, cand, s.plan)
                if start is not None:
                    cg.add_plan(*start)
        return float(cg.run(time.perf_counter() + seconds, stop=lambda: stopped(stop)).value)

    known = [_known_bound(s.plan, pool, floor) for s in front]

    def open_() -> list[int]:
        return [i for i, s in enumerate(front) if relative_gap(s.plan.objective, known[i]) > 1e-9]

    if open_() and not stopped(stop):
        # Without a cap first (its LP converges fast): a bound for every point at once.
        free = colgen(None, (deadline - time.perf_counter()) / (1 + len(open_())))
        known = [max(k, free) for k in known]
    # Then under each point's own wait, the slowest first: its bound holds for every point
    # that waits no longer, so it serves them all while the time lasts.
    todo = open_()[::-1]
    for j, i in enumerate(todo):
        seconds = (deadline - time.perf_counter()) / (2 if j == 0 and len(todo) > 1 else len(todo) - j)
        if seconds <= 0.2 or stopped(stop) or relative_gap(front[i].plan.objective, known[i]) <= 1e-9:
            continue
        budget = wait_sum(front[i].plan)
        value = colgen(budget, seconds)
        known = [max(k, value) if wait_sum(s.plan) <= budget else k for k, s in zip(known, front, strict=True)]
    return [min(k, float(s.plan.objective)) for k, s in zip(known, front, strict=True)]


def _assemble(front: list[_Seen], bounds: list[float], pool: list[_Seen], weights: Weights, current: Plan | None,
              n: int) -> Frontier:
    """The points with their roles, bounds and changes; the current plan marked."""
    out = []
    for i, (s, bound) in enumerate(zip(front, bounds, strict=True)):
        role = "fastest" if i == 0 else "homogeneous" if i == len(front) - 1 else "between"
        out.append(FrontierPoint(s.plan, wait_sum(s.plan) / n, bound, role, changes(front[0].plan, s.plan)))
    dominated_by = None
    if current is not None and current.is_feasible():
        dominated_by = next((i for i, p in enumerate(out) if dominates(p.plan, current)), None)
    distinct = len({plan_key(s.plan) for s in pool})
    return Frontier(out, weights, current, dominated_by, len(pool), distinct - len(out))

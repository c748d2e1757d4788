"""The afwegingskader as a frontier: distinct plans from the fastest start to the most homogeneous.

``frontier(problem, points, time_limit)`` works by caps on the mean wait (epsilon constraint):

1. **Snelste start.** First a plain solve under the *snelle start* preset with
   :data:`FIRST_SHARE` of the time (the very solve a planner would run, so the fastest point
   never waits longer than it), then, warm from it and capped at its mean wait, a solve with
   waiting dominant (:data:`FAST_RATIO`: one week weighs as much as 600 level points), then,
   warm from that plan, a solve that caps the mean wait at what it reached and makes the plan
   as homogeneous as it can (the frontier's weights, below): the lowest mean wait first, the
   best fit at that wait second.
2. **Meest homogeen.** The most homogeneous plan that still places as many learners as the
   fastest: a solve with the frontier's weights, no cap on the wait and a floor on the number
   placed (``solve(min_placed=)``, a hard rule in the model and the search), warm from the
   fastest plan. Waiting still counts, but little (five weeks as much as one level point,
   :data:`HOMOGENEOUS_RATIO`). Without the floor this end would "fit" by leaving people on the
   waiting list (on the sample: 51 of 300 placed), which is no plan a planner would choose.
3. **Between.** Caps on the mean wait spaced evenly between the two ends, from the fastest
   upwards, each solved warm from the plan below it (which keeps the cap), all under the same
   floor on the number placed.

All solves but the first minimise the same objective (:func:`frontier_weights`: the
homogeneous end of :data:`~optimizer.tradeoff.LADDER_ENDS`, travel, daypart, language and
move in the proportion set), so each point's plan is the best known for its cap, whichever
solve found it, and each carries a proven lower bound for the best plan *within its cap*
(column generation with the cap as a row, ``colgen.py``): ``gap`` says how much better any
plan waiting no longer could be at most. Plans that are the same, or worse on both figures
(mean wait and mean misfit) than another, are dropped: what remains is a frontier, from fast
to homogeneous, with every step a real trade.

:meth:`Frontier.steps` says each step in the planner's words ("+1,2 week gemiddeld wachten
-> 18% minder niveauverschil"), :attr:`FrontierPoint.changes` what it means for people compared
with the fastest plan, and ``current=`` marks the planner's own plan when a point beats it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .domain import PRESETS, Problem, Weights
from .messages import Message, get_language, msg
from .plan import Plan, Progress, relative_gap
from .solve import StopFlag, solve, stopped
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
BOUND_SHARE = 0.25
"""Share of each capped solve's time for its proven bound (column generation)."""


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
class FrontierPoint:
    plan: Plan
    cap: float | None
    """The cap on the mean wait (weeks) this point was solved under; None: no cap."""
    bound: float
    """Proven lower bound on the objective (frontier weights) of every plan within ``cap``."""
    role: str = "between"
    """"fastest", "between" or "homogeneous"."""
    changes: Changes | None = None

    @property
    def mean_wait(self) -> float:
        return float(self.plan.figures.get("wait_mean", 0.0))

    @property
    def mean_misfit(self) -> float:
        return float(self.plan.figures.get("misfit_mean", 0.0))

    @property
    def travel(self) -> float:
        return float(self.plan.figures.get("travel_mean", 0.0))

    @property
    def placed(self) -> int:
        return int(self.plan.figures.get("placed", 0))

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
                "travel_mean": p.travel, "placed": p.placed, "cap": p.cap, "objective": p.plan.objective,
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
class _Solved:
    plan: Plan
    cap: float | None
    budget: int | None
    bound: float
    point: bool = True
    """False for the first (fast-weighted) plan: a start and a candidate, not a cap of its own."""


def frontier(
    problem: Problem,
    points: int = 5,
    time_limit: float = 60.0,
    *,
    current: Plan | None = None,
    on_point: Callable[[FrontierPoint, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
    deterministic: bool = False,
    seed: int = 0,
    workers: int | None = None,
    bound_share: float = BOUND_SHARE,
) -> Frontier:
    """Up to ``points`` distinct plans from the fastest start to the most homogeneous within
    ``time_limit`` seconds in total (see the module docstring). ``current`` (the planner's
    plan) is marked when a point beats it on both figures. ``on_point(point, done, total)``
    hears of every solve as it ends (plan, cap, bound, role; before duplicates are dropped);
    ``stop`` ends early with the points found so far.
    """
    t0 = time.perf_counter()
    weights = frontier_weights(problem.weights)
    measured = problem.with_weights(weights)
    n = max(1, len(problem.learners))
    points = max(1, points)
    # Shares of the time: the plain snelle-start solve FIRST_SHARE of it; of the rest the
    # wait-dominant solve 0.5, the capped fastest 0.7, every other point 1.
    units = [0.0, 0.5, 0.7] + [1.0] * (points - 1)
    total_solves = len(units)
    kw = dict(on_progress=on_progress, stop=stop, deterministic=deterministic, seed=seed, workers=workers)
    solved: list[_Solved] = []
    count = [0]
    floor = [0]  # learners every plan after the first places at least (the fastest plan's number)

    def share(k: int) -> float:
        if k == 0:
            return max(0.5, FIRST_SHARE * time_limit)  # fixed: the same as a plain solve's
        left = time_limit - (time.perf_counter() - t0)
        return max(0.5, left * units[k] / sum(units[k:]))

    def run(k: int, cap: float | None, warm: Plan | None, p: Problem = measured, proof: bool = True,
            role: str = "between") -> Plan:
        seconds = share(k)
        bound_seconds = seconds * bound_share if proof else 0.0
        count[0] += 1
        plan = solve(p, time_limit=seconds - bound_seconds, warm_start=warm, max_wait_mean=cap,
                     min_placed=floor[0] or None, bound_seconds=bound_seconds, **kw)
        if on_point is not None:
            on_point(FrontierPoint(plan, cap, float(plan.bound), role), k + 1, total_solves)
        return plan

    def keep(plan: Plan, cap: float | None) -> None:
        if plan.is_feasible():
            budget = None if cap is None else math.floor(cap * n + 1e-9)
            solved.append(_Solved(plan, cap, budget, float(plan.bound)))

    def start(plan: Plan, w: Weights) -> None:
        """A plan of the fastest end, in the frontier's points: a start for the capped solves
        (no bound of its own); the floor rises to the learners it places."""
        solved.append(_Solved(rescore(plan, w, weights), float(plan.figures["wait_mean"]), wait_sum(plan), 0.0,
                              point=False))
        floor[0] = max(floor[0], int(plan.figures.get("placed", 0)))

    snel = PRESETS["snelle start"]
    first = run(0, None, None, problem.with_weights(snel), proof=False, role="fastest")
    if not first.is_feasible():
        return Frontier([], weights, current, None, 1, 0, {"status": first.status})
    start(first, snel)
    fast_w = fast_weights(problem.weights)
    if not stopped(stop):
        fast = run(1, float(first.figures["wait_mean"]), first, problem.with_weights(fast_w), proof=False,
                   role="fastest")
        if fast.is_feasible():
            start(fast, fast_w)
    fastest = min((s for s in solved if placed(s.plan) >= floor[0]), key=lambda s: (wait_sum(s.plan), s.plan.objective))
    w_min = float(fastest.plan.figures["wait_mean"])
    if not stopped(stop):
        keep(run(2, w_min, fastest.plan, role="fastest"), w_min)
    if all(not s.point for s in solved):  # stopped, or the capped solve failed: that plan is the fastest point
        fastest.point = True
    caps: list[float] = []
    if points >= 2 and not stopped(stop):
        homogeneous = run(3, None, best_within(solved, None, floor[0]).plan, role="homogeneous")
        keep(homogeneous, None)
        w_max = float(homogeneous.figures.get("wait_mean", w_min)) if homogeneous.is_feasible() else w_min
        if w_max > w_min:
            caps = [w_min + k * (w_max - w_min) / (points - 1) for k in range(1, points - 1)]
    for k, cap in enumerate(caps, start=4):
        if stopped(stop):
            break
        keep(run(k, cap, best_within(solved, math.floor(cap * n + 1e-9), floor[0]).plan), cap)
    fr = _assemble(solved, weights, current, floor[0])
    return replace(fr, solves=count[0], stats={"seconds": round(time.perf_counter() - t0, 2), "caps": caps,
                                               "min_placed": floor[0]})


def placed(plan: Plan) -> int:
    return int(plan.figures.get("placed", 0))


def best_within(solved: list[_Solved], budget: int | None, floor: int = 0) -> _Solved:
    """The plan with the lowest objective among those whose waiting weeks keep ``budget`` and
    that place at least ``floor`` learners."""
    ok = [s for s in solved if (budget is None or wait_sum(s.plan) <= budget) and placed(s.plan) >= floor]
    return min(ok, key=lambda s: s.plan.objective)


def _assemble(solved: list[_Solved], weights: Weights, current: Plan | None, floor: int = 0) -> Frontier:
    """Every cap with the best plan known within it (and the floor on the number placed); then
    duplicates and dominated plans out."""
    candidates = []
    for s in solved:
        if not s.point:
            continue
        best = best_within(solved, s.budget, floor)
        candidates.append(FrontierPoint(best.plan, s.cap, min(s.bound, float(best.plan.objective))))
    # Sort by the figures (the strongest claim first among equal plans: the highest bound);
    # keep a point only when it fits strictly better than every faster one kept.
    candidates.sort(key=lambda p: (wait_sum(p.plan), p.mean_misfit, p.plan.objective, -p.bound))
    kept: list[FrontierPoint] = []
    for p in candidates:
        if kept and p.mean_misfit >= kept[-1].mean_misfit - 1e-9:
            continue  # the same plan, or no better fit for a longer wait
        kept.append(p)
    fastest = kept[0].plan if kept else None
    out = []
    for i, p in enumerate(kept):
        role = "fastest" if i == 0 else "homogeneous" if i == len(kept) - 1 else "between"
        out.append(replace(p, role=role, changes=changes(fastest, p.plan)))  # type: ignore[arg-type]
    dominated_by = None
    if current is not None and current.is_feasible():
        dominated_by = next((i for i, p in enumerate(out) if dominates(p.plan, current)), None)
    distinct = len({plan_key(s.plan) for s in solved})
    return Frontier(out, weights, current, dominated_by, len(solved), distinct - len(out))

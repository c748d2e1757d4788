"""The afwegingskader made computable: several plans along the wait <-> fit line.

Plans are computed for a sweep of weights from "snelle start" (waiting weighs heavily) to
"homogeen" (misfit weighs heavily); travel, daypart, language and move weights stay as set.
Each plan is warm-started from its neighbour, so the whole sweep costs little more than a
few single solves. Every point carries its own key figures: the planner sees what each
extra week of waiting buys in homogeneity, and the reverse.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .domain import Problem, Weights
from .options import RunClock, SolveOptions
from .plan import Plan, PlanFigures, Progress
from .solve import StopFlag, solve, stopped

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class TradeoffPoint(PlanFigures):
    """One plan of the sweep; ``alpha`` 0 = fastest start, 1 = most homogeneous."""

    label: str
    alpha: float
    weights: Weights
    plan: Plan


def sweep_weights(base: Weights, points: int, fast: tuple[int, int] = (60, 1), homogeneous: tuple[int, int] = (6, 5)) -> list[tuple[float, Weights]]:
    """Weights from (wait, misfit) = ``fast`` to ``homogeneous``, geometric in their ratio."""
    if points < 2:
        return [(0.5, base)]
    return [(k / (points - 1), weights_at(base, k / (points - 1), fast, homogeneous)) for k in range(points)]


def weights_at(base: Weights, alpha: float, fast: tuple[int, int], homogeneous: tuple[int, int], scale: int = 1) -> Weights:
    """The weights a fraction ``alpha`` of the way from ``fast`` to ``homogeneous``: the misfit
    weight linear, the wait/misfit ratio geometric. ``scale`` multiplies every weight (the
    balance stays, integer rounding gets finer)."""
    r0 = fast[0] / fast[1]
    r1 = homogeneous[0] / homogeneous[1]
    ratio = r0 * (r1 / r0) ** alpha  # wait points per misfit point
    misfit = max(1, round(scale * (fast[1] + alpha * (homogeneous[1] - fast[1]))))
    wait = max(1, round(ratio * misfit))
    others = {k: v * scale for k, v in base.as_dict().items() if k not in ("wait", "misfit")}
    return replace(base, wait=wait, misfit=misfit, **others)


def tradeoff(
    problem: Problem,
    points: int = 5,
    options: SolveOptions = SolveOptions(time_limit=60.0),
    *,
    on_point: Callable[[TradeoffPoint, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
) -> list[TradeoffPoint]:
    """``points`` plans from fast start to homogeneous within ``options.time_limit`` seconds in
    total; every solve runs with ``options``' other settings.

    The middle of the sweep is solved first (it is closest to any neighbour), then outwards,
    each warm-started from the plan next to it.
    """
    sweep = sweep_weights(problem.weights, points)
    order = sorted(range(len(sweep)), key=lambda k: abs(k - (len(sweep) - 1) / 2))
    results: dict[int, TradeoffPoint] = {}
    budget = _Budget(options.time_limit, options.deterministic)
    for done, k in enumerate(order):
        if stopped(stop):
            break
        neighbours = [results[j].plan for j in (k - 1, k + 1) if j in results]
        results[k] = _solve_point(problem, sweep[k], budget, len(order) - done, neighbours[0] if neighbours else None,
                                  options, on_progress, stop)
        if on_point is not None:
            on_point(results[k], done + 1, len(order))
    return share_best([results[k] for k in sorted(results)])


class _Budget:
    """A total time split over several solves: each gets an equal share of what is left, less
    the largest overrun seen so far (building the model, checking the plan), so the total holds."""

    def __init__(self, total: float, deterministic: bool) -> None:
        self.total = total
        self.deterministic = deterministic  # deterministic solves are not cut by the clock
        self.clock = RunClock(deterministic)  # nor shared out by it
        self.overhead = 0.0

    def share(self, solves_left: int) -> float:
        """The next solve's seconds (one call per solve)."""
        share = (self.total - (self.clock.now() - self.clock.t0)) / max(1, solves_left)
        if not self.deterministic:
            share -= self.overhead
        return self.clock.hand(max(0.5, share))

    def spent(self, started: float, share: float) -> None:
        self.overhead = max(self.overhead, time.perf_counter() - started - share)


def _solve_point(problem: Problem, step: tuple[float, Weights], budget: _Budget, solves_left: int,
                 warm: Plan | None, options: SolveOptions, on_progress: Callable[[Progress], None] | None,
                 stop: StopFlag | None) -> TradeoffPoint:
    """One solve of the sweep with its share of the budget (``options``' caps as given)."""
    alpha, weights = step
    share = budget.share(solves_left)
    started = time.perf_counter()
    plan = solve(problem.with_weights(weights), replace(options, time_limit=share), warm_start=warm,
                 on_progress=on_progress, stop=stop)
    budget.spent(started, share)
    return TradeoffPoint(f"w{weights.wait}/n{weights.misfit}", alpha, weights, plan)


LADDER_ENDS = ((60, 1), (2, 10))
"""(wait, misfit) weights at the ends of the line :func:`best_within` searches: "snelle start"
and a ratio 25 times more homogeneous than "homogeen"."""
LADDER_SCALE = 10
"""All weights times ten on that line, so that rounding to integers keeps its points apart."""


@dataclass(frozen=True)
class WithinCap:
    """The answer of :func:`best_within`: the best plan that keeps the cap, and every plan tried."""

    best: TradeoffPoint | None
    """Lowest mean misfit with ``max_wait_mean`` (lowest mean wait with ``max_misfit_mean``)
    among the plans that keep the cap; ``None`` when none does."""
    tried: list[TradeoffPoint]
    """All plans solved, from fast start to homogeneous."""
    closest: TradeoffPoint | None
    """When no plan keeps the cap: the one that comes nearest (else the same as ``best``)."""

    @property
    def met(self) -> bool:
        return self.best is not None


def best_within(
    problem: Problem,
    *,
    max_wait_mean: float | None = None,
    max_misfit_mean: float | None = None,
    steps: int = 5,
    options: SolveOptions = SolveOptions(time_limit=150.0),
    on_point: Callable[[TradeoffPoint, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
) -> WithinCap:
    """The afweging as a cap: the most homogeneous plan whose mean wait is at most
    ``max_wait_mean`` weeks, or the fastest-starting plan whose mean misfit is at most
    ``max_misfit_mean`` (give exactly one).

    Bisection on the line of weights from fast start to very homogeneous (:data:`LADDER_ENDS`;
    the wait/misfit ratio geometric, travel, daypart, language and move weights in the same
    proportion as set): mean wait falls and mean misfit rises towards the fast end, so each
    solve narrows the stretch where the cap starts to hold (halving it until plans on both
    sides are known, then aiming where their figures, interpolated, meet the cap). Each of the
    ``steps`` solves gets an equal share of ``options.time_limit`` and is warm-started from the nearest
    plan solved. The last solve (with the time of the last two) starts from the best plan
    within the cap and, with the cap as a hard constraint (``SolveOptions.max_wait_mean`` or
    ``max_misfit_mean``), makes it as homogeneous as it can (at the homogeneous end of the
    line) or as fast as it can (at the fast end). Solves are heuristic, so the figures are not
    exactly monotone along the line: the answer is the best of *all* plans tried that keep
    the cap, by the plans' own key figures.
    """
    if max_wait_mean is not None and max_misfit_mean is None:
        cap, keep, goal = max_wait_mean, "wait_mean", "misfit_mean"
        as_rule = replace(options, max_wait_mean=cap)
    elif max_misfit_mean is not None and max_wait_mean is None:
        cap, keep, goal = max_misfit_mean, "misfit_mean", "wait_mean"
        as_rule = replace(options, max_misfit_mean=cap)
    else:
        raise ValueError("give exactly one of max_wait_mean and max_misfit_mean")

    def keeps(point: TradeoffPoint) -> bool:
        return point.plan.is_feasible() and float(point.plan.figures.get(keep, 0.0)) <= cap + 1e-9

    # The cap on waiting holds towards the fast end (small alpha), the cap on misfit towards the
    # homogeneous end; the boundary lies in [lo, hi].
    holds_fast = max_wait_mean is not None
    lo, hi = 0.0, 1.0
    results: dict[float, TradeoffPoint] = {}
    budget = _Budget(options.time_limit, options.deterministic)

    def figure(p: TradeoffPoint, name: str) -> float:
        return float(p.plan.figures.get(name, 0.0))

    def best_kept() -> TradeoffPoint | None:
        kept = [p for p in results.values() if keeps(p)]
        return min(kept, key=lambda p: (figure(p, goal), figure(p, keep)), default=None)

    for done in range(steps):
        if stopped(stop):
            break
        start = best_kept() if done >= max(1, steps - 2) else None
        if start is not None:
            # The rest of the time (two shares): from the best plan within the cap, with the
            # cap as a hard constraint, as homogeneous (wait cap) or as fast (misfit cap) as it can.
            a = 1.0 if holds_fast else 0.0
            weights = weights_at(problem.weights, a, *LADDER_ENDS, scale=LADDER_SCALE)
            point = results[a] = _solve_point(problem, (a, weights), budget, 1, start.plan, as_rule,
                                              on_progress, stop)
            if on_point is not None:
                on_point(point, steps, steps)
            break
        a = _next_alpha(lo, hi, results.get(lo), results.get(hi), keep, cap)
        weights = weights_at(problem.weights, a, *LADDER_ENDS, scale=LADDER_SCALE)
        near = min(results, key=lambda b: abs(b - a), default=None)
        point = results[a] = _solve_point(problem, (a, weights), budget, steps - done,
                                          None if near is None else results[near].plan, options, on_progress, stop)
        if keeps(point) == holds_fast:
            lo = a  # towards the homogeneous end
        else:
            hi = a
        if on_point is not None:
            on_point(point, done + 1, steps)
    tried = [results[k] for k in sorted(results)]
    feasible = [p for p in tried if p.plan.is_feasible()]
    best = best_kept()
    closest = best or min(feasible, key=lambda p: figure(p, keep), default=None)
    return WithinCap(best, tried, closest)


def _next_alpha(lo: float, hi: float, at_lo: TradeoffPoint | None, at_hi: TradeoffPoint | None, keep: str,
                cap: float) -> float:
    """Where to solve next in [lo, hi]: where the capped figure, interpolated linearly between
    the plans at both ends, is a little inside the cap (false position, aiming 5% of the two
    figures' difference inside, since plans scatter around the line), kept a tenth of the
    stretch from either end; the middle while an end has no plan yet."""
    if at_lo is None or at_hi is None:
        return (lo + hi) / 2
    f_lo = float(at_lo.plan.figures.get(keep, 0.0))
    f_hi = float(at_hi.plan.figures.get(keep, 0.0))
    aim = cap - 0.05 * abs(f_hi - f_lo)
    t = 0.5 if f_hi == f_lo else (aim - f_lo) / (f_hi - f_lo)
    return lo + min(0.9, max(0.1, t)) * (hi - lo)


def rescore(plan: Plan, old: Weights, new: Weights) -> Plan:
    """The same plan with its objective terms under other weights (every term is its weight
    times a quantity, so this is exact for terms whose old weight is not zero)."""
    from dataclasses import replace as dc_replace

    terms = {}
    for name, value in plan.terms.items():
        w_old, w_new = getattr(old, name), getattr(new, name)
        if w_old == w_new:
            terms[name] = value
        elif w_old == 0:
            return plan  # the quantity is unknown; keep the plan as it is
        else:
            terms[name] = value // w_old * w_new
    return dc_replace(plan, terms=terms, objective=sum(terms.values()))


def share_best(points: list[TradeoffPoint]) -> list[TradeoffPoint]:
    """Give every point the best plan found for its weights, whichever solve found it.

    Each sweep point gets only part of the time, so a neighbour's plan is sometimes better for
    its weights too; taking it makes every point the best known plan for its own balance.
    """
    out = []
    for p in points:
        best = p.plan
        for q in points:
            if q is p or not q.plan.is_feasible():
                continue
            candidate = rescore(q.plan, q.weights, p.weights)
            if candidate.is_feasible() and candidate.objective < best.objective and candidate is not q.plan:
                best = candidate
        out.append(TradeoffPoint(p.label, p.alpha, p.weights, best))
    return out


def tradeoff_frame(points: list[TradeoffPoint]) -> pd.DataFrame:
    """One row per point with the key figures an analyst compares."""
    import pandas as pd

    rows = []
    for p in points:
        f = p.plan.figures
        rows.append({
            "label": p.label, "alpha": p.alpha, "weight_wait": p.weights.wait, "weight_misfit": p.weights.misfit,
            "placed": f.get("placed"), "wait_mean": f.get("wait_mean"), "wait_p90": f.get("wait_p90"),
            "within_target": f.get("within_target"), "misfit_mean": f.get("misfit_mean"),
            "spread_mean": f.get("spread_mean"), "travel_mean": f.get("travel_mean"),
            "classes_opened": f.get("classes_opened"), "status": p.plan.status, "gap": p.plan.gap,
        })
    return pd.DataFrame(rows, columns=TRADEOFF_COLUMNS)  # no points (stopped at once): still the columns


TRADEOFF_COLUMNS = ["label", "alpha", "weight_wait", "weight_misfit", "placed", "wait_mean", "wait_p90", "within_target",
                    "misfit_mean", "spread_mean", "travel_mean", "classes_opened", "status", "gap"]
"""The columns of :func:`tradeoff_frame`, one row per point."""

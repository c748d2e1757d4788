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

from .domain import Problem, Weights
from .plan import Plan, Progress
from .solve import StopFlag, solve


@dataclass(frozen=True)
class TradeoffPoint:
    """One plan of the sweep; ``alpha`` 0 = fastest start, 1 = most homogeneous."""

    label: str
    alpha: float
    weights: Weights
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


def sweep_weights(base: Weights, points: int, fast: tuple[int, int] = (60, 1), homogeneous: tuple[int, int] = (6, 5)) -> list[tuple[float, Weights]]:
    """Weights from (wait, misfit) = ``fast`` to ``homogeneous``, geometric in their ratio."""
    if points < 2:
        return [(0.5, base)]
    out = []
    r0 = fast[0] / fast[1]
    r1 = homogeneous[0] / homogeneous[1]
    for k in range(points):
        a = k / (points - 1)
        ratio = r0 * (r1 / r0) ** a  # wait points per misfit point
        misfit = max(1, round(fast[1] + a * (homogeneous[1] - fast[1])))
        wait = max(1, round(ratio * misfit))
        out.append((a, replace(base, wait=wait, misfit=misfit)))
    return out


def tradeoff(
    problem: Problem,
    points: int = 5,
    time_limit: float = 60.0,
    *,
    on_point: Callable[[TradeoffPoint, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StopFlag | None = None,
    deterministic: bool = False,
    seed: int = 0,
    workers: int | None = None,
) -> list[TradeoffPoint]:
    """``points`` plans from fast start to homogeneous within ``time_limit`` seconds in total.

    The middle of the sweep is solved first (it is closest to any neighbour), then outwards,
    each warm-started from the plan next to it.
    """
    sweep = sweep_weights(problem.weights, points)
    order = sorted(range(len(sweep)), key=lambda k: abs(k - (len(sweep) - 1) / 2))
    results: dict[int, TradeoffPoint] = {}
    t0 = time.perf_counter()
    overhead = 0.0  # seconds a solve takes beyond its limit (building, checking the plan)
    for done, k in enumerate(order):
        if stop is not None and (stop.is_set() if hasattr(stop, "is_set") else stop()):  # type: ignore[operator]
            break
        alpha, weights = sweep[k]
        left = time_limit - (time.perf_counter() - t0)
        share = left / (len(order) - done)
        if not deterministic:  # keep the sweep within its total: the next solve runs over as long
            share -= overhead
        share = max(0.5, share)
        neighbours = [results[j].plan for j in (k - 1, k + 1) if j in results]
        ts = time.perf_counter()
        plan = solve(
            problem.with_weights(weights), time_limit=share, on_progress=on_progress, stop=stop,
            deterministic=deterministic, seed=seed, workers=workers,
            warm_start=neighbours[0] if neighbours else None,
        )
        overhead = max(overhead, time.perf_counter() - ts - share)
        label = f"w{weights.wait}/n{weights.misfit}"
        point = TradeoffPoint(label, alpha, weights, plan)
        results[k] = point
        if on_point is not None:
            on_point(point, done + 1, len(order))
    return share_best([results[k] for k in sorted(results)])


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


def tradeoff_frame(points: list[TradeoffPoint]):  # -> pandas.DataFrame
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
    return pd.DataFrame(rows)

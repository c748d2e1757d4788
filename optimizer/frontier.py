"""The afwegingskader as a frontier: distinct plans from the fastest start to the most homogeneous.

``frontier(problem, points, SolveOptions(time_limit=...))`` keeps a pool of every plan its solves find (measured
with the frontier's weights, :func:`frontier_weights`: the homogeneous end of
:data:`~optimizer.tradeoff.LADDER_ENDS`, five weeks of waiting as much as one level point, with
travel, daypart, language and move in the proportion set); the frontier is the pool's
non-dominated subset: no plan kept waits longer *and* fits worse on average than another.

1. **Fastest end.** Wait-dominant weights (:func:`fast_weights`: the frontier's, with a week of
   waiting worth :data:`FAST_RATIO` misfit points, so the lowest mean wait first, then the plan
   the frontier's weights score best):
   column generation and a dive from its LP, then the search from the dive, in
   :data:`FAST_SHARE` of the time. It (or the planner's own plan, when that waits less) sets the
   **floor**: every other plan places at least :data:`FLOOR_SHARE` (95%, rounded up) of whom it places.
2. **One LP from cap to cap.** Column generation (``colgen.py``) under the frontier's weights
   with the floor as a row, made once and moved from cap to cap (``retarget``; the columns, whole
   classes, hold under any cap). Per point, in an even share of the time left: the LP under its
   cap (:data:`ROOT_SHARE`) gives the bound for every plan that keeps the cap and the floor; a
   dive from a copy of the converged LP (:data:`DIVE_SHARE`) gives a plan (on large problems,
   where a dive does not end in a cap's share, the LP rounded as it is: :data:`ROUNDS`); the search (``solve``
   with ``max_wait_mean`` and ``min_placed``) goes on from the best plan of the pool within the
   cap, or from a looser cap's plan brought within it by the completion's fill and chains
   (:func:`repaired`) where that is cheaper. **Why:** the plans of short searches under a cap
   stayed far above this bound, while the bound was tight: a dive from the same LP came close to
   it (issue 18; figures in docs/benchmarks.md). The LP starts with the classes the fastest
   end's LP used (:meth:`~optimizer.colgen.ColumnGeneration.adopt`). With two workers and not
   deterministic the LP runs in a thread of its own, one cap ahead (:class:`_Lane`): the dive
   and the search of a cap here while the lane's LP is on the next. Deterministic runs share out
   the time by the seconds handed to the solves (deterministic units), not by the clock, and run
   no LP and no dive before the proof: the dives' plans depended on where the clock cut their
   LPs off (the same input gave one point in one run and three in the next).
3. **Far end first**, no cap, then the caps on the mean wait spaced evenly between the ends
   (epsilon constraint; with the lane, between the fastest end and the far end's dive), from
   the top down (each LP starts from the columns of the cap above), the fastest end's own wait
   last. When the ends wait equally long (no room for such caps),
   caps on the mean misfit instead, from the fastest end's down to the most homogeneous plan's,
   each searched for the least waiting (:func:`between`); when neither has room, the far end
   gets the time. The points are, per cap, the plan of the pool with the lowest objective
   within it (:func:`_by_caps`), then others of the front while fewer are distinct.
4. **Proof.** :data:`BOUND_SHARE` of the time: the LP under each kept point's own wait (the
   slowest first: a bound within a wait holds for every point that waits no longer, and moved
   along its wait dual it is higher there: :meth:`_Prover.proven`); a solve's
   own bound counts too where its cap and floor let in every plan waiting no longer. ``gap``
   says how much better a plan waiting no longer (and keeping the floor) could be at most.

The planner's own plan (``current=``), when valid, is one more candidate (before the floor is
set): no point is worse than it on both figures.

**Why a soft floor.** Without a floor the far end "fits" by leaving most people on the waiting
list, which is no plan a planner would choose. A hard floor (as many as the fastest plan places)
left the far end no room: the frontier collapsed to one point or to plans nearly alike. At 95%
the far end may trade a few placements for fit (figures on the sample: docs/benchmarks.md); each
point shows how many it places, and :attr:`FrontierPoint.changes` counts who starts later.
``floor_share=1.0`` gives the hard floor.

:meth:`Frontier.steps` says each step in the planner's words ("+1,2 week gemiddeld wachten
-> 18% minder niveauverschil"), :attr:`FrontierPoint.changes` what it means for people compared
with the fastest plan, and ``current=`` marks the planner's own plan when a point beats it.
"""

from __future__ import annotations

import copy
import logging
import math
import numbers
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .candidates import Candidates, Counts, Placements
from .domain import Problem, Weights
from .messages import Message, get_language, msg
from .options import RunClock, SolveOptions
from .plan import Plan, PlanFigures, Progress, relative_gap
from .solve import (
    CLASS_MIP_LEARNERS,
    DIVE_LEARNERS,
    StopFlag,
    _completed,
    _floored,
    assemble_plan,
    placements_from_plan,
    solve,
    stopped,
)
from .split import SplitError
from .tradeoff import LADDER_ENDS, LADDER_SCALE, rescore, weights_at
from .validate import validate

if TYPE_CHECKING:
    from .colgen import ColumnGeneration

log = logging.getLogger(__name__)

FAST_RATIO = (600, 1)
"""(wait, misfit) weights of the first solve: a week of waiting outweighs any difference in
level (at most 100 points) six times over, so that solve finds the lowest mean wait."""
HOMOGENEOUS_RATIO = LADDER_ENDS[1]
"""(wait, misfit) of the frontier's objective: five weeks of waiting weigh as much as one level
point (the homogeneous end of :data:`~optimizer.tradeoff.LADDER_ENDS`, 25 times the "homogeen"
preset's balance)."""
BOUND_SHARE = 0.08
"""Share of the whole time kept for the proofs at the end: per point of the frontier the
column-generation bound within its own mean wait (warm: the LP has the columns of every cap
before)."""
FLOOR_SHARE = 0.95
"""Every point places at least this share of whom the fastest plan places (rounded
up; the soft floor, see the module docstring)."""


def suggested_seconds(asked: int, found: int, seconds: float) -> int:
    """A total time likely to give the ``asked`` plans after a frontier of ``seconds`` found only
    ``found``: the time per plan found so far for every plan asked, half as much again, at least
    twice the time, in whole tens (at most an hour). The planner's Vergelijken page and
    ``klasvormer tradeoff`` both suggest it."""
    wanted = max(2 * seconds, seconds * asked / max(1, found) * 1.5)
    return min(3600, int(math.ceil(wanted / 10) * 10))


def frontier_weights(base: Weights) -> Weights:
    """The weights every frontier plan is measured with (see the module docstring)."""
    return weights_at(base, 1.0, FAST_RATIO, HOMOGENEOUS_RATIO, scale=LADDER_SCALE)


def fast_weights(base: Weights) -> Weights:
    """The fastest end's weights: the frontier's, with a week of waiting worth
    :data:`FAST_RATIO` misfit points, so that among the plans that wait least the one the
    frontier's weights score best wins."""
    measured = frontier_weights(base)
    return replace(measured, wait=round(FAST_RATIO[0] / FAST_RATIO[1] * measured.misfit))


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

    def changes_text(self, lang: str | None = None) -> str | None:
        """What this point changes for people compared with the fastest point, in words (None
        for the fastest point itself)."""
        if self.role == "fastest" or self.changes is None:
            return None
        ch = self.changes
        return msg("frontier_changes", later=ch.later, better=ch.better_fit, further=ch.further).text(lang)

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
        """One row per point (and the current plan last, when given); the columns are
        :data:`FRAME_COLUMNS`, typed the same for no, one or more points."""
        import pandas as pd

        steps = [None, *self.steps(lang)][:len(self.points)]  # no points (the fast search found no plan): none
        rows = []
        for p, step in zip(self.points, steps, strict=True):
            ch = p.changes or Changes(0, 0, 0)
            rows.append({
                "label": p.label(lang), "wait_mean": p.mean_wait, "misfit_mean": p.mean_misfit,
                "travel_mean": p.mean_travel, "placed": p.placed, "cap": p.cap, "objective": p.plan.objective,
                "bound": p.bound, "gap": p.gap, "status": p.plan.status, "later": ch.later,
                "better_fit": ch.better_fit, "further": ch.further, "step": step,
                "what_changes": p.changes_text(lang),
            })
        if self.current is not None:
            f = self.current.figures
            rows.append({"label": self.current_text(lang), "wait_mean": f.get("wait_mean"),
                         "misfit_mean": f.get("misfit_mean"), "travel_mean": f.get("travel_mean"),
                         "placed": f.get("placed"), "status": self.current.status})
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        # a column the rows leave empty (one point: no step, no cap, nothing changed) is typed as
        # when it is filled: text stays text and the cap a float (it became object or float64)
        text = pd.Series(["text"]).dtype
        for column in ("label", "status", "step", "what_changes"):
            frame[column] = frame[column].astype(text)
        for column in ("wait_mean", "misfit_mean", "travel_mean", "cap", "bound", "gap"):
            frame[column] = frame[column].astype(float)
        if frame.empty:  # no rows: the counts typed as the points give them (they were object)
            for column in ("placed", "objective", "later", "better_fit", "further"):
                frame[column] = frame[column].astype("int64")
        return frame


FRAME_COLUMNS = ("label", "wait_mean", "misfit_mean", "travel_mean", "placed", "cap", "objective", "bound", "gap",
                 "status", "later", "better_fit", "further", "step", "what_changes")
"""The columns of :meth:`Frontier.to_frame`, in order."""


def decimal(value: float, digits: int, lang: str | None = None) -> str:
    """``value`` with ``digits`` decimals: a decimal comma in Dutch, a point in English."""
    text = f"{value:.{digits}f}"
    return text if (lang or get_language()) == "en" else text.replace(".", ",")


def step_message(a: FrontierPoint, b: FrontierPoint, lang: str | None = None) -> Message:
    """From point ``a`` to the slower, more homogeneous ``b``: the extra weeks, the share of
    the level gap they save and the level points per extra week."""
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
    ``options``' other settings, the frontier setting its time, caps and floor. ``current`` (the planner's
    plan) is marked when a point beats it on both figures (and, when it keeps the floor, is a
    candidate point itself: no point is worse on both figures than it). ``on_point(point, done,
    total)`` hears of every solve as it ends (plan, cap, bound, role; before duplicates are
    dropped); ``stop`` ends early with the points found so far. ``floor_share``: every point
    places at least this share of whom the fastest plan places (:data:`FLOOR_SHARE`).
    ``bound_share``: the share of the time kept at the end to tighten the points' bounds.
    ``points`` below 1 (or no whole number) is a ValueError (it was one point without a word).
    """
    run_clock = RunClock(options.deterministic)
    t0, clock = run_clock.t0, run_clock.now
    time_limit = options.time_limit
    end = t0 + time_limit
    weights = frontier_weights(problem.weights)
    measured = problem.with_weights(weights)
    n = max(1, len(problem.learners))
    if isinstance(points, bool) or not isinstance(points, numbers.Integral) or points < 1:
        raise ValueError(f"points must be a whole number of at least 1, not {points!r}")
    points = int(points)
    total_solves = 1 + points
    pool: list[_Seen] = []
    count = [0]
    floor = [0]
    far_end = [False]
    """Did a search of the far end (no cap) end without the planner stopping it?"""
    far_keys: set[tuple] = set()
    """The plans the far end's dive, MIP or search made (not a start handed back unchanged). The
    last point is the most homogeneous plan ("meest homogeen") when the far end's search ended
    or the point is one of these."""
    stats: dict = {}

    def offer(plan: Plan, w: Weights, budget: int | None, at_floor: int, bound: float | None,
              misfit: float | None = None) -> Plan | None:
        """Into the pool (measured with the frontier's weights) when it keeps its caps and floor."""
        scored = plan if w == weights else rescore(plan, w, weights)
        kept = (budget is None or wait_sum(plan) <= budget) and placed(plan) >= at_floor \
            and (misfit is None or misfit_of(plan) <= misfit + 1e-9)
        if kept:
            pool.append(_Seen(scored, budget, at_floor, bound))
        return scored if kept else None

    def run(seconds: float, w: Weights, role: str, *, cap: float | None = None, misfit: float | None = None,
            warm: Plan | None = None, floored: bool = True, workers: int | None = None,
            halt: Callable[[], bool] | None = None) -> Plan | None:
        """A solve (``workers`` threads, or the options'); ``halt()`` ends it early too."""
        count[0] += 1
        at_floor = floor[0] if floored else 0
        settings = replace(options, time_limit=run_clock.hand(max(0.5, seconds)), bound_seconds=0.0, max_wait_mean=cap,
                           max_misfit_mean=misfit, min_placed=at_floor or None, workers=workers or options.workers)
        ends: StopFlag | None = stop if halt is None else (lambda: stopped(stop) or halt())
        plan = solve(problem.with_weights(w), settings, warm_start=warm, on_progress=on_progress, stop=ends)
        if role == "homogeneous":
            far_end[0] = far_end[0] or not stopped(stop)
            if plan.is_feasible() and (warm is None or plan_key(plan) != plan_key(warm)):
                far_keys.add(plan_key(plan))
        if not plan.is_feasible():
            return None
        budget = None if cap is None else math.floor(cap * n + 1e-9)
        own = w == weights and misfit is None
        # A start that broke a cap comes back unchanged: such a plan is not one of this solve's.
        scored = offer(plan, w, budget, at_floor, float(plan.bound) if own else None, misfit)
        if on_point is not None:
            shown = plan if w == weights else rescore(plan, w, weights)
            on_point(FrontierPoint(shown, cap, float(plan.bound) if own else 0.0, role), count[0], total_solves)
        return scored

    def candidates() -> list[_Seen]:
        return [s for s in pool if placed(s.plan) >= floor[0]]

    def best_within(budget: int | None) -> Plan | None:
        within = [s for s in candidates() if budget is None or wait_sum(s.plan) <= budget]
        return min(within, key=lambda s: s.plan.objective).plan if within else None

    cands: list[Candidates] = []

    def brought_within(budget: int) -> Plan | None:
        """The cheapest of the front's plans just over ``budget`` brought within it by the
        completion's fill and chains (into the pool); None when none can be."""
        over = sorted((s.plan for s in _nondominated(candidates()) if wait_sum(s.plan) > budget), key=wait_sum)
        if not over or stopped(stop):
            return None
        if not cands:
            from .candidates import build_candidates

            cands.append(prover.cg.cand if prover is not None else build_candidates(measured))
        found = [p for p in (repaired(measured, cands[0], plan, budget, floor[0]) for plan in over[:REPAIRS]) if p]
        for p in found:
            offer(p, weights, budget, floor[0], None)
        return min(found, key=lambda p: p.objective) if found else None

    # 1. The fastest end: the least waiting (wait-dominant weights), by column generation and a
    #    dive from its LP, then the search from the better of the dive and the greedy start.
    fast_w = fast_weights(problem.weights)
    fast_p = problem.with_weights(fast_w)
    fast_end = t0 + FAST_SHARE * time_limit
    # (deterministic: no LP and no dive before the proof, whose time limits are the machine's)
    dived, fast_lp = (None, None) if stopped(stop) or options.deterministic else _Prover.dived(
        fast_p, t0 + FAST_SHARE * time_limit * FAST_ROOT_SHARE, t0 + FAST_SHARE * time_limit * FAST_DIVE_SHARE, stop)
    stats["fast_dive"] = None if dived is None else wait_sum(dived)
    fast = run(fast_end - clock(), fast_w, "fastest", warm=dived, floored=False)
    if fast is None and dived is not None:
        fast = offer(dived, fast_w, None, 0, None)
    if fast is None:
        return Frontier([], weights, current, None, count[0], 0, {"status": "INFEASIBLE"})
    if current is not None and current.is_feasible() and validate(problem, current).ok:
        offer(current, problem.weights, None, 0, None)  # a candidate like any other
    # The fastest end and the floor from the least waiting plan known, the planner's own included:
    # a fast solve cut short (a trivial plan placing nobody) must not set the floor to 0, which let
    # a plan placing nobody (misfit 0) become the "meest homogeen" end.
    fast = min(pool, key=lambda s: (wait_sum(s.plan), s.plan.objective)).plan
    floor[0] = floor_of(placed(fast), floor_share)
    # 2. One column generation under the frontier's weights and the floor, moved from cap to cap:
    #    per point the bound within its cap, a dive from its LP, the search from the best plan
    #    within the cap.
    proof_end = end - bound_share * time_limit
    prover = None
    if not stopped(stop) and not options.deterministic:
        prover = _Prover.make(measured, floor[0], wait_sum(fast), proof_end, stop)
        if prover is not None:
            prover.seed([s.plan for s in candidates()])
            if fast_lp is not None:
                # The classes the fastest end's LP used: with them every LP from the far end to
                # the tightest cap converged in about half the time (measured on the sample;
                # all its columns slowed the far end's dive: docs/benchmarks.md, issue 18).
                stats["fast_columns"] = prover.cg.adopt(*fast_lp)
    left = [points + FASTEST_WEIGHT - 1.0]

    def dive_point(budget: int | None, trace: dict, fork: ColumnGeneration | None, kinds: set | None,
                   slot_end: float, raw: tuple[Placements, Counts] | None = None) -> None:
        """The dive from a converged LP (its ``fork``, or a fork made now when None) and, on
        small problems, the MIP over the kinds that LP uses; on large ones first the LP's last
        solution rounded (``raw``, :data:`ROUNDS`) and completed within the cap and the floor;
        their plans into the pool."""
        assert prover is not None

        def made(plan: Plan, w: Weights, cap: int | None, at_floor: int, bound: float | None,
                 misfit: float | None = None) -> Plan | None:
            """Into the pool (:func:`offer`); a plan of the far end (no cap) is marked as one."""
            if budget is None:
                far_keys.add(plan_key(plan))
            return offer(plan, w, cap, at_floor, bound, misfit)

        if raw is not None:
            got = prover._plan(raw, _capped(prover.cg.cand, budget, floor[0]))
            trace["rounded"] = None if got is None else (got.objective, wait_sum(got), placed(got))
            trace["rounded_unmet"] = prover.completion.get("floor", {}).get("unmet")
            if got is not None:
                made(got, weights, budget, floor[0], None)
        now = clock()
        # (a dive from an LP short of convergence broke the cap or the floor on the sample)
        plan = prover.dive(now + DIVE_SHARE * max(0.0, slot_end - now), fork) if trace["converged"] else None
        trace["dive"] = None if plan is None else (plan.objective, wait_sum(plan), placed(plan))
        if trace["converged"] and "floor" in prover.completion:  # completed up to the floor (or why not)
            trace["dive_floor"] = prover.completion["floor"]
        trace["dive_at"] = round(clock() - t0, 1)
        if plan is not None:
            made(plan, weights, budget, floor[0], None)
        if kinds is not None and not stopped(stop):
            # On small problems SCIP solves the MIP over the kinds the LP uses (and the best
            # plan's) in seconds, where the searches under a tight cap find no step.
            now = clock()
            trace["mip"] = _mip_point(measured, best_within(budget), kinds, budget, floor[0],
                                      MIP_SHARE * max(0.0, slot_end - now), made, stop)

    def searched(role: str, budget: int | None, trace: dict, until: float, workers: int | None = None,
                 halt: Callable[[], bool] | None = None) -> None:
        """The search under the cap from the best plan within it (or a looser cap's plan brought
        within it) until ``until`` or ``halt()``."""
        if stopped(stop):
            return
        warm = best_within(budget)
        if budget is not None:
            # The search under a tight cap hardly leaves its start (the fastest plan, measured: no
            # step in 300 s on the sample): a plan of a looser cap brought within this one starts it
            # where that is cheaper.
            fixed = brought_within(budget)
            trace["repaired"] = None if fixed is None else fixed.objective
            if fixed is not None and (warm is None or fixed.objective < warm.objective):
                warm = fixed
        got = run(until - clock(), weights, role, cap=None if budget is None else budget / n, warm=warm,
                  workers=workers, halt=halt)
        trace["search"] = None if got is None else (got.objective, wait_sum(got), placed(got))
        stats.setdefault("trace", []).append(trace)

    def point(role: str, budget: int | None) -> None:
        """One point in its share of the time: the LP under its cap, the dive, the search."""
        weight = FASTEST_WEIGHT if role == "fastest" else 1.0
        slot_end = clock() + max(0.5, (proof_end - clock()) * weight / max(weight, left[0]))
        left[0] -= weight
        trace: dict = {"budget": budget, "at": round(clock() - t0, 1)}
        if prover is not None and not stopped(stop):
            now = clock()
            # The first LP may take up to half the time left: its columns serve every later cap.
            root_end = now + (0.5 * (proof_end - now) if not prover.bounds else ROOT_SHARE * (slot_end - now))
            trace["bound"] = prover.bound(budget, root_end)
            # (after a long first LP the dive and the search still get most of a share)
            slot_end = max(slot_end, clock() + (1 - ROOT_SHARE) * (slot_end - now))
            if not prover.cg.converged and not stopped(stop):
                # A tight cap's LP is slow to converge, and without it no dive: the LP goes on
                # (measured: the search alone under such a cap stays 17-22% above its bound).
                now = clock()
                trace["bound"] = prover.more(budget, now + LP_MORE_SHARE * max(0.0, slot_end - now))
            trace["converged"] = prover.cg.converged
            trace["lp"] = _whole(prover.cg.lp_value)
            raw = _rounded_lp(prover.cg)
            dive_point(budget, trace, None, prover.cg.used_kinds() if small and prover.cg.converged else None, slot_end,
                       raw)
        searched(role, budget, trace, slot_end)

    def spacing() -> tuple[list[int], list[float]]:
        # 3. Between: caps on the mean wait evenly between the ends; if they have no room, caps
        #    on the mean misfit from the fastest end's down to the most homogeneous plan's.
        hi = _nondominated(candidates())[-1].plan
        return between(wait_sum(fast), wait_sum(hi), misfit_of(fast),
                       min(misfit_of(s.plan) for s in candidates()), points)

    def pipelined(lane: _Lane) -> tuple[list[int], list[float]]:
        """The far end, then the caps between from the top down and the fastest cap last, each
        LP in the lane one cap ahead of the dives and searches here (the searches on one core
        while the lane has the other)."""
        roles: dict[int | None, str] = {None: "homogeneous", wait_sum(fast): "fastest"}

        def space() -> tuple[list[int], list[float]]:
            budgets, misfit_caps = spacing()
            lane.expected = 2 * FASTEST_WEIGHT + len(budgets)
            for b in budgets[::-1]:
                lane.add(b)
            lane.add(wait_sum(fast), FASTEST_WEIGHT)
            lane.close()
            return budgets, misfit_caps

        spaced: tuple[list[int], list[float]] | None = None
        # The first LP may take up to half the time left (the sequential frontier's rule: on
        # 1,000 learners it needs that): its columns serve every cap after it.
        lane.add(None, FASTEST_WEIGHT, half=True)
        lane.begin()
        try:
            while (item := lane.take()) is not None:
                budget, trace, fork, kinds, raw = item
                share = lane.share() if lane.busy() else proof_end - clock()
                dive_point(budget, trace, fork, kinds, clock() + share, raw)
                if budget is None and trace["dive"] is not None:
                    spaced = space()  # the far end's dive is in: the caps between, the fastest last
                at_least = clock() + SEARCH_MIN_SHARE * share

                def next_ready(at_least: float = at_least) -> bool:
                    return lane.ahead() and clock() >= at_least

                # (before the caps are known the lane waits: the far end's search has a share)
                until = proof_end if spaced else clock() + share
                searched(roles.get(budget, "between"), budget, trace, until,
                         workers=1 if lane.busy() and spaced else None, halt=next_ready)
                if spaced is None and not stopped(stop):
                    spaced = space()  # no far end from the dive: from its search (the lane waited)
        finally:
            lane.join()
        return spaced or ([], [])

    small = n <= CLASS_MIP_LEARNERS and not options.deterministic
    lane = None
    if LANES and prover is not None and points >= 3 and not options.deterministic and (options.workers or 2) >= 2:
        now = clock()
        expected = 2 * FASTEST_WEIGHT + (points - 2)  # the far end, the fastest cap, up to points - 2 between
        lane = _Lane(prover, t0, proof_end - (proof_end - now) / (expected + 1), expected, small, stop)
    stats["lanes"] = lane is not None
    if lane is not None:
        budgets, misfit_caps = pipelined(lane)
        left[0] = float(len(misfit_caps))
    else:
        # The far end first (the LP without a cap converges fastest), then the caps downwards:
        # each LP starts from the columns of the cap above it.
        if points >= 2 and not stopped(stop):
            point("homogeneous", None)
        budgets, misfit_caps = spacing()
        for budget in budgets[::-1]:
            if stopped(stop):
                break
            point("between", budget)
        if not stopped(stop):
            point("fastest", wait_sum(fast))
    caps = [b / n for b in budgets]
    for cap in misfit_caps:
        if stopped(stop):
            break
        within = [s for s in candidates() if misfit_of(s.plan) <= cap + 1e-9]
        warm = min(within, key=lambda s: (wait_sum(s.plan), s.plan.objective))
        slot = max(0.5, (proof_end - clock()) / max(1.0, left[0]))
        left[0] -= 1
        run(slot, fast_w, "between", misfit=cap, warm=warm.plan)
    if points > 2 and not budgets and not misfit_caps and not stopped(stop):
        # Neither has room (the fastest plan is also the most homogeneous known): the time left
        # goes on to the far end.
        run(max(0.5, proof_end - clock()), weights, "homogeneous", warm=best_within(None))
    # 4. Proof: every point its bound within its own mean wait (the slowest first: a bound
    #    within a wait holds for every point that waits no longer).
    front = _by_caps(_nondominated(candidates()), [wait_sum(fast), *budgets, None], points, n=n)
    proof_deadline = end
    if options.deterministic and not stopped(stop):
        # the LP for the bounds alone, in the proof's share of the time on the clock: the bounds
        # may then differ from run to run, the plans do not
        proof_deadline = time.perf_counter() + bound_share * time_limit
        prover = _Prover.make(measured, floor[0], wait_sum(fast), proof_deadline, stop)
        if prover is not None:
            prover.seed([s.plan for s in front])
    bounds = _proofs(front, pool, floor[0], prover, proof_deadline, stop)
    far = far_end[0] or (bool(front) and plan_key(front[-1].plan) in far_keys)
    fr = _assemble(front, bounds, pool, weights, current, n, far_end=far)
    stats.update(seconds=round(time.perf_counter() - t0, 2), caps=caps, misfit_caps=misfit_caps,
                 min_placed=floor[0], first_placed=placed(fast), seen=len(pool),
                 lp_bounds=dict(prover.bounds) if prover is not None else {})
    return replace(fr, solves=count[0], stats=stats)


FASTEST_WEIGHT = 2.0
"""The fastest cap's share of the time counts this many points' shares: its LP, under the
tightest cap, is the slowest to converge (issue 18)."""
FAST_SHARE = 0.3
"""Share of the whole time for the fastest end (wait-dominant: column generation to
:data:`FAST_ROOT_SHARE` of it, the dive to :data:`FAST_DIVE_SHARE`, the search from the dive the
rest): a lower mean wait than a plain *snelle start* solve (issue 18; figures in docs/benchmarks.md)."""
FAST_ROOT_SHARE, FAST_DIVE_SHARE = 0.45, 0.7
ROOT_SHARE = 0.35
"""Within a point's share of the time: the column generation under its cap ends here ..."""
LP_MORE_SHARE = 0.6
"""... an LP not converged by then goes on to this share of what is left ..."""
DIVE_SHARE = 0.6
"""... the dive from its LP ends at this share of what is left, the search from the best plan
within the cap has the rest."""


class _Prover:
    """One column generation (``colgen.py``) under the frontier's weights and floor, moved from
    cap to cap (:meth:`~optimizer.colgen.ColumnGeneration.retarget`, the columns kept): per cap a
    proven bound on every plan that keeps it and the floor, and dives from its LP (each from a
    fork, so the LP goes on to the next cap)."""

    def __init__(self, problem: Problem, cg, stop: StopFlag | None) -> None:
        self.problem, self.cg, self.stop = problem, cg, stop
        self.floor = cg.cand.min_placed
        self.bounds: dict[int | None, float] = {}
        """Per wait budget (None: no cap) the bound proven under it and the floor."""
        self.lines: list[tuple[int, float, float]] = []
        """Per cap's LP (budget, its best bound, the wait row's dual there): a bound for every
        other budget too (:meth:`~optimizer.colgen.ColumnGeneration.bound_line`)."""
        self.completion: dict = {}
        """What the completion of the last dive did (``_completed``'s stats: ``"floor"`` holds
        (placed, waiting weeks) before and after, and ``"unmet"`` when it could not reach the
        floor or the cap)."""

    @classmethod
    def make(cls, problem: Problem, floor: int, budget: int, deadline: float, stop: StopFlag | None
             ) -> _Prover | None:
        from .candidates import build_candidates
        from .colgen import ColumnGeneration, OutOfTime

        cand = build_candidates(problem)
        cand.wait_budget, cand.min_placed = budget, floor
        try:
            return cls(problem, ColumnGeneration(problem, cand, deadline=deadline), stop)
        except OutOfTime:
            return None

    @staticmethod
    def dived(problem: Problem, root_end: float, dive_end: float, stop: StopFlag | None
              ) -> tuple[Plan | None, tuple[ColumnGeneration, list[int]] | None]:
        """A plan of ``problem`` (no cap, no floor) by column generation and a dive; and the
        column generation with the columns its LP used before the dive (they serve other LPs of
        the same learners: :meth:`~optimizer.colgen.ColumnGeneration.adopt`)."""
        from .candidates import build_candidates
        from .colgen import ColumnGeneration, OutOfTime

        cand = build_candidates(problem)
        try:
            cg = ColumnGeneration(problem, cand, deadline=root_end)
        except OutOfTime:
            return None, None
        cg.run(root_end, stop=lambda: stopped(stop))
        used = cg.in_use(dive_end)
        found = cg.dive(dive_end, stop=lambda: stopped(stop), picks=5, iterations=2)
        return _Prover(problem, cg, stop)._plan(found), (cg, used)

    def seed(self, plans: list[Plan]) -> None:
        """The classes of these plans as the first columns."""

        for plan in plans:
            start = placements_from_plan(self.problem, self.cg.cand, plan)
            if start is not None:
                self.cg.add_plan(*start)

    def bound(self, budget: int | None, until: float) -> float:
        """The bound on every plan that waits at most ``budget`` weeks together and keeps the floor."""
        self.cg.retarget(budget, self.floor)
        return self.more(budget, until)

    def more(self, budget: int | None, until: float) -> float:
        """The column generation under the current cap (``budget``) goes on until ``until``."""
        value = float(self.cg.run(until, stop=lambda: stopped(self.stop)).value)
        self.bounds[budget] = max(value, self.bounds.get(budget, 0.0))
        best, mu = self.cg.bound_line()
        if budget is not None and math.isfinite(best):
            self.lines.append((budget, best, mu))
        return self.bounds[budget]

    def proven(self, wait: int) -> float:
        """The best bound on every plan that waits at most ``wait`` weeks and keeps the floor:
        a bound under a budget of at least ``wait``, or any cap's LP's bound moved to ``wait``
        along its wait dual (a tighter cap's bound is higher by at least the dual times the
        weeks less)."""
        from .colgen import integral_bound

        held = max((v for b, v in self.bounds.items() if b is None or b >= wait), default=0.0)
        moved = max((best + mu * (wait - b) for b, best, mu in self.lines), default=-math.inf)
        return max(held, float(integral_bound(moved)) if math.isfinite(moved) else 0.0)

    def dive(self, until: float, fork: ColumnGeneration | None = None) -> Plan | None:
        """A plan by diving from the LP at the current cap, or from ``fork``, a copy of the LP
        made earlier (None: the dive found none)."""
        self.completion = {}
        if time.perf_counter() >= until or stopped(self.stop):
            return None
        copy_ = fork or self.cg.fork()
        found = copy_.dive(until, stop=lambda: stopped(self.stop), picks=5, iterations=2)
        # (the copy's cap: the lane may have moved this LP on to the next one meanwhile)
        return self._plan(found, copy_.cand)

    def _plan(self, found: tuple[Placements, Counts] | None, cand: Candidates | None = None) -> Plan | None:
        """The dived plan completed within ``cand``'s cap and floor (default: the LP's)."""
        self.completion = {}
        if found is None:
            return None
        cand = cand or self.cg.cand
        # A dive rounded at its deadline leaves learners waiting: the greedy places them where it
        # can, and then (whatever it costs) as many as the floor needs, within the cap.
        placements, counts = _completed(self.problem, cand, found, self.completion)
        try:
            plan = assemble_plan(self.problem, cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
        except SplitError:
            return None
        return plan if validate(self.problem, plan).ok else None


ROUNDS = True
"""Above :data:`~optimizer.solve.DIVE_LEARNERS` learners each cap's LP, converged or not, is
rounded as it is (:meth:`~optimizer.colgen.ColumnGeneration.rounded`) and completed within the
cap and the floor: one more plan for the pool, in about a second. There a dive takes longer than a
cap's share (85 s on 1,000 learners from 3,000 classes) and the search under the cap starts from
a looser cap's plan brought within it, which the completion's chains make dear or cannot do
(docs/benchmarks.md, issue 18: "Rounding each cap's LP on 1,000 learners"). A switch for paired runs."""

def _rounded_lp(cg: ColumnGeneration) -> tuple[Placements, Counts] | None:
    """The LP's last solution rounded to whole classes where :data:`ROUNDS` applies, else None."""
    return cg.rounded() if ROUNDS and len(cg.lids) > DIVE_LEARNERS else None


def _capped(cand: Candidates, budget: int | None, floor: int) -> Candidates:
    """A copy of ``cand`` under the wait budget ``budget`` and the floor ``floor``."""
    c = copy.copy(cand)
    c.wait_budget, c.min_placed = budget, floor
    return c


MIP_SHARE = 0.8
"""The most of a cap's share left after its dive that the MIP may take (it stops once proven)."""

LANES = True
"""Run the caps' LPs in a thread of their own, one cap ahead of the dives and searches
(:class:`_Lane`; not in deterministic runs nor with one worker). A switch for paired runs."""
SEARCH_MIN_SHARE = 0.25
"""In the lane's rhythm, a cap's search goes on until the next cap's LP is ready, and at least
this share of a cap's time."""


class _Lane:
    """The prover's column generation in a thread of its own (GLOP leaves Python's lock while it
    solves, so it has a core to itself): the LP under one cap after another, as the caller adds
    them (:meth:`add`), each in its share (by weight) of the time to ``end``; per cap the trace, a copy
    of the LP to dive from when it converged (:meth:`~optimizer.colgen.ColumnGeneration.fork`)
    and the kinds it uses (on small problems), handed over in order (:meth:`take`). The caller
    dives and searches one cap while the lane's LP is on the next. **Why:** on the sample the
    far end and four caps need 22 s of LP and a dive 3-4 s each: one after the other in 60 s the
    second-tightest cap's LP never converged (docs/benchmarks.md, issue 18)."""

    _END = object()

    def __init__(self, prover: _Prover, t0: float, end: float, expected: float, kinds: bool,
                 stop: StopFlag | None) -> None:
        self.prover, self.t0, self.end, self.expected, self.kinds = prover, t0, end, expected, kinds
        self.jobs: queue.Queue = queue.Queue()
        self.out: queue.Queue = queue.Queue()
        self.cancel = threading.Event()
        self.outer = stop
        self.done = 0.0
        """The weight of the caps done (``expected``: of all)."""
        self.produced = 0
        self.taken = 0
        self.thread = threading.Thread(target=self._work, name="frontier-lp", daemon=True)

    def stopped(self) -> bool:
        return self.cancel.is_set() or stopped(self.outer)

    def add(self, budget: int | None, weight: float = 1.0, half: bool = False) -> None:
        """A cap whose LP takes ``weight`` shares of the time (``half``: or up to half the time
        left, when that is more)."""
        self.jobs.put((budget, weight, half))

    def close(self) -> None:
        """No more caps: the lane ends after those added."""
        self.jobs.put(self._END)

    def begin(self) -> None:
        self.prover.stop = self.stopped
        self.thread.start()

    def share(self, weight: float = 1.0) -> float:
        """The lane's time from now for a cap of this weight."""
        return max(0.5, (self.end - time.perf_counter()) * weight / max(weight, self.expected - self.done))

    def ahead(self) -> bool:
        """Is the next cap's LP ready?"""
        return self.produced > self.taken

    def busy(self) -> bool:
        return self.thread.is_alive() and self.done < self.expected - 1e-9

    def take(self) -> tuple | None:
        """The next cap's (budget, trace, fork, kinds); None when the lane has ended."""
        while True:
            try:
                item = self.out.get(timeout=0.1)
            except queue.Empty:
                if self.stopped() or (not self.thread.is_alive() and self.out.empty()):
                    return None  # (stopped: the lane may wait for caps no one will add)
                continue
            if item is self._END:
                return None
            self.taken += 1
            return item

    def join(self) -> None:
        self.cancel.set()
        self.close()
        self.thread.join()
        self.prover.stop = self.outer

    def _work(self) -> None:
        prover = self.prover
        try:
            while not self.stopped():
                try:
                    job = self.jobs.get(timeout=0.1)
                except queue.Empty:  # (waiting for the caps; a stop ends the wait)
                    continue
                if job is self._END:
                    break
                budget, weight, half = job
                now = time.perf_counter()
                trace: dict = {"budget": budget, "at": round(now - self.t0, 1)}
                seconds = max(self.share(weight), 0.5 * (self.end - now) if half else 0.0)
                trace["bound"] = prover.bound(budget, now + seconds)
                cg = prover.cg
                trace["converged"], trace["lp"] = cg.converged, _whole(cg.lp_value)
                trace["lp_at"] = round(time.perf_counter() - self.t0, 1)
                kinds = cg.used_kinds() if self.kinds and cg.converged else None
                fork = cg.fork() if cg.converged and not self.stopped() else None
                self.done += weight
                self.produced += 1
                raw = _rounded_lp(cg) if not self.stopped() else None
                self.out.put((budget, trace, fork, kinds, raw))
        except Exception:  # pragma: no cover - reported, and the frontier goes on without the lane
            log.exception("frontier: the LP lane failed")
        finally:
            self.out.put(self._END)


def _whole(value: float) -> int | None:
    """``value`` rounded for the trace; None for an LP with no value yet (infinite: its time ran
    out before its first solve; a short frontier met it, and ``round`` stopped the lane)."""
    return round(value) if math.isfinite(value) else None


def _mip_point(problem: Problem, hint: Plan | None, kinds: set[tuple[int, int]], budget: int | None,
               floor: int, seconds: float, offer: Callable[..., Plan | None],
               stop: StopFlag | None = None) -> tuple | None:
    """The MIP over ``kinds`` and the hint's kinds under the cap and the floor, from ``hint``;
    its plan, when the validator passes it, goes to the pool (``offer``). Returns (objective,
    proven, seconds) for the trace, None when it did not run or found no plan."""
    from .classmip import solve_class_mip

    if seconds < 0.5:
        return None
    found = solve_class_mip(problem, seconds, budget=budget, floor=floor, hint=hint, kinds=kinds,
                            stop=lambda: stopped(stop))
    if found.plan is None or not found.valid:
        return None
    offer(found.plan, problem.weights, budget, floor, None)
    return (found.plan.objective, found.proven, round(found.seconds, 1))


REPAIRS = 3
"""Per cap, how many of the front's plans just over it are brought within it to start its search."""


def repaired(problem: Problem, cand: Candidates, plan: Plan, budget: int, floor: int) -> Plan | None:
    """``plan`` brought within ``budget`` waiting weeks while keeping ``floor`` placed, by the
    completion's fill and chains (:func:`~optimizer.solve._floored`: waiting learners placed,
    placed ones moved to classes that start earlier); None when that cannot reach the budget."""
    c = _capped(cand, budget, floor)
    start = placements_from_plan(problem, c, plan)
    if start is None:
        return None
    stats: dict = {}
    placements, counts = _floored(problem, c, start, stats)
    if "to" not in stats.get("floor", {}) or "unmet" in stats["floor"]:
        return None
    try:
        done = assemble_plan(problem, c, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
    except SplitError:
        return None
    return done if validate(problem, done).ok and wait_sum(done) <= budget and placed(done) >= floor else None


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


def _farthest(chosen: list[_Seen], rest: list[_Seen], points: int) -> list[_Seen]:
    """Up to ``points`` more of ``rest`` beside ``chosen``, one at a time the plan whose mean wait
    is farthest from every plan already there (the lower objective among equals): the gaps
    between the caps' plans filled where they are widest. (By position, a 60 s run on the sample
    filled the fifth place with a plan 0.003 weeks from a cap's plan, where the widest gap between
    two points was 0.8 weeks: docs/benchmarks.md, issue 18.)"""
    out, left = list(chosen), list(rest)
    for _ in range(min(points, len(left))):
        def distance(s: _Seen) -> float:
            return min((abs(wait_sum(s.plan) - wait_sum(c.plan)) for c in out), default=0.0)
        pick = max(left, key=lambda s: (distance(s), -s.plan.objective))
        out.append(pick)
        left.remove(pick)
    return out[len(chosen):]


ALIKE = (0.05, 0.05)
"""Two plans whose mean waits differ by less than this many weeks and whose mean misfits by less
than this many level points read the same to a planner (figures are shown to one decimal): the
frontier shows one of them, the one with the lower objective. (Seen on other shapes than the
sample's: two of five points 0.01 week and 0.007 points apart; docs/benchmarks.md, issue 18.)"""


def alike(a: Plan, b: Plan, n: int) -> bool:
    """Do plans ``a`` and ``b`` of ``n`` learners read the same (:data:`ALIKE`)?"""
    return abs(wait_sum(a) - wait_sum(b)) / max(1, n) < ALIKE[0] and abs(misfit_of(a) - misfit_of(b)) < ALIKE[1]


def _unalike(front: list[_Seen], n: int) -> list[_Seen]:
    """``front`` without plans alike to a better one (lower objective), fast first."""
    kept: list[_Seen] = []
    for s in sorted(front, key=lambda s: s.plan.objective):
        if not any(alike(s.plan, k.plan, n) for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: (wait_sum(s.plan), misfit_of(s.plan)))


def _by_caps(front: list[_Seen], budgets: list[int | None], points: int, *, n: int) -> list[_Seen]:
    """At most ``points`` of ``front`` (``n`` learners): per wait budget (None: no cap) the plan
    with the lowest objective within it -- the frontier's points proper, evenly spaced in
    waiting --, then, while fewer are distinct, others of the front where the gaps in waiting
    between them are widest (:func:`_farthest`); fast first; of plans alike (:func:`alike`) only the best. (By position alone, two plans a few
    weeks apart could take two places and a cap's plan none: measured on the sample,
    docs/benchmarks.md, issue 18.)"""
    front = _unalike(front, n)
    chosen: list[_Seen] = []
    for budget in budgets:
        within = [s for s in front if budget is None or wait_sum(s.plan) <= budget]
        best = min(within, key=lambda s: s.plan.objective, default=None)
        if best is not None and all(best is not c for c in chosen) and len(chosen) < points:
            chosen.append(best)
    rest = [s for s in front if all(s is not c for c in chosen)]
    if rest and len(chosen) < points:
        chosen += _farthest(chosen, rest, points - len(chosen))
    return sorted(chosen, key=lambda s: (wait_sum(s.plan), misfit_of(s.plan)))


def _known_bound(plan: Plan, pool: list[_Seen], floor: int) -> float:
    """The best proven bound for the plans that wait no longer than ``plan`` and keep the floor:
    any solve's bound whose cap and floor let all of them in."""
    budget = wait_sum(plan)
    valid = [s.bound for s in pool if s.bound is not None and (s.budget is None or s.budget >= budget)
             and s.floor <= floor]
    return max(valid, default=0.0)


def _proofs(front: list[_Seen], pool: list[_Seen], floor: int, prover: _Prover | None, deadline: float,
            stop: StopFlag | None) -> list[float]:
    """Per point a proven lower bound (frontier weights) on every plan that waits no longer and
    keeps the floor: the best a solve or the column generation under a cap at least its wait
    proved; in the time left, the column generation under the point's own wait (the slowest
    open point first: its bound serves every point that waits no longer)."""

    def known(s: _Seen) -> float:
        lp = prover.proven(wait_sum(s.plan)) if prover is not None else 0.0
        return max(_known_bound(s.plan, pool, floor), lp)

    if prover is not None:
        todo = [s for s in front if relative_gap(s.plan.objective, known(s)) > 1e-9][::-1]
        for j, s in enumerate(todo):
            seconds = (deadline - time.perf_counter()) / (len(todo) - j)
            if seconds <= 0.2 or stopped(stop):
                break
            if relative_gap(s.plan.objective, known(s)) > 1e-9 and wait_sum(s.plan) not in prover.bounds:
                prover.bound(wait_sum(s.plan), time.perf_counter() + seconds)
    return [min(known(s), float(s.plan.objective)) for s in front]


def _assemble(front: list[_Seen], bounds: list[float], pool: list[_Seen], weights: Weights, current: Plan | None,
              n: int, far_end: bool = True) -> Frontier:
    """The points with their roles, bounds and changes; the current plan marked. Without
    ``far_end`` (stopped before the far end's search ended, and the last point not made for the
    far end) the last point is one "between", named by its mean wait: a search stopped after the
    fastest end called the planner's own plan, or the fastest solve's, "meest homogeen" (on the
    sample: 7.3 weeks of waiting, level gap 4.7, where the far end has 8.2 and 2.4)."""
    out = []
    last = "homogeneous" if far_end else "between"
    for i, (s, bound) in enumerate(zip(front, bounds, strict=True)):
        role = "fastest" if i == 0 else last if i == len(front) - 1 else "between"
        out.append(FrontierPoint(s.plan, wait_sum(s.plan) / n, bound, role, changes(front[0].plan, s.plan)))
    dominated_by = None
    if current is not None and current.is_feasible():
        dominated_by = next((i for i, p in enumerate(out) if dominates(p.plan, current)), None)
    distinct = len({plan_key(s.plan) for s in pool})
    return Frontier(out, weights, current, dominated_by, len(pool), distinct - len(out))

"""The provisional frontier (what the trade-off view shows while the frontier runs) keeps the
frontier's floor on the number placed."""

from __future__ import annotations

from dataclasses import replace

from app.planner.planning import provisional_frontier
from app.synth import b1_provider
from optimizer import SolveOptions, solve
from optimizer.domain import WAITLIST
from optimizer.frontier import FrontierPoint, frontier_weights


def test_a_plan_placing_nobody_is_no_point_of_the_provisional_frontier():
    """Seen from outside (3 plans in 6 s): a plan placing nobody (mean misfit 0) stood on the view as
    "meest homogeen", "+9,7 week -> 100% minder niveauverschil"; the frontier itself never keeps
    a plan under its floor, and now neither does the view while it runs."""
    p = b1_provider(40, seed=2)
    weights = frontier_weights(p.weights)
    measured = p.with_weights(weights)
    placed = solve(measured, SolveOptions(time_limit=2, deterministic=True, workers=2))
    nobody = solve(replace(measured, learners=tuple(replace(lr, pin=WAITLIST) for lr in measured.learners)),
                   SolveOptions(time_limit=1, deterministic=True, workers=2))
    assert placed.figures["placed"] > 0 and nobody.figures["placed"] == 0 and nobody.is_feasible()
    n = len(p.learners)
    seen = [FrontierPoint(placed, None, 0.0, "fastest"), FrontierPoint(nobody, None, 0.0, "homogeneous")]
    shown = provisional_frontier(seen, weights, n)
    assert [q.plan.figures["placed"] for q in shown.points] == [placed.figures["placed"]]
    # without a fastest plan heard yet there is no floor: every valid plan may stand
    alone = provisional_frontier(seen[1:], weights, n)
    assert len(alone.points) == 1

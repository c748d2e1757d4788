"""bench.restricted_ip: the master problem with whole classes, from a plan's classes."""

from __future__ import annotations

import time

from bench.restricted_ip import restricted_ip
from bench.stress import stress_case
from optimizer import SolveOptions, solve
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration
from optimizer.frontier import wait_sum
from optimizer.solve import placements_from_plan


def test_the_restricted_ip_lies_between_the_lp_and_the_plan_it_starts_from():
    p = stress_case("tiny-ML-1")
    plan = solve(p, SolveOptions(time_limit=3, deterministic=True))
    cand = build_candidates(p)
    cand.wait_budget, cand.min_placed = wait_sum(plan), 0
    cg = ColumnGeneration(p, cand)
    start = placements_from_plan(p, cand, plan)
    assert start is not None
    cg.add_plan(*start)
    own = list(range(len(cg.cols)))
    lp = cg.run(time.perf_counter() + 20)
    assert lp.converged
    best, bound, status = restricted_ip(cg, own, start[0], 20)
    assert status == "optimal" and best is not None
    # Its own LP has every row the column generation's has (and more): never below its value;
    # the plan's classes are among the columns: never above the plan.
    assert lp.lp - 1e-6 <= bound <= best + 1e-6
    assert best <= plan.objective + 1e-6

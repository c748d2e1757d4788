"""The column-generation lower bound: never above a proven optimum, never below the trivial
bound once converged, exact where whole classes leave no choice, valid when cut short."""

from __future__ import annotations

import time
from datetime import timedelta

from hypothesis import HealthCheck, given, settings

from optimizer import RouteSettings, solve
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration, lower_bound

from .conftest import PLAN_DATE, learner, problem
from .test_properties import problems


def _trivial(p) -> int:
    cand = build_candidates(p)
    return sum(min([cand.waitlist_cost[lid], *(cand.best_week_cost(o) for o in opts)])
               for lid, opts in cand.options.items())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_bound_never_exceeds_the_proven_optimum(p):
    plan = solve(p, time_limit=5, deterministic=True, method="cp-sat")
    b = lower_bound(p, time_limit=5)
    assert b.converged
    if plan.status == "OPTIMAL":
        assert b.value <= plan.objective
    assert b.value <= plan.objective  # any valid plan is an upper bound too
    assert b.value >= _trivial(p) - 1  # the LP prices every learner at least at their cheapest option


def test_a_class_minimum_makes_the_bound_exact_where_the_trivial_one_is_not():
    # Three learners at 45, 50 and 55, classes of 3..4: one class, one level. The trivial bound
    # gives each their own level; the LP knows a class holds all three at one level.
    ls = [learner("d0", level=45), learner("d1", level=50), learner("d2", level=55)]
    p = problem(ls, routes=(RouteSettings("B1", min_size=3, max_size=4, max_spread=20, duration_weeks=10),))
    plan = solve(p, time_limit=5, deterministic=True, method="cp-sat")
    assert plan.status == "OPTIMAL"
    assert plan.figures["placed"] == 3
    b = lower_bound(p)
    assert b.converged
    assert b.value == plan.objective
    assert b.value > _trivial(p)


def test_a_household_that_cannot_share_a_class_kind_keeps_the_bound_valid():
    # d0 and d1 must share a class, but only d0 may travel to Zuidoost: the LP must not
    # place d0 there with others while d1 waits elsewhere for free.
    ls = [learner("d0", level=50, together="H"), learner("d1", level=50, together="H", max_travel=10),
          learner("d2", level=50), learner("d3", level=52, available_from=PLAN_DATE + timedelta(weeks=1))]
    p = problem(ls)
    plan = solve(p, time_limit=5, deterministic=True, method="cp-sat")
    assert plan.status == "OPTIMAL"
    b = lower_bound(p)
    assert b.value <= plan.objective


def test_a_bound_cut_short_is_still_valid():
    ls = [learner(f"d{i}", level=30 + 7 * i, available_from=PLAN_DATE + timedelta(weeks=i % 3)) for i in range(9)]
    p = problem(ls, horizon_weeks=6)
    plan = solve(p, time_limit=5, deterministic=True, method="cp-sat")
    cg = ColumnGeneration(p, build_candidates(p))
    early = cg.run(deadline=time.perf_counter())  # one LP and one pricing round
    assert early.iterations >= 1
    assert early.value <= plan.objective
    full = cg.run(deadline=time.perf_counter() + 10)  # continues where it stopped
    assert full.converged
    assert early.value <= full.value <= plan.objective


def test_solve_with_bound_seconds_reports_the_column_generation_bound():
    from app.synth import b1_provider

    p = b1_provider(50, seed=7, running=3)
    plain = solve(p, time_limit=2, deterministic=True, method="lns")  # the search proves nothing itself
    proven = solve(p, time_limit=2, deterministic=True, method="lns", bound_seconds=60)
    assert proven.objective == plain.objective  # the plan is the same; only the bound changes
    assert proven.stats["colgen_converged"]  # stops at convergence, long before 60 s
    assert plain.stats["trivial_bound"] <= plain.bound
    assert plain.bound < proven.bound <= proven.objective
    assert proven.gap < plain.gap

"""The class MIP restricted to given class kinds (optimizer/classmip.py), and its use in the
frontier: the MIP over the kinds a capped LP uses (frontier._mip_point). Checked against the
unrestricted MIP (itself checked against the full CP-SAT model in tests/bench/test_mip_classes.py),
the independent validator and the column-generation bound."""

from __future__ import annotations

import time

from app.synth import b1_provider
from optimizer import SolveOptions, solve, validate
from optimizer.candidates import build_candidates, placement_objective
from optimizer.classmip import solve_class_mip
from optimizer.colgen import ColumnGeneration
from optimizer.frontier import (
    _mip_point,
    _Prover,
    fast_weights,
    floor_of,
    frontier_weights,
    placed,
    wait_sum,
)
from optimizer.solve import (
    _column_generation,
    _dive_from,
    assemble_plan,
    placements_from_plan,
    valid_start,
)

from .conftest import unhurried


def _kinds(problem, plan) -> set[tuple[int, int]]:
    start = placements_from_plan(problem, build_candidates(problem), plan)
    assert start is not None
    return {ft for ft, count in start[1].items() if count > 0}


def test_classes_open_only_of_the_given_kinds() -> None:
    p = b1_provider(60, seed=1)
    plan = solve(p, SolveOptions(time_limit=1.5, workers=1, seed=1))
    used = _kinds(p, plan)
    assert len(used) >= 2
    within = solve_class_mip(p, 30, hint=plan, kinds=used)
    assert within.proven and within.plan is not None and within.valid
    assert within.objective <= plan.objective  # the plan is one of its solutions
    assert _kinds(p, within.plan) <= used
    fewer = set(sorted(used)[1:])  # one of them taken away
    less = solve_class_mip(p, 30, kinds=fewer)
    assert less.proven and less.plan is not None and less.valid
    assert less.objective >= within.objective  # fewer kinds, no better optimum
    assert _kinds(p, less.plan) <= fewer
    cand = build_candidates(p)
    assert ColumnGeneration(p, cand).run(time.perf_counter() + 10).value <= less.objective


def test_the_mip_over_a_capped_lps_kinds_keeps_the_cap_and_beats_no_bound() -> None:
    base = b1_provider(60, seed=1)
    p = base.with_weights(frontier_weights(base.weights))
    n = len(p.learners)
    fast = solve(base.with_weights(fast_weights(base.weights)), SolveOptions(time_limit=1.5, workers=1, seed=1))
    budget, floor = wait_sum(fast) + n // 4, floor_of(placed(fast))
    hint = solve(p, SolveOptions(time_limit=1, workers=1, seed=1, max_wait_mean=budget / n, min_placed=floor),
                 warm_start=fast)
    assert hint.is_feasible() and wait_sum(hint) <= budget
    prover = _Prover.make(p, floor, budget, time.perf_counter() + 30, None)
    assert prover is not None
    bound = prover.bound(budget, time.perf_counter() + 20)
    assert prover.cg.converged
    lp_kinds = prover.cg.used_kinds()
    assert lp_kinds
    offered = []

    def offer(plan, weights, cap, at_floor, _bound):
        offered.append((plan, cap, at_floor))
        return plan

    got = _mip_point(p, hint, lp_kinds, budget, floor, 30, offer)
    assert got is not None and got[1]  # proven within the kinds on 40 learners
    (plan, cap, at_floor), = offered
    assert (cap, at_floor) == (budget, floor)
    assert validate(p, plan).ok
    assert wait_sum(plan) <= budget and placed(plan) >= floor
    assert bound <= plan.objective <= hint.objective  # the hint's kinds are in: never worse
    assert _kinds(p, plan) <= lp_kinds | _kinds(p, hint)


def test_a_stop_interrupts_the_mip() -> None:
    p = b1_provider(150, seed=1)  # SCIP proves nothing here in minutes
    t0 = time.perf_counter()
    found = solve_class_mip(p, 300, stop=lambda: time.perf_counter() > t0 + 2)
    assert not found.proven
    assert time.perf_counter() - t0 < 30  # far below the 300 s limit


def test_short_plain_runs_take_the_mips_plan_where_it_is_cheaper(monkeypatch) -> None:
    # 10 s runs on 100 learners went from 3.3-8.3% above their bound to 0.05-1.6% with it
    # (docs/benchmarks.md); here: it runs after the LP, its plan passes the checks, and the
    # search ends no worse than it.
    p = b1_provider(60, seed=1)
    asked = unhurried(monkeypatch, "_short_side")
    plan = solve(p, SolveOptions(time_limit=1.5, method="lns", workers=2, seed=1))
    assert asked == [1.5]  # a plain run shorter than the dive's minimum
    assert validate(p, plan).ok
    assert plan.stats["colgen_converged"]
    mip = plan.stats["class_mip"]
    assert isinstance(mip, int)
    assert plan.stats["colgen_bound"] <= plan.bound <= plan.objective <= mip
    assert mip <= plan.stats["greedy_objective"]  # (from the start it was given)


def test_the_dive_is_followed_by_the_mip_over_the_lps_kinds() -> None:
    # Runs of 20 s and more dive from the LP; on up to solve.CLASS_MIP_LEARNERS learners the
    # MIP over the converged LP's kinds then starts from the dived plan (30 s runs on 100
    # learners: four cases of nine closer to their bound, docs/benchmarks.md). On this case
    # the dive alone ends 9% above the bound.
    p = b1_provider(50, seed=2)
    cand = build_candidates(p)
    stats: dict = {}
    t0 = time.perf_counter()
    # (a limit of 300 s: each step ends when done, long before its share, whatever the machine)
    cg = _column_generation(p, cand, t0 + 120, 300.0, lambda: False, stats, None)
    assert cg is not None
    sol = _dive_from(p, cand, cg, t0, 300.0, lambda: False, stats)
    assert sol is not None and valid_start(p, cand, *sol)
    assert stats["colgen_converged"]
    assert stats["dive"] > stats["colgen_bound"]
    assert isinstance(stats["class_mip"], int)
    assert stats["colgen_bound"] <= placement_objective(p, cand, *sol) == stats["class_mip"] < stats["dive"]
    plan = assemble_plan(p, cand, *sol, "FEASIBLE", 0.0, 0.0, [], {})
    report = validate(p, plan)
    assert report.ok and report.objective <= stats["class_mip"]

"""The class MIP (bench/mip_classes.py), the exact reference for every shape the column
generation covers, against the full CP-SAT model (optimizer/model.py), separate code: on tiny
cases both prove the same optimum, with and without a cap on the waiting weeks and a floor on
the number placed; the MIP's plan passes the independent validator; the column-generation bound
never passes the optimum."""

from __future__ import annotations

import time

import pytest

from app.synth import b1_provider
from bench.mip_classes import solve_class_mip
from bench.stress import stress_case
from optimizer import SolveOptions, solve, validate
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration
from optimizer.frontier import frontier_weights, placed, wait_sum

CASES = {
    "tiny-BC-2": lambda: stress_case("tiny-BC-2"),  # classes of up to 40
    "tiny-OL-1": lambda: stress_case("tiny-OL-1"),  # one level
    "b1-20-1": lambda: b1_provider(20, seed=1),  # running classes, households
    "b1-30-2": lambda: b1_provider(30, seed=2),
}


def _bound(problem, budget=None, floor=None) -> int:
    cand = build_candidates(problem)
    cand.wait_budget, cand.min_placed = budget, floor
    return ColumnGeneration(problem, cand).run(time.perf_counter() + 5).value


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_class_mip_and_cp_sat_prove_the_same_optimum(name: str) -> None:
    p = CASES[name]()
    mip = solve_class_mip(p, 30)
    exact = solve(p, SolveOptions(time_limit=30, workers=2, method="cp-sat"))
    assert mip.proven and exact.status == "OPTIMAL"
    assert round(mip.objective) == exact.objective
    assert mip.plan is not None and mip.valid and validate(p, mip.plan).ok
    assert mip.plan.objective == exact.objective
    assert _bound(p) <= exact.objective


@pytest.mark.parametrize("name", ["b1-20-1", "b1-30-2", "tiny-BC-2"])
def test_under_a_cap_and_a_floor_both_prove_the_same_optimum(name: str) -> None:
    base = CASES[name]()
    p = base.with_weights(frontier_weights(base.weights))
    free = solve(p, SolveOptions(time_limit=30, workers=2, method="cp-sat"))
    assert free.status == "OPTIMAL"
    budget, floor = wait_sum(free) - max(1, wait_sum(free) // 10), placed(free)
    n = len(p.learners)
    mip = solve_class_mip(p, 30, budget=budget, floor=floor)
    exact = solve(p, SolveOptions(time_limit=30, workers=2, method="cp-sat", max_wait_mean=budget / n,
                                  min_placed=floor))
    assert mip.proven and exact.status == "OPTIMAL"
    assert round(mip.objective) == exact.objective >= free.objective
    assert mip.plan is not None and mip.valid
    assert wait_sum(mip.plan) <= budget and placed(mip.plan) >= floor
    assert _bound(p, budget, floor) <= exact.objective

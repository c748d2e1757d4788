"""Tiny cases of the generator-shaped stress families (bench/stress.py ``shaped``, issue 22):
many-locations, big-classes, no-travel, one-level.

Their optimum is proven by CP-SAT on the full model (the MIP covers only the p-median shape);
the column-generation bound is separate code, so "never above the optimum" checks both. Every
plan passes the independent validator.
"""

from __future__ import annotations

import pytest

from bench.stress import SHAPES, shaped, stress_case
from optimizer import solve, validate
from optimizer.colgen import lower_bound
from optimizer.options import SolveOptions

TINY = ["tiny-ML-1", "tiny-ML-2", "tiny-BC-2", "tiny-BC-3", "tiny-NT-1", "tiny-NT-2", "tiny-OL-1", "tiny-OL-3"]


@pytest.fixture(scope="module")
def optimum() -> dict[str, int]:
    out = {}
    for name in TINY:
        plan = solve(stress_case(name), SolveOptions(time_limit=60, method="cp-sat"))
        assert plan.status == "OPTIMAL", name
        out[name] = plan.objective
    return out


def test_every_family_has_a_tiny_case() -> None:
    assert {name.split("-")[1] for name in TINY} == set(SHAPES)


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_each_family_changes_what_it_says(kind: str) -> None:
    p = shaped(kind, 40, 1)
    if kind == "ML":
        assert len(p.locations) == 40 and len({loc.home for loc in p.locations}) == 40
    elif kind == "BC":
        assert {r.max_size for r in p.routes} == {40}
    elif kind == "NT":
        assert p.weights.travel == 0 and all(lr.max_travel is None for lr in p.learners)
    else:
        assert {lr.level for lr in p.learners} == {50}


@pytest.mark.parametrize("name", TINY)
def test_solve_reaches_the_proven_optimum(name: str, optimum: dict[str, int]) -> None:
    problem = stress_case(name)
    plan = solve(problem, SolveOptions(time_limit=10))
    assert validate(problem, plan).ok
    assert plan.objective == optimum[name]
    assert plan.stats["trivial_bound"] <= plan.bound <= optimum[name]


@pytest.mark.parametrize("name", TINY)
def test_the_search_keeps_the_rules_and_its_bound_stays_below_the_optimum(name: str, optimum: dict[str, int]) -> None:
    problem = stress_case(name)
    plan = solve(problem, SolveOptions(time_limit=1.5, method="lns"))
    assert validate(problem, plan).ok
    assert plan.objective >= optimum[name]
    # never a bound of 0 where every learner's cheapest place already gives more (issue 22, item 4)
    assert 0 < plan.stats["trivial_bound"] <= plan.bound <= optimum[name]


@pytest.mark.parametrize("name", TINY)
def test_the_column_generation_bound_never_exceeds_the_optimum(name: str, optimum: dict[str, int]) -> None:
    b = lower_bound(stress_case(name), time_limit=60)
    assert b.converged
    assert 0 < b.value <= optimum[name]

"""The class MIP restricted to given class kinds (optimizer/classmip.py). Checked against the
unrestricted MIP (itself checked against the full CP-SAT model in tests/bench/test_mip_classes.py),
the independent validator and the column-generation bound."""

from __future__ import annotations

import time

from app.synth import b1_provider
from optimizer import SolveOptions, solve
from optimizer.candidates import build_candidates
from optimizer.classmip import solve_class_mip
from optimizer.colgen import ColumnGeneration
from optimizer.solve import placements_from_plan


def _kinds(problem, plan) -> set[tuple[int, int]]:
    start = placements_from_plan(problem, build_candidates(problem), plan)
    assert start is not None
    return {ft for ft, count in start[1].items() if count > 0}


def test_classes_open_only_of_the_given_kinds() -> None:
    p = b1_provider(60, seed=1)
    plan = solve(p, SolveOptions(time_limit=3, workers=1, seed=1))
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

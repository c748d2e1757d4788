"""The problem in parts (optimizer.parts): parts are closed, and their bounds' sum is a bound."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings

from optimizer import SolveOptions, solve, validate
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration
from optimizer.parts import bound_by_parts, part_candidates, parts, rounded_by_parts

from .test_properties import problems


def _city(n: int = 160, seed: int = 4):
    from app.synth import municipality

    return municipality(n, seed=seed)


def test_parts_share_no_family_running_class_or_household():
    p = _city()
    cand = build_candidates(p)
    found = parts(p, cand)
    assert len(found) > 1  # routes at least: the case is real
    assert sorted(lid for part in found for lid in part) == sorted(cand.options)
    assert [len(x) for x in found] == sorted(len(x) for x in found)
    part_of = {lid: k for k, part in enumerate(found) for lid in part}
    owner: dict = {}
    for lid, opts in cand.options.items():
        for o in opts:
            for key in (("f", o.family), ("r", o.running)):
                if key[1] is not None:
                    assert owner.setdefault(key, part_of[lid]) == part_of[lid], key
    for lr in p.learners:
        if lr.together and lr.id in part_of:
            assert owner.setdefault(("h", lr.together), part_of[lr.id]) == part_of[lr.id]
    # a part's candidates: its learners and the class kinds of its families only
    sub = part_candidates(cand, found[-1])
    assert set(sub.options) == set(found[-1])
    families = {o.family for opts in sub.options.values() for o in opts if o.family is not None}
    assert {f for f, _ in sub.max_classes} == families


def test_the_parts_bound_lies_between_the_trivial_bound_and_the_whole_lp():
    """Converged part by part, the bound is the whole LP's but for the teacher and room limits
    between parts (a relaxation): at most the whole LP's converged value, above the trivial bound."""
    p = _city()
    cand = build_candidates(p)
    whole = ColumnGeneration(p, cand)
    full = whole.run(time.perf_counter() + 60)
    assert full.converged
    b, solved = bound_by_parts(p, cand, time.perf_counter() + 60)
    assert b.converged and solved >= 2
    trivial = sum(cand.cheapest(lid) for lid in cand.options)
    assert trivial < b.value <= full.lp * (1 + 1e-6) + 1
    # parts not given an LP (larger than max_part) count with their trivial bound
    none, solved = bound_by_parts(p, cand, time.perf_counter() + 60, max_part=0)
    assert solved == 0 and none.value == trivial and not none.converged


def test_the_parts_lps_round_into_one_start_the_validator_accepts():
    """rounded_by_parts: the parts' LPs rounded into one start within the teachers and rooms the
    parts share (on this city case each part's own rounding, merged, needs 3 teachers where 2
    are free), a plan the validator accepts as it is and completed (solve._lp_rounded), no better
    than the parts' bound."""
    import importlib

    s = importlib.import_module("optimizer.solve")
    p = _city()
    cand = build_candidates(p)
    lps: list[ColumnGeneration] = []
    b, solved = bound_by_parts(p, cand, time.perf_counter() + 60, lps=lps)
    assert solved == len(lps) >= 2
    placements, counts = rounded_by_parts(p, cand, lps)
    assert set(placements) == set(cand.options) and any(pl is not None for pl in placements.values())
    assert all(cg._worker is None for cg in lps)

    def checked(sol):
        return validate(p, s.assemble_plan(p, cand, *sol, "HEURISTIC", 0.0, 0.0, [], {}))

    assert checked((placements, counts)).ok
    merged: dict = {}  # each part's own rounding, merged: what the shared limits prevent
    own_counts: dict = {}
    for cg in lps:
        own_placements, own = cg.rounded()
        merged.update({lid: pl for lid, pl in own_placements.items() if pl is not None})
        for kind, n in own.items():
            own_counts[kind] = own_counts.get(kind, 0) + n
    assert not checked(({**dict.fromkeys(cand.options), **merged}, own_counts)).ok
    stats: dict = {}
    done = s._lp_rounded(p, cand, (placements, counts), stats)
    assert done is not None and checked(done).ok
    assert b.value <= stats["lp_rounded"]
    assert rounded_by_parts(p, cand, []) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_the_parts_bound_never_passes_the_optimum(p):
    cand = build_candidates(p)
    b, _ = bound_by_parts(p, cand, time.perf_counter() + 5)
    assert b.value >= sum(cand.cheapest(lid) for lid in cand.options)
    plan = solve(p, SolveOptions(time_limit=5, workers=2, method="cp-sat"))
    if plan.status == "OPTIMAL":
        assert b.value <= plan.objective

"""The neighbourhood search's threads share one plan: what one thread found from an older plan
is applied only where it cannot break the plan (optimizer/search.py, ``_Shared.offer``)."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from app.synth import b1_provider
from optimizer import Location, SolveOptions, parse_dayparts, solve
from optimizer.candidates import build_candidates
from optimizer.search import Hood, SearchStats, _Shared, restrict
from optimizer.solve import assemble_plan, placement_objective
from optimizer.validate import validate

from .conftest import learner, problem


def _two_locations(teachers: int):
    """Four learners who only go to Centrum and four who only go to West; ``teachers`` for
    ma-ochtend. Everybody waits in the starting plan."""
    week = parse_dayparts("ochtend")
    locs = (Location("Centrum", "Centrum", dict.fromkeys(week, 2)), Location("West", "West", dict.fromkeys(week, 2)))
    east = [learner(f"c{i}", excluded_locations=frozenset({"West"})) for i in range(4)]
    west = [learner(f"w{i}", home="West", excluded_locations=frozenset({"Centrum"})) for i in range(4)]
    return problem(east + west, locations=locs, teachers=dict.fromkeys(week, teachers))


def _sub_solution(p, cand, location: str, placements, counts):
    """Solve the sub-model of every class kind at ``location`` from the given plan."""
    from optimizer.model import build_model

    keep = {k for k in cand.max_classes if cand.families[k[0]].location == location}
    hood = Hood("location", set(), keep)
    sub, free = restrict(p, cand, hood, placements, counts)
    model = build_model(p, sub)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    assert solver.solve(model.cp) == cp_model.OPTIMAL
    return model.extract(solver), hood, free


def _offer_both(teachers: int):
    p = _two_locations(teachers)
    cand = build_candidates(p)
    start = ({lr.id: None for lr in p.learners}, {})
    shared = _Shared(*start, placement_objective(p, cand, *start))
    a, hood_a, free_a = _sub_solution(p, cand, "Centrum", *start)
    b, hood_b, free_b = _sub_solution(p, cand, "West", *start)
    assert free_a == {"c0", "c1", "c2", "c3"} and free_b == {"w0", "w1", "w2", "w3"}
    stats = SearchStats()
    assert shared.offer(p, cand, a, start, hood_a, 0, placement_objective, stats, None)
    # b was solved from the plan before a: stale, with nothing in common with a
    took_b = shared.offer(p, cand, b, start, hood_b, 0, placement_objective, stats, None)
    plan = assemble_plan(p, cand, shared.placements, shared.counts, "FEASIBLE", 0.0, 0.0, [], {})
    return p, shared, took_b, plan


def test_a_stale_solution_that_needs_the_same_teacher_is_not_applied():
    p, shared, took_b, plan = _offer_both(teachers=1)
    assert not took_b and shared.stale_rejected == 1
    report = validate(p, plan)
    assert report.ok, str(report)
    assert plan.figures["placed"] == 4


def test_a_stale_solution_apart_from_the_changes_since_is_applied():
    p, shared, took_b, plan = _offer_both(teachers=2)
    assert took_b and shared.stale_merged == 1
    report = validate(p, plan)
    assert report.ok, str(report)
    assert report.objective == shared.best
    assert plan.figures["placed"] == 8


def test_a_stale_solution_moving_the_same_learners_is_not_applied():
    p = _two_locations(teachers=2)
    cand = build_candidates(p)
    start = ({lr.id: None for lr in p.learners}, {})
    shared = _Shared(*start, placement_objective(p, cand, *start))
    a, hood_a, _ = _sub_solution(p, cand, "Centrum", *start)
    stats = SearchStats()
    assert shared.offer(p, cand, a, start, hood_a, 0, placement_objective, stats, None)
    assert not shared.offer(p, cand, a, start, hood_a, 0, placement_objective, stats, None)
    assert shared.stale_rejected == 1 and shared.version == 1


def test_two_search_threads_give_a_valid_plan_no_worse_than_the_start():
    p = b1_provider(120, seed=5, running=4)
    # deterministic: a fixed number of steps, so a slow or busy machine still searches
    plan = solve(p, SolveOptions(time_limit=1, method="lns", workers=2, seed=1, deterministic=True))
    report = validate(p, plan)
    assert report.ok, str(report)
    assert report.objective == plan.objective
    assert plan.stats["lns_steps"] > 0
    start = plan.stats["trace"][0][1]
    assert plan.objective <= start


def test_merge_fits_checks_the_misfit_cap_over_the_whole_plan():
    from optimizer.search import merge_fits, misfit_excess

    learners = [learner(f"c{i}", level=lv, excluded_locations=frozenset({"West"})) for i, lv in enumerate((40, 45, 55, 60))]
    p = _two_locations(teachers=2)
    p = problem(learners + [lr for lr in p.learners if lr.id.startswith("w")], locations=p.locations,
                teachers=p.teachers)
    cand = build_candidates(p)
    start = ({lr.id: None for lr in p.learners}, {})
    sol, _, _ = _sub_solution(p, cand, "Centrum", *start)
    placements, counts = sol
    placed = [pl for pl in placements.values() if pl is not None]
    assert len(placed) == 4
    total = sum(100 * abs(p.learner_by_id[pl.option.learner].level - cand.families[pl.option.family].level)
                for pl in placed)
    cand.misfit_cap = total // 4  # the plan's mean misfit exactly: it fits
    assert misfit_excess(p, cand, placements) <= 0 and merge_fits(p, cand, placements, counts, set())
    cand.misfit_cap = total // 4 - 1  # a hundredth below it: it does not
    assert not merge_fits(p, cand, placements, counts, set())


@pytest.mark.parametrize("seed", range(1, 6))
def test_a_relocate_step_opens_classes_near_a_class_that_holds_everybody(seed: int):
    """Classes as large as all learners (p-median, issue 22): from one class with everybody, one
    "relocate" sub-model frees that class and keeps only the closed kinds its members reach
    most cheaply; solving it opens more classes there and lowers the objective."""
    import random

    from bench.stress import pmedian
    from optimizer.greedy import greedy_plan
    from optimizer.model import build_model
    from optimizer.search import Neighbourhoods

    p = pmedian(16, 12, 3, seed, metric="euclid")
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand, add=False)
    assert sum(counts.values()) == 1
    members_of = {k: [lid for lid, pl in placements.items() if pl is not None] for k in counts}
    hoods = Neighbourhoods(p, cand, random.Random(seed), 3000)
    hood = hoods.build("relocate", counts, {k: len(v) for k, v in members_of.items()}, members_of)
    assert hood.kind == "relocate" and hood.free == set(counts)
    assert len(set(counts)) < len(hood.keep) < len(cand.max_classes)  # the nearest kinds, not all
    sub, free = restrict(p, cand, hood, placements, counts)
    model = build_model(p, sub)
    model.add_hint({lid: placements[lid] for lid in free}, dict(counts))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    assert solver.solve(model.cp) == cp_model.OPTIMAL
    new_placements, new_counts = model.extract(solver)
    merged = {**placements, **new_placements}
    assert placement_objective(p, cand, merged, new_counts) < placement_objective(p, cand, placements, counts)
    plan = assemble_plan(p, cand, merged, new_counts, "FEASIBLE", 0.0, 0.0, [], {})
    assert validate(p, plan).ok


def test_relocate_is_among_the_kinds_only_where_the_teachers_set_the_class_count():
    import random

    from bench.stress import pmedian
    from optimizer.search import Neighbourhoods

    pm = pmedian(16, 12, 3, 1, metric="euclid")
    assert "relocate" in Neighbourhoods(pm, build_candidates(pm), random.Random(0), 3000).weights
    ours = b1_provider(80, seed=5, running=3)
    assert "relocate" not in Neighbourhoods(ours, build_candidates(ours), random.Random(0), 3000).weights


def test_a_sub_models_objective_is_what_minimize_writes():
    """The objective goes straight into the proto (speed); it must be what ``minimize`` would
    write for the same sum, or the search's sub-models change with an OR-Tools release."""
    import random

    from optimizer.greedy import greedy_plan
    from optimizer.model import build_model
    from optimizer.search import Neighbourhoods, class_members

    p = b1_provider(80, seed=2, running=2)
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    hoods = Neighbourhoods(p, cand, random.Random(1), 3000)
    members = class_members(placements)[0]
    for sub in (cand, restrict(p, cand, hoods.build("location", counts, members), placements, counts)[0]):
        m = build_model(p, sub)
        written = str(m.cp.proto.objective)
        goal = m.cp.proto.objective
        variables = [m.cp.get_int_var_from_proto_index(i) for i in goal.vars]
        m.cp.minimize(int(goal.offset) + cp_model.LinearExpr.weighted_sum(variables, list(goal.coeffs)))
        assert len(goal.vars) > 0 and str(m.cp.proto.objective) == written


def test_restrict_with_a_search_s_index_of_options_gives_the_same_sub_model():
    """A search makes the index of options by family once; restrict without it makes its own."""
    import random

    from optimizer.greedy import greedy_plan
    from optimizer.search import Neighbourhoods, class_members, option_index

    p = b1_provider(80, seed=3, running=2)
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    members = class_members(placements)[0]
    hoods = Neighbourhoods(p, cand, random.Random(4), 3000)
    index = option_index(cand)
    for kind in ("location", "window", "band", "around"):
        hood = hoods.build(kind, counts, members)
        a, free_a = restrict(p, cand, hood, placements, counts)
        b, free_b = restrict(p, cand, hood, placements, counts, index=index)
        assert free_a == free_b and a.options == b.options
        # a free learner's options are those within the neighbourhood, in cand's order: running
        # classes, fixed starts kept, family options with a kept start they can enter
        weeks: dict = {}
        for f, t in hood.keep:
            weeks.setdefault(f, []).append(t)
        for lid in free_a:
            a_ = cand.avail[lid] - cand.late_join
            inside = [o for o in cand.options[lid] if o.running is not None or (
                o.family in weeks and (o.slot in hood.keep if o.slot is not None else max(weeks[o.family]) >= a_))]
            assert a.options[lid] == inside

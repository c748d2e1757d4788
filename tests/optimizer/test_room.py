"""Making room (optimizer.greedy._make_room) in the constructive plan: a learner with few
options takes the seat of a flexible one, who moves to a class only they fit (issue 22: the
greedy filled classes with the flexible learners first and stranded the others)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import Schedule, parse_dayparts
from optimizer.candidates import build_candidates
from optimizer.domain import RouteSettings, RunningClass
from optimizer.frontier import frontier_weights
from optimizer.greedy import greedy_plan
from optimizer.solve import assemble_plan, placement_objective
from optimizer.validate import validate

from .conftest import PLAN_DATE, learner, problem
from .test_properties import problems


def _stranded():
    """One teacher for one new class next to a running class (level 50-70, one free seat).
    a, b, c, x (level 50) fill a new class best and also fit the running class; w (42) fits
    only the new class."""
    running = RunningClass("R1", "B1", "Centrum", "ma-middag", 50, 70, free_seats=1,
                           end_date=PLAN_DATE + timedelta(weeks=30))
    ls = [learner(x, 50, "ochtend, middag") for x in "abcx"]
    return problem([*ls, learner("w", 42, "ochtend")], running=(running,),
                   teachers={**dict.fromkeys(parse_dayparts("ochtend, middag"), 0),
                             **dict.fromkeys(parse_dayparts("ma-ochtend, ma-middag"), 1)},
                   schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),
                              Schedule("ma-middag", parse_dayparts("ma-middag"))),
                   horizon_weeks=2)


def test_the_greedy_makes_room_for_a_learner_with_few_options():
    p = _stranded()
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    plan = assemble_plan(p, cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
    rep = validate(p, plan)
    assert rep.ok, str(rep)
    assert plan.figures["placed"] == 5
    assert [lid for lid in "abcx" if plan.assignments[lid].class_id == "R1"]  # one of them made room
    assert rep.objective == placement_objective(p, cand, placements, counts)


def test_making_room_only_where_it_pays():
    """With waiting free (wait weight 0) a move to the running class costs more than w's wait
    saves: the greedy leaves w waiting and the class as it is."""
    p = _stranded()
    p = p.with_weights(replace(p.weights, wait=0))
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    plan = assemble_plan(p, cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
    assert validate(p, plan).ok
    assert plan.assignments["w"].class_id is None
    assert not [lid for lid in "abcx" if plan.assignments[lid].class_id == "R1"]


@st.composite
def crowded(draw):
    """Few teachers, small classes, running classes with a free seat or two, learners of a few
    levels and dayparts, households and "niet met": classes fill up and some learners fit only
    full ones (the shape where chains are needed)."""
    n = draw(st.integers(6, 14))
    ls = []
    for i in range(n):
        ls.append(learner(
            f"d{i}", level=draw(st.sampled_from([40, 48, 55, 62, 70])),
            dayparts=draw(st.sampled_from(["ochtend", "middag", "ochtend, middag"])),
            available_from=PLAN_DATE + timedelta(days=7 * draw(st.integers(0, 2))) if draw(st.booleans()) else None,
            priority=draw(st.integers(1, 2)),
            together="H" if i < 2 and draw(st.booleans()) else None,
            not_with=frozenset({"d5"}) if i == 4 and draw(st.booleans()) else frozenset()))
    running = tuple(RunningClass(f"R{k}", "B1", "Centrum", sched, lv - 10, lv + 10, draw(st.integers(0, 2)),
                                 PLAN_DATE + timedelta(weeks=20))
                    for k, (sched, lv) in enumerate(draw(st.lists(st.tuples(
                        st.sampled_from(["ma-ochtend", "di-middag"]), st.sampled_from([45, 55, 65])), max_size=2))))
    p = problem(ls, routes=(RouteSettings("B1", min_size=2, max_size=draw(st.integers(3, 4)), max_spread=20,
                                          duration_weeks=8),),
                schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),
                           Schedule("di-middag", parse_dayparts("di-middag"))),
                running=running, horizon_weeks=draw(st.integers(2, 4)), late_join_weeks=draw(st.integers(0, 2)),
                teachers={d: draw(st.integers(1, 2)) for d in parse_dayparts("ochtend, middag")})
    return p.with_weights(frontier_weights(p.weights)) if draw(st.booleans()) else p


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=st.one_of(crowded(), crowded(), problems()), cap=st.sampled_from(["floor", "budget"]))
def test_making_room_keeps_every_plan_valid(p, cap):
    """Random small problems (households, "niet met", late joiners, running classes, few
    teachers): the greedy start (which makes room where it pays) is a valid plan, and so is its
    completion under a floor of everybody or a wait cap below it, made with chains where the fill
    is stuck; the completion never places fewer nor waits longer."""
    from optimizer.greedy import greedy_fill
    from optimizer.solve import _placed_and_waiting, valid_start

    cand = build_candidates(p)
    start = greedy_plan(p, cand)
    assert valid_start(p, cand, *start)
    placed, waiting = _placed_and_waiting(p, start)
    if cap == "floor":
        filled = greedy_fill(p, cand, start, min_placed=len(p.learners))
    else:
        filled = greedy_fill(p, cand, start, wait_budget=max(0, waiting - 3))
    assert filled is not None
    assert valid_start(p, cand, *filled)
    now = _placed_and_waiting(p, filled)
    assert now[0] >= placed and now[1] <= waiting


def test_a_chain_keeps_a_class_s_first_day_minimum():
    """A class of exactly its minimum (3) starts in week 0 with a, b, c; w becomes available in
    week 1 and fits only that class, as a late joiner; a could move to the running class's free
    seat. Giving w a's seat would leave the class two first-day members: the fill does not."""
    from optimizer.candidates import Placement
    from optimizer.greedy import greedy_fill
    from optimizer.solve import valid_start

    running = RunningClass("R1", "B1", "Centrum", "ma-middag", 50, 70, free_seats=1,
                           end_date=PLAN_DATE + timedelta(weeks=30))
    ls = [learner(x, 50, "ochtend, middag") for x in "abc"]
    w = learner("w", 42, "ochtend", available_from=PLAN_DATE + timedelta(days=7))
    p = problem([*ls, w], running=(running,), late_join_weeks=1,
                routes=(RouteSettings("B1", min_size=3, max_size=3, max_spread=20, duration_weeks=10),),
                teachers={**dict.fromkeys(parse_dayparts("ochtend, middag"), 0),
                          **dict.fromkeys(parse_dayparts("ma-ochtend, ma-middag"), 1)},
                schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),
                           Schedule("ma-middag", parse_dayparts("ma-middag"))))
    cand = build_candidates(p)
    fam = next(f for f, fm in enumerate(cand.families) if fm.level == 50 and fm.schedule == "ma-ochtend")
    start = {lid: None for lid in cand.options}
    for lid in "abc":
        start[lid] = Placement(next(o for o in cand.options[lid] if o.family == fam and o.slot is None), 0, 0)
    sol = (start, {(fam, 0): 1})
    assert valid_start(p, cand, *sol)
    assert any(o.family == fam for o in cand.options["w"])  # w could join the class late
    filled = greedy_fill(p, cand, sol, min_placed=4)
    assert filled is not None and valid_start(p, cand, *filled)
    assert filled[0]["w"] is None

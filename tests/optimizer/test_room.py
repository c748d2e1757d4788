"""Making room (optimizer.greedy._make_room) in the constructive plan: a learner with few
options takes the seat of a flexible one, who moves to a class only they fit (issue 22: the
greedy filled classes with the flexible learners first and stranded the others)."""

from __future__ import annotations

from datetime import timedelta

from optimizer import Schedule, parse_dayparts
from optimizer.candidates import build_candidates
from optimizer.domain import RunningClass
from optimizer.greedy import greedy_plan
from optimizer.solve import assemble_plan, placement_objective
from optimizer.validate import validate

from .conftest import PLAN_DATE, learner, problem


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
    p = p.with_weights(p.weights.__class__(**{**p.weights.__dict__, "wait": 0}))
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    plan = assemble_plan(p, cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
    assert validate(p, plan).ok
    assert plan.assignments["w"].class_id is None
    assert not [lid for lid in "abcx" if plan.assignments[lid].class_id == "R1"]

"""Property tests: on random small problems every plan — the solver's, its constructive start
and the status-quo rule's — passes the independent validator, and the solver is never worse
than leaving everybody waiting."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import (
    Location,
    RouteSettings,
    RunningClass,
    Schedule,
    parse_dayparts,
    solve,
    validate,
)
from optimizer.baselines import status_quo_plan
from optimizer.candidates import build_candidates
from optimizer.domain import SEPARATE_LITERACY
from optimizer.greedy import greedy_plan
from optimizer.options import SolveOptions
from optimizer.solve import assemble_plan

from .conftest import PLAN_DATE, learner, problem

DAYPARTS = ["ochtend", "ma/wo ochtend", "middag", "ochtend, middag", "ma-ochtend"]
HOMES = ["Centrum", "West", "Zuid", "Noord", "Zuidoost", "1102", "1055"]


@st.composite
def problems(draw):
    n = draw(st.integers(2, 9))
    learners = []
    for i in range(n):
        learners.append(learner(
            f"d{i}",
            level=draw(st.integers(0, 100)),
            dayparts=draw(st.sampled_from(DAYPARTS)),
            home=draw(st.sampled_from(HOMES)),
            available_from=PLAN_DATE + timedelta(days=draw(st.integers(0, 30))) if draw(st.booleans()) else None,
            literacy=draw(st.sampled_from(["ja", "nee"])),
            priority=draw(st.integers(1, 3)),
            max_travel=draw(st.sampled_from([None, 30, 60])),
            together="H" if i < 2 and draw(st.booleans()) else None,
            not_with=frozenset({"d2"}) if i == 3 and draw(st.booleans()) else frozenset(),
        ))
    route = RouteSettings("B1", min_size=draw(st.integers(1, 3)), max_size=draw(st.integers(3, 5)),
                          max_spread=draw(st.sampled_from([10, 20, 40])), duration_weeks=draw(st.integers(2, 10)),
                          separate=draw(st.sampled_from(["", SEPARATE_LITERACY])))
    scheds = (Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),
              Schedule("ma-wo ochtend", parse_dayparts("ma/wo ochtend")),
              Schedule("di-middag", parse_dayparts("di-middag")))
    locs = (Location("Centrum", "Centrum", {d: draw(st.integers(0, 2)) for d in parse_dayparts("ochtend, middag")}),
            Location("Zuidoost", "Zuidoost", {d: 1 for d in parse_dayparts("ochtend")}))
    running = ()
    if draw(st.booleans()):
        running = (RunningClass("R1", "B1", "Centrum", "ma-ochtend", 30, 50, draw(st.integers(0, 2)),
                                PLAN_DATE + timedelta(weeks=draw(st.integers(1, 20))), group="ja"),)
    return problem(learners, routes=(route,), schedules=scheds, locations=locs, running=running,
                   teachers={d: draw(st.integers(0, 2)) for d in parse_dayparts("ochtend, middag")},
                   horizon_weeks=draw(st.integers(2, 5)), late_join_weeks=draw(st.integers(0, 2)),
                   level_step=draw(st.sampled_from([1, 5, 10])))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_plan_passes_the_validator(p):
    plan = solve(p, SolveOptions(time_limit=2, deterministic=True))
    assert plan.is_feasible()
    rep = validate(p, plan)
    assert rep.ok, str(rep)
    assert rep.objective == plan.objective
    assert plan.bound <= plan.objective
    cand = build_candidates(p)
    assert plan.objective <= sum(cand.waitlist_cost.values())
    start = assemble_plan(p, cand, *greedy_plan(p, cand), "HEURISTIC", 0, 0, [], {})
    assert validate(p, start).ok
    assert plan.objective <= start.objective
    sq = status_quo_plan(p)
    assert validate(p, sq).ok, str(validate(p, sq))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_neighbourhood_search_plans_pass_the_validator(p):
    plan = solve(p, SolveOptions(time_limit=1, deterministic=True, method="lns"))
    assert validate(p, plan).ok

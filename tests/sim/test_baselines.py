"""The status-quo rule (optimizer.baselines): valid plans, and the rule as written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.synth import b1_provider, z_route
from optimizer.baselines import band_level, status_quo_plan
from optimizer.dayparts import parse_dayparts
from optimizer.domain import Learner, Location, Problem, RouteSettings, RunningClass, Schedule
from optimizer.validate import validate

PLAN_DATE = date(2027, 1, 4)


@pytest.mark.parametrize(("n", "seed"), [(60, 1), (80, 2), (100, 3), (120, 4), (90, 11)])
def test_status_quo_plan_is_valid_on_generated_problems(n: int, seed: int) -> None:
    problem = b1_provider(n, seed=seed)
    plan = status_quo_plan(problem)
    report = validate(problem, plan)
    assert report.ok, str(report)
    assert plan.status == "HEURISTIC"
    assert plan.objective == report.objective
    assert set(plan.assignments) == {lr.id for lr in problem.learners}
    assert plan.figures["placed"] > 0


def test_status_quo_plan_is_valid_with_literacy_separation() -> None:
    problem = z_route()
    plan = status_quo_plan(problem)
    assert validate(problem, plan).ok


def _learner(lid: str, level: int, weeks_waiting: int, **kw) -> Learner:
    return Learner(id=lid, route="B1", level=level, dayparts=parse_dayparts("ochtend"),
                   waiting_since=PLAN_DATE - timedelta(days=7 * weeks_waiting), home="Centrum", **kw)


def _problem(learners: list[Learner], teachers: int = 1, **kw) -> Problem:
    base = dict(
        plan_date=PLAN_DATE, learners=tuple(learners),
        locations=(Location("Centrum", "Centrum", {d: 3 for d in parse_dayparts("ochtend")}),),
        schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),),
        routes=(RouteSettings("B1", min_size=2, max_size=3, max_spread=20, duration_weeks=10),),
        teachers={d: teachers for d in parse_dayparts("ochtend")}, horizon_weeks=3,
    )
    base.update(kw)
    return Problem(**base)  # type: ignore[arg-type]


def test_longest_waiting_learners_get_the_only_class() -> None:
    # One teacher: one class of at most 3. Four learners of one band; the three who waited
    # longest start now, the newest waits.
    learners = [_learner("A", 50, 1), _learner("B", 52, 9), _learner("C", 48, 5), _learner("D", 55, 7)]
    problem = _problem(learners)
    plan = status_quo_plan(problem)
    assert validate(problem, plan).ok
    placed = {a.learner_id for a in plan.assignments.values() if a.placed}
    assert placed == {"B", "C", "D"}
    (c,) = plan.classes
    assert c.start_week == 0 and c.level == 50  # band [40, 60) -> centre 50


def test_class_opens_only_at_minimum_size_and_priority_breaks_ties() -> None:
    # Min size 2: a learner alone in a band waits; equal waits go by priority.
    learners = [_learner("low", 10, 3), _learner("hi1", 90, 3), _learner("hi2", 85, 3, priority=2),
                _learner("hi3", 88, 3)]
    problem = _problem(learners, routes=(RouteSettings("B1", min_size=2, max_size=2, max_spread=20,
                                                       duration_weeks=10),))
    plan = status_quo_plan(problem)
    assert validate(problem, plan).ok
    assert not plan.assignments["low"].placed
    placed = {a.learner_id for a in plan.assignments.values() if a.placed}
    assert placed == {"hi2", "hi1"}  # priority 2 first, then id order among equal waits


def test_running_class_with_free_seats_comes_first() -> None:
    rc = RunningClass("L1", "B1", "Centrum", "ma-ochtend", 40, 60, free_seats=1,
                      end_date=PLAN_DATE + timedelta(days=70))
    learners = [_learner("A", 50, 4), _learner("B", 51, 2), _learner("C", 49, 1)]
    problem = _problem(learners, teachers=2, running=(rc,))
    plan = status_quo_plan(problem)
    assert validate(problem, plan).ok
    assert plan.assignments["A"].class_id == "L1"
    assert plan.assignments["B"].placed and plan.assignments["C"].placed
    assert plan.assignments["B"].class_id == plan.assignments["C"].class_id != "L1"


def test_households_stay_together_and_not_with_pairs_apart() -> None:
    learners = [_learner("A", 50, 4, together="H1"), _learner("B", 50, 4, together="H1"),
                _learner("C", 50, 3, not_with=frozenset({"D"})), _learner("D", 50, 3),
                _learner("E", 50, 2)]
    problem = _problem(learners, teachers=2)
    plan = status_quo_plan(problem)
    assert validate(problem, plan).ok
    a = plan.assignments
    assert a["A"].class_id == a["B"].class_id
    assert a["C"].class_id is None or a["C"].class_id != a["D"].class_id


def test_band_level() -> None:
    route = RouteSettings("B1", max_spread=20)
    assert [band_level(route, s, 5) for s in (0, 19, 20, 55, 100)] == [10, 10, 30, 50, 90]
    odd = RouteSettings("B1", max_spread=25)
    # band [0, 25) has centre 12.5 -> 15 with step 5; score 2 is too far (2*13 > 25) -> nearest allowed
    assert band_level(odd, 2, 5) == 10
    assert band_level(odd, 20, 5) == 15

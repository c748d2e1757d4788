"""The value of a class seat under scarcity (app.simulation.engine, "Seats", issue 24)."""

from __future__ import annotations

from datetime import date, timedelta

from app.simulation.engine import RunTask, SimConfig, _Run
from optimizer.dayparts import parse_dayparts
from optimizer.domain import Learner, Location, Problem, RouteSettings, RunningClass, Schedule
from optimizer.validate import validate

PLAN_DATE = date(2027, 1, 4)  # a Monday


def _learner(lid: str, dayparts: str = "ochtend") -> Learner:
    return Learner(id=lid, route="B1", level=50, dayparts=parse_dayparts(dayparts),
                   waiting_since=PLAN_DATE - timedelta(days=7), home="Centrum")


def _base() -> Problem:
    # Two teachers on Monday morning: the running class holds one, a new class could take the
    # other for 26 weeks. The running class has 4 free seats and takes newcomers for 3 weeks.
    running = RunningClass("R1", "B1", "Centrum", "ma-ochtend", 40, 60, free_seats=4,
                           end_date=PLAN_DATE + timedelta(weeks=20), join_until=PLAN_DATE + timedelta(weeks=3))
    return Problem(
        plan_date=PLAN_DATE, learners=(),
        locations=(Location("Centrum", "Centrum", {d: 2 for d in parse_dayparts("ochtend")}),),
        schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),),
        routes=(RouteSettings("B1", min_size=8, max_size=16, max_spread=20, duration_weeks=26),),
        teachers={"ma-ochtend": 2}, horizon_weeks=8, running=(running,),
    )


def _week_plan(policy: str, seat_value: float, arrival_rate: float | None = None):
    base = _base()
    config = SimConfig(weeks=1, horizon=8, time_limit=2.0, deterministic=True, seat_value=seat_value)
    run = _Run(RunTask(0, policy, 1, base, config))
    run.arrival_rate = arrival_rate
    # Eight learners who fit both the running class and a new class; ten more who wait for an
    # evening class nobody gives (the queue that makes seats scarce: 18 waiting, 1.2 seats a week).
    queue = [_learner(f"M{i}") for i in range(8)] + [_learner(f"E{i}", "avond") for i in range(10)]
    run.queue = {lr.id: lr for lr in queue}
    problem = run.prepared_problem(0)
    plan = run.policy.plan(problem, config.solve_options(1))
    assert plan.is_feasible()
    assert validate(problem, plan).ok
    return run, problem, plan


def _joined_running(plan) -> int:
    return sum(1 for c in plan.classes if c.running for m in c.members if plan.assignments[m].start_week == 0)


def test_seat_value_fills_the_running_class_instead_of_a_new_class_at_its_minimum() -> None:
    # Without a value for seats the plan opens a new class with the eight (its minimum) and
    # leaves the running class's four seats empty for good; the teacher is then gone for 26
    # weeks. With it, four join the running class now and the teacher stays free.
    _, before_problem, before = _week_plan("gebalanceerd", 0.0)
    assert before_problem.weights.new_class == 0
    assert _joined_running(before) == 0
    assert [c.size for c in before.classes if not c.running and c.start_week == 0] == [8]

    run, problem, after = _week_plan("gebalanceerd", 1.0)
    assert run.seat_weeks(problem) == 8  # 18 waiting over 2 x 16 / 26 seats a week, at most the horizon
    assert problem.weights.new_class == problem.weights.wait * 8 * 16
    assert problem.waitlist_extra_weeks == before_problem.waitlist_extra_weeks
    assert _joined_running(after) == 4
    assert not [c for c in after.classes if not c.running and c.start_week == 0]


def test_seat_value_leaves_the_status_quo_rule_and_capacity_alone() -> None:
    _, off, _ = _week_plan("status-quo", 0.0)
    _, on, _ = _week_plan("status-quo", 1.0)
    assert on == off
    _, solver, _ = _week_plan("homogeen", 1.0)
    assert solver.teachers == off.teachers and solver.locations == off.locations and solver.routes == off.routes


def test_no_seat_value_where_seats_are_not_scarce():
    # 2 x 16 / 26 = 1.2 seats a week: with 5 learners arriving a week a seat is scarce, with 1
    # it is not (the queue clears), and the week's problem is the plain one.
    run, scarce, after = _week_plan("gebalanceerd", 1.0, arrival_rate=5.0)
    assert run.seat_weeks(scarce) == 8 and scarce.weights.new_class > 0
    assert _joined_running(after) == 4
    run, ample, _ = _week_plan("gebalanceerd", 1.0, arrival_rate=1.0)
    assert run.seat_weeks(ample) == 0
    _, plain, _ = _week_plan("gebalanceerd", 0.0)
    assert ample == plain

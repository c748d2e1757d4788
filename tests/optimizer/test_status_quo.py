"""The status-quo rule (optimizer.baselines) on hand-made queues: who it places, and why the
others wait -- the reasons come from its queues, which it keeps lazily for long waiting lists."""

from __future__ import annotations

from optimizer import RouteSettings, parse_dayparts
from optimizer.baselines import status_quo_plan
from optimizer.validate import validate

from .conftest import learner, problem


def _plan(p):
    plan = status_quo_plan(p)
    assert validate(p, plan).ok
    return plan


def test_a_queue_at_the_minimum_without_a_teacher_waits_for_capacity():
    """One teacher: the first two in waiting order get the class; the next two reach the
    minimum in their queue but no teacher is free, which is their reason."""
    ls = [learner(f"l{i}") for i in range(4)]
    p = problem(ls, routes=(RouteSettings("B1", min_size=2, max_size=2, max_spread=20, duration_weeks=10),),
                teachers={d: 1 for d in parse_dayparts("ochtend")})
    plan = _plan(p)
    assert plan.figures["placed"] == 2
    waiting = [a for a in plan.assignments.values() if a.class_id is None]
    assert len(waiting) == 2 and all(a.reason is not None and a.reason.key == "wait_capacity" for a in waiting)


def test_a_queue_below_the_minimum_says_how_many_it_reached():
    """Three fit one class type, the minimum is four: each waits with 'at most 3'."""
    ls = [learner(f"l{i}") for i in range(3)]
    p = problem(ls, routes=(RouteSettings("B1", min_size=4, max_size=6, max_spread=20, duration_weeks=10),))
    plan = _plan(p)
    assert plan.figures["placed"] == 0
    for a in plan.assignments.values():
        assert a.reason is not None and a.reason.key == "wait_too_few"
        assert "hoogstens 3" in a.reason.text("nl")


def test_the_rest_of_a_long_queue_waits_for_capacity_in_waiting_order():
    """Seven in one queue, classes of three, one teacher: the first three in waiting order get
    the class, the four after them reached the minimum among themselves and wait for capacity."""
    ls = [learner(f"l{i}", level=40 + 2 * i) for i in range(7)]
    p = problem(ls, routes=(RouteSettings("B1", min_size=3, max_size=3, max_spread=20, duration_weeks=10),),
                teachers={d: 1 for d in parse_dayparts("ochtend")})
    plan = _plan(p)
    assert {lid for lid, a in plan.assignments.items() if a.class_id is not None} == {"l0", "l1", "l2"}
    for lid in ("l3", "l4", "l5", "l6"):
        reason = plan.assignments[lid].reason
        assert reason is not None and reason.key == "wait_capacity"

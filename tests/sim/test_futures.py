"""Issue 24.2: ``verwacht=K`` plans a week against K sampled futures and publishes the plan whose
published part agrees most with the others' (app/simulation/futures.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.simulation.arrivals import expected_learners, weekly_rates
from app.simulation.futures import distance, plan_across_futures, published
from optimizer import SolveOptions, solve, validate
from optimizer.compose import ClassDraft, compose_plan
from optimizer.domain import Problem
from optimizer.plan import Plan

from .conftest import SMALL_ARRIVALS

OPTIONS = SolveOptions(time_limit=0.6, deterministic=True, seed=1, workers=1)


def _futures(base: Problem, k: int) -> list[Problem]:
    rates = weekly_rates(SMALL_ARRIVALS, base.plan_date, 10)
    return [replace(base, learners=base.learners + tuple(
        expected_learners(base, SMALL_ARRIVALS, rates, 0, base.horizon_weeks, seed=1, draw=d))) for d in range(k)]


@pytest.fixture(scope="module")
def small_plan(small_base) -> Plan:
    """The small base's plan under OPTIONS (deterministic; read, never changed, by the tests)."""
    return solve(small_base, OPTIONS)


def test_the_published_part_is_what_starts_this_week(small_base, small_plan) -> None:
    plan = small_plan
    part = published(plan)
    assert part, "the small base should start someone this week"
    for lid, a in plan.assignments.items():
        assert (lid in part) == (a.start_week == 0)
    running = {rc.id for rc in small_base.running}
    for outcome in part.values():
        assert outcome is not None and (outcome[0] == "new" or outcome[1] in running)
    assert distance(part, part) == 0
    assert distance(part, {}) == len(part)


def _nobody_published(problem: Problem) -> Plan:
    return compose_plan(problem, [])


def _one_class_next_week(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with its first new class of this week moved to next week (a different published part)."""
    moved = next(c.id for c in plan.classes if not c.running and c.start_week == 0)
    return compose_plan(problem, [
        ClassDraft(c.route, c.location, c.schedule, c.start_week + (c.id == moved), c.level, list(c.members),
                   c.language, c.group, running=c.id if c.running else None)
        for c in plan.classes])


def test_the_plan_most_futures_agree_with_is_published(small_base, small_plan) -> None:
    """Three futures whose plans publish A, nothing and A: A is kept, not the odd one out."""
    a = small_plan
    plans = {0: _nobody_published(small_base), 1: a, 2: a}
    problems = [small_base, replace(small_base), replace(small_base)]
    calls: list[float] = []

    def planner(p: Problem, o: SolveOptions) -> Plan:
        calls.append(o.time_limit)
        return plans[next(i for i, q in enumerate(problems) if q is p)]

    choice = plan_across_futures(problems, OPTIONS, planner)
    assert choice.chosen == 1 and choice.plan is a and choice.problem is problems[1]
    assert calls == [pytest.approx(OPTIONS.time_limit / 3)] * 3  # the week's time, shared
    n = len(published(a))
    assert choice.distances == (2 * n, n, n)
    # two futures that disagree: the plan that starts more people this week, whichever comes first
    for order in ((0, 1), (1, 0)):
        pair = [problems[i] for i in order]
        assert plan_across_futures(pair, OPTIONS, planner).plan is a
    # a plan close to A (one class a week later) beats both when it is the middle one
    near = _one_class_next_week(small_base, a)
    assert 0 < distance(published(near), published(a)) < n
    assert validate(small_base, near).ok
    plans.update({0: _nobody_published(small_base), 1: a, 2: near})
    assert plan_across_futures(problems, OPTIONS, planner).chosen == 2


def test_real_futures_give_a_valid_plan_for_its_own_problem(small_base) -> None:
    problems = _futures(small_base, 3)
    choice = plan_across_futures(problems, OPTIONS, solve)
    assert choice.problem is problems[choice.chosen]
    assert validate(choice.problem, choice.plan).ok
    assert choice.distances[choice.chosen] == min(choice.distances)


def test_one_future_is_planned_once(small_base) -> None:
    calls = []
    choice = plan_across_futures(_futures(small_base, 1), OPTIONS, lambda p, o: calls.append(o) or solve(p, o))
    assert len(calls) == 1 and calls[0].time_limit == OPTIONS.time_limit and choice.chosen == 0

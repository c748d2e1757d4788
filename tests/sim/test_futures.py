"""Issue 24.2: ``verwacht=K`` plans a week against K sampled futures and keeps the plan whose
published part does best across them (app/simulation/futures.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.simulation.arrivals import expected_learners, weekly_rates
from app.simulation.futures import commitments, plan_across_futures, with_commitments
from optimizer import SolveOptions, solve, validate
from optimizer.domain import Problem
from optimizer.plan import Plan

from .conftest import SMALL_ARRIVALS

OPTIONS = SolveOptions(time_limit=0.6, deterministic=True, seed=1, workers=1)


def _futures(base: Problem, k: int) -> list[Problem]:
    rates = weekly_rates(SMALL_ARRIVALS, base.plan_date, 10)
    return [replace(base, learners=base.learners + tuple(
        expected_learners(base, SMALL_ARRIVALS, rates, 0, base.horizon_weeks, seed=1, draw=d))) for d in range(k)]


def _published(plan: Plan) -> set[tuple]:
    """The published part as the engine reads it: week-0 classes with first-day members, week-0 joins."""
    out = set()
    for c in plan.classes:
        week0 = frozenset(m for m in c.members if plan.assignments[m].start_week == 0)
        if week0 and (c.running or c.start_week == 0):
            out.add((c.running, c.id if c.running else (c.route, c.location, c.schedule, c.level), week0))
    return out


def test_a_fixed_published_part_is_kept_by_the_next_solve(small_base) -> None:
    plan = solve(small_base, OPTIONS)
    fixed = commitments(plan)
    assert fixed.pins, "the small base should start someone this week"
    again = solve(with_commitments(small_base, fixed), OPTIONS)
    assert validate(with_commitments(small_base, fixed), again).ok
    assert _published(again) >= _published(plan)


def test_the_kept_plan_is_the_best_scored_and_valid_in_every_future(small_base) -> None:
    problems = _futures(small_base, 3)
    calls: list[float] = []

    def planner(p: Problem, o: SolveOptions) -> Plan:
        calls.append(o.time_limit)
        return solve(p, o)

    choice = plan_across_futures(problems, OPTIONS, planner)
    assert choice.problem is problems[choice.chosen]
    assert validate(choice.problem, choice.plan).ok
    assert choice.scores[choice.chosen] == min(choice.scores)
    assert len(calls) == 3 + 3 * 2  # one plan per future, then each plan scored in each other future
    assert calls[:3] == [pytest.approx(OPTIONS.time_limit / 3)] * 3
    assert calls[3:] == [pytest.approx(OPTIONS.time_limit / 9)] * 6
    fixed = commitments(choice.plan)
    for p in problems:  # the published part fits whichever future comes
        fixed_p = with_commitments(p, fixed)
        assert validate(fixed_p, solve(fixed_p, OPTIONS)).ok
    # the score is a mean objective over futures: no lower than each future's own best bound
    assert choice.scores[choice.chosen] >= min(solve(p, OPTIONS).bound for p in problems) - 1e-6


def test_one_future_is_planned_once(small_base) -> None:
    calls = []
    choice = plan_across_futures(_futures(small_base, 1), OPTIONS, lambda p, o: calls.append(o) or solve(p, o))
    assert len(calls) == 1 and calls[0].time_limit == OPTIONS.time_limit and choice.chosen == 0

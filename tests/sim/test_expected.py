"""Issue 24.2: the policy ``verwacht`` plans with one sampled future of arrivals nobody knows yet."""

from __future__ import annotations

import pytest

from app.simulation.arrivals import (
    ArrivalSettings,
    expected_learners,
    expected_unknown,
    weekly_rates,
)
from app.simulation.policies import PolicyError, parse_policy
from app.simulation.sweep import simulate

from .conftest import SMALL_ARRIVALS, capacity_problems


def test_expected_unknown_counts_only_what_is_not_known_yet() -> None:
    s = ArrivalSettings(arrivals_per_week=10, known_ahead_share=0.4, known_ahead_max_weeks=4)
    # one week ahead: every early-known arrival (1 to 4 weeks early) is known already
    assert expected_unknown(s, 10, 1) == pytest.approx(6.0)
    # four weeks ahead: only those known four weeks early (a quarter of the 40%)
    assert expected_unknown(s, 10, 4) == pytest.approx(9.0)
    assert expected_unknown(s, 10, 5) == pytest.approx(10.0)  # beyond what anyone announces


def test_expected_learners_are_future_and_their_own_draw(small_base) -> None:
    rates = weekly_rates(SMALL_ARRIVALS, small_base.plan_date, 10)
    future = expected_learners(small_base, SMALL_ARRIVALS, rates, 3, 5, seed=1)
    assert future and all(lr.id.startswith("V03-") for lr in future)
    assert len({lr.id for lr in future}) == len(future)
    week_of_t = small_base.plan_date.toordinal() + 7 * 3
    assert all(lr.available_from.toordinal() >= week_of_t + 7 for lr in future)  # never this week
    assert all(lr.available_from.toordinal() < week_of_t + 7 * 5 for lr in future)  # within the horizon
    again = expected_learners(small_base, SMALL_ARRIVALS, rates, 3, 5, seed=1)
    assert [(lr.id, lr.level, lr.available_from) for lr in again] == [(lr.id, lr.level, lr.available_from)
                                                                     for lr in future]


def test_verwacht_is_a_solver_modifier() -> None:
    assert parse_policy("gebalanceerd+verwacht").expected
    assert parse_policy("gebalanceerd+verwacht").name == "gebalanceerd+verwacht"
    with pytest.raises(PolicyError, match="verwacht"):
        parse_policy("status-quo+verwacht")
    three = parse_policy("gebalanceerd+verwacht=3")
    assert (three.expected, three.futures, three.name) == (True, 3, "gebalanceerd+verwacht=3")
    assert parse_policy(three.name) == three and parse_policy("gebalanceerd+verwacht=1").name == "gebalanceerd+verwacht"
    for bad in ("gebalanceerd+verwacht=0", "gebalanceerd+verwacht=11", "status-quo+verwacht=2"):
        with pytest.raises(PolicyError, match="verwacht"):
            parse_policy(bad)


def test_each_draw_is_another_future_of_the_same_week(small_base) -> None:
    rates = weekly_rates(SMALL_ARRIVALS, small_base.plan_date, 10)
    first = expected_learners(small_base, SMALL_ARRIVALS, rates, 3, 5, seed=1)
    assert first == expected_learners(small_base, SMALL_ARRIVALS, rates, 3, 5, seed=1, draw=0)
    second = expected_learners(small_base, SMALL_ARRIVALS, rates, 3, 5, seed=1, draw=1)
    assert second and all(lr.id.startswith("V03-1-") for lr in second)
    assert not {lr.id for lr in first} & {lr.id for lr in second}
    assert [(lr.level, lr.available_from) for lr in first] != [(lr.level, lr.available_from) for lr in second]


def test_a_run_with_expected_arrivals_publishes_only_real_learners(small_base) -> None:
    """The sampled learners shape the plan but are never placed, published or counted; the
    real arrivals are the same as without them (common random numbers)."""
    # one CP-SAT worker and a 3-week horizon (two weeks of sampled arrivals): the plans here are
    # checked for who is in them, not for how good they are
    kw = dict(weeks=4, seeds=(1,), time_limit=0.3, workers=1, solve_workers=1, horizon=3, arrivals=SMALL_ARRIVALS,
              arrivals_per_week=12, scenario="gemiddeld", deterministic=True, check=True)
    res = simulate(small_base, ["gebalanceerd", "gebalanceerd+verwacht", "gebalanceerd+verwacht=2"], **kw)
    learners = res.learners
    assert not learners["learner_id"].str.startswith("V").any()
    ids = learners.groupby("policy")["learner_id"].apply(frozenset)
    assert ids.nunique() == 1  # the same real arrivals for both policies
    weekly = res.weekly.set_index("policy")
    assert (weekly.loc["gebalanceerd+verwacht", "expected_in_problem"] > 0).any()
    assert (weekly.loc["gebalanceerd+verwacht=2", "expected_in_problem"] > 0).any()
    assert (weekly.loc["gebalanceerd", "expected_in_problem"] == 0).all()
    assert all(run.classes for run in res.runs)  # classes were published, so their members say something
    for run in res.runs:
        assert not run.violations
        assert capacity_problems(run_base(small_base, res), run) == []
        for c in run.classes:
            assert not any(m.startswith("V") for m in c["members"])


def run_base(small_base, res):
    from app.simulation.capacity import scale_capacity

    return scale_capacity(small_base, res.settings["capacity"]["factor"])

"""The solver against an independent brute force (``bruteforce.py``: every assignment of the
learners to the waiting list, a running class or a new class of any kind and start week, with
its own reading of the rules) on tiny problems the generator does not make: few learners, one
to three locations and dayparts, short periods, tight or zero capacity, equal or extreme levels,
late availability, locked classes. An optimal plan must cost what the brute force finds, and
"no plan" must mean the brute force finds none either."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest

from optimizer import (
    ClassSpec,
    Learner,
    Location,
    Problem,
    RouteSettings,
    Schedule,
    SolveOptions,
    Weights,
    solve,
)
from optimizer.validate import validate

from .bruteforce import optimum
from .conftest import PLAN_DATE

DAYPARTS = ["ma-ochtend", "ma-middag", "di-ochtend"]
FAST = SolveOptions(time_limit=5.0, deterministic=True, workers=1)


def tiny(seed: int) -> Problem:
    rng = random.Random(seed)
    horizon = rng.randint(1, 5)
    dps = DAYPARTS[:rng.randint(1, 3)]
    locations = tuple(Location(f"L{i}", None, {d: rng.choice([0, 1, 1, 2]) for d in dps})
                      for i in range(rng.randint(1, 2)))
    schedules = tuple(Schedule(f"S{i}", frozenset({d})) for i, d in enumerate(dps))
    low = rng.choice([1, 2, 3])
    route = RouteSettings("B1", min_size=low, max_size=low + rng.choice([0, 1, 2]),
                          max_spread=rng.choice([0, 10, 40]), duration_weeks=rng.choice([1, 2, 10]))
    levels = rng.choice(["equal", "extreme", "random"])
    learners = []
    for i in range(rng.randint(2, 5)):
        level = 50 if levels == "equal" else rng.choice([0, 100]) if levels == "extreme" else rng.randint(0, 100)
        late = rng.random() < 0.3
        learners.append(Learner(
            id=f"d{i}", route="B1", level=level,
            dayparts=frozenset(d for d in dps if rng.random() < 0.8) or frozenset({dps[0]}),
            waiting_since=PLAN_DATE - timedelta(days=rng.choice([0, 10, 30])),
            available_from=PLAN_DATE + timedelta(days=rng.randint(1, 7 * horizon)) if late else None,
            travel={loc.name: rng.choice([5, 30, 60]) for loc in locations}, priority=rng.choice([1, 1, 2])))
    return Problem(plan_date=PLAN_DATE, learners=tuple(learners), locations=locations, schedules=schedules,
                   routes=(route,), teachers={d: rng.choice([0, 1, 2]) for d in dps}, horizon_weeks=horizon,
                   weights=rng.choice([Weights(), Weights(wait=60, misfit=1), Weights(new_class=30)]),
                   level_step=rng.choice([1, 5, 25]), late_join_weeks=rng.choice([0, 1, 4]))


@pytest.mark.parametrize("seed", range(12))
def test_an_optimal_plan_costs_what_the_brute_force_finds(seed: int) -> None:
    problem = tiny(seed)
    best, _ = optimum(problem)
    plan = solve(problem, FAST)
    if best == float("inf"):
        assert not plan.is_feasible()
        return
    assert plan.is_feasible() and validate(problem, plan).ok
    assert plan.objective >= best and plan.bound <= best
    if plan.status == "OPTIMAL":
        assert plan.objective == best


def _locked(spec: ClassSpec, **kw) -> Problem:
    """Three learners of level 50, one location and schedule with a room and a teacher, and a
    locked class ``spec``."""
    learners = tuple(Learner(f"d{i}", "B1", 50, frozenset({"ma-ochtend", "ma-middag"}),
                             PLAN_DATE - timedelta(days=7), travel={"L0": 10}) for i in range(3))
    base = Problem(plan_date=PLAN_DATE, learners=learners,
                   locations=(Location("L0", None, {"ma-ochtend": 1, "ma-middag": 0}),),
                   schedules=(Schedule("S0", frozenset({"ma-ochtend"})), Schedule("S1", frozenset({"ma-middag"}))),
                   routes=(RouteSettings("B1", min_size=2, max_size=4, max_spread=20, duration_weeks=2),),
                   teachers={"ma-ochtend": 1, "ma-middag": 1}, horizon_weeks=4, known_classes=(spec,))
    return replace(base, **kw)


K1 = ClassSpec("K1", "B1", "L0", "S0", start_week=1, level=50, locked=True)


@pytest.mark.parametrize(("problem", "why"), [
    (_locked(K1, start_weeks=(0, 2)), "unfit_start_week"),
    (_locked(replace(K1, schedule="S1")), "unfit_room"),
    (_locked(K1, teachers={"ma-ochtend": 0, "ma-middag": 1}), "locked_why_capacity"),
    (_locked(replace(K1, level=0)), "locked_why_learners"),
    (_locked(replace(K1, level=52)), "locked_why_level"),
], ids=["week", "room", "teacher", "learners", "level"])
def test_a_locked_class_that_cannot_open_gives_no_plan_and_says_why(problem: Problem, why: str) -> None:
    """Seen from outside: a locked class that could never open (its week not a start week, no
    room or teacher on its daypart, no learner who fits it) was left out without a word, the plan
    said "optimal", and the validator rejected it: "locked class K1 is missing or changed". The
    brute force finds no plan that opens it; the solver now says so, with the reason."""
    best, _ = optimum(problem)
    assert best == float("inf")
    plan = solve(problem, FAST)
    assert plan.status == "INFEASIBLE"
    said = [m for m in plan.diagnosis if m.key == "diag_locked_impossible"]
    assert len(said) == 1 and said[0].params["label"] == "K1" and said[0].params["why"].key == why
    assert "K1" in said[0].text("en") and "K1" in said[0].text("nl")


def test_a_known_class_of_an_unknown_route_is_an_input_error() -> None:
    """Seen from outside: a known class (an earlier plan's, a pin's target) of a route without
    route settings passed ``Problem.check`` and ``solve`` crashed with KeyError 'X'."""
    from optimizer import ProblemError

    p = _locked(replace(K1, route="X", locked=False))
    p = replace(p, learners=(replace(p.learners[0], pin="K1"), *p.learners[1:]))
    with pytest.raises(ProblemError) as err:
        solve(p, FAST)
    assert [m.key for m in err.value.problems] == ["unknown_route_ref"]
    assert "Klas K1" in str(err.value) and "'X'" in str(err.value)

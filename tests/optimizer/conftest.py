"""Tiny hand-made problems for rule tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from optimizer import (
    Learner,
    Location,
    Problem,
    RouteSettings,
    Schedule,
    SolveOptions,
    parse_dayparts,
)
from optimizer.plan import Plan
from optimizer.validate import validate

PLAN_DATE = date(2027, 1, 4)  # a Monday


def learner(lid: str, level: int = 50, dayparts: str = "ochtend", home: str = "Centrum", **kw) -> Learner:
    """A learner waiting since one week before the plan date, available now."""
    kw.setdefault("waiting_since", PLAN_DATE - timedelta(days=7))
    return Learner(id=lid, route=kw.pop("route", "B1"), level=level, dayparts=parse_dayparts(dayparts),
                   home=home, **kw)


def problem(learners: list[Learner], **kw) -> Problem:
    """One location in Centrum with 3 rooms, schedule ma-ochtend, route B1 (2..4, spread 20)."""
    defaults = dict(
        plan_date=PLAN_DATE,
        learners=tuple(learners),
        locations=(Location("Centrum", "Centrum", {d: 3 for d in parse_dayparts("ochtend, middag")}),),
        schedules=(Schedule("ma-ochtend", parse_dayparts("ma-ochtend")),),
        routes=(RouteSettings("B1", min_size=2, max_size=4, max_spread=20, duration_weeks=10),),
        teachers={d: 3 for d in parse_dayparts("ochtend, middag")},
        horizon_weeks=4,
    )
    defaults.update(kw)
    return Problem(**defaults)  # type: ignore[arg-type]


def solved(p: Problem, options: SolveOptions = SolveOptions(time_limit=10.0, deterministic=True)) -> Plan:
    """Solve (deterministically unless ``options`` say otherwise) and assert the independent
    validator accepts the plan."""
    from optimizer import solve

    plan = solve(p, options)
    if plan.is_feasible():
        report = validate(p, plan)
        assert report.ok, str(report)
        assert report.objective == plan.objective
        assert plan.bound <= plan.objective + 1e-6
    return plan


def class_of(plan: Plan, lid: str) -> str | None:
    return plan.assignments[lid].class_id


@pytest.fixture
def mk():
    return problem




def unhurried(monkeypatch, name: str, seconds: float = 600.0) -> list[float]:
    """Replace ``optimizer.solve``'s side thread ``name`` by itself with ``seconds`` as its time
    limit (its LP stops at convergence, its MIP when proven: long before), and return the time
    limits it was called with. What a side thread brings then no longer depends on the machine's
    speed: in CI's clean-clone run (2 cores, two test processes) the LP did not converge in a 10 s
    run's share of 4 s; and the search waits for its side thread before it ends."""
    import importlib

    s = importlib.import_module("optimizer.solve")
    real, asked = getattr(s, name), []

    def side(problem, cand, t0, time_limit, stopped, stats, start, **hooks):
        asked.append(time_limit)
        return real(problem, cand, t0, seconds, stopped, stats, start, **hooks)

    monkeypatch.setattr(s, name, side)
    return asked


__all__ = ["PLAN_DATE", "class_of", "learner", "problem", "replace", "solved", "unhurried"]

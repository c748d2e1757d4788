"""The clairvoyant reference: what planning with every arrival known in advance gives (issue 24).

Two forms, both on the same arrivals as the policies (the same seed):

In the sweep (policy modifier ``helderziend``, e.g. ``gebalanceerd+helderziend``)
    *Rolling with perfect knowledge*: every arrival of the simulated year is known to the
    planner from week 0, and the year is planned week by week as every other policy does
    (the same horizon, the same publication rule, the same time per weekly plan). It shows
    what knowing the future is worth to a weekly planner. It is a reference, not a proven
    bound: a rolling plan with a time limit can still miss better plans.
:func:`clairvoyant_plan` (small cases)
    *Planned in one go*: every arrival of the simulated weeks in one problem whose horizon
    covers all of them, planned once by the solver, started from the status-quo rule's plan
    of the same problem, so its objective is never worse than the status quo's. A year of
    2,600 learners is too large for one model on a laptop; this form is for small cases and
    for tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from app.simulation.arrivals import Arrival
from app.simulation.engine import RunTask, SimConfig, _Run
from app.simulation.policies import Policy, parse_policy
from optimizer.baselines import status_quo_plan
from optimizer.domain import Problem
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from optimizer.solve import solve


def clairvoyant_problem(base: Problem, arrivals: Sequence[Arrival], weeks: int) -> Problem:
    """One problem holding every arrival that can start within ``weeks`` weeks, planned from
    the base plan date with a horizon of ``weeks`` weeks (start weeks of the base repeat)."""
    run = _Run(RunTask(0, "klasvormer", 0, base, SimConfig(weeks=weeks, horizon=weeks)))
    end = base.plan_date + timedelta(days=7 * weeks)
    for a in arrivals:
        if a.available < end:
            run._arrive(a, 0)
    return run.week_problem(0)


def clairvoyant_plan(base: Problem, arrivals: Sequence[Arrival], weeks: int, policy: str | Policy = "gebalanceerd",
                     *, time_limit: float = 10.0, deterministic: bool = False, seed: int = 0,
                     workers: int | None = 1) -> tuple[Problem, Plan, Plan]:
    """The problem of :func:`clairvoyant_problem` as ``policy`` sees it, its one-go plan, and
    the status-quo rule's plan of the same problem (the solver's starting point)."""
    pol = parse_policy(policy)
    problem = pol.prepare(clairvoyant_problem(base, arrivals, weeks))
    baseline = status_quo_plan(problem)
    options = SolveOptions(time_limit=time_limit, deterministic=deterministic, seed=seed, workers=workers)
    plan = solve(problem, options, warm_start=baseline if baseline.is_feasible() else None)
    return problem, plan, baseline

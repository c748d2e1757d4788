"""Planning one week against several sampled futures (policy modifier ``verwacht=K``).

With ``verwacht`` (K = 1) the week's problem holds one sampled future of the arrivals nobody
knows yet, and its plan is published. With ``verwacht=K`` (K > 1) the week is planned K times,
each with another sampled future (``time_limit / K`` seconds each, so a week costs about as
much as with one future), and the plan kept is the one whose *published part* agrees most with
the others' (the medoid):

- A plan's published part is what the engine publishes from it (:func:`published`): for each
  learner known today, the new class they start this week or the running class they join this
  week, or nothing. The rest of a plan is a forecast, re-planned next week anyway.
- The distance between two plans is the number of learners whose published outcome differs.
  The kept plan has the smallest sum of distances to the other plans; among equals, the one
  that publishes most (a teacher left idle this week is lost for good), then the lowest ``k``.
  With two futures the sums are always equal, so K = 2 publishes the plan that starts more now.

So what is published is what most futures would publish: a class that only one future's
expected learners make worth starting (or worth holding back) is not published on that future's
word alone.

Tried first and dropped: scoring each plan's published part under every other future by
planning that future again with the part fixed, and keeping the lowest mean objective. Under
*krap* (5 seeds, docs/benchmarks.md) it opened 51 classes where one future opens 63 and the
status quo 66, and waited 2.0 weeks longer (interval -0.2 to +4.2): each re-plan knows its future in full, so a plan
that publishes nothing scores best (the wait-and-see bias of two-stage sampling in a rolling
plan), and teachers were left idle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from optimizer.domain import Problem
from optimizer.options import SolveOptions
from optimizer.plan import Plan

Outcome = tuple[str, ...] | None
"""A learner's published outcome: ``("join", class id)``, ``("new", route, location, schedule,
level, language, group)`` or None (not published this week)."""


def published(plan: Plan) -> dict[str, Outcome]:
    """Each placed learner's published outcome in ``plan`` (learners not starting this week are
    left out): the classes starting in week 0 with their first-day members, and the learners who
    join a running class in week 0."""
    out: dict[str, Outcome] = {}
    if not plan.is_feasible():
        return out
    for c in plan.classes:
        if not c.running and c.start_week != 0:
            continue
        for m in c.members:
            if plan.assignments[m].start_week == 0:
                out[m] = ("join", c.id) if c.running else (
                    "new", c.route, c.location, c.schedule, str(c.level), c.language or "", c.group or "")
    return out


def distance(a: dict[str, Outcome], b: dict[str, Outcome]) -> int:
    """Learners whose published outcome differs between two plans."""
    return sum(1 for lid in a.keys() | b.keys() if a.get(lid) != b.get(lid))


@dataclass(frozen=True)
class FutureChoice:
    """The kept plan, the problem it was planned on (with its future) and how it was chosen."""

    problem: Problem
    plan: Plan
    chosen: int
    distances: tuple[int, ...]
    """Each future's plan's summed distance to the other plans (a plan without a valid result
    counts as far from everything)."""


def plan_across_futures(problems: Sequence[Problem], options: SolveOptions,
                        plan: Callable[[Problem, SolveOptions], Plan]) -> FutureChoice:
    """Plan each of ``problems`` (the same week with different sampled futures) and keep the plan
    whose published part agrees most with the others' (see the module doc).

    ``plan(problem, options)`` is the policy's planner; it gets ``options.time_limit / K`` seconds
    for each future's plan.
    """
    k = len(problems)
    if k == 0:
        raise ValueError("no futures to plan against")
    each = replace(options, time_limit=options.time_limit / k)
    plans = [plan(p, each) for p in problems]
    parts = [published(pl) for pl in plans]
    far = 1 + sum(len(p.learners) for p in problems)
    sums = tuple(
        sum(distance(parts[i], parts[j]) for j in range(k) if j != i) if plans[i].is_feasible() else far * k
        for i in range(k)
    )
    chosen = min(range(k), key=lambda i: (sums[i], -len(parts[i]), i))
    return FutureChoice(problems[chosen], plans[chosen], chosen, sums)

"""Planning one week against several sampled futures (policy modifier ``verwacht=K``).

With ``verwacht`` (K = 1) the week's problem holds one sampled future of the arrivals nobody
knows yet, and its plan is published. With ``verwacht=K`` (K > 1) the week is planned K times,
each time with another sampled future, and the plan whose *published part* does best across
all K futures is kept (a sample average over the futures):

1. Plan the week with future ``k`` (K plans, each ``time_limit / K`` seconds).
2. A plan's published part is what the engine publishes from it: the new classes starting this
   week with their first-day members, and who joins a running class this week
   (:func:`commitments`). The rest of a plan is a forecast, re-planned next week anyway.
3. Score each plan's published part under every other future ``j``: the week's problem with
   future ``j`` and that part fixed (its classes locked, their members pinned) is planned again,
   briefly (``time_limit / K**2`` seconds); its objective is the score (under its own future, the
   plan's own objective). The plan with the lowest mean score over the futures is kept (ties:
   the lowest ``k``).

Cost: K plans and K(K-1) scores a week. A plan of a few hundred learners takes about 0.4 s
however short its limit (building its options and the greedy start), so the scores make a week
slower than with one future: see docs/benchmarks.md for the measured time.

Only the published part matters to people, and it must be good whichever future comes; a plan
that keeps a teacher free for learners that only its own future brings scores badly under the
other futures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from optimizer.domain import ClassSpec, Problem
from optimizer.options import SolveOptions
from optimizer.plan import Plan


@dataclass(frozen=True)
class Commitments:
    """The published part of a weekly plan: locked new classes and who is pinned where."""

    classes: tuple[ClassSpec, ...]
    pins: dict[str, str]
    """learner id -> label of a running class or of one of ``classes``."""


def commitments(plan: Plan) -> Commitments:
    """What the engine would publish from ``plan``: classes starting in week 0 with the members
    who start on their first day, and the learners who join a running class in week 0."""
    specs: list[ClassSpec] = []
    pins: dict[str, str] = {}
    if not plan.is_feasible():
        return Commitments((), {})
    for c in plan.classes:
        if c.running:
            for m in c.members:
                if plan.assignments[m].start_week == 0:
                    pins[m] = c.id
        elif c.start_week == 0:
            first_day = [m for m in c.members if plan.assignments[m].start_week == 0]
            if not first_day:
                continue
            label = f"VW-{c.id}"
            specs.append(ClassSpec(label, c.route, c.location, c.schedule, 0, c.level, c.language, c.group,
                                   locked=True))
            for m in first_day:
                pins[m] = label
    return Commitments(tuple(specs), pins)


def with_commitments(problem: Problem, fixed: Commitments) -> Problem:
    """``problem`` with ``fixed``'s classes locked and its learners pinned to them. Learners of
    ``fixed`` who are not in ``problem`` (a sampled learner of another future) are ignored."""
    if not fixed.pins:
        return problem
    learners = tuple(replace(lr, pin=fixed.pins[lr.id]) if lr.id in fixed.pins else lr for lr in problem.learners)
    return replace(problem, learners=learners, known_classes=problem.known_classes + fixed.classes)


@dataclass(frozen=True)
class FutureChoice:
    """The kept plan, the problem it was planned on (with its future) and how it was chosen."""

    problem: Problem
    plan: Plan
    chosen: int
    scores: tuple[float, ...]
    """Mean score of each future's plan over all futures (inf where a plan had none)."""


def plan_across_futures(problems: Sequence[Problem], options: SolveOptions,
                        plan: Callable[[Problem, SolveOptions], Plan]) -> FutureChoice:
    """Plan each of ``problems`` (the same week with different sampled futures) and keep the plan
    whose published part scores best on average over all of them (see the module doc).

    ``plan(problem, options)`` is the policy's planner; it gets ``options.time_limit / K`` seconds
    for each future's plan and ``options.time_limit / K**2`` for each score (K(K-1) of them).
    """
    k = len(problems)
    if k == 0:
        raise ValueError("no futures to plan against")
    first = replace(options, time_limit=options.time_limit / k)
    plans = [plan(p, first) for p in problems]
    if k == 1:
        return FutureChoice(problems[0], plans[0], 0, (0.0,))
    score_options = replace(options, time_limit=options.time_limit / (k * k))
    scores: list[float] = []
    for own in plans:
        if not own.is_feasible():
            scores.append(float("inf"))
            continue
        fixed = commitments(own)
        total = float(own.objective)  # under its own future the plan itself is the score
        for p in problems:
            if p is not problems[len(scores)]:
                scored = plan(with_commitments(p, fixed), score_options)
                total += scored.objective if scored.is_feasible() else float("inf")
        scores.append(total / k)
    chosen = min(range(k), key=lambda i: (scores[i], i))
    return FutureChoice(problems[chosen], plans[chosen], chosen, tuple(scores))

"""Build a checked :class:`Plan` from a list of classes with members.

For plans made outside the model: baselines (the status-quo rule, size-constrained k-means,
the straightforward CP-SAT model), hand edits in the GUI, and simulations. Objective terms are
computed with the same rules the model uses; ``optimizer.validate`` re-checks them
independently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .candidates import Candidates, build_candidates, static_terms, waitlist_terms
from .domain import Problem
from .explain import leftover, waiting_reason
from .plan import OBJECTIVE_TERMS, Assignment, Plan, PlannedClass, key_figures
from .split import Labels


@dataclass
class ClassDraft:
    """A class to put in a plan: a new class, or newcomers for running class ``running``."""

    route: str
    location: str
    schedule: str
    start_week: int
    level: int
    members: list[str] = field(default_factory=list)
    language: str | None = None
    group: str | None = None
    running: str | None = None
    label: str | None = None


def _key(d: ClassDraft | PlannedClass) -> tuple:
    return (d.route, d.location, d.schedule, d.start_week, d.level, d.language, d.group)


def compose_plan(problem: Problem, drafts: Sequence[ClassDraft], *, status: str = "HEURISTIC", bound: float = 0.0,
                 runtime: float = 0.0, diagnosis: Iterable = (), stats: dict[str, Any] | None = None,
                 cand: Candidates | None = None) -> Plan:
    """A plan with every learner placed as in ``drafts`` (others wait, with a reason)."""
    cand = cand if cand is not None else build_candidates(problem)
    new = sorted((d for d in drafts if d.running is None and d.members), key=lambda d: _key(d)[:5])
    labels = Labels({d.label for d in drafts if d.label} | set(problem.running_by_id), len(new))
    classes: list[PlannedClass] = []
    start_of: dict[str, int] = {}
    for d in new:
        label = d.label or labels.next()
        members = tuple(sorted(d.members, key=lambda m: (problem.learner_by_id[m].level, m)))
        locked = any(s.label == label and s.locked for s in problem.known_classes)
        classes.append(PlannedClass(label, d.route, d.location, d.schedule, d.start_week,
                                    problem.week_start(d.start_week), d.level, members, d.language, d.group,
                                    locked=locked))
        for m in members:  # a learner available only after the start joins in their first week
            start_of[m] = max(d.start_week, problem.available_week(problem.learner_by_id[m]))
    for d in sorted((d for d in drafts if d.running is not None and d.members), key=lambda d: d.running or ""):
        rc = problem.running_by_id[d.running]  # type: ignore[index]
        weeks = {}
        for m in d.members:
            w = problem.running_join_week(rc, problem.learner_by_id[m])
            weeks[m] = w if w is not None else problem.available_week(problem.learner_by_id[m])
        first = min(weeks.values())
        classes.append(PlannedClass(rc.id, rc.route, rc.location, rc.schedule, first, problem.week_start(first),
                                    rc.level, tuple(sorted(d.members)), rc.language, rc.group, running=True))
        start_of.update(weeks)

    by_member = {m: c for c in classes for m in c.members}
    sched = problem.schedule_by_name

    def terms_of(lr, c: PlannedClass, week: int) -> tuple[int, ...]:
        prev = problem.previous.get(lr.id)
        if prev is None:
            moved = False
        elif c.running:
            moved = prev != c.id
        else:
            spec = problem.known_by_label.get(prev)
            moved = spec is None or spec.key != _key(c)
        static = static_terms(problem, lr, c.level, c.location, sched[c.schedule], c.language, moved)
        return (problem.weights.wait * lr.priority * problem.wait_weeks(lr, week), *static)

    placed = {lid: (c, start_of[lid]) for lid, c in by_member.items()}
    return finish_plan(problem, cand, tuple(classes), placed, terms_of, status, bound, runtime, diagnosis, stats)


def without_round_off(bound: float, objective: float) -> float:
    """``bound`` without the solver's floating-point noise: a bound that exceeds the plan's own
    objective by round-off only (CP-SAT reported 928.0000000000001 for a plan of 928) is the
    objective; a larger excess is kept, so a wrong bound stays visible."""
    if objective < bound <= objective + 1e-9 * max(1.0, abs(objective)):
        return float(objective)
    return bound


def finish_plan(problem: Problem, cand: Candidates, classes: tuple[PlannedClass, ...],
                placed: dict[str, tuple[PlannedClass, int]], terms_of: Callable[..., tuple[int, ...]],
                status: str, bound: float, runtime: float, diagnosis: Iterable, stats: dict[str, Any] | None,
                reasons: bool = True) -> Plan:
    """Assignments (with waiting reasons unless not ``reasons``), objective terms and key figures
    of a set of classes.

    ``placed`` gives each placed learner's class and start week; ``terms_of(learner, class,
    week)`` their (wait, misfit, travel, daypart, language, move) points.
    """
    terms = dict.fromkeys(OBJECTIVE_TERMS, 0)
    assignments: dict[str, Assignment] = {}
    left = leftover(problem, cand, classes, placed) if reasons and len(placed) < len(problem.learners) else None
    for lr in problem.learners:
        if lr.id not in placed:
            t = waitlist_terms(problem, lr)
            assignments[lr.id] = Assignment(lr.id, None, None, None, problem.waitlist_weeks(lr),
                                            reason=waiting_reason(problem, cand, lr, left) if reasons else None)
        else:
            c, week = placed[lr.id]
            t = terms_of(lr, c, week)
            assignments[lr.id] = Assignment(lr.id, c.id, week, problem.week_start(week), problem.wait_weeks(lr, week),
                                            travel_minutes=problem.travel(lr.id, c.location),
                                            misfit=abs(lr.level - c.level))
        for name, value in zip(OBJECTIVE_TERMS, t, strict=False):
            terms[name] += value
    terms["new_class"] = problem.weights.new_class * sum(1 for c in classes if not c.running)
    objective = sum(terms.values())
    return Plan(classes, assignments, objective, terms, without_round_off(bound, objective), status, runtime,
                key_figures(problem, classes, assignments), tuple(diagnosis), stats or {})

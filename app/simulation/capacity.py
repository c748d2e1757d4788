"""Teachers and rooms of a simulation: automatic scaling and the calibrated scenarios.
Split from :mod:`app.simulation.sweep` (see its module doc)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from app.simulation.arrivals import ArrivalSettings
from optimizer.domain import Location, Problem

AUTO_HEADROOM = 1.2
ASSUMED_FILL = 0.75


def max_parallel_classes(base: Problem) -> int:
    """The most classes that can run at the same time with the base's teachers and rooms.

    A tiny CP-SAT model: classes per (location, schedule) such that every weekday-daypart has
    at most its teachers and every location-daypart at most its rooms. Schedules that share a
    daypart (e.g. ma-wo-vr and di-do-vr both on Friday) compete, which a plain sum of teachers
    would miss.
    """
    from ortools.sat.python import cp_model

    used_routes = {lr.route for lr in base.learners} or {r.route for r in base.routes}
    scheds = {s.name: s for r in base.routes if r.route in used_routes for s in base.allowed_schedules(r)}
    m = cp_model.CpModel()
    x: dict[tuple[str, str], Any] = {}
    for loc in base.locations:
        for s in scheds.values():
            if all(loc.rooms_at(d) > 0 for d in s.dayparts):
                x[loc.name, s.name] = m.new_int_var(0, min(loc.rooms_at(d) for d in s.dayparts), "")
    if not x:
        return 0
    dayparts = {d for s in scheds.values() for d in s.dayparts}
    for d in dayparts:
        m.add(sum(v for (_, sn), v in x.items() if d in scheds[sn].dayparts) <= base.teachers.get(d, 0))
        for loc in base.locations:
            users = [v for (ln, sn), v in x.items() if ln == loc.name and d in scheds[sn].dayparts]
            if users:
                m.add(sum(users) <= loc.rooms_at(d))
    m.maximize(sum(x.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    return round(solver.objective_value)


def capacity_factor(base: Problem, arrivals: ArrivalSettings, capacity: float | str = "auto") -> float:
    """The factor teachers and rooms are multiplied by (see the module doc).

    ``auto``: demand = sum over routes of arrivals per week x route share (of the base's
    learners) x duration / (75% of max size) classes at once; supply =
    :func:`max_parallel_classes`; factor = ``AUTO_HEADROOM`` x demand / supply, at least 1.
    """
    if not isinstance(capacity, str):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        return float(capacity)
    if capacity != "auto":
        raise ValueError(f"capacity must be 'auto' or a number, not {capacity!r}")
    if arrivals.mode == "replay":
        return 1.0
    counts: dict[str, int] = {}
    for lr in base.learners:
        counts[lr.route] = counts.get(lr.route, 0) + 1
    routes = [r for r in base.routes if counts.get(r.route, 0) > 0] or list(base.routes)
    total = sum(counts.get(r.route, 0) for r in routes)
    demand = 0.0
    for r in routes:
        share = counts.get(r.route, 0) / total if total else 1 / len(routes)
        demand += arrivals.arrivals_per_week * share * r.duration_weeks / (ASSUMED_FILL * r.max_size)
    supply = max_parallel_classes(base)
    if supply <= 0:
        return 1.0
    return max(1.0, round(AUTO_HEADROOM * demand / supply, 2))


def scale_capacity(base: Problem, factor: float) -> Problem:
    """Teachers and rooms multiplied by ``factor`` (rounded up)."""
    if factor == 1.0:
        return base
    return replace(
        base,
        teachers={d: math.ceil(n * factor) for d, n in base.teachers.items()},
        locations=tuple(Location(loc.name, loc.home, {d: math.ceil(n * factor) for d, n in loc.rooms.items()})
                        for loc in base.locations),
    )

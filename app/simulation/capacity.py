"""Teachers and rooms of a simulation: automatic scaling and the calibrated scenarios.
Split from :mod:`app.simulation.sweep` (see its module doc)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from app.simulation.arrivals import ArrivalSettings
from optimizer.domain import Location, Problem

AUTO_HEADROOM = 1.2
ASSUMED_FILL = 0.75
KRAP_HEADROOM = 0.3
"""*krap*: teachers and rooms for 30% of the classes the arrivals ask for (calibrated on
samples/b1_aanbieder.xlsx: the status-quo rule's mean wait over 52 weeks is 12-26 weeks;
docs/benchmarks.md, "Calibrated scenarios")."""
GEMIDDELD_HEADROOM = 0.55
"""*gemiddeld*: 55% (the status-quo rule's mean wait 6-10 weeks, calibrated likewise)."""

PEAK_FACTOR = 2.0
"""Inflow in the peak month (December) relative to the other months in a ``-piek`` scenario."""


@dataclass(frozen=True)
class Scenario:
    """A named capacity setting: teachers and rooms for ``headroom`` times the classes the
    arrivals ask for (:func:`classes_demanded`), fixed for the whole run and the same for every
    policy; ``peak``: with the year-end inflow peak (:data:`PEAK_FACTOR` in December)."""

    name: str
    headroom: float
    peak: bool = False

    @property
    def capacity(self) -> str:
        """The capacity setting this scenario stands for (the base name, without ``-piek``)."""
        return self.name.removesuffix("-piek")


_BASE_SCENARIOS = {"krap": KRAP_HEADROOM, "gemiddeld": GEMIDDELD_HEADROOM, "ruim": AUTO_HEADROOM}
SCENARIOS: dict[str, Scenario] = {}
for _name, _headroom in _BASE_SCENARIOS.items():
    SCENARIOS[_name] = Scenario(_name, _headroom)
    SCENARIOS[_name + "-piek"] = Scenario(_name + "-piek", _headroom, peak=True)
SCENARIO_NAMES = tuple(SCENARIOS)


def scenario(name: str) -> Scenario:
    """The scenario called ``name`` (``krap``, ``gemiddeld``, ``ruim``, each also ``-piek``)."""
    key = name.strip().lower().replace("_", "-").replace("+", "-").replace(" ", "-")
    if key not in SCENARIOS:
        raise ValueError(f"unknown scenario {name!r}; choose {', '.join(SCENARIOS)}")
    return SCENARIOS[key]


def scenario_arrivals(sc: Scenario, arrivals: ArrivalSettings) -> ArrivalSettings:
    """The arrival settings of a scenario: with or without the year-end peak."""
    return replace(arrivals, peak_factor=PEAK_FACTOR if sc.peak else 1.0)


def max_parallel_classes(base: Problem) -> int:
    """The most classes that can run at the same time with the base's teachers and rooms.

    A tiny CP-SAT model: classes per (location, schedule) such that every weekday-daypart has
    at most its teachers and every location-daypart at most its rooms. Schedules that share a
    daypart (e.g. ma-wo-vr and di-do-vr both on Friday) compete, which a plain sum of teachers
    would miss.
    """
    from ortools.sat.python import cp_model

    from optimizer.cpsat import no_sigint

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
    solver = no_sigint(cp_model.CpSolver())
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    return round(solver.objective_value)


def classes_demanded(base: Problem, arrivals: ArrivalSettings) -> float:
    """Classes the arrivals ask for at the same time in steady state: sum over routes of
    arrivals per week x route share (of the base's learners) x duration / (75% of max size)."""
    counts: dict[str, int] = {}
    for lr in base.learners:
        counts[lr.route] = counts.get(lr.route, 0) + 1
    routes = [r for r in base.routes if counts.get(r.route, 0) > 0] or list(base.routes)
    total = sum(counts.get(r.route, 0) for r in routes)
    demand = 0.0
    for r in routes:
        share = counts.get(r.route, 0) / total if total else 1 / len(routes)
        demand += arrivals.arrivals_per_week * share * r.duration_weeks / (ASSUMED_FILL * r.max_size)
    return demand


def capacity_factor(base: Problem, arrivals: ArrivalSettings, capacity: float | str = "auto") -> float:
    """The factor teachers and rooms are multiplied by (see the module doc).

    ``auto``: demand = :func:`classes_demanded`; supply = :func:`max_parallel_classes`;
    factor = ``AUTO_HEADROOM`` x demand / supply, at least 1. A scenario name
    (:data:`SCENARIOS`): its headroom x demand / supply, also below 1 (fewer teachers and rooms
    than the input has), at most 3 decimals.
    """
    if not isinstance(capacity, str):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        return float(capacity)
    if capacity in SCENARIOS and SCENARIOS[capacity].capacity == "ruim":
        capacity = "auto"  # ruim is today's automatic scaling, exactly
    if capacity in SCENARIOS:
        supply = max_parallel_classes(base)
        if supply <= 0:
            return 1.0
        return round(SCENARIOS[capacity].headroom * classes_demanded(base, arrivals) / supply, 3)
    if capacity != "auto":
        raise ValueError(f"capacity must be 'auto', a scenario ({', '.join(SCENARIOS)}) or a number, not {capacity!r}")
    if arrivals.mode == "replay":
        return 1.0
    supply = max_parallel_classes(base)
    if supply <= 0:
        return 1.0
    return max(1.0, round(AUTO_HEADROOM * classes_demanded(base, arrivals) / supply, 2))


def scale_capacity(base: Problem, factor: float) -> Problem:
    """Teachers and rooms multiplied by ``factor`` (rounded up). Below 1 (a scenario with fewer
    teachers and rooms than the input), the classes already running keep theirs: never fewer
    teachers on a daypart, or rooms at a location and daypart, than they use."""
    if factor == 1.0:
        return base
    sched = {s.name: s.dayparts for s in base.schedules}
    teach: Counter[str] = Counter()
    rooms: Counter[tuple[str, str]] = Counter()
    for rc in base.running:
        for d in sched.get(rc.schedule, ()):
            teach[d] += 1
            rooms[rc.location, d] += 1
    return replace(
        base,
        teachers={d: max(math.ceil(n * factor), teach[d]) for d, n in base.teachers.items()},
        locations=tuple(Location(loc.name, loc.home, {d: max(math.ceil(n * factor), rooms[loc.name, d])
                                                      for d, n in loc.rooms.items()})
                        for loc in base.locations),
    )

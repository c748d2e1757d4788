"""Small bases and helpers for the policy-simulation tests (short solves, few learners)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from app.simulation.arrivals import ArrivalSettings
from app.simulation.engine import RunResult
from app.synth import b1_provider
from optimizer.domain import Problem


@pytest.fixture(scope="session")
def small_base() -> Problem:
    """A B1 provider whose learners are the attribute pool; capacity for ~10 arrivals a week."""
    return b1_provider(60, seed=7, horizon=8, running=3)


SMALL_ARRIVALS = ArrivalSettings(arrivals_per_week=12, backlog=10)


def capacity_problems(base: Problem, run: RunResult) -> list[str]:
    """Recompute, from the published classes and the base's running classes, every week in
    which classes use more teachers (per daypart) or rooms (per location and daypart) than the
    base has."""
    sched = {s.name: s.dayparts for s in base.schedules}
    rooms = {loc.name: loc.rooms for loc in base.locations}
    out = []
    for t in range(run.weeks_done):
        day = base.plan_date + timedelta(days=7 * t)
        active = [(rc.location, rc.schedule) for rc in base.running if rc.end_date > day]
        active += [(c["location"], c["schedule"]) for c in run.classes if c["week"] <= t < c["end_week"]]
        teach: Counter[str] = Counter()
        room: Counter[tuple[str, str]] = Counter()
        for loc, s in active:
            for d in sched[s]:
                teach[d] += 1
                room[loc, d] += 1
        out += [f"week {t} {d}: {n}" for d, n in teach.items() if n > base.teachers.get(d, 0)]
        out += [f"week {t} {k}: {n}" for k, n in room.items() if n > rooms[k[0]].get(k[1], 0)]
    return out

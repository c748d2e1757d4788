"""A class that has started, carried into the next planning period as a running class.

One rule for both the week-by-week simulation (:mod:`app.simulation.engine`, a class published
in week 0 of its plan) and the coordinator's next planning week (:mod:`app.planner.next_week`,
every class of a plan workbook that started before the new plan date): the class keeps its
route, location, schedule, level, instruction language and group; its free seats are the route's
maximum size minus the learners who have started in it; its level range is its level -/+ half
the route's spread (within 0-100, so its level stays the class level); it ends ``duration_weeks``
after its start and takes newcomers until ``late_join_weeks`` after its start (the joining rule
of a planned new class).
"""

from __future__ import annotations

from datetime import date, timedelta

from .domain import RouteSettings, RunningClass


def started_class(class_id: str, route: RouteSettings, location: str, schedule: str, level: int, start: date,
                  started: int, late_join_weeks: int, language: str | None = None,
                  group: str | None = None) -> RunningClass:
    """The running class of a new class ``class_id`` that started on ``start`` with ``started``
    learners (see the module doc)."""
    half = route.max_spread // 2
    return RunningClass(
        id=class_id, route=route.route, location=location, schedule=schedule,
        # within the scale: a class at level 95 with a spread of 20 took 85-105, and the next
        # week's problem was refused ("niveaus buiten 0-100")
        level_min=max(0, level - half), level_max=min(100, level + half),
        free_seats=max(0, route.max_size - started),
        end_date=start + timedelta(days=7 * route.duration_weeks),
        language=language, group=group,
        join_until=start + timedelta(days=7 * late_join_weeks),
    )


def shifted_start_weeks(weeks: tuple[int, ...] | None, period: int, t: int, horizon: int) -> tuple[int, ...] | None:
    """Allowed start weeks ``weeks`` of a plan, repeated every ``period`` weeks, seen ``t`` weeks
    later with a plan period of ``horizon`` weeks (None stays None: every week)."""
    if weeks is None:
        return None
    allowed = {w % period for w in weeks}
    return tuple(w for w in range(horizon) if (t + w) % period in allowed)

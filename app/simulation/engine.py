"""One simulation run: a year of arrivals, re-planned every week by one policy (issue #6).

The weekly loop (week ``t`` starts on ``base.plan_date + 7t``, a Monday):

1. Learners known by Monday join the queue (:mod:`app.simulation.arrivals`). Running classes whose
   end date has come are dropped: their teacher and room are free again.
2. The week's problem holds every queued learner who can start within the planning horizon
   (``beschikbaar vanaf`` before week ``t + horizon``), every running class, and the base
   problem's locations, schedules, routes, teachers and settings. Start weeks given in the
   base problem repeat with the base horizon as period. "Niet met" references to learners not
   in the week's problem are left out. The policy (:mod:`app.simulation.policies`) plans it.
3. Publication: every new class that starts in week ``t`` (week 0 of the plan) is published
   and never changed again. It becomes a :class:`~optimizer.domain.RunningClass` with
   ``free seats = route max size - size``, level range ``level -/+ max_spread // 2`` (so its
   level stays the published class level), and ``end date = start + duration_weeks``; it keeps
   its teacher and room until then. Learners who join a running class in week ``t`` take its
   free seats. Everyone placed leaves the queue; all other placements of the plan (later
   weeks) are only a forecast and are planned again next week.

Seats (issue 24): under a weekly plan's objective a new class costs nothing and a seat left
empty costs nothing, yet a class holds a teacher and a room for its whole duration (26 weeks),
far beyond the plan's horizon. Left to itself the plan opens classes at their minimum size with
learners who could have joined a running class now, and the running class's seats expire empty
(under *gemiddeld* 2.3-2.7 times the status-quo rule's empty seats). So for a solver policy each
week's problem gives every seat of a new class a value: ``W`` weeks of waiting, where ``W`` is
the real learners who can start now over the seats per week the run's teachers and rooms give
(:func:`~app.simulation.capacity.max_parallel_classes` x max size / duration), at most the
horizon (``SimConfig.seat_value`` scales it; 0 = off). A new class costs ``wait x W`` per seat
(``weights.new_class``, with the routes' mean max size); the learners it places already earn
their waiting charge back, so a class opens only when its learners' saved waiting pays for its
seats, and a class that would stay half empty waits for more learners while the running classes
fill. With a short queue ``W`` is 0 and nothing changes; so it is when the teachers and rooms
give at least as many seats a week as learners arrive (*ruim*: there an empty seat costs
nobody a week; with the value *gebalanceerd* waited +0.07 [-0.05, +0.19] weeks longer than the
status quo at +0.04 [-0.10, +0.17] misfit, without it -0.00 and -0.10). The status-quo rule
and the capacity are untouched.

The run records every learner's outcome, every published class, and one row per week. It
needs no pandas; :mod:`app.simulation.sweep` turns the records into tables and charts.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from app.simulation.arrivals import (
    Arrival,
    ArrivalSettings,
    expected_learners,
    generate_arrivals,
    weekly_rates,
)
from app.simulation.capacity import max_parallel_classes
from app.simulation.futures import plan_across_futures
from app.simulation.policies import parse_policy
from optimizer.carry import shifted_start_weeks, started_class
from optimizer.domain import ClassSpec, Problem, RouteSettings, RunningClass
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from optimizer.travel import stadsdeel_of
from optimizer.validate import validate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimConfig:
    """Settings of one run besides policy and seed (stored with the results)."""

    weeks: int = 52
    horizon: int = 8
    """Planning horizon of each weekly plan, in weeks."""
    time_limit: float = 2.0
    """Seconds per weekly solve (deterministic units when ``deterministic``)."""
    solve_workers: int = 1
    deterministic: bool = False
    check: bool = False
    """Validate every weekly plan with :func:`optimizer.validate.validate` (slower)."""
    arrivals: ArrivalSettings = field(default_factory=ArrivalSettings)
    commit: bool = True
    """Plan stability: each week's re-plan treats last week's plan as the published plan, so
    moving someone away from the class they were told about costs ``weights.move`` (PRODUCT.md
    objective). Without it a rolling re-plan keeps postponing classes to wait for better ones."""

    seat_value: float = 1.0
    """Value of a class seat under scarcity (module doc, "Seats"): 0 = off; else a factor."""

    def solve_options(self, seed: int) -> SolveOptions:
        """The settings of every weekly solve of a run with this ``seed``."""
        return SolveOptions(time_limit=self.time_limit, deterministic=self.deterministic, seed=seed,
                            workers=self.solve_workers)


@dataclass(frozen=True)
class RunTask:
    """Everything a worker process needs for one run (picklable)."""

    index: int
    policy: str
    seed: int
    base: Problem
    config: SimConfig


@dataclass
class RunResult:
    """Records of one run; plain values only (cheap to send between processes)."""

    index: int
    policy: str
    seed: int
    weeks: int
    weeks_done: int = 0
    complete: bool = False
    learners: list[dict[str, Any]] = field(default_factory=list)
    classes: list[dict[str, Any]] = field(default_factory=list)
    weekly: list[dict[str, Any]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    runtime: float = 0.0
    error: str | None = None


def _stadsdeel(home: str | None) -> str:
    """The stadsdeel of a learner's home (name or PC4), '?' when unknown."""
    if not home:
        return "?"
    try:
        return stadsdeel_of(home) or "?"
    except Exception:  # the district tables missing must not stop a run
        return "?"


def _week(start: date, day: date) -> int:
    return math.floor((day - start).days / 7)


class _Run:
    def __init__(self, task: RunTask) -> None:
        self.task = task
        self.cfg = task.config
        self.base = task.base
        self.policy = parse_policy(task.policy)
        self.start = self.base.plan_date
        self.routes: dict[str, RouteSettings] = {r.route: r for r in self.base.routes}
        self.sched = {s.name: s for s in self.base.schedules}
        self.rooms = {loc.name: loc.rooms for loc in self.base.locations}
        self.result = RunResult(task.index, self.policy.name, task.seed, self.cfg.weeks)
        self.running: dict[str, RunningClass] = {rc.id: rc for rc in self.base.running}
        self.records: dict[str, dict[str, Any]] = {}
        self.queue: dict[str, Any] = {}
        self.classes: dict[str, dict[str, Any]] = {}
        self.level_of: dict[str, int] = {}
        self.announced: list[ClassSpec] = []
        """Last week's plan: classes starting later, shifted one week (for move penalties)."""
        self.announced_to: dict[str, str] = {}
        self.planned_week: dict[str, int] = {}
        """Each learner's start week (absolute) in the latest plan, for counting postponements."""
        self.postponed: Counter[str] = Counter()
        self._rates: list[float] | None = None
        self._seats_per_week: float | None = None
        self.arrival_rate: float | None = None
        """Learners arriving per week over the run (set by :meth:`run`); seats are scarce only
        when the run's teachers and rooms give fewer seats a week ("Seats" in the module doc)."""

    # ---- one week ----------------------------------------------------------------------------
    def week_problem(self, t: int) -> Problem:
        day = self.start + timedelta(days=7 * t)
        H = self.cfg.horizon
        end = day + timedelta(days=7 * H)
        visible = [lr for lr in self.queue.values() if (lr.available_from or lr.waiting_since) < end]
        ids = {lr.id for lr in visible}
        visible = [replace(lr, not_with=lr.not_with & ids) if lr.not_with - ids else lr for lr in visible]
        visible.sort(key=lambda lr: lr.id)
        period = max(1, self.base.horizon_weeks)
        routes = tuple(
            replace(r, start_weeks=shifted_start_weeks(r.start_weeks, period, t, H)) for r in self.base.routes
        )
        previous = {lid: lab for lid, lab in self.announced_to.items()
                    if lid in ids and (lab in self.running or any(s.label == lab for s in self.announced))}
        used = set(previous.values())
        return replace(
            self.base, plan_date=day, learners=tuple(visible), running=tuple(
                self.running[k] for k in sorted(self.running)), horizon_weeks=H,
            start_weeks=shifted_start_weeks(self.base.start_weeks, period, t, H), routes=routes,
            known_classes=tuple(s for s in self.announced if s.label in used), previous=previous,
        )

    def _with_expected(self, problem: Problem, t: int, draw: int = 0) -> Problem:
        """With the policy ``verwacht``: the week's problem plus sampled future ``draw`` of
        arrivals nobody knows yet (:func:`app.simulation.arrivals.expected_learners`). They are
        available from next week at the earliest, so no class published this week counts on them."""
        if not self._expects():
            return problem
        if self._rates is None:
            self._rates = weekly_rates(self.cfg.arrivals, self.start, self.cfg.weeks)
        future = expected_learners(self.base, self.cfg.arrivals, self._rates, t, self.cfg.horizon, self.task.seed,
                                   draw=draw)
        return replace(problem, learners=problem.learners + tuple(future))

    def _expects(self) -> bool:
        return self.policy.expected and self.cfg.arrivals.mode != "replay" and self.cfg.horizon >= 2

    def _plan_week(self, t: int, stop: Callable[[], bool] | None) -> tuple[Problem, Plan]:
        """The week's problem as the policy sees it, and its plan (with ``verwacht=K``: the plan
        kept across K sampled futures, :func:`app.simulation.futures.plan_across_futures`)."""
        week = self.week_problem(t)
        draws = range(self.policy.futures if self._expects() else 1)  # one draw: the plain week (or one future)
        problems = [self.prepared_problem(t, draw, week) for draw in draws]
        choice = plan_across_futures(problems, self.cfg.solve_options(self.task.seed),
                                     lambda p, o: self.policy.plan(p, o, stop=stop))
        return choice.problem, choice.plan

    def prepared_problem(self, t: int, draw: int = 0, week: Problem | None = None) -> Problem:
        """Week ``t``'s problem as the policy plans it: sampled future ``draw`` of expected
        arrivals, the seat value ("Seats" in the module doc) and the policy's own settings."""
        week = self.week_problem(t) if week is None else week
        return self._with_seat_value(self.policy.prepare(self._with_expected(week, t, draw)))

    def seat_weeks(self, problem: Problem) -> int:
        """Weeks a learner waits for a seat under scarcity: the real learners who can start now,
        over the seats the run's teachers and rooms give per week, at most the horizon; 0 when
        those seats are as many as the learners arriving a week (no scarcity)."""
        if self._seats_per_week is None:
            routes = [r for r in self.base.routes if r.duration_weeks > 0] or list(self.base.routes)
            per_class = sum(r.max_size / max(1, r.duration_weeks) for r in routes) / max(1, len(routes))
            self._seats_per_week = max_parallel_classes(self.base) * per_class
        waiting = sum(1 for lr in problem.learners if lr.id in self.queue and problem.available_week(lr) == 0)
        if self._seats_per_week <= 0 or (self.arrival_rate is not None and self._seats_per_week >= self.arrival_rate):
            return 0
        return min(self.cfg.horizon, math.floor(self.cfg.seat_value * waiting / self._seats_per_week))

    def _with_seat_value(self, problem: Problem) -> Problem:
        """A solver policy's week problem with a value for every seat of a new class ("Seats"
        in the module doc): each new class costs its seats."""
        if self.policy.rule != "solver" or self.cfg.seat_value <= 0:
            return problem
        weeks = self.seat_weeks(problem)
        if weeks <= 0:
            return problem
        w = problem.weights
        sizes = [r.max_size for r in problem.routes] or [0]
        per_seat = w.wait * weeks
        return replace(problem, weights=replace(w, new_class=w.new_class + per_seat * round(sum(sizes) / len(sizes))))

    def _announce(self, t: int, plan) -> None:
        """Remember the classes this plan announces for later weeks (one week closer next time)."""
        self.announced, self.announced_to = [], {}
        if not self.cfg.commit or not plan.is_feasible():
            return
        for c in plan.classes:
            if c.running:
                for m in c.members:
                    if plan.assignments[m].start_week and plan.assignments[m].start_week > 0:
                        self.announced_to[m] = c.id
            elif c.start_week == 0:  # published this week: later joiners were told this class
                for m in c.members:
                    if plan.assignments[m].start_week and f"W{t:02d}-{c.id}" in self.running:
                        self.announced_to[m] = f"W{t:02d}-{c.id}"
            elif c.start_week > 0:
                label = f"A{t:02d}-{c.id}"
                self.announced.append(ClassSpec(label, c.route, c.location, c.schedule, c.start_week - 1, c.level,
                                                c.language, c.group))
                for m in c.members:
                    self.announced_to[m] = label

    def run(self, on_week: Callable[[int, int], None] | None, stop: Callable[[], bool] | None,
            arrivals: list[Arrival] | None = None) -> RunResult:
        t0 = time.perf_counter()
        res = self.result
        cfg = self.cfg
        if arrivals is None:
            arrivals = generate_arrivals(self.base, cfg.arrivals, cfg.weeks, self.task.seed)
        if self.policy.clairvoyant:  # perfect knowledge: every arrival of the year known at week 0
            arrivals = sorted((replace(a, known_from=self.start) for a in arrivals),
                              key=lambda a: (a.known_from, a.learner.id))
        end_day = self.start + timedelta(days=7 * cfg.weeks)
        arrivals = [a for a in arrivals if a.available < end_day]
        self.arrival_rate = len(arrivals) / max(1, cfg.weeks)
        ai = 0
        for t in range(cfg.weeks):
            if stop is not None and stop():
                break
            day = self.start + timedelta(days=7 * t)
            new_known = 0
            while ai < len(arrivals) and arrivals[ai].known_from <= day:
                self._arrive(arrivals[ai], t)
                ai += 1
                new_known += 1
            self.running = {k: rc for k, rc in self.running.items() if rc.end_date > day}
            ts = time.perf_counter()
            problem, plan = self._plan_week(t, stop)
            solve_seconds = time.perf_counter() - ts
            expected = sum(1 for lr in problem.learners if lr.id not in self.queue)  # sampled, not real
            available_now = sum(1 for lr in problem.learners if problem.available_week(lr) == 0)
            if cfg.check and plan.is_feasible():
                rep = validate(problem, plan)
                res.violations.extend(f"week {t}: {v}" for v in rep.violations)
            postponed = self._postponements(t, plan)
            placed_new, placed_running, opened, waits = self._publish(t, day, problem, plan)
            self._announce(t, plan)
            excess = self._check_capacity(t)
            in_use = sum(len(self.sched[rc.schedule].dayparts) for rc in self.running.values())
            res.weekly.append({
                "week": t, "date": day.isoformat(), "known_new": new_known,
                "arrived": sum(1 for a in arrivals if _week(self.start, a.available) == t),
                "in_problem": len(problem.learners) - expected, "expected_in_problem": expected,
                "available_waiting": available_now,
                "placed_new_class": placed_new, "placed_running": placed_running,
                "classes_opened": opened, "postponed": postponed, "queue_after": sum(
                    1 for lr in self.queue.values() if (lr.available_from or lr.waiting_since) < day + timedelta(days=7)),
                "running_classes": len(self.running), "teacher_dayparts_in_use": in_use,
                "teacher_dayparts_available": sum(self.base.teachers.values()),
                "capacity_excess": excess,
                "wait_mean_started": sum(waits) / len(waits) if waits else None,
                "status": plan.status, "objective": plan.objective if plan.is_feasible() else None,
                "gap": plan.gap if plan.is_feasible() and plan.status != "HEURISTIC" else None,
                "solve_seconds": round(solve_seconds, 3),
            })
            res.weeks_done = t + 1
            if on_week is not None:
                on_week(t + 1, cfg.weeks)
        res.complete = res.weeks_done == cfg.weeks
        done_day = self.start + timedelta(days=7 * res.weeks_done)
        while ai < len(arrivals) and arrivals[ai].known_from < done_day:  # known after the last Monday
            self._arrive(arrivals[ai], _week(self.start, arrivals[ai].known_from))
            ai += 1
        self._finish(res.weeks_done)
        res.runtime = time.perf_counter() - t0
        return res

    def _postponements(self, t: int, plan) -> int:
        """Learners whose class start moved to a later week than last week's plan said (or who
        lost their planned class); updates the planned weeks from this plan."""
        if not plan.is_feasible():
            return 0
        now: dict[str, int] = {}
        for lid, a in plan.assignments.items():
            if a.start_week is not None and a.class_id is not None:
                now[lid] = t + a.start_week
        moved = 0
        for lid, week in self.planned_week.items():
            if lid in self.queue and week >= t and now.get(lid, math.inf) > week:
                self.postponed[lid] += 1
                moved += 1
        self.planned_week = now
        return moved

    def _arrive(self, a: Arrival, t: int) -> None:
        lr = a.learner
        self.queue[lr.id] = lr
        self.level_of[lr.id] = lr.level
        self.records[lr.id] = {
            "learner_id": lr.id, "route": lr.route, "level": lr.level, "status": lr.status,
            "priority": lr.priority, "home": lr.home, "stadsdeel": _stadsdeel(lr.home), "known_week": t,
            "available_week": _week(self.start, a.available),
            "waiting_since_week": _week(self.start, lr.waiting_since),
            "outcome": "waiting", "start_week": None, "class_id": None, "via": None,
            "wait_weeks": None, "misfit": None, "travel_minutes": None,
        }

    def _publish(self, t: int, day: date, problem: Problem, plan) -> tuple[int, int, int, list[int]]:
        """Publish the week's classes and joins; return counts and the waits of those placed."""
        if not plan.is_feasible():
            return 0, 0, 0, []
        placed_new = placed_running = opened = 0
        waits: list[int] = []
        for c in plan.classes:
            if c.running:
                joiners = [m for m in c.members if plan.assignments[m].start_week == 0]
                if not joiners:
                    continue
                rc = self.running[c.id]
                self.running[c.id] = replace(rc, free_seats=rc.free_seats - len(joiners))
                if c.id in self.classes:
                    self.classes[c.id]["members"].extend(joiners)
                    self.classes[c.id]["joined_later"] += len(joiners)
                for m in joiners:
                    waits.append(self._place(m, t, c.id, "running", plan))
                placed_running += len(joiners)
            elif c.start_week == 0:
                route = self.routes[c.route]
                cid = f"W{t:02d}-{c.id}"
                # Learners planned to join after the start are placed when they actually join.
                first_day = tuple(m for m in c.members if plan.assignments[m].start_week == 0)
                c = replace(c, members=first_day)
                self.running[cid] = started_class(cid, route, c.location, c.schedule, c.level, day, c.size,
                                                  problem.late_join_weeks, c.language, c.group)
                self.classes[cid] = {
                    "class_id": cid, "week": t, "route": c.route, "location": c.location,
                    "schedule": c.schedule, "level": c.level, "language": c.language, "group": c.group,
                    "size_at_start": c.size, "joined_later": 0, "members": list(c.members),
                    "max_size": route.max_size, "dayparts": len(self.sched[c.schedule].dayparts),
                    "end_week": t + route.duration_weeks,
                }
                opened += 1
                for m in c.members:
                    waits.append(self._place(m, t, cid, "new_class", plan))
                placed_new += c.size
        return placed_new, placed_running, opened, waits

    def _place(self, lid: str, t: int, cid: str, via: str, plan) -> int:
        a = plan.assignments[lid]
        rec = self.records[lid]
        if rec["outcome"] != "waiting":  # pragma: no cover - guarded by the loop; report loudly
            self.result.violations.append(f"week {t}: learner {lid} placed twice")
        rec.update(outcome="placed", start_week=t, class_id=cid, via=via, wait_weeks=a.wait_weeks,
                   misfit=a.misfit, travel_minutes=a.travel_minutes)
        self.queue.pop(lid, None)
        return a.wait_weeks

    def _check_capacity(self, t: int) -> int:
        """Largest excess of classes over teachers (per daypart) or rooms (per location and
        daypart) in week ``t``; 0 when capacity holds. Every excess is recorded."""
        teach: Counter[str] = Counter()
        rooms: Counter[tuple[str, str]] = Counter()
        for rc in self.running.values():
            for d in self.sched[rc.schedule].dayparts:
                teach[d] += 1
                rooms[rc.location, d] += 1
        worst = 0
        for d, n in teach.items():
            over = n - self.base.teachers.get(d, 0)
            if over > 0:
                worst = max(worst, over)
                self.result.violations.append(f"week {t}: {n} classes on {d}, {self.base.teachers.get(d, 0)} teachers")
        for (loc, d), n in rooms.items():
            over = n - self.rooms.get(loc, {}).get(d, 0)
            if over > 0:
                worst = max(worst, over)
                self.result.violations.append(f"week {t}: {n} classes in {loc} on {d}, fewer rooms")
        return worst

    def _finish(self, weeks_done: int) -> None:
        """Censor the waits of learners still waiting; close the class records."""
        res = self.result
        end_day = self.start + timedelta(days=7 * weeks_done)
        for rec in self.records.values():
            if rec["outcome"] == "waiting":
                if self.start + timedelta(days=7 * rec["available_week"]) >= end_day:
                    rec["outcome"] = "upcoming"
                else:
                    rec["wait_weeks"] = max(0, weeks_done - rec["waiting_since_week"])
        for rec in self.records.values():
            res.learners.append({"policy": res.policy, "seed": res.seed, **rec,
                                 "postponed": self.postponed.get(rec["learner_id"], 0)})
        for c in self.classes.values():
            levels = [self.level_of[m] for m in c["members"]]
            size = len(c["members"])
            row = {k: v for k, v in c.items() if k != "members"}
            row.update(policy=res.policy, seed=res.seed, final_size=size, fill=size / c["max_size"],
                       spread=max(levels) - min(levels) if levels else 0,
                       members=" ".join(c["members"]))
            res.classes.append(row)


def run_task(task: RunTask, on_week: Callable[[int, int], None] | None = None,
             stop: Callable[[], bool] | None = None) -> RunResult:
    """Run one simulation (policy x seed); never raises for a failing week's plan.

    An exception inside the run is recorded in ``RunResult.error`` with the weeks finished so
    far (``complete`` is then False), so one broken run does not lose a whole sweep.
    """
    run = _Run(task)
    try:
        return run.run(on_week, stop)
    except Exception as exc:  # keep the sweep going; the error is reported with the results
        log.exception("simulation run %s seed %s failed", task.policy, task.seed)
        res = run.result
        res.error = f"{type(exc).__name__}: {exc}"
        res.complete = False
        run._finish(res.weeks_done)
        return res

"""Baseline planning rules to compare Klasvormer with (issue #6, the policy simulation).

:func:`status_quo_plan` writes down the rule a planner without an optimizer follows. Per start
week ``w = 0, 1, ...`` of the horizon:

1. Order: learners who can start by week ``w`` and are not placed yet are taken in order of
   waiting time: earliest ``waiting_since`` first, then higher ``priority``, then id.
   A household ("samen" id) moves as one unit, at the place of its longest-waiting member.
2. Running classes first: a unit whose first available week is ``w`` joins a compatible
   running class with enough free seats (least level distance, then least travel, then id).
3. Fill open classes: otherwise it joins a class opened earlier in week ``w`` that it fits
   (same route, schedule, location, level band, language, group; room for the whole unit).
4. Queue per class type: otherwise it queues for every class type it fits in week ``w``: a
   route, schedule, location, instruction language, literacy/profile group and its *level
   band*. Bands have the width of the route's ``max_spread`` (``[0, s)``, ``[s, 2s)``, ...);
   the class level is the band centre rounded to ``problem.level_step``. A learner whose score
   is too far from that rounded level (possible when the step is coarse) uses the nearest
   level that the spread rule allows.
5. Open when the minimum is reached: as soon as a queue holds the route's minimum class size
   (and a teacher and a room are free on every daypart of the schedule for the class's weeks
   within the horizon), a class opens with the queue's learners in waiting order, up to the
   maximum size; "niet met" pairs are kept apart. When one unit completes several queues at
   once, the queue with most learners waiting opens (then the lowest total travel).

Pins are honoured first, as the solver does: a learner pinned to a running class joins it, a
learner pinned to a known class (and every locked class) opens that class under its label,
filled to the minimum size in waiting order; a learner pinned to the waiting list waits.

The hard rules are checked here directly from the problem (PRODUCT.md "Meaning of the model"
points 1-6, with the helpers of :mod:`optimizer.candidates` for spread, groups, languages,
running classes and free teachers/rooms), and the objective terms are computed the way
:func:`optimizer.validate.validate` recomputes them, so the plan is a normal, checked
:class:`~optimizer.plan.Plan` (status ``HEURISTIC``) that the validator accepts.
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from .candidates import class_group, class_languages, fits_running, level_grid, resource_caps
from .dayparts import format_dayparts, short_schedule_text
from .domain import WAITLIST, Learner, Problem, RouteSettings, Schedule
from .explain import why_not_fits
from .messages import Message, msg
from .plan import OBJECTIVE_TERMS, Assignment, Plan, PlannedClass, key_figures

log = logging.getLogger(__name__)

TypeKey = tuple[str, str, str, int, str | None, str | None]
"""A class type: (route, location, schedule, level, language, group)."""


def band_level(route: RouteSettings, score: int, step: int) -> int | None:
    """Class level of the learner's level band (module rule 4), or None if no level fits.

    The band of ``score`` is ``floor(score / max_spread)`` (100 belongs to the last band); its
    centre is rounded to a multiple of ``step`` and clipped to 0..100. If the spread rule
    (``2 * |score - level| <= max_spread``) rejects that level, the allowed level nearest to
    it is used instead.
    """
    grid = [lv for lv in level_grid(route, score, step) if 0 <= lv <= 100]
    if not grid:
        return None
    width = max(1, route.max_spread)
    last = max(0, math.ceil(100 / width) - 1)
    band = min(score // width, last)
    centre = band * width + width / 2
    level = int(math.floor(centre / step + 0.5)) * step
    level = max(0, min(100 - (100 % step), level))
    if level in grid:
        return level
    return min(grid, key=lambda lv: (abs(lv - level), lv))


@dataclass
class _Class:
    """A class the rule opens (new) or fills (running)."""

    id: str
    route: str
    location: str
    schedule: str
    week: int
    level: int
    language: str | None
    group: str | None
    running: bool = False
    members: list[str] = field(default_factory=list)
    weeks: dict[str, int] = field(default_factory=dict)
    """Start week per member (a running class's newcomers join in their own first week)."""

    @property
    def type_key(self) -> TypeKey:
        return (self.route, self.location, self.schedule, self.level, self.language, self.group)


class _StatusQuo:
    """The rule's state: what fits whom, resources and seats left, classes opened."""

    def __init__(self, problem: Problem) -> None:
        p = problem
        self.p = p
        self.teachers, self.rooms = resource_caps(p)
        self.seats = {rc.id: rc.free_seats for rc in p.running}
        self.classes: list[_Class] = []
        self.running_class: dict[str, _Class] = {}
        self.class_of: dict[str, _Class] = {}
        self.avail = {lr.id: p.available_week(lr) for lr in p.learners}
        self.not_with: dict[str, set[str]] = defaultdict(set)
        for lr in p.learners:
            for other in lr.not_with:
                self.not_with[lr.id].add(other)
                self.not_with[other].add(lr.id)
        self.types: dict[str, list[TypeKey]] = {lr.id: self._types(lr) for lr in p.learners}
        self.running_fit: dict[str, list[str]] = {
            lr.id: sorted(rc.id for rc in p.running if rc.free_seats > 0 and fits_running(p, rc, lr))
            for lr in p.learners
        }
        self.best_queue: dict[str, tuple[int, str]] = {}
        """Per learner: the largest queue they were in, and its schedule (for the reason)."""
        self.blocked: set[str] = set()
        """Learners whose queue reached the minimum but found no free teacher or room."""
        self.counter = 0
        self.placements = 0
        """How many units were placed so far (a queue filtered at another count is out of date)."""
        self.used_ids = set(p.running_by_id) | set(p.known_by_label)

    # ---- hard rules ------------------------------------------------------------------------------
    def _types(self, lr: Learner) -> list[TypeKey]:
        """Class types the learner fits (every rule except the week), at their band level."""
        p = self.p
        route = p.route_by_name.get(lr.route)
        if route is None:
            return []
        level = band_level(route, lr.level, p.level_step)
        if level is None or level % p.level_step:
            return []
        limit = p.max_travel_for(lr)
        out = []
        for s in p.allowed_schedules(route):
            if not s.dayparts <= lr.dayparts:
                continue
            for loc in p.locations:
                if loc.name in lr.excluded_locations or any(loc.rooms_at(d) <= 0 for d in s.dayparts):
                    continue
                minutes = p.travel(lr.id, loc.name)
                if minutes is None or minutes > limit:
                    continue
                for lang in class_languages(route, lr):
                    out.append((route.route, loc.name, s.name, level, lang, class_group(route, lr)))
        return out

    def start_ok(self, route: str, week: int) -> bool:
        return week in self.p.route_start_weeks(self.p.route_by_name[route])

    # ---- resources ---------------------------------------------------------------------------------
    def _weeks(self, route: str, week: int) -> range:
        dur = self.p.route_by_name[route].duration_weeks
        return range(week, min(self.p.horizon_weeks, week + dur))

    def resources_free(self, key: TypeKey, week: int) -> bool:
        """A teacher and a room are free on every daypart of the schedule, every class week."""
        dps = self.p.schedule_by_name[key[2]].dayparts
        return all(
            self.teachers.get((d, t), 0) >= 1 and self.rooms.get((key[1], d, t), 0) >= 1
            for t in self._weeks(key[0], week) for d in dps
        )

    def _use(self, key: TypeKey, week: int) -> None:
        for t in self._weeks(key[0], week):
            for d in self.p.schedule_by_name[key[2]].dayparts:
                self.teachers[d, t] = self.teachers.get((d, t), 0) - 1
                self.rooms[key[1], d, t] = self.rooms.get((key[1], d, t), 0) - 1

    def open_class(self, key: TypeKey, week: int, label: str | None = None) -> _Class:
        if label is None:
            while True:
                self.counter += 1
                label = f"K{self.counter:02d}"
                if label not in self.used_ids:
                    break
        self.used_ids.add(label)
        self._use(key, week)
        c = _Class(label, key[0], key[1], key[2], week, key[3], key[4], key[5])
        self.classes.append(c)
        return c

    # ---- helpers -----------------------------------------------------------------------------------
    @staticmethod
    def order_key(lr: Learner) -> tuple:
        """Waiting order: earliest waiting_since, then higher priority, then id."""
        return (lr.waiting_since, -lr.priority, lr.id)

    def conflicts(self, unit: tuple[str, ...], members: list[str]) -> bool:
        return any(m in self.not_with[u] for u in unit for m in members)

    def take(self, unit: tuple[str, ...], c: _Class, week: int) -> None:
        for lid in unit:
            c.members.append(lid)
            c.weeks[lid] = week
            self.class_of[lid] = c
        self.placements += 1

    def placed(self, unit: tuple[str, ...]) -> bool:
        return any(m in self.class_of for m in unit)

    def cost(self, unit: tuple[str, ...], location: str, level: int) -> tuple[int, int]:
        """(level distance, travel minutes) of a unit in a class."""
        lv = self.p.learner_by_id
        return (sum(abs(lv[m].level - level) for m in unit),
                sum(self.p.travel(m, location) or 0 for m in unit))

    def fits(self, unit: tuple[str, ...], key: TypeKey, week: int) -> bool:
        return all(key in self.types[m] and self.avail[m] <= week for m in unit) and self.start_ok(key[0], week)

    def units(self, skip: set[str]) -> list[tuple[str, ...]]:
        """Households move together; everyone else alone; in waiting order."""
        order = sorted((lr for lr in self.p.learners if lr.id not in skip), key=self.order_key)
        groups: dict[str, list[str]] = defaultdict(list)
        seq: list[tuple[str, ...] | str] = []
        for lr in order:
            if lr.together:
                if lr.together not in groups:
                    seq.append(lr.together)
                groups[lr.together].append(lr.id)
            else:
                seq.append((lr.id,))
        return [tuple(groups[u]) if isinstance(u, str) else u for u in seq]

    # ---- the rule ------------------------------------------------------------------------------------
    def run(self, skip: set[str]) -> None:
        p = self.p
        routes = p.route_by_name
        units = self.units(skip)
        for w in range(p.horizon_weeks):
            pool = [u for u in units if not self.placed(u) and max(self.avail[m] for m in u) <= w]
            # Rule 2: running classes first, in the unit's first available week.
            for unit in pool:
                if max(self.avail[m] for m in unit) != w:
                    continue
                best: tuple | None = None
                for rid in sorted(set.intersection(*(set(self.running_fit[m]) for m in unit))):
                    rc = p.running_by_id[rid]
                    if any(p.running_join_week(rc, p.learner_by_id[m]) != w for m in unit):
                        continue
                    c = self.running_class.get(rid)
                    if self.seats[rid] < len(unit) or (c is not None and self.conflicts(unit, c.members)):
                        continue
                    score = (*self.cost(unit, rc.location, rc.level), rid)
                    if best is None or score < best:
                        best = score
                if best is not None:
                    self._join_running(best[-1], unit, w)
            # Rules 3-5: fill open classes, queue per class type, open at the minimum size.
            queues = _Queues(self, w)
            this_week = [c for c in self.classes if c.week == w and not c.running]
            for unit in pool:
                if self.placed(unit) or self._join_open(unit, this_week, w):
                    continue
                route_name = p.learner_by_id[unit[0]].route
                if route_name not in routes or not self.start_ok(route_name, w):
                    continue
                keys = sorted(set.intersection(*(set(self.types[m]) for m in unit)),
                              key=lambda k: (k[0], k[1], k[2], k[3], str(k[4]), str(k[5])))
                ready = []
                for k in keys:
                    waiting, size = queues.append(k, unit)
                    if size >= routes[k[0]].min_size and self.resources_free(k, w):
                        travel = sum(p.travel(m, k[1]) or 0 for u in waiting for m in u)
                        ready.append((-size, travel, k))
                for _, _, k in sorted(ready, key=lambda r: (r[0], r[1], str(r[2]))):
                    queues.settle()  # before anyone in a queue is placed
                    new = self._try_open(k, queues.units(k), w)
                    if new is not None:
                        this_week.append(new)
                        break
            queues.settle()

    def _join_running(self, rid: str, unit: tuple[str, ...], week: int) -> None:
        c = self.running_class.get(rid)
        if c is None:
            rc = self.p.running_by_id[rid]
            c = _Class(rid, rc.route, rc.location, rc.schedule, week, rc.level, rc.language, rc.group, running=True)
            self.running_class[rid] = c
            self.classes.append(c)
        self.take(unit, c, week)
        self.seats[rid] -= len(unit)

    def _join_open(self, unit: tuple[str, ...], classes: list[_Class], week: int) -> bool:
        """Rule 3: join the best-fitting class opened this week that has room."""
        best: tuple | None = None
        for n, c in enumerate(classes):
            route = self.p.route_by_name[c.route]
            if len(c.members) + len(unit) > route.max_size or self.conflicts(unit, c.members):
                continue
            if not self.fits(unit, c.type_key, week):
                continue
            score = (*self.cost(unit, c.location, c.level), n)
            if best is None or score < best[0]:
                best = (score, c)
        if best is None:
            return False
        self.take(unit, best[1], week)
        return True

    def _try_open(self, key: TypeKey, queue: list[tuple[str, ...]], week: int) -> _Class | None:
        """Rule 5: open a class from a queue in waiting order, or nothing if below the minimum."""
        route = self.p.route_by_name[key[0]]
        chosen: list[tuple[str, ...]] = []
        members: list[str] = []
        for unit in queue:
            if self.placed(unit) or len(members) + len(unit) > route.max_size:
                continue
            if self.conflicts(unit, members) or not self.fits(unit, key, week):
                continue
            chosen.append(unit)
            members.extend(unit)
        if len(members) < route.min_size:
            return None
        c = self.open_class(key, week)
        for unit in chosen:
            self.take(unit, c, week)
        return c

    # ---- pins and locked classes ----------------------------------------------------------------------
    def pins(self) -> tuple[set[str], list[Message]]:
        """Place pinned learners and open locked/pinned known classes; return who is done."""
        p = self.p
        done: set[str] = set()
        problems: list[Message] = []
        pinned_known: dict[str, list[str]] = defaultdict(list)
        for lr in sorted(p.learners, key=self.order_key):
            if lr.pin is None:
                continue
            done.add(lr.id)
            if lr.pin == WAITLIST:
                continue
            if lr.pin in p.running_by_id:
                rc = p.running_by_id[lr.pin]
                week = p.running_join_week(rc, lr)
                if not fits_running(p, rc, lr) or week is None:
                    problems.append(self._pin_problem(lr))
                elif self.seats[rc.id] < 1:
                    problems.append(msg("diag_pin_cap", label=rc.id, count=rc.free_seats + 1, max=rc.free_seats))
                else:
                    self._join_running(rc.id, (lr.id,), week)
            elif lr.pin in p.known_by_label:
                pinned_known[lr.pin].append(lr.id)
            else:
                problems.append(self._pin_problem(lr))
        labels = sorted({s.label for s in p.known_classes if s.locked} | set(pinned_known))
        order = sorted(p.learners, key=self.order_key)
        for label in labels:
            spec = p.known_by_label[label]
            key: TypeKey = (spec.route, spec.location, spec.schedule, spec.level, spec.language, spec.group)
            route = p.route_by_name[spec.route]
            members = pinned_known.get(label, [])
            for lid in members:
                if not self.fits((lid,), key, spec.start_week):
                    problems.append(self._pin_problem(p.learner_by_id[lid]))
            if len(members) > route.max_size:
                problems.append(msg("diag_pin_cap", label=label, count=len(members), max=route.max_size))
            if problems:
                continue
            c = self.open_class(key, spec.start_week, label)
            for lid in members:
                self.take((lid,), c, spec.start_week)
            for lr in order:  # fill to the minimum size in waiting order
                if len(c.members) >= route.min_size:
                    break
                if lr.id in done or lr.id in self.class_of or lr.together or self.conflicts((lr.id,), c.members):
                    continue
                if self.fits((lr.id,), key, spec.start_week):
                    self.take((lr.id,), c, spec.start_week)
        return done, problems

    def _pin_problem(self, lr: Learner) -> Message:
        return msg("diag_pin_incompatible", id=lr.id, label=lr.pin, why=why_not_fits(self.p, lr, lr.pin or ""))

    # ---- reasons -------------------------------------------------------------------------------------
    def reason(self, lr: Learner) -> Message:
        """Why a learner waits under this rule, in the planner's words."""
        p = self.p
        if lr.pin == WAITLIST:
            return msg("wait_pinned")
        if self.avail[lr.id] >= p.horizon_weeks:
            return msg("wait_later", date=lr.available_from)
        route = p.route_by_name[lr.route]
        limit = p.max_travel_for(lr)
        scheds: list[Schedule] = [s for s in p.allowed_schedules(route) if s.dayparts <= lr.dayparts]
        if not scheds:
            return msg("wait_no_schedule", route=route.route, dayparts=format_dayparts(lr.dayparts),
                       dayparts_en=format_dayparts(lr.dayparts, "en"))
        if route.languages and not class_languages(route, lr):
            return msg("wait_no_language", route=route.route, languages=", ".join(route.languages))
        near = [loc for loc in p.locations if loc.name not in lr.excluded_locations
                and (p.travel(lr.id, loc.name) or 10**6) <= limit]
        if not near:
            return msg("wait_no_location", minutes=limit)
        if not self.types[lr.id]:
            return msg("wait_no_slot", minutes=limit)
        if lr.id in self.blocked:
            return msg("wait_capacity")
        count, sched = self.best_queue.get(lr.id, (1, self.types[lr.id][0][2]))
        return msg("wait_too_few", schedule=short_schedule_text(p.schedule_by_name[sched].dayparts),
                   schedule_en=short_schedule_text(p.schedule_by_name[sched].dayparts, "en"),
                   minutes=limit, min=route.min_size, level=lr.level, week=p.horizon_weeks, count=max(count, 1))


class _Queues:
    """One week's queues per class type (rule 4), kept cheap for long waiting lists.

    A queue keeps its units in waiting order and the size of the unplaced ones; placed units
    leave it lazily (when anyone was placed since it was last filtered). What every member
    learns from their queues -- the largest queue they were in (:attr:`_StatusQuo.best_queue`)
    and whether their queue reached the minimum without a free teacher or room
    (:attr:`_StatusQuo.blocked`) -- is settled in one pass before anyone in a queue is placed
    and at the week's end, in the order the queues last grew. Sizes only grow between
    placements and resources only change when a class opens, so this gives what updating every
    member at every arrival in a queue gave, without its quadratic cost (docs/benchmarks.md, "The status-quo rule on long waiting
    lists").
    """

    def __init__(self, rule: _StatusQuo, week: int) -> None:
        self.rule, self.week = rule, week
        self.lists: dict[TypeKey, list[tuple[str, ...]]] = defaultdict(list)
        self.sizes: dict[TypeKey, int] = {}
        self.filtered_at: dict[TypeKey, int] = {}
        self.grown: dict[TypeKey, int] = {}
        """Queues that grew since the last settle, with when they last grew."""
        self.clock = 0

    def units(self, key: TypeKey) -> list[tuple[str, ...]]:
        """The queue's units not placed yet, in waiting order."""
        rule = self.rule
        if self.filtered_at.get(key) != rule.placements:
            self.lists[key] = [u for u in self.lists[key] if not rule.placed(u)]
            self.sizes[key] = sum(len(u) for u in self.lists[key])
            self.filtered_at[key] = rule.placements
        return self.lists[key]

    def append(self, key: TypeKey, unit: tuple[str, ...]) -> tuple[list[tuple[str, ...]], int]:
        """Add an unplaced unit; the queue's unplaced units and their number of learners."""
        waiting = self.units(key)
        waiting.append(unit)
        self.sizes[key] += len(unit)
        self.clock += 1
        self.grown[key] = self.clock
        return waiting, self.sizes[key]

    def settle(self) -> None:
        """Tell every member of the queues that grew what their queue reached."""
        rule = self.rule
        routes = rule.p.route_by_name
        for key in sorted(self.grown, key=self.grown.__getitem__):
            waiting, size = self.units(key), self.sizes[key]
            for u in waiting:
                for m in u:
                    if size > rule.best_queue.get(m, (0, ""))[0]:
                        rule.best_queue[m] = (size, key[2])
            if size >= routes[key[0]].min_size and not rule.resources_free(key, self.week):
                rule.blocked.update(m for u in waiting for m in u)
        self.grown.clear()


def _terms(p: Problem, lr: Learner, c: _Class | None, week: int | None) -> dict[str, int]:
    """Objective points of one learner, computed as optimizer.validate recomputes them."""
    w = p.weights
    prev = p.previous.get(lr.id)
    if c is None or week is None:
        return {"wait": w.wait * lr.priority * p.waitlist_weeks(lr), "move": w.move * int(prev is not None)}
    sched = p.schedule_by_name[c.schedule]
    same = prev == c.id if c.running else (
        prev in p.known_by_label and p.known_by_label[prev].key == (
            c.route, c.location, c.schedule, c.week, c.level, c.language, c.group))
    return {
        "wait": w.wait * lr.priority * p.wait_weeks(lr, week),
        "misfit": w.misfit * abs(lr.level - c.level),
        "travel": w.travel * (p.travel(lr.id, c.location) or 0),
        "daypart": w.daypart * len(sched.dayparts - lr.preferred_dayparts) if lr.preferred_dayparts else 0,
        "language": w.language * int(c.language is not None and lr.preferred_language is not None
                                     and c.language != lr.preferred_language),
        "move": w.move * int(prev is not None and not same),
    }


def status_quo_plan(problem: Problem) -> Plan:
    """Plan by the status-quo rule of this module's docstring; a checked :class:`Plan`.

    The plan's status is ``'HEURISTIC'`` and its bound 0; every learner gets an assignment
    (a class and start week, or the waiting list with a reason). A pin that breaks a hard rule
    or overfills its class gives an ``'INFEASIBLE'`` plan with the diagnosis, as
    :func:`optimizer.solve.solve` does. Raises :class:`~optimizer.domain.ProblemError` if the
    input is invalid.
    """
    t0 = time.perf_counter()
    problem.check()
    rule = _StatusQuo(problem)
    done, problems = rule.pins()
    stats = {"learners": len(problem.learners), "rule": "status_quo"}
    if problems:
        return Plan((), {}, 0, {}, 0.0, "INFEASIBLE", time.perf_counter() - t0, diagnosis=tuple(problems),
                    stats=stats)
    rule.run(done)

    classes: list[PlannedClass] = []
    for c in rule.classes:
        members = tuple(sorted(c.members, key=lambda m: (problem.learner_by_id[m].level, m)))
        if c.running:
            week = min(c.weeks.values())
            members = tuple(sorted(c.members))
        else:
            week = c.week
        spec = problem.known_by_label.get(c.id)
        classes.append(PlannedClass(
            id=c.id, route=c.route, location=c.location, schedule=c.schedule, start_week=week,
            start_date=problem.week_start(week), level=c.level, members=members, language=c.language,
            group=c.group, running=c.running, locked=bool(spec and spec.locked),
        ))
    terms = dict.fromkeys(OBJECTIVE_TERMS, 0)
    assignments: dict[str, Assignment] = {}
    for lr in problem.learners:
        joined = rule.class_of.get(lr.id)
        if joined is None:
            assignments[lr.id] = Assignment(lr.id, None, None, None, problem.waitlist_weeks(lr),
                                            reason=rule.reason(lr))
            t = _terms(problem, lr, None, None)
        else:
            week = joined.weeks[lr.id]
            assignments[lr.id] = Assignment(
                lr.id, joined.id, week, problem.week_start(week), problem.wait_weeks(lr, week),
                travel_minutes=problem.travel(lr.id, joined.location), misfit=abs(lr.level - joined.level),
            )
            t = _terms(problem, lr, joined, week)
        for k, v in t.items():
            terms[k] += v
    terms["new_class"] = problem.weights.new_class * sum(1 for c in classes if not c.running)
    plan = Plan(
        classes=tuple(classes), assignments=assignments, objective=sum(terms.values()), terms=terms,
        bound=0.0, status="HEURISTIC", runtime=time.perf_counter() - t0,
        figures=key_figures(problem, tuple(classes), assignments), stats=stats,
    )
    log.debug("status quo: %d classes, %d placed", len(plan.classes), plan.figures.get("placed", 0))
    return plan

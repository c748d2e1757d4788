"""Reasons a planner understands: why a learner waits, why a pin fails, what settings cannot work."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .candidates import (
    Candidates,
    Family,
    Option,
    class_group,
    class_occupancy,
    oversized_households,
    resource_caps,
)
from .dayparts import format_dayparts, short_schedule_text
from .domain import WAITLIST, Learner, Problem, RouteSettings, Schedule
from .messages import Message, msg


def why_not_fits(problem: Problem, learner: Learner, label: str) -> Message:
    """The first hard rule that keeps ``learner`` out of class ``label``, in either language."""
    return unfit_rule(problem, learner, label)[1]


_SEPARATE_EN = {"alfabetisering": "literacy", "profiel": "profile"}


def unfit_rule(problem: Problem, learner: Learner, label: str) -> tuple[str | None, Message]:
    """The first hard rule that keeps ``learner`` out of class ``label``: its key in the
    catalogue (:mod:`optimizer.rules`) and the reason (a :class:`Message`, Dutch or English).
    The key is None where no one rule of the learner is to blame (an unknown class; a class that
    fits the learner but has no teacher or room, or too few learners; or nothing found)."""
    if label in problem.running_by_id:
        rc = problem.running_by_id[label]
        route_name, loc, sched_name, level, lang, group = (
            rc.route, rc.location, rc.schedule, rc.level, rc.language, rc.group)
        week = problem.running_join_week(rc, learner)
        if week is None:
            return "member_running_end", msg("unfit_running_end")
        if rc.free_seats <= 0:
            return "running_seats", msg("unfit_running_seats")
    elif label in problem.known_by_label:
        spec = problem.known_by_label[label]
        route_name, loc, sched_name, level, lang, group = (
            spec.route, spec.location, spec.schedule, spec.level, spec.language, spec.group)
        week = spec.start_week
        if week < problem.available_week(learner):
            first = max(learner.waiting_since, learner.available_from or learner.waiting_since)
            return "member_available", msg("unfit_available", date=first)
        if week not in problem.route_start_weeks(problem.route_by_name[spec.route]):
            return "class_start_week", msg("unfit_start_week", week=week)
    else:
        return None, msg("unfit_unknown_class")
    route = problem.route_by_name.get(route_name)
    if route is None or learner.route != route_name:
        return "member_route", msg("unfit_route", route=learner.route, class_route=route_name)
    if learner.together and (size := oversized_households(problem).get(learner.together)):
        return "together", msg("unfit_together", group=learner.together, size=size[0], max=size[1])
    sched = problem.schedule_by_name[sched_name]
    missing = sched.dayparts - learner.dayparts
    if missing:
        return "member_daypart", msg("unfit_daypart", dayparts=format_dayparts(missing), dayparts_en=format_dayparts(missing, "en"))
    if loc in learner.excluded_locations:
        return "member_excluded", msg("unfit_excluded", location=loc)
    minutes = problem.travel(learner.id, loc)
    limit = problem.max_travel_for(learner)
    if minutes is None:
        return "member_travel", msg("unfit_travel_unknown", location=loc)
    if minutes > limit:
        return "member_travel", msg("unfit_travel", minutes=minutes, limit=limit)
    if 2 * abs(learner.level - level) > route.max_spread:
        half = route.max_spread // 2  # a member's level lies within half the spread of the class level
        return "member_spread", msg("unfit_spread", level=learner.level, class_level=level, spread=route.max_spread,
                                    low=max(0, level - half), high=min(100, level + half))
    if route.separate and (group or "onbekend") != class_group(route, learner):
        return "member_group", msg("unfit_group", separate=route.separate,
                                   separate_en=_SEPARATE_EN.get(route.separate, route.separate),
                                   group=class_group(route, learner), class_group=group)
    if route.languages and lang not in learner.spoken:
        return "member_language", msg("unfit_language", language=lang)
    if label in problem.known_by_label:
        loc_obj = problem.location_by_name[loc]
        if any(loc_obj.rooms_at(d) <= 0 for d in sched.dayparts):
            return "class_room", msg("unfit_room", location=loc, schedule=sched_name)
        return None, msg("unfit_capacity")
    return None, msg("unfit_other")


@dataclass(frozen=True)
class Leftover:
    """What a plan leaves for its waiting learners: teachers per (daypart, week), rooms per
    (location, daypart, week), and per family (kind of new class) the waiting learners who could
    join one."""

    teachers: dict[tuple[str, int], int]
    rooms: dict[tuple[str, str, int], int]
    waiting: dict[int, set[str]]
    open_weeks: dict[tuple[str, str, int], np.ndarray] = field(default_factory=dict)
    """(location, schedule, duration) -> per start week, could such a class open: filled as asked."""


def leftover(problem: Problem, cand: Candidates, classes: Iterable[Any], placed: Iterable[str]) -> Leftover:
    """:class:`Leftover` after the new ``classes`` (planned classes) of a plan placing ``placed``."""
    caps = cand.caps or resource_caps(problem)
    teachers, rooms = dict(caps[0]), dict(caps[1])
    for c in classes:
        if c.running:
            continue
        fam = Family(c.route, c.location, c.schedule, c.level, c.language, c.group)
        for d, t in class_occupancy(problem, fam, c.start_week):
            teachers[d, t] = teachers.get((d, t), 0) - 1
            rooms[c.location, d, t] = rooms.get((c.location, d, t), 0) - 1
    done = set(placed)
    waiting: dict[int, set[str]] = defaultdict(set)
    for lid, options in cand.options.items():
        if lid not in done:
            for o in options:
                if o.family is not None:
                    waiting[o.family].add(lid)
    return Leftover(teachers, rooms, waiting)


def _room_left(problem: Problem, cand: Candidates, family: int, option: Option, base: int, left: Leftover) -> bool:
    """Could a new class of ``family`` (the option's) start, within the plan's leftover teachers
    and rooms, in a week where this place costs less than waiting?"""
    can_open = _open_weeks(problem, cand.families[family], left)
    starts = [option.start] if option.start is not None else cand.weeks[family]
    return any(can_open[w] for w in starts
               if w >= cand.avail[option.learner] and cand.cost(option, w) < base)


def _open_weeks(problem: Problem, fam: Family, left: Leftover) -> np.ndarray:
    """Per start week: would a class of this kind have a teacher and a room of its location in
    every (daypart, week) it holds (:func:`class_occupancy`) within the leftover. Computed once
    per location, schedule and duration, as arrays (a five-year planning period has 260 start
    weeks per kind; a loop over every class's weeks took 10 s there)."""
    H = problem.horizon_weeks
    dur = problem.route_by_name[fam.route].duration_weeks
    key = (fam.location, fam.schedule, dur)
    if key not in left.open_weeks:
        free = np.ones(H, dtype=bool)
        for d in problem.schedule_by_name[fam.schedule].dayparts:
            free &= np.array([left.teachers.get((d, t), 0) > 0 and left.rooms.get((fam.location, d, t), 0) > 0
                              for t in range(H)], dtype=bool)
        short = np.concatenate(([0], np.cumsum(~free)))  # weeks without room up to each week
        starts = np.arange(H)
        left.open_weeks[key] = short[np.minimum(H, starts + dur)] == short[starts]
    return left.open_weeks[key]


def waiting_reason(problem: Problem, cand: Candidates, learner: Learner, left: Leftover | None = None) -> Message:
    """Why this learner is on the waiting list, in the planner's words. With ``left`` (what the
    plan leaves) a learner who could be placed for less than waiting is told whether teachers or
    rooms are what is missing, or learners to start a class with."""
    if learner.pin == WAITLIST:
        return msg("wait_pinned")
    if problem.available_week(learner) >= problem.horizon_weeks:
        first = max(learner.waiting_since, learner.available_from or learner.waiting_since)
        return msg("wait_later", date=first.strftime("%d-%m-%Y"))
    route = problem.route_by_name[learner.route]
    if learner.together and (size := cand.oversized.get(learner.together)):
        return msg("wait_household_size", group=learner.together, count=size[0], max=size[1], route=route.route)
    scheds = [s for s in problem.allowed_schedules(route) if s.dayparts <= learner.dayparts]
    if not scheds:
        return msg("wait_no_schedule", route=route.route, dayparts=format_dayparts(learner.dayparts),
                   dayparts_en=format_dayparts(learner.dayparts, "en"))
    if route.languages and not (set(route.languages) & learner.spoken):
        return msg("wait_no_language", route=route.route, languages=", ".join(route.languages))
    if not any(all(loc.rooms_at(d) > 0 for d in s.dayparts)
               for loc in problem.locations if loc.name not in learner.excluded_locations for s in scheds):
        return msg("wait_no_room")  # whatever the travel time: no room at all
    limit = problem.max_travel_for(learner)
    locs = [
        loc for loc in problem.locations
        if loc.name not in learner.excluded_locations
        and (problem.travel(learner.id, loc.name) or 10**6) <= limit
    ]
    if not locs:
        return msg("wait_no_location", minutes=limit)
    if not any(all(loc.rooms_at(d) > 0 for d in s.dayparts) for loc in locs for s in scheds):
        return msg("wait_no_slot", minutes=limit)
    teachers, _ = cand.caps or resource_caps(problem)
    if not any(
        all(teachers.get((d, t), 0) > 0 for d in s.dayparts)
        for s in scheds for t in range(problem.available_week(learner), problem.horizon_weeks)
    ):
        return msg("wait_no_teacher")
    options = cand.options.get(learner.id, [])
    if not options:
        count, key = cand.raw_best.get(learner.id, (0, ()))
        sched_name = str(key[2]) if key else scheds[0].name
        sched = problem.schedule_by_name[sched_name]
        return msg("wait_too_few", schedule=short_schedule_text(sched.dayparts),
                   schedule_en=short_schedule_text(sched.dayparts, "en"), minutes=limit,
                   min=route.min_size, level=learner.level, week=problem.horizon_weeks, count=max(count, 1))
    if learner.together:
        mates = [lr for lr in problem.learners if lr.together == learner.together]
        shared = set.intersection(*({(o.family, o.start, o.running) for o in cand.options[m.id]} for m in mates))
        if not shared:
            return msg("wait_household", group=learner.together)
    base = cand.waitlist_cost[learner.id]
    cheaper = [o for o in options if cand.best_week_cost(o) < base]
    if not cheaper:
        return msg("wait_tradeoff")
    if left is None:
        return msg("wait_capacity")
    free = [o.family for o in cheaper
            if o.family is not None and o.running is None and _room_left(problem, cand, o.family, o, base, left)]
    if not free:
        return msg("wait_capacity")  # (seen from outside: said where teachers and rooms were free)
    together = max(len(left.waiting[f]) for f in free)
    if together < route.min_size:
        return msg("wait_too_few_left", count=together, min=route.min_size)
    return msg("wait_tradeoff")


def diagnose(problem: Problem, cand: Candidates) -> list[Message]:
    """Settings that cannot work, in words (shown with every plan, and instead of INFEASIBLE)."""
    out: list[Message] = []
    blocked = no_new_class(problem)
    if blocked is not None:  # one message says it all (and the running classes over it are no news)
        return [blocked, *_pin_diagnosis(problem, cand), *_locked_impossible(problem, cand)]
    learners_per_route = Counter(lr.route for lr in problem.learners)
    teachers, _ = cand.caps or resource_caps(problem)
    slot_routes = Counter(f.route for f in cand.families)
    running_routes = {o.running for opts in cand.options.values() for o in opts if o.running}
    for route in problem.routes:
        if learners_per_route[route.route] == 0:
            continue
        scheds = problem.allowed_schedules(route)
        names = ", ".join(s.name for s in scheds)
        if not scheds:
            out.append(msg("diag_route_no_schedule", route=route.route))
            continue
        if not any(all(problem.teachers.get(d, 0) > 0 for d in s.dayparts) for s in scheds):
            out.append(msg("diag_route_no_teacher", route=route.route, schedules=names))
            continue
        if not any(all(loc.rooms_at(d) > 0 for d in s.dayparts) for loc in problem.locations for s in scheds):
            out.append(msg("diag_route_no_room", route=route.route, schedules=names))
            continue
        has_running = any(problem.running_by_id[r].route == route.route for r in running_routes if r)
        if slot_routes[route.route] == 0 and not has_running:
            best = max((cand.raw_best.get(lr.id, (0, ()))[0] for lr in problem.learners
                        if lr.route == route.route), default=0)
            out.append(msg("diag_route_no_class", route=route.route, min=route.min_size, count=best))
    used0: Counter[str] = Counter()
    rooms0: Counter[tuple[str, str]] = Counter()
    for rc in problem.running:
        if problem.running_weeks(rc) > 0:
            for d in problem.schedule_by_name[rc.schedule].dayparts:
                used0[d] += 1
                rooms0[rc.location, d] += 1
    # one line per count and limit, the dayparts together
    over: dict[tuple[int, int], set[str]] = defaultdict(set)
    for d, used in used0.items():
        if used > problem.teachers.get(d, 0):
            over[used, problem.teachers.get(d, 0)].add(d)
    for (used, available), dps in sorted(over.items()):
        out.append(msg("diag_running_over", daypart=format_dayparts(dps), daypart_en=format_dayparts(dps, "en"),
                       used=used, available=available))
    # the same for rooms (seen from outside: a location set to 0 rooms where classes run said nothing)
    rooms = {loc.name: loc for loc in problem.locations}
    room_over: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for (name, d), used in rooms0.items():
        available = rooms[name].rooms_at(d) if name in rooms else 0
        if used > available:
            room_over[name, used, available].add(d)
    for (name, used, available), dps in sorted(room_over.items()):
        out.append(msg("diag_running_over_rooms", location=name, daypart=format_dayparts(dps),
                       daypart_en=format_dayparts(dps, "en"), used=used, available=available))
    del teachers
    return out + _pin_diagnosis(problem, cand) + _locked_impossible(problem, cand) + _locked_short(problem, cand)


def _locked_impossible(problem: Problem, cand: Candidates) -> list[Message]:
    """Locked classes that can never open, each with the first reason: a start week not allowed,
    a schedule the route does not allow or the location has no room for, a level off the grid,
    no teacher or room free, or no learner who can start on its first day. The candidates then
    hold no class of its kind and week, so the model has nothing to open (seen from outside: the
    solver reported such a plan without the locked class as optimal, and the validator rejected
    it with "locked class K1 is missing or changed")."""
    out: list[Message] = []
    slots = {cand.key(*ft) for ft in cand.locked_count}
    teachers, rooms = cand.caps or resource_caps(problem)
    for spec in problem.known_classes:
        if not spec.locked or spec.key in slots:
            continue
        route = problem.route_by_name.get(spec.route)
        sched = problem.schedule_by_name.get(spec.schedule)
        loc = problem.location_by_name.get(spec.location)
        if route is None or sched is None or loc is None:
            why = msg("unfit_unknown_class")
        elif spec.start_week not in problem.route_start_weeks(route):
            why = msg("unfit_start_week", week=spec.start_week)
        elif sched not in problem.allowed_schedules(route):
            why = msg("locked_why_schedule", schedule=spec.schedule, route=spec.route)
        elif not all(loc.rooms_at(d) > 0 for d in sched.dayparts):
            why = msg("unfit_room", location=spec.location, schedule=spec.schedule)
        elif spec.level % problem.level_step or not 0 <= spec.level <= 100:
            why = msg("locked_why_level", level=spec.level, step=problem.level_step)
        elif any(min(teachers.get((d, t), 0), rooms.get((spec.location, d, t), 0)) <= 0
                 for d, t in _weeks_held(problem, route, sched, spec.start_week)):
            why = msg("locked_why_capacity")
        else:
            why = msg("locked_why_learners")
        out.append(msg("diag_locked_impossible", label=spec.label, why=why))
    return out


def _weeks_held(problem: Problem, route: RouteSettings, sched: Schedule, start: int) -> list[tuple[str, int]]:
    """The (daypart, week) pairs a class of ``route`` on ``sched`` starting in ``start`` holds."""
    return [(d, t) for t in range(start, min(problem.horizon_weeks, start + route.duration_weeks))
            for d in sorted(sched.dayparts)]


def first_day_starters(cand: Candidates, family: int, week: int) -> set[str]:
    """The learners who can be in a class of ``family`` starting in ``week`` from its first day
    (those a pin keeps elsewhere or on the waiting list not): the ones a locked class's minimum
    size counts."""
    out = set()
    for lid, options in cand.options.items():
        forced = cand.forced.get(lid, ...)
        for o in options if forced is ... else ([forced] if forced is not None else []):
            if o.family != family or o.running is not None:
                continue
            if (o.week == o.start == week) if o.start is not None else cand.avail[lid] <= week:
                out.add(lid)
                break
    return out


def _locked_short(problem: Problem, cand: Candidates) -> list[Message]:
    """Locked classes that cannot all get the learners they need on their first day (the
    route's minimum per class), each learner in one class: a flow from the learners to the
    locked (family, week) slots. Seen from outside: two locked classes wanting the same few
    learners passed every check, and the search returned a plan breaking the minimum size."""
    if not cand.locked_count:
        return []
    from ortools.graph.python import max_flow

    routes = problem.route_by_name
    demand = {ft: count * routes[cand.families[ft[0]].route].min_size for ft, count in cand.locked_count.items()}
    lids = sorted(cand.options)
    node = {lid: k for k, lid in enumerate(lids)}
    slots = sorted(demand)
    source, sink = len(lids) + len(slots), len(lids) + len(slots) + 1
    flow = max_flow.SimpleMaxFlow()
    for k in range(len(lids)):
        flow.add_arc_with_capacity(source, k, 1)
    for j, ft in enumerate(slots):
        flow.add_arc_with_capacity(len(lids) + j, sink, demand[ft])
        for lid in sorted(first_day_starters(cand, *ft)):
            flow.add_arc_with_capacity(node[lid], len(lids) + j, 1)
    need = sum(demand.values())
    if flow.solve(source, sink) != flow.OPTIMAL or flow.optimal_flow() >= need:
        return []
    labels = sorted(spec.label for spec in problem.known_classes if spec.locked)
    return [msg("diag_locked_short", labels=", ".join(labels), need=need, have=flow.optimal_flow())]


def no_teachers(problem: Problem) -> bool:
    """No teacher on any daypart: no new class can start (``diag_no_teachers``)."""
    return not any(n > 0 for n in problem.teachers.values())


def no_rooms(problem: Problem) -> bool:
    """No room at any location on any daypart: no new class can start (``diag_no_rooms``)."""
    return not any(n > 0 for loc in problem.locations for n in loc.rooms.values())


def no_new_class(problem: Problem) -> Message | None:
    """Why no new class can ever open (no teachers, or no rooms), or None: the diagnosis that
    makes a plan :attr:`~optimizer.plan.Plan.blocked`. Tells the doors (tradeoff, simulate)
    before they plan."""
    if no_teachers(problem):
        return msg("diag_no_teachers")
    if no_rooms(problem):
        return msg("diag_no_rooms")
    return None


def _pin_diagnosis(problem: Problem, cand: Candidates) -> list[Message]:
    out: list[Message] = []
    for lid, label in cand.pin_errors:
        why = why_not_fits(problem, problem.learner_by_id[lid], label)
        out.append(msg("diag_pin_incompatible", id=lid, label=label, why=why))
    pinned = Counter(lr.pin for lr in problem.learners if lr.pin and lr.pin != WAITLIST)
    for label, count in sorted(pinned.items()):
        cap = None
        if label in problem.known_by_label:
            cap = problem.route_by_name[problem.known_by_label[label].route].max_size
        elif label in problem.running_by_id:
            cap = problem.running_by_id[label].free_seats
        if cap is not None and count > cap:
            out.append(msg("diag_pin_cap", label=label, count=count, max=cap))
    return out

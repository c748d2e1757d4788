"""Candidate classes and the placement options of every learner.

A *slot* is a possible new class: (route, location, schedule, start week, level, language,
group). Learners of the same slot are interchangeable for the objective, so the model opens
an integer number of classes per slot (see ``model.py``) instead of numbered copies; the
solution is split into separate classes afterwards (``split.py``).

An *option* is one way to place one learner: into a slot or into a running class, with its
full cost. Every hard compatibility rule of PRODUCT.md "Meaning of the model" point 3 is
applied here, per learner, before any variable exists:

- same route; the schedule lies within the learner's available dayparts;
- travel within the learner's maximum, location not excluded, location open (a room) on
  every daypart of the schedule;
- the class level is within half the route's max spread of the learner's score;
- literacy or profile equal to the class group where the route separates on it;
- an instruction language the learner speaks where the route has instruction languages;
- the start week is allowed and not before the learner's ``beschikbaar vanaf``.

Pruning that provably loses nothing: a slot is dropped when fewer learners than the route's
minimum class size could ever join it (unless a pin or a locked class needs it), or when a
teacher or room is never free on one of its dayparts during the class's first horizon weeks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .domain import (
    SEPARATE_LITERACY,
    SEPARATE_PROFILE,
    WAITLIST,
    Learner,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
)


@dataclass(frozen=True, slots=True)
class Slot:
    """A possible new class."""

    route: str
    location: str
    schedule: str
    week: int
    level: int
    language: str | None
    group: str | None

    @property
    def key(self) -> tuple[str, str, str, int, int, str | None, str | None]:
        return (self.route, self.location, self.schedule, self.week, self.level, self.language, self.group)


@dataclass(frozen=True, slots=True)
class Option:
    """One way to place learner ``learner``: into ``slot`` (index) or running class ``running``."""

    learner: str
    slot: int | None
    running: str | None
    week: int
    cost: int
    terms: tuple[int, int, int, int, int, int]
    """(wait, misfit, travel, daypart, language, move) points of this placement."""


def class_group(route: RouteSettings, learner: Learner) -> str | None:
    """The value classes of this route are separated on, for this learner."""
    if route.separate == SEPARATE_LITERACY:
        return learner.literacy or "onbekend"
    if route.separate == SEPARATE_PROFILE:
        return learner.profile or "onbekend"
    return None


def class_languages(route: RouteSettings, learner: Learner) -> list[str | None]:
    """Instruction languages this learner can be taught in (``[None]`` if the route has none)."""
    if not route.languages:
        return [None]
    spoken = learner.spoken
    return [lang for lang in route.languages if lang in spoken]


def level_grid(route: RouteSettings, score: int, step: int) -> list[int]:
    """Class levels (multiples of ``step``) within half the max spread of ``score``."""
    half = route.max_spread / 2
    lo = max(0, score - half)
    hi = min(100, score + half)
    first = -(-int(lo) // step) * step
    if first < lo:
        first += step
    return [lv for lv in range(first, int(hi) + 1, step) if abs(score - lv) <= half]


def fits_running(problem: Problem, rc: RunningClass, learner: Learner) -> bool:
    """Hard rules for joining a running class (level within half the max spread of its level)."""
    route = problem.route_by_name[rc.route]
    sched = problem.schedule_by_name[rc.schedule]
    if learner.route != rc.route or not sched.dayparts <= learner.dayparts:
        return False
    if rc.location in learner.excluded_locations:
        return False
    minutes = problem.travel(learner.id, rc.location)
    if minutes is None or minutes > problem.max_travel_for(learner):
        return False
    if 2 * abs(learner.level - rc.level) > route.max_spread:
        return False
    if route.separate and (rc.group or "onbekend") != class_group(route, learner):
        return False
    if route.languages and rc.language not in learner.spoken:
        return False
    return problem.running_join_week(rc, learner) is not None


def resource_caps(problem: Problem) -> tuple[dict[tuple[str, int], int], dict[tuple[str, str, int], int]]:
    """Teachers per (daypart, week) and rooms per (location, daypart, week) left for new classes."""
    H = problem.horizon_weeks
    teachers: dict[tuple[str, int], int] = {}
    rooms: dict[tuple[str, str, int], int] = {}
    used_t: dict[tuple[str, int], int] = defaultdict(int)
    used_r: dict[tuple[str, str, int], int] = defaultdict(int)
    for rc in problem.running:
        sched = problem.schedule_by_name[rc.schedule]
        for t in range(problem.running_weeks(rc)):
            for d in sched.dayparts:
                used_t[d, t] += 1
                used_r[rc.location, d, t] += 1
    dayparts = set(problem.teachers) | {d for s in problem.schedules for d in s.dayparts}
    for d in dayparts:
        for t in range(H):
            teachers[d, t] = max(0, problem.teachers.get(d, 0) - used_t[d, t])
    for loc in problem.locations:
        for d in dayparts:
            for t in range(H):
                rooms[loc.name, d, t] = max(0, loc.rooms_at(d) - used_r[loc.name, d, t])
    return teachers, rooms


def option_terms(problem: Problem, learner: Learner, week: int, level: int, location: str,
                 schedule: Schedule, language: str | None, same_as_previous: bool) -> tuple[int, ...]:
    """Objective points (wait, misfit, travel, daypart, language, move) of one placement."""
    w = problem.weights
    minutes = problem.travel(learner.id, location) or 0
    nonpref = len(schedule.dayparts - learner.preferred_dayparts) if learner.preferred_dayparts else 0
    lang_miss = int(language is not None and learner.preferred_language is not None
                    and language != learner.preferred_language)
    moved = int(problem.previous.get(learner.id) is not None and not same_as_previous)
    return (
        w.wait * learner.priority * problem.wait_weeks(learner, week),
        w.misfit * abs(learner.level - level),
        w.travel * minutes,
        w.daypart * nonpref,
        w.language * lang_miss,
        w.move * moved,
    )


def waitlist_terms(problem: Problem, learner: Learner) -> tuple[int, ...]:
    """Objective points of leaving a learner on the waiting list."""
    w = problem.weights
    moved = int(problem.previous.get(learner.id) is not None)
    return (w.wait * learner.priority * problem.waitlist_weeks(learner), 0, 0, 0, 0, w.move * moved)


@dataclass
class Candidates:
    """Slots, options per learner, and what the model needs to know about them."""

    slots: list[Slot] = field(default_factory=list)
    slot_index: dict[tuple, int] = field(default_factory=dict)
    options: dict[str, list[Option]] = field(default_factory=dict)
    waitlist_cost: dict[str, int] = field(default_factory=dict)
    max_classes: list[int] = field(default_factory=list)
    """Upper bound on classes per slot (members, teachers and rooms)."""
    locked_count: dict[int, int] = field(default_factory=dict)
    """Slots that must open at least this many classes (locked classes)."""
    forced: dict[str, Option | None] = field(default_factory=dict)
    """Pinned learners: the one option they must take, or None for the waiting list."""
    pin_errors: list[tuple[str, str, str]] = field(default_factory=list)
    """(learner id, label, why) for pins that break a hard rule."""
    pruned_slots: int = 0
    raw_best: dict[str, tuple[int, tuple]] = field(default_factory=dict)
    """Per learner: the largest group that could ever share a slot with them, and that slot."""

    def slot_members(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for lid, opts in self.options.items():
            for o in opts:
                if o.slot is not None:
                    out[o.slot].append(lid)
        return out


def _slot_resources_ok(problem: Problem, route: RouteSettings, schedule: Schedule, location: str, week: int,
                       teachers: dict, rooms: dict) -> int:
    """How many classes of this slot resources allow at most (0 = never)."""
    H = problem.horizon_weeks
    cap = 10**6
    for t in range(week, min(H, week + route.duration_weeks)):
        for d in schedule.dayparts:
            cap = min(cap, teachers.get((d, t), 0), rooms.get((location, d, t), 0))
    return cap


def _previous_key(problem: Problem, learner: Learner) -> tuple | str | None:
    label = problem.previous.get(learner.id)
    if label is None:
        return None
    if label in problem.running_by_id:
        return label
    spec = problem.known_by_label.get(label)
    return spec.key if spec else None


def build_candidates(problem: Problem) -> Candidates:
    """All slots and options after the hard rules and lossless pruning."""
    cand = Candidates()
    teachers, rooms = resource_caps(problem)
    step = problem.level_step
    raw: dict[tuple, list[tuple[str, tuple[int, ...], int]]] = defaultdict(list)
    raw_running: dict[str, list[Option]] = defaultdict(list)
    slot_cap: dict[tuple, int] = {}
    by_route: dict[str, list[Learner]] = defaultdict(list)
    for lr in problem.learners:
        by_route[lr.route].append(lr)
        wt = waitlist_terms(problem, lr)
        cand.waitlist_cost[lr.id] = sum(wt)
        cand.options[lr.id] = []

    locations = problem.locations
    for route in problem.routes:
        learners = by_route.get(route.route, [])
        if not learners:
            continue
        weeks_allowed = problem.route_start_weeks(route)
        scheds = [s for s in problem.allowed_schedules(route)]
        open_at = {
            (loc.name, s.name): all(loc.rooms_at(d) > 0 for d in s.dayparts) for loc in locations for s in scheds
        }
        for lr in learners:
            prev = _previous_key(problem, lr)
            avail = problem.available_week(lr)
            my_weeks = [w for w in weeks_allowed if w >= avail]
            my_scheds = [s for s in scheds if s.dayparts <= lr.dayparts]
            limit = problem.max_travel_for(lr)
            my_locs = []
            for loc in locations:
                minutes = problem.travel(lr.id, loc.name)
                if loc.name in lr.excluded_locations or minutes is None or minutes > limit:
                    continue
                my_locs.append(loc.name)
            levels = level_grid(route, lr.level, step)
            group = class_group(route, lr)
            for lang in class_languages(route, lr):
                for s in my_scheds:
                    for loc_name in my_locs:
                        if not open_at[loc_name, s.name]:
                            continue
                        for wk in my_weeks:
                            ckey = (route.route, loc_name, s.name, wk)
                            if ckey not in slot_cap:
                                slot_cap[ckey] = _slot_resources_ok(problem, route, s, loc_name, wk, teachers, rooms)
                            if slot_cap[ckey] <= 0:
                                continue
                            for lv in levels:
                                key = (route.route, loc_name, s.name, wk, lv, lang, group)
                                terms = option_terms(problem, lr, wk, lv, loc_name, s, lang, prev == key)
                                raw[key].append((lr.id, terms, wk))
        for rc in problem.running:
            if rc.route != route.route or rc.free_seats <= 0:
                continue
            for lr in learners:
                if fits_running(problem, rc, lr):
                    wk = problem.running_join_week(rc, lr)
                    assert wk is not None
                    terms = option_terms(problem, lr, wk, rc.level, rc.location,
                                         problem.schedule_by_name[rc.schedule], rc.language,
                                         _previous_key(problem, lr) == rc.id)
                    raw_running[lr.id].append(Option(lr.id, None, rc.id, wk, sum(terms), terms))

    # Slots needed by locked classes and pins survive pruning.
    needed: dict[tuple, int] = defaultdict(int)
    for spec in problem.known_classes:
        if spec.locked:
            needed[spec.key] += 1
    pinned_keys = set()
    for lr in problem.learners:
        if lr.pin and lr.pin in problem.known_by_label:
            pinned_keys.add(problem.known_by_label[lr.pin].key)

    routes = problem.route_by_name
    for key in sorted(raw, key=lambda k: (k[3], k[0], k[1], k[2], k[4], str(k[5]), str(k[6]))):
        members = raw[key]
        route = routes[key[0]]
        for lid, _, _ in members:
            if len(members) > cand.raw_best.get(lid, (0, ()))[0]:
                cand.raw_best[lid] = (len(members), key)
        if len(members) < route.min_size and key not in needed and key not in pinned_keys:
            cand.pruned_slots += 1
            continue
        idx = len(cand.slots)
        slot = Slot(*key)
        cand.slots.append(slot)
        cand.slot_index[key] = idx
        cap_members = len(members) // route.min_size if route.min_size else len(members)
        cand.max_classes.append(max(needed.get(key, 0), min(slot_cap[key[:4]], max(1, cap_members))))
        if key in needed:
            cand.locked_count[idx] = needed[key]
        for lid, terms, wk in members:
            cand.options[lid].append(Option(lid, idx, None, wk, sum(terms), terms))
    for lid, opts in raw_running.items():
        cand.options[lid].extend(opts)

    _apply_pins(problem, cand)
    return cand


def _apply_pins(problem: Problem, cand: Candidates) -> None:
    from .explain import why_not_fits  # local import: explain depends on this module

    for lr in problem.learners:
        if lr.pin is None:
            continue
        if lr.pin == WAITLIST:
            cand.forced[lr.id] = None
            continue
        match: Option | None = None
        if lr.pin in problem.running_by_id:
            match = next((o for o in cand.options[lr.id] if o.running == lr.pin), None)
        elif lr.pin in problem.known_by_label:
            spec = problem.known_by_label[lr.pin]
            idx = cand.slot_index.get(spec.key)
            match = next((o for o in cand.options[lr.id] if idx is not None and o.slot == idx), None)
        if match is None:
            cand.pin_errors.append((lr.id, lr.pin, why_not_fits(problem, lr, lr.pin)))
        else:
            cand.forced[lr.id] = match

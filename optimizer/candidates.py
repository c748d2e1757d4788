"""Candidate classes ("families" x weeks) and the placement options of every learner.

A *family* is a possible kind of new class: (route, location, schedule, level, language,
group). A class of a family starts in one of the family's *weeks*. Most learners get one
option per family they fit; the model then decides how many of them start in which week
through a small flow per family (see ``model.py``), instead of one option per week: that
is exact (Hall's theorem on nested availability windows) and makes the model ~10x smaller.

Learners whose constraints need the exact week in the model get *week options*, one per
(family, week): household members ("samen"), "niet met" pairs, learners pinned to a known
class, and learners whose earlier-plan class is a new class (its move penalty depends on
the week). Joining a running class is an option with a fixed week.

Every hard compatibility rule of PRODUCT.md "Meaning of the model" point 3 is applied here,
per learner, before any variable exists:

- same route; the schedule lies within the learner's available dayparts;
- travel within the learner's maximum, location not excluded, location open (a room) on
  every daypart of the schedule;
- the class level is within half the route's max spread of the learner's score;
- literacy or profile equal to the class group where the route separates on it;
- an instruction language the learner speaks where the route has instruction languages;
- the start week is allowed and not before the learner is available.

Pruning that provably loses nothing: a family week is dropped when fewer learners than the
route's minimum class size are available for it by then (unless a pin or a locked class
needs it), or when a teacher or room is never free on one of its dayparts then.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from .domain import (
    SEPARATE_LITERACY,
    SEPARATE_PROFILE,
    WAITLIST,
    ClassSpec,
    Learner,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
)

Key = tuple[str, str, str, int, int, str | None, str | None]
"""A class key: (route, location, schedule, week, level, language, group)."""


@dataclass(frozen=True, slots=True)
class Family:
    """A possible kind of new class; its classes start in the family's weeks."""

    route: str
    location: str
    schedule: str
    level: int
    language: str | None
    group: str | None

    def key(self, week: int) -> Key:
        return (self.route, self.location, self.schedule, week, self.level, self.language, self.group)


@dataclass(frozen=True, slots=True)
class Option:
    """One way to place a learner: a family (weeks left to the model), a family class with a
    fixed start (``start``) entered in a fixed week (``week``: the start, or later for a
    learner who joins after the start), or a running class (fixed join week)."""

    learner: str
    family: int | None
    week: int | None
    """Entry week; None for a family option: the model chooses it."""
    running: str | None
    static: tuple[int, int, int, int, int]
    """(misfit, travel, daypart, language, move) points; waiting is added per week."""
    start: int | None = None
    """Start week of the class, for a family class with a fixed start."""
    # Derived once (read in every search step's sub-model; as properties they were a tenth
    # of its set-up), and left out of equality, hashing and repr.
    static_cost: int = field(init=False, compare=False, repr=False)
    """The static points together."""
    slot: tuple[int, int] | None = field(init=False, compare=False, repr=False)
    """(family, start week) of a fixed-start option."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "static_cost", sum(self.static))
        object.__setattr__(self, "slot", None if self.family is None or self.start is None else (self.family, self.start))


@dataclass(frozen=True, slots=True)
class Placement:
    """A chosen option with its weeks resolved: ``week`` the learner starts (enters),
    ``start`` the week their class started (equal unless they join after the start)."""

    option: Option
    week: int
    start: int | None = None

    @property
    def class_start(self) -> int:
        return self.week if self.start is None else self.start


Placements = dict[str, Placement | None]
"""Every learner's placement (None: on the waiting list)."""
Counts = dict[tuple[int, int], int]
"""Per (family, start week): how many new classes start."""


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
    """Class levels (multiples of ``step``, 0..100) within half the max spread of ``score``."""
    half = route.max_spread / 2
    first = -(-max(0, int(score - half)) // step) * step
    return [lv for lv in range(first, 101, step) if abs(score - lv) <= half]


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
    used_t: dict[tuple[str, int], int] = defaultdict(int)
    used_r: dict[tuple[str, str, int], int] = defaultdict(int)
    for rc in problem.running:
        sched = problem.schedule_by_name[rc.schedule]
        for t in range(problem.running_weeks(rc)):
            for d in sched.dayparts:
                used_t[d, t] += 1
                used_r[rc.location, d, t] += 1
    dayparts = set(problem.teachers) | {d for s in problem.schedules for d in s.dayparts}
    teachers = {(d, t): max(0, problem.teachers.get(d, 0) - used_t[d, t]) for d in dayparts for t in range(H)}
    rooms = {
        (loc.name, d, t): max(0, loc.rooms_at(d) - used_r[loc.name, d, t])
        for loc in problem.locations for d in dayparts for t in range(H)
    }
    return teachers, rooms


def class_occupancy(problem: Problem, family: Family, start: int) -> tuple[tuple[str, int], ...]:
    """The (daypart, week) pairs a new class of ``family`` starting in ``start`` holds a teacher
    and a room of its location: every week of its duration within the horizon.

    Sorted dayparts (a schedule's are a set of strings, whose order changes with Python's hash
    seed): the model's constraints come in the same order in every run, so a deterministic
    solve gives the same plan every time."""
    dur = problem.route_by_name[family.route].duration_weeks
    return _occupancy(problem.schedule_by_name[family.schedule].dayparts, start,
                      min(problem.horizon_weeks, start + dur))


@functools.lru_cache(maxsize=1 << 16)
def _occupancy(dayparts: frozenset[str], start: int, end: int) -> tuple[tuple[str, int], ...]:
    """:func:`class_occupancy` of a class meeting in these dayparts in weeks start .. end-1,
    computed once (every search step's sub-model reads it for every class kind)."""
    return tuple((d, t) for t in range(start, end) for d in sorted(dayparts))


def static_terms(problem: Problem, learner: Learner, level: int, location: str, schedule: Schedule,
                 language: str | None, moved: bool) -> tuple[int, int, int, int, int]:
    """Week-independent objective points (misfit, travel, daypart, language, move) of a placement."""
    w = problem.weights
    minutes = problem.travel(learner.id, location) or 0
    nonpref = len(schedule.dayparts - learner.preferred_dayparts) if learner.preferred_dayparts else 0
    lang_miss = int(language is not None and learner.preferred_language is not None
                    and language != learner.preferred_language)
    return (
        w.misfit * abs(learner.level - level),
        w.travel * minutes,
        w.daypart * nonpref,
        w.language * lang_miss,
        w.move * int(moved),
    )


def waitlist_terms(problem: Problem, learner: Learner) -> tuple[int, ...]:
    """Objective points (wait, misfit, travel, daypart, language, move) of staying on the waiting list."""
    w = problem.weights
    moved = int(problem.previous.get(learner.id) is not None)
    return (w.wait * learner.priority * problem.waitlist_weeks(learner), 0, 0, 0, 0, w.move * moved)


def _slot_capacity(problem: Problem, route: RouteSettings, schedule: Schedule, location: str, week: int,
                   teachers: dict, rooms: dict) -> int:
    """How many classes of this kind resources allow at most when starting in ``week``."""
    cap = 10**6
    for t in range(week, min(problem.horizon_weeks, week + route.duration_weeks)):
        for d in schedule.dayparts:
            cap = min(cap, teachers.get((d, t), 0), rooms.get((location, d, t), 0))
    return cap


def _previous_key(problem: Problem, learner: Learner) -> Key | str | None:
    label = problem.previous.get(learner.id)
    if label is None:
        return None
    if label in problem.running_by_id:
        return label
    spec = problem.known_by_label.get(label)
    return spec.key if spec else None


@dataclass
class Candidates:
    """Families, their weeks, options per learner, and what the model needs to know."""

    families: list[Family] = field(default_factory=list)
    family_index: dict[Family, int] = field(default_factory=dict)
    weeks: list[list[int]] = field(default_factory=list)
    """Per family: weeks in which classes may start (sorted)."""
    max_classes: dict[tuple[int, int], int] = field(default_factory=dict)
    """Upper bound on classes per (family, week)."""
    options: dict[str, list[Option]] = field(default_factory=dict)
    waitlist_cost: dict[str, int] = field(default_factory=dict)
    avail: dict[str, int] = field(default_factory=dict)
    """Per learner: first week they can start."""
    wait_rate: dict[str, int] = field(default_factory=dict)
    """Per learner: points per week of waiting (weight x priority)."""
    since: dict[str, int] = field(default_factory=dict)
    """Per learner: the week their wait began."""
    locked_count: dict[tuple[int, int], int] = field(default_factory=dict)
    forced: dict[str, Option | None] = field(default_factory=dict)
    """Pinned learners: the one option they must take, or None for the waiting list."""
    pin_errors: list[tuple[str, str]] = field(default_factory=list)
    """Pinned learners whose pin no option meets: (learner id, class label); the reason is
    :func:`optimizer.explain.why_not_fits`."""
    raw_best: dict[str, tuple[int, Key | tuple]] = field(default_factory=dict)
    """Per learner: the largest group that could ever share a class with them, and its key."""
    pruned: int = 0
    oversized: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Households larger than their route's maximum class size (:func:`oversized_households`):
    their members have no options."""
    reserved_teachers: dict[tuple[str, int], int] = field(default_factory=dict)
    """Teachers per (daypart, week) already used by classes outside a sub-model (search)."""
    reserved_rooms: dict[tuple[str, str, int], int] = field(default_factory=dict)
    reserved_seats: dict[str, int] = field(default_factory=dict)
    """Running-class seats already taken by learners outside a sub-model (search)."""
    home: dict[str, Option] = field(default_factory=dict)
    """Per learner with an earlier-plan (known) class and family options: the exact option for
    that class, without the move penalty."""
    wait_budget: int | None = None
    """Hard cap on the waiting weeks of this set's learners together (``SolveOptions.max_wait_mean``;
    in a sub-model: what the learners outside it leave)."""
    misfit_cap: int | None = None
    """Hard cap on the placed learners' mean misfit, in hundredths of a level point
    (``SolveOptions.max_misfit_mean``): every placed learner adds ``misfit_excess`` points, which
    together stay within ``misfit_room``."""
    misfit_room: int = 0
    """0 for the whole plan; in a sub-model what the learners outside it leave (or need)."""
    min_placed: int | None = None
    """Hard floor on the number of this set's learners placed in a class (``SolveOptions.min_placed``;
    in a sub-model: what the learners outside it leave to place)."""

    def misfit_excess(self, problem: Problem, option: Option) -> int:
        """100 x the option's misfit (level points between learner and class) minus the cap."""
        lr = problem.learner_by_id[option.learner]
        level = (problem.running_by_id[option.running].level if option.running is not None
                 else self.families[option.family].level)  # type: ignore[index]
        return 100 * abs(lr.level - level) - (self.misfit_cap or 0)

    def wait_points(self, learner_id: str, week: int) -> int:
        return self.wait_rate[learner_id] * (week - self.since[learner_id])

    def cost(self, option: Option, week: int) -> int:
        return option.static_cost + self.wait_points(option.learner, week)

    def key(self, family: int, week: int) -> Key:
        return self.families[family].key(week)

    late_join: int = 0
    """Weeks after its start a new class still takes newcomers."""
    horizon: int = 0

    caps: tuple[dict[tuple[str, int], int], dict[tuple[str, str, int], int]] | None = None
    """:func:`resource_caps` of the problem (computed once)."""
    _entry: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def entry_weeks(self, family: int) -> list[int]:
        """Weeks in which learners can enter classes of ``family`` (start or join later)."""
        out = self._entry.get(family)
        if out is None:
            out = self._entry[family] = sorted(
                {t for s in self.weeks[family] for t in range(s, s + self.late_join + 1) if t < self.horizon})
        return out

    def option_weeks(self, option: Option) -> list[int]:
        """Weeks this option can start in."""
        if option.week is not None:
            return [option.week]
        a = self.avail[option.learner]
        return [t for t in self.entry_weeks(option.family) if t >= a]  # type: ignore[arg-type]

    def best_week_cost(self, option: Option) -> int:
        weeks = self.option_weeks(option)
        return self.cost(option, weeks[0]) if weeks else 10**12

    def cheapest(self, lid: str) -> int:
        """The least this learner can cost in any plan: their cheapest option or the waiting list
        (the trivial bound is the sum over learners)."""
        return min([self.waitlist_cost[lid], *(self.best_week_cost(o) for o in self.options[lid])])

    def option_count(self) -> int:
        return sum(len(v) for v in self.options.values())


def oversized_households(problem: Problem) -> dict[str, tuple[int, int]]:
    """Households ("samen" ids) with more members than their route's maximum class size, with
    (members, maximum): they can never share a class, so they wait (no options at all)."""
    size: dict[str, int] = defaultdict(int)
    cap: dict[str, int] = {}
    for lr in problem.learners:
        if lr.together:
            size[lr.together] += 1
            route = problem.route_by_name.get(lr.route)
            if route is not None:
                cap[lr.together] = min(cap.get(lr.together, route.max_size), route.max_size)
    return {g: (n, cap[g]) for g, n in size.items() if g in cap and n > cap[g]}


def needs_week_options(problem: Problem, learner: Learner, partners: set[str]) -> bool:
    """Learners whose constraints depend on the exact class, week included: households, both
    sides of a "niet met" pair, pins to a known class.

    A learner with an earlier-plan class needs only one exact option: that class, without the
    move penalty (:attr:`Candidates.home`); their family options all carry the penalty. A family
    option that lands in the earlier class costs the penalty for nothing, so it is never better
    than the exact one (the minimum is the same), and :func:`prefer_home` swaps it back before
    a plan is reported.
    """
    if learner.together or learner.not_with or learner.id in partners:
        return True
    return bool(learner.pin and learner.pin in problem.known_by_label)


def build_candidates(problem: Problem) -> Candidates:
    """All families, weeks and options after the hard rules and lossless pruning."""
    cand = Candidates(late_join=max(0, problem.late_join_weeks), horizon=problem.horizon_weeks)
    J = cand.late_join
    H = problem.horizon_weeks
    teachers, rooms = cand.caps = resource_caps(problem)
    step = problem.level_step
    partners: set[str] = set()
    for lr in problem.learners:
        partners |= lr.not_with
    oversized = cand.oversized = oversized_households(problem)
    by_route: dict[str, list[Learner]] = defaultdict(list)
    for lr in problem.learners:
        by_route[lr.route].append(lr)
        cand.waitlist_cost[lr.id] = sum(waitlist_terms(problem, lr))
        cand.options[lr.id] = []
        cand.avail[lr.id] = problem.available_week(lr)
        cand.wait_rate[lr.id] = problem.weights.wait * lr.priority
        cand.since[lr.id] = problem.waiting_since_week(lr)

    # Families that locked classes and pins need survive pruning.
    needed: dict[Key, int] = defaultdict(int)
    for spec in problem.known_classes:
        if spec.locked:
            needed[spec.key] += 1
    for lr in problem.learners:
        if lr.pin and lr.pin in problem.known_by_label:
            needed.setdefault(problem.known_by_label[lr.pin].key, 0)

    raw: dict[Family, list[tuple[Learner, tuple[int, ...], bool]]] = defaultdict(list)
    cap_cache: dict[tuple[str, str, str, int], int] = {}
    for route in problem.routes:
        learners = by_route.get(route.route, [])
        if not learners:
            continue
        weeks_allowed = problem.route_start_weeks(route)
        scheds = list(problem.allowed_schedules(route))
        open_at = {(loc.name, s.name) for loc in problem.locations for s in scheds
                   if all(loc.rooms_at(d) > 0 for d in s.dayparts)}
        usable = {(loc, s): [w for w in weeks_allowed if _cap(cap_cache, problem, route, s, loc, w, teachers, rooms) > 0]
                  for (loc, sname) in open_at for s in scheds if s.name == sname}
        for lr in learners:
            if lr.pin in problem.running_by_id:
                continue  # pinned to a running class: its option alone (below)
            pinned = problem.known_by_label.get(lr.pin) if lr.pin else None
            prev = _previous_key(problem, lr)
            my_scheds = [s for s in scheds if s.dayparts <= lr.dayparts]
            limit = problem.max_travel_for(lr)
            my_locs = [
                loc.name for loc in problem.locations
                if loc.name not in lr.excluded_locations
                and (m := problem.travel(lr.id, loc.name)) is not None and m <= limit
            ]
            levels = level_grid(route, lr.level, step)
            group = class_group(route, lr)
            for lang in class_languages(route, lr):
                for s in my_scheds:
                    for loc_name in my_locs:
                        if not usable.get((loc_name, s)):
                            continue
                        for lv in levels:
                            fam = Family(route.route, loc_name, s.name, lv, lang, group)
                            if pinned is not None and fam != _family_of(pinned):
                                continue  # pinned to a known class: its family alone
                            moved_base = prev is not None
                            raw[fam].append((lr, static_terms(problem, lr, lv, loc_name, s, lang, False), moved_base))

    routes = problem.route_by_name
    for fam in sorted(raw, key=lambda f: (f.route, f.location, f.schedule, f.level, str(f.language), str(f.group))):
        members = raw[fam]
        route = routes[fam.route]
        sched = problem.schedule_by_name[fam.schedule]
        avail_sorted = sorted(cand.avail[lr.id] for lr, _, _ in members)
        weeks = []
        last_usable = -1
        for w in problem.route_start_weeks(route):
            cap = _cap(cap_cache, problem, route, sched, fam.location, w, teachers, rooms)
            key = fam.key(w)
            if cap > 0 or key in needed:
                last_usable = w
            if key in needed or (cap > 0 and _count_le(avail_sorted, w) >= route.min_size):
                weeks.append(w)
            else:
                cand.pruned += 1
        if last_usable >= 0:  # for waiting reasons: the largest group each learner could join
            count = _count_le(avail_sorted, last_usable)
            key = fam.key(last_usable)
            for lr, _, _ in members:
                if cand.avail[lr.id] <= last_usable and count > cand.raw_best.get(lr.id, (0, ()))[0]:
                    cand.raw_best[lr.id] = (count, key)
        if not weeks:
            continue
        idx = len(cand.families)
        cand.families.append(fam)
        cand.family_index[fam] = idx
        cand.weeks.append(weeks)
        for w in weeks:
            cap = _cap(cap_cache, problem, route, sched, fam.location, w, teachers, rooms)
            count = _count_le(avail_sorted, w)
            k = fam.key(w)
            cand.max_classes[idx, w] = max(needed.get(k, 0), min(cap, max(1, count // route.min_size)))
            if needed.get(k):
                cand.locked_count[idx, w] = needed[k]
        for lr, terms, moved_base in members:
            a = cand.avail[lr.id]
            if a >= H or not any(w >= a - J for w in weeks) or lr.together in oversized:
                continue
            if needs_week_options(problem, lr, partners):
                prev = _previous_key(problem, lr)
                pinned = problem.known_by_label.get(lr.pin) if lr.pin else None
                for w in weeks:
                    if pinned is not None and w != pinned.start_week:
                        continue  # pinned to a known class: its week alone
                    if w >= a - J:  # start with the class, or join it after its start
                        moved = prev is not None and prev != fam.key(w)
                        cand.options[lr.id].append(
                            Option(lr.id, idx, max(w, a), None, _with_move(problem, terms, moved), start=w))
            else:
                prev = _previous_key(problem, lr) if moved_base else None
                if isinstance(prev, tuple) and prev[3] in weeks and fam.key(prev[3]) == prev and prev[3] >= a - J:
                    home = Option(lr.id, idx, max(prev[3], a), None, _with_move(problem, terms, False), start=prev[3])
                    cand.options[lr.id].append(home)
                    cand.home[lr.id] = home
                cand.options[lr.id].append(Option(lr.id, idx, None, None, _with_move(problem, terms, moved_base)))

    for rc in problem.running:
        if rc.free_seats <= 0:
            continue
        for lr in by_route.get(rc.route, []):
            if lr.pin and lr.pin != rc.id and lr.pin != WAITLIST:
                continue  # pinned to another class: that class's option alone
            if lr.together not in oversized and fits_running(problem, rc, lr):
                wk = problem.running_join_week(rc, lr)
                assert wk is not None
                moved = _previous_key(problem, lr) not in (None, rc.id)
                terms = static_terms(problem, lr, rc.level, rc.location, problem.schedule_by_name[rc.schedule],
                                     rc.language, moved)
                cand.options[lr.id].append(Option(lr.id, None, wk, rc.id, terms))
    _apply_pins(problem, cand)
    return cand


def _family_of(spec: ClassSpec) -> Family:
    """The family of a known class (its form without the start week)."""
    return Family(spec.route, spec.location, spec.schedule, spec.level, spec.language, spec.group)


def prefer_home(cand: Candidates, placements: dict[str, Placement | None]) -> dict[str, Placement | None]:
    """Placements with every family option that lands in the learner's earlier-plan class
    replaced by the exact option for it (same class, no move penalty, entry as early as it
    can be). Never raises a cost; the class counts stay as they are."""
    out = placements
    for lid, home in cand.home.items():
        pl = placements.get(lid)
        if pl is None or pl.option is home or pl.option.week is not None or pl.option.family != home.family:
            continue
        if pl.class_start != home.start:
            continue
        if out is placements:
            out = dict(placements)
        out[lid] = Placement(home, home.week, home.start)  # type: ignore[arg-type]
    return out


def placement_objective(problem: Problem, cand: Candidates, placements: Placements, counts: Counts) -> int:
    """Objective of a complete set of placements (the value the model computes)."""
    total = 0
    for lid, pl in placements.items():
        total += cand.waitlist_cost[lid] if pl is None else cand.cost(pl.option, pl.week)
    return total + problem.weights.new_class * sum(counts.values())


def misfit_excess(problem: Problem, cand: Candidates, placements: Placements) -> int:
    """What placed learners add towards the misfit cap (``Candidates.misfit_excess``)."""
    return sum(cand.misfit_excess(problem, pl.option) for pl in placements.values() if pl is not None)


def earliest_entries(cand: Candidates, placements: dict[str, Placement | None]) -> dict[str, Placement | None]:
    """Placements in which every learner in a new class enters in their first possible week:
    the class's start, or their first available week when that is later (README: learners who
    become available within ``instroom na start weken`` after the start may join it then;
    everybody else starts on the first day).

    A solution the solver has not proven optimal (or one with a waiting weight of 0, where the
    weeks tie) may let a learner who could start on the first day join a week or more later:
    their flow entered in a later week. Moving them forward never breaks a rule (the first
    day only gains starters, every other count stays) and never raises the objective."""
    out = placements
    for lid, pl in placements.items():
        if pl is None or pl.option.family is None or pl.option.week is not None:
            continue  # running classes and fixed-start options carry their exact week
        week = max(pl.class_start, cand.avail[lid])
        if week != pl.week:
            if out is placements:
                out = dict(placements)
            out[lid] = Placement(pl.option, week, pl.class_start)
    return out


def _with_move(problem: Problem, terms: tuple[int, ...], moved: bool) -> tuple[int, int, int, int, int]:
    return (terms[0], terms[1], terms[2], terms[3], problem.weights.move * int(moved))


def _count_le(sorted_values: list[int], x: int) -> int:
    from bisect import bisect_right

    return bisect_right(sorted_values, x)


def _cap(cache: dict, problem: Problem, route: RouteSettings, sched: Schedule, loc: str, week: int,
         teachers: dict, rooms: dict) -> int:
    key = (route.route, loc, sched.name, week)
    if key not in cache:
        cache[key] = _slot_capacity(problem, route, sched, loc, week, teachers, rooms)
    return cache[key]


def _apply_pins(problem: Problem, cand: Candidates) -> None:
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
            for o in cand.options[lr.id]:
                if o.slot is not None and cand.key(*o.slot) == spec.key:
                    match = o
                    break
        if match is None:
            cand.pin_errors.append((lr.id, lr.pin))
        else:
            cand.forced[lr.id] = match

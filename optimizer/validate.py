"""Independent plan validator: re-checks every hard rule and recomputes the objective.

It uses only the problem's raw data and the plan; nothing from the model, the candidate
generator or the solver. Week arithmetic is redone from dates here on purpose (a class
starting in week t starts on ``plan_date + 7t``; a learner may start on or after
``beschikbaar vanaf``), so a mistake in the model's own week bookkeeping shows up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .domain import SEPARATE_LITERACY, SEPARATE_PROFILE, WAITLIST, Learner, Problem
from .plan import Plan, PlannedClass
from .rules import TERM_KEYS
from .rules import rule as catalogue_rule


@dataclass(frozen=True)
class Violation:
    """One broken rule: its key in the catalogue (:mod:`optimizer.rules`), an English sentence,
    and what it is about.

    Callers that explain violations (the GUI's rule notes) switch on ``rule`` and read ``data``;
    nobody parses ``text``. Rules about one member of one class (``rule`` starting with
    ``member_``) have ``learner``, ``class_id`` and ``data["detail"]``, the sentence after
    "learner X in C: ".
    """

    rule: str
    text: str
    learner: str | None = None
    class_id: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text


@dataclass
class Report:
    """What the validator found: violations (empty = valid) and the recomputed objective."""

    violations: list[Violation] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> int:
        return sum(self.terms.values())

    def __str__(self) -> str:
        if self.ok:
            return f"valid; objective {self.objective}"
        return "\n".join(v.text for v in self.violations)

    def add(self, rule: str, text: str, *, learner: str | None = None, class_id: str | None = None,
            **data: Any) -> None:
        catalogue_rule(rule)  # every key is one of the catalogue's
        self.violations.append(Violation(rule, text, learner, class_id, data))


def _weeks_between(problem: Problem, day_from, week: int) -> int:
    """Whole weeks from the week containing ``day_from`` to week ``week``."""
    return week - (day_from - problem.plan_date).days // 7


def _group_value(route_sep: str, lr: Learner) -> str:
    if route_sep == SEPARATE_LITERACY:
        return lr.literacy or "onbekend"
    if route_sep == SEPARATE_PROFILE:
        return lr.profile or "onbekend"
    return ""


def validate(problem: Problem, plan: Plan) -> Report:
    """Check ``plan`` against every hard rule of ``problem``; recompute its objective."""
    rep = Report()
    bad = rep.add
    p = problem
    w = p.weights
    learners = {lr.id: lr for lr in p.learners}
    routes = {r.route: r for r in p.routes}
    locs = {loc.name: loc for loc in p.locations}
    scheds = {s.name: s for s in p.schedules}
    running = {rc.id: rc for rc in p.running}
    H = p.horizon_weeks

    # --- every learner exactly once --------------------------------------------------------
    if set(plan.assignments) != set(learners):
        missing = set(learners) - set(plan.assignments)
        extra = set(plan.assignments) - set(learners)
        if missing:
            bad("unassigned", f"learners without an assignment: {sorted(missing)[:10]}")
        if extra:
            bad("unknown_learner", f"assignments for unknown learners: {sorted(extra)[:10]}")
    ids = Counter(c.id for c in plan.classes)
    for dup, n in ids.items():
        if n > 1:
            bad("duplicate_class", f"class id {dup} used {n} times", class_id=dup)
    member_of: dict[str, str] = {}
    for c in plan.classes:
        for m in c.members:
            if m in member_of:
                bad("one_place", f"learner {m} is in classes {member_of[m]} and {c.id}", learner=m)
            member_of[m] = c.id
    for lid, asg in plan.assignments.items():
        if asg.class_id is None:
            if lid in member_of:
                bad("membership", f"learner {lid} waits but is a member of {member_of[lid]}", learner=lid)
        elif member_of.get(lid) != asg.class_id:
            bad("membership", f"learner {lid} assigned to {asg.class_id} but listed in {member_of.get(lid)}",
                learner=lid)

    # --- classes ------------------------------------------------------------------------------
    by_id = {c.id: c for c in plan.classes}
    for c in plan.classes:
        if c.running:
            _check_running_class(p, c, running, bad)
        else:
            _check_new_class(p, c, routes, locs, scheds, bad, plan)
        for m in c.members:
            lr = learners.get(m)
            if lr is not None:
                _check_member(p, c, lr, routes, locs, scheds, running, plan, bad)

    # --- pairs, pins, locks -------------------------------------------------------------------
    groups: dict[str, set[str | None]] = defaultdict(set)
    for lr in p.learners:
        a = plan.assignments.get(lr.id)
        cid = a.class_id if a else None
        if lr.together:
            groups[lr.together].add(cid)
        for other in lr.not_with:
            b = plan.assignments.get(other)
            if cid is not None and b is not None and b.class_id == cid:
                bad("not_with", f"learners {lr.id} and {other} must not share class {cid}", learner=lr.id, class_id=cid,
                    other=other)
        if lr.pin == WAITLIST and cid is not None:
            bad("pin", f"learner {lr.id} is pinned to the waiting list but placed in {cid}", learner=lr.id,
                class_id=cid, pin=None)
        elif lr.pin not in (None, WAITLIST) and cid != lr.pin:
            bad("pin", f"learner {lr.id} is pinned to {lr.pin} but placed in {cid}", learner=lr.id, class_id=cid,
                pin=lr.pin)
        elif (lr.pin in p.known_by_label and cid is not None and (pc := by_id.get(cid)) is not None
              and not pc.running and (pc.route, pc.location, pc.schedule, pc.start_week, pc.level, pc.language,
                                      pc.group) != p.known_by_label[lr.pin].key):
            # a pin to a known class is a pin to its form, not only to its label
            bad("pin", f"learner {lr.id} is pinned to {lr.pin}, but {cid} is not opened as that class", learner=lr.id,
                class_id=cid, pin=lr.pin)
    for gid, cids in groups.items():
        if len(cids) > 1:
            bad("together", f"together group {gid} is split over {sorted(map(str, cids))}", group=gid,
                classes=sorted(cids, key=str))
    for spec in p.known_classes:
        if spec.locked:
            known = by_id.get(spec.label)
            if known is None or known.running or (
                    known.route, known.location, known.schedule, known.start_week, known.level) != (
                    spec.route, spec.location, spec.schedule, spec.start_week, spec.level):
                bad("locked_class", f"locked class {spec.label} is missing or changed", class_id=spec.label)

    # --- resources ------------------------------------------------------------------------------
    t_use: Counter[tuple[str, int]] = Counter()
    r_use: Counter[tuple[str, str, int]] = Counter()
    t_run: Counter[tuple[str, int]] = Counter()
    r_run: Counter[tuple[str, str, int]] = Counter()
    for rc in p.running:
        for t in range(H):
            if rc.end_date > p.plan_date + timedelta(days=7 * t) and rc.schedule in scheds:
                for d in scheds[rc.schedule].dayparts:
                    t_run[d, t] += 1
                    r_run[rc.location, d, t] += 1
    for c in plan.classes:
        if c.running or c.route not in routes or c.schedule not in scheds:
            continue
        dur = routes[c.route].duration_weeks
        for t in range(c.start_week, min(H, c.start_week + dur)):
            for d in scheds[c.schedule].dayparts:
                t_use[d, t] += 1
                r_use[c.location, d, t] += 1
    for (d, t), n in t_use.items():
        cap = max(0, p.teachers.get(d, 0) - t_run[d, t])
        if n > cap:
            bad("teachers", f"week {t}, {d}: {n} new classes need a teacher, {cap} free",
                week=t, daypart=d, need=n, free=cap)
    for (loc, d, t), n in r_use.items():
        rooms = locs[loc].rooms.get(d, 0) if loc in locs else 0
        cap = max(0, rooms - r_run[loc, d, t])
        if n > cap:
            bad("rooms", f"week {t}, {loc} {d}: {n} new classes need a room, {cap} free",
                week=t, location=loc, daypart=d, need=n, free=cap)

    # --- objective ------------------------------------------------------------------------------
    terms = dict.fromkeys(TERM_KEYS, 0)
    for lr in p.learners:
        a = plan.assignments.get(lr.id)
        if a is None:
            continue
        prev = p.previous.get(lr.id)
        if a.class_id is None:
            weeks = max(0, _weeks_between(p, lr.waiting_since, H + p.waitlist_extra_weeks))
            if a.wait_weeks != weeks:
                bad("reported", f"learner {lr.id}: wait_weeks {a.wait_weeks}, expected {weeks}", learner=lr.id)
            terms["wait"] += w.wait * lr.priority * weeks
            terms["move"] += w.move * int(prev is not None)
            continue
        if a.class_id not in by_id:
            bad("membership", f"learner {lr.id}: unknown class {a.class_id}", learner=lr.id)
            continue
        c = by_id[a.class_id]
        start = a.start_week if a.start_week is not None else c.start_week
        weeks = max(0, _weeks_between(p, lr.waiting_since, start))
        if a.wait_weeks != weeks:
            bad("reported", f"learner {lr.id}: wait_weeks {a.wait_weeks}, expected {weeks}", learner=lr.id)
        terms["wait"] += w.wait * lr.priority * weeks
        terms["misfit"] += w.misfit * abs(lr.level - c.level)
        if a.misfit is not None and a.misfit != abs(lr.level - c.level):
            bad("reported", f"learner {lr.id}: misfit {a.misfit}, expected {abs(lr.level - c.level)}", learner=lr.id)
        minutes = p.travel(lr.id, c.location) or 0
        if a.travel_minutes is not None and a.travel_minutes != minutes:
            bad("reported", f"learner {lr.id}: travel {a.travel_minutes}, expected {minutes}", learner=lr.id)
        terms["travel"] += w.travel * minutes
        if lr.preferred_dayparts and c.schedule in scheds:
            terms["daypart"] += w.daypart * len(scheds[c.schedule].dayparts - lr.preferred_dayparts)
        if c.language is not None and lr.preferred_language is not None and c.language != lr.preferred_language:
            terms["language"] += w.language
        if prev is not None and not _same_class(p, prev, c):
            terms["move"] += w.move
    terms["new_class"] = w.new_class * sum(1 for c in plan.classes if not c.running)
    rep.terms = terms
    if plan.is_feasible():
        if rep.objective != plan.objective:
            # every rule held: the plan was most likely scored under other weights (seen from
            # outside: frontier and trade-off plans checked against the problem's own weights)
            hint = "" if rep.violations else (
                "; every rule holds, so the plan was probably scored under other weights: a frontier or "
                "trade-off plan is checked with validate(problem.with_weights(frontier.weights), plan)")
            bad("objective", f"objective {plan.objective} differs from recomputed {rep.objective}{hint}")
        for k, v in terms.items():
            if plan.terms.get(k, 0) != v:
                bad("objective", f"term {k}: plan says {plan.terms.get(k)}, recomputed {v}", term=k)
    return rep


def _same_class(p: Problem, prev_label: str, c: PlannedClass) -> bool:
    if c.running:
        return prev_label == c.id
    spec = p.known_by_label.get(prev_label)
    if spec is None:
        return False
    return (spec.route, spec.location, spec.schedule, spec.start_week, spec.level, spec.language, spec.group) == (
        c.route, c.location, c.schedule, c.start_week, c.level, c.language, c.group)


def _check_new_class(p: Problem, c: PlannedClass, routes, locs, scheds, bad, plan: Plan) -> None:
    r = routes.get(c.route)
    if r is not None:  # sizes need the route only
        first_day = sum(1 for m in c.members
                        if m in plan.assignments and plan.assignments[m].start_week in (None, c.start_week))
        if len(c.members) > r.max_size:
            bad("class_size", f"class {c.id}: size {len(c.members)} outside {r.min_size}..{r.max_size}",
                class_id=c.id, size=len(c.members), max=r.max_size, route=c.route)
        if first_day < r.min_size:
            bad("class_first_day", f"class {c.id}: {first_day} learners start on the first day, minimum "
                f"{r.min_size} (size {len(c.members)} outside {r.min_size}..{r.max_size} at the start)",
                class_id=c.id, first_day=first_day, later=len(c.members) - first_day, min=r.min_size,
                route=c.route)
    if r is None or c.location not in locs or c.schedule not in scheds:
        bad("class_unknown", f"class {c.id}: unknown route, location or schedule", class_id=c.id)
        return
    if r.schedules and c.schedule not in r.schedules:
        bad("class_schedule", f"class {c.id}: schedule {c.schedule} not allowed for route {c.route}", class_id=c.id,
            schedule=c.schedule, route=c.route)
    allowed = r.start_weeks if r.start_weeks is not None else p.start_weeks
    if not 0 <= c.start_week < p.horizon_weeks or (allowed is not None and c.start_week not in allowed):
        bad("class_start_week", f"class {c.id}: start week {c.start_week} not allowed", class_id=c.id,
            week=c.start_week)
    if c.start_date != p.plan_date + timedelta(days=7 * c.start_week):
        bad("class_start_date", f"class {c.id}: start date {c.start_date} is not the start of week {c.start_week}",
            class_id=c.id)
    if c.level % p.level_step or not 0 <= c.level <= 100:
        bad("class_level", f"class {c.id}: level {c.level} is not a multiple of {p.level_step} in 0..100",
            class_id=c.id, level=c.level, step=p.level_step)
    if r.languages and c.language not in r.languages:
        bad("class_language", f"class {c.id}: language {c.language} not an instruction language of {c.route}",
            class_id=c.id)
    if not r.languages and c.language is not None:
        bad("class_language", f"class {c.id}: route {c.route} has no instruction language", class_id=c.id)
    loc = locs[c.location]
    for d in scheds[c.schedule].dayparts:
        if loc.rooms.get(d, 0) <= 0:
            bad("class_room", f"class {c.id}: {c.location} has no room on {d}", class_id=c.id, location=c.location,
                daypart=d)


def _check_running_class(p: Problem, c: PlannedClass, running, bad) -> None:
    rc = running.get(c.id)
    if rc is None:
        bad("running_unknown", f"class {c.id} is marked running but is not a running class", class_id=c.id)
        return
    if len(c.members) > rc.free_seats:
        bad("running_seats", f"running class {c.id}: {len(c.members)} newcomers, {rc.free_seats} free seats",
            class_id=c.id, size=len(c.members), free=rc.free_seats)
    if (c.route, c.location, c.schedule, c.level) != (rc.route, rc.location, rc.schedule, rc.level):
        bad("running_changed", f"running class {c.id}: attributes differ from the input", class_id=c.id)


def _check_member(p: Problem, c: PlannedClass, lr: Learner, routes, locs, scheds, running, plan: Plan, bad) -> None:
    r = routes.get(c.route)
    sched = scheds.get(c.schedule)
    if r is None or sched is None:
        return

    def member(rule: str, detail: str) -> None:
        bad(rule, f"learner {lr.id} in {c.id}: {detail}", learner=lr.id, class_id=c.id, detail=detail)

    if lr.route != c.route:
        member("member_route", f"route {lr.route} differs from {c.route}")
    if not sched.dayparts <= lr.dayparts:
        member("member_daypart", f"not available on {sorted(sched.dayparts - lr.dayparts)}")
    limit = lr.max_travel if lr.max_travel is not None else (r.max_travel if r.max_travel is not None else p.max_travel)
    minutes = p.travel(lr.id, c.location)
    if minutes is None or minutes > limit:
        member("member_travel", f"travel {minutes} min over the maximum {limit}")
    if c.location in lr.excluded_locations:
        member("member_excluded", f"location {c.location} is excluded")
    if 2 * abs(lr.level - c.level) > r.max_spread:
        member("member_spread", f"level {lr.level} too far from class level {c.level} (spread {r.max_spread})")
    if r.separate and (c.group or "onbekend") != _group_value(r.separate, lr):
        member("member_group", f"{r.separate} {_group_value(r.separate, lr)} differs from class group {c.group}")
    if r.languages:
        spoken = set(lr.languages) | ({lr.preferred_language} if lr.preferred_language else set())
        if c.language not in spoken:
            member("member_language", f"does not speak instruction language {c.language}")
    a = plan.assignments.get(lr.id)
    start = a.start_week if a and a.start_week is not None else c.start_week
    start_day = p.plan_date + timedelta(days=7 * start)
    if lr.available_from is not None and start_day < lr.available_from:
        member("member_available", f"starts {start_day}, before available from {lr.available_from}")
    if start_day < lr.waiting_since:
        member("member_available", f"starts {start_day}, before the wait began {lr.waiting_since}")
    earliest = _first_week(p, lr)
    if not c.running and not c.start_week <= start <= c.start_week + max(0, p.late_join_weeks):
        member("member_late_join", f"starts in week {start}, not within {p.late_join_weeks} weeks after the class "
               f"start {c.start_week}")
    elif not c.running and start != max(c.start_week, earliest):
        # Joining after the start is for learners who become available then; everybody else
        # starts on the first day (README, "instroom na start weken").
        member("member_join_week", f"starts in week {start}, expected week {max(c.start_week, earliest)} (the "
               f"class start {c.start_week} or the first available week {earliest}, whichever is later)")
    if not c.running and start >= p.horizon_weeks:
        member("member_horizon", "starts after the horizon")
    if c.running:
        rc = running[c.id]
        if start >= p.horizon_weeks:
            member("member_horizon", "joins after the horizon")
        if rc.end_date - timedelta(days=7 * p.min_weeks_left_to_join) < start_day - timedelta(days=6):
            member("member_running_end", f"joins running class too close to its end {rc.end_date}")
        if rc.join_until is not None and start_day > rc.join_until:
            member("member_running_end", f"joins running class after its last joining day {rc.join_until}")
        if start != earliest:
            member("member_join_week", f"joins in week {start}, expected the first available week {earliest}")


def _first_week(p: Problem, lr: Learner) -> int:
    """The first week whose start day is on or after both the day the learner's wait began and
    ``beschikbaar vanaf`` (0 when that is today or earlier), counted from dates here."""
    first_day = max(lr.waiting_since, lr.available_from or lr.waiting_since)
    earliest = 0
    if first_day > p.plan_date:
        earliest = -(-(first_day - p.plan_date).days // 7)
    return earliest

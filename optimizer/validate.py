"""Independent plan validator: re-checks every hard rule and recomputes the objective.

It uses only the problem's raw data and the plan; nothing from the model, the candidate
generator or the solver. Week arithmetic is redone from dates here on purpose (a class
starting in week t starts on ``plan_date + 7t``; a learner may start on or after
``beschikbaar vanaf``), so a mistake in the model's own week bookkeeping shows up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from .domain import SEPARATE_LITERACY, SEPARATE_PROFILE, WAITLIST, Learner, Problem
from .plan import Plan, PlannedClass


@dataclass
class Report:
    """What the validator found: violations (empty = valid) and the recomputed objective."""

    violations: list[str] = field(default_factory=list)
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
        return "\n".join(self.violations)


def _weeks_between(problem: Problem, day_from, week: int) -> int:
    """Whole weeks from the week containing ``day_from`` to week ``week``."""
    start = problem.plan_date + timedelta(days=7 * week)
    days = (start - day_from).days
    # the week containing day_from starts at plan_date + 7*floor(...)
    k = (day_from - problem.plan_date).days // 7
    del days
    return week - k


def _group_value(route_sep: str, lr: Learner) -> str:
    if route_sep == SEPARATE_LITERACY:
        return lr.literacy or "onbekend"
    if route_sep == SEPARATE_PROFILE:
        return lr.profile or "onbekend"
    return ""


def validate(problem: Problem, plan: Plan) -> Report:
    """Check ``plan`` against every hard rule of ``problem``; recompute its objective."""
    rep = Report()
    bad = rep.violations.append
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
            bad(f"learners without an assignment: {sorted(missing)[:10]}")
        if extra:
            bad(f"assignments for unknown learners: {sorted(extra)[:10]}")
    ids = Counter(c.id for c in plan.classes)
    for cid, n in ids.items():
        if n > 1:
            bad(f"class id {cid} used {n} times")
    member_of: dict[str, str] = {}
    for c in plan.classes:
        for m in c.members:
            if m in member_of:
                bad(f"learner {m} is in classes {member_of[m]} and {c.id}")
            member_of[m] = c.id
    for lid, a in plan.assignments.items():
        if a.class_id is None:
            if lid in member_of:
                bad(f"learner {lid} waits but is a member of {member_of[lid]}")
        elif member_of.get(lid) != a.class_id:
            bad(f"learner {lid} assigned to {a.class_id} but listed in {member_of.get(lid)}")

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
                bad(f"learners {lr.id} and {other} must not share class {cid}")
        if lr.pin == WAITLIST and cid is not None:
            bad(f"learner {lr.id} is pinned to the waiting list but placed in {cid}")
        elif lr.pin not in (None, WAITLIST) and cid != lr.pin:
            bad(f"learner {lr.id} is pinned to {lr.pin} but placed in {cid}")
    for gid, cids in groups.items():
        if len(cids) > 1:
            bad(f"together group {gid} is split over {sorted(map(str, cids))}")
    for spec in p.known_classes:
        if spec.locked:
            c = by_id.get(spec.label)
            if c is None or c.running or (c.route, c.location, c.schedule, c.start_week, c.level) != (
                    spec.route, spec.location, spec.schedule, spec.start_week, spec.level):
                bad(f"locked class {spec.label} is missing or changed")

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
            bad(f"week {t}, {d}: {n} new classes need a teacher, {cap} free")
    for (loc, d, t), n in r_use.items():
        rooms = locs[loc].rooms.get(d, 0) if loc in locs else 0
        cap = max(0, rooms - r_run[loc, d, t])
        if n > cap:
            bad(f"week {t}, {loc} {d}: {n} new classes need a room, {cap} free")

    # --- objective ------------------------------------------------------------------------------
    terms = dict.fromkeys(("wait", "misfit", "travel", "daypart", "language", "move", "new_class"), 0)
    for lr in p.learners:
        a = plan.assignments.get(lr.id)
        if a is None:
            continue
        prev = p.previous.get(lr.id)
        if a.class_id is None:
            weeks = max(0, _weeks_between(p, lr.waiting_since, H + p.waitlist_extra_weeks))
            if a.wait_weeks != weeks:
                bad(f"learner {lr.id}: wait_weeks {a.wait_weeks}, expected {weeks}")
            terms["wait"] += w.wait * lr.priority * weeks
            terms["move"] += w.move * int(prev is not None)
            continue
        c = by_id.get(a.class_id)
        if c is None:
            bad(f"learner {lr.id}: unknown class {a.class_id}")
            continue
        start = a.start_week if a.start_week is not None else c.start_week
        weeks = max(0, _weeks_between(p, lr.waiting_since, start))
        if a.wait_weeks != weeks:
            bad(f"learner {lr.id}: wait_weeks {a.wait_weeks}, expected {weeks}")
        terms["wait"] += w.wait * lr.priority * weeks
        terms["misfit"] += w.misfit * abs(lr.level - c.level)
        if a.misfit is not None and a.misfit != abs(lr.level - c.level):
            bad(f"learner {lr.id}: misfit {a.misfit}, expected {abs(lr.level - c.level)}")
        minutes = p.travel(lr.id, c.location) or 0
        if a.travel_minutes is not None and a.travel_minutes != minutes:
            bad(f"learner {lr.id}: travel {a.travel_minutes}, expected {minutes}")
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
            bad(f"objective {plan.objective} differs from recomputed {rep.objective}")
        for k, v in terms.items():
            if plan.terms.get(k, 0) != v:
                bad(f"term {k}: plan says {plan.terms.get(k)}, recomputed {v}")
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
    if r is None or c.location not in locs or c.schedule not in scheds:
        bad(f"class {c.id}: unknown route, location or schedule")
        return
    if r.schedules and c.schedule not in r.schedules:
        bad(f"class {c.id}: schedule {c.schedule} not allowed for route {c.route}")
    allowed = r.start_weeks if r.start_weeks is not None else p.start_weeks
    if not 0 <= c.start_week < p.horizon_weeks or (allowed is not None and c.start_week not in allowed):
        bad(f"class {c.id}: start week {c.start_week} not allowed")
    if c.start_date != p.plan_date + timedelta(days=7 * c.start_week):
        bad(f"class {c.id}: start date {c.start_date} is not the start of week {c.start_week}")
    if c.level % p.level_step or not 0 <= c.level <= 100:
        bad(f"class {c.id}: level {c.level} is not a multiple of {p.level_step} in 0..100")
    first_day = sum(1 for m in c.members if m in plan.assignments and plan.assignments[m].start_week in (None, c.start_week))
    if len(c.members) > r.max_size:
        bad(f"class {c.id}: size {len(c.members)} outside {r.min_size}..{r.max_size}")
    if first_day < r.min_size:
        bad(f"class {c.id}: {first_day} learners start on the first day, minimum {r.min_size} "
            f"(size {len(c.members)} outside {r.min_size}..{r.max_size} at the start)")
    if r.languages and c.language not in r.languages:
        bad(f"class {c.id}: language {c.language} not an instruction language of {c.route}")
    if not r.languages and c.language is not None:
        bad(f"class {c.id}: route {c.route} has no instruction language")
    loc = locs[c.location]
    for d in scheds[c.schedule].dayparts:
        if loc.rooms.get(d, 0) <= 0:
            bad(f"class {c.id}: {c.location} has no room on {d}")


def _check_running_class(p: Problem, c: PlannedClass, running, bad) -> None:
    rc = running.get(c.id)
    if rc is None:
        bad(f"class {c.id} is marked running but is not a running class")
        return
    if len(c.members) > rc.free_seats:
        bad(f"running class {c.id}: {len(c.members)} newcomers, {rc.free_seats} free seats")
    if (c.route, c.location, c.schedule, c.level) != (rc.route, rc.location, rc.schedule, rc.level):
        bad(f"running class {c.id}: attributes differ from the input")


def _check_member(p: Problem, c: PlannedClass, lr: Learner, routes, locs, scheds, running, plan: Plan, bad) -> None:
    r = routes.get(c.route)
    sched = scheds.get(c.schedule)
    if r is None or sched is None:
        return
    who = f"learner {lr.id} in {c.id}"
    if lr.route != c.route:
        bad(f"{who}: route {lr.route} differs from {c.route}")
    if not sched.dayparts <= lr.dayparts:
        bad(f"{who}: not available on {sorted(sched.dayparts - lr.dayparts)}")
    limit = lr.max_travel if lr.max_travel is not None else (r.max_travel if r.max_travel is not None else p.max_travel)
    minutes = p.travel(lr.id, c.location)
    if minutes is None or minutes > limit:
        bad(f"{who}: travel {minutes} min over the maximum {limit}")
    if c.location in lr.excluded_locations:
        bad(f"{who}: location {c.location} is excluded")
    if 2 * abs(lr.level - c.level) > r.max_spread:
        bad(f"{who}: level {lr.level} too far from class level {c.level} (spread {r.max_spread})")
    if r.separate and (c.group or "onbekend") != _group_value(r.separate, lr):
        bad(f"{who}: {r.separate} {_group_value(r.separate, lr)} differs from class group {c.group}")
    if r.languages:
        spoken = set(lr.languages) | ({lr.preferred_language} if lr.preferred_language else set())
        if c.language not in spoken:
            bad(f"{who}: does not speak instruction language {c.language}")
    a = plan.assignments.get(lr.id)
    start = a.start_week if a and a.start_week is not None else c.start_week
    start_day = p.plan_date + timedelta(days=7 * start)
    if lr.available_from is not None and start_day < lr.available_from:
        bad(f"{who}: starts {start_day}, before available from {lr.available_from}")
    if start_day < lr.waiting_since:
        bad(f"{who}: starts {start_day}, before the wait began {lr.waiting_since}")
    if not c.running and not c.start_week <= start <= c.start_week + max(0, p.late_join_weeks):
        bad(f"{who}: starts in week {start}, not within {p.late_join_weeks} weeks after the class start {c.start_week}")
    if not c.running and start >= p.horizon_weeks:
        bad(f"{who}: starts after the horizon")
    if c.running:
        rc = running[c.id]
        if start >= p.horizon_weeks:
            bad(f"{who}: joins after the horizon")
        if rc.end_date - timedelta(days=7 * p.min_weeks_left_to_join) < start_day - timedelta(days=6):
            bad(f"{who}: joins running class too close to its end {rc.end_date}")
        if rc.join_until is not None and start_day > rc.join_until:
            bad(f"{who}: joins running class after its last joining day {rc.join_until}")
        earliest = 0
        first_day = max(lr.waiting_since, lr.available_from or lr.waiting_since)
        while p.plan_date + timedelta(days=7 * earliest) < first_day:
            earliest += 1
        if start != earliest:
            bad(f"{who}: joins in week {start}, expected the first available week {earliest}")

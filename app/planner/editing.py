"""Hand edits of a plan: move learners, lock learners and classes, and re-check every rule.

Every function here is pure: it takes the problem and a :class:`PlanState` and returns a new
:class:`PlanState` with a new :class:`~optimizer.plan.Plan`. The new plan's assignments (start
week and date, waiting weeks, travel, misfit), key figures and objective terms are recomputed
(terms by :func:`optimizer.validate.validate`), and every hard rule the plan now breaks is
listed as a :class:`Note` in plain Dutch (English alongside; texts in :data:`NOTES`). The GUI pushes one undo command
per edit and calls these functions from it; nothing here imports Qt.

Notes name learners by id only, never by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from optimizer.domain import ClassSpec, Learner, Problem
from optimizer.explain import unfit_rule
from optimizer.messages import Catalogue, Keyed, msg
from optimizer.plan import Assignment, Plan, PlannedClass, key_figures
from optimizer.validate import Violation, validate

EDITED_STATUS = "HEURISTIC"
"""Status of a hand-edited plan: a valid plan that the solver did not prove (see the report)."""


class EditError(ValueError):
    """An edit that cannot be made at all (unknown learner or class, locked learner)."""


@dataclass(frozen=True)
class Note(Keyed):
    """A broken hard rule (or another remark), tied to a learner or class: a key of :data:`NOTES`
    and its parameters, in Dutch (default) or English on demand."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    learner_id: str | None = None
    class_id: str | None = None
    rule: str | None = None
    """The broken rule's key in the catalogue (:mod:`optimizer.rules`)."""


    def __str__(self) -> str:
        return self.nl


@dataclass(frozen=True)
class Locks:
    """Learners and classes the planner has locked: re-optimizing keeps them as they are."""

    learners: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlanState:
    """A plan together with its locks and the context it was made in.

    ``known_classes`` and ``previous`` are the earlier classes and placements the plan was
    re-optimized against (empty for a fresh plan); hand edits are evaluated in that same
    context, so the move term stays comparable. ``notes`` lists the hard rules the plan breaks.
    """

    plan: Plan
    locks: Locks = Locks()
    known_classes: tuple[ClassSpec, ...] = ()
    previous: Mapping[str, str | None] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    edited: bool = False
    """True once the planner changed the plan by hand after the last solve."""

    @property
    def ok(self) -> bool:
        return not self.notes


# ---- context ------------------------------------------------------------------------------------
def derived(problem: Problem, /, *, same_places: bool = False, **changes: object) -> Problem:
    """``dataclasses.replace(problem, **changes)`` that keeps the computed travel table.

    The travel table depends only on learners' homes and travel matrices, the locations and the
    travel settings. It is kept when those objects are unchanged, or when the caller knows the
    learners differ in other fields only (``same_places``, e.g. pins).
    """
    new = replace(problem, **changes)  # type: ignore[arg-type]
    cached = problem.__dict__.get("travel_table")
    same = new.locations is problem.locations and new.travel_settings is problem.travel_settings
    if cached is not None and same and (same_places or new.learners is problem.learners):
        new.__dict__["travel_table"] = cached
    return new



def merge_known(existing: Iterable[ClassSpec], extra: Iterable[ClassSpec]) -> tuple[ClassSpec, ...]:
    """``existing`` known classes with those of the same label replaced by ``extra``."""
    extra = tuple(extra)
    labels = {c.label for c in extra}
    return tuple(c for c in existing if c.label not in labels) + extra


def class_spec(c: PlannedClass, locked: bool = False) -> ClassSpec:
    """A planned new class as a known class (for re-optimizing and for rule explanations)."""
    return ClassSpec(label=c.id, route=c.route, location=c.location, schedule=c.schedule,
                     start_week=c.start_week, level=c.level, language=c.language, group=c.group,
                     locked=locked)


def evaluation_problem(problem: Problem, state: PlanState) -> Problem:
    """``problem`` in the context the plan was made in (known classes and earlier placements)."""
    if not state.known_classes and not state.previous:
        return problem
    hit = _EVAL_CACHE.get("last")
    if hit is not None and hit[0] is problem and hit[1] is state.known_classes and hit[2] is state.previous:
        return hit[3]
    ep = derived(problem, known_classes=merge_known(problem.known_classes, state.known_classes),
                 previous=dict(state.previous) or problem.previous)
    _EVAL_CACHE["last"] = (problem, state.known_classes, state.previous, ep)
    return ep


_EVAL_CACHE: dict[str, tuple[Problem, object, object, Problem]] = {}
"""The last evaluation problem (edits and fit checks ask for the same one many times)."""


# ---- assignments --------------------------------------------------------------------------------
def placed_assignment(problem: Problem, learner: Learner, c: PlannedClass) -> Assignment:
    """Where ``learner`` stands when placed in ``c``: a running class is joined at once; a
    new class from its start, or later (joining after the start) if they are available later."""
    first = problem.available_week(learner)
    week = first if c.running else max(c.start_week, first)
    return Assignment(
        learner.id, c.id, week, problem.week_start(week), problem.wait_weeks(learner, week),
        travel_minutes=problem.travel(learner.id, c.location), misfit=abs(learner.level - c.level),
    )


def waiting_assignment(problem: Problem, learner: Learner, old: Assignment | None = None) -> Assignment:
    """``learner`` on the waiting list; a learner the planner moved there says so."""
    reason = old.reason if old is not None and not old.placed and old.reason is not None else msg("wait_pinned")
    return Assignment(learner.id, None, None, None, problem.waitlist_weeks(learner), reason=reason)


def _sort_members(problem: Problem, members: Iterable[str]) -> tuple[str, ...]:
    by_id = problem.learner_by_id
    return tuple(sorted(members, key=lambda m: (by_id[m].level if m in by_id else 0, m)))


def rebuild(problem: Problem, state: PlanState, classes: tuple[PlannedClass, ...],
            assignments: dict[str, Assignment], *, edited: bool = True,
            locks: Locks | None = None) -> PlanState:
    """A new state with ``classes`` and ``assignments``: terms, figures and notes recomputed."""
    ep = evaluation_problem(problem, state)
    old = state.plan
    draft = Plan(classes, assignments, 0, {}, old.bound, "NO_SOLUTION", old.runtime)
    report = validate(ep, draft)
    terms = dict(report.terms)
    status = EDITED_STATUS if edited else old.status
    stats = {**old.stats, "edited": True} if edited else dict(old.stats)
    plan = Plan(classes=classes, assignments=assignments, objective=sum(terms.values()), terms=terms,
                bound=old.bound, status=status, runtime=old.runtime,
                figures=key_figures(ep, classes, assignments), diagnosis=old.diagnosis, stats=stats)
    new_state = replace(state, plan=plan, locks=locks if locks is not None else state.locks,
                        edited=state.edited or edited)
    return replace(new_state, notes=rule_notes(ep, plan, report.violations, new_state.locks))


def move_learners(problem: Problem, state: PlanState, learner_ids: Iterable[str],
                  target: str | None) -> PlanState:
    """Move learners to class ``target`` (None = the waiting list); the rest stays as it is.

    Raises :class:`EditError` for an unknown learner or class, or a locked learner. A move that
    breaks a rule is made anyway; the broken rules are in the new state's ``notes``.
    """
    plan = state.plan
    by_id = {c.id: c for c in plan.classes}
    if target is not None and target not in by_id:
        raise EditError(f"onbekende klas {target}")
    ids = list(dict.fromkeys(learner_ids))
    ep = evaluation_problem(problem, state)
    for lid in ids:
        if lid not in plan.assignments or lid not in ep.learner_by_id:
            raise EditError(f"onbekende deelnemer {lid}")
        if lid in state.locks.learners:
            raise EditError(f"deelnemer {lid} is vastgezet")
    members = {cid: list(c.members) for cid, c in by_id.items()}
    assignments = dict(plan.assignments)
    for lid in ids:
        old = plan.assignments[lid]
        if old.class_id == target:
            continue
        if old.class_id is not None:
            members[old.class_id].remove(lid)
        lr = ep.learner_by_id[lid]
        if target is None:
            assignments[lid] = waiting_assignment(ep, lr)
        else:
            members[target].append(lid)
            assignments[lid] = placed_assignment(ep, lr, by_id[target])
    classes = tuple(replace(c, members=_sort_members(ep, members[c.id])) for c in plan.classes)
    return rebuild(problem, state, classes, assignments)


def recheck(problem: Problem, state: PlanState) -> PlanState:
    """The same plan re-evaluated against a changed problem (capacity or weights edited).

    Every assignment is recomputed (waiting weeks depend on the horizon, terms on the weights);
    who sits in which class does not change. The plan keeps its status unless it was edited.
    """
    ep = evaluation_problem(problem, state)
    plan = state.plan
    by_id = {c.id: c for c in plan.classes}
    assignments: dict[str, Assignment] = {}
    for lid, a in plan.assignments.items():
        lr = ep.learner_by_id.get(lid)
        if lr is None:
            continue
        if a.class_id is None or a.class_id not in by_id:
            assignments[lid] = waiting_assignment(ep, lr, a)
        else:
            assignments[lid] = placed_assignment(ep, lr, by_id[a.class_id])
    for lr in ep.learners:  # learners the plan does not know yet wait
        if lr.id not in assignments:
            assignments[lr.id] = waiting_assignment(ep, lr)
    known = set(ep.learner_by_id)
    classes = tuple(replace(c, members=tuple(m for m in c.members if m in known)) for c in plan.classes)
    return rebuild(problem, state, classes, assignments, edited=state.edited)


# ---- locks -----------------------------------------------------------------------------------
def set_learner_lock(state: PlanState, learner_ids: Iterable[str], locked: bool) -> PlanState:
    """Lock or release learners: a locked learner keeps their class (or wait) when re-planning."""
    ids = frozenset(learner_ids) & frozenset(state.plan.assignments)
    learners = state.locks.learners | ids if locked else state.locks.learners - ids
    return replace(state, locks=replace(state.locks, learners=learners))


def set_class_lock(state: PlanState, class_id: str, locked: bool) -> PlanState:
    """Lock or release a new class: a locked class opens exactly like this when re-planning."""
    plan = state.plan
    c = plan.class_by_id.get(class_id)
    if c is None:
        raise EditError(f"onbekende klas {class_id}")
    if c.running:
        raise EditError(f"klas {class_id} loopt al en kan niet worden vastgezet")
    classes = tuple(replace(k, locked=locked) if k.id == class_id else k for k in plan.classes)
    ids = state.locks.classes | {class_id} if locked else state.locks.classes - {class_id}
    return replace(state, plan=replace(plan, classes=classes), locks=replace(state.locks, classes=ids))


# ---- rules in words ------------------------------------------------------------------------
_SIZE_RULES = ("running_seats", "class_first_day", "class_size")
_CLASS_NOTES = frozenset({"class_unknown", "class_schedule", "class_start_week", "class_room", "class_level",
                          "teachers", "rooms"})
"""Validator rules whose note reads the violation's data straight into the note of that key."""


NOTES = Catalogue({
    "member": (
        "Deelnemer {id} past niet in klas {label}: {why}.",
        "Learner {id} does not fit class {label}: {why}.",
    ),
    "running_seats": (
        "Lopende klas {label} krijgt {size} nieuwe deelnemers, maar heeft {free} vrije plaatsen.",
        "Running class {label} gets {size} newcomers but has {free} free seats.",
    ),
    "class_first_day": (
        "Klas {label} start met {first_day:deelnemer|deelnemers}, minder dan het minimum van {min} "
        "(route {route}).",
        "Class {label} starts with {first_day:learner|learners}, fewer than the minimum of {min} (route {route}).",
    ),
    "class_first_day_later": (
        "Klas {label} start met {first_day:deelnemer|deelnemers} ({later:stroomt|stromen} later in), minder "
        "dan het minimum van {min} (route {route}).",
        "Class {label} starts with {first_day:learner|learners} ({later:joins|join} later), fewer than the "
        "minimum of {min} (route {route}).",
    ),
    "class_size": (
        "Klas {label} heeft {size} deelnemers, meer dan het maximum van {max} (route {route}).",
        "Class {label} has {size} learners, more than the maximum of {max} (route {route}).",
    ),
    "not_with": (
        "Deelnemers {a} en {b} mogen niet samen in een klas, maar zitten samen in {label}.",
        "Learners {a} and {b} must not share a class, but both are in {label}.",
    ),
    "together": (
        "Huishouden/samen-groep {group} is verdeeld over {where}.",
        "Household/together group {group} is split over {where}.",
    ),
    "pin": (
        "Deelnemer {id} is vastgezet op {want}, maar staat nu in {now}.",
        "Learner {id} is pinned to {want} but is now in {now}.",
    ),
    "waiting_list": ("de wachtlijst", "the waiting list"),
    "waiting_list_short": ("wachtlijst", "waiting list"),
    "teachers": (
        "Week {week}, {daypart}: {need:nieuwe klas heeft|nieuwe klassen hebben} een docent nodig, "
        "{free} beschikbaar.",
        "Week {week}, {daypart}: {need:new class needs|new classes need} a teacher, {free} available.",
    ),
    "rooms": (
        "Week {week}, {location} {daypart}: {need:nieuwe klas heeft|nieuwe klassen hebben} een lokaal "
        "nodig, {free} vrij.",
        "Week {week}, {location} {daypart}: {need:new class needs|new classes need} a room, {free} free.",
    ),
    "class_unknown": (
        "Klas {label}: de route, locatie of het lesrooster bestaat niet (meer).",
        "Class {label}: its route, location or schedule does not exist (any more).",
    ),
    "class_schedule": (
        "Klas {label}: lesrooster {schedule} is niet toegestaan voor route {route}.",
        "Class {label}: schedule {schedule} is not allowed for route {route}.",
    ),
    "class_start_week": (
        "Klas {label}: startweek {week} is niet toegestaan.",
        "Class {label}: start week {week} is not allowed.",
    ),
    "class_room": (
        "Klas {label}: {location} heeft geen lokaal op {daypart}.",
        "Class {label}: {location} has no room on {daypart}.",
    ),
    "class_level": (
        "Klas {label}: niveau {level} is geen veelvoud van {step}.",
        "Class {label}: level {level} is not a multiple of {step}.",
    ),
    "other": ("Regel geschonden: {text}", "Rule broken: {text}"),
    # --- would a learner fit a class (Fit keys) ---------------------------------------------------
    "fit": ("past", "fits"),
    "fit_full": ("klas is vol ({size} van {max})", "class is full ({size} of {max})"),
    "fit_rule": ("{why}", "{why}"),  # why: the first rule that keeps the learner out
})
"""The planner's notes (:class:`Note` keys): each broken rule in Dutch and English, per rule key."""
Note.catalogue = NOTES


def _note(key: str, rule: str, learner_id: str | None = None, class_id: str | None = None, **params: object
          ) -> Note:
    return Note(key, params, learner_id, class_id, rule)


def _place(name: str, class_id: str | None, short: bool = False) -> dict[str, object]:
    """A class, or the waiting list in each language, as the parameter ``name`` of a note."""
    if class_id is not None:
        return {name: class_id}
    key = "waiting_list_short" if short else "waiting_list"
    return {name: NOTES.text(key, "nl"), f"{name}_en": NOTES.text(key, "en")}


def rule_notes(problem: Problem, plan: Plan, violations: list[Violation], locks: Locks | None = None
               ) -> tuple[Note, ...]:
    """Every hard rule ``plan`` breaks, in the planner's words (one note per learner or class).

    The validator finds the broken rules (``violations`` of ``plan`` under ``problem``); this
    says them: class sizes first, then 'niet met' pairs, household/together groups and pins,
    then the rest in the validator's order.
    """
    sizes: dict[str, Violation] = {}
    pairs: dict[tuple[str, str], Violation] = {}
    groups: list[Violation] = []
    pins: list[Violation] = []
    rest: list[Violation] = []
    for v in violations:
        if v.rule in _SIZE_RULES and v.class_id is not None:
            if v.rule != "class_size" or sizes.get(v.class_id) is None:  # too few at the start says it first
                sizes[v.class_id] = v
        elif v.rule == "not_with" and v.learner is not None:
            pairs.setdefault((min(v.learner, v.data["other"]), max(v.learner, v.data["other"])), v)
        elif v.rule == "together":
            groups.append(v)
        elif v.rule == "pin":
            pins.append(v)
        else:
            rest.append(v)
    notes: list[Note] = []
    for cid, v in sizes.items():
        d = v.data
        if v.rule == "running_seats":
            notes.append(_note("running_seats", v.rule, class_id=cid, label=cid, size=d["size"], free=d["free"]))
        elif v.rule == "class_first_day":
            notes.append(_note("class_first_day_later" if d["later"] else "class_first_day", v.rule,
                               class_id=cid, label=cid, first_day=d["first_day"], later=d["later"], min=d["min"],
                               route=d["route"]))
        else:
            notes.append(_note("class_size", v.rule, class_id=cid, label=cid, size=d["size"], max=d["max"],
                               route=d["route"]))
    for (a, b), v in pairs.items():
        notes.append(_note("not_with", v.rule, v.learner, v.class_id, a=a, b=b, label=v.class_id))
    for v in sorted(groups, key=lambda v: v.data["group"]):
        where = {lang: ", ".join(sorted(c or NOTES.text("waiting_list_short", lang) for c in v.data["classes"]))
                 for lang in ("nl", "en")}
        notes.append(_note("together", v.rule, group=v.data["group"], where=where["nl"], where_en=where["en"]))
    for v in pins:
        notes.append(_note("pin", v.rule, v.learner, v.class_id, id=v.learner, **_place("want", v.data["pin"]),
                           **_place("now", v.class_id)))
    explained = _specs_problem(problem, plan)
    seen: set[tuple[str, str]] = set()
    for v in rest:
        if v.rule.startswith("member_") and v.learner is not None and v.class_id is not None:
            lid, cid, detail = v.learner, v.class_id, str(v.data.get("detail", v.text))
            if (lid, cid) in seen or lid not in problem.learner_by_id:
                continue
            seen.add((lid, cid))
            key, why = unfit_rule(explained, problem.learner_by_id[lid], cid)
            if key is None:  # no one rule of the learner: the validator's finding says it
                notes.append(_note("member", v.rule, lid, cid, id=lid, label=cid, why=detail, why_en=detail))
            else:
                notes.append(_note("member", v.rule, lid, cid, id=lid, label=cid, why=why.text("nl"), why_en=why.text("en")))
        elif v.rule in _CLASS_NOTES:
            class_id = v.class_id if v.rule not in ("teachers", "rooms") else None
            notes.append(_note(v.rule, v.rule, class_id=class_id, label=v.class_id, **v.data))
        else:
            notes.append(_note("other", v.rule, text=v.text))
    return tuple(notes)


def explanation_problem(problem: Problem, state: PlanState) -> Problem:
    """The evaluation problem with the plan's classes as known classes (for many fit checks)."""
    return _specs_problem(evaluation_problem(problem, state), state.plan)


def _specs_problem(problem: Problem, plan: Plan) -> Problem:
    """``problem`` with the plan's new classes as known classes, so why_not_fits can name them."""
    specs = [class_spec(c) for c in plan.classes if not c.running]
    return derived(problem, known_classes=merge_known(problem.known_classes, specs))


# ---- would this learner fit? ---------------------------------------------------------------------
@dataclass(frozen=True)
class Fit(Keyed):
    """Whether a learner fits a class, and the size the class would get; why as a key of
    :data:`NOTES` and its parameters (``text(lang)``, ``reason`` in Dutch, ``reason_en``)."""

    class_id: str
    ok: bool
    key: str
    params: dict[str, object]
    size_after: int
    max_size: int | None
    catalogue = NOTES

    @property
    def reason(self) -> str:
        return self.nl

    @property
    def reason_en(self) -> str:
        return self.en


def fit_of(problem: Problem, state: PlanState, learner_id: str, class_id: str,
           explained: Problem | None = None) -> Fit:
    """Would ``learner_id`` fit class ``class_id`` (every hard rule for that learner, and size)?

    ``explained`` is :func:`explanation_problem` of the same state when checking many classes.
    """
    ep = evaluation_problem(problem, state)
    plan = state.plan
    c = plan.class_by_id[class_id]
    lr = ep.learner_by_id[learner_id]
    current = plan.assignments.get(learner_id)
    joins = current is None or current.class_id != class_id
    size_after = c.size + (1 if joins else 0)
    if c.running:
        rc = ep.running_by_id.get(c.id)
        max_size = rc.free_seats if rc else None
    else:
        route = ep.route_by_name.get(c.route)
        max_size = route.max_size if route else None
    single = replace(c, members=(learner_id,))
    draft = Plan((single,), {learner_id: placed_assignment(ep, lr, c)}, 0, {}, 0.0, "NO_SOLUTION", 0.0)
    problems = [str(v.data.get("detail", v.text)) for v in validate(ep, draft).violations
                if v.rule.startswith("member_") and v.learner == learner_id and v.class_id == class_id]
    if problems:
        key, why = unfit_rule(explained or _specs_problem(ep, plan), lr, class_id)
        if key is None:  # no one rule of the learner: the validator's finding says it
            return Fit(class_id, False, "fit_rule", {"why": problems[0], "why_en": problems[0]}, size_after, max_size)
        return Fit(class_id, False, "fit_rule", {"why": why.text("nl"), "why_en": why.text("en")}, size_after, max_size)
    if max_size is not None and size_after > max_size:
        return Fit(class_id, False, "fit_full", {"size": size_after, "max": max_size}, size_after, max_size)
    return Fit(class_id, True, "fit", {}, size_after, max_size)


# ---- erasure (issue 23.9) ------------------------------------------------------------------------
def _mentions(value: object, learner_id: str) -> bool:
    """Whether ``value`` (a message parameter, a note, nested lists) names ``learner_id``."""
    if isinstance(value, str):
        return learner_id in value
    if isinstance(value, Mapping):
        return any(_mentions(k, learner_id) or _mentions(v, learner_id) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_mentions(v, learner_id) for v in value)
    return False


def problem_without(problem: Problem, learner_id: str) -> Problem:
    """``problem`` with the learner gone: their row, and their id from others' 'Niet met', from
    the earlier plan and from the holds on the plan date."""
    learners = tuple(replace(lr, not_with=lr.not_with - {learner_id}) if learner_id in lr.not_with else lr
                     for lr in problem.learners if lr.id != learner_id)
    previous = {k: v for k, v in problem.previous.items() if k != learner_id}
    held = {k: v for k, v in problem.held.items() if k != learner_id}
    return replace(problem, learners=learners, previous=previous, held=held)


def state_without(problem: Problem, state: PlanState, learner_id: str) -> PlanState:
    """The plan with the learner gone (``problem`` is already without them): out of their class,
    their assignment, lock, earlier placement and every diagnosis line naming them removed; the
    figures, terms and notes recomputed. The plan counts as changed by hand."""
    _EVAL_CACHE.clear()  # it holds the problem with the learner
    plan = state.plan
    classes = tuple(replace(c, members=tuple(m for m in c.members if m != learner_id)) if learner_id in c.members
                    else c for c in plan.classes)
    assignments = {k: a for k, a in plan.assignments.items() if k != learner_id}
    diagnosis = tuple(m for m in plan.diagnosis if not _mentions(m.params, learner_id))
    stripped = replace(
        state,
        plan=replace(plan, diagnosis=diagnosis),
        locks=replace(state.locks, learners=state.locks.learners - {learner_id}),
        previous={k: v for k, v in state.previous.items() if k != learner_id},
        notes=tuple(n for n in state.notes if n.learner_id != learner_id and not _mentions(n.params, learner_id)),
    )
    out = rebuild(problem, stripped, classes, assignments, edited=True)
    _EVAL_CACHE.clear()
    return out

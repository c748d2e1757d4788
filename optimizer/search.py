"""Large-neighbourhood search with CP-SAT on sub-models (a matheuristic).

The full model has an option per learner and class kind; for a few hundred learners and up
CP-SAT cannot improve it quickly on two cores. Here CP-SAT instead solves, again and again,
a *sub-model*: a neighbourhood of class kinds (one location, a week window, a level band, or
the kinds around a few of the current classes) and the learners it concerns — the members of
the current classes in it and everybody waiting who could use it. Every other class keeps its
members and its teachers and rooms (they are reserved in the sub-model). The current plan is
the hint, so a step never loses it; a step is accepted when the whole plan is no worse.
Kinds of neighbourhood are chosen in proportion to their recent success.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .candidates import (
    Candidates,
    Placement,
    class_occupancy,
    misfit_excess,
    placement_objective,
    resource_caps,
)
from .cpsat import solve_guarded
from .domain import Problem
from .greedy import Counts
from .model import build_model
from .split import splittable

log = logging.getLogger(__name__)

Placements = dict[str, Placement | None]
Kind = tuple[int, int]
"""A class kind: (family index, start week)."""


@dataclass
class Hood:
    """A neighbourhood: open kinds to re-plan, and the kinds the sub-model may use."""

    kind: str
    free: set[Kind]
    keep: set[Kind]


def _class_kind(pl: Placement) -> Kind | None:
    if pl.option.family is None:
        return None
    return (pl.option.family, pl.class_start)


def class_members(placements: Placements) -> tuple[dict[Kind, int], dict[Kind, list[str]]]:
    """Per class kind of the plan: how many learners it holds, and who."""
    members: dict[Kind, int] = defaultdict(int)
    members_of: dict[Kind, list[str]] = defaultdict(list)
    for lid, pl in placements.items():
        if pl is not None and (k := _class_kind(pl)) is not None:
            members[k] += 1
            members_of[k].append(lid)
    return members, members_of


def option_index(cand: Candidates) -> dict[str, dict[int | None, list[int]]]:
    """Per learner, the positions of their options per family (``None``: running classes)."""
    index: dict[str, dict[int | None, list[int]]] = {}
    for lid, opts in cand.options.items():
        by_family: dict[int | None, list[int]] = defaultdict(list)
        for i, o in enumerate(opts):
            by_family[o.family].append(i)
        index[lid] = dict(by_family)
    return index


def restrict(problem: Problem, cand: Candidates, hood: Hood, placements: Placements, counts: Counts,
             max_waiting: int | None = None, rng: random.Random | None = None,
             index: dict[str, dict[int | None, list[int]]] | None = None) -> tuple[Candidates, set[str]]:
    """The sub-model's candidates: kinds in ``hood.keep`` (families keep their indices), the free
    learners' options within them, and the resources the fixed classes use, reserved.

    At most ``max_waiting`` learners in all are free (waiting learners are sampled to fit).
    ``index``: :func:`option_index` of ``cand`` (made here when not given; a search makes it once).
    Returns the candidates (family indices as in ``cand``) and the free learners.
    """
    index = option_index(cand) if index is None else index
    free_learners: set[str] = set()
    for lid, pl in placements.items():
        if pl is None:
            continue
        k = _class_kind(pl)
        if k is not None and k in hood.free:
            free_learners.add(lid)
    weeks: dict[int, list[int]] = defaultdict(list)
    for f, t in hood.keep:
        weeks[f].append(t)
    J = cand.late_join
    # a family option can be taken from week a on when one of its kinds here starts in week a - J or later
    last = {f: max(ts) for f, ts in weeks.items()}
    fams = last.keys()

    def usable(lid: str, positions: list[int], f: int, a: int) -> list[int]:
        """The positions of ``lid``'s options in family ``f`` within the neighbourhood."""
        opts = cand.options[lid]
        return [i for i in positions if (opts[i].slot in hood.keep if opts[i].slot is not None else last[f] >= a)]

    waiting: list[str] = []
    for lid, pl in placements.items():  # waiting learners who could use the neighbourhood
        if pl is not None or lid in free_learners:
            continue
        a, own = cand.avail[lid] - J, index[lid]
        if any(usable(lid, own[f], f, a) for f in fams & own.keys()):
            waiting.append(lid)
    room = max(0, max_waiting - len(free_learners)) if max_waiting is not None else len(waiting)
    if len(waiting) > room:
        waiting = (rng or random.Random(0)).sample(sorted(waiting), room)
    free_learners.update(waiting)
    # households move as one
    groups: dict[str, list[str]] = defaultdict(list)
    for lr in problem.learners:
        if lr.together:
            groups[lr.together].append(lr.id)
    for lid in list(free_learners):
        gid = problem.learner_by_id[lid].together
        if gid:
            free_learners.update(m for m in groups[gid] if placements.get(m) is None or m in free_learners)
    # Families keep their indices (no renumbering, options are shared with ``cand``); a family
    # outside the neighbourhood has no weeks and no options here.
    sub = Candidates(
        families=cand.families,
        family_index=cand.family_index,
        weeks=[sorted(weeks[f]) if f in weeks else [] for f in range(len(cand.families))],
        max_classes={k: cand.max_classes[k] for k in hood.keep},
        waitlist_cost={lid: cand.waitlist_cost[lid] for lid in free_learners},
        avail=cand.avail, wait_rate=cand.wait_rate, since=cand.since,
        late_join=cand.late_join, horizon=cand.horizon,
        locked_count={k: v for k, v in cand.locked_count.items() if k in hood.keep},
        raw_best=cand.raw_best, caps=cand.caps,
    )
    for lid in sorted(free_learners):
        a, own = cand.avail[lid] - J, index[lid]
        chosen = list(own.get(None, ()))  # running classes
        for f in fams & own.keys():
            chosen += usable(lid, own[f], f, a)
        opts = cand.options[lid]
        sub.options[lid] = [opts[i] for i in sorted(chosen)]
        if lid in cand.forced:
            sub.forced[lid] = cand.forced[lid]
    # Fixed classes keep their teachers, rooms and running-class seats.
    for (f, s), n in counts.items():
        if n <= 0 or (f, s) in hood.free:
            continue
        fam = cand.families[f]
        for d, t in class_occupancy(problem, fam, s):
            sub.reserved_teachers[d, t] = sub.reserved_teachers.get((d, t), 0) + n
            sub.reserved_rooms[fam.location, d, t] = sub.reserved_rooms.get((fam.location, d, t), 0) + n
    for lid, pl in placements.items():
        if pl is not None and pl.option.running is not None and lid not in free_learners:
            sub.reserved_seats[pl.option.running] = sub.reserved_seats.get(pl.option.running, 0) + 1
    if cand.wait_budget is not None:  # what the learners outside the neighbourhood leave of it
        sub.wait_budget = cand.wait_budget - sum(
            wait_weeks(problem, lid, pl) for lid, pl in placements.items() if lid not in free_learners)
    if cand.min_placed is not None:  # what the learners outside the neighbourhood leave to place
        sub.min_placed = cand.min_placed - sum(
            1 for lid, pl in placements.items() if pl is not None and lid not in free_learners)
    if cand.misfit_cap is not None:
        sub.misfit_cap = cand.misfit_cap
        sub.misfit_room = cand.misfit_room - misfit_excess(
            problem, cand, {lid: pl for lid, pl in placements.items() if lid not in free_learners})
    return sub, free_learners


def wait_weeks(problem: Problem, lid: str, pl: Placement | None) -> int:
    """Weeks learner ``lid`` waits with placement ``pl`` (``None``: on the waiting list)."""
    lr = problem.learner_by_id[lid]
    return problem.waitlist_weeks(lr) if pl is None else problem.wait_weeks(lr, pl.week)


@dataclass
class SearchStats:
    steps: int = 0
    improvements: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    stale_merged: int = 0
    stale_rejected: int = 0


def teachers_bind(problem: Problem, cand: Candidates) -> bool:
    """Do the teachers allow fewer classes than the learners could fill, as in the p-median
    stress family (k teachers, classes as large as all learners; issue 22)? Per class kind one
    teacher row (its first daypart and week): the distinct rows' teachers against, per route,
    its learners / minimum size."""
    teachers, _ = cand.caps or resource_caps(problem)
    rows = set()
    for f, t in cand.max_classes:
        occ = class_occupancy(problem, cand.families[f], t)
        if occ:
            rows.add(occ[0])
    by_teachers = sum(teachers.get(r, 0) for r in rows)
    routes = problem.route_by_name
    n_route: dict[str, int] = defaultdict(int)
    for lr in problem.learners:
        if cand.options.get(lr.id):
            n_route[lr.route] += 1
    by_learners = sum(n // max(1, routes[r].min_size) for r, n in n_route.items())
    return by_teachers < by_learners


class Neighbourhoods:
    """Neighbourhoods around a plan, sized to a budget of free learners and options."""

    KINDS = ("around", "window", "location", "band", "relocate")

    def __init__(self, problem: Problem, cand: Candidates, rng: random.Random, max_options: int,
                 max_learners: int = 80) -> None:
        self.p = problem
        self.cand = cand
        self.rng = rng
        self.max_options = max_options
        self.max_learners = max_learners
        self.all = sorted(cand.max_classes)
        size: dict[Kind, int] = defaultdict(int)
        fam_avail: dict[int, list[int]] = defaultdict(list)
        for opts in cand.options.values():
            for o in opts:
                if o.running is None and o.slot is None:
                    fam_avail[o.family].append(cand.avail[o.learner])  # type: ignore[index]
                elif o.slot is not None:
                    size[o.slot] += 1
        J = cand.late_join
        for f, t in self.all:
            size[f, t] += sum(1 for a in fam_avail.get(f, ()) if a <= t + J)
        self.size = size
        self.locations = sorted({fam.location for fam in cand.families})
        # the kinds by location, start week, level and route: a step's focus reads only its own
        # (every kind read every step was a tenth of a step's set-up on 1,000 learners)
        self._by: dict[str, dict] = {key: defaultdict(list) for key in ("location", "week", "level", "route")}
        for f, t in self.all:
            fam = cand.families[f]
            for key, value in (("location", fam.location), ("week", t), ("level", fam.level), ("route", fam.route)):
                self._by[key][value].append((f, t))
        # "relocate" only where the teachers set the class count: where the learners set it, it
        # did not pay (docs/benchmarks.md).
        kinds = self.KINDS if teachers_bind(problem, cand) else self.KINDS[:-1]
        self.weights = dict.fromkeys(kinds, 1.0)
        self._fam_cost: dict[str, dict[int, int]] = {}
        self.pinned = set(cand.locked_count) | {
            o.slot for o in cand.forced.values() if o is not None and o.slot is not None}

    def pick_kind(self) -> str:
        kinds = list(self.weights)
        return self.rng.choices(kinds, weights=[self.weights[k] for k in kinds])[0]

    def reward(self, kind: str, improved: bool) -> None:
        self.weights[kind] = 0.8 * self.weights[kind] + 0.2 * (3.0 if improved else 0.3)

    def _focus(self, kind: str, open_kinds: list[Kind]) -> set[Kind]:
        fams = self.cand.families
        rng = self.rng
        by = self._by
        if kind == "location":
            pick = set(rng.sample(self.locations, min(len(self.locations), rng.choice((1, 1, 2)))))
            return {k for loc in pick for k in by["location"].get(loc, ())}
        if kind == "window":
            start = rng.randrange(self.p.horizon_weeks)
            width = rng.choice((2, 3, 4))
            return {k for t in range(start, start + width) for k in by["week"].get(t, ())}
        if kind == "band":
            lo = rng.randrange(0, 100, 5)
            width = rng.choice((15, 25, 35))
            return {k for level, kinds in by["level"].items() if lo <= level < lo + width for k in kinds}
        # around: kinds close to a few current classes of one route
        seeds = rng.sample(open_kinds, min(len(open_kinds), rng.choice((2, 4, 6)))) if open_kinds else []
        radius = rng.choice((2, 3, 4))
        out: set[Kind] = set()
        for sf, st in seeds:
            a = fams[sf]
            for f, t in by["route"].get(a.route, ()):
                b = fams[f]
                if abs(t - st) > radius or abs(b.level - a.level) > 2 * self.p.level_step:
                    continue
                if b.location == a.location or b.schedule == a.schedule:
                    out.add((f, t))
        return out

    def _family_costs(self, lid: str) -> dict[int, int]:
        """Learner ``lid``'s cheapest cost per class family (cached)."""
        costs = self._fam_cost.get(lid)
        if costs is None:
            costs = {}
            for o in self.cand.options[lid]:
                if o.family is not None:
                    c = self.cand.best_week_cost(o)
                    if c < costs.get(o.family, c + 1):
                        costs[o.family] = c
            self._fam_cost[lid] = costs
        return costs

    def _relocate(self, counts: Counts, members_of: dict[Kind, list[str]]) -> Hood:
        """A class-level move: one or two current classes (the seeds), the open classes nearest
        their members (where they could go if a seed closes) and the kinds their members reach
        most cheaply that are not open (where a seed could move or a new class open). Nearness
        is the seeds' members' cost at a kind, so it needs no coordinates. The other
        neighbourhoods free the classes around a place or a time; none of them could open a
        class somewhere new and close one elsewhere in one step (issue 22)."""
        rng = self.rng
        open_kinds = sorted(k for k, n in counts.items() if n > 0 and members_of.get(k) and k not in self.pinned)
        if not open_kinds:
            return Hood("relocate", set(), set())
        seeds = rng.sample(open_kinds, min(len(open_kinds), rng.choice((1, 1, 2))))
        lids = [lid for k in seeds for lid in members_of[k]]
        if len(lids) > 40:
            lids = rng.sample(lids, 40)
        routes = {self.cand.families[f].route for f, _ in seeds}
        weeks = {t for _, t in seeds}
        score: dict[Kind, float] = {}
        costs = [self._family_costs(lid) for lid in lids]
        for f, t in self.all:
            if self.cand.families[f].route not in routes or min(abs(t - w) for w in weeks) > 2:
                continue
            score[f, t] = sum(c.get(f, 10 ** 6) for c in costs)
        ranked = sorted(score, key=score.__getitem__)
        free: set[Kind] = set(seeds)
        learners = sum(len(members_of[k]) for k in seeds)
        near_open = [k for k in ranked if k in counts and counts[k] > 0 and k not in free]
        for k in near_open[:rng.choice((2, 3, 5))]:
            if learners + len(members_of.get(k, ())) > 2 * self.max_learners:
                continue
            free.add(k)
            learners += len(members_of.get(k, ()))
        keep = set(free)
        budget = self.max_options - sum(self.size[k] for k in keep)
        for k in [k for k in ranked if counts.get(k, 0) == 0][:rng.choice((3, 5, 8))]:
            if budget <= 0:
                break
            keep.add(k)
            budget -= self.size[k]
        keep |= {k for k in self.pinned if k in free or k not in counts}
        return Hood("relocate", free, keep)

    def build(self, kind: str, counts: Counts, members: dict[Kind, int],
              members_of: dict[Kind, list[str]] | None = None) -> Hood:
        if kind == "relocate":
            return self._relocate(counts, members_of or {})
        open_kinds = [k for k, n in counts.items() if n > 0]
        focus = self._focus(kind, open_kinds)
        rng = self.rng
        free: set[Kind] = set()
        learners = 0
        candidates = [k for k in open_kinds if k in focus]
        rng.shuffle(candidates)
        for k in candidates:
            if learners + members.get(k, 0) > self.max_learners and free:
                continue
            free.add(k)
            learners += members.get(k, 0)
        # a pinned or locked class moves only with its own pins: keep it in when its kind is free
        keep = set(free)
        budget = self.max_options - sum(self.size[k] for k in keep)
        extra = sorted(focus - set(open_kinds))
        rng.shuffle(extra)
        for k in extra:
            if budget <= 0:
                break
            keep.add(k)
            budget -= self.size[k]
        keep |= {k for k in self.pinned if k in free or k not in counts}
        return Hood(kind, free, keep)


def large_neighbourhood_search(
    problem: Problem,
    cand: Candidates,
    placements: Placements,
    counts: Counts,
    *,
    deadline: float,
    stop: threading.Event | Callable[[], bool] | None = None,
    on_improve: Callable[[int], None] | None = None,
    seed: int = 0,
    workers: int = 2,
    step_seconds: float = 0.3,
    max_steps: int | None = None,
    deterministic: bool = False,
    max_options: int = 3000,
    side: Callable[[Callable[[], bool], Callable[[tuple[Placements, Counts] | None], None]],
                   tuple[Placements, Counts] | None] | None = None,
) -> tuple[Placements, Counts, SearchStats]:
    """Improve ``(placements, counts)`` until ``deadline`` (perf_counter) or ``max_steps``.

    ``workers`` searches (at most one per core) run side by side on one shared plan, each
    solving its sub-models with one CP-SAT worker (with its LP relaxation). While one thread
    solves (CP-SAT releases the GIL) another builds its next sub-model in Python, a large part
    of a step (docs/benchmarks.md). A result whose plan another thread changed meanwhile is applied only when the changes have no
    learner and no class kind in common and the merged plan keeps the rules they share
    (:meth:`_Shared.offer`). Deterministic runs use one thread (and ``workers`` CP-SAT workers
    per sub-model, without the LP), so they give the same plan every time.

    ``side(stopped, hand)``, when given, runs first in the last thread (a plan from elsewhere, such
    as the column-generation dive); the plan it returns replaces the shared one when it is cheaper,
    and that thread then searches too. ``hand(plan)`` does the same at once, while ``side`` goes on
    (the rounded LP before the dive).
    """
    shared = _Shared(placements, counts, placement_objective(problem, cand, placements, counts))
    stats = SearchStats()
    threads = 1 if deterministic else max(1, min(workers, os.cpu_count() or 1))

    halt = threading.Event()  # set when a thread fails: the others finish their step and end

    def stopped() -> bool:
        if halt.is_set():
            return True
        if stop is None:
            return False
        return stop.is_set() if isinstance(stop, threading.Event) else bool(stop())

    positions = option_index(cand)  # (read only: the threads share it)

    def run(index: int) -> None:
        rng = random.Random(seed if index == 0 else seed * 7919 + index)
        hoods = Neighbourhoods(problem, cand, rng, max_options)
        while not stopped():
            left = deadline - time.perf_counter()
            with shared.lock:
                if max_steps is not None and stats.steps >= max_steps:
                    break
                placements, counts, version = shared.placements, shared.counts, shared.version
            if max_steps is None and left < max(0.3, 0.25 * step_seconds):
                break
            members, members_of = class_members(placements)
            kind = hoods.pick_kind()
            hood = hoods.build(kind, counts, members, members_of)
            sub, free = restrict(problem, cand, hood, placements, counts, hoods.max_learners * 2, rng, positions)
            if not free:
                with shared.lock:
                    stats.steps += 1
                hoods.reward(kind, False)
                continue
            model = build_model(problem, sub)
            model.add_hint({lid: placements[lid] for lid in free},
                           {k: n for k, n in counts.items() if k in hood.free})
            solver = _sub_solver(rng, workers, threads, step_seconds, left, deterministic)
            status = _solve_watched(solver, model, stop, stopped)
            solution = model.extract(solver) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
            improved = False
            with shared.lock:
                stats.steps += 1
                if solution is not None:
                    improved = shared.offer(problem, cand, solution, (placements, counts), hood, version,
                                            placement_objective, stats, on_improve)
                stats.by_kind[kind][0] += 1
                stats.by_kind[kind][1] += int(improved)
            hoods.reward(kind, improved)
            log.debug("lns step %d (%s, %d free learners, %d kinds): %s best %d", stats.steps, kind, len(free),
                      len(hood.keep), solver.status_name(status), shared.best)

    errors: list[BaseException] = []

    def hand(found: tuple[Placements, Counts] | None) -> None:
        if found is not None:
            with shared.lock:
                shared.adopt(found, placement_objective(problem, cand, *found), stats, on_improve)

    def guarded(index: int) -> None:
        try:
            if side is not None and index == threads - 1:
                hand(side(stopped, hand))
            run(index)
        except BaseException as exc:  # re-raised in the caller's thread below
            errors.append(exc)
            halt.set()

    helpers = [threading.Thread(target=guarded, args=(i,), daemon=True) for i in range(1, threads)]
    for t in helpers:
        t.start()
    guarded(0)
    for t in helpers:
        t.join()
    if errors:
        raise errors[0]
    stats.stale_merged, stats.stale_rejected = shared.stale_merged, shared.stale_rejected
    return shared.placements, shared.counts, stats


def _sub_solver(rng: random.Random, workers: int, threads: int, step_seconds: float, left: float,
                deterministic: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.random_seed = rng.randrange(1 << 30)
    prm.cp_model_probing_level = 0
    # Sub-models are small and start from a complete hint: presolve costs more than it
    # gains (more steps, better plans: docs/benchmarks.md).
    prm.cp_model_presolve = False
    if deterministic:
        # Two workers without the LP relaxation: better in most paired runs (docs/benchmarks.md).
        prm.num_workers = workers
        prm.linearization_level = 0
        prm.interleave_search = True
        prm.max_deterministic_time = step_seconds
        prm.max_time_in_seconds = 30 * step_seconds
    else:
        # One worker with the LP per thread; threads share the cores. A lone worker needs the
        # LP: without it the plans were worse (docs/benchmarks.md).
        prm.num_workers = 1 if threads > 1 else workers
        prm.linearization_level = 1 if prm.num_workers == 1 else 0
        prm.max_time_in_seconds = max(0.2, min(step_seconds, left))
    return solver


def _solve_watched(solver: cp_model.CpSolver, model, stop, stopped: Callable[[], bool]) -> cp_model.CpSolverStatus:
    """Solve, stopping the solver as soon as ``stopped()`` says so."""
    if stop is None:
        return solve_guarded(solver, model.cp)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if stopped():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return solve_guarded(solver, model.cp)
    finally:
        done.set()
        watcher.join()


@dataclass
class _Change:
    learners: set[str]
    kinds: set[Kind]


class _Shared:
    """The plan the search threads share, and the changes made to it (``version`` counts them)."""

    def __init__(self, placements: Placements, counts: Counts, best: int) -> None:
        self.lock = threading.Lock()
        self.placements, self.counts, self.best = placements, counts, best
        self.changes: list[_Change] = []
        self.stale_merged = self.stale_rejected = 0

    @property
    def version(self) -> int:
        return len(self.changes)

    def adopt(self, plan: tuple[Placements, Counts], value: int, stats: SearchStats,
              on_improve: Callable[[int], None] | None) -> bool:
        """Replace the whole plan by ``plan`` (objective ``value``) when it is cheaper; results
        of steps started before then are stale and rejected (the change touches everything)."""
        if value >= self.best:
            return False
        self.placements, self.counts, self.best = dict(plan[0]), dict(plan[1]), value
        self.changes.append(_Change(set(self.placements), set(self.counts)))  # every learner: all later offers conflict
        stats.improvements += 1
        if on_improve is not None:
            on_improve(value)
        return True

    def offer(self, problem: Problem, cand: Candidates, sub: tuple[Placements, Counts], base: tuple[Placements, Counts],
              hood: Hood, version: int, objective, stats: SearchStats, on_improve: Callable[[int], None] | None) -> bool:
        """Apply a sub-model's solution, solved from the plan ``base`` of ``version``, when the
        plan stays valid and no worse. Called with the lock held. Returns whether it improved.

        What a solution changes: the learners whose placement differs from ``base``, and the
        class kinds whose count differs or which such a learner leaves or joins. When another
        thread changed the plan meanwhile, the change is applied only if it has no learner and
        no kind in common with the changes made since, and :func:`merge_fits` holds. The
        rules within a class kind or a household then hold as in the sub-model's solution."""
        sub_placements, sub_counts = sub
        base_placements, base_counts = base
        moved = {lid for lid, pl in sub_placements.items() if pl != base_placements.get(lid)}
        # a kind the sub-model could use is either free (its classes re-planned) or had none
        delta = {k: d for k in hood.keep if (d := sub_counts.get(k, 0) - base_counts.get(k, 0))}
        kinds = set(delta)
        for lid in moved:
            for pl in (sub_placements[lid], base_placements.get(lid)):
                if pl is not None and (k := _class_kind(pl)) is not None:
                    kinds.add(k)
        if not moved and not delta:
            return False
        stale = version != self.version
        if stale and any(c.learners & moved or c.kinds & kinds for c in self.changes[version:]):
            self.stale_rejected += 1
            return False
        merged = dict(self.placements)
        merged.update({lid: sub_placements[lid] for lid in moved})
        merged_counts = dict(self.counts)
        for k, d in delta.items():
            merged_counts[k] = merged_counts.get(k, 0) + d
            if not merged_counts[k]:
                del merged_counts[k]
        if stale and not merge_fits(problem, cand, merged, merged_counts, moved):
            self.stale_rejected += 1
            return False
        if not splittable(problem, cand, merged, merged_counts, kinds):
            return False  # the counts fit, but households or "niet met" pairs cannot be divided
        value = objective(problem, cand, merged, merged_counts)
        if value > self.best:
            return False
        improved = value < self.best
        self.placements, self.counts, self.best = merged, merged_counts, value
        self.changes.append(_Change(moved, kinds))
        self.stale_merged += int(stale)
        if improved:
            stats.improvements += 1
            if on_improve is not None:
                on_improve(value)
        return improved


def merge_fits(problem: Problem, cand: Candidates, placements: Placements, counts: Counts,
               moved: set[str]) -> bool:
    """Whether a plan merged from two sub-model solutions keeps the rules that reach across
    class kinds: teachers and rooms per daypart and week, running classes' free seats and
    "niet met" pairs in them (for the ``moved`` learners), the wait budget and the misfit cap.

    Everything else is local to a class kind or a household, and the two neighbourhoods had
    none of those in common."""
    teachers, rooms = cand.caps or resource_caps(problem)
    use_t: dict[tuple[str, int], int] = defaultdict(int)
    use_r: dict[tuple[str, str, int], int] = defaultdict(int)
    for (f, s), n in counts.items():
        if n <= 0:
            continue
        fam = cand.families[f]
        for d, t in class_occupancy(problem, fam, s):
            use_t[d, t] += n
            use_r[fam.location, d, t] += n
    if any(n > teachers.get(k, 0) for k, n in use_t.items()) or any(n > rooms.get(k, 0) for k, n in use_r.items()):
        return False
    in_running: dict[str, set[str]] = defaultdict(set)
    for lid, pl in placements.items():
        if pl is not None and pl.option.running is not None:
            in_running[pl.option.running].add(lid)
    for rid, members in in_running.items():
        if len(members) > problem.running_by_id[rid].free_seats:
            return False
    for lid in moved:
        pl = placements.get(lid)
        if pl is None or pl.option.running is None:
            continue
        lr = problem.learner_by_id[lid]
        for other in in_running[pl.option.running]:
            if other in lr.not_with or lid in problem.learner_by_id[other].not_with:
                return False
    if cand.wait_budget is not None and sum(
            wait_weeks(problem, lid, pl) for lid, pl in placements.items()) > cand.wait_budget:
        return False
    if cand.min_placed is not None and sum(pl is not None for pl in placements.values()) < cand.min_placed:
        return False
    return cand.misfit_cap is None or misfit_excess(problem, cand, placements) <= cand.misfit_room

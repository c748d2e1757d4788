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
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .candidates import Candidates, Placement, class_occupancy
from .domain import Problem
from .greedy import Counts
from .model import build_model

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


def restrict(problem: Problem, cand: Candidates, hood: Hood, placements: Placements, counts: Counts,
             max_waiting: int | None = None, rng: random.Random | None = None
             ) -> tuple[Candidates, set[str]]:
    """The sub-model's candidates: kinds in ``hood.keep`` (families keep their indices), the free
    learners' options within them, and the resources the fixed classes use, reserved.

    At most ``max_waiting`` learners in all are free (waiting learners are sampled to fit).
    Returns the candidates (family indices as in ``cand``) and the free learners.
    """
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
    keep_fams = set(weeks)
    J = cand.late_join
    waiting: list[str] = []
    for lid, pl in placements.items():  # waiting learners who could use the neighbourhood
        if pl is not None or lid in free_learners:
            continue
        a = cand.avail[lid]
        for o in cand.options[lid]:
            if o.family in keep_fams and ((o.slot is None and any(s >= a - J for s in weeks[o.family]))
                                          or o.slot in hood.keep):
                waiting.append(lid)
                break
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
        a = cand.avail[lid]
        sub.options[lid] = [
            o for o in cand.options[lid]
            if o.running is not None
            or (o.family in keep_fams
                and (o.slot in hood.keep if o.slot is not None else any(t >= a - J for t in weeks[o.family])))]
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


class Neighbourhoods:
    """Neighbourhoods around a plan, sized to a budget of free learners and options."""

    KINDS = ("around", "window", "location", "band")

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
        self.weights = dict.fromkeys(self.KINDS, 1.0)
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
        if kind == "location":
            pick = set(rng.sample(self.locations, min(len(self.locations), rng.choice((1, 1, 2)))))
            return {(f, t) for f, t in self.all if fams[f].location in pick}
        if kind == "window":
            start = rng.randrange(self.p.horizon_weeks)
            width = rng.choice((2, 3, 4))
            return {(f, t) for f, t in self.all if start <= t < start + width}
        if kind == "band":
            lo = rng.randrange(0, 100, 5)
            width = rng.choice((15, 25, 35))
            return {(f, t) for f, t in self.all if lo <= fams[f].level < lo + width}
        # around: kinds close to a few current classes of one route
        seeds = rng.sample(open_kinds, min(len(open_kinds), rng.choice((2, 4, 6)))) if open_kinds else []
        radius = rng.choice((2, 3, 4))
        out: set[Kind] = set()
        for sf, st in seeds:
            a = fams[sf]
            for f, t in self.all:
                b = fams[f]
                if b.route != a.route or abs(t - st) > radius or abs(b.level - a.level) > 2 * self.p.level_step:
                    continue
                if b.location == a.location or b.schedule == a.schedule:
                    out.add((f, t))
        return out

    def build(self, kind: str, counts: Counts, members: dict[Kind, int]) -> Hood:
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
) -> tuple[Placements, Counts, SearchStats]:
    """Improve ``(placements, counts)`` until ``deadline`` (perf_counter) or ``max_steps``."""
    from .solve import placement_objective

    rng = random.Random(seed)
    hoods = Neighbourhoods(problem, cand, rng, max_options)
    best = placement_objective(problem, cand, placements, counts)
    stats = SearchStats()

    def stopped() -> bool:
        if stop is None:
            return False
        return stop.is_set() if isinstance(stop, threading.Event) else bool(stop())

    while not stopped():
        left = deadline - time.perf_counter()
        if max_steps is not None and stats.steps >= max_steps:
            break
        if max_steps is None and left < max(0.3, 0.25 * step_seconds):
            break
        members: dict[Kind, int] = defaultdict(int)
        for pl in placements.values():
            if pl is not None and (k := _class_kind(pl)) is not None:
                members[k] += 1
        kind = hoods.pick_kind()
        hood = hoods.build(kind, counts, members)
        sub, free = restrict(problem, cand, hood, placements, counts, hoods.max_learners * 2, rng)
        if not free:
            stats.steps += 1
            hoods.reward(kind, False)
            continue
        model = build_model(problem, sub)
        model.add_hint({lid: placements[lid] for lid in free}, {k: n for k, n in counts.items() if k in hood.free})
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.num_workers = workers
        prm.random_seed = rng.randrange(1 << 30)
        prm.cp_model_probing_level = 0
        # Sub-models are small and start from a complete hint: presolve costs more than it
        # gains. Measured at 30 s, two seeds each: 27-89% more steps; M-sample-1 -1.7%,
        # M-base-3 -2.4%, M-base-2 -0.7%, L-base-1 -2.2% (docs/benchmarks.md, levers).
        prm.cp_model_presolve = False
        # No LP relaxation in the sub-solves either: of 10 paired 30 s runs (M and L cases, two
        # variants) 8 were better (up to 1.9%), 2 worse by at most 0.15% (docs/benchmarks.md).
        prm.linearization_level = 0
        if deterministic:
            prm.interleave_search = True
            prm.max_deterministic_time = step_seconds
            prm.max_time_in_seconds = 30 * step_seconds
        else:
            prm.max_time_in_seconds = max(0.2, min(step_seconds, left))
        watcher_done = threading.Event()
        watcher = None
        if stop is not None:
            def watch(s: cp_model.CpSolver = solver, done: threading.Event = watcher_done) -> None:
                while not done.wait(0.05):
                    if stopped():
                        s.stop_search()
                        return

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        status = solver.solve(model.cp)
        watcher_done.set()
        if watcher is not None:
            watcher.join()
        stats.steps += 1
        improved = False
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            sub_placements, sub_counts = model.extract(solver)
            merged = dict(placements)
            merged.update(sub_placements)
            merged_counts = {k: n for k, n in counts.items() if k not in hood.free}
            for k, n in sub_counts.items():
                if n:
                    merged_counts[k] = merged_counts.get(k, 0) + n
            value = placement_objective(problem, cand, merged, merged_counts)
            if value <= best:
                improved = value < best
                placements, counts, best = merged, merged_counts, value
                if improved:
                    stats.improvements += 1
                    if on_improve is not None:
                        on_improve(best)
        stats.by_kind[kind][0] += 1
        stats.by_kind[kind][1] += int(improved)
        hoods.reward(kind, improved)
        log.debug("lns step %d (%s, %d free learners, %d kinds): %s best %d", stats.steps, kind, len(free),
                  len(hood.keep), solver.status_name(status), best)
    return placements, counts, stats


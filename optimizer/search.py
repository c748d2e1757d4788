"""Large-neighbourhood search with CP-SAT on restricted models (a matheuristic).

The full model has an option per learner x location x schedule x week x level; for a few
hundred learners that is ~100k booleans, too many for CP-SAT to improve quickly on two
cores. Here CP-SAT instead solves, again and again, the *same* model restricted to a
neighbourhood of slots: the classes of the current plan plus slots close to them (another
week, level, location or schedule), or everything in one week window, location or level
band. Learners keep every option inside the neighbourhood, so each step may reshuffle
everybody. A step is accepted when it is no worse; the current plan is always the hint, so a
step never loses it.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from .candidates import Candidates, Placement
from .domain import Problem
from .greedy import Counts
from .model import build_model

log = logging.getLogger(__name__)

Placements = dict[str, Placement | None]


def restrict(cand: Candidates, keep: list[tuple[int, int]]) -> tuple[Candidates, list[int]]:
    """The candidates with only the (family, week) pairs in ``keep``, families reindexed.

    Returns the restricted candidates and the original index of each kept family.
    """
    weeks: dict[int, list[int]] = defaultdict(list)
    for f, t in keep:
        weeks[f].append(t)
    fams = sorted(weeks)
    remap = {old: new for new, old in enumerate(fams)}
    sub = Candidates(
        families=[cand.families[f] for f in fams],
        weeks=[sorted(weeks[f]) for f in fams],
        max_classes={(remap[f], t): cand.max_classes[f, t] for f, t in keep},
        waitlist_cost=cand.waitlist_cost, avail=cand.avail, wait_rate=cand.wait_rate, since=cand.since,
        late_join=cand.late_join, horizon=cand.horizon,
        locked_count={(remap[f], t): v for (f, t), v in cand.locked_count.items() if (f, t) in set(keep)},
        raw_best=cand.raw_best,
    )
    sub.family_index = {fam: i for i, fam in enumerate(sub.families)}
    kept = set(keep)
    for lid, opts in cand.options.items():
        out = []
        a = cand.avail[lid]
        for o in opts:
            if o.running is not None:
                out.append(o)
            elif o.family in remap:
                if o.slot is None:
                    if any(t >= a - cand.late_join for t in weeks[o.family]):
                        out.append(replace(o, family=remap[o.family]))
                elif o.slot in kept:
                    out.append(replace(o, family=remap[o.family]))
        sub.options[lid] = out
    for lid, o in cand.forced.items():
        sub.forced[lid] = replace(o, family=remap[o.family]) if o is not None and o.family is not None else o
    return sub, fams


@dataclass
class SearchStats:
    steps: int = 0
    improvements: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


class Neighbourhoods:
    """Sets of class kinds (family, week) around a plan; each kind of neighbourhood is chosen
    in proportion to its recent success."""

    KINDS = ("around", "window", "location", "band")

    def __init__(self, problem: Problem, cand: Candidates, rng: random.Random, max_options: int) -> None:
        self.p = problem
        self.cand = cand
        self.rng = rng
        self.max_options = max_options
        self.all = sorted(cand.max_classes)
        size: dict[tuple[int, int], int] = defaultdict(int)
        fam_avail: dict[int, list[int]] = defaultdict(list)
        for opts in cand.options.values():
            for o in opts:
                if o.running is None and o.slot is None:
                    fam_avail[o.family].append(cand.avail[o.learner])  # type: ignore[index]
                elif o.slot is not None:
                    size[o.slot] += 1
        for (f, t) in self.all:
            size[f, t] += sum(1 for a in fam_avail.get(f, ()) if a <= t)
        self.size = size
        self.by_family: dict[tuple, list[int]] = defaultdict(list)
        for i, fam in enumerate(cand.families):
            self.by_family[(fam.route, fam.language, fam.group)].append(i)
        self.weights = dict.fromkeys(self.KINDS, 1.0)
        # Pinned and locked classes always stay in.
        self.always = set(cand.locked_count) | {
            o.slot for o in cand.forced.values() if o is not None and o.slot is not None}

    def pick_kind(self) -> str:
        kinds = list(self.weights)
        return self.rng.choices(kinds, weights=[self.weights[k] for k in kinds])[0]

    def reward(self, kind: str, improved: bool) -> None:
        self.weights[kind] = 0.8 * self.weights[kind] + 0.2 * (3.0 if improved else 0.3)

    def build(self, kind: str, counts: Counts) -> list[tuple[int, int]]:
        fams = self.cand.families
        core = {ft for ft, n in counts.items() if n > 0} | self.always
        extra: set[tuple[int, int]] = set()
        if kind == "around":
            radius = self.rng.choice((2, 3, 4))
            for f, t in list(core):
                a = fams[f]
                for g in self.by_family[(a.route, a.language, a.group)]:
                    b = fams[g]
                    diff = (b.location != a.location) + (b.schedule != a.schedule) + (b.level != a.level)
                    if diff > 1 or abs(b.level - a.level) > 2 * self.p.level_step:
                        continue
                    for u in self.cand.weeks[g]:
                        if abs(u - t) <= radius and (diff == 0 or u == t):
                            extra.add((g, u))
        elif kind == "window":
            start = self.rng.randrange(self.p.horizon_weeks)
            width = self.rng.choice((2, 3, 4))
            extra = {(f, t) for f, t in self.all if start <= t < start + width}
        elif kind == "location":
            locs = sorted({fam.location for fam in fams})
            pick = set(self.rng.sample(locs, min(len(locs), self.rng.choice((1, 2)))))
            extra = {(f, t) for f, t in self.all if fams[f].location in pick}
        else:  # band
            lo = self.rng.randrange(0, 100, 5)
            width = self.rng.choice((15, 25, 35))
            extra = {(f, t) for f, t in self.all if lo <= fams[f].level < lo + width}
        extra -= core
        budget = self.max_options - sum(self.size[ft] for ft in core)
        chosen = set(core)
        order = sorted(extra)
        self.rng.shuffle(order)
        for ft in order:
            if budget <= 0:
                break
            chosen.add(ft)
            budget -= self.size[ft]
        return sorted(chosen)


def _to_sub(placements: Placements, remap: dict[int, int]) -> Placements:
    return {lid: (Placement(replace(pl.option, family=remap[pl.option.family]), pl.week, pl.start)
                  if pl is not None and pl.option.family is not None else pl) for lid, pl in placements.items()}


def _from_sub(placements: Placements, fams: list[int]) -> Placements:
    return {lid: (Placement(replace(pl.option, family=fams[pl.option.family]), pl.week, pl.start)
                  if pl is not None and pl.option.family is not None else pl) for lid, pl in placements.items()}


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
    workers: int = 4,
    step_seconds: float = 2.0,
    max_steps: int | None = None,
    deterministic: bool = False,
    max_options: int = 12000,
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
        if max_steps is None and left < 0.3:
            break
        kind = hoods.pick_kind()
        keep = hoods.build(kind, counts)
        sub, fams = restrict(cand, keep)
        remap = {old: new for new, old in enumerate(fams)}
        model = build_model(problem, sub)
        model.add_hint(_to_sub(placements, remap), {(remap[f], t): n for (f, t), n in counts.items() if f in remap})
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.num_workers = workers
        prm.random_seed = rng.randrange(1 << 30)
        prm.cp_model_probing_level = 0
        if deterministic:
            prm.interleave_search = True
            prm.max_deterministic_time = step_seconds
            prm.max_time_in_seconds = 30 * step_seconds
        else:
            prm.max_time_in_seconds = max(0.2, min(step_seconds, left))
        if stop is not None:
            watcher_done = threading.Event()

            def watch(s: cp_model.CpSolver = solver, done: threading.Event = watcher_done) -> None:
                while not done.wait(0.05):
                    if stopped():
                        s.stop_search()
                        return

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        status = solver.solve(model.cp)
        if stop is not None:
            watcher_done.set()
            watcher.join()
        stats.steps += 1
        improved = False
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value = round(solver.objective_value)
            if value <= best:
                sub_placements, sub_counts = model.extract(solver)
                placements = _from_sub(sub_placements, fams)
                counts = {(fams[f], t): n for (f, t), n in sub_counts.items() if n}
                improved = value < best
                best = value
                if improved:
                    stats.improvements += 1
                    if on_improve is not None:
                        on_improve(best)
        stats.by_kind[kind][0] += 1
        stats.by_kind[kind][1] += int(improved)
        hoods.reward(kind, improved)
        log.debug("lns step %d (%s, %d kinds): %s best %d", stats.steps, kind, len(keep), solver.status_name(status), best)
    return placements, counts, stats

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

from .candidates import Candidates, Option
from .domain import Problem
from .model import build_model

log = logging.getLogger(__name__)

Choice = dict[str, Option | None]


def choice_cost(problem: Problem, cand: Candidates, choice: Choice, counts: list[int]) -> int:
    """Objective of a complete choice (same value the model computes)."""
    total = sum(o.cost if o is not None else cand.waitlist_cost[lid] for lid, o in choice.items())
    return total + problem.weights.new_class * sum(counts)


def restrict(cand: Candidates, keep: list[int]) -> Candidates:
    """The candidates with only the slots in ``keep`` (sorted), reindexed."""
    remap = {old: new for new, old in enumerate(keep)}
    sub = Candidates(
        slots=[cand.slots[i] for i in keep],
        max_classes=[cand.max_classes[i] for i in keep],
        waitlist_cost=cand.waitlist_cost,
        locked_count={remap[i]: v for i, v in cand.locked_count.items() if i in remap},
        raw_best=cand.raw_best,
    )
    sub.slot_index = {s.key: i for i, s in enumerate(sub.slots)}
    for lid, opts in cand.options.items():
        sub.options[lid] = [
            replace(o, slot=remap[o.slot]) if o.slot is not None else o
            for o in opts if o.slot is None or o.slot in remap
        ]
    for lid, o in cand.forced.items():
        sub.forced[lid] = replace(o, slot=remap[o.slot]) if o is not None and o.slot is not None else o
    return sub


@dataclass
class SearchStats:
    steps: int = 0
    improvements: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


class Neighbourhoods:
    """Slot sets around a plan; each kind is chosen in proportion to its recent success."""

    KINDS = ("around", "window", "location", "band")

    def __init__(self, problem: Problem, cand: Candidates, rng: random.Random, max_options: int) -> None:
        self.p = problem
        self.cand = cand
        self.rng = rng
        self.max_options = max_options
        self.slot_size = [0] * len(cand.slots)
        for opts in cand.options.values():
            for o in opts:
                if o.slot is not None:
                    self.slot_size[o.slot] += 1
        self.by_family: dict[tuple, list[int]] = defaultdict(list)
        for i, s in enumerate(cand.slots):
            self.by_family[(s.route, s.language, s.group)].append(i)
        self.weights = dict.fromkeys(self.KINDS, 1.0)
        # Forced slots (pins, locks) always stay in.
        self.always = set(cand.locked_count) | {o.slot for o in cand.forced.values() if o is not None and o.slot is not None}

    def pick_kind(self) -> str:
        kinds = list(self.weights)
        return self.rng.choices(kinds, weights=[self.weights[k] for k in kinds])[0]

    def reward(self, kind: str, improved: bool) -> None:
        self.weights[kind] = 0.8 * self.weights[kind] + 0.2 * (3.0 if improved else 0.3)

    def build(self, kind: str, counts: list[int]) -> list[int]:
        open_slots = [i for i, n in enumerate(counts) if n > 0]
        core = set(open_slots) | self.always
        slots = self.cand.slots
        extra: set[int] = set()
        if kind == "around":
            radius = self.rng.choice((2, 3, 4))
            for i in open_slots:
                s = slots[i]
                for j in self.by_family[(s.route, s.language, s.group)]:
                    t = slots[j]
                    diff = (t.location != s.location) + (t.schedule != s.schedule) + (t.week != s.week) + (t.level != s.level)
                    if diff <= 1 and abs(t.week - s.week) <= radius and abs(t.level - s.level) <= 2 * self.p.level_step:
                        extra.add(j)
        elif kind == "window":
            start = self.rng.randrange(self.p.horizon_weeks)
            width = self.rng.choice((2, 3, 4))
            extra = {i for i, s in enumerate(slots) if start <= s.week < start + width}
        elif kind == "location":
            locs = sorted({s.location for s in slots})
            pick = set(self.rng.sample(locs, min(len(locs), self.rng.choice((1, 2)))))
            extra = {i for i, s in enumerate(slots) if s.location in pick}
        else:  # band
            lo = self.rng.randrange(0, 100, 5)
            width = self.rng.choice((15, 25, 35))
            extra = {i for i, s in enumerate(slots) if lo <= s.level < lo + width}
        extra -= core
        budget = self.max_options - sum(self.slot_size[i] for i in core)
        chosen = set(core)
        order = list(extra)
        self.rng.shuffle(order)
        for j in order:
            if budget <= 0:
                break
            chosen.add(j)
            budget -= self.slot_size[j]
        return sorted(chosen)


def _to_sub(choice: Choice, remap: dict[int, int]) -> Choice:
    return {lid: (replace(o, slot=remap[o.slot]) if o is not None and o.slot is not None else o) for lid, o in choice.items()}


def large_neighbourhood_search(
    problem: Problem,
    cand: Candidates,
    choice: Choice,
    counts: list[int],
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
) -> tuple[Choice, list[int], SearchStats]:
    """Improve ``(choice, counts)`` until ``deadline`` (perf_counter) or ``max_steps``."""
    rng = random.Random(seed)
    hoods = Neighbourhoods(problem, cand, rng, max_options)
    best = choice_cost(problem, cand, choice, counts)
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
        remap = {old: new for new, old in enumerate(keep)}
        sub = restrict(cand, keep)
        model = build_model(problem, sub)
        model.add_hint(_to_sub(choice, remap), [counts[i] for i in keep])
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
                sub_choice = model.x.extract(solver)
                sub_counts = model.n.extract(solver)
                choice = {lid: (replace(o, slot=keep[o.slot]) if o is not None and o.slot is not None else o)
                          for lid, o in sub_choice.items()}
                counts = [0] * len(cand.slots)
                for j, n in enumerate(sub_counts):
                    counts[keep[j]] = n
                improved = value < best
                best = value
                if improved:
                    stats.improvements += 1
                    if on_improve is not None:
                        on_improve(best)
        stats.by_kind[kind][0] += 1
        stats.by_kind[kind][1] += int(improved)
        hoods.reward(kind, improved)
        log.debug("lns step %d (%s, %d slots): %s best %d", stats.steps, kind, len(keep), solver.status_name(status), best)
    return choice, counts, stats

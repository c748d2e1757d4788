"""The problem in independent parts, and a lower bound part by part (issue 22, item 4).

Learners fall into **parts** that no class, running class or household joins: two learners are in
one part when both could enter a class of one family (route, location, schedule, level band), both
could take a seat in one running class, or they live in one household ("samen"). Across parts only
teachers and rooms are shared. Leaving those limits out between parts is a relaxation, so the sum
of the parts' lower bounds is a lower bound of the whole: every plan, cut into its parts, is a plan
of each part, and its objective is the sum of theirs (classes, seats and waiting are counted per
learner or per class).

**Why:** without PDLP (a frozen build), on 3,000 learners (`XL-base-1`), where GLOP cannot solve
the whole LP in the time, the three small routes converge in 17 s and raise the bound from 580,314
to 603,451, while the B1 route (2,179 learners) keeps its trivial bound. With PDLP ``solve`` runs
the whole LP instead (XL-base-1 at 300 s: 651,756 against 635,944 part by part), and not below
2,000 learners either way (``solve._large_side``): on the 1,500-learner city case the B1 route's
LP (1,114 learners) was no faster than the whole LP, and where routes share teachers that bind,
the sum is lower than the whole LP (docs/benchmarks.md).
"""

from __future__ import annotations

import copy
import time
from collections import defaultdict
from collections.abc import Callable

from .candidates import Candidates, Counts, Placements, resource_caps
from .colgen import INF, Bound, ColumnGeneration, OutOfTime, class_resources
from .domain import Problem

BUNDLE = 20
"""Parts smaller than this go into one LP together (learners with no class to enter, pairs):
one LP for them all instead of hundreds of tiny ones."""


def parts(problem: Problem, cand: Candidates) -> list[list[str]]:
    """The learners (with candidates) in parts that share no family, running class or household,
    smallest first; each part's learners in the candidates' order."""
    parent: dict[tuple[str, object], tuple[str, object]] = {}

    def find(x: tuple[str, object]) -> tuple[str, object]:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def join(a: tuple[str, object], b: tuple[str, object]) -> None:
        parent[find(a)] = find(b)

    for lid, opts in cand.options.items():
        find(("l", lid))
        for o in opts:
            if o.family is not None:
                join(("l", lid), ("f", o.family))
            if o.running is not None:
                join(("l", lid), ("r", o.running))
    for lr in problem.learners:
        if lr.together and lr.id in cand.options:
            join(("l", lr.id), ("h", lr.together))
    groups: dict[tuple[str, object], list[str]] = defaultdict(list)
    for lid in cand.options:
        groups[find(("l", lid))].append(lid)
    return sorted(groups.values(), key=len)


def part_candidates(cand: Candidates, lids: list[str]) -> Candidates:
    """``cand`` for these learners alone: their options and the class kinds of their families."""
    keep = set(lids)
    sub = copy.copy(cand)
    sub.options = {lid: opts for lid, opts in cand.options.items() if lid in keep}
    families = {o.family for opts in sub.options.values() for o in opts if o.family is not None}
    sub.max_classes = {kind: n for kind, n in cand.max_classes.items() if kind[0] in families}
    return sub


def _bundled(groups: list[list[str]]) -> list[list[str]]:
    """Parts smaller than :data:`BUNDLE` joined into one group (still smallest first)."""
    small = [lid for g in groups if len(g) < BUNDLE for lid in g]
    large = [g for g in groups if len(g) >= BUNDLE]
    return sorted(([small] if small else []) + large, key=len)


def bound_by_parts(problem: Problem, cand: Candidates, deadline: float, stop: Callable[[], bool] | None = None,
                   max_part: int | None = None, lps: list[ColumnGeneration] | None = None) -> tuple[Bound, int]:
    """A lower bound of ``problem`` as the sum of its parts' column-generation bounds, the
    smallest part first, each in an even share of the time left (a part done early leaves its
    time to the next; the largest has what is left). A part larger than ``max_part`` learners
    (its LP would not converge in time) and the parts not reached by ``deadline`` or ``stop()``
    count with their trivial bound. Returns the bound and how many parts had an LP; ``lps``, when
    given, receives each part's column generation (for :func:`rounded_by_parts`)."""
    groups = _bundled(parts(problem, cand))
    value, lp, iterations, columns, seconds, solved = 0, 0.0, 0, 0, 0.0, 0
    converged = True
    for i, lids in enumerate(groups):
        left = deadline - time.perf_counter()
        run = not (max_part is not None and len(lids) > max_part) and left > 0 and not (stop is not None and stop())
        b = _lp_bound(problem, cand, lids, deadline, time.perf_counter() + left / (len(groups) - i), stop, lps) \
            if run else None
        trivial = sum(cand.cheapest(lid) for lid in lids)
        if b is None:
            b = Bound(trivial, INF, False, 0, 0, 0.0)
        else:
            solved += 1
        value += max(b.value, trivial)
        lp = lp + b.lp if b.converged else INF
        converged = converged and b.converged
        iterations, columns, seconds = iterations + b.iterations, columns + b.columns, seconds + b.seconds
    return Bound(value, lp, converged, iterations, columns, seconds), solved


def _lp_bound(problem: Problem, cand: Candidates, lids: list[str], deadline: float, until: float,
              stop: Callable[[], bool] | None, lps: list[ColumnGeneration] | None) -> Bound | None:
    """The column-generation bound of one part by ``until`` (``None`` when its setup does not
    finish by ``deadline``)."""
    try:
        cg = ColumnGeneration(problem, part_candidates(cand, lids), deadline=deadline)
    except OutOfTime:
        return None
    if lps is not None:
        lps.append(cg)
    return cg.run(until, stop=stop)


def rounded_by_parts(problem: Problem, cand: Candidates, lps: list[ColumnGeneration]) -> tuple[Placements, Counts] | None:
    """The parts' LPs rounded (:meth:`~optimizer.colgen.ColumnGeneration.rounded`) into one start:
    each part's classes (no learner in two: parts share none), within the teachers and rooms they
    share, the largest part first. Complete and validate it like a dived
    plan. Each part's PDLP process ends here."""
    teachers, rooms = cand.caps or resource_caps(problem)
    used: dict[tuple, int] = defaultdict(int)

    def fits(family: int, start: int) -> bool:
        keys = class_resources(problem, cand, family, start)
        if any(used[key] + 1 > (teachers if key[0] == "t" else rooms).get(key[1:], 0) for key in keys):
            return False
        for key in keys:
            used[key] += 1
        return True

    placements: Placements = dict.fromkeys(cand.options)
    counts: Counts = defaultdict(int)
    found = False
    for cg in sorted(lps, key=lambda cg: -len(cg.lids)):
        part = cg.rounded(fits)
        cg.close()
        if part is None:
            continue
        found = True
        for lid, pl in part[0].items():
            if pl is not None:
                placements[lid] = pl
        for kind, n in part[1].items():
            counts[kind] += n
    return (placements, dict(counts)) if found else None

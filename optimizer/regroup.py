"""Exact regrouping by level within a class kind: an improvement step after any search.

Classes that share everything but their level — route, location, schedule, start week,
language and group — cost every member the same except for misfit. So their members can be
re-divided over (at most) the same number of classes to minimise total misfit without
touching anything else: a dynamic programme over the members sorted by leerbaarheid, cutting
them into consecutive groups that respect the size rules (first-day minimum, maximum), the
spread rule and the level grid. Pools with households, "niet met" pairs or pins are left
alone (their extra rules are the model's job).

The one exception to "only misfit changes" is an earlier plan (``problem.previous``): a
learner whose class changes level pays the move penalty. So a new division is kept only when
the exact objective of the pool (every member's option cost, plus the cost per class) goes
down, and ``saved`` is that exact difference.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate

from .candidates import Candidates, Family, Placement
from .domain import Problem

Placements = dict[str, Placement | None]
Counts = dict[tuple[int, int], int]


def _best_level(scores: list[int], prefix: list[int], i: int, j: int, half: float, step: int) -> tuple[int, int] | None:
    """(cost, level) of the best grid level for sorted scores[i:j], within the spread rule."""
    lo_allowed = max(0.0, scores[j - 1] - half)
    hi_allowed = min(100.0, scores[i] + half)
    if lo_allowed > hi_allowed:
        return None
    median = scores[(i + j - 1) // 2]
    first = -(-int(lo_allowed) // step) * step
    if first < lo_allowed:
        first += step
    candidates = {min(max(median - median % step, first), int(hi_allowed) // step * step),
                  min(max(median - median % step + step, first), int(hi_allowed) // step * step)}
    best = None
    for lv in candidates:
        if not lo_allowed <= lv <= hi_allowed:
            continue
        k = bisect_left(scores, lv, i, j)
        cost = lv * (k - i) - (prefix[k] - prefix[i]) + (prefix[j] - prefix[k]) - lv * (j - k)
        if best is None or cost < best[0]:
            best = (cost, lv)
    return best


def partition(scores: list[int], starter: list[bool], classes: int, lo: int, hi: int, spread: int,
              step: int) -> tuple[int, list[tuple[int, int, int]]] | None:
    """Split sorted ``scores`` into at most ``classes`` consecutive groups, minimising misfit.

    Each group has at most ``hi`` members, at least ``lo`` of them starters, and all within
    spread/2 of its level (a multiple of ``step``). Returns (cost, [(i, j, level), ...]).
    """
    n = len(scores)
    prefix = [0, *accumulate(scores)]
    starters = [0, *accumulate(int(s) for s in starter)]
    half = spread / 2
    inf = float("inf")
    # best[c][j]: min cost of the first j members in exactly c groups
    best = [[inf] * (n + 1) for _ in range(classes + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (n + 1) for _ in range(classes + 1)]
    best[0][0] = 0
    for c in range(1, classes + 1):
        for j in range(1, n + 1):
            for i in range(max(0, j - hi), j):
                if best[c - 1][i] == inf or starters[j] - starters[i] < lo:
                    continue
                if scores[j - 1] - scores[i] > spread:
                    continue
                found = _best_level(scores, prefix, i, j, half, step)
                if found is None:
                    continue
                cost = best[c - 1][i] + found[0]
                if cost < best[c][j]:
                    best[c][j] = cost
                    back[c][j] = (i, found[1])
    options = [(best[c][n], c) for c in range(1, classes + 1) if best[c][n] < inf]
    if not options:
        return None
    cost, c = min(options)
    groups = []
    j = n
    while c > 0:
        way = back[c][j]
        assert way is not None  # a finite best[c][j] was reached from somewhere
        i, lv = way
        groups.append((i, j, lv))
        j, c = i, c - 1
    return int(cost), groups[::-1]


def regroup(problem: Problem, cand: Candidates, placements: Placements, counts: Counts) -> tuple[Placements, Counts, int]:
    """Re-divide members of same-kind classes by level; returns the objective points saved."""
    lr_by = problem.learner_by_id
    special = {lr.id for lr in problem.learners if lr.together or lr.not_with or lr.pin}
    special |= {o for lr in problem.learners for o in lr.not_with}
    pools: dict[tuple, list[str]] = defaultdict(list)
    pool_classes: dict[tuple, int] = defaultdict(int)
    for (f, s), n in counts.items():
        fam = cand.families[f]
        pool_classes[(fam.route, fam.location, fam.schedule, fam.language, fam.group, s)] += n
    placed: dict[str, Placement] = {}  # the members of the pools, with their families
    family_of: dict[str, int] = {}
    for lid, pl in placements.items():
        if pl is None or pl.option.family is None:
            continue
        placed[lid], family_of[lid] = pl, pl.option.family
        fam = cand.families[pl.option.family]
        pools[(fam.route, fam.location, fam.schedule, fam.language, fam.group, pl.class_start)].append(lid)
    placements = dict(placements)
    counts = dict(counts)
    saved = 0
    per_class = problem.weights.new_class
    locked = {(cand.families[f].route, cand.families[f].location, cand.families[f].schedule,
               cand.families[f].language, cand.families[f].group, t) for (f, t) in cand.locked_count}
    for key, members in pools.items():
        if key in locked or any(m in special for m in members):
            continue
        route, loc, sched, lang, group, s = key
        r = problem.route_by_name[route]
        fams = {f for (f, t) in counts if t == s and cand.families[f].key(s)[:3] == (route, loc, sched)
                and cand.families[f].language == lang and cand.families[f].group == group}
        current = sum(abs(lr_by[m].level - cand.families[family_of[m]].level)
                      for m in members)
        members = sorted(members, key=lambda m: (lr_by[m].level, m))
        scores = [lr_by[m].level for m in members]
        starter = [placed[m].week == s for m in members]
        result = partition(scores, starter, pool_classes[key], r.min_size, r.max_size, r.max_spread, problem.level_step)
        if result is None or result[0] >= current:
            continue
        new: dict[str, Placement] = {}
        new_counts: Counts = defaultdict(int)
        ok = True
        for i, j, lv in result[1]:
            kind = cand.family_index.get(Family(route, loc, sched, lv, lang, group))
            if kind is None or (kind, s) not in cand.max_classes:
                ok = False
                break
            new_counts[kind, s] += 1
            for m in members[i:j]:
                week = placed[m].week
                opt = min((o for o in cand.options[m] if o.family == kind and o.start in (None, s)
                           and o.week in (None, week)), key=lambda o: o.static_cost, default=None)
                if opt is None:
                    ok = False
                    break
                new[m] = Placement(opt, week, s)
            if not ok:
                break
        if not ok or any(new_counts[k] > cand.max_classes[k] for k in new_counts):
            continue
        before = sum(cand.cost(placed[m].option, placed[m].week) for m in members)
        after = sum(cand.cost(pl.option, pl.week) for pl in new.values())
        gain = before - after + per_class * (pool_classes[key] - len(result[1]))
        if gain <= 0:
            continue
        for f in fams:
            counts.pop((f, s), None)
        for k, v in new_counts.items():
            counts[k] = counts.get(k, 0) + v
        placements.update(new)
        saved += gain
    return placements, counts, saved

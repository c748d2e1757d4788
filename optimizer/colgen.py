"""A proven lower bound by column generation over whole classes (Dantzig-Wolfe).

The model's own LP relaxation is weak on this problem: it may open a tenth of a class with a
tenth of its minimum size, so CP-SAT's bound and the trivial one (every learner at their
cheapest option) stay far below the plans found. Here a *column* is one whole class: a
family, a start week and a set of learners, with at least the route's minimum starting on
the first day and at most its maximum including those who join later. The LP may mix whole
classes fractionally, but every class in the mix is full enough, so this bound comes close to
the plans found (figures: docs/benchmarks.md, "Figures behind the optimizer's constants"); :meth:`dive` turns the LP into
such plans.

Master LP over the columns found so far::

    min  sum_col cost_col lam_col + sum_(i,r) c_ir x_ir + sum_i waitlist_i w_i
    s.t. sum_(col with i) lam_col + sum_r x_ir + w_i = 1      every learner i      (dual pi_i)
         sum_i x_ir <= free seats of running class r
         x_ir - x_jr = 0                         i, j of one household, r a running class
         sum_col use_col,k lam_col <= cap_k     teachers per (daypart, week) and rooms per
                                                (location, daypart, week), as in the model
         sum_(col of f,s) lam_col <= max_classes(f, s)
         sum_col weeks_col lam_col + sum_(i,r) weeks_ir x_ir + sum_i weeks_i w_i - s
                                  <= wait budget   only under a cap on the mean wait (dual mu)
         sum_i w_i - t <= learners - floor               only with a floor on the number placed (dual nu)
         lam, x, w, s, t >= 0

Under a cap on the mean wait (``cand.wait_budget``, ``solve(max_wait_mean=)``) the learners'
waiting weeks together stay within the budget, as in the model: a column counts its learners'
weeks from the wait's start to their entry, a waiting learner the waiting-list weeks. The row
is elastic (``s`` at a high price), so the LP has a solution before its columns can keep the
cap; the LP with ``s`` is still a relaxation, and the Lagrangian bound prices every entry at
``cost - pi - mu x weeks`` with ``mu <= 0`` and adds ``mu x budget``: a bound on the best plan
*within the cap* (the frontier's proof, ``frontier.py``). A floor on the number placed
(``cand.min_placed``, ``solve(min_placed=)``) is a row of the same kind on the waiting learners
(elastic too, dual ``nu <= 0``: the waiting list is priced at ``waitlist - pi - mu x weeks - nu``
and the bound adds ``nu x (learners - floor)``). :meth:`ColumnGeneration.retarget` moves both
rows' right-hand sides and keeps the columns (a class is a class under any cap), so the
frontier proves one cap after another from one LP.

Capacity and class-count rows enter the LP once its solution breaks them (until then the LP
is a relaxation of the one with the row, so every bound stays valid). A household ("samen")
shares one class in every valid plan, so a column holds all of a household or none of it; a
household cannot take a class kind that one of its members cannot take.

Pricing: for one (family, start week) the cheapest class under the duals is exact and
cheap: sort the starters and the joiners by reduced cost; for every number of starters k
between the minimum and the maximum take the k cheapest starters and the cheapest negative
joiners that still fit. All (family, week) pairs are priced at once with numpy. Where
households could join, a small dynamic programme over the households (by the starters and
joiners they bring) is combined with the same sorted single learners; still exact.

At every iteration the Lagrangian bound at the priced duals is valid: their dual objective
plus the most the classes could still gain (per route at most learners / minimum size
classes, per kind at most ``max_classes``, each at its best reduced cost). So a time limit
still leaves a proven bound; at convergence it equals the LP. Left out, which only lowers
the bound: "niet met" pairs, pins and locked classes.
"""

from __future__ import annotations

import copy
import itertools
import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from .candidates import (
    Candidates,
    Option,
    Placement,
    build_candidates,
    class_occupancy,
    resource_caps,
)
from .domain import Problem
from .firstorder import Worker
from .firstorder import available as firstorder_available
from .regroup import Counts, Placements

INF = float("inf")
SMOOTHING = 0.7
"""Wentges' weight on the best bound's duals in pricing (:meth:`ColumnGeneration.run`): on
1,000-1,500 learners the LP converges in three quarters of the time it took at 0.5, on 300 the
same; 0.8 is slower on 300 (docs/benchmarks.md)."""
TOWARD_TRIVIAL_STEPS = 11
"""Pricings of :meth:`ColumnGeneration.toward_trivial` (golden section to a 2% wide interval;
about 0.5 s each on 1,500 learners)."""
PDLP_LEARNERS = 800
"""From this many learners :meth:`ColumnGeneration.run` solves the master LP first by PDLP
(OR-Tools' first-order method, warm from its last solution, to the tolerances of
:data:`PDLP_TOLERANCES`), then by GLOP (simplex) to the exact end. GLOP's re-solves grow
faster than linearly with the learners (rows); PDLP's with the entries. On L-base-1 (1,000
learners) the bound was 233,000 after 40 s by PDLP and 229,851 after 123 s by GLOP alone; on 600
learners they were even, on 300 GLOP was faster (docs/benchmarks.md, "The master LP by PDLP")."""
PDLP_TOLERANCES = (1e-3, 1e-4)
"""PDLP's relative and absolute optimality tolerances, looser first: where nothing new enters the
LP at one, the next; after the last, GLOP."""
GLOP_PRIMAL = "use_preprocessing: false"
GLOP_DUAL = "use_preprocessing: false use_dual_simplex: true"
"""GLOP's settings: the primal simplex after new columns (the basis stays primal feasible), the
dual simplex where only bounds changed (a dive's fixings: the basis stays dual feasible). On
L-base-2 a dive's re-solves after fixings took 5-7.5 s each (4,200-6,400 iterations) by the
primal simplex, 1.1 s by the dual, while the dual after new columns took 6-8 s against 0.5-1.8 s
(docs/benchmarks.md, "The dive by the dual simplex after its fixings")."""
DUAL_DIVE_LEARNERS = 600
"""The dual simplex after a dive's fixings above this many learners only; up to it the primal, as
before: the dives end in time there either way, and the primal's (another optimal vertex, other
fixings) led to better plans on four of five M cases at 30 s (sum 353,339 against 353,728;
M-base-3 71,774 against 72,018; docs/benchmarks.md)."""
log = logging.getLogger(__name__)


class OutOfTime(RuntimeError):
    """Setting up the LP passed its deadline (a long planning period can take longer than a
    short run: docs/benchmarks.md); the caller goes on without it."""


def _check(deadline: float | None) -> None:
    if deadline is not None and time.perf_counter() >= deadline:
        raise OutOfTime("column generation setup passed its deadline")


@dataclass(frozen=True)
class Bound:
    """The result of :meth:`ColumnGeneration.run`."""

    value: int
    """Proven lower bound on the objective of every valid plan (integer: objectives are)."""
    lp: float
    """Value of the master LP over the columns found (the bound's limit from above)."""
    converged: bool
    """True when the bound reached the LP over all classes (within the relative tolerance): no
    more time would raise it."""
    iterations: int
    columns: int
    seconds: float

    def stats(self) -> dict[str, float | int | bool]:
        """The figures a plan's ``stats`` carry of it (``colgen_*``)."""
        return {"colgen_bound": self.value, "colgen_lp": round(self.lp, 1), "colgen_converged": self.converged,
                "colgen_iterations": self.iterations, "colgen_seconds": round(self.seconds, 2)}


@dataclass
class _Duals:
    """Duals of the master LP's rows (zero for rows not in the LP yet)."""

    pi: np.ndarray
    cap: np.ndarray
    count: np.ndarray
    seats: np.ndarray
    tie: np.ndarray
    wait: float = 0.0
    """Dual of the wait-budget row (at most 0; 0 without a cap)."""
    floor: float = 0.0
    """Dual of the placement-floor row (at most 0; 0 without a floor)."""

    def mix(self, other: _Duals, alpha: float) -> _Duals:
        """alpha x self + (1 - alpha) x other."""
        def m(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return alpha * a + (1 - alpha) * b
        return _Duals(m(self.pi, other.pi), m(self.cap, other.cap), m(self.count, other.count),
                      m(self.seats, other.seats), m(self.tie, other.tie),
                      alpha * self.wait + (1 - alpha) * other.wait, alpha * self.floor + (1 - alpha) * other.floor)


class _Entries:
    """Every (pair, learner) a class of that pair could take, as flat arrays; ``option`` and
    ``week`` say how (the learner's cheapest option for that class and their entry week)."""

    MAX_ENUMERATED = 4
    """Pairs with at most this many households are priced by enumerating their subsets."""

    def __init__(self, problem: Problem, cand: Candidates, pairs: list[tuple[int, int]],
                 learners: dict[str, int], households: list[list[int]], deadline: float | None = None) -> None:
        pidx = {ft: k for k, ft in enumerate(pairs)}
        J, H = cand.late_join, cand.horizon
        P: list[int] = []
        L: list[int] = []
        C: list[int] = []
        W: list[int] = []
        opts: list[Option] = []
        for lid, options in cand.options.items():
            i = learners[lid]
            a = cand.avail[lid]
            if i % 64 == 0:
                _check(deadline)
            for o in options:
                if o.running is not None:
                    continue
                if o.slot is not None:
                    assert o.week is not None  # a fixed-start option carries its entry week
                    P.append(pidx[o.slot])
                    L.append(i)
                    C.append(cand.cost(o, o.week))
                    W.append(o.week)
                    opts.append(o)
                    continue
                assert o.family is not None  # what is left is a family option
                rate, base = cand.wait_rate[lid], o.static_cost - cand.wait_rate[lid] * cand.since[lid]
                for s in cand.weeks[o.family]:
                    if s >= a:  # starts with the class
                        week = s
                    elif a - J <= s and a < H:  # joins it in their first week
                        week = a
                    else:
                        continue
                    P.append(pidx[o.family, s])
                    L.append(i)
                    C.append(base + rate * week)
                    W.append(week)
                    opts.append(o)
        pair = np.array(P, dtype=np.int64)
        learner = np.array(L, dtype=np.int64)
        cost = np.array(C, dtype=np.float64)
        entry_week = np.array(W, dtype=np.int64)
        # One entry per (pair, learner): the cheapest of their options for that class.
        order = np.lexsort((cost, learner, pair))
        first = np.ones(len(order), dtype=bool)
        first[1:] = (pair[order][1:] != pair[order][:-1]) | (learner[order][1:] != learner[order][:-1])
        keep = order[first]
        self.pair, self.learner, self.cost, self.week = pair[keep], learner[keep], cost[keep], entry_week[keep]
        self.option = [opts[k] for k in keep.tolist()]
        since = np.array([cand.since[lid] for lid in learners], dtype=np.float64)
        self.waited = (self.week - since[self.learner]).astype(np.float64) if len(self.week) else np.zeros(0)
        """Per entry the learner's waiting weeks (entry week minus the week their wait began)."""
        starts = np.array([s for _, s in pairs], dtype=np.int64)
        self.joiner = self.week > starts[self.pair] if len(pairs) else np.zeros(0, dtype=bool)
        routes = problem.route_by_name
        self.min_size = np.array([routes[cand.families[f].route].min_size for f, _ in pairs], dtype=np.int64)
        self.max_size = np.array([routes[cand.families[f].route].max_size for f, _ in pairs], dtype=np.int64)
        self.max_classes = np.array([cand.max_classes[ft] for ft in pairs], dtype=np.float64)
        self.index = {(int(p), int(lr)): e for e, (p, lr) in enumerate(zip(self.pair, self.learner, strict=True))}
        self._take_households(households)

    def _take_households(self, households: list[list[int]]) -> None:
        """Households enter classes whole: per pair where every member has an entry, one unit
        (``units[pair]``: entries, starters, joiners); no member's entry is priced alone."""
        self.units: dict[int, list[tuple[np.ndarray, int, int]]] = defaultdict(list)
        self.in_unit = np.isin(self.learner, [m for members in households for m in members])
        pairs_of: dict[int, set[int]] = defaultdict(set)
        for k, i in zip(self.pair[self.in_unit].tolist(), self.learner[self.in_unit].tolist(), strict=True):
            pairs_of[i].add(k)
        for members in households:
            for k in sorted(set.intersection(*(pairs_of[m] for m in members))):
                ents = np.array(sorted(self.index[k, m] for m in members), dtype=np.int64)
                joiners = int(self.joiner[ents].sum())
                self.units[k].append((ents, len(ents) - joiners, joiners))
        # Pairs with few households: every non-empty set of them is a row, priced with numpy
        # (:func:`_price`); pairs with more go through the dynamic programme one by one.
        unit_ents: list[np.ndarray] = []
        row_pair: list[int] = []
        row_a: list[int] = []
        row_b: list[int] = []
        inc_row: list[int] = []
        inc_unit: list[int] = []
        self.dp_pairs: list[int] = []
        self.row_units: list[list[np.ndarray]] = []
        for k, units in self.units.items():
            if len(units) > self.MAX_ENUMERATED:
                self.dp_pairs.append(k)
                continue
            first = len(unit_ents)
            unit_ents += [ents for ents, _, _ in units]
            for size in range(1, len(units) + 1):
                for subset in itertools.combinations(range(len(units)), size):
                    inc_row += [len(row_pair)] * size
                    inc_unit += [first + u for u in subset]
                    row_pair.append(k)
                    row_a.append(sum(units[u][1] for u in subset))
                    row_b.append(sum(units[u][2] for u in subset))
                    self.row_units.append([units[u][0] for u in subset])
        self.unit_flat = np.concatenate(unit_ents) if unit_ents else np.zeros(0, dtype=np.int64)
        self.unit_start = np.cumsum([0] + [len(x) for x in unit_ents[:-1]]).astype(np.int64)
        self.row_pair = np.array(row_pair, dtype=np.int64)
        self.row_a = np.array(row_a, dtype=np.int64)
        self.row_b = np.array(row_b, dtype=np.int64)
        self.inc_row = np.array(inc_row, dtype=np.int64)
        self.inc_unit = np.array(inc_unit, dtype=np.int64)


def class_resources(problem: Problem, cand: Candidates, family: int, start: int) -> list[tuple]:
    """The capacity rows a class uses: ("t", daypart, week) teachers and ("r", location,
    daypart, week) rooms, as the model counts them (:func:`class_occupancy`)."""
    fam = cand.families[family]
    out: list[tuple] = []
    for d, t in class_occupancy(problem, fam, start):
        out.append(("t", d, t))
        out.append(("r", fam.location, d, t))
    return out


def capacity_rows(problem: Problem, cand: Candidates, pairs: list[tuple[int, int]],
                  deadline: float | None = None) -> dict[tuple, int]:
    """Teacher and room limits the new classes could exceed (the others never bind)."""
    teachers, rooms = cand.caps or resource_caps(problem)
    demand: dict[tuple, int] = defaultdict(int)
    for k, (f, s) in enumerate(pairs):
        if k % 1024 == 0:
            _check(deadline)
        for key in class_resources(problem, cand, f, s):
            demand[key] += cand.max_classes[f, s]
    out = {}
    for key, total in demand.items():
        cap = teachers.get(key[1:], 0) if key[0] == "t" else rooms.get(key[1:], 0)
        if total > cap:
            out[key] = cap
    return out


@dataclass
class _Priced:
    """Per pair the best reduced cost of a class (``best``), and how to build that class."""

    best: np.ndarray
    n_start: np.ndarray
    n_join: np.ndarray
    starters: np.ndarray
    """Per pair: single learners' starter entries in reduced-cost order (-1 past the last)."""
    joiners: np.ndarray
    with_units: dict[int, np.ndarray]
    """Pairs whose best class holds households: its entries."""

    def column(self, k: int) -> np.ndarray:
        if k in self.with_units:
            return self.with_units[k]
        return np.concatenate([self.starters[k, :self.n_start[k]], self.joiners[k, :self.n_join[k]]])


def _price(e: _Entries, rc: np.ndarray, fixed: np.ndarray) -> _Priced:
    """The cheapest class of every pair under reduced costs ``rc`` (per entry) and ``fixed``
    (per pair: the class's own cost minus its capacity and count duals)."""
    n_pairs = len(fixed)
    width = int(e.max_size.max()) if n_pairs else 0
    rc_all, rc = rc, np.where(e.in_unit, INF, rc)  # household members come as units (below)
    order = np.lexsort((rc, e.pair, e.joiner))
    group = e.joiner[order].astype(np.int64) * n_pairs + e.pair[order]
    new = np.ones(len(group), dtype=bool)
    new[1:] = group[1:] != group[:-1]
    first = np.flatnonzero(new)
    rank = np.arange(len(group)) - np.repeat(first, np.diff(np.append(first, len(group))))
    p = e.pair[order]
    keep = rank < e.max_size[p]
    tables = []
    for joiner in (False, True):
        sel = keep & (e.joiner[order] == joiner)
        vals = np.full((n_pairs, width), INF)
        idx = np.full((n_pairs, width), -1, dtype=np.int64)
        vals[p[sel], rank[sel]] = rc[order[sel]]
        idx[p[sel], rank[sel]] = order[sel]
        tables.append((vals, idx))
    (sv, si), (jv, ji) = tables
    zeros = np.zeros((n_pairs, 1))
    starters = np.hstack([zeros, np.cumsum(sv, axis=1)])
    joiners = np.hstack([zeros, np.cumsum(np.where(jv < 0, jv, 0.0), axis=1)])
    k = np.arange(width + 1)[None, :]
    room = np.clip(e.max_size[:, None] - k, 0, width)
    value = starters + np.take_along_axis(joiners, room, axis=1)
    value[(k < e.min_size[:, None]) | (k > e.max_size[:, None])] = INF
    best_k = np.argmin(value, axis=1)
    best = value[np.arange(n_pairs), best_k] + fixed
    n_join = np.minimum((jv < 0).sum(axis=1), e.max_size - best_k)
    with_units: dict[int, np.ndarray] = {}
    if len(e.row_pair):  # every set of households of a pair, completed by single learners
        unit_rc = np.add.reduceat(rc_all[e.unit_flat], e.unit_start)
        row_v = np.bincount(e.inc_row, weights=unit_rc[e.inc_unit], minlength=len(e.row_pair))
        kp = e.row_pair
        room = e.max_size[kp] - e.row_a - e.row_b
        lo = np.maximum(0, e.min_size[kp] - e.row_a)
        k = np.arange(width + 1)[None, :]
        vals = (starters[kp] + np.take_along_axis(joiners[kp], np.clip(room[:, None] - k, 0, width), axis=1)
                + row_v[:, None])
        vals[(k < lo[:, None]) | (k > room[:, None])] = INF
        row_k = np.argmin(vals, axis=1)
        row_best = vals[np.arange(len(kp)), row_k] + fixed[kp]
        row_join = np.minimum((jv[kp] < 0).sum(axis=1), np.maximum(0, room - row_k))
        for r in np.flatnonzero(row_best < best[kp]).tolist():
            q = int(kp[r])
            if row_best[r] < best[q]:
                best[q] = row_best[r]
                with_units[q] = np.concatenate([si[q, :row_k[r]], ji[q, :row_join[r]], *e.row_units[r]])
    for q in e.dp_pairs:
        units = e.units[q]
        units_rc = [float(rc_all[ents].sum()) for ents, _, _ in units]
        found = _price_with_units(int(e.min_size[q]), int(e.max_size[q]), units, units_rc, starters[q], joiners[q])
        if found is not None and found[0] + fixed[q] < best[q]:
            best[q] = found[0] + fixed[q]
            ks, nj, chosen = found[1:]
            with_units[q] = np.concatenate([si[q, :ks], ji[q, :nj], *(units[u][0] for u in chosen)])
    return _Priced(best, best_k, n_join, si, ji, with_units)


def _price_with_units(lo: int, hi: int, units: list[tuple[np.ndarray, int, int]], unit_rc: list[float],
                      starters: np.ndarray, joiners: np.ndarray) -> tuple[float, int, int, tuple[int, ...]] | None:
    """The cheapest class of one pair with households: a dynamic programme over the units
    by (starters, joiners) they bring, each state completed by the cheapest single starters
    (``starters``: prefix sums in reduced-cost order, ``inf`` past the last) and the negative
    single joiners that fit (``joiners``: prefix sums of the negative ones). Returns (reduced
    cost without the pair's fixed part, single starters, single joiners, units) or None.

    The states are a numpy table (starters x joiners the units bring), one shifted minimum per
    unit, and every state's best completion comes from one table of suffix minima: with large
    households a loop over the states took most of column generation's time (issue 22;
    figures: docs/benchmarks.md)."""
    top_a = min(hi, sum(a for _, a, _ in units))
    top_b = min(hi, sum(b for _, _, b in units))
    value = np.full((top_a + 1, top_b + 1), INF)
    value[0, 0] = 0.0
    took: list[np.ndarray | None] = []
    for (_, a, b), r in zip(units, unit_rc, strict=True):
        if a + b > hi:
            took.append(None)
            continue
        shifted = np.full_like(value, INF)
        shifted[a:, b:] = value[:top_a + 1 - a, :top_b + 1 - b] + r
        take = shifted < value
        value = np.where(take, shifted, value)
        took.append(take)
    width = len(starters) - 1
    last = len(joiners) - 1
    sa, sb = np.indices(value.shape)
    room = hi - sa - sb
    k_min = np.maximum(0, lo - sa)
    ok = np.isfinite(value) & (room >= 0) & (k_min <= np.minimum(room, width))
    if not ok.any():
        return None
    # completion[room, k]: the cheapest single starters (at least k of them) and joiners in room
    ks = np.arange(width + 1)[None, :]
    rooms = np.arange(hi + 1)[:, None]
    fill = starters[None, :] + joiners[np.clip(rooms - ks, 0, last)]
    fill[ks > rooms] = INF
    completion = np.minimum.accumulate(fill[:, ::-1], axis=1)[:, ::-1]
    total = np.full(value.shape, INF)
    total[ok] = value[ok] + completion[room[ok], k_min[ok]]
    state = np.unravel_index(int(np.argmin(total)), total.shape)
    if not np.isfinite(total[state]):
        return None
    i, j = int(state[0]), int(state[1])
    r = hi - i - j
    options = np.arange(int(k_min[i, j]), min(r, width) + 1)
    left = np.clip(r - options, 0, last)
    vals = value[i, j] + starters[options] + joiners[left]
    pick = int(np.argmin(vals))
    chosen = []
    for u in range(len(units) - 1, -1, -1):
        taken = took[u]
        if taken is not None and taken[i, j]:
            chosen.append(u)
            i, j = i - units[u][1], j - units[u][2]
    n_neg = int((np.diff(joiners) < 0).sum())
    return float(vals[pick]), int(options[pick]), min(int(left[pick]), n_neg), tuple(sorted(chosen))


PARTIAL_ROUNDING = True
"""Rounding an LP (:meth:`ColumnGeneration.rounded`, a dive at its deadline) takes a class whose
learners were partly taken by a class before it without them, while its starters still fill it
(before: not at all, its other learners left to the completion)."""


class ColumnGeneration:
    """The master LP and its pricing for one problem; :meth:`run` improves the bound and the
    column pool until a deadline, and may be called again to continue."""

    def __init__(self, problem: Problem, cand: Candidates, deadline: float | None = None) -> None:
        """Raises :class:`OutOfTime` when the setup is not done by ``deadline`` (perf_counter)."""
        self.problem, self.cand = problem, cand
        self.lids = list(cand.options)
        self.learners = {lid: i for i, lid in enumerate(self.lids)}
        self.pairs = sorted(cand.max_classes)
        groups: dict[str, list[int]] = defaultdict(list)
        for lr in problem.learners:
            if lr.together and lr.id in self.learners:
                groups[lr.together].append(self.learners[lr.id])
        households = [members for members in groups.values() if len(members) > 1]
        self.households = households
        self.household_of = {i: frozenset(members) for members in households for i in members}
        """Per learner in a household ("samen") of two or more: all its members."""
        self.e = _Entries(problem, cand, self.pairs, self.learners, households, deadline)
        caps = capacity_rows(problem, cand, self.pairs, deadline)
        self.row_keys = list(caps)
        self.cap_values = np.array([caps[k] for k in self.row_keys], dtype=np.float64)
        row_id = {key: r for r, key in enumerate(self.row_keys)}
        self.pair_rows: list[list[int]] = [[] for _ in self.pairs]
        self.row_pairs: list[list[int]] = [[] for _ in self.row_keys]
        up, ur = [], []
        for k, (f, s) in enumerate(self.pairs):
            if k % 1024 == 0:
                _check(deadline)
            for key in class_resources(problem, cand, f, s):
                r = row_id.get(key)
                if r is not None:
                    self.pair_rows[k].append(r)
                    self.row_pairs[r].append(k)
                    up.append(k)
                    ur.append(r)
        self.use_pair = np.array(up, dtype=np.int64)
        self.use_row = np.array(ur, dtype=np.int64)
        self.new_class = float(problem.weights.new_class)
        _check(deadline)

        self.cap_rows: dict[int, pywraplp.Constraint] = {}
        self.count_rows: dict[int, pywraplp.Constraint] = {}
        self.rows_for = (cand.wait_budget is not None, cand.min_placed is not None)
        """Has the LP a wait row and a floor row (made at the start; :meth:`retarget` moves them)?"""
        self._new_lp()
        self.cols: list[pywraplp.Variable] = []
        self.col_pair: list[int] = []
        self.col_entries: list[np.ndarray] = []
        self.pair_cols: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        by_route: dict[str, list[int]] = defaultdict(list)
        for k, (f, _) in enumerate(self.pairs):
            by_route[cand.families[f].route].append(k)
        n_route: dict[str, int] = defaultdict(int)
        for lr in problem.learners:
            if cand.options.get(lr.id):
                n_route[lr.route] += 1
        routes = problem.route_by_name
        self.route_pairs = [(np.array(ks, dtype=np.int64), float(n_route[r] // max(1, routes[r].min_size)))
                            for r, ks in by_route.items()]
        # Per pair one teacher row it uses (its first capped one): the pairs of one such row
        # open at most its teachers' worth of classes together, another cap for the bound.
        by_teacher: dict[int, list[int]] = defaultdict(list)
        free: list[int] = []
        for k, rows in enumerate(self.pair_rows):
            r = next((r for r in rows if self.row_keys[r][0] == "t"), None)
            (free if r is None else by_teacher[r]).append(k)
        self.teacher_pairs = [(np.array(ks, dtype=np.int64), float(self.cap_values[r]))
                              for r, ks in by_teacher.items()]
        if free:
            self.teacher_pairs.append((np.array(free, dtype=np.int64), INF))
        self.teachers_bind = sum(limit for _, limit in self.teacher_pairs) < sum(
            limit for _, limit in self.route_pairs)
        """Do the teachers allow fewer classes than the learners could fill (p-median: k teachers,
        classes as large as all learners)? Then the LP's first duals say little and
        :meth:`ascend` pays; on our generator's cases (M: 34 classes by the learners, 430 by the
        teachers) it cost the LP a second or two of its share."""
        self.seen: set[tuple[int, ...]] = set()
        self.best_bound = -INF
        self.line_bound = -INF
        """The best bound of :meth:`toward_trivial` (kept apart from :attr:`best_bound`)."""
        self.best_duals: _Duals | None = None
        """The duals of the best bound so far (:meth:`bound_line`)."""
        self.center: _Duals | None = None
        """Duals of the best bound so far (the smoothing's stability centre); unlike
        :attr:`best_duals` not moved to the LP's own duals at convergence (the plans stay as they
        were)."""
        self.lp_value = INF
        self.iterations = 0
        self.converged = False
        self.seconds = 0.0
        self._dived = False
        self._stale = True
        """The LP changed since its last optimal solve: it has no solution to read (GLOP would
        warn "The model has been changed since the solution was last computed" per value read
        and give zeros), see :meth:`_values`."""
        self._first: tuple[np.ndarray, np.ndarray, float] | None = None
        """PDLP's solution of the LP as it is now (values, duals, objective), while the LP has
        not changed since; then :meth:`_read` and :meth:`_duals` read it instead of GLOP's."""
        self._warm: tuple[np.ndarray, np.ndarray] | None = None
        """PDLP's last solution (values, duals), its next start (new columns and rows at 0)."""
        self.first_order = len(self.lids) >= PDLP_LEARNERS and firstorder_available()
        """Does PDLP solve the LP first (:data:`PDLP_LEARNERS`; not in a frozen build, where it
        would have to run in-process: :mod:`optimizer.firstorder`)? Off for good once PDLP fails."""
        self._ladder = list(PDLP_TOLERANCES) if self.first_order else []
        """PDLP's tolerances still to go before GLOP takes over (again from the first after
        :meth:`retarget`)."""
        self._worker: Worker | None = None
        """PDLP's process while PDLP solves the LP (:mod:`optimizer.firstorder`)."""

    # ---- columns ---------------------------------------------------------------------------

    def _new_lp(self) -> None:
        """The master LP with its learner and seat rows and the rows found so far (empty)."""
        cand = self.cand
        lp = self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self._stale = True
        self._bounds_only = False  # (see _solve)
        self._dual = False
        self._first = self._warm = None  # (a new LP numbers its rows otherwise: PDLP starts cold)
        self._first_last = False  # (see _latest)
        self._positions: dict[int, tuple[list, list[int]]] = {}
        # No presolve on each re-solve: the LP converges sooner without (docs/benchmarks.md).
        lp.SetSolverSpecificParametersAsString(GLOP_PRIMAL)
        self.obj = lp.Objective()
        self.one = [lp.Constraint(1.0, 1.0) for _ in self.lids]
        by_id = self.problem.learner_by_id
        self.wait_cost = np.array([float(cand.waitlist_cost[lid]) for lid in self.lids])
        self.waitlist_weeks = np.array([float(self.problem.waitlist_weeks(by_id[lid])) for lid in self.lids])
        self.wait_row: pywraplp.Constraint | None = None
        if self.rows_for[0]:
            self.wait_row = lp.Constraint(-INF, INF if cand.wait_budget is None else float(cand.wait_budget))
            slack = lp.NumVar(0.0, INF, "")  # elastic: the LP has a solution from the start
            self.obj.SetCoefficient(slack, self.wait_price())
            self.wait_row.SetCoefficient(slack, -1.0)
        self.floor_row: pywraplp.Constraint | None = None
        if self.rows_for[1]:
            self.floor_row = lp.Constraint(-INF, INF if cand.min_placed is None else self.floor_rhs())
            slack = lp.NumVar(0.0, INF, "")  # elastic, as the wait row
            self.obj.SetCoefficient(slack, self.wait_price())
            self.floor_row.SetCoefficient(slack, -1.0)
        for i, lid in enumerate(self.lids):
            w = lp.NumVar(0.0, INF, "")  # waits (no upper bound: the row caps it at 1)
            self.obj.SetCoefficient(w, float(cand.waitlist_cost[lid]))
            self.one[i].SetCoefficient(w, 1.0)
            if self.wait_row is not None:
                self.wait_row.SetCoefficient(w, float(self.waitlist_weeks[i]))
            if self.floor_row is not None:
                self.floor_row.SetCoefficient(w, 1.0)
        seat_of = {rc.id: r for r, rc in enumerate(self.problem.running)}
        self.seat_caps = np.array([float(max(0, rc.free_seats)) for rc in self.problem.running])
        self.seat_rows = [lp.Constraint(-INF, cap) for cap in self.seat_caps.tolist()]
        run_learner, run_seat, run_cost, run_waited = [], [], [], []
        run_vars: list[pywraplp.Variable] = []
        run_opts: list[Option] = []
        for lid, opts in cand.options.items():
            for o in opts:
                if o.running is not None:
                    assert o.week is not None  # a running option carries its join week
                    x = lp.NumVar(0.0, INF, "")
                    run_vars.append(x)
                    run_opts.append(o)
                    self.obj.SetCoefficient(x, float(cand.cost(o, o.week)))
                    self.one[self.learners[lid]].SetCoefficient(x, 1.0)
                    self.seat_rows[seat_of[o.running]].SetCoefficient(x, 1.0)
                    run_learner.append(self.learners[lid])
                    run_seat.append(seat_of[o.running])
                    run_cost.append(float(cand.cost(o, o.week)))
                    run_waited.append(float(o.week - cand.since[lid]))
                    if self.wait_row is not None:
                        self.wait_row.SetCoefficient(x, run_waited[-1])
        self.run_learner = np.array(run_learner, dtype=np.int64)
        self.run_seat = np.array(run_seat, dtype=np.int64)
        self.run_cost = np.array(run_cost)
        self.run_waited = np.array(run_waited)
        self.run_vars, self.run_opts = run_vars, run_opts
        self._tie_households(lp)
        for r in self.cap_rows:
            self.cap_rows[r] = lp.Constraint(-INF, float(self.cap_values[r]))
        for k in self.count_rows:
            self.count_rows[k] = lp.Constraint(-INF, float(self.e.max_classes[k]))

    def _tie_households(self, lp: pywraplp.Solver) -> None:
        """A household takes a running class together: per household and running class the
        members' places there are equal (rows ``x_a - x_b = 0``, duals ``tie``), and zero when a
        member cannot take that class."""
        at = {(int(i), int(r)): j for j, (i, r) in enumerate(zip(self.run_learner, self.run_seat, strict=True))}
        self.run_open = np.ones(len(self.run_vars), dtype=bool)
        tie_a, tie_b = [], []
        self.tie_rows: list[pywraplp.Constraint] = []
        for members in self.households:
            for r in sorted({r for (i, r) in at if i in members}):
                found = [at.get((i, r)) for i in members]
                xs = [j for j in found if j is not None]
                if len(xs) < len(found):
                    for j in xs:
                        self.run_vars[j].SetUb(0.0)
                        self.run_open[j] = False
                    continue
                for j in xs[1:]:
                    row = lp.Constraint(0.0, 0.0)
                    row.SetCoefficient(self.run_vars[xs[0]], 1.0)
                    row.SetCoefficient(self.run_vars[j], -1.0)
                    self.tie_rows.append(row)
                    tie_a.append(xs[0])
                    tie_b.append(j)
        self.tie_a = np.array(tie_a, dtype=np.int64)
        self.tie_b = np.array(tie_b, dtype=np.int64)

    def _rebuild(self) -> None:
        """A fresh LP with every row and column (after GLOP lost its way incrementally)."""
        self._new_lp()
        self.cols = [self._insert(k, entries) for k, entries in zip(self.col_pair, self.col_entries, strict=True)]
        self.pair_cols = defaultdict(list)
        for k, var in zip(self.col_pair, self.cols, strict=True):
            self.pair_cols[k].append(var)

    @property
    def _solved(self) -> bool:
        """Does the LP hold a solution of itself as it is now (GLOP's, or PDLP's in :attr:`_first`)?"""
        return not self._stale or self._first is not None

    def _changed(self, bounds_only: bool = False) -> None:
        """The LP changed since its last solve: GLOP's solution and PDLP's are no longer its own;
        ``bounds_only``: only variables' bounds changed (a dive's fixings; see :meth:`_solve`)."""
        self._stale = True
        self._first = None
        self._bounds_only = bounds_only

    def _insert(self, k: int, entries: np.ndarray) -> pywraplp.Variable:
        self._changed()
        var = self.lp.NumVar(0.0, INF, "")
        self.obj.SetCoefficient(var, self.new_class + float(self.e.cost[entries].sum()))
        for e in entries.tolist():
            self.one[int(self.e.learner[e])].SetCoefficient(var, 1.0)
        for r in self.pair_rows[k]:
            row = self.cap_rows.get(r)
            if row is not None:
                row.SetCoefficient(var, 1.0)
        row = self.count_rows.get(k)
        if row is not None:
            row.SetCoefficient(var, 1.0)
        if self.wait_row is not None:
            self.wait_row.SetCoefficient(var, float(self.e.waited[entries].sum()))
        return var

    def wait_price(self) -> float:
        """Objective price of one week over the wait budget (or one learner under the floor) in
        the elastic rows: more than any learner's most expensive place, so the LP keeps the cap
        whenever its columns can."""
        costs = [float(self.wait_cost.max(initial=0.0)), float(self.e.cost.max(initial=0.0))]
        return 10.0 * max(1.0, *costs)

    def floor_rhs(self) -> float:
        """How many may wait under the floor: the learners less ``cand.min_placed``."""
        return float(len(self.lids) - (self.cand.min_placed or 0))

    def retarget(self, wait_budget: int | None, min_placed: int | None) -> None:
        """The same LP and columns under another wait budget and floor (rows made at the start:
        a cap or floor given now needs one then). The bound starts again (the old one held for the
        old rows only)."""
        if (wait_budget is not None and self.wait_row is None) or (min_placed is not None and self.floor_row is None):
            raise ValueError("retarget needs the rows the column generation was made with")
        if self._dived:
            raise RuntimeError("column generation cannot continue after a dive")
        self.cand.wait_budget, self.cand.min_placed = wait_budget, min_placed
        if self.wait_row is not None:
            self.wait_row.SetUb(INF if wait_budget is None else float(wait_budget))
        if self.floor_row is not None:
            self.floor_row.SetUb(INF if min_placed is None else self.floor_rhs())
        self.best_bound, self.center, self.converged, self.lp_value = -INF, None, False, INF
        self.line_bound = -INF
        self.best_duals = None
        self._changed()
        self._ladder = list(PDLP_TOLERANCES) if self.first_order else []

    def fork(self, keep: int | None = None) -> ColumnGeneration:
        """A copy with an LP of its own and every column and row found so far, to dive from (a dive
        changes its LP) while this one goes on, e.g. under another cap (:meth:`retarget`).
        ``keep``: only the columns a dive with ``keep`` would start from (:meth:`_compact`; from
        this LP's current solution, all columns when it has none)."""
        other = copy.copy(self)
        other.cand, other.e = copy.copy(self.cand), copy.copy(self.e)
        other.seen, other.col_pair, other.col_entries = set(self.seen), list(self.col_pair), list(self.col_entries)
        other.cap_rows, other.count_rows = dict(self.cap_rows), dict(self.count_rows)
        other._ladder, other._worker = [], None  # (its own: a fork dives, by GLOP)
        if keep is not None and len(self.cols) > keep and self._latest():
            other._keep_only(self._least_reduced(keep))
        other._rebuild()
        return other

    def add_column(self, k: int, entries: np.ndarray) -> bool:
        """Add the class of pair ``k`` with these entries (once; not when it splits a household)."""
        entries = np.sort(entries)
        sig = (k, *entries.tolist())
        if sig in self.seen:
            return False
        members = set(self.e.learner[entries].tolist())
        if any(not self.household_of[i] <= members for i in members if i in self.household_of):
            return False
        self.seen.add(sig)
        var = self._insert(k, entries)
        self.cols.append(var)
        self.col_pair.append(k)
        self.col_entries.append(entries)
        self.pair_cols[k].append(var)
        return True

    def in_use(self, deadline: float | None = None) -> list[int]:
        """The columns the LP's solution uses, or that could enter it at no cost (reduced cost
        0: the other optima); the LP is solved again first (by ``deadline``) when it changed since
        its last solve, and none are returned when it then has no optimal solution."""
        if not self._exact(deadline):
            return []
        return [c for c, v in enumerate(self.cols) if v.solution_value() > 1e-6 or v.reduced_cost() <= 1e-9]

    def adopt(self, other: ColumnGeneration, columns: list[int] | None = None) -> int:
        """Columns of another column generation of the same learners (another weighting, cap or
        floor; a dived one too), all or those numbered ``columns``: every class there is a class
        here, priced by this one's costs. Returns how many were new."""
        pidx = {ft: k for k, ft in enumerate(self.pairs)}
        added = 0
        for c in range(len(other.cols)) if columns is None else columns:
            k, entries = other.col_pair[c], other.col_entries[c]
            mine = pidx.get(other.pairs[k])
            if mine is None:
                continue
            lids = [other.lids[int(i)] for i in other.e.learner[entries].tolist()]
            ours = [self.e.index.get((mine, self.learners[lid])) if lid in self.learners else None for lid in lids]
            if None not in ours:
                added += self.add_column(mine, np.array(ours, dtype=np.int64))
        return added

    def add_plan(self, placements: Placements, counts: Counts) -> int:
        """Columns for the new classes of a plan (members by level cut into ``counts`` classes);
        a plan's classes give the LP good duals from the first iteration."""
        by_pair: dict[tuple[int, int], list[str]] = defaultdict(list)
        for lid, pl in placements.items():
            if pl is not None and pl.option.family is not None:
                by_pair[pl.option.family, pl.class_start].append(lid)
        pidx = {ft: k for k, ft in enumerate(self.pairs)}
        level = self.problem.learner_by_id
        added = 0
        for ft, lids in by_pair.items():
            k = pidx.get(ft)
            n = counts.get(ft, 0)
            if k is None or n < 1:
                continue
            lids.sort(key=lambda lid: level[lid].level)
            for part in np.array_split(np.array(lids, dtype=object), n):
                entries = [self.e.index.get((k, self.learners[lid])) for lid in part]
                if None in entries:
                    continue
                arr = np.array(entries, dtype=np.int64)
                starters = int((~self.e.joiner[arr]).sum())
                if self.e.min_size[k] <= starters and len(arr) <= self.e.max_size[k]:
                    added += self.add_column(k, arr)
        return added

    def _add_violated_rows(self) -> int:
        """Rows enter the LP once its solution breaks them: class counts, teachers and rooms."""
        if not self.cols:
            return 0
        lam = self._read(self.cols)
        per_pair = np.bincount(np.array(self.col_pair), weights=lam, minlength=len(self.pairs))
        usage = np.bincount(self.use_row, weights=per_pair[self.use_pair], minlength=len(self.row_keys))
        added = 0
        for k in np.flatnonzero(per_pair > self.e.max_classes + 1e-6).tolist():
            if k not in self.count_rows:
                row = self.count_rows[k] = self.lp.Constraint(-INF, float(self.e.max_classes[k]))
                for var in self.pair_cols[k]:
                    row.SetCoefficient(var, 1.0)
                added += 1
        for r in np.flatnonzero(usage > self.cap_values + 1e-6).tolist():
            if r in self.cap_rows:
                continue
            row = self.cap_rows[r] = self.lp.Constraint(-INF, float(self.cap_values[r]))
            for k in self.row_pairs[r]:
                for var in self.pair_cols.get(k, ()):
                    row.SetCoefficient(var, 1.0)
            added += 1
        if added:
            self._changed()
        return added

    def _lagrange(self, z: float, best: np.ndarray) -> float:
        """``z`` plus the most the classes could still gain. Two relaxations of the classes'
        choice, each valid, so the tighter (larger) one counts: per route at most (its learners /
        its minimum size) classes in all, or per teacher row at most its teachers for the pairs
        assigned to it (:attr:`teacher_pairs`); per class kind at most ``max_classes`` in both.
        Where the teachers set the class count (p-median, issue 22) the first allows a class per
        learner and kept the bound at 0 while the LP had not yet broken the teacher row."""
        return z + max(self._gain(best, self.route_pairs)[0], self._gain(best, self.teacher_pairs)[0])

    def _gain(self, best: np.ndarray, groups: list[tuple[np.ndarray, float]]) -> tuple[float, np.ndarray]:
        """The most negative total of classes' reduced costs ``best`` with at most ``limit``
        classes per group of pairs and ``max_classes`` per pair; and per pair how many classes
        that takes."""
        e = self.e
        gain = 0.0
        taken = np.zeros(len(best))
        for members, limit in groups:
            rc = best[members]
            ok = np.isfinite(rc) & (rc < 0)
            if not ok.any():
                continue
            order = np.argsort(rc[ok])
            rc_sorted = rc[ok][order]
            k_sorted = e.max_classes[members[ok]][order]
            room = np.clip(limit - np.concatenate([[0.0], np.cumsum(k_sorted)[:-1]]), 0.0, None)
            n = np.minimum(k_sorted, room)
            gain += float((rc_sorted * n).sum())
            taken[members[ok][order]] = n
        return gain, taken

    def ascend(self, deadline: float, upper: float, iterations: int = 300, patience: int = 40, stop=None) -> float:
        """Raise the bound by subgradient ascent on the learner duals alone (the Lagrangian
        relaxation of "every learner once", as for p-median), before the LP's own duals are
        any good; the best duals become the smoothing centre and the classes they choose enter
        the LP as columns. ``upper``: an objective some plan reaches (Polyak's step size).

        Why: where the LP's first duals are degenerate (the p-median family, issue 22: one class
        with everybody) the LP alone sat at that start for many iterations with a bound of 0
        (figures: docs/benchmarks.md)."""
        if self.cand.wait_budget is not None or self.cand.min_placed is not None or not len(self.lids):
            return self.best_bound
        n = len(self.lids)
        pi = np.zeros(n)
        pi[:] = self.wait_cost
        np.minimum.at(pi, self.e.learner, self.e.cost)  # the trivial bound's duals
        zero = _Duals(pi, np.zeros(len(self.row_keys)), np.zeros(len(self.pairs)),
                      np.zeros(len(self.seat_caps)), np.zeros(len(self.tie_rows)), 0.0)
        theta, stale, best_here = 2.0, 0, -INF
        for _ in range(iterations):
            if time.perf_counter() >= deadline or (stop is not None and stop()):
                break
            d = _Duals(pi, zero.cap, zero.count, zero.seats, zero.tie, 0.0)
            value, priced = self._price_at(d)
            if value > self.best_bound:
                self.best_bound, self.center = value, d
                self.best_duals = d
            if value > best_here + 1e-9:
                best_here, stale = value, 0
            else:
                stale += 1
                if stale >= patience // 2:
                    theta, stale = theta / 2, 0
            # the inner problem's choice at these duals: classes, running places, waiting
            route = self._gain(priced.best, self.route_pairs)
            teach = self._gain(priced.best, self.teacher_pairs)
            taken = (route if route[0] >= teach[0] else teach)[1]
            cover = (self.wait_cost - pi < 0).astype(float)
            for k in np.flatnonzero(taken > 0).tolist():
                entries = priced.column(k)
                self.add_column(k, entries)
                np.add.at(cover, self.e.learner[entries], taken[k])
            if len(self.run_learner):
                rc_run = self.run_cost - pi[self.run_learner]
                np.add.at(cover, self.run_learner, ((rc_run < 0) & self.run_open).astype(float))
            g = 1.0 - cover
            norm = float(g @ g)
            if norm == 0 or theta < 1e-3 or upper - value <= 1e-4 * abs(upper):
                break
            pi = pi + theta * max(upper - value, 1e-3 * abs(upper)) / norm * g
        return self.best_bound

    # ---- the loop --------------------------------------------------------------------------

    def _solve(self, deadline: float | None = None) -> int:
        """Solve the master LP from its last basis, stopping at ``deadline`` (perf_counter) when
        given (GLOP then says NOT_SOLVED or FEASIBLE, see :meth:`_late`): one re-solve after a
        dive's fixings took 8 s on 1,500 learners and carried the dive 14 s past its deadline
        (docs/benchmarks.md)."""
        if deadline is not None and not math.isfinite(deadline):
            deadline = None
        if deadline is not None:
            self.lp.set_time_limit(max(1, int(1000 * (deadline - time.perf_counter()))))
        self._first = None
        # only bounds changed (a dive's fixings): the basis stays dual feasible (DUAL_DIVE_LEARNERS)
        dual = self._bounds_only and len(self.lids) > DUAL_DIVE_LEARNERS
        if dual != self._dual:
            self.lp.SetSolverSpecificParametersAsString(GLOP_DUAL if dual else GLOP_PRIMAL)
            self._dual = dual
        try:
            status = self.lp.Solve()
        finally:
            if deadline is not None:
                self.lp.set_time_limit(0)  # no limit
        self._stale = status != pywraplp.Solver.OPTIMAL
        self._first_last = self._first_last and self._stale  # (a GLOP solve cut short leaves PDLP's the last)
        self._bounds_only = False
        return status

    def _solve_first_order(self, tolerance: float, deadline: float | None = None) -> bool | None:
        """Solve the master LP by PDLP to ``tolerance``, warm from its last solution (new columns
        at 0, new rows' duals at 0), stopping at ``deadline``. True: solved (:attr:`_first` holds
        it); False: out of time; None: PDLP failed (numerical trouble), GLOP takes over.
        Its duals are approximate, and that is enough: the Lagrangian bound at any duals is valid
        (:meth:`_price_at`), and where they are off pricing finds the columns GLOP would."""
        model = linear_solver_pb2.MPModelProto()
        self.lp.ExportModelToProto(model)
        limit = None
        if deadline is not None and math.isfinite(deadline):
            limit = max(0.01, deadline - time.perf_counter())
        start = None
        if self._warm is not None:
            start = self._warm_padded()
        if self._worker is None:
            self._worker = Worker()
        found = self._worker.solve(model.SerializeToString(), tolerance, limit, start)
        if found.failed:
            log.debug("PDLP stopped without a solution; GLOP from here")
            return None
        if not found.optimal:  # out of time
            return False
        self._warm = (found.values, found.duals)
        self._first = (found.values, found.duals, found.objective)
        self._first_last = True
        return True

    def _warm_padded(self) -> tuple[np.ndarray, np.ndarray]:
        """PDLP's last solution (values, duals) for the LP as it is now: columns and rows added
        since at 0."""
        assert self._warm is not None
        x, y = self._warm
        return (np.concatenate([x, np.zeros(self.lp.NumVariables() - len(x))]),
                np.concatenate([y, np.zeros(self.lp.NumConstraints() - len(y))]))

    def close(self) -> None:
        """End PDLP's process now (a column generation kept after its run; GLOP from here)."""
        self._end_first_order()

    def _end_first_order(self) -> None:
        """GLOP from here: PDLP's process ends."""
        self._ladder.clear()
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _late(self, status: int, deadline: float | None) -> bool:
        """Did a solve by ``deadline`` stop for the time rather than for the LP? (GLOP's limit is
        in whole milliseconds and it may stop a little before: 0.1 s of slack.)"""
        return status != pywraplp.Solver.OPTIMAL and deadline is not None and time.perf_counter() >= deadline - 0.1

    def _read(self, variables: list[pywraplp.Variable]) -> np.ndarray:
        """The values of ``variables`` in the LP's last solution, read at once: one solution
        message instead of a call per variable (6,405 columns of the sample: 1.3 against 10.5 ms;
        a dive read them 321,559 times, 0.9 of its 7.6 s). Their positions in the LP are kept
        (columns are only appended; a rebuilt LP has new variables). A model changed since its
        last solve is read variable by variable, as before (GLOP then warns and gives 0)."""
        if not self._solved:
            return np.array([v.solution_value() for v in variables])
        cache = self._positions.get(id(variables))
        if cache is None or cache[0] is not variables:
            cache = self._positions[id(variables)] = (variables, [])
        positions = cache[1]
        positions.extend(v.index() for v in variables[len(positions):])
        if self._first is not None:  # PDLP's solution
            return self._first[0][np.asarray(positions, dtype=np.int64)]
        response = linear_solver_pb2.MPSolutionResponse()
        self.lp.FillSolutionResponseProto(response)
        if len(response.variable_value) != self.lp.NumVariables():  # (no solution held)
            return np.array([v.solution_value() for v in variables])
        return np.asarray(response.variable_value)[np.asarray(positions, dtype=np.int64)]

    def _values(self, deadline: float | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """The LP's class columns and running-class places, read together from one solution;
        the LP is solved again first (by ``deadline``) when rows, columns or bounds changed since
        its last solve (``None`` when it then has no optimal solution)."""
        if not self._exact(deadline):
            return None
        return self._read(self.cols), self._read(self.run_vars)

    def _exact(self, deadline: float | None = None) -> bool:
        """Has the LP as it is now GLOP's optimal solution (solved again by ``deadline`` when it
        changed since, or when PDLP's approximate one is the last)?"""
        self._first = None  # (GLOP's solution from here)
        return not self._stale or self._solve(deadline) == pywraplp.Solver.OPTIMAL

    def used_kinds(self) -> set[tuple[int, int]]:
        """The class kinds ((family, start week) pairs) the LP's last solution uses."""
        if self._first is not None:  # (approximate values: GLOP's solution instead)
            self._exact()
        used = np.flatnonzero(self._read(self.cols) > 1e-6).tolist()
        return {self.pairs[self.col_pair[c]] for c in used}

    def _duals(self) -> _Duals:
        """The duals of the LP's last solution: GLOP's, or PDLP's (:attr:`_first`), whose
        approximate duals of the "at most" rows are cut to their sign (at most 0) so that the
        Lagrangian bound at them stays valid."""
        if self._first is not None:
            values = self._first[1]

            def dual(row: pywraplp.Constraint) -> float:
                return float(values[row.index()])
        else:
            def dual(row: pywraplp.Constraint) -> float:
                return row.dual_value()
        y = np.zeros(len(self.row_keys))
        for r, row in self.cap_rows.items():
            y[r] = dual(row)
        count = np.zeros(len(self.pairs))
        for k, row in self.count_rows.items():
            count[k] = dual(row)
        wait = 0.0 if self.wait_row is None or self.cand.wait_budget is None else min(0.0, dual(self.wait_row))
        floor = 0.0 if self.floor_row is None or self.cand.min_placed is None else min(0.0, dual(self.floor_row))
        seats = np.array([dual(row) for row in self.seat_rows])
        if self._first is not None:
            y, count, seats = np.minimum(y, 0.0), np.minimum(count, 0.0), np.minimum(seats, 0.0)
        return _Duals(np.array([dual(c) for c in self.one]), y, count, seats,
                      np.array([dual(row) for row in self.tie_rows]), wait, floor)

    def _reduced(self, d: _Duals) -> tuple[np.ndarray, np.ndarray, float]:
        """At duals ``d``: each (pair, learner) entry's share of a class's reduced cost, each
        pair's fixed part (a new class less its rows' duals), and the wait-budget row's dual
        ``mu`` (at most 0). A class's reduced cost is its pair's part plus its entries'."""
        e = self.e
        fixed = self.new_class - np.bincount(self.use_pair, weights=d.cap[self.use_row], minlength=len(self.pairs))
        fixed -= d.count
        mu = min(0.0, d.wait) if self.cand.wait_budget is not None else 0.0
        return e.cost - d.pi[e.learner] - mu * e.waited, fixed, mu

    def _price_at(self, d: _Duals) -> tuple[float, _Priced]:
        """Pricing and the Lagrangian bound at duals ``d`` (any duals: the bound is valid)."""
        e = self.e
        rc, fixed, mu = self._reduced(d)
        nu = min(0.0, d.floor) if self.cand.min_placed is not None else 0.0  # the floor row's dual
        priced = _price(e, rc, fixed)
        best = priced.best
        budget = 0.0 if self.cand.wait_budget is None else float(self.cand.wait_budget)
        value = (float(d.pi.sum()) + float(d.cap @ self.cap_values) + float(d.count @ e.max_classes)
                 + float(d.seats @ self.seat_caps) + mu * budget + nu * (self.floor_rhs() if nu else 0.0)
                 + float(np.minimum(0.0, self.wait_cost - d.pi - mu * self.waitlist_weeks - nu).sum()))
        if len(self.run_learner):
            n = len(self.run_learner)
            tied = (np.bincount(self.tie_a, weights=d.tie, minlength=n)
                     - np.bincount(self.tie_b, weights=d.tie, minlength=n))
            rc_run = self.run_cost - d.pi[self.run_learner] - d.seats[self.run_seat] - tied - mu * self.run_waited
            value += float(np.minimum(0.0, rc_run[self.run_open]).sum())
        return self._lagrange(value, best), priced

    def run(self, deadline: float, max_new_columns: int = 300, tolerance: float = 1e-4,
            stop=None, smoothing: float | None = None) -> Bound:
        """Alternate LP and pricing until convergence, ``deadline`` (a perf_counter time) or
        ``stop()``; the bound proven so far is kept across calls.

        Duals are smoothed (Wentges): pricing runs at ``smoothing`` (default :data:`SMOOTHING`)
        x the duals of the best bound so far plus the rest x the LP's, which damps the LP's jumping duals; when that
        finds no column, pricing falls back to the LP's own duals.

        From :data:`PDLP_LEARNERS` learners on, PDLP solves the LP first, each tolerance of
        :data:`PDLP_TOLERANCES` until nothing new enters the LP, then GLOP (for good, until
        :meth:`retarget`). PDLP's LP value is approximate: it declares convergence only at a
        tolerance of PDLP's as fine as ``tolerance``.
        """
        if self._dived:
            raise RuntimeError("column generation cannot continue after a dive")
        return self._iterate(deadline, max_new_columns, tolerance, stop, SMOOTHING if smoothing is None else smoothing,
                             first_order=True)

    def _iterate(self, deadline: float, max_new_columns: int, tolerance: float, stop, smoothing: float,
                 max_iterations: int | None = None, first_order: bool = False) -> Bound:
        t0 = time.perf_counter()
        done = 0
        ladder = self._ladder if first_order else []  # PDLP's tolerances still to go (none: GLOP)
        while True:
            if ladder:
                solved = self._solve_first_order(ladder[0], deadline)
                if solved is False:  # out of time
                    break
                if solved is None:  # numerical trouble: GLOP from here, and from now on
                    self.first_order = False
                    self._end_first_order()
                    continue
                assert self._first is not None
                z = self._first[2]
            else:
                status = self._solve(deadline)
                if status == pywraplp.Solver.ABNORMAL and not self._late(status, deadline):
                    log.debug("master LP abnormal; rebuilt")  # numerical trouble: once more from scratch
                    self._rebuild()
                    status = self._solve(deadline)
                if self._late(status, deadline):  # (GLOP says NOT_SOLVED or FEASIBLE then)
                    break
                if status != pywraplp.Solver.OPTIMAL:
                    log.warning("column generation stopped: master LP status %d", status)
                    break
                z = self.obj.Value()
            self.iterations += 1
            self.lp_value = z
            current = self._duals()
            chosen = np.zeros(0, dtype=np.int64)
            for alpha in ((smoothing, 0.0) if self.center is not None and smoothing > 0 else (0.0,)):
                d = current if alpha == 0.0 or self.center is None else self.center.mix(current, alpha)
                lagrange, priced = self._price_at(d)
                best = priced.best
                if lagrange > self.best_bound:
                    self.best_bound, self.center = lagrange, d
                    self.best_duals = d
                chosen = np.flatnonzero(np.isfinite(best) & (best < -1e-6))
                if len(chosen):
                    break
            # Rows the LP breaks enter now, with the new columns: one LP solve for both. (Until
            # then the LP is a relaxation, so the bound above stays valid.)
            rows_added = self._add_violated_rows()
            if ladder:  # PDLP: the next tolerance (then GLOP) once nothing new enters or the
                # bound is as close to its LP value as it can tell; converged where that is at a
                # tolerance as fine as the run's own (the dive then starts GLOP from these columns)
                if not rows_added and ladder[0] <= tolerance and z - self.best_bound <= tolerance * abs(z):
                    self.converged = True
                    self._end_first_order()
                    break
                chosen = chosen[np.argsort(best[chosen])][:max_new_columns]
                added = sum(self.add_column(k, priced.column(k)) for k in chosen.tolist())
                if not rows_added and (not added or z - self.best_bound <= ladder[0] * abs(z)):
                    ladder.pop(0)
                    if not ladder:
                        self._end_first_order()
                if time.perf_counter() >= deadline or (stop is not None and stop()):
                    break
                continue
            if len(chosen) == 0 and not rows_added:  # nothing negative at the LP's duals
                self.converged = True
                if z > self.best_bound:  # the Lagrangian at the LP's own duals is z
                    self.best_bound, self.best_duals = z, current
                break
            if z - self.best_bound <= tolerance * abs(z) and not rows_added:
                self.converged = True
                break
            if time.perf_counter() >= deadline:
                break
            if stop is not None and stop():
                break
            done += 1
            if max_iterations is not None and done > max_iterations:
                break
            chosen = chosen[np.argsort(best[chosen])][:max_new_columns]
            for k in chosen.tolist():
                self.add_column(k, priced.column(k))
        self.seconds += time.perf_counter() - t0
        log.debug("column generation: %d rows, %d columns", self.lp.NumConstraints(), len(self.cols))
        return self.bound()

    def dive(self, deadline: float, stop=None, picks: int = 3, iterations: int | None = 5,
             new_columns: int = 300, keep: int | None = None) -> tuple[Placements, Counts] | None:
        """A plan from the LP by diving (call after :meth:`run`; it changes the LP, so the
        bound stays the one proven before and :meth:`run` cannot continue).

        Round by round, the classes the LP uses (nearly) whole are fixed at one, or else the
        ``picks`` it uses most; their learners leave pricing, and column generation runs at most
        ``iterations`` more rounds around them; classes holding a fixed learner are set to zero.
        (A few classes per round and a few rounds, rather than one class at a time fully
        re-converged: far faster for plans alike; figures in docs/benchmarks.md.) A fixing that leaves the LP without a solution (capacity) is undone and
        that class forbidden. Ends when the LP uses only whole classes: its classes and running-class
        places are the plan. At the deadline the LP is rounded instead: the fixed classes, then
        the others by how much the LP uses them while learners, teachers and rooms allow
        (``None`` on ``stop()``). Left out like in the bound: "niet met" pairs, pins and locks,
        so the caller validates the plan.

        ``new_columns``: at most this many new classes per round of column generation.
        ``keep``: the dive starts from an LP of only the ``keep`` classes of least reduced cost
        (and those the LP uses) instead of the whole pool (:meth:`_compact`).
        """
        root = (self.best_bound, self.lp_value, self.converged, self.center, self.best_duals)
        self._dived = True
        self._end_first_order()
        cost0 = self.e.cost.copy()
        blocked = np.zeros(len(self.lids), dtype=bool)
        fixed: set[int] = set()
        dropped: set[int] = set()
        last: tuple[np.ndarray, np.ndarray] | None = None  # the LP's last solution
        try:
            if keep is not None and len(self.cols) > keep:
                self._compact(keep, deadline)
            while True:
                if stop is not None and stop():
                    return None
                # (column generation may stop right after adding rows: _values solves again)
                values = self._values(deadline)
                if values is None and last is not None and time.perf_counter() >= deadline:
                    return self._rounded(*last, fixed)  # out of time: the last solution
                if values is None:  # the fixings and rows found since leave no LP solution
                    log.debug("dive: master LP without a solution; rounding the fixed classes")
                    return self._rounded(np.zeros(len(self.cols)), np.zeros(len(self.run_vars)), fixed)
                lam, run = last = values
                if time.perf_counter() >= deadline:
                    return self._rounded(lam, run, fixed)
                frac = [c for c in np.flatnonzero((lam > 1e-6) & (lam < 1 - 1e-6)).tolist() if c not in fixed]
                if not frac:
                    return self._plan_of(np.flatnonzero(lam > 0.5).tolist(), run)
                chosen = [c for c in frac if lam[c] >= 0.9] or sorted(frac, key=lambda c: -lam[c])[:picks]
                while True:
                    for c in chosen:
                        self.cols[c].SetLb(1.0)
                    self._changed(bounds_only=True)
                    status = self._solve(deadline)
                    if status == pywraplp.Solver.OPTIMAL:
                        break
                    if self._late(status, deadline):  # out of time, not a fixing without a solution
                        for c in chosen:
                            self.cols[c].SetLb(0.0)
                        return self._rounded(lam, run, fixed)
                    for c in chosen:
                        self.cols[c].SetLb(0.0)
                    if len(chosen) > 1:
                        chosen = [max(chosen, key=lambda c: lam[c])]
                        continue
                    self.cols[chosen[0]].SetUb(0.0)  # this class cannot be had: forbid it
                    self._changed(bounds_only=True)
                    chosen = []
                    break
                for c in chosen:
                    fixed.add(c)
                    blocked[self.e.learner[self.col_entries[c]]] = True
                self.e.cost = np.where(blocked[self.e.learner], INF, cost0)
                # Classes with a fixed learner cannot enter any more: out of the LP's way, or GLOP
                # spends the dive re-solving around them (docs/benchmarks.md).
                for c in range(len(self.cols)):
                    if c not in fixed and c not in dropped and blocked[self.e.learner[self.col_entries[c]]].any():
                        self.cols[c].SetUb(0.0)
                        self._changed(bounds_only=True)
                        dropped.add(c)
                self.best_bound, self.center, self.best_duals = -INF, None, None
                # no bound here (the fixings are not a relaxation): stop only when no class prices out
                self._iterate(deadline, new_columns, -1.0, stop, 0.0, iterations)
        finally:
            self.best_bound, self.lp_value, self.converged, self.center, self.best_duals = root
            self.e.cost = cost0

    def _compact(self, keep: int, deadline: float | None) -> None:
        """The LP rebuilt with only the ``keep`` classes of least reduced cost and those its
        solution uses (:meth:`_least_reduced`); the others leave the pool (and :attr:`seen`:
        pricing may bring them back). On 1,000 learners the pool is 15,000 classes when the dive
        starts and each GLOP re-solve takes it all along: a dive from 3,000 took 85 s where one
        from all took 130 s, to plans alike (docs/benchmarks.md)."""
        if not self._latest() and not self._exact(deadline):
            return  # no solution to read the reduced costs from: dive from the whole pool
        self._keep_only(self._least_reduced(keep))
        self._rebuild()

    def _latest(self) -> bool:
        """Does the LP hold a solution to read duals and values from: its own, or else PDLP's
        last when no GLOP solve ended after it (made the LP's own here: columns added since at 0,
        rows added since with dual 0)? A run stopped by its deadline has just added columns: on
        3,000 learners GLOP then needed 60 s to solve the whole pool again, only to choose the
        dive's columns (docs/benchmarks.md)."""
        if self._solved:
            return True
        if not self._first_last or self._warm is None:
            return False
        self._first = (*self._warm_padded(), self.lp_value)
        return True

    def _least_reduced(self, keep: int) -> list[int]:
        """The ``keep`` columns of least reduced cost at the LP's last duals (PDLP's or GLOP's, as
        :meth:`_read`; computed as pricing does) and every column its solution uses, in pool order."""
        lam = self._read(self.cols)
        entry_rc, fixed, _ = self._reduced(self._duals())
        pair = np.asarray(self.col_pair, dtype=np.int64)
        rc = fixed[pair] + np.array([float(entry_rc[ent].sum()) for ent in self.col_entries])
        return sorted(set(np.argsort(rc, kind="stable")[:keep].tolist()) | set(np.flatnonzero(lam > 1e-6).tolist()))

    def _keep_only(self, columns: list[int]) -> None:
        """The pool cut to ``columns`` (the LP itself is rebuilt by the caller)."""
        self.col_pair = [self.col_pair[c] for c in columns]
        self.col_entries = [self.col_entries[c] for c in columns]
        self.seen = {(k, *ent.tolist()) for k, ent in zip(self.col_pair, self.col_entries, strict=True)}

    def rounded(self, fits: Callable[[int, int], bool] | None = None) -> tuple[Placements, Counts] | None:
        """Whole classes from the LP's last solution as it is, without solving again (a dive
        would first need GLOP's exact solution: 20 s on 1,500 learners after PDLP): GLOP's where
        it is current, else PDLP's last (columns added since at 0); ``None`` before any solve.
        Leaves many waiting where the LP is fractional: complete the plan, and validate it like
        a dived one. The LP is not changed: :meth:`run` can go on. ``fits(family, start)``, when
        given, decides (and takes) the teachers and rooms of a class instead of this LP's rows:
        parts of one problem share them (:func:`~optimizer.parts.rounded_by_parts`)."""
        if self._solved:
            lam, run = self._read(self.cols), self._read(self.run_vars)
        elif self._warm is not None:
            x = self._warm_padded()[0]
            lam = x[np.array([v.index() for v in self.cols], dtype=np.int64)]
            run = x[np.array([v.index() for v in self.run_vars], dtype=np.int64)]
        else:
            return None
        return self._rounded(lam, run, set(), fits)

    def _rounded(self, lam: np.ndarray, run: np.ndarray, fixed: set[int],
                 fits: Callable[[int, int], bool] | None = None) -> tuple[Placements, Counts]:
        """Whole classes from a fractional LP: the fixed ones, then by ``lam`` while no learner
        is taken twice and class counts, teachers and rooms allow (``fits``: see :meth:`rounded`)."""
        taken = np.zeros(len(self.lids), dtype=bool)
        per_pair = np.zeros(len(self.pairs))
        use = np.zeros(len(self.row_keys))
        chosen = []
        entries: dict[int, np.ndarray] = {}  # the classes taken without their learners taken before
        for c in sorted(fixed) + [c for c in np.argsort(-lam).tolist() if lam[c] > 1e-6 and c not in fixed]:
            k, ents = self.col_pair[c], self.col_entries[c]
            members = self.e.learner[ents]
            rows = self.pair_rows[k]
            if per_pair[k] + 1 > self.e.max_classes[k]:
                continue
            clash = taken[members]
            if clash.any():
                if not PARTIAL_ROUNDING:
                    continue
                # the class without them, while its starters still fill it (a household is in
                # one class whole: its members clash together)
                ents, members = ents[~clash], members[~clash]
                if int((~self.e.joiner[ents]).sum()) < max(1, int(self.e.min_size[k])):
                    continue
                entries[c] = ents
            if fits is None:
                if (use[rows] + 1 > self.cap_values[rows]).any():
                    continue
                use[rows] += 1
            elif not fits(*self.pairs[k]):
                continue
            taken[members] = True
            per_pair[k] += 1
            chosen.append(c)
        return self._plan_of(chosen, run, entries)

    def _plan_of(self, columns: list[int], run: np.ndarray, entries: dict[int, np.ndarray] | None = None
                 ) -> tuple[Placements, Counts]:
        """Placements and class counts of these whole classes (``entries[c]``, where given, the
        members of ``c`` kept), with the LP's running-class places ``run`` (those above one half)
        for learners in none of them, as far as seats go."""
        placements: Placements = dict.fromkeys(self.lids)
        counts: Counts = defaultdict(int)
        for c in columns:
            f, s = self.pairs[self.col_pair[c]]
            counts[f, s] += 1
            for e in (entries or {}).get(c, self.col_entries[c]).tolist():
                placements[self.lids[int(self.e.learner[e])]] = Placement(self.e.option[e], int(self.e.week[e]), s)
        # running places: a household's members together or not at all (the LP ties their
        # places, PDLP's solution only to its tolerance, and the seats may run out between them)
        seats = self.seat_caps.copy()
        wanted: dict[int, tuple[Option, int]] = {}
        for x, o, i, r in zip(run.tolist(), self.run_opts, self.run_learner.tolist(), self.run_seat.tolist(), strict=True):
            if x > 0.5 and placements[o.learner] is None:
                wanted.setdefault(i, (o, r))
        for i, (o, r) in wanted.items():
            group = self.household_of.get(i, frozenset((i,)))
            if placements[o.learner] is not None or seats[r] < len(group) \
                    or any(wanted.get(j, (None, -1))[1] != r for j in group):
                continue
            for j in group:
                oj = wanted[j][0]
                assert oj.week is not None  # a running option carries its join week
                placements[oj.learner] = Placement(oj, oj.week)
            seats[r] -= len(group)
        return placements, dict(counts)

    def _cheapest(self) -> np.ndarray:
        """Per learner the cost of their cheapest place (class entry, running class or the waiting list)."""
        pi = self.wait_cost.copy()
        np.minimum.at(pi, self.e.learner, self.e.cost)
        if len(self.run_learner):
            np.minimum.at(pi, self.run_learner, self.run_cost)
        return pi

    def trivial_duals(self) -> _Duals:
        """Every learner's dual at their cheapest place, every other row's 0: no class has a
        negative reduced cost there, so the Lagrangian bound at these duals is the trivial bound."""
        return _Duals(self._cheapest(), np.zeros(len(self.row_keys)), np.zeros(len(self.pairs)),
                      np.zeros(len(self.seat_caps)), np.zeros(len(self.tie_rows)))

    def trivial_bound(self) -> float:
        """Every learner at their cheapest place: the Lagrangian bound at :meth:`trivial_duals`."""
        return float(self._cheapest().sum())

    def toward_trivial(self, deadline: float, steps: int = TOWARD_TRIVIAL_STEPS, stop=None) -> Bound:
        """For an LP cut short: the Lagrangian bound along the line from the best bound's duals
        to :meth:`trivial_duals`, searched by golden section (at most ``steps`` pricings, none
        begun after ``deadline`` or once ``stop()``); the best point raises the bound when it is higher. Far from
        convergence the LP's duals price too many classes below zero and their bound falls
        under the trivial one, while part of the way towards the trivial duals it is above both
        (the city case after 78 s: the best bound 238,944, the trivial 284,579, on this line
        292,687; docs/benchmarks.md). Every point priced is a valid bound: the search only
        chooses which. The LP, its columns, the best bound and the smoothing's centre stay as
        they are (:attr:`line_bound` holds the result: with the centre moved here, a later
        :meth:`run` of an 80-learner case had not converged after 120 s; kept apart, it converged
        to the same LP as without the line)."""
        if self.converged or self.center is None:
            return self.bound()
        centre, trivial = self.center, self.trivial_duals()
        tried: dict[float, float] = {}

        def value(alpha: float) -> float:
            if alpha not in tried:
                if time.perf_counter() >= deadline or len(tried) >= steps or (stop is not None and stop()):
                    return -INF
                d = centre.mix(trivial, alpha)
                tried[alpha] = self._price_at(d)[0]
                self.line_bound = max(self.line_bound, tried[alpha])
            return tried[alpha]

        golden = (math.sqrt(5.0) - 1.0) / 2.0
        lo, hi = 0.0, 1.0
        a, b = hi - golden * (hi - lo), lo + golden * (hi - lo)
        while len(tried) < steps and time.perf_counter() < deadline and not (stop is not None and stop()):
            if value(a) < value(b):
                lo, a, b = a, b, a + golden * (hi - a)
            else:
                hi, b, a = b, a, b - golden * (b - lo)
        return self.bound()

    def bound(self) -> Bound:
        """The bound proven so far; never below the trivial bound (far from convergence the
        Lagrangian one can be lower: docs/benchmarks.md)."""
        value = integral_bound(max(self.best_bound, self.line_bound, self.trivial_bound()))
        return Bound(value, self.lp_value, self.converged, self.iterations, len(self.cols), self.seconds)

    def bound_line(self) -> tuple[float, float]:
        """The best Lagrangian bound so far under the current wait budget ``b`` and the wait
        row's dual ``mu`` (at most 0) at its duals. The Lagrangian is linear in the budget, so
        under any other budget ``b'`` (the same floor) ``bound + mu * (b' - b)`` is a valid bound
        too: a cap's LP proves something for the caps below it beyond its own bound (the frontier,
        :meth:`~optimizer.frontier._Prover.proven`). ``(-inf, 0)`` before any bound."""
        if self.best_duals is None or self.cand.wait_budget is None:
            return self.best_bound, 0.0
        return self.best_bound, min(0.0, self.best_duals.wait)


def integral_bound(value: float) -> int:
    """A bound of the LP (a float) as one on the objective (an integer), less the LP's
    floating-point tolerance."""
    margin = 1e-6 * abs(value) + 1e-3
    return max(0, math.ceil(value - margin))


def lower_bound(problem: Problem, time_limit: float = 10.0, cand: Candidates | None = None) -> Bound:
    """A proven lower bound on the objective of every valid plan of ``problem``."""
    t0 = time.perf_counter()
    cg = ColumnGeneration(problem, cand or build_candidates(problem))
    return cg.run(t0 + time_limit)

"""A proven lower bound by column generation over whole classes (Dantzig-Wolfe).

The model's own LP relaxation is weak on this problem: it may open a tenth of a class with a
tenth of its minimum size, so CP-SAT's bound and the trivial one (every learner at their
cheapest option) stay 20-30% below the plans found. Here a *column* is one whole class: a
family, a start week and a set of learners, with at least the route's minimum starting on
the first day and at most its maximum including those who join later. The LP may mix whole
classes fractionally, but every class in the mix is full enough. On the benchmark's M cases
this bound is 1-8% below the best plans known, where the others were 20-37% below
(docs/benchmarks.md, "Proven gap").

Master LP over the columns found so far::

    min  sum_col cost_col lam_col + sum_(i,r) c_ir x_ir + sum_i waitlist_i w_i
    s.t. sum_(col with i) lam_col + sum_r x_ir + w_i = 1      every learner i      (dual pi_i)
         sum_i x_ir <= free seats of running class r
         sum_col use_col,k lam_col <= cap_k     teachers per (daypart, week) and rooms per
                                                (location, daypart, week), as in the model
         sum_(col of f,s) lam_col <= max_classes(f, s)
         sum_(col of f,s with i) lam_col = sum_(col of f,s with j) lam_col
                                                household members i, j (same class kind)
         lam, x, w >= 0

Capacity, class-count and household rows enter the LP once its solution breaks them (until
then the LP is a relaxation of the one with the row, so every bound stays valid). A household
member's entry is dropped where another member cannot take that class kind.

Pricing: for one (family, start week) the cheapest class under the duals is exact and
cheap: sort the starters and the joiners by reduced cost; for every number of starters k
between the minimum and the maximum take the k cheapest starters and the cheapest negative
joiners that still fit. All (family, week) pairs are priced at once with numpy.

At every iteration the Lagrangian bound at the priced duals is valid: their dual objective
plus the most the classes could still gain (per route at most learners / minimum size
classes, per kind at most ``max_classes``, each at its best reduced cost). So a time limit
still leaves a proven bound; at convergence it equals the LP. Left out, which only lowers
the bound: "niet met" pairs, pins and locked classes.
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from .candidates import Candidates, Option, class_occupancy, resource_caps
from .domain import Problem
from .regroup import Counts, Placements

INF = float("inf")
log = logging.getLogger(__name__)


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


@dataclass
class _Duals:
    """Duals of the master LP's rows (zero for rows not in the LP yet)."""

    pi: np.ndarray
    cap: np.ndarray
    count: np.ndarray
    hh: dict[tuple[int, int, int], float]
    seats: np.ndarray

    def mix(self, other: _Duals, alpha: float) -> _Duals:
        """alpha x self + (1 - alpha) x other."""
        def m(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return alpha * a + (1 - alpha) * b
        hh = {k: alpha * self.hh.get(k, 0.0) + (1 - alpha) * other.hh.get(k, 0.0) for k in self.hh.keys() | other.hh.keys()}
        return _Duals(m(self.pi, other.pi), m(self.cap, other.cap), m(self.count, other.count), hh,
                      m(self.seats, other.seats))


class _Entries:
    """Every (pair, learner) a class of that pair could take, as flat arrays; ``option`` and
    ``week`` say how (the learner's cheapest option for that class and their entry week)."""

    def __init__(self, problem: Problem, cand: Candidates, pairs: list[tuple[int, int]],
                 learners: dict[str, int]) -> None:
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
            for o in options:
                if o.running is not None:
                    continue
                if o.slot is not None:
                    P.append(pidx[o.slot])
                    L.append(i)
                    C.append(cand.cost(o, o.week))  # type: ignore[arg-type]
                    W.append(o.week)  # type: ignore[arg-type]
                    opts.append(o)
                    continue
                rate, base = cand.wait_rate[lid], o.static_cost - cand.wait_rate[lid] * cand.since[lid]
                for s in cand.weeks[o.family]:  # type: ignore[index]
                    if s >= a:  # starts with the class
                        week = s
                    elif a - J <= s and a < H:  # joins it in their first week
                        week = a
                    else:
                        continue
                    P.append(pidx[o.family, s])  # type: ignore[index]
                    L.append(i)
                    C.append(base + rate * week)
                    W.append(week)
                    opts.append(o)
        pair = np.array(P, dtype=np.int64)
        learner = np.array(L, dtype=np.int64)
        cost = np.array(C, dtype=np.float64)
        week = np.array(W, dtype=np.int64)
        # One entry per (pair, learner): the cheapest of their options for that class.
        order = np.lexsort((cost, learner, pair))
        first = np.ones(len(order), dtype=bool)
        first[1:] = (pair[order][1:] != pair[order][:-1]) | (learner[order][1:] != learner[order][:-1])
        keep = order[first]
        self.pair, self.learner, self.cost, self.week = pair[keep], learner[keep], cost[keep], week[keep]
        self.option = [opts[k] for k in keep.tolist()]
        starts = np.array([s for _, s in pairs], dtype=np.int64)
        self.joiner = self.week > starts[self.pair] if len(pairs) else np.zeros(0, dtype=bool)
        routes = problem.route_by_name
        self.min_size = np.array([routes[cand.families[f].route].min_size for f, _ in pairs], dtype=np.int64)
        self.max_size = np.array([routes[cand.families[f].route].max_size for f, _ in pairs], dtype=np.int64)
        self.max_classes = np.array([cand.max_classes[ft] for ft in pairs], dtype=np.float64)
        self._reindex()

    def _reindex(self) -> None:
        self.index = {(int(p), int(lr)): e for e, (p, lr) in enumerate(zip(self.pair, self.learner, strict=True))}

    def drop_split_households(self, households: dict[int, list[int]]) -> None:
        """Drop a household member's entry where another member cannot take that class."""
        keep = np.ones(len(self.pair), dtype=bool)
        for x, (k, i) in enumerate(zip(self.pair.tolist(), self.learner.tolist(), strict=True)):
            if i in households and any((k, j) not in self.index for j in households[i]):
                keep[x] = False
        if keep.all():
            return
        self.pair, self.learner, self.cost = self.pair[keep], self.learner[keep], self.cost[keep]
        self.week, self.joiner = self.week[keep], self.joiner[keep]
        self.option = [o for o, k in zip(self.option, keep.tolist(), strict=True) if k]
        self._reindex()


def class_resources(problem: Problem, cand: Candidates, family: int, start: int) -> list[tuple]:
    """The capacity rows a class uses: ("t", daypart, week) teachers and ("r", location,
    daypart, week) rooms, as the model counts them (:func:`class_occupancy`)."""
    fam = cand.families[family]
    out: list[tuple] = []
    for d, t in class_occupancy(problem, fam, start):
        out.append(("t", d, t))
        out.append(("r", fam.location, d, t))
    return out


def capacity_rows(problem: Problem, cand: Candidates, pairs: list[tuple[int, int]]) -> dict[tuple, int]:
    """Teacher and room limits the new classes could exceed (the others never bind)."""
    teachers, rooms = cand.caps or resource_caps(problem)
    demand: dict[tuple, int] = defaultdict(int)
    for f, s in pairs:
        for key in class_resources(problem, cand, f, s):
            demand[key] += cand.max_classes[f, s]
    out = {}
    for key, total in demand.items():
        cap = teachers.get(key[1:], 0) if key[0] == "t" else rooms.get(key[1:], 0)
        if total > cap:
            out[key] = cap
    return out


def _price(e: _Entries, rc: np.ndarray, fixed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                    np.ndarray, np.ndarray]:
    """Per pair: the best reduced cost of a class, its numbers of starters and joiners, and
    the entries of the candidates in reduced-cost order (starters, joiners)."""
    n_pairs = len(fixed)
    width = int(e.max_size.max()) if n_pairs else 0
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
    return best, best_k, n_join, si, ji


class ColumnGeneration:
    """The master LP and its pricing for one problem; :meth:`run` improves the bound and the
    column pool until a deadline, and may be called again to continue."""

    def __init__(self, problem: Problem, cand: Candidates) -> None:
        self.problem, self.cand = problem, cand
        self.lids = list(cand.options)
        self.learners = {lid: i for i, lid in enumerate(self.lids)}
        self.pairs = sorted(cand.max_classes)
        self.e = _Entries(problem, cand, self.pairs, self.learners)
        caps = capacity_rows(problem, cand, self.pairs)
        self.row_keys = list(caps)
        self.cap_values = np.array([caps[k] for k in self.row_keys], dtype=np.float64)
        row_id = {key: r for r, key in enumerate(self.row_keys)}
        self.pair_rows: list[list[int]] = [[] for _ in self.pairs]
        self.row_pairs: list[list[int]] = [[] for _ in self.row_keys]
        up, ur = [], []
        for k, (f, s) in enumerate(self.pairs):
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
        self.households: dict[int, list[int]] = {}
        """Per learner in a household ("samen") of two or more: all its members."""
        groups: dict[str, list[int]] = defaultdict(list)
        for lr in problem.learners:
            if lr.together and lr.id in self.learners:
                groups[lr.together].append(self.learners[lr.id])
        for members in groups.values():
            if len(members) > 1:
                for i in members:
                    self.households[i] = members
        self.e.drop_split_households(self.households)

        self.cap_rows: dict[int, pywraplp.Constraint] = {}
        self.count_rows: dict[int, pywraplp.Constraint] = {}
        self.hh_rows: dict[tuple[int, int, int], pywraplp.Constraint] = {}
        self.hh_by_pair: dict[int, list[tuple[int, int, pywraplp.Constraint]]] = defaultdict(list)
        self._new_lp()
        self.cols: list[pywraplp.Variable] = []
        self.col_pair: list[int] = []
        self.col_entries: list[np.ndarray] = []
        self.pair_cols: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        self.pair_col_ids: dict[int, list[int]] = defaultdict(list)
        self.col_household: list[set[int]] = []
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
        self.seen: set[tuple[int, ...]] = set()
        self.best_bound = -INF
        self.center: _Duals | None = None
        """Duals of the best bound so far (the smoothing's stability centre)."""
        self.lp_value = INF
        self.iterations = 0
        self.converged = False
        self.seconds = 0.0

    # ---- columns ---------------------------------------------------------------------------

    def _new_lp(self) -> None:
        """The master LP with its learner and seat rows and the rows found so far (empty)."""
        cand = self.cand
        lp = self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.obj = lp.Objective()
        self.one = [lp.Constraint(1.0, 1.0) for _ in self.lids]
        for i, lid in enumerate(self.lids):
            w = lp.NumVar(0.0, INF, "")  # waits (no upper bound: the row caps it at 1)
            self.obj.SetCoefficient(w, float(cand.waitlist_cost[lid]))
            self.one[i].SetCoefficient(w, 1.0)
        seat_of = {rc.id: r for r, rc in enumerate(self.problem.running)}
        self.seat_caps = np.array([float(max(0, rc.free_seats)) for rc in self.problem.running])
        self.seat_rows = [lp.Constraint(-INF, cap) for cap in self.seat_caps.tolist()]
        self.wait_cost = np.array([float(cand.waitlist_cost[lid]) for lid in self.lids])
        run_learner, run_seat, run_cost = [], [], []
        for lid, opts in cand.options.items():
            for o in opts:
                if o.running is not None:
                    x = lp.NumVar(0.0, INF, "")
                    self.obj.SetCoefficient(x, float(cand.cost(o, o.week)))  # type: ignore[arg-type]
                    self.one[self.learners[lid]].SetCoefficient(x, 1.0)
                    self.seat_rows[seat_of[o.running]].SetCoefficient(x, 1.0)
                    run_learner.append(self.learners[lid])
                    run_seat.append(seat_of[o.running])
                    run_cost.append(float(cand.cost(o, o.week)))  # type: ignore[arg-type]
        self.run_learner = np.array(run_learner, dtype=np.int64)
        self.run_seat = np.array(run_seat, dtype=np.int64)
        self.run_cost = np.array(run_cost)
        for r in self.cap_rows:
            self.cap_rows[r] = lp.Constraint(-INF, float(self.cap_values[r]))
        for k in self.count_rows:
            self.count_rows[k] = lp.Constraint(-INF, float(self.e.max_classes[k]))
        self.hh_by_pair.clear()
        for key in self.hh_rows:
            row = self.hh_rows[key] = lp.Constraint(0.0, 0.0)
            self.hh_by_pair[key[0]].append((key[1], key[2], row))

    def _rebuild(self) -> None:
        """A fresh LP with every row and column (after GLOP lost its way incrementally)."""
        self._new_lp()
        self.cols = [self._insert(k, entries, mine)
                     for k, entries, mine in zip(self.col_pair, self.col_entries, self.col_household, strict=True)]
        self.pair_cols = defaultdict(list)
        for k, var in zip(self.col_pair, self.cols, strict=True):
            self.pair_cols[k].append(var)

    def _insert(self, k: int, entries: np.ndarray, mine: set[int]) -> pywraplp.Variable:
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
        for head, j, row in self.hh_by_pair.get(k, ()):
            coef = (head in mine) - (j in mine)
            if coef:
                row.SetCoefficient(var, float(coef))
        return var

    def add_column(self, k: int, entries: np.ndarray) -> bool:
        """Add the class of pair ``k`` with these entries (once)."""
        entries = np.sort(entries)
        sig = (k, *entries.tolist())
        if sig in self.seen:
            return False
        self.seen.add(sig)
        mine = {int(i) for i in self.e.learner[entries].tolist() if int(i) in self.households}
        var = self._insert(k, entries, mine)
        self.col_household.append(mine)
        self.pair_col_ids[k].append(len(self.cols))
        self.cols.append(var)
        self.col_pair.append(k)
        self.col_entries.append(entries)
        self.pair_cols[k].append(var)
        return True

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
        """Rows enter the LP once its solution breaks them: class counts, teachers and rooms,
        and households (per class kind, as many of each member; the members' classes are
        then the same in any integer plan)."""
        if not self.cols:
            return 0
        lam = np.array([v.solution_value() for v in self.cols])
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
        if self.households:
            share: dict[tuple[int, int], float] = defaultdict(float)
            for c in np.flatnonzero(lam > 1e-9).tolist():
                for i in self.col_household[c]:
                    share[self.col_pair[c], i] += lam[c]
            for k, i in list(share):
                members = self.households[i]
                head = members[0]
                for j in members[1:]:
                    key = (k, head, j)
                    if key in self.hh_rows or abs(share.get((k, head), 0.0) - share.get((k, j), 0.0)) <= 1e-6:
                        continue
                    row = self.hh_rows[key] = self.lp.Constraint(0.0, 0.0)
                    for c in self.pair_col_ids[k]:
                        coef = (head in self.col_household[c]) - (j in self.col_household[c])
                        if coef:
                            row.SetCoefficient(self.cols[c], float(coef))
                    self.hh_by_pair[k].append((head, j, row))
                    added += 1
        return added

    def _lagrange(self, z: float, best: np.ndarray) -> float:
        """``z`` plus the most the classes could still gain: per route at most (its learners /
        its minimum size) classes in all, per class kind at most ``max_classes``."""
        e = self.e
        gain = 0.0
        for members, limit in self.route_pairs:
            rc = best[members]
            ok = np.isfinite(rc) & (rc < 0)
            if not ok.any():
                continue
            order = np.argsort(rc[ok])
            rc_sorted = rc[ok][order]
            k_sorted = e.max_classes[members[ok]][order]
            room = np.clip(limit - np.concatenate([[0.0], np.cumsum(k_sorted)[:-1]]), 0.0, None)
            gain += float((rc_sorted * np.minimum(k_sorted, room)).sum())
        return z + gain

    # ---- the loop --------------------------------------------------------------------------

    def _duals(self) -> _Duals:
        y = np.zeros(len(self.row_keys))
        for r, row in self.cap_rows.items():
            y[r] = row.dual_value()
        count = np.zeros(len(self.pairs))
        for k, row in self.count_rows.items():
            count[k] = row.dual_value()
        return _Duals(np.array([c.dual_value() for c in self.one]), y, count,
                      {key: row.dual_value() for key, row in self.hh_rows.items()},
                      np.array([row.dual_value() for row in self.seat_rows]))

    def _price_at(self, d: _Duals) -> tuple[float, tuple]:
        """Pricing and the Lagrangian bound at duals ``d`` (any duals: the bound is valid)."""
        e = self.e
        fixed = self.new_class - np.bincount(self.use_pair, weights=d.cap[self.use_row], minlength=len(self.pairs))
        fixed -= d.count
        rc = e.cost - d.pi[e.learner]
        if d.hh:
            adj = np.zeros(len(e.pair))
            for (k, head, j), v in d.hh.items():
                adj[e.index[k, head]] += v
                adj[e.index[k, j]] -= v
            rc -= adj
        priced = _price(e, rc, fixed)
        best = priced[0]
        value = (float(d.pi.sum()) + float(d.cap @ self.cap_values) + float(d.count @ e.max_classes)
                 + float(d.seats @ self.seat_caps)
                 + float(np.minimum(0.0, self.wait_cost - d.pi).sum()))
        if len(self.run_learner):
            value += float(np.minimum(0.0, self.run_cost - d.pi[self.run_learner] - d.seats[self.run_seat]).sum())
        return self._lagrange(value, best), priced

    def run(self, deadline: float, max_new_columns: int = 300, tolerance: float = 1e-4,
            stop=None, smoothing: float = 0.5) -> Bound:
        """Alternate LP and pricing until convergence, ``deadline`` (a perf_counter time) or
        ``stop()``; the bound proven so far is kept across calls.

        Duals are smoothed (Wentges): pricing runs at ``smoothing`` x the duals of the best
        bound so far plus the rest x the LP's, which damps the LP's jumping duals; when that
        finds no column, pricing falls back to the LP's own duals.
        """
        t0 = time.perf_counter()
        while True:
            status = self.lp.Solve()
            if status == pywraplp.Solver.ABNORMAL:  # numerical trouble: once more from scratch
                log.debug("master LP abnormal; rebuilt")
                self._rebuild()
                status = self.lp.Solve()
            if status != pywraplp.Solver.OPTIMAL:
                log.warning("column generation stopped: master LP status %d", status)
                break
            self.iterations += 1
            z = self.lp_value = self.obj.Value()
            current = self._duals()
            chosen = np.zeros(0, dtype=np.int64)
            for alpha in ((smoothing, 0.0) if self.center is not None and smoothing > 0 else (0.0,)):
                d = current if alpha == 0.0 else self.center.mix(current, alpha)  # type: ignore[union-attr]
                lagrange, (best, best_k, n_join, si, ji) = self._price_at(d)
                if lagrange > self.best_bound:
                    self.best_bound, self.center = lagrange, d
                chosen = np.flatnonzero(np.isfinite(best) & (best < -1e-6))
                if len(chosen):
                    break
            # Rows the LP breaks enter now, with the new columns: one LP solve for both. (Until
            # then the LP is a relaxation, so the bound above stays valid.)
            rows_added = self._add_violated_rows()
            if len(chosen) == 0 and not rows_added:  # nothing negative at the LP's duals
                self.converged = True
                self.best_bound = max(self.best_bound, z)
                break
            if z - self.best_bound <= tolerance * abs(z) and not rows_added:
                self.converged = True
                break
            if time.perf_counter() >= deadline:
                break
            if stop is not None and stop():
                break
            chosen = chosen[np.argsort(best[chosen])][:max_new_columns]
            for k in chosen.tolist():
                self.add_column(k, np.concatenate([si[k, :best_k[k]], ji[k, :n_join[k]]]))
        self.seconds += time.perf_counter() - t0
        log.debug("column generation: %d rows, %d columns", self.lp.NumConstraints(), len(self.cols))
        return self.bound()

    def bound(self) -> Bound:
        margin = 1e-6 * abs(self.best_bound) + 1e-3  # the LP's floating-point tolerance
        value = max(0, math.ceil(self.best_bound - margin)) if self.best_bound > -INF else 0
        return Bound(value, self.lp_value, self.converged, self.iterations, len(self.cols), self.seconds)


def lower_bound(problem: Problem, time_limit: float = 10.0, cand: Candidates | None = None) -> Bound:
    """A proven lower bound on the objective of every valid plan of ``problem``."""
    from .candidates import build_candidates

    t0 = time.perf_counter()
    cg = ColumnGeneration(problem, cand or build_candidates(problem))
    return cg.run(t0 + time_limit)

"""The class model as an aggregated MIP, solved by SCIP: the exact reference for every shape
the column generation covers (``bench/mip_classes.py`` runs it), and, restricted to the class
kinds a capped LP uses, a plan improver for small frontiers (``frontier.py``).

On the same candidates as the column generation (``colgen.py``): per pair ``p`` (a class kind
and a start week) ``n_p`` classes (integer, at most the kind's ``max_classes``) and per entry
``z_ip`` (learner ``i`` in one of them, binary); per running class the places ``x_ir``; per
learner ``w_i`` (waits)::

    min  sum cost_ip z_ip + new_class sum n_p + sum cost_ir x_ir + sum waitlist_i w_i
    s.t. sum_p z_ip + sum_r x_ir + w_i = 1                         every learner
         sum_(starters i) z_ip >= min_size n_p,  sum_i z_ip <= max_size n_p   every pair
         sum_i x_ir <= free seats                                  every running class
         z_ip = z_jp, x_ir = x_jr                                  i, j of one household
         sum_p use_pk n_p <= cap_k                                 teachers, rooms
         waiting weeks <= budget, sum w_i <= learners - floor      under a cap, a floor

Aggregated, it is exact: members with at least ``min_size x n`` starters and at most
``max_size x n`` in all can always be cut into ``n`` classes of the pair (a class's costs are
its members' entries, whoever they share it with); households must also fit whole into one of
them, which :func:`plan_of` checks when it cuts (None where it cannot). Left out, as in the
column generation: "niet met" pairs, pins and locked classes; a plan found is therefore checked
by the independent validator (``optimizer.validate``) and is only used when it passes.

``kinds``: only these (family, start week) pairs and the hint's may open classes (the others'
``n_p`` are 0): the pairs a converged LP under a cap uses, with the current plan's, make a MIP that SCIP solves
in seconds on 80-120 learners, where the searches under a tight cap find no step
(docs/benchmarks.md, "A MIP over the LP's class kinds").
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .candidates import Counts, Placements
from .domain import Problem
from .plan import Plan


@dataclass(frozen=True)
class ClassMip:
    objective: float | None
    bound: float
    proven: bool
    seconds: float
    plan: Plan | None
    """The MIP's solution as a plan (None: no solution, or it could not be cut into classes)."""
    valid: bool | None
    """The independent validator's verdict on ``plan``."""


def solve_class_mip(problem: Problem, time_limit: float = 600.0, *, budget: int | None = None,
                    floor: int | None = None, threads: int = 1, hint: Plan | tuple[Placements, Counts] | None = None,
                    kinds: set[tuple[int, int]] | None = None, stop: Callable[[], bool] | None = None) -> ClassMip:
    """The MIP under at most ``budget`` waiting weeks together and at least ``floor`` placed,
    from ``hint`` (a plan, or placements and counts on the problem's candidates) when given,
    with classes only of ``kinds`` ((family, start week) pairs of the problem's candidates) and
    the hint's when given; SCIP within ``time_limit`` seconds (building included), interrupted
    within about 0.1 s once ``stop()`` says so (the best plan found by then)."""
    from ortools.linear_solver import pywraplp

    from .candidates import build_candidates
    from .colgen import ColumnGeneration
    from .solve import placements_from_plan

    t0 = time.perf_counter()
    cand = build_candidates(problem)
    cand.wait_budget, cand.min_placed = budget, floor
    cg = ColumnGeneration(problem, cand)
    e = cg.e
    s = pywraplp.Solver.CreateSolver("SCIP")
    s.SetNumThreads(threads)
    n_pairs = len(cg.pairs)
    start = None
    if hint is not None:
        start = hint if isinstance(hint, tuple) else placements_from_plan(problem, cand, hint)
    if kinds is not None and start is not None:
        kinds = kinds | {ft for ft, count in start[1].items() if count > 0}  # the hint stays a solution
    shut = np.zeros(n_pairs, dtype=bool) if kinds is None else np.array([ft not in kinds for ft in cg.pairs])
    n = [s.IntVar(0.0, 0.0 if shut[k] else float(e.max_classes[k]), f"n{k}") for k in range(n_pairs)]
    z = [s.IntVar(0.0, 0.0 if shut[int(e.pair[j])] else 1.0, f"z{j}") for j in range(len(e.pair))]
    w = [s.BoolVar(f"w{i}") for i in range(len(cg.lids))]
    x = [s.BoolVar(f"x{j}") for j in range(len(cg.run_opts))]
    rows: list[list] = [[w[i]] for i in range(len(cg.lids))]
    starters: list[list] = [[] for _ in range(n_pairs)]
    members: list[list] = [[] for _ in range(n_pairs)]
    for j in range(len(e.pair)):
        k, i = int(e.pair[j]), int(e.learner[j])
        rows[i].append(z[j])
        members[k].append(z[j])
        if not e.joiner[j]:
            starters[k].append(z[j])
    for j, i in enumerate(cg.run_learner.tolist()):
        rows[i].append(x[j])
    for row in rows:
        s.Add(sum(row) == 1)
    for k in range(n_pairs):
        s.Add(sum(starters[k]) >= float(e.min_size[k]) * n[k])
        s.Add(sum(members[k]) <= float(e.max_size[k]) * n[k])
    seat_use: list[list] = [[] for _ in cg.seat_caps]
    for j, r in enumerate(cg.run_seat.tolist()):
        seat_use[r].append(x[j])
    for r, used in enumerate(seat_use):
        if used:
            s.Add(sum(used) <= float(cg.seat_caps[r]))
    # households: one class kind and start (same pair), or one running class, or all waiting
    run_of: dict[tuple[int, str | None], int] = {(int(i), o.running): j for j, (i, o)
                                          in enumerate(zip(cg.run_learner.tolist(), cg.run_opts, strict=True))}
    for hh in cg.households:
        _together(s, w, list(hh))
        for k in range(n_pairs):
            _together(s, z, [e.index.get((k, i)) for i in hh])
        for r in {run for (i, run) in run_of if i in hh}:
            _together(s, x, [run_of.get((i, r)) for i in hh])
    for r in range(len(cg.row_keys)):
        used = [n[k] for k in cg.row_pairs[r]]
        if used:
            s.Add(sum(used) <= float(cg.cap_values[r]))
    if budget is not None:
        s.Add(sum(float(e.waited[j]) * z[j] for j in range(len(z)))
              + sum(float(cg.run_waited[j]) * x[j] for j in range(len(x)))
              + sum(float(cg.waitlist_weeks[i]) * w[i] for i in range(len(w))) <= float(budget))
    if floor is not None:
        s.Add(sum(w) <= float(len(cg.lids) - floor))
    s.Minimize(sum(float(e.cost[j]) * z[j] for j in range(len(z))) + cg.new_class * sum(n)
               + sum(float(cg.run_cost[j]) * x[j] for j in range(len(x)))
               + sum(float(cg.wait_cost[i]) * w[i] for i in range(len(w))))
    if start is not None:
        _hint(s, cg, start, n, z, w, x)
    s.SetTimeLimit(int(max(1.0, time_limit - (time.perf_counter() - t0)) * 1000))
    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(params.RELATIVE_MIP_GAP, 0.0)  # (SCIP's default 1e-4 stopped 1 above the optimum)
    done = threading.Event()
    if stop is not None:  # SCIP's solve blocks: a watcher interrupts it when asked to stop
        def watch() -> None:
            # (again at every tick until the solve returns: one interrupt, sent while the solve
            # was setting up, was lost once and SCIP ran its full 300 s in a loaded test run)
            while not done.wait(0.1):
                if stop():
                    s.InterruptSolve()
        threading.Thread(target=watch, daemon=True).start()
    try:
        status = s.Solve(params)
    finally:
        done.set()
    seconds = time.perf_counter() - t0
    bound = s.Objective().BestBound()
    if min(e.cost.min(initial=0.0), cg.run_cost.min(initial=0.0), cg.wait_cost.min(initial=0.0)) >= 0:
        bound = max(bound, 0.0)  # (SCIP cut off before its root LP says far below 0)
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return ClassMip(None, bound, False, seconds, None, None)
    plan = plan_of(problem, cg, [v.solution_value() for v in n], [v.solution_value() for v in z],
                   [v.solution_value() for v in x])
    valid = None
    if plan is not None:
        from .validate import validate

        valid = validate(problem, plan).ok
    return ClassMip(s.Objective().Value(), bound, status == pywraplp.Solver.OPTIMAL, seconds, plan, valid)


def _together(s, var: list, members: list[int | None]) -> None:
    """A household's members all take ``var[j]`` or none does (``None``: a member who cannot)."""
    present = [j for j in members if j is not None]
    if len(present) < len(members):
        for j in present:
            s.Add(var[j] == 0)
        return
    for j in present[1:]:
        s.Add(var[present[0]] == var[j])


def _hint(s, cg, start, n, z, w, x) -> None:
    """A plan (placements and counts) as SCIP's first solution."""
    placements, counts = start
    values = {v: 0.0 for v in [*n, *z, *w, *x]}
    pidx = {ft: k for k, ft in enumerate(cg.pairs)}
    for ft, c in counts.items():
        if ft in pidx:
            values[n[pidx[ft]]] = float(c)
    run_j = {(o.learner, o.running, o.week): j for j, o in enumerate(cg.run_opts)}
    for lid, pl in placements.items():
        i = cg.learners[lid]
        if pl is None:
            values[w[i]] = 1.0
        elif pl.option.running is not None:
            j = run_j.get((lid, pl.option.running, pl.week))
            if j is not None:
                values[x[j]] = 1.0
        else:
            j = cg.e.index.get((pidx.get((pl.option.family, pl.class_start), -1), i))
            if j is not None:
                values[z[j]] = 1.0
    s.SetHint(list(values), list(values.values()))


def plan_of(problem: Problem, cg, n: list[float], z: list[float], x: list[float]) -> Plan | None:
    """The MIP's solution as a plan: per pair its members cut into its classes (households
    whole, by level, every class at least the minimum of starters); None when they cannot be."""
    from .solve import assemble_plan
    from .split import SplitError

    e = cg.e
    by_pair: dict[int, list[int]] = defaultdict(list)
    for j, v in enumerate(z):
        if v > 0.5:
            by_pair[int(e.pair[j])].append(j)
    columns: list[int] = []
    for k, ents in by_pair.items():
        classes = _cut(cg, k, ents, round(n[k]))
        if classes is None:
            return None
        for c in classes:
            # (the column generation is fresh and a pair's classes are disjoint: every one is new)
            if not cg.add_column(k, np.array(c, dtype=np.int64)):
                return None
            columns.append(len(cg.cols) - 1)
    placements, counts = cg._plan_of(columns, np.array(x))
    try:  # (a plan like the dive's: a MIP over some kinds proves nothing about the rest)
        return assemble_plan(problem, cg.cand, placements, counts, "HEURISTIC", 0.0, 0.0, [], {})
    except SplitError:
        return None


def _cut(cg, k: int, ents: list[int], classes: int) -> list[list[int]] | None:
    """``ents`` of pair ``k`` into ``classes`` classes, households as units: first by level in
    even shares (levels stay together), else dealt in turn; None when neither gives every class
    the minimum of starters and at most the maximum in all."""
    e = cg.e
    if classes < 1:
        return None
    level = cg.problem.learner_by_id
    units: dict[object, list[int]] = defaultdict(list)
    for j in ents:
        i = int(e.learner[j])
        units[cg.household_of.get(i, i)].append(j)
    order = sorted(units.values(), key=lambda u: level[cg.lids[int(e.learner[u[0]])]].level)
    lo, hi = int(e.min_size[k]), int(e.max_size[k])
    share = -(-len(ents) // classes)
    for contiguous in (True, False):
        out: list[list[int]] = [[] for _ in range(classes)]
        c = 0
        for t, u in enumerate(order):
            if contiguous:
                if len(out[c]) >= share and c < classes - 1:
                    c += 1
            else:
                c = t % classes
            out[c] += u
        if all(len(o) <= hi and sum(1 for j in o if not e.joiner[j]) >= lo for o in out):
            return out
    return None

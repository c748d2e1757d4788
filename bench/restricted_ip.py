"""How much of a frontier point's proven gap is the LP's, not the plan's (issue 18).

Runs the frontier, then per point: the column generation under the point's own waiting weeks
and the frontier's floor, with every point's classes among its columns, run to convergence (its
value is the bound the frontier proves); then the same master problem with whole classes only
(every column 0 or 1, all capacity and class-count rows, the wait budget and the floor hard),
solved by SCIP from the point's plan. Its optimum is the best plan made of these classes; its
dual bound after SCIP's root cuts says how far above the LP any such plan must be. Neither is a
bound on all plans (classes not generated are left out): a diagnostic, not a proof.

    PYTHONPATH=. .venv/bin/python -m bench.restricted_ip [CASE] [--time 60] [--lp 120] [--ip 40]

CASE as in :mod:`bench.frontier_run`. One line per point: its objective, the LP bound, the
restricted IP's best plan and bound, and each as a share above the LP bound.
"""

from __future__ import annotations

import argparse
import time

from ortools.linear_solver import pywraplp

from bench.frontier_run import load
from optimizer import SolveOptions, frontier
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration
from optimizer.frontier import frontier_weights, wait_sum
from optimizer.solve import placements_from_plan


def restricted_ip(cg: ColumnGeneration, hint_columns: list[int], hint: dict, seconds: float
                  ) -> tuple[float | None, float, str]:
    """SCIP on the master problem over ``cg``'s columns with whole classes, from the plan whose
    classes are ``hint_columns`` and whose other learners' places are ``hint`` (learner id ->
    placement or None). Returns (best objective or None, dual bound, status)."""
    inf = pywraplp.Solver.infinity()
    s = pywraplp.Solver.CreateSolver("SCIP")
    y = [s.BoolVar("") for _ in cg.cols]
    x = [s.BoolVar("") for _ in cg.run_vars]
    w = [s.BoolVar("") for _ in cg.lids]
    obj = s.Objective()
    one = [s.Constraint(1, 1) for _ in cg.lids]
    weeks = s.Constraint(-inf, float(cg.cand.wait_budget if cg.cand.wait_budget is not None else inf))
    floor = s.Constraint(-inf, float(len(cg.lids) - (cg.cand.min_placed or 0)))
    for i, v in enumerate(w):
        obj.SetCoefficient(v, float(cg.wait_cost[i]))
        one[i].SetCoefficient(v, 1)
        weeks.SetCoefficient(v, float(cg.waitlist_weeks[i]))
        floor.SetCoefficient(v, 1)
    seats = [s.Constraint(-inf, c) for c in cg.seat_caps.tolist()]
    for j, v in enumerate(x):
        if not cg.run_open[j]:
            v.SetUb(0)
        obj.SetCoefficient(v, float(cg.run_cost[j]))
        one[int(cg.run_learner[j])].SetCoefficient(v, 1)
        seats[int(cg.run_seat[j])].SetCoefficient(v, 1)
        weeks.SetCoefficient(v, float(cg.run_waited[j]))
    for a, b in zip(cg.tie_a.tolist(), cg.tie_b.tolist(), strict=True):
        tie = s.Constraint(0, 0)
        tie.SetCoefficient(x[a], 1)
        tie.SetCoefficient(x[b], -1)
    caps = [s.Constraint(-inf, float(c)) for c in cg.cap_values.tolist()]
    counts = [s.Constraint(-inf, float(m)) for m in cg.e.max_classes.tolist()]
    for c, v in enumerate(y):
        k, entries = cg.col_pair[c], cg.col_entries[c]
        obj.SetCoefficient(v, cg.new_class + float(cg.e.cost[entries].sum()))
        for e in entries.tolist():
            one[int(cg.e.learner[e])].SetCoefficient(v, 1)
        for r in cg.pair_rows[k]:
            caps[r].SetCoefficient(v, 1)
        counts[k].SetCoefficient(v, 1)
        weeks.SetCoefficient(v, float(cg.e.waited[entries].sum()))
    # A complete hint (every variable): SCIP ignored a partial one in 30 s (measured).
    chosen = set(hint_columns)
    values = [1.0 if c in chosen else 0.0 for c in range(len(y))]
    values += [1.0 if hint.get(o.learner) is not None and hint[o.learner].option == o else 0.0 for o in cg.run_opts]
    values += [1.0 if hint.get(lid) is None else 0.0 for lid in cg.lids]
    s.SetHint(y + x + w, values)
    s.SetTimeLimit(int(seconds * 1000))
    status = s.Solve()
    best = s.Objective().Value() if status in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE) else None
    name = {pywraplp.Solver.OPTIMAL: "optimal", pywraplp.Solver.FEASIBLE: "feasible"}.get(status, f"status {status}")
    return best, s.Objective().BestBound(), name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("case", nargs="?", default="sample")
    ap.add_argument("--points", type=int, default=5)
    ap.add_argument("--time", type=float, default=60.0, help="seconds of the frontier")
    ap.add_argument("--lp", type=float, default=120.0, help="seconds of each point's column generation")
    ap.add_argument("--ip", type=float, default=40.0, help="seconds of SCIP per point")
    args = ap.parse_args(argv)
    problem = load(args.case)
    front = frontier(problem, args.points, SolveOptions(time_limit=args.time))
    measured = problem.with_weights(frontier_weights(problem.weights))
    floor = front.stats["min_placed"]
    for q in front.points:
        cand = build_candidates(measured)
        cand.wait_budget, cand.min_placed = wait_sum(q.plan), floor
        cg = ColumnGeneration(measured, cand)
        own: list[int] = []
        hint: dict = {}
        # Every point's classes, this point's first (all new then: they are the hint).
        for other in [q, *(p for p in front.points if p is not q)]:
            start = placements_from_plan(measured, cand, other.plan)
            if start is None:
                continue
            cg.add_plan(*start)
            if other is q:
                own, hint = list(range(len(cg.cols))), start[0]
        t = time.perf_counter()
        lp = cg.run(t + args.lp)
        best, bound, status = restricted_ip(cg, own, hint, args.ip)

        def above(v: float | None, base: float = float(lp.value)) -> str:
            return "-" if v is None else f"{v:,.0f} ({100 * (v - base) / max(1.0, base):+.1f}%)"

        print(f"{q.role:<12} wait {q.mean_wait:.3f} plan {above(q.plan.objective)} LP bound {lp.value:,}"
              f"{'' if lp.converged else ' (not converged)'} in {lp.seconds:.1f} s, {lp.columns} columns;"
              f" restricted IP {status} {above(best)}, its bound {above(bound)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

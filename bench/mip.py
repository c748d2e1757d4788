"""Exact reference for the p-median stress families (bench/stress.py): a MIP solved by SCIP.

Facility location: ``y_l`` = a class opens at location l, ``x_hl`` = household h goes there,
``w_h`` = household h waits. Minimise travel (weight x minutes, per member) plus waiting costs,
with sum y <= teachers, x_hl <= y_l, min size * y_l <= members at l <= max size * y_l, every
household placed once or waiting, travel within the maximum. Households are single learners
when ``together`` is unset. It reads the problem itself (not the optimizer's candidates), so
agreeing with ``solve`` checks both. Only for problems of that shape: one route, one schedule,
one start week, one level, one room per location; :func:`check_shape` says so otherwise.

    PYTHONPATH=. .venv/bin/python -m bench.mip PM-g-100-1 [--limit 600] [--record]

prints the optimum (or best value and bound) and with ``--record`` writes proven optima into
bench/best_known.csv (method ``mip-proven``).
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import dataclass
from pathlib import Path

from optimizer import Problem

BEST = Path(__file__).resolve().parent / "best_known.csv"


@dataclass(frozen=True)
class MipResult:
    objective: float | None
    bound: float
    proven: bool
    seconds: float
    open: tuple[str, ...] = ()


def check_shape(problem: Problem) -> None:
    w = problem.weights
    if len(problem.routes) != 1 or len(problem.schedules) != 1 or len(problem.start_weeks or ()) != 1:
        raise ValueError("the MIP covers one route, one schedule and one start week only")
    if w.misfit or w.daypart or w.language or w.move or w.new_class or problem.running or problem.known_classes:
        raise ValueError("the MIP covers travel and waiting costs only")
    if len({lr.level for lr in problem.learners}) != 1:
        raise ValueError("the MIP covers one level only")


def solve_mip(problem: Problem, time_limit: float = 600.0, threads: int = 1) -> MipResult:
    from ortools.linear_solver import pywraplp

    check_shape(problem)
    t0 = time.perf_counter()
    route = problem.routes[0]
    week = problem.start_weeks[0]  # type: ignore[index]
    dp = next(iter(problem.schedules[0].dayparts))
    teachers = problem.teachers.get(dp, 0)
    groups: dict[str, list] = {}
    for lr in problem.learners:
        groups.setdefault(lr.together or f"#{lr.id}", []).append(lr)
    households = list(groups.values())
    locs = [loc for loc in problem.locations if loc.rooms_at(dp) > 0]

    s = pywraplp.Solver.CreateSolver("SCIP")
    s.SetNumThreads(threads)
    s.SetTimeLimit(int(time_limit * 1000))
    y = {loc.name: s.BoolVar(f"y_{loc.name}") for loc in locs}
    s.Add(sum(y.values()) <= teachers)
    members: dict[str, list] = {loc.name: [] for loc in locs}
    objective = []
    for h, hh in enumerate(households):
        wait = sum(problem.weights.wait * lr.priority * problem.wait_weeks(lr, problem.horizon_weeks
                                                                          + problem.waitlist_extra_weeks)
                   for lr in hh)
        wvar = s.BoolVar(f"w_{h}")
        objective.append(wait * wvar)
        row = [wvar]
        if len(hh) <= route.max_size:
            for loc in locs:
                mins = [problem.travel(lr.id, loc.name) for lr in hh]
                if any(m is None or m > problem.max_travel_for(lr) or loc.name in lr.excluded_locations
                       for m, lr in zip(mins, hh, strict=True)):
                    continue
                x = s.BoolVar(f"x_{h}_{loc.name}")
                s.Add(x <= y[loc.name])
                members[loc.name].append((x, len(hh)))
                row.append(x)
                cost = sum(problem.weights.travel * m + problem.weights.wait * lr.priority * problem.wait_weeks(lr, week)
                           for m, lr in zip(mins, hh, strict=True))
                objective.append(cost * x)
        s.Add(sum(row) == 1)
    for name, xs in members.items():
        load = sum(n * x for x, n in xs)
        s.Add(load <= route.max_size * y[name])
        s.Add(load >= route.min_size * y[name])
    s.Minimize(sum(objective))
    status = s.Solve()
    seconds = time.perf_counter() - t0
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return MipResult(None, s.Objective().BestBound(), False, seconds)
    opened = tuple(sorted(n for n, v in y.items() if v.solution_value() > 0.5))
    value = s.Objective().Value()
    bound = s.Objective().BestBound()
    return MipResult(value, bound, status == pywraplp.Solver.OPTIMAL, seconds, opened)


def record(case: str, value: int, seconds: float, command: str) -> None:
    """Put a proven optimum into best_known.csv (replacing that case's row)."""
    with BEST.open(newline="") as f:
        rows = list(csv.DictReader(f))
    fields = ["case", "objective", "method", "seconds", "command"]
    rows = [r for r in rows if r["case"] != case]
    rows.append({"case": case, "objective": str(value), "method": "mip-proven", "seconds": f"{seconds:.1f}",
                 "command": command})
    rows.sort(key=lambda r: r["case"])
    with BEST.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def proven_optimum(case: str) -> int | None:
    """The proven optimum of a stress case from best_known.csv, if recorded."""
    with BEST.open(newline="") as f:
        for r in csv.DictReader(f):
            if r["case"] == case and r["method"] == "mip-proven":
                return int(r["objective"])
    return None


def main() -> None:
    from bench.stress import stress_case

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="+")
    ap.add_argument("--limit", type=float, default=600.0)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    for case in args.cases:
        r = solve_mip(stress_case(case), args.limit)
        print(f"{case}: objective {r.objective} bound {r.bound:.1f} proven {r.proven} "
              f"{r.seconds:.1f} s open {len(r.open)}", flush=True)
        if args.record and r.proven and r.objective is not None:
            record(case, round(r.objective), r.seconds,
                   f"PYTHONPATH=. .venv/bin/python -m bench.mip {case} --limit {args.limit:g} --record")


if __name__ == "__main__":
    main()

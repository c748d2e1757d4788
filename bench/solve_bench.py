"""Issue 2 speed benchmark: the sample and generated cases of 100, 1,000 and 3,000 learners.

    PYTHONPATH=. .venv/bin/python bench/solve_bench.py [--time-limit 30] [--sizes S M L XL]

Prints objective, best bound, gap, seconds and the independent validator's verdict per case.
The bound is CP-SAT's when the full model runs, else the trivial bound (every learner at their
cheapest option); ``best-known`` is the lowest objective recorded in bench/best_known.csv.
"""

from __future__ import annotations

import argparse
import csv
import resource
import time
from pathlib import Path

from bench.cases import Case
from optimizer import SolveOptions, solve, validate

BEST = Path(__file__).resolve().parent / "best_known.csv"


def best_known() -> dict[str, int]:
    if not BEST.exists():
        return {}
    with BEST.open() as fh:
        return {row["case"]: int(row["objective"]) for row in csv.DictReader(fh)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--sizes", nargs="*", default=["sample", "S", "L", "XL"])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    known = best_known()
    print(f"{'case':<14}{'learners':>9}{'options':>9}{'build s':>9}{'first s':>9}{'objective':>11}{'bound':>11}"
          f"{'gap':>8}{'vs best':>9}{'seconds':>9}{'placed':>8}  valid  method")
    for size in args.sizes:
        case = Case("M-sample", "M", 1, "sample") if size == "sample" else Case(f"{size}-base-{args.seed}", size, args.seed)
        problem = case.build()
        first: list[float] = []
        t0 = time.perf_counter()
        plan = solve(problem, SolveOptions(time_limit=args.time_limit), on_progress=first.append)
        wall = time.perf_counter() - t0
        ok = validate(problem, plan).ok
        bk = known.get(case.name)
        vs = f"{100 * (plan.objective - bk) / bk:6.2f}%" if bk else "     -"
        build = plan.stats.get("build_seconds", plan.stats.get("start_seconds", 0.0))
        print(f"{case.name:<14}{len(problem.learners):>9}{plan.stats['options']:>9}{build:>9.1f}"
              f"{(first[0].elapsed if first else float('nan')):>9.1f}{plan.objective:>11}{plan.bound:>11.0f}"
              f"{100 * plan.gap:>7.1f}%{vs:>9}{wall:>9.1f}{plan.figures['placed']:>8}  {ok!s:<5}  {plan.stats.get('method')}",
              flush=True)
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()

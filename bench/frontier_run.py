"""The frontier (issue 18) on the sample or a benchmark case, one run: per point its figures,
its proven gap and where the plan came from; then the issue's checks (distinct, none dominated,
the fastest point against a plain *snelle start* solve).

    PYTHONPATH=. .venv/bin/python -m bench.frontier_run [CASE] [--points 5] [--time 60] [--plain 30]

CASE: ``sample`` (default, samples/b1_aanbieder.xlsx), a bench case name (``L-base-1``) or a
stress case (``PM-g-100-1``, ``CPM-200-1``, ``ML-300-1``: bench/stress.py).
Prints one line per point and a JSON summary line (``--json`` only the JSON); the machine's load
(1-minute average) before and after, so a figure can be read against it.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from optimizer import SolveOptions, frontier, solve, validate
from optimizer.domain import PRESETS
from optimizer.frontier import frontier_weights


def load(case: str):
    if case == "sample":
        from app.workbook import load_problem_or_raise

        return load_problem_or_raise("samples/b1_aanbieder.xlsx")
    from bench.cases import Case
    from bench.stress import SHAPES

    if case.split("-")[0] in ("PM", "CPM", "tiny", *SHAPES):
        from bench.stress import stress_case

        return stress_case(case)
    size, variant, seed = case.split("-")
    return Case(case, size, int(seed), variant).build()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("case", nargs="?", default="sample")
    ap.add_argument("--points", type=int, default=5)
    ap.add_argument("--time", type=float, default=60.0, help="seconds for the whole frontier")
    ap.add_argument("--plain", type=float, default=30.0, help="seconds of the plain snelle-start solve (0: skip)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    problem = load(args.case)
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    front = frontier(problem, args.points, SolveOptions(time_limit=args.time))
    wall = time.perf_counter() - t0
    fw = problem.with_weights(frontier_weights(problem.weights))
    rows = []
    for i, pt in enumerate(front.points):
        rep = validate(fw, pt.plan)
        rows.append({"point": i, "role": pt.role, "cap": pt.cap, "mean_wait": round(pt.mean_wait, 3),
                     "mean_misfit": round(pt.mean_misfit, 3), "placed": pt.placed,
                     "objective": pt.plan.objective, "bound": round(pt.bound, 1), "gap": round(pt.gap, 4),
                     "valid": rep.ok})
    figures = [(r["mean_wait"], r["mean_misfit"]) for r in rows]
    dominated = [i for i, (w, m) in enumerate(figures)
                 if any(j != i and w2 <= w and m2 <= m and (w2, m2) != (w, m) for j, (w2, m2) in enumerate(figures))]
    out = {"case": args.case, "points_asked": args.points, "time": args.time, "wall": round(wall, 1),
           "points": rows, "distinct": len(set(figures)) == len(figures), "dominated": dominated,
           "solves": front.solves, "dropped": front.dropped, "load_before": round(load_before, 2),
           "trace": front.stats.get("trace"), "fast_dive": front.stats.get("fast_dive"),
           "min_placed": front.stats.get("min_placed")}
    if args.plain > 0:
        plain = solve(problem.with_weights(PRESETS["snelle start"]), SolveOptions(time_limit=args.plain))
        out["plain_snelle_start_mean_wait"] = round(float(plain.figures["wait_mean"]), 3)
    out["load_after"] = round(os.getloadavg()[0], 2)
    if not args.json:
        for r in rows:
            print(f"{r['point']} {r['role']:<12} wait {r['mean_wait']:.2f} misfit {r['mean_misfit']:.2f} "
                  f"placed {r['placed']} gap {100 * r['gap']:.1f}% valid {r['valid']}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

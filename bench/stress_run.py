"""Klasvormer's default ``solve`` on the stress families against the MIP's proven optimum.

    PYTHONPATH=. .venv/bin/python -m bench.stress_run [--cases PM10] [--limits 10 30] [--json out.jsonl]

``--cases``: ``PM10`` (bench.stress.PMEDIAN_10), ``CPM`` (bench.stress.CAPACITATED), ``SHAPED``
(bench.stress.SHAPED: many-locations, big-classes, no-travel, one-level) or case names. The
optimum comes from bench/best_known.csv (method ``mip-proven``, written by ``python -m bench.mip
CASE --record``); a case without one shows no gap. Prints a Markdown table: case, n, teachers,
optimum, per limit the plan's objective, its excess over the optimum, its status and its own
proven gap; ``--json`` lines add the bound, the greedy's and the dive's objectives and the load.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench.mip import proven_optimum
from bench.stress import CAPACITATED, PMEDIAN_10, SHAPED, stress_case
from optimizer import SolveOptions, solve, validate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="+", default=["PM10"])
    ap.add_argument("--limits", nargs="+", type=float, default=[10.0, 30.0])
    ap.add_argument("--json", default=None, help="append one JSON line per run to this file")
    args = ap.parse_args()
    names: list[str] = []
    for c in args.cases:
        names += list({"PM10": PMEDIAN_10, "CPM": CAPACITATED, "SHAPED": SHAPED}.get(c, [c]))
    head = "| case | n | k | optimum | " + " | ".join(f"{t:g} s: plan | above opt. | status | own gap"
                                                      for t in args.limits) + " |"
    print(head)
    print("|" + "---|" * (4 + 4 * len(args.limits)))
    for name in names:
        problem = stress_case(name)
        opt = proven_optimum(name)
        cells = [name, str(len(problem.learners)), str(next(iter(problem.teachers.values()))),
                 "-" if opt is None else str(opt)]
        for limit in args.limits:
            t0 = time.perf_counter()
            plan = solve(problem, SolveOptions(time_limit=limit))
            seconds = time.perf_counter() - t0
            ok = validate(problem, plan).ok
            above = "-" if opt is None else f"{100 * (plan.objective - opt) / opt:.1f}%"
            cells += [str(plan.objective) + ("" if ok else " INVALID"), above, plan.status, f"{100 * plan.gap:.1f}%"]
            if args.json:
                with open(args.json, "a") as f:
                    f.write(json.dumps({"case": name, "limit": limit, "objective": plan.objective,
                                        "bound": plan.bound, "status": plan.status, "optimum": opt,
                                        "valid": ok, "seconds": round(seconds, 1),
                                        "greedy": plan.stats.get("greedy_objective"), "load": os.getloadavg()[0],
                                        "dive": plan.stats.get("dive"),
                                        "improvements": plan.stats.get("lns_improvements")}) + "\n")
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

"""Single runs of ``solve`` over several seeds: how much one run varies, and A/B comparisons.

    PYTHONPATH=. .venv/bin/python -m bench.seeds --cases M-sample-1 M-base-2 M-base-3 --seeds 0 1 2 3 4 --limit 30

One line per run (objective, % above best-known, proven gap, search steps, the dive's plan, validator
verdict) and a mean per case. Runs one at a time in this process. To compare with an earlier version of the optimizer,
run the same command with ``PYTHONPATH`` pointing at a checkout of that version.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.cases import Case
from bench.solve_bench import best_known
from optimizer import SolveOptions, solve, validate


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="+", default=["M-sample-1", "M-base-2", "M-base-3"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    ap.add_argument("--limit", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args(argv)
    best = best_known()
    for name in args.cases:
        size, variant, case_seed = name.split("-")
        problem = Case(name, size, int(case_seed), variant).build()
        values, gaps = [], []
        for seed in args.seeds:
            t0 = time.perf_counter()
            plan = solve(problem, SolveOptions(time_limit=args.limit, seed=seed, workers=args.workers))
            wall = time.perf_counter() - t0
            report = validate(problem, plan)
            values.append(plan.objective)
            gaps.append(plan.gap)
            above = f"{100 * (plan.objective / best[name] - 1):+.1f}%" if name in best else "-"
            print(f"{name} seed {seed}: {plan.objective:,} ({above} to best-known), proven gap {100 * plan.gap:.2f}%, "
                  f"{wall:.1f} s, {plan.stats.get('lns_steps', '-')} steps, dive {plan.stats.get('dive', '-')}, "
                  f"{'valid' if report.ok else 'INVALID'}", flush=True)
        mean = statistics.mean(values)
        above = f"{100 * (mean / best[name] - 1):+.1f}%" if name in best else "-"
        within = sum(1 for v in values if name in best and v <= 1.01 * best[name])
        print(f"{name} mean {mean:,.0f} ({above}); within 1% of best-known in {within} of {len(values)}; "
              f"proven gap under 3% in {sum(g < 0.03 for g in gaps)} of {len(gaps)}", flush=True)


if __name__ == "__main__":
    main()

"""Benchmark of the policy simulation (issue #6): speed of one run, quality of its weekly plans.

    PYTHONPATH=. .venv/bin/python bench/simulation_bench.py                 # the defaults below
    PYTHONPATH=. .venv/bin/python bench/simulation_bench.py --time-limit 1 --workers 1 --gap-weeks ""

1. Speed: one policy, ``--weeks`` weeks (52), ``--arrivals`` a week (50) on the bundled sample
   (app.synth.b1_provider, capacity scaled to the arrival rate as ``simulate`` does), one
   process, ``--workers`` CP-SAT workers (all cores), ``--time-limit`` seconds per weekly solve
   (2, as ``klasvormer simulate``). Prints the wall time, seconds per week, the size of the
   weekly problems, how each weekly plan was found (OPTIMAL/FEASIBLE = CP-SAT; HEURISTIC = the
   constructive plan solve() falls back to) and which starting plan it grew from (greedy from
   scratch, or the previous week's plan with the newcomers added).
2. Quality: the weekly problems of ``--gap-weeks`` are solved again with ``--long-limit``
   seconds and all cores; the short plan's objective is compared with the best of both
   (``gap_to_best``) and with the long run's lower bound (``gap_to_bound``, a worst case).

Prints plain text; nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from typing import Any

from app.simulation.arrivals import ArrivalSettings
from app.simulation.engine import RunTask, SimConfig, _Run
from app.simulation.policies import parse_policy
from app.simulation.sweep import capacity_factor, run_summary, scale_capacity
from app.synth import b1_provider
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from optimizer.solve import solve


class _Recorder:
    """Wraps a policy; keeps the week problems (and short plans) of the chosen weeks."""

    def __init__(self, spec: str, weeks: set[int]) -> None:
        self.policy = parse_policy(spec)
        self.name = self.policy.name
        self.weeks = weeks
        self.week = -1
        self.kept: dict[int, tuple[Any, Plan]] = {}
        self.starts: Counter[str] = Counter()
        self.steps: list[int] = []

    def prepare(self, problem: Any) -> Any:
        self.week += 1
        return self.policy.prepare(problem)

    def plan(self, problem: Any, options: SolveOptions, **kw: Any) -> Plan:
        plan = self.policy.plan(problem, options, **kw)
        self.starts[plan.stats.get("start", "-")] += 1
        self.steps.append(plan.stats.get("lns_steps", 0))
        if self.week in self.weeks:
            self.kept[self.week] = (problem, plan)
        return plan


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--policy", default="gebalanceerd")
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--arrivals", type=float, default=50)
    ap.add_argument("--time-limit", type=float, default=2.0, help="seconds per weekly solve (simulate's default)")
    ap.add_argument("--horizon", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gap-weeks", default="5,10,20,30,40,50", help="weeks whose plans are re-solved long ('' = skip)")
    ap.add_argument("--long-limit", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=max(1, min(8, os.cpu_count() or 1)),
                    help="CP-SAT workers per weekly solve (default: all cores, as simulate gives a single run)")
    args = ap.parse_args(argv)

    base = b1_provider()
    arrivals = ArrivalSettings(arrivals_per_week=args.arrivals)
    factor = capacity_factor(base, arrivals)
    base = scale_capacity(base, factor)
    gap_weeks = {int(w) for w in args.gap_weeks.split(",") if w.strip() and int(w) < args.weeks}
    config = SimConfig(weeks=args.weeks, horizon=args.horizon, time_limit=args.time_limit, arrivals=arrivals,
                       solve_workers=args.workers)
    run = _Run(RunTask(0, args.policy, args.seed, base, config))
    recorder = _Recorder(args.policy, gap_weeks)
    run.policy = recorder  # type: ignore[assignment]

    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (1 min)")
    print(f"simulation: policy {recorder.name}, {args.weeks} weeks, {args.arrivals:g} arrivals/week, "
          f"horizon {args.horizon}, time limit {args.time_limit:g} s/week, {args.workers} CP-SAT worker(s), "
          f"capacity x{factor}, seed {args.seed}")
    t0 = time.perf_counter()
    res = run.run(None, None)
    wall = time.perf_counter() - t0
    weekly = res.weekly
    secs = [w["solve_seconds"] for w in weekly]
    sizes = [w["in_problem"] for w in weekly]
    status = Counter(w["status"] for w in weekly)
    s = run_summary(res, base.target_weeks)
    print(f"wall time: {wall:.1f} s ({'under' if wall < 120 else 'OVER'} 2 minutes); "
          f"per week mean {statistics.fmean(secs):.2f} s, max {max(secs):.2f} s")
    print(f"weekly problems: learners mean {statistics.fmean(sizes):.0f}, max {max(sizes)}; "
          f"running classes at the end {weekly[-1]['running_classes']}")
    print("weekly plan status: " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())))
    print("weekly starting plan: " + ", ".join(f"{k} {v}" for k, v in sorted(recorder.starts.items()))
          + f"; search steps per week mean {statistics.fmean(recorder.steps):.1f}")
    print(f"outcome: {s['learners']} learners, {s['placed']} placed, wait mean {s['wait_mean']:.1f} "
          f"P90 {s['wait_p90']:.1f} max {s['wait_max']:.0f} weeks, misfit {s['misfit_mean']:.1f}, "
          f"spread {s['spread_mean']:.1f}, travel {s['travel_mean']:.0f} min, {s['classes_opened']} classes, "
          f"fill {100 * s['fill_mean']:.0f}%")

    if recorder.kept:
        print(f"quality: weekly plans re-solved with {args.long_limit:g} s and {os.cpu_count()} workers")
        print(f"{'week':>4} {'learners':>8} {'short':>9} {'status':>9} {'long':>9} {'status':>9} "
              f"{'bound':>9} {'gap_to_best':>11} {'gap_to_bound':>12}")
        gaps = []
        for week in sorted(recorder.kept):
            problem, short = recorder.kept[week]
            long = solve(problem, SolveOptions(time_limit=args.long_limit, workers=os.cpu_count(), seed=args.seed))
            best = min(short.objective, long.objective) if long.is_feasible() else short.objective
            gap_best = (short.objective - best) / best if best else 0.0
            bound = long.bound if long.status in ("OPTIMAL", "FEASIBLE") else float("nan")
            gap_bound = (short.objective - bound) / short.objective if short.objective else 0.0
            gaps.append(gap_best)
            print(f"{week:>4} {len(problem.learners):>8} {short.objective:>9} {short.status:>9} "
                  f"{long.objective:>9} {long.status:>9} {bound:>9.0f} {100 * gap_best:>10.1f}% "
                  f"{100 * gap_bound:>11.1f}%")
        print(f"mean gap of the short weekly plans to the best known: {100 * statistics.fmean(gaps):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())

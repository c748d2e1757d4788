"""The sample over a longer planning period with a short time limit: placed, objective and the
greedy start's figures, each run in its own process after the other.

    PYTHONPATH=. .venv/bin/python -m bench.long_period 12:5 52:5 260:5 52:30

Each argument is ``WEEKS:SECONDS``. The 12-week plan is valid at every longer period too, so
its objective re-scored there (``validate``) is the yardstick for the longer runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "b1_aanbieder.xlsx"


def one(weeks: int, seconds: float) -> dict:
    from app.workbook import load_problem_or_raise
    from optimizer import SolveOptions, solve, validate

    problem = replace(load_problem_or_raise(str(SAMPLE)), horizon_weeks=weeks)
    t0 = time.perf_counter()
    plan = solve(problem, SolveOptions(time_limit=seconds))
    wall = time.perf_counter() - t0
    assert validate(problem, plan).ok
    return {"weeks": weeks, "limit": seconds, "wall": round(wall, 1), "placed": plan.figures["placed"],
            "objective": plan.objective, "greedy": plan.stats.get("greedy_objective"),
            "greedy_cut": bool(plan.stats.get("greedy_cut")), "start_seconds": round(plan.stats.get("start_seconds", 0), 1),
            "family_weeks": plan.stats.get("family_weeks")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("runs", nargs="+", help="WEEKS:SECONDS")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        weeks, seconds = args.runs[0].split(":")
        print(json.dumps(one(int(weeks), float(seconds))))
        return
    for run in args.runs:
        out = subprocess.run([sys.executable, "-m", "bench.long_period", "--one", run],
                             capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()

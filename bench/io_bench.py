"""Issue 3 speed benchmark: import with validation and plan-workbook export at 10,000 learners.

    PYTHONPATH=. .venv/bin/python bench/io_bench.py [--learners 10000]

Writes a canonical input workbook of a generated city-wide case, times ``load_problem``
(read + every check), builds a plan with the constructive start (not timed), then times
``write_plan_workbook`` (all sheets, one class list per class) and the re-import of the plan;
each the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from app.synth import municipality
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from app.workbook.reimport import load_edited_plan
from app.workbook.template import write_input_workbook
from optimizer.candidates import build_candidates
from optimizer.greedy import greedy_plan
from optimizer.solve import assemble_plan


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--learners", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.xlsx"
        problem = municipality(args.learners, seed=1)
        write_input_workbook(problem, src)
        print(f"input workbook: {args.learners} learners, {src.stat().st_size / 1e6:.1f} MB")
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = load_problem(src)
            times.append(time.perf_counter() - t0)
        assert result.problem is not None, result.issues[:3]
        print(f"import + validation: best {min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}"
              f" ({len(result.issues)} issues)")
        p = result.problem
        cand = build_candidates(p)
        plan = assemble_plan(p, cand, *greedy_plan(p, cand), "HEURISTIC", 0.0, 0.0, [], {})
        print(f"plan: {plan.figures['placed']} placed in {len(plan.classes)} classes")
        out = Path(tmp) / "plan.xlsx"
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            write_plan_workbook(p, plan, out, extras=result.extras)
            times.append(time.perf_counter() - t0)
        print(f"plan workbook export: best {min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}"
              f" ({out.stat().st_size / 1e6:.1f} MB)")
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            again = load_edited_plan(out)
            times.append(time.perf_counter() - t0)
        print(f"re-import of the plan workbook: best {min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}"
              f" ({len(again.problem.learners) if again.problem else 0} learners)")


if __name__ == "__main__":
    main()

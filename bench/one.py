"""One benchmark run in its own process (so peak memory is this run's): prints one JSON line.

    PYTHONPATH=. .venv/bin/python -m bench.one CASE METHOD TIME_LIMIT [--seed S]

CASE is ``SIZE-VARIANT-SEED`` (e.g. ``M-base-2``, ``M-sample-1``, ``S-fitonly-1``).
METHOD: klasvormer, cp-sat (our model, full), lns (neighbourhood search), a suffix
``-noregroup`` (without the level regrouping), greedy (our constructive start), status-quo,
naive (the straightforward CP-SAT model), kmeans (fit-only cases), klasvormer-snel and
klasvormer-homogeen (the presets "snelle start" and "homogeen"; objective re-scored under the
case's own weights, for comparing key figures with the status-quo rule), bound (no plan: the
column-generation lower bound of ``optimizer/colgen.py`` within the time limit), cap-wait
(the most homogeneous plan whose mean wait is at most the status-quo rule's) and cap-misfit (the
least waiting at a mean misfit at most the status quo's): ``optimizer.tradeoff.best_within``
with the time limit as its total, objective re-scored under the case's weights.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace

from bench.cases import Case
from optimizer import SolveOptions, validate

PRESET_METHODS = {"klasvormer-snel": "snelle start", "klasvormer-homogeen": "homogeen"}
CAP_METHODS = {"cap-wait": "wait_mean", "cap-misfit": "misfit_mean"}
"""Method -> the status quo's key figure that caps the plan."""


def run(case_name: str, method: str, time_limit: float, seed: int = 0) -> dict:
    size, variant, case_seed = case_name.split("-")
    problem = Case(case_name, size, int(case_seed), variant).build()
    t0 = time.perf_counter()
    trace: list = []
    scored = problem  # the problem whose weights the reported objective uses
    extra: dict = {}
    options = SolveOptions(time_limit=time_limit, seed=seed)
    if method in PRESET_METHODS:
        # Klasvormer with another preset: planned under the preset's weights (and validated
        # there); the objective below is the plan re-scored under the case's own weights.
        from optimizer import solve
        from optimizer.domain import preset

        problem = replace(problem, weights=preset(PRESET_METHODS[method]))
        plan = solve(problem, options)
        trace = []
    elif method in CAP_METHODS:
        # The status quo's figure as a cap; the plan is searched under other weights (and
        # validated there); the objective below is re-scored under the case's own weights.
        from optimizer.baselines import status_quo_plan
        from optimizer.tradeoff import best_within

        figure = CAP_METHODS[method]
        cap = float(status_quo_plan(problem).figures[figure])
        result = best_within(problem, **{f"max_{figure}": cap}, options=options)
        point = result.closest or result.tried[-1]
        problem = problem.with_weights(point.weights)
        plan = point.plan
        extra = {"cap": cap, "cap_met": result.met, "weights": point.weights.as_dict(),
                 "tried": [[p.label, p.mean_wait, p.mean_misfit, p.plan.figures.get("placed")] for p in result.tried]}
    elif method.removesuffix("-noregroup") in ("klasvormer", "cp-sat", "lns"):
        from optimizer import solve

        base = method.removesuffix("-noregroup")
        plan = solve(problem, replace(options, method={"klasvormer": "auto"}.get(base, base),
                                      regroup=not method.endswith("-noregroup")))
        trace = plan.stats.get("trace", [])
    elif method == "greedy":
        from optimizer.candidates import build_candidates
        from optimizer.greedy import greedy_plan
        from optimizer.solve import assemble_plan

        cand = build_candidates(problem)
        placements, counts = greedy_plan(problem, cand)
        plan = assemble_plan(problem, cand, placements, counts, "HEURISTIC", 0.0, time.perf_counter() - t0, [], {})
    elif method == "status-quo":
        from optimizer.baselines import status_quo_plan

        plan = status_quo_plan(problem)
    elif method == "naive":
        from bench.naive import naive_solve

        plan = naive_solve(problem, time_limit)
    elif method == "bound":
        from optimizer.colgen import lower_bound

        b = lower_bound(problem, time_limit)
        return {
            "case": case_name, "method": method, "time_limit": time_limit, "seed": seed,
            "learners": len(problem.learners), "status": "BOUND", "objective": None, "bound": b.value,
            "lp": round(b.lp, 2), "converged": b.converged, "iterations": b.iterations, "columns": b.columns,
            "seconds": round(time.perf_counter() - t0, 2), "valid": None,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
    elif method == "kmeans":
        from bench.kmeans import kmeans_plan
        from optimizer import solve

        ref = solve(problem, options)
        t0 = time.perf_counter()
        plan = kmeans_plan(problem, max(1, ref.figures["classes_opened"]), seed=seed)
    else:
        raise SystemExit(f"unknown method {method}")
    wall = time.perf_counter() - t0
    report = validate(problem, plan) if plan.is_feasible() else None
    f = plan.figures
    spread_violations = sum(1 for v in (report.violations if report else []) if v.rule == "member_spread")
    return {
        "case": case_name, "method": method, "time_limit": time_limit, "seed": seed,
        "learners": len(problem.learners), "status": plan.status,
        "objective": (plan.objective if scored is problem else validate(scored, plan).objective)
        if plan.is_feasible() else None,
        "bound": plan.bound, "seconds": round(wall, 2),
        "valid": bool(report and report.ok), "violations": len(report.violations) if report else None,
        "spread_violations": spread_violations,
        "placed": f.get("placed"), "wait_mean": f.get("wait_mean"), "placed_wait_mean": f.get("placed_wait_mean"),
        "misfit_mean": f.get("misfit_mean"), "misfit_total": plan.terms.get("misfit", 0) if plan.terms else None,
        "travel_mean": f.get("travel_mean"), "classes": f.get("classes_opened"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "build_seconds": plan.stats.get("build_seconds", plan.stats.get("start_seconds")),
        "options": plan.stats.get("options"), "trace": trace, **extra,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("method")
    ap.add_argument("time_limit", type=float)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    print(json.dumps(run(a.case, a.method, a.time_limit, a.seed)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

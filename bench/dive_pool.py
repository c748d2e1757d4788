"""The dive from one LP with other settings: how long it takes and the plan it gives.

    PYTHONPATH=. .venv/bin/python -m bench.dive_pool CASE [--lp 60] [--dive 150] [VARIANT ...]

Runs column generation on CASE (as :mod:`bench.step_time` reads it) for ``--lp`` seconds, then,
per VARIANT ``KEEP:PICKS:ITERATIONS:NEW_COLUMNS`` (KEEP 0: the whole pool), dives from a fork of
that LP (each from the same columns, each starting GLOP cold; the fork's pool compacted as
``solve``'s dive does, from the LP's own solution) with at most ``--dive`` seconds
(:meth:`~optimizer.colgen.ColumnGeneration.dive`), completes the dived plan as ``solve`` does and
prints one JSON line per variant: seconds, the plan raw and completed (and the completion's seconds), whether the
validator accepts it, and the pool at the end; the first line has the LP's last solution rounded and
completed as ``solve`` hands it to the search before a dive (``rounded``). Default variants: the whole pool as before, and
the compacted pool of :data:`optimizer.solve.LARGE_DIVE`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time

from bench.step_time import load
from optimizer.candidates import build_candidates, placement_objective
from optimizer.colgen import ColumnGeneration


def main(argv: list[str] | None = None) -> int:
    s = importlib.import_module("optimizer.solve")
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("case")
    ap.add_argument("variants", nargs="*",
                    default=["0:3:5:300", f"{s.LARGE_DIVE['keep']}:3:5:{s.LARGE_DIVE['new_columns']}"])
    ap.add_argument("--lp", type=float, default=60.0, help="seconds of column generation before the dives")
    ap.add_argument("--dive", type=float, default=150.0, help="at most this many seconds per dive")
    args = ap.parse_intermixed_args(argv)
    p = load(args.case)
    cand = build_candidates(p)
    t0 = time.perf_counter()
    cg = ColumnGeneration(p, cand)
    bound = cg.run(t0 + args.lp)
    head: dict = {"case": args.case, "lp_seconds": round(time.perf_counter() - t0, 1), "bound": bound.value,
                  "converged": bound.converged, "pool": len(cg.cols)}
    rounded = cg.rounded()  # the LP rounded as it is, completed: what a dive has to beat
    if rounded is not None:
        head["rounded"] = placement_objective(p, cand, *s._completed(p, cand, rounded, {}))
    cg.close()
    print(json.dumps(head), flush=True)
    for variant in args.variants:
        keep, picks, iterations, new = (int(x) for x in variant.split(":"))
        t1 = time.perf_counter()
        fork = cg.fork(keep or None)  # (compacted from this LP's solution, as solve's dive does)
        found = fork.dive(t1 + args.dive, picks=picks, iterations=iterations, new_columns=new)
        seconds = time.perf_counter() - t1
        row: dict = {"variant": variant, "dive_seconds": round(seconds, 1), "pool_at_end": len(fork.cols)}
        if found is not None:
            t2 = time.perf_counter()
            done = s._completed(p, cand, found, {})
            row.update(raw=placement_objective(p, cand, *found), completed=placement_objective(p, cand, *done),
                       completion_seconds=round(time.perf_counter() - t2, 1), valid=s.valid_start(p, cand, *done))
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

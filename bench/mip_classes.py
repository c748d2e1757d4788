"""Exact reference for the general problem: the class model as an aggregated MIP, solved by SCIP.

Where bench/mip.py covers the p-median shape only, this covers every case the column
generation (optimizer/colgen.py) covers: the model and its cutting into classes are in
``optimizer/classmip.py`` (the frontier also uses it, restricted to a capped LP's class kinds);
its plan is checked by the independent validator (``optimizer.validate``).

    PYTHONPATH=. .venv/bin/python -m bench.mip_classes S-base-1 [--limit 600] [--cap WEEKS]
        [--floor N] [--frontier] [--record]

``--frontier``: measured with the frontier's weights (optimizer.frontier.frontier_weights), as
the frontier's points are; ``--cap``: at most this many waiting weeks in all; ``--floor``: at
least this many placed; ``--record``: a proven optimum (no cap, floor or other weights) into
bench/best_known.csv (method ``mip-proven``).
"""

from __future__ import annotations

import argparse

from optimizer.classmip import ClassMip, plan_of, solve_class_mip

__all__ = ["ClassMip", "plan_of", "solve_class_mip", "main"]


def main() -> None:
    from bench.frontier_run import load
    from optimizer.frontier import frontier_weights

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case")
    ap.add_argument("--limit", type=float, default=600.0)
    ap.add_argument("--cap", type=int, default=None, help="at most this many waiting weeks in all")
    ap.add_argument("--floor", type=int, default=None, help="at least this many placed")
    ap.add_argument("--frontier", action="store_true", help="the frontier's weights")
    ap.add_argument("--record", action="store_true",
                    help="a proven optimum (the case's own weights, no cap, no floor) into bench/best_known.csv")
    args = ap.parse_args()
    p = load(args.case)
    if args.frontier:
        p = p.with_weights(frontier_weights(p.weights))
    r = solve_class_mip(p, args.limit, budget=args.cap, floor=args.floor)
    print(f"{args.case}: objective {r.objective} bound {r.bound:.1f} proven {r.proven} {r.seconds:.1f} s "
          f"plan {None if r.plan is None else r.plan.objective} valid {r.valid}", flush=True)
    plain = not (args.frontier or args.cap is not None or args.floor is not None)
    if args.record and plain and r.proven and r.plan is not None and r.valid:
        from bench.mip import record

        record(args.case, r.plan.objective, r.seconds,
               f"PYTHONPATH=. .venv/bin/python -m bench.mip_classes {args.case} --limit {args.limit:g} --record")


if __name__ == "__main__":
    main()

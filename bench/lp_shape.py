"""How fractional the column-generation LP is at convergence: why its bound stops where it does.

    PYTHONPATH=. .venv/bin/python -m bench.lp_shape M-sample-1 M-base-2

Per case: the bound, how many classes (columns) the LP uses and how many of them fractionally,
how many learners it splits over several class kinds, and the share of each learner in one
class kind (z, the sum of the columns of that kind holding them). A bound this LP cannot
improve on needs branching or cuts exactly where the LP is fractional.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np

from bench.cases import Case
from optimizer.candidates import build_candidates
from optimizer.colgen import ColumnGeneration


def shape(name: str, limit: float) -> dict:
    size, variant, seed = name.split("-")
    problem = Case(name, size, int(seed), variant).build()
    cg = ColumnGeneration(problem, build_candidates(problem))
    bound = cg.run(time.perf_counter() + limit)
    lam = np.array([v.solution_value() for v in cg.cols])
    used = lam > 1e-6
    z: dict[tuple[int, int], float] = defaultdict(float)
    for c in np.flatnonzero(used).tolist():
        k = cg.col_pair[c]
        for i in cg.e.learner[cg.col_entries[c]].tolist():
            z[i, k] += float(lam[c])
    share = np.array(list(z.values()))
    kinds_per_learner: dict[int, int] = defaultdict(int)
    for i, _ in z:
        kinds_per_learner[i] += 1
    classes = np.bincount(np.array(cg.col_pair), weights=lam, minlength=len(cg.pairs))
    return {
        "case": name,
        "bound": bound.value,
        "converged": bound.converged,
        "columns used": int(used.sum()),
        "fractional": int((used & (lam < 1 - 1e-6)).sum()),
        "class kinds used": int((classes > 1e-6).sum()),
        "with a whole number of classes": int(((classes > 1e-6) & (np.abs(classes - np.round(classes)) < 1e-6)).sum()),
        "learners in classes": len(kinds_per_learner),
        "learners in one kind only": sum(1 for n in kinds_per_learner.values() if n == 1),
        "kinds per learner (mean)": round(float(np.mean(list(kinds_per_learner.values()))), 2),
        "shares above 0.99": int((share > 0.99).sum()),
        "shares below 0.25": int((share < 0.25).sum()),
        "shares": len(share),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="+")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds of column generation per case")
    args = ap.parse_args(argv)
    for name in args.cases:
        row = shape(name, args.limit)
        print("; ".join(f"{k}: {v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()

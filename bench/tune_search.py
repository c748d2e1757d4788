"""Measure the neighbourhood search's step parameters (how the defaults were chosen).

    PYTHONPATH=. .venv/bin/python bench/tune_search.py CASE SECONDS STEP LEARNERS WORKERS OPTIONS

STEP: seconds per CP-SAT sub-solve; LEARNERS: free learners per neighbourhood (placed ones;
up to twice as many in all with waiting learners); WORKERS: CP-SAT workers per sub-solve;
OPTIONS: option budget of a neighbourhood. Prints the objective after SECONDS.
"""

from __future__ import annotations

import sys

import optimizer.search as search
from bench.cases import Case
from optimizer import SolveOptions, solve, validate


def main() -> None:
    case, seconds = sys.argv[1], float(sys.argv[2])
    step, learners, workers, options = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    original_init = search.Neighbourhoods.__init__
    original_lns = search.large_neighbourhood_search

    def init(self, *args, **kwargs):
        kwargs["max_learners"] = learners
        original_init(self, *args, **kwargs)

    def lns(*args, **kwargs):
        kwargs.update(workers=workers, step_seconds=step, max_options=options)
        return original_lns(*args, **kwargs)

    search.Neighbourhoods.__init__ = init  # type: ignore[method-assign]
    search.large_neighbourhood_search = lns  # type: ignore[assignment]
    size, variant, seed = case.split("-")
    problem = Case(case, size, int(seed), variant).build()
    plan = solve(problem, SolveOptions(time_limit=seconds, method="lns"))
    print(case, seconds, step, learners, workers, options, plan.objective, plan.stats["lns_steps"],
          plan.stats["lns_improvements"], validate(problem, plan).ok, flush=True)


if __name__ == "__main__":
    main()

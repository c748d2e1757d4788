"""Regenerate the bundled sample workbooks (seeded, so the files are reproducible).

    .venv/bin/python samples/make_samples.py

What is invented and what comes from the report: see app/synth.py and samples/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dataclasses import replace  # noqa: E402

from app.synth import b1_provider, z_route  # noqa: E402
from app.workbook.parse_learners import household_apart  # noqa: E402
from app.workbook.template import write_input_workbook  # noqa: E402
from optimizer.domain import Problem  # noqa: E402

HERE = Path(__file__).resolve().parent


def households_that_can_meet(problem: Problem) -> Problem:
    """The generator pairs households without looking at leerbaarheid or lesroosters: a pair that
    can never share a class (the import warns about it at its Samen cell) is two learners here, so
    that the samples open without warnings."""
    routes = {r.route: r for r in problem.routes}
    groups: dict[str, list] = {}
    for lr in problem.learners:
        if lr.together:
            groups.setdefault(lr.together, []).append(lr)
    apart = {g for g, members in groups.items() if household_apart(members, routes, problem.schedules)}
    learners = tuple(replace(lr, together=None) if lr.together in apart else lr for lr in problem.learners)
    return replace(problem, learners=learners)


SAMPLES = {
    "b1_aanbieder.xlsx": lambda: households_that_can_meet(b1_provider(300, seed=1)),
    "z_route.xlsx": lambda: households_that_can_meet(z_route(48, seed=2)),
}


def main() -> None:
    for name, make in SAMPLES.items():
        path = write_input_workbook(make(), HERE / name)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

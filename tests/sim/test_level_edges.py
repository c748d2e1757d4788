"""A class opened in a simulated week runs on in the next weeks' problems as a running class
whose level range stays on the 0-100 scale."""

from __future__ import annotations

from dataclasses import replace

from app.simulation.sweep import simulate

from .conftest import SMALL_ARRIVALS


def test_a_class_near_the_top_of_the_scale_runs_on_in_the_next_weeks(small_base) -> None:
    """Found from outside: a class at level 95 with a spread of 20 ran on as levels 85-105, and the
    next week's problem was refused ("Lopende klas W08-K02: niveaus buiten 0-100"): the run
    failed. Every learner here is at 97 or 3 and the spread is 25, so the classes opened sit near an
    edge with a half-spread (12) that reaches past it; six weeks let one run on."""
    edged = replace(small_base, routes=tuple(replace(r, max_spread=25) for r in small_base.routes),
                    learners=tuple(replace(lr, level=97 if k % 2 else 3) for k, lr in enumerate(small_base.learners)))
    result = simulate(edged, ["status-quo"], weeks=6, seeds=(1,), time_limit=0.3, workers=1, horizon=5,
                      arrivals=SMALL_ARRIVALS, arrivals_per_week=12, deterministic=True)
    runs = result.summary[result.summary["policy"] == "status-quo"]
    assert runs["complete"].all() and (runs["placed"] > 0).all()
    assert runs["error"].isna().all()

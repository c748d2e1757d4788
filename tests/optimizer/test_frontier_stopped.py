"""A frontier the planner stopped before its far end (Vergelijken, 'Stoppen' halfway): its last
point is not "meest homogeen", and continuing with it does not hand it the far end's weights."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.planner import planning
from app.workbook import load_problem_or_raise
from optimizer import SolveOptions, frontier, solve
from optimizer.frontier import FAST_RATIO, HOMOGENEOUS_RATIO
from optimizer.tradeoff import weights_at
from optimizer.validate import validate

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture(scope="module")
def stopped_after_the_fastest_end():
    # the sample: on the 40-learner case a stop after the fastest end leaves it alone on the frontier
    problem = load_problem_or_raise(SAMPLE)
    # deterministic solves (time in work units): the same plans on a busy machine as on an idle one
    current = solve(problem, SolveOptions(time_limit=1, deterministic=True, workers=1))  # the planner's plan
    fastest_in = threading.Event()

    def on_point(point, done, total):
        if point.role == "fastest":
            fastest_in.set()  # 'Stoppen' as the first plan arrives

    fr = frontier(problem, 3, SolveOptions(time_limit=3, deterministic=True, workers=1), current=current,
                  on_point=on_point, stop=fastest_in)
    return problem, fr


def test_a_frontier_stopped_before_its_far_end_calls_no_plan_most_homogeneous(stopped_after_the_fastest_end):
    # the sample, stopped after 23 s of 45: 'snelste start' and 'meest homogeen', the latter the
    # planner's own plan (7.3 weeks, level gap 4.7; the far end has 8.2 weeks and 2.4)
    problem, fr = stopped_after_the_fastest_end
    assert len(fr.points) >= 2, "the fastest solve's plan and the planner's own (or another) plan"
    assert fr.points[0].role == "fastest"
    assert all(p.role == "between" for p in fr.points[1:])
    assert fr.points[-1].label().startswith("hooguit ") and fr.points[-1].label("en").startswith("at most ")
    for p in fr.points:
        assert validate(problem.with_weights(fr.weights), p.plan).ok


def test_continuing_with_its_last_point_does_not_give_it_the_far_ends_weights(stopped_after_the_fastest_end):
    # with them (2 points a week of waiting, 10 a point of level gap) re-optimizing it placed 165 of
    # 300 learners where it placed 229
    problem, fr = stopped_after_the_fastest_end
    choices = planning.frontier_choices(fr, problem.weights)
    far = weights_at(problem.weights, 1.0, FAST_RATIO, HOMOGENEOUS_RATIO)
    assert (choices[-1].weights.wait, choices[-1].weights.misfit) != (far.wait, far.misfit)
    assert choices[-1].alpha < 1.0
    alphas = [c.alpha for c in choices]
    assert alphas == sorted(alphas) and alphas[0] == 0.0

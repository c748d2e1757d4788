"""Solving saved-style generated cases: bounds, validator, determinism, stop and progress."""

from __future__ import annotations

import threading

import pytest

from app.synth import b1_provider, z_route
from optimizer import solve, validate
from optimizer.candidates import build_candidates
from optimizer.greedy import greedy_plan
from optimizer.solve import assemble_plan


@pytest.fixture(scope="module")
def small_b1():
    return b1_provider(50, seed=7, running=3)


def test_small_provider_plan_is_valid_and_bounded(small_b1):
    plan = solve(small_b1, time_limit=5, deterministic=True)
    assert plan.is_feasible()
    rep = validate(small_b1, plan)
    assert rep.ok, str(rep)
    assert plan.bound <= plan.objective
    # never worse than the constructive plan it starts from, nor than everybody waiting
    cand = build_candidates(small_b1)
    greedy = assemble_plan(small_b1, cand, *greedy_plan(small_b1, cand), "HEURISTIC", 0, 0, [], {})
    assert validate(small_b1, greedy).ok
    assert plan.objective <= greedy.objective
    assert plan.objective <= sum(cand.waitlist_cost.values())
    assert plan.figures["placed"] > 0


def test_z_route_separates_literacy():
    p = z_route(30, seed=3)
    plan = solve(p, time_limit=5, deterministic=True)
    assert validate(p, plan).ok
    lit = {lr.id: lr.literacy for lr in p.learners}
    for c in plan.classes:
        assert len({lit[m] for m in c.members}) <= 1


def test_same_seed_same_plan(small_b1):
    a = solve(small_b1, time_limit=3, deterministic=True, seed=3)
    b = solve(small_b1, time_limit=3, deterministic=True, seed=3)
    assert a.objective == b.objective
    assert {k: v.class_id for k, v in a.assignments.items()} == {k: v.class_id for k, v in b.assignments.items()}


def test_progress_is_reported_and_stop_returns_best_plan(small_b1):
    seen = []
    stop = threading.Event()

    def on_progress(p):
        seen.append(p)
        stop.set()  # stop at the first plan found

    plan = solve(small_b1, time_limit=60, on_progress=on_progress, stop=stop)
    assert seen, "no progress reported"
    assert plan.is_feasible() and validate(small_b1, plan).ok
    assert plan.runtime < 60


def test_plan_frames_and_summary(small_b1):
    plan = solve(small_b1, time_limit=2, deterministic=True)
    frames = plan.to_frames(small_b1)
    assert len(frames["learners"]) == len(small_b1.learners)
    assert set(frames["classes"]["class_id"]) == {c.id for c in plan.classes}
    assert "deelnemers geplaatst" in plan.summary()
    assert "learners placed" in plan.summary("en")


def test_warm_start_is_never_worse(small_b1):
    first = solve(small_b1, time_limit=2, deterministic=True)
    again = solve(small_b1, time_limit=1, deterministic=True, warm_start=first)
    assert validate(small_b1, again).ok
    assert again.objective <= first.objective


def test_tradeoff_points_are_valid_and_each_is_the_best_known_for_its_weights(small_b1):
    from optimizer.tradeoff import rescore, tradeoff

    points = tradeoff(small_b1, points=3, time_limit=6, deterministic=True)
    assert len(points) == 3
    for p in points:
        problem = small_b1.with_weights(p.weights)
        rep = validate(problem, p.plan)
        assert rep.ok and rep.objective == p.plan.objective
        for q in points:
            assert p.plan.objective <= rescore(q.plan, q.weights, p.weights).objective
    assert points[0].weights.wait > points[-1].weights.wait

"""The afweging as a cap (``best_within``): plans valid, the cap kept, the best one chosen."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from app.synth import b1_provider
from optimizer.baselines import status_quo_plan
from optimizer.domain import Weights
from optimizer.options import SolveOptions
from optimizer.tradeoff import LADDER_ENDS, best_within, sweep_weights, weights_at
from optimizer.validate import validate

# Deterministic runs here use 2 CP-SAT workers (CI has 2 cores): with the default 8 a 3 s run on
# b1_provider(50) took 14.4 s instead of 6.7 s on 2 cores, for the same objective.


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture(scope="module")
def small_b1():
    return b1_provider(50, seed=7, running=3)


def _mean_wait(plan) -> float:
    return statistics.fmean(a.wait_weeks for a in plan.assignments.values())


def _mean_misfit(plan) -> float:
    return statistics.fmean(a.misfit for a in plan.assignments.values() if a.placed)


def _check_tried(problem, result) -> None:
    """Every plan tried is valid under its own weights (the validator also checks each
    learner's wait and misfit, so the means below are the plan's true figures)."""
    for point in result.tried:
        rep = validate(problem.with_weights(point.weights), point.plan)
        assert rep.ok, str(rep)
        assert rep.objective == point.plan.objective


def test_most_homogeneous_plan_that_waits_no_longer_than_the_status_quo(small_b1):
    sq = status_quo_plan(small_b1)
    cap = _mean_wait(sq)
    result = best_within(small_b1, options=SolveOptions(time_limit=3, deterministic=True, workers=2), max_wait_mean=cap, steps=4)
    _check_tried(small_b1, result)
    assert result.met and result.best is result.closest
    assert _mean_wait(result.best.plan) <= cap
    kept = [p for p in result.tried if _mean_wait(p.plan) <= cap]
    assert _mean_misfit(result.best.plan) == min(_mean_misfit(p.plan) for p in kept)
    # two plans along the line from fast start to homogeneous, then the last solve (two shares
    # of the time) at its homogeneous end, with the cap as a hard constraint: it keeps the cap
    alphas = [p.alpha for p in result.tried]
    assert alphas in ([0.5, 0.75, 1.0], [0.25, 0.5, 1.0])
    assert _mean_wait(result.tried[-1].plan) <= cap


def test_fastest_plan_that_fits_no_worse_than_the_status_quo(small_b1):
    cap = _mean_misfit(status_quo_plan(small_b1))
    result = best_within(small_b1, options=SolveOptions(time_limit=3, deterministic=True, workers=2), max_misfit_mean=cap, steps=3)
    _check_tried(small_b1, result)
    kept = [p for p in result.tried if _mean_misfit(p.plan) <= cap]
    assert result.met == bool(kept)
    if kept:
        assert _mean_wait(result.best.plan) == min(_mean_wait(p.plan) for p in kept)
    if result.tried[-1].alpha == 0.0:  # the last solve, at the fast end with the cap as a hard constraint
        assert _mean_misfit(result.tried[-1].plan) <= cap


def test_a_cap_no_plan_keeps_walks_to_the_fast_end_and_reports_the_closest(small_b1):
    result = best_within(small_b1, options=SolveOptions(time_limit=1.5, deterministic=True, workers=2), max_wait_mean=-1.0, steps=3)
    assert not result.met and result.best is None
    assert [p.alpha for p in result.tried] == [0.125, 0.25, 0.5]  # halving towards alpha 0
    assert result.closest is not None
    assert _mean_wait(result.closest.plan) == min(_mean_wait(p.plan) for p in result.tried)


def test_exactly_one_cap(small_b1):
    with pytest.raises(ValueError):
        best_within(small_b1, options=SolveOptions(time_limit=1))
    with pytest.raises(ValueError):
        best_within(small_b1, options=SolveOptions(time_limit=1), max_wait_mean=5, max_misfit_mean=5)


def test_the_weight_line_keeps_its_ends_and_scales_the_other_weights():
    base = Weights()
    (fast, slow) = LADDER_ENDS
    assert [(w.wait, w.misfit) for _, w in sweep_weights(base, 2, fast, slow)] == [fast, slow]
    scaled = weights_at(base, 1.0, fast, slow, scale=10)
    assert (scaled.wait, scaled.misfit) == (10 * slow[0], 10 * slow[1])
    assert (scaled.travel, scaled.daypart, scaled.language, scaled.move) == (
        10 * base.travel, 10 * base.daypart, 10 * base.language, 10 * base.move)
    # the wait/misfit ratio falls steadily from the fast end to the homogeneous one
    ratios = [w.wait / w.misfit for w in (weights_at(base, a / 8, fast, slow, scale=10) for a in range(9))]
    assert ratios == sorted(ratios, reverse=True)


@pytest.fixture(scope="module")
def start_plans() -> dict:
    """The start plans of test_a_hard_cap_holds_in_the_search_and_the_full_model by their
    weights: each solved once for both methods (the tests only read them)."""
    return {}


@pytest.mark.parametrize("method", ["lns", "cp-sat"])
@pytest.mark.parametrize(("figure", "start_alpha"), [("wait", 0.0), ("misfit", 1.0)])
def test_a_hard_cap_holds_in_the_search_and_the_full_model(small_b1, start_plans, method, figure, start_alpha):
    """A cap on the mean wait, from the fastest plan solved at the homogeneous end, and a cap on
    the mean misfit, from the most homogeneous plan solved at the fast end."""
    from optimizer import solve
    from optimizer.tradeoff import rescore

    mean = _mean_wait if figure == "wait" else _mean_misfit
    start_p = small_b1.with_weights(weights_at(small_b1.weights, start_alpha, *LADDER_ENDS, scale=10))
    other_p = small_b1.with_weights(weights_at(small_b1.weights, 1.0 - start_alpha, *LADDER_ENDS, scale=10))
    if start_alpha not in start_plans:
        start_plans[start_alpha] = solve(start_p, SolveOptions(time_limit=2, deterministic=True, workers=2))
    start = start_plans[start_alpha]
    cap = mean(start)
    free = solve(other_p, SolveOptions(time_limit=2, deterministic=True, workers=2, method=method), warm_start=start)
    assert mean(free) > cap  # the cap binds here
    capped = solve(other_p, SolveOptions(time_limit=2, deterministic=True, workers=2, method=method,
                                         **{f"max_{figure}_mean": cap}), warm_start=start)
    rep = validate(other_p, capped)
    assert rep.ok, str(rep)
    assert mean(capped) <= cap
    # never worse than the plan it started from, which keeps the cap too
    assert capped.objective <= rescore(start, start_p.weights, other_p.weights).objective
    # the cap costs something: the uncapped plan is at least as good under the same weights
    if method == "cp-sat" and free.status == capped.status == "OPTIMAL":
        assert free.objective <= capped.objective


def test_deterministic_shares_of_the_time_do_not_follow_the_clock(monkeypatch):
    """A deterministic sweep's solves get the same limits however long the earlier ones took on
    the clock (they took the clock's time left, so a slower machine gave other plans)."""
    import time

    from optimizer.tradeoff import _Budget

    def shares(deterministic: bool, seconds_per_solve: float) -> list[float]:
        clock = [100.0]
        monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
        budget = _Budget(12.0, deterministic)
        out = []
        for left in (3, 2, 1):
            out.append(budget.share(left))
            clock[0] += seconds_per_solve  # the solve, on this machine
        return out

    assert shares(True, 1.0) == shares(True, 9.0) == [4.0, 4.0, 4.0]
    assert shares(False, 1.0) != shares(False, 9.0)  # (by the clock when not deterministic)


def test_without_a_start_a_cap_is_kept_from_the_completed_greedy_start_or_said(small_b1):
    """Seen from outside: ``solve(problem, SolveOptions(max_wait_mean=...))`` without a warm
    start returned a plan breaking the cap, FEASIBLE, without a word (the greedy start does not
    know the cap and the search moves only between plans within it). Now the start is completed
    up to the cap where that can be, and a plan that still breaks a cap says so."""
    from app.workbook import load_problem_or_raise
    from optimizer import solve

    sample = load_problem_or_raise(SAMPLE)
    n = len(sample.learners)
    # the sample's greedy start waits 2,471 weeks in all (8.24 a learner): its completion keeps 8.0
    plan = solve(sample, SolveOptions(time_limit=2, deterministic=True, workers=2, method="lns", max_wait_mean=8.0))
    assert validate(sample, plan).ok
    assert sum(a.wait_weeks for a in plan.assignments.values()) <= 8.0 * n
    assert not [m for m in plan.diagnosis if m.key.startswith("diag_cap")]
    assert plan.stats["floor"]["from"][1] > 8.0 * n >= plan.stats["floor"]["to"][1]
    # caps no start reaches here: said, in both languages, with the figures
    m = len(small_b1.learners)
    for kw, key, nl, en in [(dict(max_wait_mean=0.0), "diag_cap_wait", "grens 0,0", "cap 0.0"),
                            (dict(min_placed=m + 1), "diag_cap_placed", f"ondergrens {m + 1}", f"floor {m + 1}"),
                            (dict(max_misfit_mean=0.0), "diag_cap_misfit", "grens 0,0", "cap 0.0")]:
        plan = solve(small_b1, SolveOptions(time_limit=1, deterministic=True, workers=2, method="lns", **kw))
        assert plan.is_feasible()
        said = [d for d in plan.diagnosis if d.key.startswith("diag_cap")]
        assert [d.key for d in said] == [key]
        assert nl in said[0].text("nl") and en in said[0].text("en")
        assert plan.stats["caps_met"] is False


def test_an_impossible_cap_in_the_full_model_says_the_cap_not_the_pins(small_b1):
    from optimizer import solve

    plan = solve(small_b1, SolveOptions(time_limit=2, deterministic=True, workers=2, method="cp-sat", max_wait_mean=0.0))
    assert plan.status == "INFEASIBLE"
    assert [m.key for m in plan.diagnosis][-1] == "diag_infeasible_caps"


def test_a_sweep_stopped_at_once_still_gives_the_frame_its_columns(small_b1):
    """Audit 9 (analyst): best_within stopped before its first solve gave tradeoff_frame([]) with
    no columns at all (frame["wait_mean"] raised KeyError); the frontier's frame kept its own."""
    import threading

    from optimizer.tradeoff import tradeoff_frame

    stop = threading.Event()
    stop.set()
    within = best_within(small_b1, max_wait_mean=9.0, options=SolveOptions(time_limit=1, workers=1), stop=stop)
    frame = tradeoff_frame(within.tried)
    assert within.tried == [] and frame["wait_mean"].empty
    assert list(frame.columns) == ["label", "alpha", "weight_wait", "weight_misfit", "placed", "wait_mean", "wait_p90",
                                   "within_target", "misfit_mean", "spread_mean", "travel_mean", "classes_opened",
                                   "status", "gap"]

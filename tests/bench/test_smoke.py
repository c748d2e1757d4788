"""Benchmark smoke run: every method runs on a small case and its plans pass the validator.

No timing assertions: speed is measured by ``make bench``, not by tests.
"""

from __future__ import annotations

import pytest

from bench.one import run
from optimizer.options import SolveOptions

SECONDS = 1.0
"""The runs' time limit: these tests check that the plans are valid, not how good they are
(``make bench`` measures that); the straightforward model and the comparison with the greedy
start keep their 3 s."""


@pytest.mark.parametrize("method", ["klasvormer", "greedy", "status-quo", "naive"])
def test_every_method_gives_valid_plans(method):
    r = run("S-base-1", method, 3.0 if method == "naive" else SECONDS)
    if method == "naive" and r["objective"] is None:
        pytest.skip("the straightforward model found no plan in 3 s (that is its point)")
    assert r["valid"], r
    assert r["objective"] is not None and r["placed"] > 0


def test_kmeans_baseline_on_the_fit_only_variant():
    r = run("S-fitonly-1", "kmeans", SECONDS)
    assert r["valid"] and r["placed"] == r["learners"]


def test_klasvormer_is_at_least_as_good_as_its_starting_plan():
    # 3 s: with 1 s the greedy start is cut at its share of the time (optimizer.solve.START_SHARE)
    ours = run("S-base-1", "klasvormer", 3.0)
    start = run("S-base-1", "greedy", 3.0)
    assert ours["objective"] <= start["objective"]


def test_straightforward_model_agrees_with_klasvormer_on_a_tiny_case():
    """Two independent formulations, one optimum: a cross-check of both models."""
    from datetime import timedelta

    from bench.naive import naive_solve
    from optimizer import RouteSettings, solve, validate
    from tests.optimizer.conftest import PLAN_DATE, learner, problem

    ls = [learner(f"l{i}", level=20 + 7 * i) for i in range(7)] + [
        learner("h1", level=40, together="H"), learner("h2", level=45, together="H"),
        learner("late", level=31, available_from=PLAN_DATE + timedelta(days=15)),  # may join after a start
    ]
    p = problem(ls, routes=(RouteSettings("B1", min_size=2, max_size=3, max_spread=20),))
    a = naive_solve(p, 20)
    b = solve(p, SolveOptions(time_limit=10, method="cp-sat"))
    assert a.status == b.status == "OPTIMAL"
    assert validate(p, a).ok and validate(p, b).ok
    assert a.objective == b.objective


@pytest.mark.parametrize("method", ["klasvormer-snel", "klasvormer-homogeen"])
def test_preset_runs_give_valid_plans(method):
    r = run("S-base-1", method, SECONDS)
    assert r["valid"] and r["objective"] is not None and r["placed"] > 0


@pytest.mark.parametrize(("method", "figure"), [("cap-wait", "wait_mean"), ("cap-misfit", "misfit_mean")])
def test_capped_runs_give_valid_plans_and_report_the_cap(method, figure):
    from bench.cases import Case
    from optimizer.baselines import status_quo_plan

    r = run("S-base-1", method, 2 * SECONDS)  # five solves share it
    assert r["valid"] and r["objective"] is not None
    sq = status_quo_plan(Case("S-base-1", "S", 1).build()).figures
    assert r["cap"] == pytest.approx(sq[figure])
    assert len(r["tried"]) == (4 if r["cap_met"] else 5)  # a cap kept: 3 + the last, capped solve
    assert r["cap_met"] == (r[figure] <= r["cap"] + 1e-9)


def test_summary_verdicts_follow_the_issue_targets():
    from bench.summary import _verdict, baseline_table, index, kmeans_table

    sq = {"wait_mean": 10.0, "misfit_mean": 5.0}
    assert _verdict({"wait_mean": 5.9, "misfit_mean": 5.0}, sq).endswith(": met")
    assert _verdict({"wait_mean": 5.9, "misfit_mean": 5.1}, sq).endswith("not met")
    assert _verdict({"wait_mean": 10.0, "misfit_mean": 3.0}, sq).startswith("misfit -40%")
    rows = [
        {"case": "S-base-1", "method": "klasvormer", "time_limit": 30, "objective": 700, "wait_mean": 6.0,
         "misfit_mean": 4.0},
        {"case": "S-base-1", "method": "naive", "time_limit": 30, "objective": 1000},
        {"case": "S-fitonly-1", "method": "klasvormer", "time_limit": 30, "misfit_total": 90, "classes": 9},
        {"case": "S-fitonly-1", "method": "kmeans", "time_limit": 30, "misfit_total": 95, "classes": 9},
    ]
    runs = index(rows)
    assert "| 30.0%" in "\n".join(baseline_table(runs))  # 700 is 30% below 1000
    assert "equal or lower: met" in "\n".join(kmeans_table(runs))
    from bench.summary import cap_table

    capped = index([
        {"case": "M-base-2", "method": "status-quo", "time_limit": 150, "objective": 900, "wait_mean": 10.0,
         "misfit_mean": 5.0, "placed": 170},
        {"case": "M-base-2", "method": "cap-wait", "time_limit": 150, "objective": 800, "wait_mean": 9.9,
         "misfit_mean": 2.9, "placed": 168, "cap": 10.0, "cap_met": True, "weights": {"wait": 43, "misfit": 85}},
        {"case": "M-base-2", "method": "cap-misfit", "time_limit": 150, "objective": 700, "wait_mean": 8.0,
         "misfit_mean": 5.2, "placed": 200, "cap": 5.0, "cap_met": False, "weights": {"wait": 600, "misfit": 20}},
    ])
    table = "\n".join(cap_table(capped))
    assert "misfit -42% at equal or lower wait: met" in table and "no plan within the cap" in table


def test_the_seed_runs_report_each_run_and_a_mean(capsys):
    from bench.seeds import main

    main(["--cases", "S-base-1", "--seeds", "0", "1", "--limit", "1"])
    lines = capsys.readouterr().out.splitlines()
    runs = [line for line in lines if "seed" in line]
    assert len(runs) == 2 and all(line.endswith("valid") for line in runs)
    assert any(line.startswith("S-base-1 mean") for line in lines)

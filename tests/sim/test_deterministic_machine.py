"""A deterministic simulation gives the same results on every machine.

Found while speeding up the tests: without ``solve_workers`` each weekly solve got the cores the
parallel runs leave free, and the plans depend on the number of CP-SAT workers, so the same seeds
gave other results on a laptop than on a server (and with one policy than with three)."""

from __future__ import annotations

import pandas as pd

from app.simulation import simulate
from tests.sim.conftest import SMALL_ARRIVALS


def _run(base, monkeypatch, cores: int):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    return simulate(base, ["gebalanceerd"], weeks=2, seeds=[1], arrivals=SMALL_ARRIVALS,
                    arrivals_per_week=SMALL_ARRIVALS.arrivals_per_week, time_limit=0.3, workers=1,
                    horizon=4, deterministic=True)


def test_the_weekly_solves_and_results_do_not_depend_on_the_cores(small_base, monkeypatch):
    two = _run(small_base, monkeypatch, 2)
    eight = _run(small_base, monkeypatch, 8)
    assert two.settings["solve_workers"] == eight.settings["solve_workers"]
    clock = [c for c in two.summary.columns if "seconds" in c]  # the time taken is no result
    pd.testing.assert_frame_equal(two.summary.drop(columns=clock), eight.summary.drop(columns=clock))
    assert two.summary["classes_opened"].sum() > 0  # plans were made: the comparison is not of empty runs

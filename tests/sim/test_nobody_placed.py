"""A policy that placed nobody has no mean misfit or travel (they are means over placed
learners): its summary says NaN, not 0.0, and no paired difference is reported for them.
Found from outside: in a tiny simulation three policies placed no one, yet the paired text said
'niveauverschil -6,0' (negative is better) and paired_differences.csv had travel -18."""

from __future__ import annotations

import math

import pandas as pd

from app.cli.texts import table_text
from app.simulation.sweep import simulate

from .conftest import SMALL_ARRIVALS

NOBODY = "gebalanceerd+maxreis=1"  # nobody lives within a minute of a location: nobody is placed


def test_a_policy_that_places_nobody_has_no_paired_difference_in_misfit_or_travel(small_base, tmp_path) -> None:
    result = simulate(small_base, ["status-quo", NOBODY], weeks=2, seeds=(1, 2), time_limit=0.3, workers=1,
                      horizon=5, arrivals=SMALL_ARRIVALS, arrivals_per_week=12, deterministic=True)
    runs = result.summary[result.summary["policy"] == NOBODY]
    assert (runs["placed"] == 0).all() and (result.per_policy.loc["status-quo", "placed"] > 0)
    for col in ("misfit_mean", "travel_mean", "travel_max", "placed_wait_mean"):
        assert runs[col].isna().all(), col  # undefined, never 0.0
    assert not math.isnan(result.per_policy.loc["status-quo", "misfit_mean"])

    paired = result.paired.set_index(["policy", "metric"])
    for metric in ("misfit_mean", "travel_mean"):
        row = paired.loc[(NOBODY, metric)]
        assert row["n"] == 0, metric
        for col in ("diff_mean", "policy_mean", "ci_low", "ci_high", "relative"):
            assert math.isnan(row[col]), (metric, col)
        assert not bool(row["significant"])
    assert paired.loc[(NOBODY, "wait_mean"), "n"] == 2  # the wait is defined: still compared
    assert not math.isnan(paired.loc[(NOBODY, "wait_mean"), "diff_mean"])

    # The CSV follows: empty cells, no number
    result.save(tmp_path, charts=False)
    csv = pd.read_csv(tmp_path / "paired_differences.csv").set_index(["policy", "metric"])
    for metric in ("misfit_mean", "travel_mean"):
        assert pd.isna(csv.loc[(NOBODY, metric), "diff_mean"]), metric

    # The CLI's table says '-', not a number (nor '+nan')
    for text, word in ((result.paired_table(), "misfit_mean"), (result.paired_table(render=table_text), "niveau")):
        line = next(ln for ln in text.splitlines() if NOBODY in ln and word in ln)
        assert "nan" not in line.lower() and " - " in line + " ", line
        assert "-100.0%" not in text

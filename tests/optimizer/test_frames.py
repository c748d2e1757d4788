"""The analyst's frames (``Plan.to_frames``): dates are pandas datetimes.

Found from outside (the analyst's audit): ``start_date`` held Python ``date`` objects (dtype
object), so ``frames["learners"].start_date.dt.month`` raised and a groupby by month needed a
conversion first."""

from __future__ import annotations

import pandas as pd

from app import synth
from optimizer import SolveOptions, solve
from optimizer.validate import validate


def test_start_dates_are_datetimes_that_agree_with_the_start_weeks():
    problem = synth.b1_provider(24, seed=3)
    plan = solve(problem, SolveOptions(time_limit=1, deterministic=True, workers=1))
    assert validate(problem, plan).ok
    frames = plan.to_frames(problem)
    learners, classes = frames["learners"], frames["classes"]
    assert pd.api.types.is_datetime64_any_dtype(learners["start_date"])
    assert pd.api.types.is_datetime64_any_dtype(classes["start_date"])
    placed = learners[learners["class_id"].notna()]
    waiting = learners[learners["class_id"].isna()]
    assert len(placed) > 0
    assert waiting["start_date"].isna().all()
    # a week later is seven days later, from the plan's own dates
    by_id = {a.learner_id: a for a in plan.assignments.values()}
    for row in placed.itertuples():
        assert row.start_date.date() == by_id[row.learner_id].start_date
    months = placed["start_date"].dt.month
    assert months.between(1, 12).all()
    first = classes.sort_values("start_week").iloc[0]
    for row in classes.itertuples():
        assert (row.start_date - first.start_date).days == 7 * (row.start_week - first.start_week)


def test_the_doc_says_how_to_find_the_learners_left_waiting():
    """help(plan.to_frames) said "class_id (None: waiting)"; the column holds pandas' missing value
    (NaN in a str column), so ``learners[learners.class_id == None]`` found nobody."""
    from optimizer.plan import Plan

    problem = synth.b1_provider(24, seed=3)
    plan = solve(problem, SolveOptions(time_limit=1, deterministic=True, workers=1))
    assert validate(problem, plan).ok
    learners = plan.to_frames(problem)["learners"]
    left = {lid for lid, a in plan.assignments.items() if a.class_id is None}
    assert left  # (10 of the 24 wait here)
    assert set(learners.loc[learners["class_id"].isna(), "learner_id"]) == left
    assert "class_id.isna()" in (Plan.to_frames.__doc__ or "")
    assert "None: waiting" not in (Plan.to_frames.__doc__ or "")


def test_a_percentile_between_two_weeks_has_no_float_noise():
    """Audit 7 (analyst): a P90 wait was written to the workbook as 16.10000000000002; the
    figure is rounded to 9 decimals."""
    from optimizer.plan import percentile

    waits = [0.0] * 33 + [16.0] + [17.0] * 4  # 38 waits: position 33.3, 16 + 0.3 * (17 - 16)
    assert repr(percentile(waits, 90)) == "16.3"  # (16.299999999999997 before)
    assert percentile([3.0, 5.0], 50) == 4.0 and percentile([], 90) == 0.0


def test_every_plan_gives_the_same_columns_and_dtypes():
    """Audit 9 (analyst): a plan without classes gave ``frames["classes"]`` with no columns at all
    (``classes["size"].sum()`` raised KeyError), no learners gave a learners frame without columns,
    and the dtypes followed the data: start_week int64 when all were placed, float64 with one
    waiting, object when all waited (as class_id, travel_minutes and misfit), so frames of
    several scenarios did not concatenate into one dtype."""
    import dataclasses

    base = synth.b1_provider(24, seed=3)
    placed = solve(base, SolveOptions(time_limit=1, deterministic=True, workers=1))
    nobody_fits = dataclasses.replace(
        base, running=(), learners=tuple(dataclasses.replace(lr, dayparts=frozenset({"za-ochtend"}), preferred_dayparts=frozenset())
                                         for lr in base.learners))
    empty = dataclasses.replace(base, learners=())
    frames = {}
    for name, problem in (("placed", base), ("nobody_fits", nobody_fits), ("empty", empty)):
        plan = placed if name == "placed" else solve(problem, SolveOptions(time_limit=1, deterministic=True, workers=1))
        assert validate(problem, plan).ok
        frames[name] = plan.to_frames(problem)
    assert len(frames["nobody_fits"]["classes"]) == 0 and frames["nobody_fits"]["learners"]["class_id"].isna().all()
    assert len(frames["empty"]["learners"]) == 0
    for key in ("classes", "learners", "figures", "terms"):
        shapes = {name: dict(f[key].dtypes.astype(str)) for name, f in frames.items()}
        assert shapes["placed"] == shapes["nobody_fits"] == shapes["empty"], key
    learners = frames["placed"]["learners"]
    assert str(learners["start_week"].dtype) == "float64" and str(learners["wait_weeks"].dtype) == "int64"
    assert pd.api.types.is_datetime64_any_dtype(frames["empty"]["classes"]["start_date"])
    assert frames["nobody_fits"]["classes"]["size"].sum() == 0
    both = pd.concat([frames["placed"]["learners"], frames["nobody_fits"]["learners"]])
    assert str(both["start_week"].dtype) == "float64" and str(both["misfit"].dtype) == "float64"

"""Issue 24: calibrated scenarios, paired statistics, the clairvoyant reference."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import pytest

from app.cli.simulate import main as cli_main
from app.simulation.arrivals import generate_arrivals
from app.simulation.capacity import PEAK_FACTOR, SCENARIOS, capacity_factor, scale_capacity
from app.simulation.engine import RunTask, SimConfig, _Run
from app.simulation.reference import clairvoyant_plan
from app.simulation.statistics import (
    SIGN_TEST_SEEDS,
    common_random_numbers,
    paired_differences,
    t_interval,
    waits_by_group,
)
from app.simulation.sweep import simulate
from optimizer.validate import validate

from .conftest import SMALL_ARRIVALS, capacity_problems


def test_scenarios_order_capacity_and_keep_it_equal_for_every_policy(small_base) -> None:
    factors = {name: capacity_factor(small_base, SMALL_ARRIVALS, name) for name in ("krap", "gemiddeld", "ruim")}
    assert factors["krap"] < factors["gemiddeld"] < factors["ruim"]
    assert factors["ruim"] == capacity_factor(small_base, SMALL_ARRIVALS, "auto")  # ruim is today's auto scaling

    res = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=3, seeds=(1,), time_limit=0.3, workers=1,
                   horizon=5, arrivals=SMALL_ARRIVALS, arrivals_per_week=12, scenario="krap", deterministic=True)
    assert res.settings["scenario"] == "krap"
    assert res.settings["capacity"]["factor"] == factors["krap"]
    teachers = res.weekly.groupby("policy")["teacher_dayparts_available"].apply(tuple)
    assert teachers.nunique() == 1  # the same teachers every week for both policies
    assert teachers.iloc[0][0] == sum(scale_capacity(small_base, factors["krap"]).teachers.values())
    scaled = scale_capacity(small_base, factors["krap"])
    for run in res.runs:
        assert capacity_problems(scaled, run) == []
    assert res.settings["common_random_numbers"] is True


def test_peak_variant_and_conflicting_capacity(small_base) -> None:
    res = simulate(small_base, ["status-quo"], weeks=1, seeds=(1,), workers=1, horizon=4,
                   arrivals=SMALL_ARRIVALS, arrivals_per_week=12, scenario="gemiddeld-piek")
    assert res.settings["arrivals"]["peak_factor"] == PEAK_FACTOR
    assert res.settings["capacity"]["factor"] == capacity_factor(small_base, SMALL_ARRIVALS, "gemiddeld")
    assert SCENARIOS["gemiddeld-piek"].headroom == SCENARIOS["gemiddeld"].headroom
    with pytest.raises(ValueError, match="scenario"):
        simulate(small_base, ["status-quo"], weeks=1, scenario="krap", capacity=2.0, workers=1)
    with pytest.raises(ValueError, match="unknown scenario"):
        simulate(small_base, ["status-quo"], weeks=1, scenario="schaars", workers=1)


def test_scenario_reaches_the_cli(tmp_path, monkeypatch) -> None:
    # the charts (most of this command's time) are tested in test_simulation; here the settings count
    monkeypatch.setattr("app.simulation.charts.save_charts", lambda result, out: [])
    out = tmp_path / "sim"
    rc = cli_main(["sample", "--scenario", "krap", "--weeks", "1", "--policies", "status-quo", "--seeds", "1",
                   "--arrivals-per-week", "10", "--horizon", "4", "--workers", "1", "--out", str(out), "--quiet"])
    assert rc == 0
    settings = json.loads((out / "settings.json").read_text())
    assert settings["scenario"] == "krap" and settings["arrivals"]["peak_factor"] == 1.0
    assert settings["capacity"]["requested"] == "krap"
    assert cli_main(["sample", "--scenario", "krap", "--capacity", "2", "--quiet"]) == 2
    assert cli_main(["sample", "--scenario", "overvloed", "--quiet"]) == 2  # a usage error


def test_a_started_class_is_never_undone(small_base) -> None:
    """Under shortage, with commitment: once a learner started in a class, later weeks keep
    them there (the published class and the learner's record never change)."""
    base = scale_capacity(small_base, capacity_factor(small_base, SMALL_ARRIVALS, "krap"))
    run = _Run(RunTask(0, "gebalanceerd", 2, base, SimConfig(weeks=5, horizon=5, time_limit=0.3, check=True,
                                                            arrivals=SMALL_ARRIVALS, deterministic=True)))
    seen: dict[str, tuple] = {}

    def on_week(done: int, total: int) -> None:
        for lid, rec in run.records.items():
            if rec["outcome"] == "placed":
                now = (rec["class_id"], rec["start_week"])
                assert seen.setdefault(lid, now) == now, f"{lid} moved after starting"
                assert lid not in run.queue
        for cid, c in run.classes.items():
            assert all(seen.get(m, (None,))[0] == cid for m in c["members"])

    res = run.run(on_week, None)
    assert res.violations == [] and seen


def test_paired_differences_on_a_hand_made_case() -> None:
    rows = [{"policy": "status-quo", "seed": s, "complete": True, "wait_mean": w, "misfit_mean": 5.0}
            for s, w in ((1, 10.0), (2, 12.0), (3, 14.0))]
    rows += [{"policy": "B", "seed": s, "complete": True, "wait_mean": w, "misfit_mean": m}
             for s, w, m in ((1, 8.0, 4.0), (2, 9.5, 3.5), (3, 12.5, 4.5))]
    rows.append({"policy": "B", "seed": "all", "complete": True, "wait_mean": 99.0, "misfit_mean": 99.0})
    d = paired_differences(pd.DataFrame(rows), metrics=("wait_mean", "misfit_mean")).set_index("metric")
    # waits: differences -2, -2.5, -1.5: mean -2, sd 0.5, t(0.975, 2) = 4.303
    half = 4.303 * 0.5 / math.sqrt(3)
    assert d.at["wait_mean", "n"] == 3
    assert d.at["wait_mean", "diff_mean"] == pytest.approx(-2.0)
    assert d.at["wait_mean", "ci_low"] == pytest.approx(-2.0 - half)
    assert d.at["wait_mean", "ci_high"] == pytest.approx(-2.0 + half)
    assert d.at["wait_mean", "relative"] == pytest.approx(-2.0 / 12.0)
    assert bool(d.at["wait_mean", "significant"])
    # misfit: differences -1, -1.5, -0.5: mean -1, sd 0.5: interval -1 +- 1.242, includes 0
    assert d.at["misfit_mean", "diff_mean"] == pytest.approx(-1.0)
    assert d.at["misfit_mean", "ci_high"] == pytest.approx(-1.0 + half)
    assert not bool(d.at["misfit_mean", "significant"])
    assert t_interval([1.0])[2] != t_interval([1.0])[2]  # one seed: no interval (nan)


def test_common_random_numbers_check_and_groups() -> None:
    rec = {"learner_id": "S1", "route": "B1", "level": 50, "status": "statushouder", "home": "Oost",
           "stadsdeel": "Oost", "available_week": 0, "waiting_since_week": 0, "outcome": "placed", "wait_weeks": 2}
    same = pd.DataFrame([{**rec, "policy": p, "seed": 1} for p in ("a", "b")])
    assert common_random_numbers(same)
    other = same.copy()
    other.loc[1, "available_week"] = 1
    assert not common_random_numbers(other)
    more = pd.DataFrame([{**rec, "policy": "a", "seed": 1},
                         {**rec, "learner_id": "S2", "status": "gezinsmigrant", "policy": "a", "seed": 1,
                          "outcome": "waiting", "wait_weeks": 20}])
    g = waits_by_group(more, target_weeks=10, weeks_done={("a", 1): 30}).set_index(["group", "value"])
    assert g.at[("alle", "alle"), "wait_mean"] == pytest.approx(11.0)
    assert g.at[("alle", "alle"), "within_target"] == pytest.approx(0.5)
    assert g.at[("status", "gezinsmigrant"), "placed"] == 0


def test_clairvoyant_one_go_plan_is_never_worse_than_the_status_quo(small_base) -> None:
    weeks = 3
    arrivals = generate_arrivals(small_base, replace(SMALL_ARRIVALS, backlog=4), weeks, 3)
    problem, plan, baseline = clairvoyant_plan(small_base, arrivals, weeks, time_limit=0.5, deterministic=True)
    assert plan.is_feasible() and baseline.is_feasible()
    assert validate(problem, plan).violations == []
    assert validate(problem, baseline).violations == []
    assert plan.objective <= baseline.objective
    # the guarantee is the start: the status quo's plan is offered, and the search only improves
    # on its start (on a case this small a solve from scratch beats it too, so the line above
    # alone did not catch a missing warm start)
    assert plan.stats.get("warm_start_objective") is not None
    end = small_base.plan_date + timedelta(days=7 * weeks)
    assert set(plan.assignments) == {a.learner.id for a in arrivals if a.available < end}


def test_fewer_teachers_never_strand_the_running_classes(small_base) -> None:
    scaled = scale_capacity(small_base, 0.05)
    assert sum(scaled.teachers.values()) < sum(small_base.teachers.values())
    sched = {s.name: s.dayparts for s in small_base.schedules}
    rooms = {loc.name: loc.rooms for loc in scaled.locations}
    for rc in small_base.running:
        for d in sched[rc.schedule]:
            assert scaled.teachers[d] >= sum(1 for o in small_base.running if d in sched[o.schedule])
            assert rooms[rc.location][d] >= sum(1 for o in small_base.running
                                                if o.location == rc.location and d in sched[o.schedule])


def test_postponements_count_a_planned_start_that_moves_later(small_base) -> None:
    from types import SimpleNamespace as NS

    run = _Run(RunTask(0, "gebalanceerd", 1, small_base, SimConfig(weeks=3)))
    run.queue = {"A": None, "B": None, "C": None}

    def plan(**weeks):
        return NS(is_feasible=lambda: True, assignments={
            lid: NS(start_week=w, class_id=None if w is None else "k") for lid, w in weeks.items()})

    assert run._postponements(0, plan(A=2, B=3, C=None)) == 0  # planned for weeks 2 and 3
    # week 1: A still week 2 (start 1 -> absolute 2), B moved from 3 to 4, C newly planned
    assert run._postponements(1, plan(A=1, B=3, C=1)) == 1
    # week 2: A dropped to the waiting list (a postponement), B and C keep their weeks
    assert run._postponements(2, plan(A=None, B=2, C=0)) == 1
    assert run.postponed == {"A": 1, "B": 1}


def test_end_value_modifier_sets_the_waiting_list_charge(small_base) -> None:
    from app.simulation.policies import PolicyError, parse_policy

    pol = parse_policy("gebalanceerd+eindwaarde=12")
    assert pol.name == "gebalanceerd+eindwaarde=12"
    assert pol.prepare(small_base).waitlist_extra_weeks == 12
    assert parse_policy("gebalanceerd+helderziend").clairvoyant
    with pytest.raises(PolicyError):
        parse_policy("status-quo+helderziend")


def test_a_policy_weight_stops_where_the_workbooks_weights_stop() -> None:
    # '+wachten=999999' was taken, where the Instellingen sheet and the weights page stop at 10,000
    from app.simulation.policies import PolicyError, parse_policy
    from optimizer.domain import MAX_WEIGHT

    assert parse_policy(f"gebalanceerd+wachten={MAX_WEIGHT}+niveau={MAX_WEIGHT}").wait_weight == MAX_WEIGHT
    for spec in ("gebalanceerd+wachten=999999", "homogeen+niveau=10001"):
        with pytest.raises(PolicyError) as err:
            parse_policy(spec)
        assert err.value.key == "range" and "10000" in str(err.value)


def test_equal_differences_on_few_seeds_are_not_called_significant() -> None:
    """Found from outside: two seeds, status quo P90 4 and 3 weeks, the policy's 3 and 2: the
    difference -1 on both, sd 0, the interval [-1; -1], and 'significant: ja'. An interval of no
    width says nothing about chance; the sign test needs six seeds of one sign for 5%."""
    def case(n: int) -> pd.DataFrame:
        rows = [{"policy": "status-quo", "seed": s, "complete": True, "wait_p90": 4.0 - s % 2} for s in range(n)]
        rows += [{"policy": "B", "seed": s, "complete": True, "wait_p90": 3.0 - s % 2} for s in range(n)]
        return paired_differences(pd.DataFrame(rows), metrics=("wait_p90",)).set_index("metric")

    two = case(2)
    assert (two.at["wait_p90", "diff_mean"], two.at["wait_p90", "diff_sd"]) == (-1.0, 0.0)
    assert (two.at["wait_p90", "ci_low"], two.at["wait_p90", "ci_high"]) == (-1.0, -1.0)
    assert not bool(two.at["wait_p90", "significant"])
    assert not bool(case(SIGN_TEST_SEEDS - 1).at["wait_p90", "significant"])
    assert bool(case(SIGN_TEST_SEEDS).at["wait_p90", "significant"])  # 2 * 0.5**6 = 0.03


def test_the_paired_chart_keeps_its_titles_on_the_picture() -> None:
    # the right panel's title ran past the edge: each panel repeated the policies' long names
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from app.simulation.charts import paired_figure

    rows = [{"metric": m, "policy": p, "diff_mean": 0.5, "ci_low": -1.5, "ci_high": 1.3}
            for m in ("wait_mean", "misfit_mean") for p in ("gebalanceerd+streeftermijn=8", "gebalanceerd")]
    fig = paired_figure(pd.DataFrame(rows))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width = fig.get_figwidth() * fig.dpi
    for ax in fig.axes:
        box = ax.title.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width, ax.title.get_text()
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["gebalanceerd+streeftermijn=8", "gebalanceerd"]
    assert not any(t.get_text() for t in right.get_yticklabels())

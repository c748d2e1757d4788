"""Small simulations: invariants of the weekly loop, reproducibility, interruption, CLI."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import pytest

from app.cli.simulate import main as cli_main
from app.simulation.arrivals import ArrivalSettings, generate_arrivals, weekly_rates
from app.simulation.engine import RunTask, SimConfig, _Run, run_task
from app.simulation.policies import PolicyError, parse_policy
from app.simulation.sweep import simulate
from optimizer.domain import PRESETS

from .conftest import SMALL_ARRIVALS, capacity_problems

WEEKS = 5


def _run(base, policy: str, seed: int = 1, weeks: int = WEEKS, snapshots: list | None = None, **kw):
    config = SimConfig(weeks=weeks, horizon=6, time_limit=0.3, check=True, arrivals=SMALL_ARRIVALS, **kw)
    run = _Run(RunTask(0, policy, seed, base, config))

    def on_week(done: int, total: int) -> None:
        if snapshots is not None:
            snapshots.append({cid: (c["week"], c["route"], c["location"], c["schedule"], c["level"],
                                    c["size_at_start"], tuple(c["members"][:c["size_at_start"]]))
                              for cid, c in run.classes.items()})

    return run.run(on_week, None)


@pytest.mark.parametrize("policy", ["status-quo", "gebalanceerd"])
def test_weekly_loop_invariants(small_base, policy: str) -> None:
    snapshots: list[dict] = []
    res = _run(small_base, policy, snapshots=snapshots)
    assert res.complete and res.weeks_done == WEEKS
    assert res.violations == []  # every weekly plan validated, capacity checked each week

    # Every arrival is recorded once: placed once, or still waiting (or not yet available).
    end = small_base.plan_date + timedelta(days=7 * WEEKS)
    arrivals = [a for a in generate_arrivals(small_base, SMALL_ARRIVALS, WEEKS, 1) if a.available < end]
    ids = [r["learner_id"] for r in res.learners]
    assert len(ids) == len(set(ids))
    assert set(ids) == {a.learner.id for a in arrivals}
    assert {r["outcome"] for r in res.learners} <= {"placed", "waiting", "upcoming"}
    placed = {r["learner_id"]: r for r in res.learners if r["outcome"] == "placed"}
    assert placed, "nobody was placed"
    # ... and a placed learner sits in exactly one class (published here or running).
    in_class = Counter(m for c in res.classes for m in c["members"].split())
    for lid, rec in placed.items():
        if rec["via"] == "new_class" or rec["class_id"].startswith("W"):
            assert in_class[lid] == 1
        assert rec["wait_weeks"] >= 0 and rec["start_week"] >= rec["available_week"]
    assert all(n == 1 for n in in_class.values())
    assert all(placed.get(m) for m in in_class)

    # Published classes never change afterwards (later joiners only fill free seats).
    for before, after in zip(snapshots, snapshots[1:], strict=False):
        for cid, snap in before.items():
            assert after[cid] == snap
    for c in res.classes:
        assert c["final_size"] <= c["max_size"]

    # Teachers and rooms hold in every week, recomputed from the published classes.
    assert capacity_problems(small_base, res) == []
    assert all(w["capacity_excess"] == 0 for w in res.weekly)


TIMINGS = ("solve_seconds", "runtime_seconds")
"""Columns that measure the machine, not the simulation."""
ARRIVAL_COLUMNS = ["policy", "learner_id", "route", "level", "status", "priority", "home", "known_week",
                   "available_week", "waiting_since_week"]
"""The columns of the learners frame that describe the arrivals themselves (not what the plans did)."""


def outcomes(result) -> dict[str, pd.DataFrame]:
    """Every frame of a simulation without its timings and without its ``seed`` column: two runs
    are compared by what happened in them, not by the seed they are labelled with (a seed that
    was ignored would still differ there)."""
    frames = {"learners": result.learners, "classes": result.classes, "weekly": result.weekly,
              "summary": result.summary, "paired": result.paired, "groups": result.groups}
    return {name: frame.drop(columns=[c for c in frame.columns if c == "seed" or c in TIMINGS]).reset_index(drop=True)
            for name, frame in frames.items()}


def test_same_seed_gives_the_same_outcomes_and_another_seed_other_ones(small_base) -> None:
    # two CP-SAT workers whatever the machine (the interleaved search of deterministic mode, and
    # not a chunk of deterministic time for each of up to 8 cores), a 3-week horizon
    kw = dict(weeks=3, arrivals_per_week=12, time_limit=0.2, workers=1, solve_workers=2, horizon=3,
              deterministic=True, arrivals=SMALL_ARRIVALS)
    policies = ["status-quo", "homogeen"]
    a = simulate(small_base, policies, seeds=(4,), **kw)
    b = simulate(small_base, policies, seeds=(4,), **kw)
    c = simulate(small_base, policies, seeds=(5,), **kw)
    assert a.settings["seeds"] == [4] and c.settings["seeds"] == [5] and a.settings["deterministic"] is True
    assert not [r.error for r in (*a.runs, *b.runs, *c.runs) if r.error]
    same, other = outcomes(a), outcomes(b)
    for name in same:
        pd.testing.assert_frame_equal(same[name], other[name], obj=name)
    assert not a.classes.empty  # the compared runs opened classes
    # another seed: other arrivals (not only another label), so other outcomes
    arrivals = [r.learners[ARRIVAL_COLUMNS].sort_values(["policy", "learner_id"]).reset_index(drop=True)
                for r in (a, c)]
    assert not arrivals[0].equals(arrivals[1])
    different = outcomes(c)
    assert not same["learners"].equals(different["learners"])
    assert not same["summary"].equals(different["summary"])
    # All policies saw the same arrivals.
    per_policy = a.learners.groupby("policy")["learner_id"].apply(frozenset)
    assert per_policy.nunique() == 1


def test_arrivals_are_seeded_and_peaks_keep_the_volume(small_base) -> None:
    s = ArrivalSettings(arrivals_per_week=20, peak_factor=3.0, peak_months=(12,))
    one = generate_arrivals(small_base, s, 10, seed=5)
    two = generate_arrivals(small_base, s, 10, seed=5)
    assert [a.learner for a in one] == [a.learner for a in two]
    assert [a.learner for a in one] != [a.learner for a in generate_arrivals(small_base, s, 10, seed=6)]
    rates = weekly_rates(s, small_base.plan_date, 52)
    assert sum(rates) == pytest.approx(20 * 52)
    dec = [r for t, r in enumerate(rates) if (small_base.plan_date + timedelta(days=7 * t)).month == 12]
    assert max(rates) == pytest.approx(dec[0]) and dec[0] == pytest.approx(3 * min(rates))
    routes = {r.route for r in small_base.routes}
    assert all(a.learner.route in routes and a.known_from <= a.available for a in one)
    synth = generate_arrivals(small_base, replace(s, mode="synth"), 4, seed=1)
    assert synth and all(a.learner.route == "B1" for a in synth)


def test_replay_learners_arrive_at_their_dates(small_base) -> None:
    res = run_task(RunTask(0, "status-quo", 1, small_base, SimConfig(
        weeks=4, horizon=6, time_limit=0.3, check=True, arrivals=ArrivalSettings(mode="replay"))))
    assert res.complete and res.violations == []
    recs = {r["learner_id"]: r for r in res.learners}
    end = small_base.plan_date + timedelta(days=28)
    expected = {lr.id for lr in small_base.learners if (lr.available_from or lr.waiting_since) < end}
    assert set(recs) == expected
    for lr in small_base.learners:
        if lr.id in recs and recs[lr.id]["outcome"] == "placed":
            assert recs[lr.id]["start_week"] >= small_base.available_week(lr)


def test_policy_specs() -> None:
    assert parse_policy("Status_Quo").name == "status-quo"
    assert parse_policy("snel").name == "snelle-start"
    assert parse_policy("balanced+maxreis:30").name == "gebalanceerd+maxreis=30"
    assert parse_policy("homogeen+streeftermijn=8").target_weeks == 8
    with pytest.raises(PolicyError):
        parse_policy("fastest")
    with pytest.raises(PolicyError):
        parse_policy("gebalanceerd+reizen=3")


def test_policy_modifiers_change_the_week_problem(small_base) -> None:
    p = parse_policy("gebalanceerd+streeftermijn=4+maxreis=25").prepare(small_base)
    assert p.max_travel == 25 and all(lr.max_travel is None or lr.max_travel <= 25 for lr in p.learners)
    for old, new in zip(small_base.learners, p.learners, strict=True):
        boosted = small_base.wait_weeks(old, 0) >= 2
        assert new.priority == (min(10, old.priority * 3) if boosted else old.priority)


def test_interrupt_keeps_finished_weeks(small_base) -> None:
    """A first Ctrl-C stops the run after its current week; the weeks done are kept."""
    fired = []

    def progress(p) -> None:
        if p.weeks_done >= 2 and not fired:
            fired.append(True)
            signal.raise_signal(signal.SIGINT)

    res = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=6, seeds=(1,), arrivals_per_week=12,
                   time_limit=0.2, workers=1, progress=progress, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.interrupted
    assert len(res.runs) == 1 and not res.runs[0].complete and res.runs[0].weeks_done == 2
    assert res.summary.loc[0, "weeks_done"] == 2


def test_keyboard_interrupt_keeps_finished_runs(small_base) -> None:
    def progress(p) -> None:
        if p.runs_done == 1:
            raise KeyboardInterrupt

    res = simulate(small_base, ["status-quo", "snelle-start"], weeks=2, seeds=(1,), arrivals_per_week=12,
                   time_limit=0.2, workers=1, progress=progress, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.interrupted and [r.policy for r in res.runs] == ["status-quo"]


def test_stop_hook_ends_the_sweep_and_keeps_finished_weeks(small_base) -> None:
    """A caller's stop (an Event set from elsewhere, e.g. a GUI button) acts like Ctrl-C."""
    flag = threading.Event()

    def progress(p) -> None:
        if p.weeks_done >= 2:
            flag.set()

    res = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=6, seeds=(1,), arrivals_per_week=12,
                   time_limit=0.2, workers=1, progress=progress, stop=flag, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.interrupted
    assert [r.policy for r in res.runs] == ["status-quo"] and res.runs[0].weeks_done == 2
    assert not res.runs[0].complete and res.summary.loc[0, "weeks_done"] == 2
    calls = []
    res = simulate(small_base, ["status-quo"], weeks=2, seeds=(1,), arrivals_per_week=12, time_limit=0.2,
                   workers=1, stop=lambda: calls.append(1) is None, arrivals=SMALL_ARRIVALS, horizon=5)
    assert calls and res.interrupted and res.runs == [] and res.per_policy.empty


def test_cli_writes_tables_settings_and_charts(tmp_path, capsys) -> None:
    out = tmp_path / "sim"
    rc = cli_main(["sample", "--weeks", "3", "--policies", "status-quo,gebalanceerd+maxreis=30",
                   "--seeds", "1", "--arrivals-per-week", "10", "--time-limit", "0.3", "--horizon", "5",
                   "--workers", "1", "--out", str(out), "--quiet"])
    assert rc == 0
    for name in ("summary.csv", "weekly.csv", "learners.csv", "classes.csv", "settings.json",
                 "afweging_wacht_passing.png", "wachtrij_per_week.png", "kerncijfers_per_beleid.png"):
        assert (out / name).stat().st_size > 0
    settings = json.loads((out / "settings.json").read_text())
    assert settings["policies"] == ["status-quo", "gebalanceerd+maxreis=30"] and settings["weeks"] == 3
    assert "status-quo" in capsys.readouterr().out
    assert cli_main(["sample", "--policies", "nonsense", "--quiet"]) == 2
    assert cli_main([str(tmp_path / "missing.xlsx"), "--quiet"]) == 1


def test_local_processes_sweep(small_base) -> None:
    res = simulate(small_base, ["status-quo"], weeks=2, seeds=(1, 2), arrivals_per_week=12, time_limit=0.2,
                   workers=2, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.settings["executor"] == "processes"
    assert sorted(r.seed for r in res.runs) == [1, 2] and all(r.complete for r in res.runs)
    serial = simulate(small_base, ["status-quo"], weeks=2, seeds=(1, 2), arrivals_per_week=12, time_limit=0.2,
                      workers=1, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.learners.equals(serial.learners)
    # the weekly solves get the cores the runs leave free, and the settings say how many
    cores = os.cpu_count() or 1
    assert res.settings["solve_workers"] == max(1, min(8, cores // 2))
    assert serial.settings["solve_workers"] == max(1, min(8, cores))
    assert all(r.error is None for r in res.runs)


def test_cli_reads_a_workbook_and_replays_its_learners(tmp_path, small_base, monkeypatch) -> None:
    template = pytest.importorskip("app.workbook.template")
    # the charts (most of the command's time) are tested above; here the settings count
    monkeypatch.setattr("app.simulation.charts.save_charts", lambda result, out: [])
    path = tmp_path / "invoer.xlsx"
    template.write_input_workbook(small_base, path)
    out = tmp_path / "replay"
    rc = cli_main([str(path), "--mode", "replay", "--weeks", "2", "--policies", "status-quo", "--horizon", "5",
                   "--workers", "1", "--out", str(out), "--quiet"])
    assert rc == 0
    settings = json.loads((out / "settings.json").read_text())
    assert settings["arrivals"]["mode"] == "replay" and settings["capacity"]["factor"] == 1.0
    assert settings["base"]["learners"] == len(small_base.learners)


def test_room_for_newcomers_policy_plans_smaller_classes(small_base) -> None:
    pol = parse_policy("gebalanceerd+ruimte=4")
    assert pol.name == "gebalanceerd+ruimte=4"
    prepared = pol.prepare(small_base)
    for before, after in zip(small_base.routes, prepared.routes, strict=True):
        assert after.max_size == max(before.min_size, before.max_size - 4)


def test_weight_modifiers_set_the_week_problems_weights(small_base) -> None:
    pol = parse_policy("homogeen+niveau=16+wachten=5")
    assert pol.name == "homogeen+wachten=5+niveau=16"
    assert parse_policy(pol.name) == pol
    w = pol.prepare(small_base).weights
    assert (w.wait, w.misfit) == (5, 16)
    assert w.travel == PRESETS["homogeen"].travel and w.daypart == PRESETS["homogeen"].daypart
    assert parse_policy("homogeen").prepare(small_base).weights == PRESETS["homogeen"]
    with pytest.raises(PolicyError, match="niveau needs a Klasvormer rule") as err:
        parse_policy("status-quo+niveau=8")
    suggestion = str(err.value).split("e.g. ")[1].rstrip(")")
    assert parse_policy(suggestion).misfit_weight == 8  # the suggested spec itself is accepted
    for bad in ("homogeen+niveau", "homogeen+niveau=-1"):
        with pytest.raises(PolicyError):
            parse_policy(bad)


def test_a_stopped_policy_says_in_the_table_how_many_weeks_its_figures_cover(small_base) -> None:
    """Found from outside: after Ctrl-C the CLI's table put one policy's 3 weeks beside another's
    8 (wait max 3,0 against 8,0) with nothing to tell them apart."""
    flag = threading.Event()

    def progress(p) -> None:
        if p.weeks_done >= 8:  # the status quo's 6 weeks, then 2 of gebalanceerd's (one run at a time)
            flag.set()

    res = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=6, seeds=(1,), arrivals_per_week=12,
                   time_limit=0.2, workers=1, progress=progress, stop=flag, arrivals=SMALL_ARRIVALS, horizon=5)
    assert res.interrupted
    table = res.table(render=lambda df: df.to_csv())
    rows = dict(line.split(",", 2)[:2] for line in table.splitlines()[1:])
    assert table.splitlines()[0].split(",")[:2] == ["policy", "weeks_done"]
    assert rows == {"status-quo": "6", "gebalanceerd": "2"}, table
    full = simulate(small_base, ["status-quo"], weeks=2, seeds=(1,), arrivals_per_week=12, time_limit=0.2,
                    workers=1, arrivals=SMALL_ARRIVALS, horizon=5)
    assert "weeks_done" not in full.table(render=lambda df: df.to_csv())


def test_a_run_stopped_before_its_first_week_has_no_figures(small_base) -> None:
    """Audit 9 (analyst): a run stopped before its first weekly plan was done (a stop set while the
    sweep's processes were starting, or during the first solve) stayed in the result with a mean
    wait of 0.0 weeks, a P90 of 0, a fill of 0%, ... in summary, per_policy and the printed
    table, as if the policy had placed everyone at once; a run never started is left out."""
    import itertools

    calls = itertools.count()  # the first check lets the run start, the next ones stop it
    res = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=2, seeds=(1,), time_limit=0.2, workers=1,
                   arrivals=SMALL_ARRIVALS, horizon=5, stop=lambda: next(calls) >= 1)
    assert res.interrupted and res.settings["runs_finished"] == 0
    assert res.runs == [] and res.summary.empty and res.per_policy.empty


def test_cli_json_has_the_figures_under_the_names_of_the_api_and_the_files(tmp_path, capsys) -> None:
    """Audit 9 (analyst): solve and tradeoff take --json, simulate did not ("onbekende argumenten:
    --json"): a script had to parse the printed table or read the CSV files back."""
    import pandas as pd

    out = tmp_path / "sim"
    rc = cli_main(["sample", "--weeks", "2", "--policies", "status-quo,gebalanceerd", "--seeds", "1-2",
                   "--arrivals-per-week", "10", "--time-limit", "0.3", "--horizon", "4", "--workers", "1",
                   "--out", str(out), "--quiet", "--json"])
    assert rc == 0
    said = json.loads(capsys.readouterr().out)  # nothing but the JSON on stdout
    assert [r["policy"] for r in said["per_policy"]] == ["status-quo", "gebalanceerd"]
    summary = pd.read_csv(out / "summary.csv")
    assert set(said["per_policy"][0]) == set(summary.columns)
    alle = summary[(summary["policy"] == "gebalanceerd") & (summary["seed"] == "all")].iloc[0]
    assert said["per_policy"][1]["wait_mean"] == pytest.approx(alle["wait_mean"])
    assert {r["metric"] for r in said["paired"]} >= {"wait_mean", "misfit_mean"}
    assert said["out"] == str(out.resolve()) and said["settings"]["weeks"] == 2 and not said["interrupted"]

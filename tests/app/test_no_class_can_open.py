"""When no new class can ever open (no teachers, or no rooms at all), solve, tradeoff and
simulate all say so in Dutch and exit 3, as solve did for no teachers. Before: tradeoff exited
0 with a table, solve with zero rooms wrote an all-waiting plan and exited 0 (each learner's
reason "geen locatie binnen 45 min is open" though the location was 14 min away), and simulate
ran 0 classes and exited 0."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli.exits import EXIT_NO_PLAN
from app.cli.klasvormer import main
from app.planner import capacity
from app.workbook import write_input_workbook
from optimizer import Learner, Location, Problem, RouteSettings, Schedule, SolveOptions, solve

PD = date(2026, 11, 30)
MWV = frozenset({"ma-ochtend", "wo-ochtend", "vr-ochtend"})


def _problem(rooms: int = 2, teachers: int = 2) -> Problem:
    learners = tuple(Learner(f"L{i:03d}", "B1", 50, MWV, PD - timedelta(weeks=2), home="Centrum") for i in range(6))
    return Problem(plan_date=PD, learners=learners,
                   locations=(Location("Loc A", "Centrum", dict.fromkeys(MWV, rooms)),),
                   schedules=(Schedule("ochtend ma-wo-vr", MWV),),
                   routes=(RouteSettings("B1", min_size=3, max_size=6),),
                   teachers=dict.fromkeys(MWV, teachers), horizon_weeks=12)


@pytest.fixture
def no_rooms(tmp_path) -> Path:
    return write_input_workbook(_problem(rooms=0), tmp_path / "geen_lokalen.xlsx")


@pytest.fixture
def no_teachers(tmp_path) -> Path:
    return write_input_workbook(_problem(teachers=0), tmp_path / "geen_docenten.xlsx")


def test_zero_rooms_blocks_the_plan_and_each_learner_hears_why() -> None:
    p = _problem(rooms=0)
    plan = solve(p, SolveOptions(time_limit=2))
    assert plan.blocked is not None and plan.blocked.key == "diag_no_rooms"
    assert [m.key for m in plan.diagnosis] == ["diag_no_rooms"]
    reasons = {a.reason.key for a in plan.waiting()}
    assert reasons == {"wait_no_room"}
    assert "lokaal" in plan.waiting()[0].reason.text("nl")
    assert [m.key for m in capacity.problems_of(p)] == ["diag_no_rooms"]


def test_solve_with_zero_rooms_exits_3_and_writes_no_plan(no_rooms, tmp_path, capsys) -> None:
    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(no_rooms), "-o", str(out), "--time-limit", "2"]) == EXIT_NO_PLAN
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Let op:") and "lokaal" in first
    assert not out.exists()


@pytest.mark.parametrize("which", ["no_teachers", "no_rooms"])
def test_tradeoff_exits_3_before_any_solve(which, request, tmp_path, capsys) -> None:
    path = request.getfixturevalue(which)
    out = tmp_path / "plan.xlsx"
    assert main(["tradeoff", str(path), "--points", "3", "--time-limit", "3", "-o", str(out)]) == EXIT_NO_PLAN
    captured = capsys.readouterr()
    assert "Geen afweging mogelijk: " in captured.err and "geen nieuwe klas" in captured.err
    assert captured.out == "" and not out.exists()


@pytest.mark.parametrize("which", ["no_teachers", "no_rooms"])
def test_simulate_exits_3_before_any_run(which, request, tmp_path, capsys) -> None:
    path = request.getfixturevalue(which)
    out = tmp_path / "sim"
    code = main(["simulate", str(path), "--weeks", "2", "--policies", "status-quo", "--seeds", "1",
                 "--time-limit", "0.3", "--workers", "1", "--quiet", "--out", str(out)])
    assert code == EXIT_NO_PLAN
    captured = capsys.readouterr()
    assert "Geen simulatie mogelijk: " in captured.err and "geen nieuwe klas" in captured.err
    assert captured.out == "" and not out.exists()

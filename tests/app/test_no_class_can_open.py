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


@pytest.mark.parametrize(("which", "sheet"), [("no_teachers", "blad Docenten"), ("no_rooms", "blad Locaties")])
def test_solve_says_that_no_plan_workbook_was_written_and_what_to_fill_in(which, sheet, request, tmp_path,
                                                                          capsys) -> None:
    """Seen from outside: solve printed "Plan: 0 ... optimaal plan alleen binnen deze instellingen"
    and exited 3, with no word that ``-o`` was not written nor what to fix."""
    out = tmp_path / "plan.xlsx"
    path = request.getfixturevalue(which)
    assert main(["solve", str(path), "-o", str(out), "--time-limit", "2"]) == EXIT_NO_PLAN
    err = capsys.readouterr().err
    assert f"Er is geen planwerkboek geschreven naar {out}:" in err
    assert "(afsluitcode 3)" in err and sheet in err and not out.exists()
    assert main(["--lang", "en", "solve", str(path), "--time-limit", "2"]) == EXIT_NO_PLAN
    err = capsys.readouterr().err
    assert "This is no plan: without " in err and "(exit code 3)" in err
    assert sheet.replace("blad", "sheet") in err


def test_solve_json_names_no_output_when_none_was_written(no_rooms, tmp_path, capsys) -> None:
    import json

    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(no_rooms), "-o", str(out), "--time-limit", "2", "--json"]) == EXIT_NO_PLAN
    assert json.loads(capsys.readouterr().out)["output"] is None and not out.exists()


@pytest.mark.parametrize("which", ["no_teachers", "no_rooms"])
def test_check_says_that_solve_will_stop_with_exit_3(which, request, capsys) -> None:
    """check said "in orde" and the diagnosis, but not that solve would then stop without a plan."""
    path = request.getfixturevalue(which)
    assert main(["check", str(path)]) == 0
    assert "Daardoor stopt solve met afsluitcode 3 zonder een planwerkboek te schrijven" in capsys.readouterr().out
    assert main(["--lang", "en", "check", str(path)]) == 0
    assert "So solve will stop with exit code 3 without writing a plan workbook" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["tradeoff", "simulate"])
def test_tradeoff_and_simulate_say_nothing_was_written(command, no_teachers, tmp_path, capsys) -> None:
    out = tmp_path / ("sim" if command == "simulate" else "plan.xlsx")
    option = "--out" if command == "simulate" else "-o"
    assert main([command, str(no_teachers), option, str(out), "--time-limit", "1"]) == EXIT_NO_PLAN
    assert f"Er is niets geschreven naar {out}." in capsys.readouterr().err and not out.exists()


def test_solve_without_a_plan_says_that_nothing_was_written(tmp_path, monkeypatch, capsys) -> None:
    """A solve that finds no plan at all (exit 3) also says that ``-o`` was not written."""
    import optimizer
    from optimizer.messages import msg
    from optimizer.plan import Plan

    monkeypatch.setattr(optimizer, "solve", lambda *a, **k: Plan((), {}, 0, {}, 0.0, "INFEASIBLE", 0.1,
                                                                  diagnosis=(msg("diag_infeasible"),)))
    path = write_input_workbook(_problem(), tmp_path / "in.xlsx")
    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--time-limit", "1"]) == EXIT_NO_PLAN
    assert f"Er is geen planwerkboek geschreven naar {out}." in capsys.readouterr().err and not out.exists()

"""The command line says what it is doing during a long step, never minutes of silence.

Seen as a user with 3,000 learners (a municipality-wide what-if): ``solve --time-limit 30`` said
"optimaliseren (max 30 s ...)" and then nothing for 10-25 s while the candidates and the starting
plan were made; ``tradeoff --time-limit 60`` printed its input's warnings and then nothing for 35 s,
not even what it was doing. Now the progress line ticks with the time gone by ("startplan maken..."
before the first plan) and ``tradeoff`` first says what it computes."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from app.cli import files
from app.cli.exits import EXIT_INPUT
from app.cli.klasvormer import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _stderr_so_far() -> str:
    stream = sys.stderr
    return stream.getvalue() if isinstance(stream, io.StringIO) or hasattr(stream, "getvalue") else ""


def _wait_for(text: str, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in _stderr_so_far():
            return True
        time.sleep(0.02)
    return False


def test_solve_shows_time_passing_before_the_first_plan(monkeypatch, capsys):
    """A solve that reports nothing yet (its starting plan being made) still shows a line."""
    import optimizer
    from optimizer.domain import ProblemError

    monkeypatch.setattr(files.ProgressLine, "TICK", 0.05, raising=False)
    seen = {}

    def slow_start(problem, options, *, on_progress=None, stop=None, **_kw):
        seen["ticked"] = _wait_for("startplan maken")  # no report yet: the line must say so itself
        raise ProblemError(["klaar met wachten"])

    monkeypatch.setattr(optimizer, "solve", slow_start)
    code = main(["solve", str(SAMPLE), "--time-limit", "5", "--progress"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert seen["ticked"], err
    assert err.index("startplan maken") < err.index("klaar met wachten")
    assert " s  startplan maken" in err


def test_the_progress_line_brings_the_last_report_up_to_now(monkeypatch, capsys):
    from optimizer.plan import Progress

    monkeypatch.setattr(files.ProgressLine, "TICK", 0.0)
    line = files.ProgressLine(True)  # not started: ticked by hand
    line(Progress(objective=1000.0, bound=900.0, elapsed=2.0, solutions=1))
    line.last = 0.0
    line.tick()
    line.say("een regel")
    line.end()
    err = capsys.readouterr().err
    ticked = err.split("\r")[2]
    seconds = float(ticked.split(" s ")[0].replace(",", "."))
    assert seconds >= 2.0 and "1000" in ticked
    assert "een regel\n" in err


@pytest.mark.parametrize("cap", [[], ["--max-wait", "9"]])
def test_tradeoff_says_what_it_computes_before_the_first_plan(monkeypatch, capsys, cap):
    import optimizer.frontier  # noqa: F401 - (the package's name ``frontier`` is the function)
    import optimizer.tradeoff  # noqa: F401

    seen = {}

    class Enough(Exception):
        pass

    def first_plan_takes_long(*_a, **_kw):
        seen["said"] = _stderr_so_far()
        raise Enough  # ends the command here (the test needs no plans)

    monkeypatch.setattr(sys.modules["optimizer.frontier"], "frontier", first_plan_takes_long)
    monkeypatch.setattr(sys.modules["optimizer.tradeoff"], "best_within", first_plan_takes_long)
    main(["tradeoff", str(SAMPLE), "--points", "3", "--time-limit", "20", *cap])
    capsys.readouterr()
    said = seen["said"]
    assert "300 deelnemers ingelezen uit" in said, said
    if cap:
        assert "grens (gemiddelde wachttijd hooguit 9 weken)" in said
    else:
        assert "3 plannen van snelle start tot homogeen (max 20 s samen" in said


def test_check_shows_time_passing_while_it_looks_at_the_settings(monkeypatch, capsys):
    """``check`` makes the candidates of the whole problem to say what the plan will say of the
    settings: on 3,000 learners at 35 locations it printed "in orde" and then nothing for 35 s."""
    import app.workbook.reimport as reimport

    monkeypatch.setattr(files.ProgressLine, "TICK", 0.05, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # as on a terminal
    seen = {}

    def slow(problem):
        seen["ticked"] = _wait_for("nakijken wat het plan van de instellingen zal zeggen")
        return []

    monkeypatch.setattr(reimport, "settings_problems", slow)
    assert main(["check", str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert seen["ticked"], captured.err
    assert "in orde" in captured.out
    assert captured.err.endswith("\r"), repr(captured.err[-80:])  # the line blanked when done


def test_next_week_shows_time_passing_and_a_message_gets_a_line_of_its_own(monkeypatch, capsys, tmp_path):
    """``volgende-week`` checks the edits and carries the plan over, each with the candidates of the
    whole problem, then writes the workbook: on 3,000 learners 12.7 s of nothing after the warnings."""
    import app.planner.next_week as next_week_module
    from app.cli.texts import err
    from app.workbook import write_plan_workbook
    from tests.app.conftest import make_plan, make_problem

    problem = make_problem()
    plan = write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")
    monkeypatch.setattr(files.ProgressLine, "TICK", 0.05, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # as on a terminal
    real = next_week_module.next_week
    seen = {}

    def slow(*args, **kwargs):
        seen["ticked"] = _wait_for("de volgende planweek maken")
        err("een melding tussendoor")
        seen["again"] = _wait_for("een melding tussendoor\n\r ", 5)  # the ticking goes on below it
        return real(*args, **kwargs)

    monkeypatch.setattr(next_week_module, "next_week", slow)
    out = tmp_path / "volgende.xlsx"
    assert main(["volgende-week", str(plan), "--plandatum", "10-02-2025", "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert seen["ticked"] and seen["again"], said.err
    assert "\reen melding tussendoor\n" in said.err  # the ticking line blanked before it
    assert out.is_file() and "overgezet" in said.out

"""Pins that contradict 'niet met' or a household (Samen) are input errors naming both learners
and their rows, found by ``check`` and ``solve`` alike. Before, ``check`` said "in orde" and
``solve`` failed with only "Geen geldig plan mogelijk met deze vastzettingen en capaciteit."."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.cli.exits import EXIT_INPUT
from app.cli.klasvormer import main
from app.workbook import write_input_workbook
from optimizer import (
    Learner,
    Location,
    Problem,
    ProblemError,
    RouteSettings,
    RunningClass,
    Schedule,
)
from optimizer.domain import WAITLIST

PD = date(2026, 11, 30)
MWV = frozenset({"ma-ochtend", "wo-ochtend", "vr-ochtend"})


def _learner(i: int, **kw) -> Learner:
    return Learner(**{"id": f"L{i:03d}", "route": "B1", "level": 45 + i, "dayparts": MWV,
                      "waiting_since": PD - timedelta(weeks=2), "home": "Centrum", **kw})


def _problem(first: dict, second: dict) -> Problem:
    running = tuple(RunningClass(f"R{i}", "B1", "Loc A", "ochtend ma-wo-vr", 40, 60, 2, PD + timedelta(weeks=20))
                    for i in (1, 2))
    return Problem(plan_date=PD, learners=(_learner(1, **first), _learner(2, **second),
                                           *(_learner(i) for i in range(3, 9))),
                   locations=(Location("Loc A", "Centrum", dict.fromkeys(MWV, 2)),),
                   schedules=(Schedule("ochtend ma-wo-vr", MWV),),
                   routes=(RouteSettings("B1", min_size=3, max_size=6),),
                   teachers=dict.fromkeys(MWV, 2), horizon_weeks=12, running=running)


CASES = {
    "not_with_same_class": ({"not_with": frozenset({"L002"}), "pin": "R1"}, {"pin": "R1"}, "pin_not_with"),
    "household_two_classes": ({"together": "H", "pin": "R1"}, {"together": "H", "pin": "R2"}, "pin_household"),
    "household_wait_and_class": ({"together": "H", "pin": WAITLIST}, {"together": "H", "pin": "R1"},
                                 "pin_household"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_api_names_both_learners(case: str) -> None:
    first, second, key = CASES[case]
    problems = _problem(first, second).validate()
    assert [m.key for m in problems] == [key]
    nl, en = problems[0].text("nl"), problems[0].text("en")
    assert "L001" in nl and "L002" in nl and "L001" in en and "L002" in en
    with pytest.raises(ProblemError):
        _problem(first, second).check()


def test_pins_that_agree_are_fine() -> None:
    assert _problem({"together": "H", "pin": "R1"}, {"together": "H", "pin": "R1"}).validate() == []
    assert _problem({"together": "H", "pin": WAITLIST}, {"together": "H", "pin": WAITLIST}).validate() == []
    assert _problem({"not_with": frozenset({"L002"}), "pin": WAITLIST}, {"pin": WAITLIST}).validate() == []
    assert _problem({"not_with": frozenset({"L002"}), "pin": "R1"}, {"pin": "R2"}).validate() == []


@pytest.mark.parametrize("command", ["check", "solve"])
@pytest.mark.parametrize("case", CASES)
def test_check_and_solve_give_both_rows(case: str, command: str, tmp_path, capsys) -> None:
    first, second, _key = CASES[case]
    p = _problem(first, second)
    path = write_input_workbook(p, tmp_path / "in.xlsx")
    args = [command, str(path)] + (["--time-limit", "1"] if command == "solve" else [])
    assert main(args) == EXIT_INPUT
    out = capsys.readouterr()
    text = out.out + out.err
    assert "in orde" not in text and "Geen geldig plan" not in text
    assert "rij 2, kolom Vastgezet" in text and "rij 3, kolom Vastgezet" in text
    assert "L001" in text and "L002" in text and "Zet " in text

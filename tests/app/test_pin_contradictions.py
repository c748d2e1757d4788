"""Pins that contradict 'niet met' or a household (Samen) are input errors naming both learners
and their rows, found by ``check`` and ``solve`` alike. Before, ``check`` said "in orde" and
``solve`` failed with only "Geen geldig plan mogelijk met deze vastzettingen en capaciteit.".
The pair is one problem: one error naming both rows (before, one per learner: "2 fouten")."""

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
    assert "rijen 2 en 3, kolom Vastgezet" in text
    assert "L001" in text and "L002" in text and "Zet " in text


@pytest.mark.parametrize("case", CASES)
def test_a_contradiction_is_one_error_naming_both_rows(case: str, tmp_path, capsys) -> None:
    """One problem, counted and listed once: on stderr, in the count and on the error workbook's
    Problemen sheet, with the Vastgezet cell of both learners marked."""
    import openpyxl

    first, second, _key = CASES[case]
    path = write_input_workbook(_problem(first, second), tmp_path / "in.xlsx")
    errors = tmp_path / "fouten.xlsx"
    assert main(["check", str(path), "--errors", str(errors)]) == EXIT_INPUT
    text = capsys.readouterr().err
    lines = [line for line in text.splitlines() if line.startswith("fout:")]
    assert len(lines) == 1, text
    assert "L001" in lines[0] and "L002" in lines[0]
    assert ": 1 fout;" in text
    wb = openpyxl.load_workbook(errors)
    listed = list(wb["Problemen"].iter_rows(min_row=2, values_only=True))
    assert len(listed) == 1 and listed[0][3] == "2, 3"
    pin = next(c.column_letter for c in wb["Deelnemers"][1] if c.value == "Vastgezet")
    for row in (2, 3):
        cell = wb["Deelnemers"][f"{pin}{row}"]
        assert cell.comment is not None and "L001" in cell.comment.text and "L002" in cell.comment.text


def test_the_place_names_both_rows_in_english_too(tmp_path) -> None:
    from app.workbook.importer import load_problem

    first, second, _key = CASES["not_with_same_class"]
    result = load_problem(write_input_workbook(_problem(first, second), tmp_path / "in.xlsx"))
    (issue,) = [i for i in result.issues if i.is_error]
    assert issue.rows == (2, 3)
    assert issue.place("en") == "sheet Deelnemers, rows 2 and 3, column Vastgezet (S)"
    assert issue.line("en").startswith("error: sheet Deelnemers, rows 2 and 3")

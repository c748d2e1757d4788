"""Issue 16.5: with no teacher on any daypart no new class can start; the capacity check, the
plan's summary and the CLI's exit code say so instead of "in orde" / "optimal" / 0."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.cli.exits import EXIT_NO_PLAN
from app.cli.klasvormer import main
from app.planner import capacity
from app.workbook.importer import load_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def sample_without_teachers(tmp_path: Path, name: str = "geen_docenten.xlsx", where: str = "") -> Path:
    """The sample with no teachers on the dayparts whose row title holds ``where`` (all: "")."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Docenten"]
    for row in ws.iter_rows(min_row=2):
        if where and not (isinstance(row[0].value, str) and where in row[0].value):
            continue
        for cell in row[1:]:
            if isinstance(cell.value, (int, float)):
                cell.value = 0
    out = tmp_path / name
    wb.save(out)
    return out


def _no_teachers(tmp_path: Path) -> Path:
    return sample_without_teachers(tmp_path)


def test_the_capacity_check_warns_when_no_daypart_has_a_teacher(tmp_path):
    problem = load_problem(str(_no_teachers(tmp_path))).problem
    assert problem is not None and not any(problem.teachers.values())
    found = capacity.problems_of(problem)
    assert [m.key for m in found] == ["diag_no_teachers"]
    assert "geen nieuwe klas" in found[0].text("nl") and "no new class" in found[0].text("en")
    one = capacity.set_teachers(problem, "ma-ochtend", 1)
    assert capacity.problems_of(one) == []


def test_solve_exits_3_with_the_diagnosis_and_writes_no_plan(tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code = main(["solve", str(_no_teachers(tmp_path)), "-o", str(out), "--time-limit", "2"])
    assert code == EXIT_NO_PLAN
    printed = capsys.readouterr().out
    first = printed.splitlines()[0]
    assert first.startswith("Let op:") and "docent" in first
    assert "OPTIMAL," not in printed and "alleen binnen deze instellingen" in printed
    assert not out.exists()

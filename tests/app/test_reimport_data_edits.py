"""A learner's own data edited in a plan workbook (not the Klas column) is said, not taken silently.

Found in audit 7 (Excel door): a coordinator who sorts the Deelnemers sheet with only its first
columns selected (Id, Naam, Klas, ...) gives every learner another learner's Leerbaarheid,
Dagdelen and Wacht sinds; `klasvormer check` said "0 wijzigingen ... in orde" and `solve`
re-planned on the scrambled data, reporting the moves as *herplanning*.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.workbook.export import write_plan_workbook
from app.workbook.reimport import load_edited_plan
from optimizer.domain import Problem
from optimizer.plan import Plan


@pytest.fixture
def plan_path(tmp_path: Path, problem: Problem, plan: Plan) -> Path:
    return write_plan_workbook(problem, plan, tmp_path / "plan.xlsx")


def _edited(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb["Deelnemers"])
    out = path.with_name("bewerkt.xlsx")
    wb.save(out)
    return out


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def _row(ws, lid: str) -> int:
    return next(c.row for c in ws["A"] if c.value == lid)


def _data_issues(result):
    return [i for i in result.issues if i.code.startswith("plan_data_")]


def test_an_unedited_plan_says_nothing_of_changed_data(plan_path: Path) -> None:
    result = load_edited_plan(plan_path)
    assert result.ok, result.summary()
    assert _data_issues(result) == []


def test_an_edited_learnability_is_a_warning_at_its_cell(plan_path: Path) -> None:
    def change(ws) -> None:
        ws.cell(row=_row(ws, "D1"), column=_column(ws, "Leerbaarheid"), value=20)
        ws.cell(row=_row(ws, "D3"), column=_column(ws, "Dagdelen"), value="avond")

    path = _edited(plan_path, change)
    result = load_edited_plan(path)
    ws = openpyxl.load_workbook(path)["Deelnemers"]
    issues = {i.message.split(":")[0]: i for i in _data_issues(result)}
    assert set(issues) == {"Deelnemer D1", "Deelnemer D3"}, [i.line() for i in result.issues]
    d1, d3 = issues["Deelnemer D1"], issues["Deelnemer D3"]
    assert not d1.is_error and d1.sheet == "Deelnemers" and d1.row == _row(ws, "D1")
    assert d1.column == "Leerbaarheid" and d1.column_letter is not None
    assert "Leerbaarheid" in d1.message and "Dagdelen" not in d1.message
    assert d3.column == "Dagdelen" and d3.row == _row(ws, "D3")
    assert "Dagdelen" in d3.message_en
    # the new values are what the re-plan plans with
    assert {lr.id: lr.level for lr in result.problem.learners}["D1"] == 20


def test_a_sheet_sorted_on_some_columns_only_is_one_warning_that_says_so(plan_path: Path) -> None:
    def change(ws) -> None:
        # Excel's sort with only Id .. Wachtreden selected: the learners' own columns stay put
        last = _column(ws, "Wachtreden")
        rows = [[ws.cell(row=r, column=c).value for c in range(1, last + 1)] for r in range(2, ws.max_row + 1)]
        rows = [r for r in rows if r[0] is not None]
        rows.sort(key=lambda r: str(r[0]), reverse=True)
        for i, values in enumerate(rows, start=2):
            for c, v in enumerate(values, start=1):
                ws.cell(row=i, column=c).value = v

    result = load_edited_plan(_edited(plan_path, change))
    issues = _data_issues(result)
    assert [i.code for i in issues] == ["plan_data_sorted"], [i.line() for i in result.issues]
    assert "gesorteerd" in issues[0].message and "sorted" in issues[0].message_en
    assert issues[0].sheet == "Deelnemers"


def test_a_plan_workbook_without_the_data_column_says_nothing(plan_path: Path) -> None:
    """Plan workbooks written before the hidden sheet kept the learners' data: nothing to compare."""
    wb = openpyxl.load_workbook(plan_path)
    marker = wb["_Klasvormer"]
    for r in range(2, marker.max_row + 1):
        marker.cell(row=r, column=3).value = None
    ws = wb["Deelnemers"]
    ws.cell(row=_row(ws, "D1"), column=_column(ws, "Leerbaarheid"), value=20)
    wb.save(plan_path)
    result = load_edited_plan(plan_path)
    assert _data_issues(result) == []

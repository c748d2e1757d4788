"""A re-planned plan workbook opens through every door (found by the outside-in audit, r7).

The coordinator moved a learner into a new class of the plan (its Klas cell set to that class's
id) and re-planned with ``klasvormer solve``; the new plan workbook's *Vastgezet* then names that
class. The GUI's Openen and :func:`load_problem` said "Klas 'K07' bestaat niet" and blocked
planning, while ``klasvormer check`` read it fine: they read only the input sheets, without the
Klassen sheet the class is on. Now the GUI opens a plan workbook as the command line does (as a
plan), and :func:`load_problem` reads such a pin as the plan's, with a warning at its cell.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from app.planner.session import Session, open_path
from app.workbook.importer import load_problem
from app.workbook.reimport import edit_problems, load_edited_plan
from tests.app.test_cli_reimport import UNITS, header_row, klas_column, pinned, plan_of_a_cut


def set_cell(src: Path, dst: Path, lid: str, column: str, value: str) -> Path:
    """A copy of plan workbook ``src`` with learner ``lid``'s cell in ``column`` of Deelnemers set."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    i, k = headers.index("Id") + 1, headers.index(column) + 1
    row = next(r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, i).value == lid)
    ws.cell(row, k, value)
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def replanned(tmp_path_factory) -> tuple[Path, str, str]:
    """(the re-planned workbook, the learner moved, the new class they were moved into)."""
    folder = tmp_path_factory.mktemp("replanned")
    plan = plan_of_a_cut(folder)
    problem = load_edited_plan(plan).problem
    assert problem is not None
    klas = klas_column(plan)
    new = [c.label for c in problem.known_classes]  # the plan's own classes (running ones are not known classes)
    lid, target = next((lid, t) for lid in klas for t in new
                       if t != klas[lid] and not edit_problems(pinned(problem, lid, t)))
    edited = set_cell(plan, folder / "bewerkt.xlsx", lid, "Klas", target)
    out = folder / "nieuw.xlsx"
    assert main(["solve", str(edited), "-o", str(out), "--time-limit", UNITS, "--deterministic",
                 "--workers", "1"]) == EXIT_OK
    again = load_edited_plan(out).problem  # the command line's door: the move still holds, as a pin
    assert again is not None and again.learner_by_id[lid].pin == target
    assert target not in {r.id for r in again.running}
    return out, lid, target


def test_the_session_opens_a_replanned_workbook_as_a_plan(replanned):
    out, lid, target = replanned
    opened = open_path(out)  # the GUI's Openen (also drag and drop, recent files)
    assert not [i for i in opened.source.issues if i.is_error], opened.source.issues
    assert opened.problem is not None and opened.problem.learner_by_id[lid].pin == target
    assert opened.plan_edits == []  # read as the plan it is: unedited since the re-plan
    assert opened.problem == open_path(out, edited_plan=True).problem == load_edited_plan(out).problem
    session = Session()
    session.load(opened)
    assert session.problem is not None and target in session.problem.known_by_label


def test_load_problem_reads_a_replanned_workbook_with_a_warning_at_the_pin(replanned):
    out, lid, target = replanned
    result = load_problem(out)
    assert result.problem is not None, result.summary()
    assert result.problem.learner_by_id[lid].pin is None  # as input, the plan's classes are formed anew
    [issue] = [i for i in result.issues if i.code == "pin_plan_class"]
    assert (issue.severity, issue.sheet, issue.row, issue.column) == (
        "waarschuwing", "Deelnemers", result.source.learner_rows[lid], "Vastgezet")
    assert f"Klas '{target}' is een klas van dit plan (blad Klassen), geen lopende klas" in issue.message
    assert f"Class '{target}' is a class of this plan (sheet Klassen), not a running class" in issue.line("en")


def test_a_pin_to_no_class_of_the_plan_is_still_an_error(replanned, tmp_path):
    out, lid, _ = replanned
    typo = set_cell(out, tmp_path / "typo.xlsx", lid, "Vastgezet", "K99")
    for result in (load_problem(typo), load_edited_plan(typo)):
        assert result.problem is None
        assert [i.code for i in result.errors] == ["pin_unknown"]

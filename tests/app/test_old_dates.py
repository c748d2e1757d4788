"""Dates that say the input is out of date: a running class that has already ended, a plan date
long past.

Found by the outside-in audit: the sample with L01's Einddatum 01-01-2020 passed ``check`` as
"in orde ... 12 lopende klassen" and L01 quietly vanished from the plan; a plan date of 06-01-2020
planned classes starting in 2020 without a word.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_INPUT, EXIT_OK
from app.cli.klasvormer import main
from app.workbook import load_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
TODAY = date(2026, 12, 7)  # the audit's day


def _edited(tmp_path: Path, edit) -> Path:
    path = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, path)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def _row(ws, first: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == first)


def _end_l01(wb, day: datetime = datetime(2020, 1, 1)) -> None:
    ws = wb["Lopende klassen"]
    ws.cell(row=_row(ws, "L01"), column=_column(ws, "Einddatum"), value=day)


def test_a_running_class_that_has_ended_is_said_at_its_end_date_and_left_out(tmp_path, capsys):
    path = _edited(tmp_path, _end_l01)
    running = len(load_problem(SAMPLE).problem.running)
    result = load_problem(path)
    assert result.problem is not None
    assert [rc.id for rc in result.problem.running if rc.id == "L01"] == []
    assert len(result.problem.running) == running - 1
    [issue] = [i for i in result.issues if i.code == "running_ended"]
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.column_letter) == (
        "waarschuwing", "Lopende klassen", 2, "Einddatum", "H")
    assert issue.message == ("Lopende klas 'L01' is al afgelopen: Einddatum 01-01-2020 ligt vóór de plandatum "
                             "30-11-2026. De klas wordt weggelaten. Verwijder de rij, of verbeter de Einddatum (of "
                             "de plandatum op blad Instellingen).")
    assert main(["check", str(path)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert f"{running - 1} lopende klassen" in out
    assert "waarschuwing: blad Lopende klassen, rij 2, kolom Einddatum (H): Lopende klas 'L01' is al afgelopen" in err
    assert main(["--lang", "en", "check", str(path)]) == EXIT_OK
    assert ("warning: sheet Lopende klassen, row 2, column Einddatum (H): Running class 'L01' has already ended: "
            "end date 01-01-2020 lies before the plan date 30-11-2026. The class is left out.") in capsys.readouterr().err


def test_a_class_ending_on_the_plan_date_or_later_is_still_running(tmp_path):
    path = _edited(tmp_path, lambda wb: _end_l01(wb, datetime(2026, 11, 30)))
    result = load_problem(path)
    assert "L01" in {rc.id for rc in result.problem.running}
    assert not [i for i in result.issues if i.code == "running_ended"]


def test_a_learner_pinned_to_an_ended_class_is_an_error_at_the_pin(tmp_path, capsys):
    def edit(wb):
        _end_l01(wb)
        ws = wb["Deelnemers"]
        ws.cell(row=3, column=_column(ws, "Vastgezet"), value="L01")

    path = _edited(tmp_path, edit)
    result = load_problem(path)
    [issue] = [i for i in result.issues if i.code == "pin_ended"]
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("fout", "Deelnemers", 3, "Vastgezet")
    assert issue.message == ("Lopende klas 'L01' is al afgelopen (Einddatum 01-01-2020 ligt vóór de plandatum "
                             "30-11-2026); niemand kan er nog in. Kies een andere klas, 'wachtlijst', of maak de "
                             "cel leeg.")
    assert main(["check", str(path)]) == EXIT_INPUT
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(("plan_date", "warned"), [(datetime(2020, 1, 6), True), (datetime(2025, 12, 1), True),
                                                   (datetime(2025, 12, 8), False), (datetime(2026, 11, 30), False)])
def test_a_plan_date_more_than_a_year_ago_is_warned_about_at_its_cell(tmp_path, monkeypatch, capsys, plan_date,
                                                                      warned):
    monkeypatch.setattr("app.workbook.parse_settings.reference_day", lambda: TODAY)

    def edit(wb):
        ws = wb["Instellingen"]
        ws.cell(row=_row(ws, "plandatum"), column=2, value=plan_date)

    path = _edited(tmp_path, edit)
    found = [i for i in load_problem(path).issues if i.code == "plan_date_long_ago"]
    assert bool(found) == warned
    if not warned:
        return
    assert (found[0].severity, found[0].sheet, found[0].row, found[0].column_letter) == (
        "waarschuwing", "Instellingen", 2, "B")
    shown = plan_date.strftime("%d-%m-%Y")
    assert found[0].message == (f"Plandatum {shown} ligt meer dan een jaar vóór vandaag (07-12-2026): de klassen "
                                "worden gepland vanaf die datum, in het verleden. Controleer of dit klopt (een "
                                "typfout?); de datum wordt gebruikt zoals hij er staat.")
    assert main(["--lang", "en", "check", str(path)]) == EXIT_OK
    assert (f"warning: sheet Instellingen, row 2, column Waarde (B): Plan date {shown} lies more than a year "
            "before today (07-12-2026): the classes are planned from that date, in the past.") in capsys.readouterr().err


def _plan_workbook_after_l1_ended(tmp_path: Path, problem, plan, move_d5: bool = False) -> Path:
    """The fixture's plan workbook (D4 in running class L1, which ends 30-05-2025) with the plan
    date moved past L1's end and D4's pin to L1 cleared; ``move_d5``: D5 moved from the waiting
    list into L1."""
    from app.workbook.export import write_plan_workbook

    path = write_plan_workbook(problem, plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Instellingen"]
    ws.cell(row=_row(ws, "plandatum"), column=2, value=datetime(2025, 6, 2))
    ws = wb["Deelnemers"]
    ws.cell(row=_row(ws, "D4"), column=_column(ws, "Vastgezet")).value = None
    if move_d5:
        ws.cell(row=_row(ws, "D5"), column=_column(ws, "Klas"), value="L1")
    wb.save(path)
    return path


def test_a_plan_workbook_whose_running_class_has_ended_replans_without_it(tmp_path, problem, plan):
    """Its learner D4, exported in L1, has no earlier class to be moved from (before this, the
    class still in the earlier plan but not in the problem broke the re-plan's objective check)."""
    from app.workbook.reimport import load_edited_plan
    from optimizer import solve, validate
    from optimizer.options import SolveOptions

    result = load_edited_plan(_plan_workbook_after_l1_ended(tmp_path, problem, plan))
    assert result.problem is not None, result.summary()
    assert [(i.code, i.sheet, i.column) for i in result.issues if i.code == "running_ended"] == [
        ("running_ended", "Lopende klassen", "Einddatum")]
    assert result.problem.running == () and "D4" not in result.problem.previous
    replanned = solve(result.problem, SolveOptions(time_limit=1, deterministic=True, workers=1))
    assert validate(result.problem, replanned).ok


def test_a_learner_moved_into_an_ended_class_in_a_plan_workbook_is_an_error_at_the_klas_cell(tmp_path, problem,
                                                                                              plan):
    from app.workbook.reimport import load_edited_plan

    result = load_edited_plan(_plan_workbook_after_l1_ended(tmp_path, problem, plan, move_d5=True))
    assert result.problem is None
    [issue] = result.errors
    assert (issue.code, issue.sheet, issue.column) == ("pin_ended", "Deelnemers", "Klas")
    assert issue.message_en.startswith("Running class 'L1' has already ended (end date 30-05-2025 lies before the "
                                       "plan date 02-06-2025)")

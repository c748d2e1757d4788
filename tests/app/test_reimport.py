"""An edited plan workbook comes back as pins, locks, an earlier plan and a change report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.workbook.export import write_plan_workbook
from app.workbook.reimport import (
    ADDED,
    CLASS_CHANGED,
    MOVED,
    RELEASED,
    REMOVED,
    PlanEdit,
    change_report,
    load_edited_plan,
)
from optimizer.domain import WAITLIST, Problem
from optimizer.plan import Assignment, Plan

EXTRAS = {"D1": {"Id": "D1", "Naam": "Ali", "Mentor": "X"}}


@pytest.fixture
def plan_path(tmp_path: Path, problem: Problem, plan: Plan) -> Path:
    return write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", extras=EXTRAS)


def edit(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    out = path.with_name("bewerkt.xlsx")
    wb.save(out)
    return out


def read_edits(path: Path):
    """The plan workbook read with its edits applied but without the check that every locked
    class can be opened (:func:`app.workbook.plan_edits.check_known_classes`): the fixture's
    hand-made plan has classes no solve could open as locked (K2 has nobody who fits it), and
    these tests are about what the edits pin and lock."""
    from app.workbook.importer import run_import
    from app.workbook.plan_edits import PlanSource, apply_plan_edits

    source = PlanSource(path)
    return run_import(source, step=lambda ctx, data: apply_plan_edits(ctx, data, source))


def row_of(ws, lid: str) -> int:
    return next(c.row for c in ws["A"] if c.value == lid)


def klas(ws) -> int:
    """The column of Klas (after Id and, when the input has names, Naam)."""
    return next(c.column for c in ws[1] if c.value == "Klas")


def test_unedited_plan_gives_same_learners_classes_and_previous(plan_path: Path, problem: Problem) -> None:
    result = load_edited_plan(plan_path)
    assert result.ok, result.summary()
    p = result.problem
    assert p.learners == problem.learners
    assert [(c.label, c.start_week, c.level, c.locked) for c in p.known_classes] == [("K1", 4, 45, False),
                                                                                      ("K2", 8, 70, False)]
    assert p.previous == {"D1": "K1", "D2": "K1", "D3": "K1", "D4": "L1", "D5": None}
    assert result.plan_edits == []
    assert result.extras["D1"]["Naam"] == "Ali" and result.extras["D1"]["Mentor"] == "X"
    assert replace(p, known_classes=(), previous={}) == problem


def test_edited_class_cell_becomes_pin_and_lock(plan_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D5"), column=klas(ws), value="k2")        # waiting -> K2 (any spelling)
        ws.cell(row=row_of(ws, "D1"), column=klas(ws), value="Wachtlijst")  # K1 -> waiting list
        ws.cell(row=row_of(ws, "D2"), column=klas(ws), value="vrij")        # released
    result = read_edits(edit(plan_path, change))
    assert result.ok, result.summary()
    p = result.problem
    pins = {lr.id: lr.pin for lr in p.learners}
    assert pins == {"D1": WAITLIST, "D2": None, "D3": None, "D4": "L1", "D5": "K2"}
    assert {c.label: c.locked for c in p.known_classes} == {"K1": False, "K2": True}
    assert p.previous == {"D1": None, "D3": "K1", "D4": "L1", "D5": "K2"}  # the plan as edited
    assert set(result.plan_edits) == {PlanEdit(MOVED, "D5", None, "K2"), PlanEdit(MOVED, "D1", "K1", None),
                                      PlanEdit(RELEASED, "D2", "K1", None)}


def test_empty_class_cell_means_waiting_list(plan_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D3"), column=klas(ws)).value = None
    p = load_edited_plan(edit(plan_path, change)).problem
    assert p.learner_by_id["D3"].pin == WAITLIST


def test_removed_and_added_rows(plan_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.delete_rows(row_of(ws, "D3"))
        new = ws.max_row + 1
        headers = [c.value for c in ws[1]]
        values = {"Id": "N1", "Klas": "K1", "Route": "B1", "Leerbaarheid": 45, "Dagdelen": "ochtend",
                  "Stadsdeel": "Noord", "Wacht sinds": date(2025, 1, 1)}
        for header, value in values.items():
            ws.cell(row=new, column=headers.index(header) + 1, value=value)
        ws.cell(row=row_of(ws, "D2"), column=headers.index("Niet met") + 1).value = None
    result = load_edited_plan(edit(plan_path, change))
    assert result.ok, result.summary()
    p = result.problem
    assert [lr.id for lr in p.learners] == ["D1", "D2", "D4", "D5", "N1"]
    assert p.learner_by_id["N1"].pin == "K1" and p.known_by_label["K1"].locked
    assert "D3" not in p.previous
    codes = {i.code: i for i in result.warnings}
    assert codes["plan_removed"].message == ("Deelnemer D3 stond in het plan maar is verwijderd; hij of zij "
                                             "wordt niet meer ingepland.")
    assert codes["plan_added"].row == 6
    assert PlanEdit(REMOVED, "D3", "K1", None) in result.plan_edits
    assert PlanEdit(ADDED, "N1", None, "K1") in result.plan_edits


def test_an_id_retyped_in_another_case_is_said_to_be_one(plan_path: Path) -> None:
    """'d4' for 'D4' read as 'D4 removed, d4 new' with only the usual added/removed warnings; the
    warning at the id's cell now says the ids differ only in case and what to write."""
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D4"), column=1).value = "d4"
    result = load_edited_plan(edit(plan_path, change))
    assert result.ok, result.summary()
    codes = {i.code: i for i in result.warnings}
    assert "plan_added" not in codes
    case = codes["plan_added_case"]
    assert (case.sheet, case.column, case.cell) == ("Deelnemers", "Id", f"A{case.row}")
    assert case.message.startswith("Id d4 verschilt alleen in hoofd- en kleine letters van D4, dat in het plan "
                                   "stond en nu ontbreekt.")
    assert case.message.endswith("schrijf de id dan weer als D4.")
    assert case.message_en.startswith("Id d4 differs only in upper and lower case from D4")
    assert "plan_removed" in codes


def test_unknown_class_is_an_error_at_the_cell(plan_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D1"), column=klas(ws), value="K9")
    result = load_edited_plan(edit(plan_path, change))
    assert result.problem is None
    (issue,) = result.errors
    assert (issue.sheet, issue.row, issue.column, issue.column_letter) == ("Deelnemers", 2, "Klas", "C")
    assert issue.message == ("Klas 'K9' staat niet op het blad Klassen. Kies een klas uit Klassen, 'wachtlijst' "
                             "of laat de cel leeg.")
    # the sheet keeps its Dutch name in an English workbook: the English message names it so
    assert issue.message_en.startswith("Class 'K9' is not on the Klassen sheet. Choose a class from Klassen,")


def test_a_class_row_deleted_from_klassen_says_so_at_its_learners(plan_path: Path) -> None:
    """A coordinator who closes a class by deleting its row on Klassen was told at each of its
    learners that the class 'staat niet op het blad Klassen', as for a typo, with no word that the
    row was deleted nor that 'vrij' plans the learner again (audit 7, Excel door)."""
    def change(wb) -> None:
        ws = wb["Klassen"]
        ws.delete_rows(next(c.row for c in ws["A"] if c.value == "K1"))
    result = load_edited_plan(edit(plan_path, change))
    assert result.problem is None
    issues = [i for i in result.errors if i.column == "Klas"]
    assert {i.row for i in issues} == {2, 3, 4}  # D1, D2, D3 were in K1
    for issue in issues:
        assert issue.code == "plan_class_deleted"
        assert "K1" in issue.message and "verwijderd" in issue.message and "'vrij'" in issue.message
        assert "deleted" in issue.message_en and "Klassen" in issue.message_en


def test_edited_class_row_is_locked(plan_path: Path) -> None:
    def change(wb) -> None:
        wb["Klassen"]["H2"] = 50  # K1's level
    result = read_edits(edit(plan_path, change))
    assert result.problem.known_by_label["K1"] == replace(result.problem.known_by_label["K1"], level=50, locked=True)
    assert [e.subject for e in result.plan_edits if e.kind == CLASS_CHANGED] == ["K1"]


def test_an_edited_class_row_says_which_column_changed_and_how(plan_path: Path) -> None:
    """The check line said 'Klas K1: gewijzigd op het blad Klassen (wordt vastgezet zoals
    ingevuld)', not which column nor what it became."""
    level = openpyxl.load_workbook(plan_path)["Klassen"]["H2"].value
    (edit_,) = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("H2", 50))).plan_edits
    assert edit_.text() == f"Klas K1: gewijzigd op het blad Klassen: Niveau {level} -> 50 (wordt vastgezet zoals ingevuld)"
    assert edit_.text("en") == f"Class K1: changed on the Klassen sheet: Niveau {level} -> 50 (locked as entered)"

    def two(wb) -> None:
        ws = wb["Klassen"]
        ws["H2"], ws["F2"] = 50, date(2025, 2, 10)  # Niveau and Startdatum
    start = openpyxl.load_workbook(plan_path)["Klassen"]["F2"].value.strftime("%d-%m-%Y")
    (edit_,) = read_edits(edit(plan_path, two)).plan_edits
    assert edit_.changes == (("Startdatum", start, "10-02-2025"), ("Niveau", str(level), "50"))
    assert f"Startdatum {start} -> 10-02-2025, Niveau {level} -> 50 (" in edit_.text()


def test_vast_ja_on_a_running_class_row_warns_at_the_cell(plan_path: Path) -> None:
    """Vast = ja on a running class's row of Klassen (Lopend = ja) was ignored without a word: the
    row is not read and a running class stays as on Lopende klassen, locked or not."""
    before = read_edits(plan_path).problem
    result = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("O4", "ja")))  # running L1: Vast
    assert result.ok and result.plan_edits == [] and result.problem.running == before.running
    (issue,) = [i for i in result.warnings if i.code == "plan_running_class_locked"]
    assert (issue.sheet, issue.row, issue.column, issue.column_letter) == ("Klassen", 4, "Vast", "O")
    assert issue.message == ("Klas L1 is een lopende klas (Lopend = ja): Vast = ja heeft hier geen effect en wordt "
                             "niet gelezen. Een lopende klas loopt al en blijft in elk plan zoals op het blad Lopende "
                             "klassen, vastgezet of niet. Laat Vast leeg of zet het op nee.")
    assert issue.message_en.startswith("Class L1 is a running class (Lopend = ja): Vast = ja has no effect here")
    for quiet in (plan_path, edit(plan_path, lambda wb: wb["Klassen"].__setitem__("O4", "nee"))):
        assert not [i for i in read_edits(quiet).warnings if i.code == "plan_running_class_locked"]


def test_vast_ja_locks_a_class(plan_path: Path) -> None:
    def change(wb) -> None:
        wb["Klassen"]["O3"] = "ja"  # K2: Vast
    result = read_edits(edit(plan_path, change))
    assert {c.label: c.locked for c in result.problem.known_classes} == {"K1": False, "K2": True}


def test_vast_ja_is_an_edit_in_the_count_and_the_report(plan_path: Path, plan: Plan) -> None:
    """Before, Vast = ja locked the class but check and solve said '0 wijzigingen'."""
    from app.workbook.reimport import CLASS_LOCKED, replan_report

    result = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("O3", "ja")))
    assert result.plan_edits == [PlanEdit(CLASS_LOCKED, "K2")]
    assert result.plan_edits[0].text() == "Klas K2: Vast = ja op het blad Klassen (wordt vastgezet)"
    report = replan_report(result.problem, result.plan_edits, plan)
    assert report.summary().startswith("Wijzigingen ten opzichte van het bewerkte plan: 1 eigen wijziging in de "
                                       "werkmap; de herplanning verplaatste 0 deelnemers")
    assert "  Klas K2: Vast = ja op blad Klassen, vastgezet (eigen wijziging)" in report.lines()
    assert read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("O3", "nee"))).plan_edits == []


def test_vast_nee_unlocks_and_is_an_edit_in_the_count_and_the_report(tmp_path: Path, problem: Problem,
                                                                     plan: Plan) -> None:
    """Before, Vast ja -> nee unlocked the class but check and solve said '0 wijzigingen'."""
    from app.workbook.reimport import CLASS_UNLOCKED, replan_report

    locked = replace(plan, classes=tuple(replace(c, locked=True) if c.id == "K2" else c for c in plan.classes))
    path = write_plan_workbook(problem, locked, tmp_path / "plan.xlsx", extras=EXTRAS)
    assert read_edits(path).problem.known_by_label["K2"].locked and read_edits(path).plan_edits == []
    result = read_edits(edit(path, lambda wb: wb["Klassen"].__setitem__("O3", "nee")))
    assert not result.problem.known_by_label["K2"].locked
    assert result.plan_edits == [PlanEdit(CLASS_UNLOCKED, "K2")]
    assert result.plan_edits[0].text() == "Klas K2: Vast = nee op het blad Klassen (niet meer vastgezet)"
    assert result.plan_edits[0].text("en") == "Class K2: Vast = nee on the Klassen sheet (no longer locked)"
    report = replan_report(result.problem, result.plan_edits, plan)
    assert report.summary().startswith("Wijzigingen ten opzichte van het bewerkte plan: 1 eigen wijziging in de "
                                       "werkmap; de herplanning verplaatste 0 deelnemers")
    assert "  Klas K2: Vast = nee op blad Klassen, niet meer vastgezet (eigen wijziging)" in report.lines()
    assert "  Class K2: Vast = nee on the Klassen sheet, no longer locked (own edit)" in report.lines("en")
    assert report.classes == []  # K2 still opens as exported: no class change of the re-plan

    def move_in(wb) -> None:  # a learner moved into K2 locks it again: no 'no longer locked'
        wb["Klassen"]["O3"] = "nee"
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D5"), column=klas(ws), value="K2")
    again = read_edits(edit(path, move_in))
    assert again.problem.known_by_label["K2"].locked
    assert [e.kind for e in again.plan_edits] == [MOVED]


def test_an_edited_startweek_is_not_read_and_says_so(plan_path: Path) -> None:
    """Before, a changed Startweek was ignored without a word ('0 wijzigingen')."""
    result = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("G2", 8)))  # K1: week 4 -> 8
    assert result.problem.known_by_label["K1"].start_week == 4 and result.plan_edits == []
    (issue,) = [i for i in result.warnings if i.code == "plan_start_week_output"]
    assert (issue.sheet, issue.row, issue.column, issue.column_letter) == ("Klassen", 2, "Startweek", "G")
    assert issue.message == ("De kolom Startweek is alleen uitvoer en wordt niet gelezen: klas K1 start volgens de "
                             "Startdatum op 03-02-2025 (week 4). Wijzig de kolom Startdatum (F) om de start te "
                             "verplaatsen.")
    moved = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("F2", date(2025, 3, 3))))
    assert not [i for i in moved.warnings if i.code == "plan_start_week_output"]  # Startweek left as exported


def test_a_plan_date_moved_a_week_later_leaves_startweek_as_exported(plan_path: Path) -> None:
    """The next planning week: the coordinator moves plandatum on Instellingen a week later and
    hands the plan workbook back. Every class's Startweek (as exported, counted from the old plan
    date) was said to be edited: one warning per class ('De kolom Startweek is alleen uitvoer ...
    (week 3)') though nobody touched it."""
    def later(wb) -> None:
        ws = wb["Instellingen"]
        cell = next(row[1] for row in ws.iter_rows() if row[0].value == "plandatum")
        cell.value = cell.value + timedelta(days=7)
    result = read_edits(edit(plan_path, later))
    assert result.problem.known_by_label["K1"].start_week == 3  # counted from the new plan date
    assert not [i for i in result.warnings if i.code == "plan_start_week_output"]

    def later_and_edited(wb) -> None:  # a Startweek typed over still says so
        later(wb)
        wb["Klassen"]["G2"] = 8
    (issue,) = [i for i in read_edits(edit(plan_path, later_and_edited)).warnings
                if i.code == "plan_start_week_output"]
    assert (issue.sheet, issue.row, issue.column) == ("Klassen", 2, "Startweek")


def test_edited_output_columns_of_klassen_warn_at_the_cell(plan_path: Path) -> None:
    """Before, an edited Dagdelen, Niveaubereik, Grootte or Gem. reistijd was ignored without a
    word ('0 wijzigingen'), on a running class's row too."""
    def change(wb) -> None:
        ws = wb["Klassen"]
        ws["E2"] = "di-middag, do-middag"  # K1's Dagdelen
        ws["I2"] = "40-60"  # K1's Niveaubereik
        ws["K2"] = 12.5  # K1's Gem. reistijd
        ws["J3"] = 6  # K2's Grootte (0 exported)
        ws["K3"] = 15  # K2's Gem. reistijd (blank exported)
        ws["J4"] = 4  # running L1's Grootte
    result = read_edits(edit(plan_path, change))
    assert result.ok and result.plan_edits == []
    assert result.problem.known_by_label["K1"].schedule == "ma-wo-vr ochtend"
    found = sorted((i.row, i.column, i.column_letter, i.code) for i in result.warnings
                   if i.code in ("plan_dayparts_output", "plan_output_column"))
    assert found == [(2, "Dagdelen", "E", "plan_dayparts_output"), (2, "Gem. reistijd", "K", "plan_output_column"),
                     (2, "Niveaubereik", "I", "plan_output_column"), (3, "Gem. reistijd", "K", "plan_output_column"),
                     (3, "Grootte", "J", "plan_output_column"), (4, "Grootte", "J", "plan_output_column")]
    by_cell = {(i.row, i.column): i for i in result.warnings}
    assert by_cell[2, "Dagdelen"].message == (
        "De kolom Dagdelen is alleen uitvoer en wordt niet gelezen: klas K1 krijgt de dagdelen van lesrooster "
        "'ma-wo-vr ochtend'. Kies een ander lesrooster in de kolom Lesrooster (D), of wijzig de dagdelen van het "
        "lesrooster op het blad Lesroosters.")
    assert by_cell[3, "Grootte"].message == (
        "De kolom Grootte is alleen uitvoer en wordt niet gelezen: de wijziging bij klas K2 telt niet. De waarde "
        "volgt uit de deelnemers van de klas: verplaats deelnemers in de kolom Klas van het blad Deelnemers.")
    assert by_cell[3, "Grootte"].message_en.startswith("The Grootte column is output only and is not read")

    def same(wb) -> None:  # the values as exported, typed again; Dagdelen along with a new Lesrooster
        ws = wb["Klassen"]
        ws["D2"], ws["E2"] = "di-do middag", "di-middag,do-middag"
        ws["I2"], ws["J2"], ws["K2"], ws["J3"], ws["I3"] = "25 - 55", "3", "24,3", 0, None
    quiet = read_edits(edit(plan_path, same))
    assert not [i for i in quiet.warnings if i.code in ("plan_dayparts_output", "plan_output_column")]
    assert not [i for i in read_edits(plan_path).warnings if i.code in ("plan_dayparts_output", "plan_output_column")]


def test_an_edited_running_class_row_of_klassen_warns_at_the_cell(plan_path: Path) -> None:
    """Before, a running class's Niveau (or Locatie, ...) changed on Klassen was ignored without a
    word: 'check' said '0 wijzigingen' and the re-plan kept the class as on Lopende klassen."""
    def change(wb) -> None:
        ws = wb["Klassen"]
        ws["H4"] = 40  # running L1's Niveau (70 exported)
        ws["C4"] = "Locatie Noord"  # and its Locatie
    result = read_edits(edit(plan_path, change))
    assert result.ok and result.plan_edits == []
    (running,) = result.problem.running
    assert (running.location, running.level_min, running.level_max) == ("Locatie Zuid", 60, 80)  # as on Lopende klassen
    found = sorted((i.sheet, i.row, i.column, i.column_letter) for i in result.warnings
                   if i.code == "plan_running_class_edited")
    assert found == [("Klassen", 4, "Locatie", "C"), ("Klassen", 4, "Niveau", "H")]
    (level,) = [i for i in result.warnings if i.code == "plan_running_class_edited" and i.column == "Niveau"]
    assert level.message == ("Klas L1 is een lopende klas (Lopend = ja): de kolom Niveau op het blad Klassen wordt "
                             "voor lopende klassen niet gelezen en de wijziging telt niet; de klas blijft zoals op het "
                             "blad Lopende klassen. Wijzig een lopende klas daar.")
    assert level.message_en.startswith("Class L1 is a running class (Lopend = ja): the Niveau column")

    def same(wb) -> None:  # as exported, typed again
        ws = wb["Klassen"]
        ws["H4"], ws["C4"], ws["F4"] = "70", "locatie zuid", "06-01-2025"
    quiet = read_edits(edit(plan_path, same))
    assert not [i for i in quiet.warnings if i.code == "plan_running_class_edited"]
    assert not [i for i in read_edits(plan_path).warnings if i.code == "plan_running_class_edited"]


@pytest.mark.parametrize("value", [date(2025, 2, 5), "05-02-2025"])
def test_a_start_date_within_a_week_warns_at_the_cell(plan_path: Path, value) -> None:
    """Before, a Wednesday became the Monday of its week without a word."""
    result = read_edits(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("F2", value)))
    assert result.problem.known_by_label["K1"].start_week == 4
    (issue,) = [i for i in result.warnings if i.code == "plan_class_start_in_week"]
    assert (issue.sheet, issue.row, issue.column) == ("Klassen", 2, "Startdatum")
    assert issue.message.startswith("Startdatum 05-02-2025 valt niet op een weekstart van de planning: klas K1 "
                                    "start in de week vanaf 03-02-2025")
    assert not [i for i in read_edits(plan_path).warnings if i.code == "plan_class_start_in_week"]


def test_without_marker_sheet_nothing_counts_as_edited(plan_path: Path) -> None:
    result = load_edited_plan(edit(plan_path, lambda wb: wb.remove(wb["_Klasvormer"])))
    assert result.ok
    assert [i.code for i in result.warnings if i.code == "plan_no_marker"] == ["plan_no_marker"]
    assert result.problem.previous["D1"] == "K1" and result.plan_edits == []


def test_change_report(problem: Problem, plan: Plan) -> None:
    pinned = replace(problem, learners=tuple(replace(lr, pin="K2") if lr.id == "D5" else lr
                                              for lr in problem.learners))
    a = plan.assignments
    new_assignments = {**a, "D5": replace(a["D5"], class_id="K2"), "D1": replace(a["D1"], class_id=None),
                       "D2": Assignment("D2", "K1", 4, date(2025, 2, 3), 9)}
    new = replace(plan, assignments=new_assignments)
    report = change_report(plan.assignments, new, pinned)
    assert [(c.learner_id, c.old, c.new, c.reason) for c in report] == [
        ("D1", "K1", None, "herplanning"), ("D5", None, "K2", "door planner vastgezet")]
    assert report[1].text() == "Deelnemer D5: wachtlijst -> K2 (door planner vastgezet)"
    assert report[1].text("en") == "Learner D5: waiting list -> K2 (pinned by the planner)"
    previous = {"D1": "K1", "D5": None}
    assert [c.learner_id for c in change_report(previous, new)] == ["D1", "D5"]


def test_a_running_class_from_the_drop_down_becomes_a_pin(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    from optimizer.domain import RunningClass

    idle = RunningClass("L8", "B1", "Locatie Noord", "ma-wo-vr ochtend", 30, 70, 2, date(2025, 6, 1))
    problem = replace(problem, running=(*problem.running, idle))  # on the drop-down though taking nobody
    path = write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", extras=EXTRAS)

    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D5"), column=klas(ws), value="L8")
    result = load_edited_plan(edit(path, change))
    assert result.ok, result.summary()
    assert result.problem.learner_by_id["D5"].pin == "L8"
    assert result.plan_edits == [PlanEdit(MOVED, "D5", None, "L8")]


# ---- class sheets ('Klas K1') ---------------------------------------------------------------------
def move_on_sheets(wb, lid: str, from_sheet: str | None, to_sheet: str | None) -> int | None:
    """Cut learner ``lid``'s row from one class sheet and paste it under another; the new row."""
    values = None
    if from_sheet is not None:
        ws = wb[from_sheet]
        row = row_of(ws, lid)
        values = [c.value for c in ws[row]]
        ws.delete_rows(row)
    if to_sheet is None:
        return None
    ws = wb[to_sheet]
    new = ws.max_row + 1
    for col, value in enumerate(values or [lid], start=1):
        ws.cell(row=new, column=col, value=value)
    return new


def test_a_row_moved_between_class_sheets_is_read_as_a_move(plan_path: Path) -> None:
    rows = {}
    result = read_edits(edit(plan_path, lambda wb: rows.update(r=move_on_sheets(wb, "D1", "Klas K1", "Klas K2"))))
    assert result.ok, result.summary()
    assert result.problem.learner_by_id["D1"].pin == "K2"
    assert result.problem.known_by_label["K2"].locked
    assert PlanEdit(MOVED, "D1", "K1", "K2") in result.plan_edits
    (issue,) = [i for i in result.warnings if i.code == "plan_sheet_moved"]
    assert (issue.sheet, issue.row, issue.column) == ("Klas K2", rows["r"], "Id")
    assert "kolom Klas van Deelnemers nog in K1; dit wordt gelezen als verplaatsing naar K2" in issue.message


def test_the_klas_column_wins_over_a_class_sheet(plan_path: Path) -> None:
    def change(wb) -> None:
        move_on_sheets(wb, "D1", "Klas K1", "Klas K2")
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D1"), column=klas(ws), value="wachtlijst")
    result = load_edited_plan(edit(plan_path, change))
    assert result.problem.learner_by_id["D1"].pin == WAITLIST
    (issue,) = [i for i in result.warnings if i.code == "plan_sheet_conflict"]
    assert issue.sheet == "Klas K2" and "de kolom Klas geldt" in issue.message


def test_ambiguous_class_sheet_edits_are_ignored_with_a_warning(plan_path: Path) -> None:
    def change(wb) -> None:
        move_on_sheets(wb, "D2", None, "Klas K2")            # copied: on K1 and K2
        move_on_sheets(wb, "D3", "Klas K1", None)            # taken off, put nowhere
        move_on_sheets(wb, "X9", None, "Klas K1")            # not a learner
    result = load_edited_plan(edit(plan_path, change))
    assert result.ok, result.summary()
    pins = {lr.id: lr.pin for lr in result.problem.learners}
    assert pins["D2"] is None and pins["D3"] is None
    assert result.plan_edits == []
    codes = {i.code: i for i in result.warnings}
    assert "'Klas K1'" in codes["plan_sheet_twice"].message and "'Klas K2'" in codes["plan_sheet_twice"].message
    assert codes["plan_sheet_missing"].sheet == "Klas K1" and "D3" in codes["plan_sheet_missing"].message
    assert codes["plan_sheet_unknown"].sheet == "Klas K1" and codes["plan_sheet_unknown"].value == "X9"



def test_the_edits_are_a_step_on_the_workbook_as_read(plan_path: Path) -> None:
    """Read without the edit step, an edited plan workbook is its sheets as entered: the Klas
    column pins nothing, locks nothing and gives no earlier plan; the step adds exactly that."""
    from app.workbook.importer import run_import
    from app.workbook.plan_edits import PlanSource

    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=row_of(ws, "D5"), column=klas(ws), value="K2")
    path = edit(plan_path, change)
    as_read = run_import(PlanSource(path))
    edited = read_edits(path)
    assert as_read.ok and edited.ok
    assert as_read.problem.learner_by_id["D5"].pin is None and edited.problem.learner_by_id["D5"].pin == "K2"
    assert [c.locked for c in as_read.problem.known_classes] == [False, False]
    assert {c.label: c.locked for c in edited.problem.known_classes} == {"K1": False, "K2": True}
    assert as_read.problem.previous == {} and as_read.plan_edits == []
    assert edited.plan_edits == [PlanEdit(MOVED, "D5", None, "K2")]
    assert replace(edited.problem, learners=as_read.problem.learners, known_classes=as_read.problem.known_classes,
                   previous={}) == as_read.problem


# ---- a locked class must be one the planner can open --------------------------------------------
def _klassen_issue(result, code: str):
    (issue,) = [i for i in result.issues if i.code == code]
    return issue


@pytest.mark.parametrize(("cell", "value", "code", "column"), [
    ("F2", date(2026, 1, 5), "plan_locked_after", ("Startdatum", "F")),     # after the 12-week plan period
    ("F2", date(2024, 12, 2), "plan_locked_started", ("Startdatum", "F")),  # before the plan date
    ("F2", date(2025, 2, 10), "plan_locked_week", ("Startdatum", "F")),     # week 5: B1 starts in 0, 4, 8
    ("D2", "di-do middag", "plan_locked_too_few", ("Lesrooster", "D")),     # D1-D3 have mornings only
])
def test_an_edited_class_that_cannot_open_is_an_error_at_its_cell(plan_path: Path, cell, value, code, column) -> None:
    """Before, such a class was locked as entered and the solve broke its own rules ('interne fout:
    locked class K1 is missing or changed'); now the import says which cell to change."""
    def change(wb) -> None:
        wb["Klassen"][cell] = value
    result = load_edited_plan(edit(plan_path, change))
    assert result.problem is None
    issue = _klassen_issue(result, code)
    assert issue.is_error and (issue.sheet, issue.row, (issue.column, issue.column_letter)) == ("Klassen", 2, column)
    assert "Klas K1 wordt vastgezet (gewijzigd op het blad Klassen)" in issue.message
    assert "Class K1 is locked (changed on the Klassen sheet)" in issue.message_en
    assert not [i for i in result.issues if i.code == "plan_class_started"]


def test_a_locked_class_too_few_can_start_in_names_the_lock(plan_path: Path) -> None:
    result = load_edited_plan(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("O3", "ja")))  # K2: Vast
    issue = _klassen_issue(result, "plan_locked_too_few")
    assert (issue.row, issue.column) == (3, "Vast")
    assert issue.message.startswith("Klas K2 wordt vastgezet (Vast = ja), maar zo kunnen er hoogstens 0 "
                                    "deelnemers op de eerste dag starten, en de klas heeft er minimaal 2 nodig")
    assert issue.message.endswith("Zet Vast op nee, of pas de klas aan zodat meer deelnemers erbij passen.")


def test_an_unedited_plan_passes_the_check(plan_path: Path) -> None:
    result = load_edited_plan(plan_path)
    assert result.ok and not [i for i in result.issues if i.code.startswith("plan_locked")]


def test_an_unlocked_class_that_started_is_still_a_warning(plan_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["Instellingen"]
        ws.cell(row=row_of(ws, "plandatum"), column=2, value=date(2025, 3, 10))  # after K1 and K2 start
    result = load_edited_plan(edit(plan_path, change))
    assert result.ok, result.summary()
    assert [(i.severity, i.row) for i in result.issues if i.code == "plan_class_started"] == [
        ("waarschuwing", 2), ("waarschuwing", 3)]


def test_a_started_class_says_when_it_started_what_the_re_plan_does_and_how_to_keep_it(plan_path: Path) -> None:
    """The next planning weeks: plandatum moved past a class's start. The warning said 'Klas K1
    startte vóór de plandatum (03-02-2025)', the class's start where a reader takes the plan date,
    and only 'Zet hem op het blad Lopende klassen als hij al loopt': the re-plan then moved the
    class's learners into another class anyway (they stayed on Deelnemers as waiting learners)."""
    def change(wb) -> None:
        ws = wb["Instellingen"]
        ws.cell(row=row_of(ws, "plandatum"), column=2, value=date(2025, 3, 10))
    result = load_edited_plan(edit(plan_path, change))
    issue = next(i for i in result.issues if i.code == "plan_class_started" and i.row == 2)
    assert issue.message.startswith("Klas K1 is op 03-02-2025 gestart, vóór de plandatum 10-03-2025. De "
                                    "herplanning houdt hem niet vast")
    assert "haal de deelnemers die al begonnen zijn weg van het blad Deelnemers" in issue.message
    assert issue.message_en.startswith("Class K1 started on 03-02-2025, before the plan date 10-03-2025.")
    assert "delete the learners who have started from the Deelnemers sheet" in issue.message_en
    assert "'klasvormer volgende-week' op de planwerkmap met de vorige plandatum (--plandatum 10-03-2025)" in issue.message
    assert "'klasvormer next-week'" in issue.message_en


def test_a_class_row_with_an_error_is_reported_once_not_per_learner(plan_path: Path) -> None:
    """Before, each learner of K1 got a false 'Klas 'K1' staat niet op het blad Klassen' too."""
    result = load_edited_plan(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("C2", "Westpoort")))
    assert result.problem is None
    assert [(i.code, i.sheet, i.row, i.column) for i in result.errors] == [
        ("unknown_ref", "Klassen", 2, "Locatie")]


def test_the_report_names_a_class_that_became_another_class_under_its_id(plan_path: Path, plan: Plan) -> None:
    """Before, a class id kept by the re-plan for a class on another schedule or location (its
    learners kept their Klas text) was not in the report at all."""
    from app.workbook.reimport import RESHAPED, replan_report

    problem = load_edited_plan(plan_path).problem
    k1, k2, l1 = plan.classes
    new = replace(plan, classes=(replace(k1, location="Locatie Zuid", schedule="di-do middag"), k2, l1))
    report = replan_report(problem, [], new)
    (change,) = report.changes
    assert (change.subject, change.kind) == ("K1", RESHAPED)
    assert report.lines() == [
        "Wijzigingen ten opzichte van het bewerkte plan: 0 eigen wijzigingen in de werkmap; de herplanning "
        "verplaatste 0 deelnemers, plaatste 0 deelnemers van de wachtlijst en wijzigde 1 klas (start, "
        "rooster/locatie/niveau, geopend, gesloten).",
        "  Klas K1: nu een andere klas: locatie Locatie Noord, lesrooster ma-wo-vr ochtend -> locatie Locatie Zuid, "
        "lesrooster di-do middag (herplanning)"]
    assert report.rows("en") == [["Class", "K1", "location Locatie Noord, schedule ma-wo-vr ochtend",
                                  "location Locatie Zuid, schedule di-do middag", "re-optimised"]]
    assert replan_report(problem, [], plan).changes == []


def test_check_reports_an_edited_running_class_row(plan_path: Path, capsys) -> None:
    """``klasvormer check`` on the plan workbook: the change that does not count is said, with its cell."""
    from app.cli.klasvormer import main

    main(["check", str(edit(plan_path, lambda wb: wb["Klassen"].__setitem__("H4", 40)))])
    err = capsys.readouterr().err
    assert "waarschuwing: blad Klassen, rij 4, kolom Niveau (H): Klas L1 is een lopende klas" in err, err

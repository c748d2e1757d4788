"""A plan workbook re-planned at its own plan date keeps whoever starts on that date where they start.

The hand-made case: two classes start on the plan date, each with one learner who lives next
to it and one who lives next to the other (travel 5 against 40 minutes, 5 points a minute), and
one learner joins a far running class on the plan date while the class next door has a seat;
a household member of one of them joins two weeks later.
Swapping them saves 175 points a learner against a move penalty of 60, so a re-plan that only
paid the penalty moved three learners told to come that day (A2 and B1 between the classes, R
from the running class; the audit's finding); now none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from app.workbook.export import write_plan_workbook
from app.workbook.reimport import load_edited_plan
from optimizer.domain import (
    ClassSpec,
    Learner,
    Location,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
    Weights,
)
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from optimizer.solve import solve
from optimizer.validate import validate
from tests.checker import plancheck

D = date(2025, 1, 6)
MWV = frozenset({"ma-ochtend", "wo-ochtend", "vr-ochtend"})
DD = frozenset({"di-middag", "do-middag"})
NEAR_NOORD = {"Noord": 5, "Zuid": 40}
NEAR_ZUID = {"Noord": 40, "Zuid": 5}
TOLD = {"A1": "K1", "B1": "K1", "A2": "K2", "B2": "K2", "R": "L1"}
"""Who starts where on the plan date in the plan handed out."""
OPTIONS = SolveOptions(time_limit=5, deterministic=True, workers=1)


def make_problem() -> Problem:
    def learner(lid: str, travel: dict[str, int], dayparts: frozenset[str] = MWV, **kw) -> Learner:
        return Learner(lid, "B1", 50, dayparts, date(2024, 10, 7), travel=travel, **kw)

    return Problem(
        plan_date=D,
        learners=(learner("A1", NEAR_NOORD, together="H1"), learner("A2", NEAR_NOORD), learner("B1", NEAR_ZUID),
                  learner("B2", NEAR_ZUID), learner("R", NEAR_NOORD, MWV | DD),
                  learner("W", NEAR_NOORD, available_from=D + timedelta(weeks=6)),
                  # A1's household member joins K1 two weeks after its start: not held, but with A1
                  learner("A3", NEAR_NOORD, together="H1", available_from=D + timedelta(weeks=2))),
        locations=(Location("Noord", None, dict.fromkeys(MWV | DD, 1)), Location("Zuid", None, dict.fromkeys(MWV | DD, 1))),
        schedules=(Schedule("ochtend", MWV), Schedule("middag", DD)),
        routes=(RouteSettings("B1", min_size=2, max_size=4, max_spread=20, duration_weeks=20,
                              schedules=("ochtend",)),),
        teachers={**dict.fromkeys(MWV, 2), **dict.fromkeys(DD, 1)},
        horizon_weeks=8,
        running=(RunningClass("L1", "B1", "Zuid", "middag", 40, 60, 3, D + timedelta(weeks=20)),),
        weights=Weights(wait=20, misfit=2, travel=5, move=60),
    )


def handed_out(problem: Problem) -> Plan:
    """A valid plan of ``problem`` as :data:`TOLD` (each class of the plan date holds one learner
    from afar), made by solving with those learners pinned."""
    known = (ClassSpec("K1", "B1", "Noord", "ochtend", 0, 50), ClassSpec("K2", "B1", "Zuid", "ochtend", 0, 50))
    pinned = replace(problem, known_classes=known,
                     learners=tuple(replace(lr, pin=TOLD.get(lr.id)) for lr in problem.learners))
    plan = solve(pinned, OPTIONS)
    assert validate(problem, plan).ok  # the pins are gone: a plan of the problem as handed out
    return plan


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    problem = make_problem()
    return write_plan_workbook(problem, handed_out(problem), tmp_path / "plan.xlsx")


def edited(path: Path, change=None, name: str = "bewerkt.xlsx") -> Path:
    """A copy of the plan workbook with a small edit: W (waiting) released with 'vrij'; ``change``
    more."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    ws.cell(_row(ws, "W"), _col(ws, "Klas"), "vrij")
    if change is not None:
        change(wb)
    out = path.with_name(name)
    wb.save(out)
    return out


def _row(ws, lid: str) -> int:
    return next(c.row for c in ws["A"] if c.value == lid)


def _col(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def classes_of(path: Path) -> dict[str, str | None]:
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Deelnemers"]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    i, k = rows[0].index("Id"), rows[0].index("Klas")
    return {r[i]: r[k] for r in rows[1:] if r[i] is not None}


def starts_of(path: Path) -> dict[str, date]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["Klassen"].iter_rows(values_only=True))
    wb.close()
    i, s = rows[0].index("Klas"), rows[0].index("Startdatum")
    return {r[i]: r[s].date() for r in rows[1:] if r[i] is not None}


def test_the_learners_told_to_come_on_the_plan_date_stay_and_their_classes_keep_their_start(
        plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert {lid: c for lid, c in classes_of(plan_path).items() if lid in TOLD} == TOLD
    source = edited(plan_path)
    out = tmp_path / "nieuw.xlsx"
    assert main(["solve", str(source), "-o", str(out), "--time-limit", "5", "--deterministic",
                 "--workers", "1"]) == EXIT_OK
    said = capsys.readouterr().err
    assert "Wie op de plandatum 06-01-2025 begint, blijft in de klas waar die begint (5 deelnemers: K1, K2, L1)." in said
    after = classes_of(out)
    moved = {lid: (TOLD[lid], after[lid]) for lid in TOLD if after[lid] != TOLD[lid]}
    assert moved == {}  # the old re-plan moved A2, B1 (between K1 and K2) and R (L1 -> K1)
    assert starts_of(out)["K1"] == starts_of(out)["K2"] == D
    check = plancheck.check(source, out)
    assert check.ok, check.violations
    # the holds are no pins of the planner's: Vastgezet stays empty, so a later re-import derives them anew
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["Deelnemers"].iter_rows(values_only=True))
    wb.close()
    pin = rows[0].index("Vastgezet")
    assert [r[pin] for r in rows[1:] if r[0] in TOLD] == [None] * len(TOLD)


def test_the_holds_are_pins_the_solver_and_the_validator_keep(plan_path: Path) -> None:
    result = load_edited_plan(edited(plan_path))
    assert result.ok, result.summary()
    problem = result.problem
    assert dict(problem.held) == TOLD
    assert {lr.id: lr.pin for lr in problem.learners if lr.id in TOLD} == TOLD
    assert not [i for i in result.issues if i.code.startswith("plan_date")]
    plan = solve(problem, OPTIONS)
    assert validate(problem, plan).ok
    assert {lid: plan.assignments[lid].class_id for lid in TOLD} == TOLD
    assert {lid: plan.assignments[lid].start_date for lid in TOLD} == dict.fromkeys(TOLD, D)
    assert plan.assignments["A3"].class_id == "K1" and plan.assignments["A3"].start_date == D + timedelta(weeks=2)


def test_a_re_plan_of_the_re_planned_workbook_holds_them_again(plan_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "nieuw.xlsx"
    assert main(["solve", str(edited(plan_path)), "-o", str(out), "--time-limit", "2", "--deterministic",
                 "--workers", "1"]) == EXIT_OK
    result = load_edited_plan(out)
    assert result.ok, result.summary()
    assert dict(result.problem.held) == TOLD


def test_edits_win_over_the_hold(plan_path: Path) -> None:
    """A learner moved or released in the Klas column follows the edit; a class changed on
    Klassen is locked as entered and its learners are not held; a class later in the plan is not held."""
    def change(wb) -> None:
        ws = wb["Deelnemers"]
        ws.cell(_row(ws, "A2"), _col(ws, "Klas"), "K1")   # moved: pinned by the coordinator
        ws.cell(_row(ws, "R"), _col(ws, "Klas"), "vrij")  # released
        kl = wb["Klassen"]
        kl.cell(_row(kl, "K2"), _col(kl, "Niveau"), 45)   # K2 edited: locked as entered

    result = load_edited_plan(edited(plan_path, change))
    assert result.ok, result.summary()
    p = result.problem
    assert dict(p.held) == {"A1": "K1", "B1": "K1"}
    assert p.learner_by_id["A2"].pin == "K1" and p.learner_by_id["R"].pin is None
    assert p.known_by_label["K2"].locked and p.learner_by_id["B2"].pin is None


def test_a_learner_who_no_longer_fits_is_let_go_with_a_warning_at_their_klas_cell(plan_path: Path) -> None:
    def change(wb) -> None:  # A1 can no longer come in the mornings
        ws = wb["Deelnemers"]
        ws.cell(_row(ws, "A1"), _col(ws, "Dagdelen"), "di-middag, do-middag")

    source = edited(plan_path, change)
    result = load_edited_plan(source)
    assert result.ok, result.summary()
    assert "A1" not in result.problem.held and result.problem.learner_by_id["A1"].pin is None
    [issue] = [i for i in result.issues if i.code == "plan_date_learner_not_kept"]
    row = _row(openpyxl.load_workbook(source)["Deelnemers"], "A1")
    assert (issue.sheet, issue.row, issue.column) == ("Deelnemers", row, "Klas")
    assert "Deelnemer A1 begint op de plandatum 06-01-2025 in klas K1" in issue.message
    assert "niet beschikbaar op ma-ochtend" in issue.message and "not available on Mon morning" in issue.message_en
    # then K1 has one learner left for its first day, fewer than its minimum of 2: it goes too
    [gone] = [i for i in result.issues if i.code == "plan_date_class_not_kept"]
    assert gone.sheet == "Klassen" and gone.column == "Startdatum" and "Klas K1 " in gone.message
    assert "minimaal 2" in gone.message and "at least 2" in gone.message_en
    assert dict(result.problem.held) == {"A2": "K2", "B2": "K2", "R": "L1"}
    plan = solve(result.problem, OPTIONS)
    assert validate(result.problem, plan).ok
    assert {lid: plan.assignments[lid].class_id for lid in ("A2", "B2", "R")} == {"A2": "K2", "B2": "K2", "R": "L1"}


def test_a_class_made_too_full_by_an_edit_is_let_go_with_a_warning_at_its_row(plan_path: Path) -> None:
    def change(wb) -> None:  # three more into K1 (at most 4): one of its own has to make room
        ws = wb["Deelnemers"]
        for lid in ("A2", "B2", "W"):
            ws.cell(_row(ws, lid), _col(ws, "Klas"), "K1")

    result = load_edited_plan(edited(plan_path, change))
    assert result.ok, result.summary()
    assert "K1" not in set(result.problem.held.values())
    [issue] = [i for i in result.issues if i.code == "plan_date_class_not_kept"]
    assert issue.sheet == "Klassen" and issue.column == "Startdatum" and "K1" in issue.message
    assert "hoogstens 4" in issue.message and "at most 4" in issue.message_en


def test_without_a_teacher_left_the_class_is_let_go_with_a_warning(plan_path: Path) -> None:
    def change(wb) -> None:  # one teacher a morning: K1 and K2 cannot both run
        ws = wb["Docenten"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value:
                row[1].value = 1

    result = load_edited_plan(edited(plan_path, change))
    assert result.ok, result.summary()
    issues = [i for i in result.issues if i.code == "plan_date_class_not_kept"]
    assert len(issues) == 1 and "docent" in issues[0].message
    plan = solve(result.problem, OPTIONS)
    assert plan.is_feasible() and validate(result.problem, plan).ok


def test_check_says_who_stays(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check", str(edited(plan_path))]) == EXIT_OK
    assert ("Whoever starts on the plan date 06-01-2025 stays in the class they start in (5 learners: K1, K2, L1)."
            in capsys.readouterr().out)


def test_the_window_reads_the_holds_plans_with_them_keeps_them_in_a_project_and_erasure_removes_them(
        plan_path: Path, tmp_path: Path) -> None:
    from app.planner.editing import problem_without
    from app.planner.planning import fresh_request, reoptimize_request, run_solve
    from app.planner.project import load_project, save_project
    from app.planner.session import Session, open_path

    opened = open_path(edited(plan_path))
    assert dict(opened.problem.held) == TOLD
    # the window's Optimaliseren on the plan read, then Heroptimaliseren: both keep them
    first = run_solve(fresh_request(opened.problem, None, OPTIONS))
    assert first.ok and {lid: first.plan.assignments[lid].class_id for lid in TOLD} == TOLD
    again = run_solve(reoptimize_request(opened.problem, first.state, OPTIONS))
    assert again.ok and {lid: again.plan.assignments[lid].class_id for lid in TOLD} == TOLD
    session = Session()
    session.load(opened)
    saved = tmp_path / "werk.klasvormer"
    save_project(saved, session.to_project())
    assert dict(load_project(saved).problem.held) == TOLD
    assert "A1" not in problem_without(opened.problem, "A1").held

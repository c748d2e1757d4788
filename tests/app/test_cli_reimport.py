"""The CLI reads an edited plan workbook as the app does: edits become pins, a change report follows."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.cli.exits import EXIT_INPUT, EXIT_OK
from app.cli.klasvormer import main
from app.workbook.reimport import edit_problems, load_edited_plan
from optimizer.domain import Problem
from optimizer.options import SolveOptions

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
CUT = 60
"""Learners kept from the sample: a plan in a few seconds."""
UNITS = "0.2"
"""The deterministic time limit of the solves that check what is written or said, not how good
the plan is (one worker: about 0.6 s of search on the cut; 1 unit took 2-3 s and gave the same plan)."""


def header_row(ws) -> tuple[int, list]:
    """The row holding the headers Id and Klas (found by header, not by position)."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        values = [c.value for c in row]
        if "Id" in values and "Klas" in values:
            return row[0].row, values
    raise AssertionError("no header row with Id and Klas")


def klas_column(path: Path) -> dict[str, str | None]:
    """Learner id -> the Klas cell of Deelnemers."""
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    i, k = headers.index("Id"), headers.index("Klas")
    out = {r[i]: r[k] for r in ws.iter_rows(min_row=first + 1, values_only=True) if r[i] is not None}
    wb.close()
    return out


def with_klas(plan: Path, lid: str, klas: str, name: str = "bewerkt plan.xlsx") -> Path:
    """A copy of plan workbook ``plan`` (saved beside it as ``name``) where the coordinator wrote
    ``klas`` in learner ``lid``'s Klas cell; the Excel row is :func:`row_of` it."""
    wb = openpyxl.load_workbook(plan)
    ws = wb["Deelnemers"]
    ws.cell(row_of(ws, lid), header_row(ws)[1].index("Klas") + 1, klas)
    out = plan.with_name(name)
    wb.save(out)
    return out


def row_of(ws, lid: str) -> int:
    """The Excel row of learner ``lid`` on a Deelnemers sheet."""
    first, headers = header_row(ws)
    i = headers.index("Id") + 1
    return next(r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, i).value == lid)


def pinned(problem: Problem, lid: str | set[str], label: str) -> Problem:
    """``problem`` with learner ``lid`` (or each of a set of them) pinned to ``label``."""
    lids = {lid} if isinstance(lid, str) else lid
    return replace(problem, learners=tuple(replace(lr, pin=label) if lr.id in lids else lr for lr in problem.learners))


def plan_of_a_cut(folder: Path, sample: Path = SAMPLE, cut: int = CUT) -> Path:
    """A plan workbook the CLI wrote (in ``folder``) for the first ``cut`` learners of ``sample``."""
    cut_path = folder / "cut.xlsx"
    wb = openpyxl.load_workbook(sample)
    ws = wb["Deelnemers"]
    ws.delete_rows(cut + 2, ws.max_row)
    wb.save(cut_path)
    plan = folder / "plan.xlsx"
    assert main(["solve", str(cut_path), "-o", str(plan), "--time-limit", UNITS, "--deterministic",
                 "--workers", "1"]) == EXIT_OK
    return plan


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory) -> Path:
    """A plan workbook the CLI wrote for the first learners of the sample."""
    return plan_of_a_cut(tmp_path_factory.mktemp("reimport"))


@pytest.fixture(scope="module")
def edits(plan_path: Path) -> dict[str, str]:
    """Which learners to edit how: one moved to a class where they fit, one to the waiting list,
    one released, one row deleted, one added (a copy of a placed learner's row, in that class)."""
    problem = load_edited_plan(plan_path).problem
    klas = klas_column(plan_path)
    labels = [c.label for c in problem.known_classes] + [r.id for r in problem.running]
    placed = [lid for lid, k in klas.items() if k in labels]
    move = next((lid, target) for lid in placed for target in labels
                if target != klas[lid] and not edit_problems(pinned(problem, lid, target)))
    rest = [lid for lid in placed if lid != move[0]]
    return {"move": move[0], "target": move[1], "from": klas[move[0]], "wait": rest[0], "wait_from": klas[rest[0]],
            "free": rest[1], "delete": rest[2], "copy": rest[3], "copy_class": klas[rest[3]]}


def edit_workbook(src: Path, dst: Path, e: dict[str, str]) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    i, k = headers.index("Id") + 1, headers.index("Klas") + 1
    rows = {ws.cell(r, i).value: r for r in range(first + 1, ws.max_row + 1)}
    ws.cell(rows[e["move"]], k, e["target"])
    ws.cell(rows[e["wait"]], k, "wachtlijst")
    ws.cell(rows[e["free"]], k, "vrij")
    new = ws.max_row + 1
    for col in range(1, ws.max_column + 1):
        ws.cell(new, col, ws.cell(rows[e["copy"]], col).value)
    ws.cell(new, i, "NIEUW1")
    ws.cell(new, k, e["copy_class"])
    ws.delete_rows(rows[e["delete"]])
    wb.save(dst)
    return dst


@pytest.fixture(scope="module")
def edited(plan_path: Path, edits: dict[str, str]) -> Path:
    return edit_workbook(plan_path, plan_path.with_name("bewerkt.xlsx"), edits)


def test_solve_on_an_edited_plan_honours_the_edits_and_reports_changes(plan_path, edited, edits, tmp_path, capsys):
    klas_before = klas_column(plan_path)
    out = tmp_path / "nieuw.xlsx"
    code = main(["solve", str(edited), "-o", str(out), "--time-limit", UNITS, "--deterministic", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == EXIT_OK, captured.err
    assert "is een planwerkmap met 5 eigen wijzigingen (kolom Klas, klasbladen, blad Klassen)" in captured.err
    report = captured.out
    assert "Wijzigingen ten opzichte van het bewerkte plan: 5 eigen wijzigingen in de werkmap" in report
    assert f"Deelnemer {edits['move']}: {edits['from']} -> {edits['target']} (eigen wijziging)" in report
    assert f"Deelnemer {edits['wait']}: {edits['wait_from']} -> wachtlijst (eigen wijziging)" in report
    assert f"Deelnemer {edits['delete']}: " in report and "-> verwijderd (eigen wijziging)" in report
    assert f"Deelnemer NIEUW1: nieuw -> {edits['copy_class']} (eigen wijziging)" in report
    assert f"Deelnemer {edits['free']}: " in report and "(vrijgegeven, opnieuw ingepland)" in report
    klas = klas_column(out)
    assert klas[edits["move"]] == edits["target"]
    assert klas[edits["wait"]] == "wachtlijst"
    assert klas["NIEUW1"] == edits["copy_class"]
    assert edits["delete"] not in klas
    assert len(klas) == CUT
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["Wijzigingen"].iter_rows(values_only=True))
    assert rows[0][0] == "Wijzigingen ten opzichte van het bewerkte plan"
    assert rows[1][0].startswith("Wijzigingen ten opzichte van het bewerkte plan: 5 eigen wijzigingen")
    assert rows[3] == ("Soort", "Id", "Van", "Naar", "Reden")
    table = rows[4:]
    assert ("Deelnemer", edits["move"], edits["from"], edits["target"], "eigen wijziging") in table
    assert ("Deelnemer", edits["wait"], edits["wait_from"], "wachtlijst", "eigen wijziging") in table
    assert ("Deelnemer", "NIEUW1", "nieuw", edits["copy_class"], "eigen wijziging") in table
    assert ("Deelnemer", edits["delete"], klas_before[edits["delete"]], "verwijderd", "eigen wijziging") in table
    assert len(table) == len([line for line in report.splitlines() if line.startswith("  ")])
    wb.close()


def test_solve_says_how_many_edits_in_words_that_fit_the_count(plan_path, tmp_path, capsys):
    """Before: '1 wijziging ... worden vastgezet', and '0 wijzigingen ... worden vastgezet' for a
    plan nobody edited."""
    from app.cli.texts import t

    assert main(["solve", str(plan_path), "--time-limit", UNITS, "--deterministic", "--workers", "1"]) == EXIT_OK
    err = capsys.readouterr().err
    assert f"{plan_path} is een planwerkmap zonder eigen wijzigingen: het plan wordt opnieuw geoptimaliseerd" in err
    assert "0 " not in err.splitlines()[0]
    assert t("reimport", path="p.xlsx", n=1).startswith("p.xlsx is een planwerkmap met 1 eigen wijziging (kolom")
    assert t("reimport", path="p.xlsx", n=2).startswith("p.xlsx is een planwerkmap met 2 eigen wijzigingen (kolom")


def test_a_plan_from_an_input_workbook_has_no_changes_sheet(plan_path):
    wb = openpyxl.load_workbook(plan_path, read_only=True)
    assert "Wijzigingen" not in wb.sheetnames
    wb.close()


def test_solve_json_lists_the_changes(edited, edits, capsys):
    import json

    assert main(["solve", str(edited), "--time-limit", UNITS, "--deterministic", "--workers", "1", "--json"]) == EXIT_OK
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert {"what": "learner", "id": edits["move"], "kind": "verplaatst", "from": edits["from"],
            "to": edits["target"], "reason": "own"} in changes


def test_check_reports_the_edits(edited, edits, capsys):
    assert main(["check", str(edited)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "planwerkmap met 5 wijzigingen:" in out
    assert f"Deelnemer {edits['move']}: {edits['from']} -> {edits['target']} (wordt vastgezet" in out
    assert f"Deelnemer {edits['wait']}: {edits['wait_from']} -> wachtlijst" in out
    assert f"Deelnemer {edits['free']}: " in out and "-> vrij" in out
    assert f"Deelnemer {edits['delete']}: verwijderd" in out
    assert f"Deelnemer NIEUW1: nieuw, in {edits['copy_class']}" in out
    assert "in orde" in out


def _impossible_edit(plan_path: Path, folder: Path) -> tuple[Path, str, str, str, int, str]:
    """The plan workbook with one learner moved (in the Klas column) to a class they do not fit:
    (path, learner id, old class, new class, row, the Klas column's letter)."""
    from openpyxl.utils import get_column_letter

    problem = load_edited_plan(plan_path).problem
    klas = klas_column(plan_path)
    labels = [c.label for c in problem.known_classes]
    lid, target = next((lid, t) for lid in klas for t in labels
                       if t != klas[lid] and edit_problems(pinned(problem, lid, t)))
    wb = openpyxl.load_workbook(plan_path)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    row = next(r for r in range(first + 1, ws.max_row + 1) if ws.cell(r, headers.index("Id") + 1).value == lid)
    ws.cell(row, headers.index("Klas") + 1, target)
    bad = folder / "onmogelijk.xlsx"
    wb.save(bad)
    return bad, lid, klas[lid], target, row, get_column_letter(headers.index("Klas") + 1)


def test_check_reports_an_edit_that_cannot_hold(plan_path, tmp_path, capsys):
    bad, lid, old, target, row, letter = _impossible_edit(plan_path, tmp_path)
    assert main(["check", str(bad)]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert f"Deelnemer {lid}: {old} -> {target}" in captured.out
    assert (f"fout: onmogelijk.xlsx, blad Deelnemers, rij {row}, kolom Klas ({letter}): "
            f"Deelnemer {lid} is vastgezet in {target}, maar past daar niet") in captured.err
    assert "Kies in de kolom Klas een klas waar de deelnemer wel past" in captured.err
    assert "1 wijziging kan niet zo worden gepland" in captured.err


@pytest.mark.parametrize("command", ["check", "solve"])
def test_an_edit_that_cannot_hold_is_placed_in_the_error_workbook(plan_path, tmp_path, capsys, command):
    """It named no sheet, row or column, --errors wrote no error workbook, and 'solve' ran the
    solver to 'Geen plan (onmogelijk)' (exit 3); now it is an input error at the learner's Klas
    cell, in the error workbook, in the language asked for."""
    bad, lid, _, target, row, letter = _impossible_edit(plan_path, tmp_path)
    errors = tmp_path / "fouten.xlsx"
    extra = ["--time-limit", "1"] if command == "solve" else []
    assert main([command, str(bad), "--errors", str(errors), "--lang", "en", *extra]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert (f"error: onmogelijk.xlsx, sheet Deelnemers, row {row}, column Klas ({letter}): "
            f"Learner {lid} is pinned to {target} but does not fit there: ") in err
    line = next(ln for ln in err.splitlines() if ln.startswith("error: onmogelijk.xlsx"))
    assert not [w for w in ("niet ", "reistijd", "leerbaarheid", "andere ") if w in line], line
    assert "Error workbook written" in err
    wb = openpyxl.load_workbook(errors)
    # --lang en: the English message first, the Dutch one after it (f250161)
    problems = [r for r in wb["Problemen"].iter_rows(min_row=2, values_only=True) if r[0] == "error"]
    assert [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in problems] == [
        ("onmogelijk.xlsx", "Deelnemers", row, "Klas", f"{letter}{row}", target)]
    assert problems[0][7].startswith(f"Learner {lid} is pinned to {target} but does not fit there: ")
    assert problems[0][8].startswith(f"Deelnemer {lid} is vastgezet in {target}, maar past daar niet")
    assert wb["Deelnemers"][f"{letter}{row}"].comment is not None


@pytest.mark.parametrize(("column", "value"), [("Startdatum", datetime(2030, 1, 7)),  # after the plan period
                                               ("Startdatum", datetime(2020, 1, 6)),  # before the plan date
                                               ("Niveau", 99)])                      # nobody fits
def test_a_class_row_edit_that_cannot_be_planned_is_an_input_error_for_check_and_solve(
        plan_path, tmp_path, capsys, column, value):
    """Such an edit was accepted by check, and solve ended in 'interne fout: ... locked class K..
    is missing or changed'; now both stop with an input error at the cell."""
    wb = openpyxl.load_workbook(plan_path)
    ws = wb["Klassen"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index(column) + 1, value)
    bad = tmp_path / "klassen.xlsx"
    wb.save(bad)
    assert main(["check", str(bad)]) == EXIT_INPUT
    checked = capsys.readouterr().err
    assert main(["solve", str(bad), "-o", str(tmp_path / "uit.xlsx"), "--time-limit", "1", "--deterministic",
                 "--workers", "1"]) == EXIT_INPUT
    solved = capsys.readouterr().err
    for err in (checked, solved):
        assert f"fout: blad Klassen, rij 2, kolom {column} ({get_column_letter(headers.index(column) + 1)}): " in err
        assert "wordt vastgezet (gewijzigd op het blad Klassen)" in err
        assert f"{bad}: 1 fout; er is geen plan gemaakt" in err
        assert "interne fout" not in err
    assert not (tmp_path / "uit.xlsx").exists()


def test_a_horizon_that_ends_before_a_locked_class_is_an_input_error_at_its_cell(plan_path, tmp_path, capsys):
    """--horizon was applied after the check of the locked classes: a class locked by Vast = ja
    that starts after the shorter plan period passed, and solve ended in 'interne fout: ...
    locked class K.. is missing or changed'; now the check sees the horizon used."""
    wb = openpyxl.load_workbook(plan_path)
    ws = wb["Klassen"]
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    rows = [r for r in ws.iter_rows(min_row=2) if r[col["Lopend"]].value == "nee"]
    late = max(rows, key=lambda r: r[col["Startweek"]].value)
    week = late[col["Startweek"]].value
    assert week >= 1
    late[col["Vast"]].value = "ja"
    locked = tmp_path / "vast.xlsx"
    wb.save(locked)
    assert main(["solve", str(locked), "-o", str(tmp_path / "uit.xlsx"), "--time-limit", "1", "--deterministic",
                 "--workers", "1", "--horizon", str(week)]) == EXIT_INPUT
    err = capsys.readouterr().err
    letter = get_column_letter(col["Startdatum"] + 1)
    assert f"fout: blad Klassen, rij {late[0].row}, kolom Startdatum ({letter}): " in err
    assert f"Klas {late[0].value} wordt vastgezet (Vast = ja)" in err
    assert f"na de planperiode van {week} weken die --horizon opgeeft" in err
    assert f"geef een grotere --horizon (minstens {week + 1})" in err
    assert "interne fout" not in err and not (tmp_path / "uit.xlsx").exists()


def test_an_edit_into_a_full_class_keeps_the_edited_plan_as_start(plan_path):
    """A learner pinned into a full class makes the edited plan one too big there: the re-plan
    still starts from it (someone not pinned makes room) instead of from scratch, which moved
    dozens of learners nobody had asked to move."""
    from optimizer import solve, validate

    problem = load_edited_plan(plan_path).problem
    klas = klas_column(plan_path)
    sizes = {c.label: sum(1 for k in klas.values() if k == c.label) for c in problem.known_classes}
    full = max(sizes, key=lambda label: sizes[label])
    (route,) = problem.routes
    problem = replace(problem, routes=(replace(route, min_size=2, max_size=sizes[full]),))  # the class is full
    order = [lid for lid in sorted(klas, key=lambda lid: (klas[lid] != "wachtlijst", lid)) if klas[lid] != full]
    # whether a pin holds is each learner's own (their options, not the other pins): one diagnosis
    # of them all pinned there names every learner who does not fit (one each took 3 s in all)
    unfit = {m.params["id"] for m in edit_problems(pinned(problem, set(order), full)) if m.key == "diag_pin_incompatible"}
    lid = next(lid for lid in order if lid not in unfit)
    assert not edit_problems(pinned(problem, lid, full))  # alone, as the test pins them
    edited = replace(pinned(problem, lid, full), previous={**problem.previous, lid: full})  # as the re-import reads it
    edited = edited.with_weights(replace(edited.weights, move=10_000))  # moving anyone else costs more than it gains
    plan = solve(edited, SolveOptions(time_limit=float(UNITS), deterministic=True, workers=1))
    assert validate(edited, plan).ok
    # the search started from the edited plan cut back to the class's maximum (one learner moved),
    # within one move's cost of the result; a start from scratch moved several, which the search
    # on the cut repairs with the move cost this high, so the plan alone does not tell
    assert plan.stats["start"] == "previous", plan.stats["start"]
    assert plan.stats["previous_objective"] - plan.objective < edited.weights.move, plan.stats
    assert plan.assignments[lid].class_id == full
    moved = [m for m, a in plan.assignments.items()
             if m != lid and edited.previous.get(m) is not None and a.class_id != edited.previous[m]]
    assert len(moved) == 1  # one learner of the full class makes room; from scratch, the search moved more


# ---- a learners CSV with --settings (issue 19.4) ----------------------------------------------------
@pytest.fixture(scope="module")
def learners_csv(tmp_path_factory) -> Path:
    """The sample's first learners as a semicolon CSV with two decimal-comma learnabilities."""
    import csv

    wb = openpyxl.load_workbook(SAMPLE, read_only=True)
    rows = list(wb["Deelnemers"].iter_rows(values_only=True))[: 40 + 1]
    wb.close()
    headers = list(rows[0])
    level = headers.index("Leerbaarheid")
    path = tmp_path_factory.mktemp("csv") / "lijst.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(headers)
        for k, row in enumerate(rows[1:]):
            cells = ["" if v is None else v.strftime("%d-%m-%Y") if hasattr(v, "strftime") else v for v in row]
            if k < 2:
                cells[level] = f"{cells[level]},5"
            w.writerow(cells)
    return path


def test_check_csv_needs_settings_and_takes_them(learners_csv, capsys):
    assert main(["check", str(learners_csv)]) == EXIT_INPUT
    assert "--settings" in capsys.readouterr().err
    assert main(["check", str(learners_csv), "--settings", str(SAMPLE)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "in orde — 40 deelnemers" in captured.out
    rounded = [line for line in captured.err.splitlines() if "Leerbaarheid met decimalen" in line]
    assert len(rounded) == 1  # once, with the column and the number of rows
    assert "kolom Leerbaarheid" in rounded[0] and "(in 2 rijen; eerste: rij 2)" in rounded[0]


def test_solve_csv_with_settings(learners_csv, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code = main(["solve", str(learners_csv), "--settings", str(SAMPLE), "-o", str(out), "--time-limit", UNITS,
                 "--deterministic", "--workers", "1"])
    assert code == EXIT_OK, capsys.readouterr().err
    assert len(klas_column(out)) == 40


def test_settings_workbook_is_never_overwritten(learners_csv, capsys):
    assert main(["solve", str(learners_csv), "--settings", str(SAMPLE), "-o", str(SAMPLE)]) == 2
    assert "invoer" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "solve", "tradeoff", "simulate"])
def test_every_reading_command_takes_settings(command):
    from app.cli.klasvormer import build_parser

    assert build_parser().parse_args([command, "lijst.csv", "--settings", "instellingen.xlsx"]).settings == \
        "instellingen.xlsx"


def test_simulate_reads_a_csv_with_settings(learners_csv):
    from app.cli.simulate import load_input

    problem, label = load_input(str(learners_csv), str(SAMPLE))
    assert len(problem.learners) == 40 and label == str(learners_csv)


def test_check_makes_the_candidates_once(plan_path, monkeypatch, capsys):
    """``check`` of a plan workbook looks for edits that cannot hold, then for what the plan will say
    of the settings; each built the candidates of the whole problem (on 3,000 learners 2 x 2.7 s of
    CPU, the check of an unedited plan workbook 14 s on a busy machine). One diagnosis serves both.
    (The check of who starts on the plan date builds those of a smaller part: not counted.)"""
    import optimizer.candidates as candidates

    made = []
    real = candidates.build_candidates

    def counted(problem, *args, **kwargs):
        made.append(len(problem.learners))
        return real(problem, *args, **kwargs)

    monkeypatch.setattr(candidates, "build_candidates", counted)
    assert main(["check", str(plan_path)]) == EXIT_OK
    assert "in orde" in capsys.readouterr().out
    assert made and made.count(max(made)) == 1  # the whole problem's once

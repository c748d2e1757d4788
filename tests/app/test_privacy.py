"""Issue 23: learners' data kept no longer and shared no wider than needed.

- a project saved without its source holds neither the input's bytes nor its full postcodes,
  and still re-opens and exports;
- the plan workbook without names holds no name, note or extra column (every cell, raw xml);
- erasing a learner leaves no trace in the files the program wrote.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_OK, EXIT_USAGE
from app.cli.klasvormer import main
from app.planner.project import load_project, save_project
from app.planner.session import Session, open_path
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from optimizer import SolveOptions, solve, validate
from tests.app.privacy import (
    found,
    full_postcodes,
    personal_values,
    personal_workbook,
    xlsx_texts,
    zip_texts,
)

SOLVE_SECONDS = 3.0


@pytest.fixture(scope="module")
def personal(tmp_path_factory) -> Path:
    return personal_workbook(tmp_path_factory.mktemp("privacy") / "deelnemers.xlsx")


@pytest.fixture(scope="module")
def session(personal: Path) -> Session:
    """The personal workbook opened, with one short plan."""
    from app.planner.editing import PlanState

    s = Session()
    s.load(open_path(personal))
    assert s.problem is not None
    plan = solve(s.problem, SolveOptions(time_limit=SOLVE_SECONDS, workers=1, deterministic=True))
    assert plan.is_feasible() and validate(s.problem, plan).ok
    s.state = PlanState(plan)
    return s


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


# ---- 23.7: the project stores what it needs ----------------------------------------------------
def test_project_without_source_holds_no_source_bytes_nor_full_postcodes(tmp_path, personal, session):
    path = save_project(tmp_path / "werk.klasvormer", session.to_project())
    members = _members(path)
    assert not any(n.startswith("source/") for n in members)
    source = personal.read_bytes()
    raw = path.read_bytes()
    assert source not in raw and all(source not in m for m in members.values())
    texts = [m.decode("utf-8") for m in members.values()]
    assert not found(full_postcodes(personal), texts)  # "1056 QZ" is read as 1056; the rest is not kept

    back = load_project(path)
    assert back.source_bytes is None and back.problem == session.problem and back.state == session.state
    assert back.extras["D00001"]["Naam"] == "Yasmina Privé-001"  # names still come back for the plan
    out = write_plan_workbook(back.problem, back.state.plan, tmp_path / "plan.xlsx", extras=back.extras)
    again = load_problem(out)  # the plan workbook's input sheets still re-import as the problem
    assert again.problem == session.problem
    assert again.extras["D00001"]["Naam"] == "Yasmina Privé-001"


def test_project_keeps_the_source_when_asked(tmp_path, personal, session):
    path = save_project(tmp_path / "werk.klasvormer", session.to_project(), keep_source=True)
    members = _members(path)
    assert members[f"source/{personal.name}"] == personal.read_bytes()
    back = load_project(path)
    assert back.source_bytes == personal.read_bytes()
    assert back.extras == session.source.extras


# ---- 23.8: a plan workbook without names -----------------------------------------------------------
def test_plan_workbook_without_names_holds_no_personal_values(tmp_path, personal, session):
    count = len(session.problem.learners)
    plain = write_plan_workbook(session.problem, session.plan, tmp_path / "plan.xlsx", extras=session.source.extras)
    assert found(personal_values(count), xlsx_texts(plain)) == personal_values(count)  # the scan finds them

    out = write_plan_workbook(session.problem, session.plan, tmp_path / "gemeente.xlsx",
                              extras=session.source.extras, pseudonymise=True, keep_columns=["mentor"],
                              tradeoff=[("gebalanceerd", session.plan)])
    texts = xlsx_texts(out)
    assert not found(personal_values(count, ("Naam", "Notities", "BSN")), texts)
    assert not found({"BSN"}, texts)  # not even the header
    assert not found(full_postcodes(personal), texts)
    assert found(personal_values(count, ["Mentor"]), texts) == personal_values(count, ["Mentor"])  # kept on request
    wb = openpyxl.load_workbook(out)
    assert "zonder namen" in wb["Overzicht"]["A1"].value
    for sheet in ("Deelnemers", "Wachtlijst"):
        headers = [c.value for c in wb[sheet][1]]
        assert not {"Naam", "Notities", "BSN"} & set(headers)
    assert "Mentor" in [c.value for c in wb["Deelnemers"][1]]
    assert wb["Deelnemers"].cell(row=2, column=1).value in session.problem.learner_by_id
    assert found({"1056"}, texts)  # homes stay as planned with: the postcode's four digits
    again = load_problem(out)  # still re-imports as the same problem
    assert again.problem is not None

    def households(learners):
        groups: dict[str, set[str]] = {}
        for lr in learners:
            if lr.together:
                groups.setdefault(lr.together, set()).add(lr.id)
        return sorted(sorted(g) for g in groups.values())

    assert households(again.problem.learners) == households(session.problem.learners)  # codes, same households
    assert [replace(lr, together=None) for lr in again.problem.learners] == [
        replace(lr, together=None) for lr in session.problem.learners]


def test_without_names_refuses_names_and_unknown_columns(tmp_path, session):
    for col, why in (("Naam", "namen of notities"), ("Opmerkingen", "namen of notities"), ("Geboortedatum", "te kiezen")):
        with pytest.raises(ValueError, match=why):
            write_plan_workbook(session.problem, session.plan, tmp_path / "x.xlsx", extras=session.source.extras,
                                pseudonymise=True, keep_columns=[col])
    assert not (tmp_path / "x.xlsx").exists()


def test_household_labels_become_neutral_codes(tmp_path, problem, plan):
    extras = {"D2": {"Naam": "Annemijn Qwerty"}, "D4": {"Naam": "Bosma Xyzzy"}}
    named = replace(problem, learners=tuple(replace(lr, together="Fam. El Amrani") if lr.together else lr
                                            for lr in problem.learners))
    out = write_plan_workbook(named, plan, tmp_path / "x.xlsx", extras=extras, pseudonymise=True)
    texts = xlsx_texts(out)
    assert not found({"El Amrani", "Annemijn Qwerty", "Bosma Xyzzy"}, texts)
    back = load_problem(out).problem
    assert back is not None
    assert {lr.id: lr.together for lr in back.learners if lr.together} == {"D2": "S1", "D4": "S1"}


def test_cli_without_names(tmp_path, personal, capsys):
    out = tmp_path / "gemeente.xlsx"
    code = main(["solve", str(personal), "-o", str(out), "--time-limit", "1", "--deterministic", "--workers", "1",
                 "--zonder-namen", "--houd-kolom", "Mentor"])
    assert code == EXIT_OK
    texts = xlsx_texts(out)
    assert not found(personal_values(300, ("Naam", "Notities", "BSN")) | full_postcodes(personal), texts)
    assert "mentor-001" in "\n".join(texts)
    out2 = tmp_path / "afweging.xlsx"
    code = main(["tradeoff", str(personal), "-o", str(out2), "--points", "1", "--time-limit", "1",
                 "--deterministic", "--workers", "1", "--zonder-namen"])
    assert code == EXIT_OK
    assert not found(personal_values(300) | full_postcodes(personal), xlsx_texts(out2))
    capsys.readouterr()
    assert main(["solve", str(personal), "--zonder-namen", "--houd-kolom", "Naam"]) == EXIT_USAGE
    assert "nooit" in capsys.readouterr().err
    assert main(["solve", str(personal), "--houd-kolom", "Mentor"]) == EXIT_USAGE
    assert "--zonder-namen" in capsys.readouterr().err


def test_next_week_without_names(tmp_path, personal, session, capsys):
    """``next-week`` had no ``--zonder-namen``: the next period's workbook could only be shared with
    every name, note and own column in it, the earlier weeks' names on Gestart too."""
    from datetime import timedelta

    from app.planner.next_week import next_week, next_week_writer
    from app.workbook.reimport import load_edited_plan

    count = len(session.problem.learners)
    extras = session.source.extras
    w1 = write_plan_workbook(session.problem, session.plan, tmp_path / "w1.xlsx", extras=extras)
    d2, d4 = (session.problem.plan_date + timedelta(weeks=w) for w in (2, 4))
    w2 = tmp_path / "w2.xlsx"
    assert main(["next-week", str(w1), "--plandatum", d2.strftime("%d-%m-%Y"), "-o", str(w2)]) == EXIT_OK
    started = [r for r in openpyxl.load_workbook(w2)["Gestart"].iter_rows(min_row=2, values_only=True)]
    assert started and all(r[1] == extras[r[0]]["Naam"] for r in started)  # named: the names are there
    out = tmp_path / "gemeente.xlsx"
    assert main(["next-week", str(w2), "--plandatum", d4.strftime("%d-%m-%Y"), "-o", str(out),
                 "--zonder-namen", "--houd-kolom", "Mentor"]) == EXIT_OK
    texts = xlsx_texts(out)
    assert not found(personal_values(count, ("Naam", "Notities", "BSN")) | full_postcodes(personal), texts)
    assert not found({"BSN"}, texts)
    assert found(personal_values(count, ["Mentor"]), texts)  # kept on request
    wb = openpyxl.load_workbook(out)
    assert "zonder namen" in wb["Overzicht"]["A1"].value
    gestart = list(wb["Gestart"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in gestart][:len(started)] == [r[0] for r in started]  # the earlier weeks' too, by id
    assert all(r[1] is None for r in gestart)
    assert load_edited_plan(out).ok  # still re-imports
    capsys.readouterr()
    refused = tmp_path / "nee.xlsx"
    assert main(["next-week", str(w2), "--plandatum", d4.strftime("%d-%m-%Y"), "-o", str(refused),
                 "--zonder-namen", "--houd-kolom", "Naam"]) == EXIT_USAGE
    assert "nooit" in capsys.readouterr().err
    assert main(["next-week", str(w2), "--plandatum", d4.strftime("%d-%m-%Y"), "-o", str(refused),
                 "--houd-kolom", "Mentor"]) == EXIT_USAGE
    assert "--zonder-namen" in capsys.readouterr().err
    assert not refused.exists()
    loaded = load_edited_plan(w2)
    with pytest.raises(ValueError, match="namen of notities"):  # the API refuses before anything is written
        next_week_writer(next_week(loaded.problem, d4), loaded.extras, pseudonymise=True, keep_columns=["Naam"])


# ---- 23.9: the right to erasure ----------------------------------------------------------------------
def _placed_learner(s: Session) -> str:
    """A learner in a class whom another learner's 'Niet met' names, if there is one."""
    named = {x for lr in s.problem.learners for x in lr.not_with}
    placed = [a.learner_id for a in s.plan.assignments.values() if a.placed]
    return next((lid for lid in placed if lid in named), placed[0])


def test_erasure_leaves_no_trace_in_the_files_the_program_wrote(tmp_path, personal, session):
    from app.planner.editing import set_learner_lock
    from app.planner.recovery import RecoverySlot
    from app.planner.session import erase_learner

    s = copy.deepcopy(session)
    lid = _placed_learner(s)
    s.state = set_learner_lock(s.state, [lid], True)
    name, row = s.learner_name(lid), s.source.extras[lid]
    secrets = {lid, name, row["Notities"], row["BSN"], row["Mentor"]}
    project = tmp_path / "werk.klasvormer"
    save_project(project, s.to_project(), keep_source=True)  # the source holds the learner too
    s.project_path = project
    recovery = RecoverySlot(tmp_path / "herstel")
    recovery.write(s.to_project(origin=str(personal)), keep_source=True)
    exported = write_plan_workbook(s.problem, s.plan, tmp_path / "plan.xlsx", extras=s.source.extras)
    s.settings["exports"] = [str(exported)]
    assert found(secrets, zip_texts(project)) == secrets  # the scan finds them before

    report = erase_learner(s, lid, recovery=recovery)

    for path in (project, recovery.path):
        assert not found(secrets, zip_texts(path)), path
        assert lid.encode() not in path.read_bytes()
    assert lid not in s.problem.learner_by_id and lid not in s.plan.assignments
    assert not any(lid in c.members for c in s.plan.classes) and lid not in s.state.locks.learners
    assert not any(lid in lr.not_with for lr in s.problem.learners)
    assert lid not in s.source.extras and s.source.data is None
    back = load_project(project)  # the rewritten project opens, without the source
    assert back.source_bytes is None and lid not in back.problem.learner_by_id
    assert len(back.problem.learners) == len(session.problem.learners) - 1
    assert write_plan_workbook(back.problem, back.state.plan, tmp_path / "na.xlsx", extras=back.extras).exists()
    paths = {t.path for t in report.remaining}
    assert {str(exported), str(personal)} <= paths  # what it could not change, it names
    assert str(project) in {t.path for t in report.removed}
    assert all(name not in t.nl and name not in t.en for t in report.removed + report.remaining)


def test_erasing_an_unknown_learner_is_refused(session):
    from app.planner.editing import EditError
    from app.planner.session import erase_learner

    with pytest.raises(EditError):
        erase_learner(copy.deepcopy(session), "GEEN")

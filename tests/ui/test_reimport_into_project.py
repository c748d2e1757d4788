"""An edited plan workbook of the open project is read into that project (audit 6, GUI): the planner
saved a project, exported the plan, a coordinator changed the Klas column, and *Bestand → Aangepast
plan inlezen…* read it back. The edits were read, but the project was replaced by the workbook:
the title named the workbook and Ctrl+S offered a new project "bewerkt plan.klasvormer" next to it.
Now the re-read plan is an undoable change of the open project; a plan workbook of other learners
still opens as a new input, after the question about unsaved changes."""

from __future__ import annotations

from pathlib import Path

from app.planner import planning
from app.planner.project import load_project
from tests.app.test_cli_reimport import plan_of_a_cut, with_klas
from tests.ui.conftest import SAMPLE, load
from ui.window.files import CANCEL, DISCARD

WAIT = 60_000


def _project_with_export(window, qtbot, problem, state, folder: Path) -> tuple[Path, Path]:
    """Save the plan as project werk.klasvormer, open it, and export its plan workbook."""
    load(window, problem, state, extras={lr.id: {"Naam": f"Naam {lr.id}"} for lr in problem.learners})
    c = window.controller
    project = folder / "werk.klasvormer"
    assert c.save_project(project)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert window.open_path(project)
    out = folder / "plan.xlsx"
    with qtbot.waitSignal(c.exportFinished, timeout=WAIT) as done:
        assert c.export_plan(out)
    assert done.args[1] == ""
    return project, out


def _to_waiting_list(plan: Path, lid: str) -> Path:
    """The coordinator puts learner ``lid`` on the waiting list in the Klas column."""
    return with_klas(plan, lid, "wachtlijst")


def test_an_edited_plan_of_the_open_project_is_read_into_that_project(
        qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    project, plan = _project_with_export(window, qtbot, small_problem, solved_state, tmp_path)
    c = window.controller
    placed = next(a for a in solved_state.plan.assignments.values() if a.placed)
    edited = _to_waiting_list(plan, placed.learner_id)
    # an edit in the window not saved yet: it must not be lost, nor asked about (it stays, undoably)
    waiting = next(a.learner_id for a in solved_state.plan.assignments.values() if not a.placed)
    assert c.set_learner_lock([waiting], True)
    before = (c.problem, c.state)
    asked: list[int] = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or CANCEL)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT) as finished:
        assert window.open_path(edited, edited_plan=True)
    assert finished.args == [True]
    assert asked == []
    # the coordinator's edit is read: a pin to the waiting list, no plan until the re-plan
    assert c.problem.learner_by_id[placed.learner_id].pin is not None
    assert c.state is None and c.session.plan_edits is not None
    # ... into the project: its name in the title, modified, Ctrl+S saves into the project file
    assert c.session.project_path == project
    assert window.windowTitle().startswith("Klasvormer — werk.klasvormer")
    assert c.is_dirty() and window.isWindowModified()
    saved_as: list[tuple] = []
    monkeypatch.setattr(window, "ask_save_path", lambda *a: saved_as.append(a) or "")
    assert window.save()
    assert saved_as == [] and not c.is_dirty()
    assert not edited.with_suffix(".klasvormer").exists()
    again = load_project(project)
    assert again.problem.learner_by_id[placed.learner_id].pin == c.problem.learner_by_id[placed.learner_id].pin
    # undo takes the re-read plan back out (and the edit made before it stays)
    c.undo_stack.undo()
    assert (c.problem, c.state) == before
    assert c.session.plan_edits is None and c.session.project_path == project
    assert c.is_dirty()
    c.undo_stack.redo()
    assert c.problem.learner_by_id[placed.learner_id].pin is not None and c.session.plan_edits is not None
    # the re-plan in the project reports the coordinator's edit
    with qtbot.waitSignal(c.solveFinished, timeout=WAIT):
        assert c.start_solve(planning.FRESH, time_limit=0.5)  # read for its change report
    assert c.plan is not None and c.plan.assignments[placed.learner_id].class_id is None
    report = "\n".join(c.session.replan_changes().lines("nl"))
    assert f"Deelnemer {placed.learner_id}: {placed.class_id} -> wachtlijst (eigen wijziging)" in report
    assert window.windowTitle().startswith("Klasvormer — werk.klasvormer") and c.is_dirty()


def test_a_plan_workbook_of_other_learners_still_asks_first_and_opens_as_new_input(
        qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    project, _plan = _project_with_export(window, qtbot, small_problem, solved_state, tmp_path)
    c = window.controller
    (tmp_path / "ander").mkdir()
    other = plan_of_a_cut(tmp_path / "ander", SAMPLE, 30)
    assert c.set_learner_lock([next(iter(solved_state.plan.assignments))], True)  # unsaved work
    problem = c.problem
    asked: list[int] = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or CANCEL)
    window.open_path(other, edited_plan=True)
    qtbot.waitUntil(lambda: not c.opener.is_running(), timeout=WAIT)
    qtbot.wait(50)
    assert asked == [1]
    assert c.problem is problem and c.session.project_path == project and c.is_dirty()
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(2) or DISCARD)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert window.open_path(other, edited_plan=True)
    assert asked == [1, 2]
    assert c.session.project_path is None and c.session.source.name == other.name
    assert len(c.problem.learners) == 30 and not c.is_dirty()

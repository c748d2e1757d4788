"""The main window end to end: open, solve in the background, edit, undo, lock, re-optimize, export."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.planner import planning
from app.planner.project import load_project, project_lock_path, save_project
from app.planner.session import learner_rows
from app.safefile import FileLock, Owner, host_name
from tests.ui.conftest import SAMPLE, SOLVE_SECONDS, load
from ui.mainwindow import MainWindow
from ui.window.files import CANCEL, OPEN_ANYWAY, READ_ONLY

WAIT = 60_000
QUICK_SECONDS = 0.5
"""A background solve whose plan is read for what the window does with it (locks, undo, the
pages), not for how good it is: the solve waits out its limit unless it proves the plan optimal."""


def _waiting(state):
    return next(a.learner_id for a in state.plan.assignments.values() if not a.placed)


def _new_class(state):
    return next(c for c in state.plan.classes if not c.running)


def test_open_sample_fills_learners_and_no_issues(qtbot, window):
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        assert window.open_path(SAMPLE)
    assert window.learners_page.model.rowCount() == 300
    assert window.learners_page.proxy.rowCount() == 300
    assert window.issues.count() == 0  # the sample opens without warnings (samples/make_samples.py)
    assert "300" in window.learners_page.count.text()
    assert window.windowTitle().startswith("Klasvormer — b1_aanbieder.xlsx")
    assert sum(sum(v) for v in window.learners_page.histogram.data().values()) == 300


def test_issues_are_listed_and_clicking_one_shows_the_learner(qtbot, window, tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    ws["E7"] = "Mars"  # unknown district: a warning, the problem still loads
    path = tmp_path / "waarschuwing.xlsx"
    wb.save(path)
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        window.open_path(path)
    assert window.controller.problem is not None
    assert window.issues.count() >= 1 and window.issues_dock.isVisible()
    row = window.issues.show_issue(0)
    assert row.learner_id is not None
    assert "Mars" in window.issues.detail.toPlainText()
    assert window.tabs.currentIndex() == MainWindow.TAB_LEARNERS
    assert window.learners_page.selected_learner_ids() == [row.learner_id]
    current = window.learners_page.table.currentIndex()
    header = window.learners_page.model.headerData(current.column(), Qt.Orientation.Horizontal)
    assert header == row.column

    ws["C3"] = "abc"  # an error: no problem, the issue still shows the row
    bad = tmp_path / "fout.xlsx"
    wb.save(bad)
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        window.open_path(bad)
    assert window.controller.problem is None
    assert any(r.is_error for r in window.issues.model.rows())
    row = window.issues.show_issue(0)
    assert row.is_error and "abc" in window.issues.detail.toPlainText()
    assert not window.act_solve.isEnabled()
    # the learner table shows the file as read, with the learner and the field of the issue selected
    page = window.learners_page
    assert page.raw_mode and page.raw.rowCount() >= 299
    assert page.selected_learner_ids() == [row.learner_id]
    current = page.table.currentIndex()
    assert page.table.model().headerData(current.column(), Qt.Orientation.Horizontal) == row.column
    assert page.raw.cell_background(page.raw.row_at(page.raw.row_of(row.learner_id)),
                                    page.raw.columns[page.raw.column_of(row.column)]) is not None


def test_solve_in_background_then_move_undo_redo(qtbot, window, small_problem):
    load(window, small_problem)
    progress = []
    window.controller.solveProgress.connect(progress.append)
    with qtbot.waitSignal(window.controller.solveFinished, timeout=WAIT) as blocker:
        assert window.controller.start_solve(planning.FRESH, QUICK_SECONDS)
        assert window.act_stop.isEnabled() and not window.act_solve.isEnabled()
    outcome = blocker.args[0]
    assert outcome.ok and window.controller.plan is outcome.state.plan
    assert window.controller.undo_stack.count() == 1
    assert window.plan_page.classes.rowCount() == len(outcome.plan.classes)
    assert not window.controller.busy

    state = window.controller.state
    lid, cls = _waiting(state), _new_class(state)
    before = dict(state.plan.figures)
    assert window.controller.move_learners([lid], cls.id)
    assert window.controller.plan.assignments[lid].class_id == cls.id
    assert window.controller.figures_before["placed"] == before["placed"]
    assert window.controller.plan.figures["placed"] == before["placed"] + 1
    assert window.plan_page.figures.values["placed"][1].text().startswith("▲")
    assert "Verplaats" in window.controller.undo_stack.undoText()
    window.controller.undo_stack.undo()
    assert window.controller.plan.assignments[lid].class_id is None
    window.controller.undo_stack.redo()
    assert window.controller.plan.assignments[lid].class_id == cls.id
    assert window.isWindowModified()


def test_prove_box_adds_the_column_generation_bound(qtbot, window, small_problem):
    load(window, small_problem)
    page = window.optimize_page
    page.prove.setChecked(True)
    assert window.controller.session.settings["prove_bound"] is True
    with qtbot.waitSignal(window.controller.solveFinished, timeout=WAIT) as blocker:
        assert window.controller.start_solve(planning.FRESH, QUICK_SECONDS)
    plan = blocker.args[0].plan
    assert window.controller._solve_request.options.bound_seconds > 0
    assert plan.status == "OPTIMAL" or "colgen_bound" in plan.stats
    assert plan.bound <= plan.objective
    assert page.gap.text() != "-"


def test_lock_and_reoptimize_keeps_locks(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    cls = _new_class(solved_state)
    member = cls.members[0]
    waiting = _waiting(solved_state)
    assert c.set_learner_lock([member, waiting], True)
    assert c.set_class_lock(cls.id, True)
    assert not c.move_learners([member], None)  # locked learners stay put
    assert c.plan.class_by_id[cls.id].locked
    with qtbot.waitSignal(c.solveFinished, timeout=WAIT) as blocker:
        assert c.start_solve(planning.REOPTIMIZE, QUICK_SECONDS)
    outcome = blocker.args[0]
    assert outcome.ok
    plan = c.plan
    assert plan.assignments[member].class_id == cls.id
    assert plan.assignments[waiting].class_id is None
    assert cls.id in plan.class_by_id and plan.class_by_id[cls.id].locked
    assert c.state.locks.learners == {member, waiting}
    assert c.state.previous[member] == cls.id
    c.undo_stack.undo()  # back to the locked plan before re-optimizing
    assert c.plan is not plan


def _kind(c):
    return (c.route, c.location, c.schedule, c.start_week, c.level, c.language, c.group)


def _press_f5(qtbot, window):
    window.optimize_page.time_limit.setValue(int(SOLVE_SECONDS))  # F5 reads this box (2 s at least)
    with qtbot.waitSignal(window.controller.solveFinished, timeout=WAIT) as blocker:
        window.act_solve.trigger()
    return blocker.args[0]


def test_lock_a_learner_then_f5_keeps_the_class_and_undo(qtbot, window, small_problem, solved_state):
    """Issue 16.4: Ctrl+L on one learner, then F5, failed with 'die klas bestaat niet'."""
    load(window, small_problem, solved_state)
    c = window.controller
    cls = _new_class(solved_state)
    member = cls.members[0]
    window.tabs.setCurrentIndex(window.TAB_PLAN)
    assert window.plan_page.select_learner(member)
    assert window.plan_page.selected_learner_ids() == [member]
    window.act_lock.trigger()  # Ctrl+L
    assert member in c.state.locks.learners
    outcome = _press_f5(qtbot, window)
    assert outcome is not None and outcome.ok, window.messages
    assert not window.messages
    plan = c.plan
    assert plan.assignments[member].class_id == cls.id
    assert _kind(plan.class_by_id[cls.id]) == _kind(cls)
    assert member in c.state.locks.learners
    # undo the plan, then the lock: the learner is free again and F5 still plans
    c.undo_stack.undo()
    assert c.plan is not plan and member in c.state.locks.learners
    c.undo_stack.undo()
    assert member not in c.state.locks.learners
    assert _press_f5(qtbot, window).ok
    # Ctrl+Shift+L on the class of a learner locked again, then F5
    window.tabs.setCurrentIndex(window.TAB_PLAN)
    cls = _new_class(c.state)
    member = cls.members[0]
    assert window.plan_page.select_learner(member)
    window.act_lock.trigger()
    assert window.plan_page.select_class(cls.id)
    window.act_lock_class.trigger()
    assert cls.id in c.state.locks.classes and member in c.state.locks.learners
    outcome = _press_f5(qtbot, window)
    assert outcome.ok, window.messages
    assert c.plan.assignments[member].class_id == cls.id and c.plan.class_by_id[cls.id].locked
    assert _kind(c.plan.class_by_id[cls.id]) == _kind(cls)


def test_stop_returns_best_plan_and_close_during_solve_is_clean(qtbot, window, small_problem):
    load(window, small_problem)
    c = window.controller
    with qtbot.waitSignal(c.solveFinished, timeout=WAIT) as blocker:
        c.start_solve(planning.FRESH, 120)
        qtbot.wait(300)
        window.act_stop.trigger()
    assert blocker.args[0] is not None and blocker.args[0].stopped
    assert c.start_solve(planning.FRESH, 120)
    qtbot.wait(200)
    window.close()  # sets the stop flag and waits for the thread
    assert not c.solver.is_running()


def test_drag_from_waiting_list_onto_a_class_moves(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    page = window.plan_page
    lid = _waiting(solved_state)
    row = page.waiting.row_of(lid)
    data = page.waiting.mimeData([page.waiting.index(row, 0)])
    target = page.classes.row_at(0).id
    page.class_proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1,
                                  page.class_proxy.mapFromSource(page.classes.index(0, 0)))
    assert window.controller.plan.assignments[lid].class_id == target
    assert page.waiting.row_of(lid) == -1
    # and back onto the waiting list
    members = page.members
    page.select_class(target)
    data = members.mimeData([members.index(members.row_of(lid), 0)])
    page.waiting.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, page.waiting.index(0, 0))
    assert window.controller.plan.assignments[lid].class_id is None


def test_move_dialog_lists_fitting_classes_first(qtbot, window, small_problem, solved_state):
    from ui.dialogs import WAITLIST_ROW, MoveDialog

    load(window, small_problem, solved_state)
    lid = _waiting(solved_state)
    dialog = MoveDialog(small_problem, solved_state, [lid], window)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert rows[0].id == WAITLIST_ROW
    assert {r.id for r in rows[1:]} <= set(solved_state.plan.class_by_id)
    dialog.choose(rows[1].id)
    assert dialog.target == rows[1].id


def test_export_template_and_project_round_trip(qtbot, window, small_problem, solved_state, tmp_path):
    load(window, small_problem, solved_state, extras={"D00001": {"Naam": "Amal"}})
    c = window.controller
    out = tmp_path / "plan.xlsx"
    with qtbot.waitSignal(c.exportFinished, timeout=WAIT) as blocker:
        assert c.export_plan(out)
    assert blocker.args == [str(out), ""]
    assert "Klassen" in openpyxl.load_workbook(out, read_only=True).sheetnames
    assert c.write_template(tmp_path / "sjabloon.xlsx")
    assert (tmp_path / "sjabloon.xlsx").exists()

    lid, cls = _waiting(solved_state), _new_class(solved_state)
    c.move_learners([lid], cls.id)
    c.set_learner_lock([lid], True)
    assert c.is_dirty()
    project = tmp_path / "werk.klasvormer"
    assert c.save_project(project) and not c.is_dirty()
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        window.open_path(project)
    assert c.problem == small_problem
    assert c.plan.assignments[lid].class_id == cls.id and lid in c.state.locks.learners
    assert c.session.source.extras == {"D00001": {"Naam": "Amal"}}


def test_locks_set_in_the_window_survive_the_plan_workbook(qtbot, window, small_problem, solved_state, tmp_path):
    # a learner locked in the window was exported without a mark: after the coordinator's round trip
    # through the workbook the lock was gone and the re-plan was free to move them
    from app.workbook.reimport import load_edited_plan

    load(window, small_problem, solved_state)
    c = window.controller
    placed = next(a for a in solved_state.plan.assignments.values() if a.class_id is not None)
    waiting = _waiting(solved_state)
    c.set_learner_lock([placed.learner_id, waiting], True)
    out = tmp_path / "plan.xlsx"
    with qtbot.waitSignal(c.exportFinished, timeout=WAIT):
        assert c.export_plan(out)
    back = load_edited_plan(out)
    assert not back.errors
    # (besides the learners who start on the plan date, held where they start: no locks of the window's)
    pins = {lr.id: lr.pin for lr in back.problem.learners if lr.pin is not None and lr.id not in back.problem.held}
    assert pins == {placed.learner_id: placed.class_id, waiting: "WACHTLIJST"}
    assert c.session.problem.learner_by_id[placed.learner_id].pin is None  # the open problem is not changed


def test_the_template_speaks_the_windows_language(window, tmp_path):
    window.switch_language("en")
    try:
        assert window.controller.write_template(tmp_path / "template.xlsx")
    finally:
        window.switch_language("nl")
    assert window.controller.write_template(tmp_path / "sjabloon.xlsx")
    titles = [openpyxl.load_workbook(tmp_path / name)["Uitleg"]["A1"].value for name in ("template.xlsx", "sjabloon.xlsx")]
    assert titles == ["Klasvormer - input workbook", "Klasvormer - invoerwerkmap"]


def _dead_pid() -> int:
    """The pid of a process that has ended (and was reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_autosave_and_recovery_offer(qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    assert not window.autosave()  # nothing to lose yet
    c.move_learners([_waiting(solved_state)], _new_class(solved_state).id)
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT) as blocker:
        assert window.autosave()
    assert blocker.args == [""]
    assert not window.autosave()  # nothing new since the last autosave: not written again
    rec_dir = window.recovery_dir
    rec = window.recovery.path
    assert rec.exists() and oct(rec.stat().st_mode & 0o777) == "0o600"

    # a second window while the first runs: the first's live autosave is neither offered nor removed
    second = MainWindow(recovery_dir=rec_dir)
    qtbot.addWidget(second)
    offered = []
    monkeypatch.setattr(second, "ask_restore", lambda r: offered.append(r) or False)
    second.start(None)
    assert offered == [] and rec.exists()
    second.close()  # a normal close of the second keeps the first's file
    assert rec.exists() and window.recovery.lock.held()

    # the first instance is killed (its lock now names a process that has ended)
    FileLock(window.recovery.lock.path, Owner(_dead_pid(), host_name(), "test", datetime.now()))
    other = MainWindow(recovery_dir=rec_dir)
    qtbot.addWidget(other)
    monkeypatch.setattr(other, "ask_restore", lambda rec: True)
    monkeypatch.setattr(other, "show_message", lambda *a: None)
    with qtbot.waitSignal(other.controller.openFinished, timeout=WAIT):
        other.start(SAMPLE)
    assert other.controller.plan is not None and other.controller.problem == small_problem
    assert other.controller.is_dirty() and other.controller.session.project_path is None
    assert not rec.exists() and other.recovery.path.exists()  # taken over with one rename
    other.controller.undo_stack.setClean()
    other.close()
    assert not other.recovery.path.exists()  # a clean close removes it
    assert not other.recovery.lock.path.exists()


def test_failed_autosave_is_shown_and_retried(qtbot, window, small_problem, solved_state, monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    c.move_learners([_waiting(solved_state)], _new_class(solved_state).id)
    real_write = window.recovery.write

    def disk_full(project, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(window.recovery, "write", disk_full)
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT) as blocker:
        assert window.autosave()
    assert blocker.args[0] == "de schijf is vol"  # in the planner's words, not Python's "[Errno 28] No space left ..."
    assert window.autosave_label.isVisibleTo(window) and "mislukt" in window.autosave_label.text()
    assert "Automatisch opslaan mislukt: de schijf is vol." in window.statusBar().currentMessage()
    assert len(window.messages) == 1 and "mislukt" in window.messages[0][0]
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT):
        assert window.autosave()  # the next tick tries again ...
    assert len(window.messages) == 1  # ... and the dialog came only once
    monkeypatch.setattr(window.recovery, "write", real_write)
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT) as blocker:
        assert window.autosave()
    assert blocker.args == [""] and window.recovery.path.exists()
    assert not window.autosave_label.isVisibleTo(window)


def test_project_lock_and_changed_on_disk(qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    project = tmp_path / "werk.klasvormer"
    assert c.save_project(project)
    assert project_lock_path(project).exists() and c.project_lock.held()
    assert oct(project.stat().st_mode & 0o777) == "0o600"
    # another instance (a live process that is not us) has it open
    FileLock(project_lock_path(project), Owner(os.getppid(), host_name(), "anna", datetime(2026, 3, 2, 9, 15)))
    asked = []
    monkeypatch.setattr(window, "ask_locked", lambda holder: asked.append(holder) or CANCEL)
    assert not window.open_path(project)
    assert asked[0].owner.user == "anna" and "anna" in window._holder_text(asked[0])
    monkeypatch.setattr(window, "ask_locked", lambda holder: READ_ONLY)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert window.open_path(project)
    assert c.read_only and c.project_lock is None and "alleen-lezen" in window.windowTitle()
    monkeypatch.setattr(window, "ask_save_path", lambda *a: "")
    before = project.read_bytes()
    c.move_learners([_waiting(solved_state)], _new_class(solved_state).id)
    assert not window.save()  # read-only: only under another name (declined here)
    assert project.read_bytes() == before

    # open anyway: the lock becomes ours; a change on disk since then is noticed before saving
    monkeypatch.setattr(window, "ask_locked", lambda holder: OPEN_ANYWAY)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert window.open_path(project)
    assert not c.read_only and c.project_lock.held()
    theirs = load_project(project)
    theirs.settings = {"time_limit": 99}
    save_project(project, theirs)  # the other instance saves meanwhile
    c.move_learners([_waiting(solved_state)], _new_class(solved_state).id)
    questions = []
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: questions.append(text) or False)
    assert not window.save()
    assert "gewijzigd" in questions[0] and load_project(project).settings == {"time_limit": 99}
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: True)
    assert window.save() and not c.is_dirty()
    assert load_project(project).settings != {"time_limit": 99}
    window.close()
    assert not project_lock_path(project).exists()  # closing releases the lock


def test_read_only_files_are_replaced_only_when_confirmed(qtbot, window, small_problem, solved_state, tmp_path,
                                                          monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o444)
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: False)
    window.export_dialog()
    assert not c.exporter.is_running() and out.read_bytes() == b"old"
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: True)
    with qtbot.waitSignal(c.exportFinished, timeout=WAIT) as blocker:
        window.export_dialog()
    assert blocker.args == [str(out), ""]
    assert zipfile.is_zipfile(out) and oct(out.stat().st_mode & 0o777) == "0o444"  # replaced, still read-only


def test_capacity_edits_are_undoable_and_checked(qtbot, window, small_problem):
    load(window, small_problem)
    page = window.capacity_page
    c = window.controller
    idx = page.teachers.index(0, 0)  # ochtend, ma
    before = c.problem.teachers["ma-ochtend"]
    assert page.teachers.setData(idx, before + 3)
    assert c.problem.teachers["ma-ochtend"] == before + 3
    assert page.teachers.setData(idx, before + 4)  # same cell: merges into one undo step
    assert c.undo_stack.count() == 1
    c.undo_stack.undo()
    assert c.problem.teachers["ma-ochtend"] == before
    rejected = []
    page.teachers.rejected.connect(rejected.append)
    assert not page.teachers.setData(idx, -2)
    assert rejected and c.problem.teachers["ma-ochtend"] == before

    page.start_weeks.setText("0, 99")
    assert page._check_start_weeks("0, 99") is not None and page.start_error.isVisibleTo(page)
    page.start_weeks.setText("0, 4, 8")
    page._commit_start_weeks()
    assert c.problem.start_weeks == (0, 4, 8)
    col = 2  # max_size
    assert page.routes.setData(page.routes.index(0, col), 12)
    assert c.problem.route_by_name["B1"].max_size == 12
    assert page.routes.setData(page.routes.index(0, 1), 14)  # min above max: allowed, but listed
    assert any("groter dan maximale" in page.checks.item(i).text() for i in range(page.checks.count()))
    assert not window.act_solve.isEnabled() or c.problems()


def test_weights_presets_and_sliders(qtbot, window, small_problem):
    load(window, small_problem)
    page = window.weights_page
    c = window.controller
    page.apply_preset("homogeen")
    assert c.problem.weights.misfit == 4 and page.preset_buttons["homogeen"].isChecked()
    page.spins["travel"].setValue(3)
    assert c.problem.weights.travel == 3 and not page.preset_buttons["homogeen"].isChecked()
    assert "minuten" in page.ratio.text()
    c.undo_stack.undo()
    c.undo_stack.undo()
    assert c.problem.weights == small_problem.weights


def test_tradeoff_in_background_and_adopt_a_plan(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    page = window.compare_page
    with qtbot.waitSignal(c.tradeoff_runner.finished, timeout=WAIT):
        assert c.start_tradeoff(3, 1.5)
    n = len(c.tradeoff_points)
    assert 1 <= n <= 3  # the frontier: up to three distinct plans
    assert page.model.columnCount() == 1 + n  # the current plan and the frontier's
    assert len(page.chart.points()) == 1 + n
    page.select_point(0)
    assert page.adopt.isEnabled()
    page.adopt.click()
    assert c.plan is c.tradeoff_points[0].plan or c.plan.objective == c.tradeoff_points[0].plan.objective
    assert c.problem.weights == c.tradeoff_points[0].weights
    c.undo_stack.undo()
    assert c.problem.weights == small_problem.weights


def test_tradeoff_with_a_cap_on_waiting_selects_the_plan_within_it(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    page = window.compare_page
    page.cap_kind.setCurrentIndex(1)  # mean wait at most ...
    assert page.cap_value.isEnabled()
    assert page.cap_value.value() == pytest.approx(solved_state.plan.figures["wait_mean"], abs=0.05)  # the current plan's
    page.cap_value.setValue(99.0)
    page.points.setValue(3)
    page.seconds.setValue(6)
    messages: list[str] = []
    c.statusMessage.connect(messages.append)
    with qtbot.waitSignal(c.tradeoffChosen, timeout=WAIT) as chosen:
        window.compute_tradeoff()
    index, met = chosen.args
    # three plans' time: one on the weight line, then the last solve with two shares
    assert met and len(c.tradeoff_points) == 2
    assert page._selected_point == index and page.adopt.isEnabled()
    # the chosen plan is the most homogeneous of them (all keep a cap of 99 weeks)
    assert c.tradeoff_points[index].mean_misfit == min(p.mean_misfit for p in c.tradeoff_points)
    assert any("blijft binnen de grens" in m for m in messages)
    assert c.tradeoff_cap == (99.0, None)  # drawn as a line in the chart
    page.cap_kind.setCurrentIndex(0)
    assert not page.cap_value.isEnabled() and page.cap() == {}


def test_map_shows_waiting_learners_and_a_class(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    page = window.map_page
    cls = _new_class(solved_state)
    window.plan_page.select_class(cls.id)
    assert page.class_combo.currentData() == cls.id
    layers = page.map.layers
    waiting = sum(1 for a in solved_state.plan.assignments.values() if not a.placed)
    assert sum(p.count for p in layers.waiting) == waiting
    assert sum(p.count for p in layers.members) == cls.size
    assert layers.class_location is not None and len(layers.districts) == 9
    window.tabs.setCurrentIndex(MainWindow.TAB_MAP)
    assert not page.map.grab().isNull()


def test_language_switch_rebuilds_in_english_and_is_saved(qtbot, window, small_problem, solved_state):
    from ui import settings as prefs
    from ui.i18n import language

    load(window, small_problem, solved_state)
    window.switch_language("en")
    assert language() == "en" and prefs.saved_language() == "en"
    assert window.tabs.tabText(0) == "Learners" and window.tabs.tabText(4) == "Plan"
    assert window.plan_page.classes.rowCount() == len(solved_state.plan.classes)
    lid = _waiting(solved_state)
    row = learner_rows(small_problem, solved_state, ids=[lid])[0]
    assert row.reason is not None and row.reason.text("en") in [
        window.plan_page.waiting.data(window.plan_page.waiting.index(i, window.plan_page.waiting.column_of("reason")))
        for i in range(window.plan_page.waiting.rowCount())]
    window.switch_language("nl")
    assert window.tabs.tabText(0) == "Deelnemers"


def test_keyboard_shortcuts(window):
    def keys(act):
        return {k.toString() for k in act.shortcuts()}

    assert "Ctrl+O" in keys(window.act_open) and "Ctrl+S" in keys(window.act_save)
    assert "Ctrl+Z" in keys(window.act_undo) and "Ctrl+Y" in keys(window.act_redo)
    assert "F5" in keys(window.act_solve) and "Shift+F5" in keys(window.act_reoptimize)
    assert "Esc" in keys(window.act_stop) and "Ctrl+M" in keys(window.act_move)
    assert "Ctrl+L" in keys(window.act_lock)


@pytest.mark.parametrize("name", ["b1_aanbieder.xlsx"])
def test_file_drop_opens_a_workbook(qtbot, window, tmp_path, name):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / name
    shutil.copy(SAMPLE, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        window.dropEvent(event)
    assert window.controller.problem is not None

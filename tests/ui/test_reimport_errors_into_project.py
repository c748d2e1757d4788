"""An edited plan workbook of the open project that has input errors leaves the project as it is.

Found from outside (the reopen audit): such a workbook (a learner put in a class that does not
exist, say) was no reason to read it into the project, so it was opened in the project's place,
after the question about unsaved changes, only to show its errors; the planner then had to open
the project again. Now the errors are said, with their cells, and the project stays."""

from __future__ import annotations

import openpyxl

from tests.app.test_cli_reimport import row_of, with_klas
from tests.ui.test_reimport_into_project import WAIT, _project_with_export


def test_an_edited_plan_with_errors_is_refused_with_its_errors_and_the_project_stays(
        qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    project, plan = _project_with_export(window, qtbot, small_problem, solved_state, tmp_path)
    c = window.controller
    placed = next(a for a in solved_state.plan.assignments.values() if a.placed)
    edited = with_klas(plan, placed.learner_id, "K-BESTAAT-NIET")  # no such class: an input error at that cell
    row = row_of(openpyxl.load_workbook(edited)["Deelnemers"], placed.learner_id)
    assert c.set_learner_lock([placed.learner_id], True)  # unsaved work in the window
    problem, state = c.problem, c.state
    asked: list[int] = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or 0)
    errors: list[tuple[str, str]] = []
    c.errorMessage.connect(lambda title, text: errors.append((title, text)))
    with qtbot.waitSignal(c.openFinished, timeout=WAIT) as finished:
        assert window.open_path(edited, edited_plan=True)
    assert finished.args == [False]
    assert asked == []  # nothing to ask: the project is not left
    assert (c.problem, c.state) == (problem, state) and c.session.project_path == project and c.is_dirty()
    assert c.session.plan_edits is None
    [(title, text)] = errors
    assert title == "Aangepast plan niet ingelezen"
    assert text.startswith("bewerkt plan.xlsx is een plan van dit project, maar heeft 1 fout; het project blijft")
    assert "K-BESTAAT-NIET" in text and f"rij {row}" in text

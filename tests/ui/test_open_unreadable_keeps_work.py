"""A file of which nothing can be read does not replace the work open.

Found from outside (audit 7, the window at 1366x768): with the sample and a plan open, opening a
picture, a PDF or a text file named .xlsx replaced the session with an empty one ("1 fout"), the
planner's workbook and plan gone for a file that could never be read. Now the error is said and
what was open stays; a learner list with errors still opens, to show its errors at their cells."""

from __future__ import annotations

import openpyxl

from tests.ui.conftest import SAMPLE, load
from tests.ui.test_reimport_into_project import WAIT
from ui.window.files import DISCARD


def _open(window, qtbot, path, monkeypatch) -> tuple[list, list]:
    c = window.controller
    monkeypatch.setattr(window, "ask_save_changes", lambda: DISCARD)  # "niet opslaan": the work may go
    errors: list[tuple[str, str]] = []
    c.errorMessage.connect(lambda title, text: errors.append((title, text)))
    with qtbot.waitSignal(c.openFinished, timeout=WAIT) as finished:
        assert window.open_path(path)
    return finished.args, errors


def test_a_file_that_is_no_workbook_leaves_the_work_open(qtbot, window, small_problem, solved_state, tmp_path,
                                                         monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    problem, state = c.problem, c.state
    fake = tmp_path / "deelnemers.xlsx"
    fake.write_text("naam;niveau\nAmina;40\n", encoding="utf-8")  # text, not a workbook
    args, errors = _open(window, qtbot, fake, monkeypatch)
    assert args == [False]
    assert (c.problem, c.state) == (problem, state)
    [(title, text)] = errors
    assert title == "Openen mislukt"
    assert text.startswith("Uit deelnemers.xlsx kon niets worden gelezen; wat open is, blijft open.")
    assert "geen Excel-werkmap" in text


def test_a_learner_list_with_errors_still_opens_to_show_them(qtbot, window, small_problem, solved_state, tmp_path,
                                                             monkeypatch):
    load(window, small_problem, solved_state)
    c = window.controller
    bad = tmp_path / "met_fouten.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Deelnemers"].cell(3, 3).value = "abc"  # a cell a learner list can have wrong
    wb.save(bad)
    args, errors = _open(window, qtbot, bad, monkeypatch)
    assert args == [True] and errors == []
    assert c.problem is None and c.session.source.name == bad.name
    assert any(i.is_error for i in c.session.source.issues)

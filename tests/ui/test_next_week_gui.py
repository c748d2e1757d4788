"""*Volgende planweek…* (Bestand): the window carries a plan workbook over to a later plan date
as ``klasvormer volgende-week`` does (:func:`app.planner.next_week.next_week`)."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtWidgets import QFileDialog

from app.workbook import load_edited_plan, write_input_workbook, write_plan_workbook
from tests.app.conftest import make_plan, make_problem


def _answers(window, monkeypatch, source, out, when):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(window, "ask_plan_date", lambda default: when)
    window.reports = []
    monkeypatch.setattr(window, "show_report", lambda title, text: window.reports.append(text))
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: False)


def test_the_menu_action_writes_the_next_weeks_workbook(window, monkeypatch, tmp_path):
    problem = make_problem()
    source = write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 2, 10))
    assert window.act_next_week.isEnabled()
    window.act_next_week.trigger()
    assert window.messages == []
    q = load_edited_plan(out).problem
    assert q.plan_date == date(2025, 2, 10)
    assert q.running_by_id["K1"].free_seats == 9 and [lr.id for lr in q.learners] == ["D5"]
    rows = list(openpyxl.load_workbook(out)["Gestart"].iter_rows(values_only=True))
    assert sorted(r[0] for r in rows[1:]) == ["D1", "D2", "D3", "D4"]
    assert "Klas K1 is gestart" in window.reports[0] and "4 deelnemers zijn gestart" in window.reports[0]


def test_the_menu_action_refuses_an_earlier_date_and_an_input_workbook(window, monkeypatch, tmp_path):
    problem = make_problem()
    source = write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 1, 6))
    window.next_week_dialog()
    assert not out.exists()
    assert "ligt niet na de plandatum van plan.xlsx (06-01-2025)" in window.messages[-1][1]
    _answers(window, monkeypatch, write_input_workbook(problem, tmp_path / "invoer.xlsx"), out, date(2025, 2, 10))
    window.next_week_dialog()
    assert not out.exists()
    assert "invoer.xlsx is geen planwerkmap" in window.messages[-1][1]


def test_the_plan_exported_from_a_next_week_workbook_keeps_gestart(window, qtbot, tmp_path):
    """The window read the next period's workbook without its sheet Gestart: the plan exported
    from it (and from the project saved meanwhile) had lost everyone who started before."""
    from app.cli.klasvormer import main
    from app.planner import planning
    from app.planner.project import load_project

    problem = make_problem()
    source = write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")
    w2 = tmp_path / "volgende.xlsx"
    assert main(["next-week", str(source), "--plandatum", "10-02-2025", "-o", str(w2)]) == 0
    gestart = list(openpyxl.load_workbook(w2)["Gestart"].iter_rows(values_only=True))
    c = window.controller
    with qtbot.waitSignal(c.openFinished, timeout=30_000):
        assert c.open_file(w2)
    with qtbot.waitSignal(c.solveFinished, timeout=30_000):
        assert c.start_solve(planning.FRESH, time_limit=0.5)
    assert c.plan is not None
    project = tmp_path / "werk.klasvormer"
    assert c.save_project(project)
    assert len(load_project(project).started) == 4
    for out in (tmp_path / "plan.xlsx", tmp_path / "zonder_namen.xlsx"):
        with qtbot.waitSignal(c.exportFinished, timeout=30_000):
            assert c.export_plan(out, pseudonymise=out.stem == "zonder_namen")
        assert list(openpyxl.load_workbook(out)["Gestart"].iter_rows(values_only=True)) == gestart

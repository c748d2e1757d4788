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

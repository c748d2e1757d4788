"""*Volgende planweek…* (Bestand): the window carries a plan workbook over to a later plan date
as ``klasvormer volgende-week`` does (:func:`app.planner.next_week.next_week`), reading and
writing in the background (:class:`ui.control.next_week.NextWeekJobs`)."""

from __future__ import annotations

import threading
from datetime import date

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from app.planner.next_week import NextWeekError, PlanDateError
from app.workbook import load_edited_plan, write_input_workbook, write_plan_workbook
from tests.app.conftest import make_plan, make_problem
from ui.i18n import set_language


def _answers(window, monkeypatch, source, out, *when):
    """The window's questions answered: ``source`` to open, ``out`` to write, the plan dates
    ``when`` one after another (then cancel), never open the new workbook."""
    dates = list(when)
    window.asked = []

    def ask_plan_date(default):
        window.asked.append(default)
        return dates.pop(0) if dates else None

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(window, "ask_plan_date", ask_plan_date)
    window.reports = []
    monkeypatch.setattr(window, "show_report", lambda title, text: window.reports.append(text))
    monkeypatch.setattr(window, "ask_yes_no", lambda title, text: False)


def _finished(qtbot, window) -> None:
    """Wait until a report or a message is shown and no job of the next week runs."""
    qtbot.waitUntil(lambda: bool(window.reports or window.messages), timeout=30_000)
    qtbot.waitUntil(lambda: not window.controller.next_week_jobs.running(), timeout=30_000)


def _plan_workbook(tmp_path):
    problem = make_problem()
    return write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")


def test_the_menu_action_writes_the_next_weeks_workbook(window, monkeypatch, qtbot, tmp_path):
    source = _plan_workbook(tmp_path)
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 2, 10))
    assert window.act_next_week.isEnabled()
    window.act_next_week.trigger()
    _finished(qtbot, window)
    assert window.messages == []
    q = load_edited_plan(out).problem
    assert q.plan_date == date(2025, 2, 10)
    assert q.running_by_id["K1"].free_seats == 9 and [lr.id for lr in q.learners] == ["D5"]
    rows = list(openpyxl.load_workbook(out)["Gestart"].iter_rows(values_only=True))
    assert sorted(r[0] for r in rows[1:]) == ["D1", "D2", "D3", "D4"]
    assert "Klas K1 is gestart" in window.reports[0] and "4 deelnemers zijn gestart" in window.reports[0]
    assert window.asked == [date(2025, 1, 13)]  # a week after the workbook's plan date, by default


def test_the_job_runs_off_the_windows_thread_and_shows_it_is_busy(window, monkeypatch, qtbot, tmp_path):
    """It ran on the window's thread (a second on the sample, longer on a large list): the window
    froze meanwhile. Now the carrying over runs in a worker thread; meanwhile the window answers,
    shows the busy cursor and a status line, and the action is off until it is done."""
    import app.planner.next_week as nw_module

    source = _plan_workbook(tmp_path)
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 2, 10))
    entered, release, threads = threading.Event(), threading.Event(), []
    start_plan = nw_module.start_plan

    def held(problem):
        threads.append(threading.current_thread())
        entered.set()
        release.wait(5)  # on the window's thread (the old code) the window waits here, then goes on
        return start_plan(problem)

    monkeypatch.setattr(nw_module, "start_plan", held)
    window.act_next_week.trigger()
    qtbot.waitUntil(entered.is_set, timeout=30_000)
    try:
        assert threads == [t for t in threads if t is not threading.main_thread()] and threads
        assert window.controller.next_week_jobs.running()
        assert not window.act_next_week.isEnabled()
        cursor = QApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor
        assert "volgende.xlsx wordt geschreven" in window.statusBar().currentMessage()
        qtbot.wait(50)  # the window's event loop runs meanwhile
    finally:
        release.set()
    _finished(qtbot, window)
    assert window.reports and window.messages == []
    assert load_edited_plan(out).problem.plan_date == date(2025, 2, 10)
    assert window.act_next_week.isEnabled() and QApplication.overrideCursor() is None


def test_an_earlier_date_is_refused_as_the_command_line_refuses_it_and_asked_again(window, monkeypatch, qtbot,
                                                                                   tmp_path):
    """The window worded the refusal itself (without what the command line says about a date
    already moved on Instellingen) and stopped; one text for both now, and it asks again."""
    source = _plan_workbook(tmp_path)
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 1, 6), date(2025, 2, 12), date(2025, 2, 10))
    window.next_week_dialog()
    _finished(qtbot, window)
    not_later, not_whole = (m[1] for m in window.messages)
    assert not_later == NextWeekError("not_later", date(2025, 1, 6), date(2025, 1, 6)).text(name="plan.xlsx")
    assert "ligt niet na de plandatum van plan.xlsx (06-01-2025)" in not_later
    assert "zet daar dan de vorige plandatum terug" in not_later
    assert "ligt 37 dagen na de plandatum van plan.xlsx (06-01-2025), geen hele weken" in not_whole
    assert "bijvoorbeeld 17-02-2025" in not_whole
    assert window.asked == [date(2025, 1, 13), date(2025, 1, 13), date(2025, 2, 17)]  # a date that would do
    assert load_edited_plan(out).problem.plan_date == date(2025, 2, 10)


def test_the_refusal_is_english_in_english(window, monkeypatch, qtbot, tmp_path):
    source = _plan_workbook(tmp_path)
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, source, out, date(2025, 1, 6))
    set_language("en")
    try:
        window.next_week_dialog()
        _finished(qtbot, window)
    finally:
        set_language("nl")
    text = window.messages[-1][1]
    assert text == NextWeekError("not_later", date(2025, 1, 6), date(2025, 1, 6)).text(
        "en", name="plan.xlsx", day=lambda d: d.isoformat())
    assert "is not after the plan date of plan.xlsx (2025-01-06)" in text and not out.exists()


def test_an_input_workbook_and_a_write_that_fails_are_said(window, monkeypatch, qtbot, tmp_path):
    problem = make_problem()
    out = tmp_path / "volgende.xlsx"
    _answers(window, monkeypatch, write_input_workbook(problem, tmp_path / "invoer.xlsx"), out, date(2025, 2, 10))
    window.next_week_dialog()
    _finished(qtbot, window)
    assert not out.exists()
    assert "invoer.xlsx is geen planwerkmap" in window.messages[-1][1]

    window.messages.clear()
    (tmp_path / "bestand").write_text("geen map")
    blocked = tmp_path / "bestand" / "volgende.xlsx"  # under a file: cannot be written
    _answers(window, monkeypatch, _plan_workbook(tmp_path), blocked, date(2025, 2, 10))
    window.next_week_dialog()
    _finished(qtbot, window)
    assert window.reports == []
    said = window.messages[-1][1]
    assert said.startswith(f"Kan {blocked} niet schrijven: ") and "bestand" in said
    assert not blocked.exists() and window.act_next_week.isEnabled()


def test_a_job_that_fails_is_said(window, monkeypatch, qtbot, tmp_path):
    import ui.control.next_week as jobs

    def broken(problem, new_date):
        raise RuntimeError("kapot")

    monkeypatch.setattr(jobs, "next_week", broken)
    _answers(window, monkeypatch, _plan_workbook(tmp_path), tmp_path / "volgende.xlsx", date(2025, 2, 10))
    window.next_week_dialog()
    _finished(qtbot, window)
    assert window.messages[-1] == ("Volgende planweek", "Volgende planweek mislukt: kapot")
    assert window.act_next_week.isEnabled() and QApplication.overrideCursor() is None


def _typed(monkeypatch, *texts):
    """The date dialog answered with ``texts`` one after another, then cancelled."""
    answers = list(texts)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (answers.pop(0), True) if answers else ("", False))


def test_the_date_dialog_takes_the_dates_the_command_line_takes(window, monkeypatch):
    """The dialog took DD-MM-JJJJ only; the command line also YYYY-MM-DD and DD/MM/YYYY."""
    for text in ("10-02-2025", "2025-02-10", "10/02/2025", " 10-2-2025 "):
        _typed(monkeypatch, text)
        assert window.ask_plan_date(date(2025, 1, 13)) == date(2025, 2, 10), text
    assert window.messages == []


def test_a_text_that_is_no_date_is_said_in_the_windows_language_and_asked_again(window, monkeypatch):
    _typed(monkeypatch, "13-2025", "2025-02-10")
    assert window.ask_plan_date(date(2025, 1, 13)) == date(2025, 2, 10)
    assert window.messages == [("Volgende planweek", PlanDateError("13-2025").text())]
    assert window.messages[0][1].startswith("'13-2025' is geen datum: geef de nieuwe plandatum als DD-MM-JJJJ")
    set_language("en")
    try:
        _typed(monkeypatch, "31-02-2025")
        assert window.ask_plan_date(date(2025, 1, 13)) is None  # cancelled after the message
    finally:
        set_language("nl")
    assert window.messages[-1][1] == ("'31-02-2025' is not a date: give the new plan date as DD-MM-YYYY (or "
                                      "YYYY-MM-DD, DD/MM/YYYY), for example 14-12-2026.")


def test_the_plan_exported_from_a_next_week_workbook_keeps_gestart(window, qtbot, tmp_path):
    """The window read the next period's workbook without its sheet Gestart: the plan exported
    from it (and from the project saved meanwhile) had lost everyone who started before."""
    from app.cli.klasvormer import main
    from app.planner import planning
    from app.planner.project import load_project

    w2 = tmp_path / "volgende.xlsx"
    assert main(["next-week", str(_plan_workbook(tmp_path)), "--plandatum", "10-02-2025", "-o", str(w2)]) == 0
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

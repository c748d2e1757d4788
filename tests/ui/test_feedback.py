"""Issue 20.7: feedback that is current — after undo, after Esc, behind an error dialog, the gap."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from app.planner import planning
from tests.ui.conftest import load
from ui.i18n import set_language
from ui.models.figures import status_text

WAIT = 60_000


def _waiting(state):
    return next(a.learner_id for a in state.plan.assignments.values() if not a.placed)


def test_undo_replaces_the_undone_moves_message(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    state = c.state
    lid = _waiting(state)
    cls = next(k for k in state.plan.classes if not k.running)
    assert c.move_learners([lid], cls.id)
    moved = window.statusBar().currentMessage()
    assert moved
    window.act_undo.trigger()
    now = window.statusBar().currentMessage()
    assert now != moved and "Let op" not in now
    assert now.startswith("Ongedaan gemaakt")
    window.act_redo.trigger()
    assert window.statusBar().currentMessage().startswith("Opnieuw uitgevoerd")


def test_status_after_esc_says_stopped_early(qtbot, window, small_problem):
    load(window, small_problem)
    c = window.controller
    with qtbot.waitSignal(c.solveFinished, timeout=WAIT) as blocker:
        assert c.start_solve(planning.FRESH, 120)
        qtbot.wait(400)
        window.act_stop.trigger()
    outcome = blocker.args[0]
    assert outcome is not None and outcome.stopped and outcome.ok
    assert "gestopt" in window.statusBar().currentMessage().lower()
    assert "gestopt" in window.optimize_page.status.text().lower()


def test_page_says_the_solve_ended_before_the_error_dialog(qtbot, window, small_problem, monkeypatch):
    load(window, small_problem)
    seen = []
    monkeypatch.setattr(window, "show_message",
                        lambda title, text: seen.append((title, window.optimize_page.status.text())))

    def broken(*_a, **_k):
        raise RuntimeError("kapot")

    monkeypatch.setattr(planning, "run_solve", broken)
    with qtbot.waitSignal(window.controller.solveFinished, timeout=WAIT):
        assert window.controller.start_solve(planning.FRESH, 5)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    title, page_text = seen[0]
    assert "loopt" not in page_text
    assert "mislukt" in page_text.lower()


def test_plan_status_names_the_proven_gap():
    set_language("nl")
    good = SimpleNamespace(status="FEASIBLE", gap=0.032)
    assert "hoogstens 3,2% van het best mogelijke" in status_text(good, False)
    unknown = SimpleNamespace(status="FEASIBLE", gap=float("inf"))
    assert "niet bewezen optimaal" in status_text(unknown, False)
    set_language("en")
    try:
        assert "at most 3.2% from the best possible" in status_text(good, False)
    finally:
        set_language("nl")


def test_issues_panel_wraps_a_long_message_instead_of_cutting_it_off(qtbot, window, tmp_path):
    """Issue 20.8: "kapot.xlsx is geen Excel-werkmap…" was cut off at the panel's edge."""
    bad = tmp_path / "kapot.xlsx"
    bad.write_text("dit is geen werkmap")
    window.resize(1366, 768)
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        window.open_path(bad)
    panel = window.issues
    assert panel.count() >= 1
    qtbot.waitUntil(lambda: panel.table.isVisible(), timeout=5_000)
    table, model = panel.table, panel.model
    col = model.column_of("message")
    message = model.data(model.index(0, col))
    assert "kapot.xlsx" in message
    assert table.wordWrap()
    right = table.columnViewportPosition(col) + table.columnWidth(col)
    assert right <= table.viewport().width() + 1  # the message column never runs past the view
    lines = table.fontMetrics().horizontalAdvance(message) / max(1, table.columnWidth(col))
    if lines > 1:  # wider than its column: the row grows to show every line
        assert table.rowHeight(0) >= 2 * table.fontMetrics().height()
    assert model.data(model.index(0, col), Qt.ItemDataRole.ToolTipRole) == message
    assert message.split()[0] in panel.detail.toPlainText()  # shown in full beside the list at once


def test_map_labels_do_not_overlap(qtbot, window, small_problem, solved_state):
    """Issue 20.8: district labels covered the location labels."""
    from ui.mainwindow import MainWindow

    load(window, small_problem, solved_state)
    window.resize(1366, 768)
    window.tabs.setCurrentIndex(MainWindow.TAB_MAP)
    mapw = window.map_page.map
    for size in ((560, 420), (900, 640)):
        mapw.resize(*size)
        assert not mapw.grab().isNull()
        boxes = mapw.label_boxes
        places = [b for k, _n, b in boxes if k == "location"]
        districts = [b for k, _n, b in boxes if k == "district"]
        assert places and districts
        for d in districts:
            for loc in places:
                assert not d.intersects(loc), (size, d, loc)

"""Issue 20.7: feedback that is current — after undo, after Esc, behind an error dialog, the gap."""

from __future__ import annotations

from types import SimpleNamespace

from app import planning
from tests.ui.conftest import load
from ui.i18n import set_language
from ui.pages.plan import status_text

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

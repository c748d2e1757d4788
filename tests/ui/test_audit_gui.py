"""Defects of the GUI audit at 1366 x 768: what the learner actions act on, the move dialog's
preselected row, adopting a trade-off plan, the English labels, small texts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.planner import planning
from optimizer import solve
from optimizer.options import SolveOptions
from optimizer.tradeoff import rescore
from tests.ui.conftest import load
from ui.i18n import number
from ui.mainwindow import MainWindow


def _selected_row(dialog):
    rows = dialog.table.selectionModel().selectedRows()
    assert len(rows) == 1
    return dialog.model.row_at(dialog.proxy.mapToSource(rows[0]).row())


def test_learner_actions_follow_the_visible_table_only(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    window.tabs.setCurrentIndex(MainWindow.TAB_PLAN)
    page = window.plan_page
    page.tabs.setCurrentIndex(1)
    page.waiting_table.selectRow(0)
    waiting = page.selected_learner_ids()
    assert len(waiting) == 1
    assert window.act_lock.isEnabled()
    # back to the members of a class with nothing selected there: the waiting learner is hidden
    page.tabs.setCurrentIndex(0)
    page.member_table.clearSelection()
    assert page.selected_learner_ids() == []
    assert not window.act_lock.isEnabled()
    assert not window.act_move.isEnabled()
    window.toggle_learner_lock()  # Ctrl+L
    assert not window.controller.state.locks.learners
    # and the waiting-list selection counts again once that table is shown
    page.tabs.setCurrentIndex(1)
    assert page.selected_learner_ids() == waiting
    assert window.act_lock.isEnabled()


def test_move_dialog_preselects_a_class_with_room_or_the_waiting_list(qtbot, window, small_problem, solved_state):
    from ui.dialogs import WAITLIST_ROW, MoveDialog
    from ui.models.targets import target_rows

    load(window, small_problem, solved_state)
    fits, none_fit = None, None
    for lid in solved_state.plan.assignments:
        ok = [r.id for r in target_rows(small_problem, solved_state, [lid], True)[1:] if r.ok]
        if ok and fits is None:
            fits = lid
        if not ok and none_fit is None:
            none_fit = lid
    assert fits is not None and none_fit is not None
    dialog = MoveDialog(small_problem, solved_state, [none_fit], window)
    qtbot.addWidget(dialog)
    assert _selected_row(dialog).id == WAITLIST_ROW  # no class breaks a rule by pressing Enter
    dialog = MoveDialog(small_problem, solved_state, [fits], window)
    qtbot.addWidget(dialog)
    row = _selected_row(dialog)
    assert row.id != WAITLIST_ROW and row.ok


@pytest.fixture(scope="module")
def frontier_run(small_problem, solved_state):
    """One frontier of the small case (computed once, put into each window as if F6 had run)."""
    # 2.5 s: two or three distinct plans, on two cores or one (4.5 s gave three)
    request = planning.tradeoff_request(small_problem, solved_state, 3, SolveOptions(time_limit=2.5, workers=2))
    fr = planning.run_tradeoff(request)
    assert len(fr.points) >= 2 and any(p.bound > 0 for p in fr.points)
    return request, fr


def _with_frontier(window, small_problem, solved_state, frontier_run, fr=None):
    load(window, small_problem, solved_state)
    request, fr = frontier_run[0], fr or frontier_run[1]
    tradeoff = window.controller.tradeoff
    tradeoff._tradeoff_request = request
    tradeoff._set_frontier(fr)
    window.controller.tradeoffChanged.emit()
    return fr


def test_adopted_plan_has_objective_bound_and_gap_under_its_own_weights(qtbot, window, small_problem, solved_state,
                                                                        frontier_run):
    fr = frontier_run[1]
    # the fastest plan as the audit saw it: its own bound that of the solve that found it, under that
    # solve's weights (60000 per waiting week), far above its objective under the frontier's weights
    first = fr.points[0]
    fr = replace(fr, points=[replace(first, plan=replace(first.plan, bound=70.0 * first.plan.objective)),
                             *fr.points[1:]])
    _with_frontier(window, small_problem, solved_state, frontier_run, fr)
    c = window.controller
    last = len(fr.points) - 1
    for k in (0, last):
        point = c.tradeoff_points[k]
        assert c.adopt_tradeoff(k)
        plan, proven = c.plan, fr.points[k]
        assert c.problem.weights == point.weights
        assert plan.objective == sum(plan.terms.values())
        assert 0 <= plan.bound <= plan.objective  # the bound of one solve, 70 times the objective, once
        assert plan.gap >= proven.gap - 1e-9  # never claims more than Vergelijken proved
        assert plan.status != "OPTIMAL" or plan.gap < 1e-6
        # a bound for every plan under these weights, not only for those within the point's cap and
        # floor (Vergelijken's proof): the cheapest option of every learner, no plan below it
        assert plan.bound == pytest.approx(planning.cheapest_bound(c.problem))
        other = solve(c.problem, SolveOptions(time_limit=0.2, deterministic=True, workers=1))  # any plan
        assert other.objective >= plan.bound
        c.undo_stack.undo()


def test_adopting_compares_the_objective_under_the_same_weights(qtbot, window, small_problem, solved_state,
                                                                frontier_run):
    _with_frontier(window, small_problem, solved_state, frontier_run)
    c = window.controller
    old_plan, old_weights = c.plan, c.problem.weights
    assert c.adopt_tradeoff(0)
    assert c.problem.weights != old_weights
    before = c.figures_before
    assert before is not None
    expected = rescore(old_plan, old_weights, c.problem.weights).objective
    assert before.get("objective") in (None, expected)
    text = window.plan_page.figures.objective.text().splitlines()[0]
    d = c.plan.objective - expected
    if d:
        assert text.endswith(f"({'+' if d > 0 else '−'}{number(abs(d), 0)})")


def test_tradeoff_labels_follow_the_language(qtbot, window, small_problem, solved_state, frontier_run):
    fr = _with_frontier(window, small_problem, solved_state, frontier_run)
    c = window.controller
    assert c.tradeoff_points[0].label == fr.points[0].label(None)  # Dutch first
    try:
        window.switch_language("en")
        assert [p.label for p in c.tradeoff_points] == [p.label("en") for p in fr.points]
        page = window.compare_page
        headers = [str(page.model.headerData(i, Qt.Orientation.Horizontal)) for i in range(page.model.columnCount())]
        assert headers[1].replace("\n", " ") == f"1. {fr.points[0].label('en')}"
        assert not any("snelste" in h or "homogeen" in h for h in headers)
        assert c.adopt_tradeoff(0)
        assert c.undo_stack.undoText() == f"Choose plan {fr.points[0].label('en')} from the trade-off"
    finally:
        window.switch_language("nl")
    assert c.tradeoff_points[0].label == fr.points[0].label(None)


def test_adopting_a_tradeoff_plan_is_confirmed_in_the_status_bar(qtbot, window, small_problem, solved_state,
                                                                 frontier_run):
    _with_frontier(window, small_problem, solved_state, frontier_run)
    c = window.controller
    label = c.tradeoff_points[0].label
    window.compare_page.select_point(0)
    window.compare_page.adopt.click()
    assert c.undo_stack.count() == 1
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Verder met plan {label}:"), message


def test_reoptimizing_repairs_a_hand_move_into_a_full_running_class(small_problem, solved_state):
    from app.planner import editing

    explained = editing.explanation_problem(small_problem, solved_state)
    move = next((lid, c.id) for c in solved_state.plan.classes if c.running
                for lid, a in solved_state.plan.assignments.items()
                if a.class_id != c.id
                and editing.fit_of(small_problem, solved_state, lid, c.id, explained).text().startswith("klas is vol"))
    edited = editing.move_learners(small_problem, solved_state, [move[0]], move[1])
    assert any("vrije plaatsen" in n.text() for n in edited.notes)
    request = planning.reoptimize_request(small_problem, edited, SolveOptions(time_limit=1.5, workers=2, method="lns"))
    outcome = planning.run_solve(request)
    assert outcome.state is not None
    assert outcome.state.notes == ()  # the search kept the overfull class of its start before
    assert request.warm_start is None  # a plan that breaks a rule is no start for the search
    # a plan that keeps every rule is still the start
    assert planning.reoptimize_request(small_problem, solved_state, SolveOptions(time_limit=1.5)).warm_start \
        is solved_state.plan


def test_compare_chart_axis_titles_are_not_cut_on_a_laptop(qtbot, window, small_problem, solved_state, frontier_run):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_small_screen import LAPTOP_125, ROOM

    _with_frontier(window, small_problem, solved_state, frontier_run)
    space = LAPTOP_125 - ROOM
    window.resize(space)
    qtbot.waitUntil(lambda: window.size() == space)
    window.tabs.setCurrentIndex(MainWindow.TAB_COMPARE)
    chart = window.compare_page.chart
    for lang in ("nl", "en"):
        window.switch_language(lang)
        window.tabs.setCurrentIndex(MainWindow.TAB_COMPARE)
        chart = window.compare_page.chart
        chart.grab()  # paints: the titles are set there
        QApplication.processEvents()
        fm = QFontMetrics(chart.font())
        assert chart.y_label
        assert fm.horizontalAdvance(chart.y_label) <= chart.height() - 4, (chart.y_label, chart.height())
        assert fm.horizontalAdvance(chart.x_label) <= chart.width()


def test_progress_bar_says_ready_before_the_first_run(window, small_problem):
    load(window, small_problem)
    assert window.optimize_page.progress.text() == "klaar om te starten"


def test_class_lock_is_disabled_for_a_running_class(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    window.tabs.setCurrentIndex(MainWindow.TAB_PLAN)
    page = window.plan_page
    running = next(c.id for c in solved_state.plan.classes if c.running)
    new = next(c.id for c in solved_state.plan.classes if not c.running)
    assert page.select_class(running)
    assert not window.act_lock_class.isEnabled()
    assert "lopende klas" in window.act_lock_class.toolTip().lower()
    assert page.select_class(new)
    assert window.act_lock_class.isEnabled()
    window.toggle_class_lock()
    assert new in window.controller.state.locks.classes


def test_compare_progress_text_survives_a_language_switch(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    assert window.compare_page.progress.text() == "nog niet berekend"
    with qtbot.waitSignal(c.tradeoff_runner.finished, timeout=60_000):
        assert c.start_tradeoff(3, 1.0)
    qtbot.waitUntil(lambda: not c.busy)
    n = len(c.tradeoff_points)
    assert n >= 1
    dutch = f"{n} {'plan' if n == 1 else 'plannen'} berekend"
    assert window.compare_page.progress.text() == dutch
    try:
        window.switch_language("en")
        page = window.compare_page  # rebuilt
        assert page.progress.text() == f"{n} {'plan' if n == 1 else 'plans'} computed"
        assert page.progress.value() == 1000
    finally:
        window.switch_language("nl")
    assert window.compare_page.progress.text() == dutch
    load(window, small_problem, solved_state)  # a file opened again: nothing computed for it yet
    assert window.compare_page.progress.text() == "nog niet berekend"


def test_optimize_page_says_why_an_adopted_plans_gap_is_large(qtbot, window, small_problem, solved_state,
                                                               frontier_run):
    _with_frontier(window, small_problem, solved_state, frontier_run)
    c, page = window.controller, window.optimize_page
    window.tabs.setCurrentIndex(MainWindow.TAB_OPTIMIZE)
    assert not page.adopted_note.isVisible()  # a solved plan: its own bound, nothing to say
    assert c.adopt_tradeoff(len(c.tradeoff_points) - 1)
    plan = c.plan
    assert plan.bound == pytest.approx(planning.cheapest_bound(c.problem))
    # the figures beside the note are the adopted plan's (not those of the solve before it)
    assert page.gap.text() == number(100 * plan.gap, 1) + "%"
    assert page.bound.text() == number(plan.bound, 0)
    assert page.adopted_note.isVisible()
    assert page.adopted_note.text().startswith("Ondergrens nog niet bewezen voor deze weging")
    assert "Heroptimaliseer voor een scherpere ondergrens" in page.gap.toolTip()
    try:
        window.switch_language("en")
        page = window.optimize_page
        qtbot.waitUntil(page.isVisible)  # the rebuilt page, on its tab again
        assert page.adopted_note.isVisible()
        assert page.adopted_note.text().startswith("Bound not yet proven for these weights")
        assert page.gap.text() == number(100 * plan.gap, 1) + "%"
    finally:
        window.switch_language("nl")
    page = window.optimize_page
    qtbot.waitUntil(page.isVisible)
    assert page.adopted_note.isVisible()
    c.undo_stack.undo()  # the solved plan again: no note, its own figures
    assert not page.adopted_note.isVisible()
    assert page.gap.text() == number(100 * c.plan.gap, 1) + "%"
    assert "Heroptimaliseer" not in page.gap.toolTip()
    c.undo_stack.redo()
    assert page.adopted_note.isVisible()
    # re-optimized under the adopted weights: a bound of its own, the note goes
    with qtbot.waitSignal(c.solveFinished, timeout=60_000):
        assert c.start_solve(planning.REOPTIMIZE, time_limit=0.5)
    qtbot.waitUntil(lambda: not c.busy)
    assert not c.plan.stats.get(planning.ADOPTED)
    assert not page.adopted_note.isVisible()

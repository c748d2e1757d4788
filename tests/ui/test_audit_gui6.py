"""Defects of the sixth GUI audit (a planner at 1366x768, 125%)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.planner.session import Opened, Source
from tests.ui.conftest import load


def _column_values(table, key):
    model = table.model().sourceModel()
    col = model.column_of(key)
    proxy = table.model()
    return [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())], col


def test_plan_classes_are_listed_by_start_week_and_members_by_level(window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    page = window.plan_page
    header = page.class_table.horizontalHeader()
    assert page.classes.column_key(header.sortIndicatorSection()) == "start"
    rows, _ = _column_values(page.class_table, "start")
    weeks = [r.start_week for r in rows]
    assert weeks == sorted(weeks) and len(set(weeks)) > 1
    new = next(k for k in solved_state.plan.classes if not k.running and k.size > 2)
    page.select_class(new.id)
    assert page.members.column_key(page.member_table.horizontalHeader().sortIndicatorSection()) == "level"
    members, _ = _column_values(page.member_table, "level")
    levels = [r.level for r in members]
    assert levels == sorted(levels)


def test_a_name_column_does_not_move_the_member_and_waiting_sort_to_another_column(window, small_problem,
                                                                                  solved_state):
    load(window, small_problem, solved_state)
    page = window.plan_page
    page.waiting_table.sortByColumn(page.waiting.column_of("level"), Qt.SortOrder.AscendingOrder)
    names = {lr.id: {"Naam": f"Naam {lr.id}"} for lr in small_problem.learners}
    window.controller.apply_opened(Opened(Source(name="met_namen.xlsx", extras=names, name_column="Naam"),
                                          small_problem, solved_state, dict(window.controller.session.settings)))
    assert page.members.column_of("name") >= 0
    assert page.members.column_key(page.member_table.horizontalHeader().sortIndicatorSection()) == "level"
    assert page.waiting.column_key(page.waiting_table.horizontalHeader().sortIndicatorSection()) == "level"


def test_moving_learners_where_they_already_are_is_no_edit(window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    waiting = next(a.learner_id for a in solved_state.plan.assignments.values() if not a.placed)
    placed = next(a for a in solved_state.plan.assignments.values() if a.placed)
    steps = c.undo_stack.count()
    rejected: list[str] = []
    c.editRejected.connect(rejected.append)
    assert not c.move_learners([waiting], None)  # Enter in the move dialog of a waiting learner
    assert not c.move_learners([placed.learner_id], placed.class_id)  # dropped on its own class
    assert c.undo_stack.count() == steps
    assert not c.is_dirty()
    assert not c.state.edited
    assert rejected == [f"{waiting} staat al op de wachtlijst.",
                        f"{placed.learner_id} zit al in klas {placed.class_id}."]
    # a real move still is one
    assert c.move_learners([placed.learner_id], None)
    assert c.undo_stack.count() == steps + 1


def test_without_a_plan_the_member_and_waiting_tabs_show_no_old_counts(window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    page = window.plan_page
    assert "(" in page.tabs.tabText(0) and "(" in page.tabs.tabText(1)
    load(window, small_problem, None)  # e.g. an edited plan workbook: a problem, no plan yet
    assert page.tabs.tabText(0) == "Deelnemers in klas"
    assert page.tabs.tabText(1) == "Wachtlijst"
    assert page.selected_class_id() is None


def test_opening_an_edited_plan_workbook_says_how_many_edits_and_to_optimise(window, small_problem):
    c = window.controller
    messages: list[str] = []
    c.statusMessage.connect(messages.append)
    c.apply_opened(Opened(Source(name="bewerkt.xlsx"), small_problem, None, dict(c.session.settings),
                          plan_edits=["a", "b"]))
    assert messages[-1] == (f"bewerkt.xlsx geopend: {len(small_problem.learners)} deelnemers, 2 eigen wijzigingen "
                            "(vastgezet). Optimaliseer (F5) voor het nieuwe plan.")


DUTCH_DAYPARTS = ("ochtend", "middag", "avond")


def test_schedules_and_dayparts_are_shown_in_english_when_the_planner_chose_english(window, small_problem,
                                                                                   solved_state):
    from ui.dialogs import MoveDialog

    load(window, small_problem, solved_state)

    def shown():
        page = window.plan_page
        col = page.classes.column_of("schedule")
        schedules = [page.classes.index(r, col).data() for r in range(page.classes.rowCount())]
        combo = window.learners_page.daypart
        items = [combo.itemText(i) for i in range(combo.count())]
        tip = window.capacity_page.teachers.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        placed = next(a.learner_id for a in solved_state.plan.assignments.values() if a.placed)
        dialog = MoveDialog(small_problem, solved_state, [placed], window)
        targets = [r.schedule for r in dialog.rows() if r.schedule]
        dialog.deleteLater()
        return schedules, items, targets, tip

    schedules, items, targets, tip = shown()
    assert any("ochtend" in s for s in schedules) and "ma-ochtend" in items
    assert any("ochtend" in s for s in targets) and tip == "ma-ochtend"  # Dutch: as before
    try:
        window.switch_language("en")
        schedules, items, targets, tip = shown()
        for text in [*schedules, *items, *targets, tip]:
            assert not any(word in text for word in DUTCH_DAYPARTS), text
        assert any(s.endswith("morning") for s in schedules)
        assert "Mon-morning" in items and tip == "Mon-morning"
    finally:
        window.switch_language("nl")


def test_a_status_message_is_elided_again_when_the_window_gets_narrower(qtbot, window, small_problem, solved_state):
    from PySide6.QtWidgets import QApplication, QStatusBar

    load(window, small_problem, solved_state)
    window.resize(1300, 600)
    QApplication.processEvents()
    bar = window.statusBar()
    text = "Plan: " + "223 van 300 deelnemers geplaatst in 15 nieuwe klassen; " * 2 + "77 wachtend."
    bar.showMessage(text, 15_000)
    window.resize(700, 600)
    qtbot.waitUntil(lambda: bar.width() <= 700)
    QApplication.processEvents()
    shown = QStatusBar.currentMessage(bar)
    assert shown.endswith("…")
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_room()
    assert bar.currentMessage() == text and bar.toolTip() == text
    window.resize(1300, 600)  # wider again: more of it
    qtbot.waitUntil(lambda: bar.width() > 1000)
    QApplication.processEvents()
    assert len(QStatusBar.currentMessage(bar)) > len(shown)


def test_the_waiting_reason_too_few_left_names_the_number_once():
    """On the Wachtlijst tab: "van de wachtenden 4 passen er hoogstens 4 samen in" (the plural form
    {count:past|passen} printed the number as well)."""
    from optimizer.messages import msg

    reason = msg("wait_too_few_left", count=4, min=8)
    assert "van de wachtenden passen er hoogstens 4 samen in, minder dan de 8" in reason.text("nl")
    assert "at most 4 of those waiting fit in it together, fewer than the 8" in reason.text("en")
    for lang in ("nl", "en"):
        assert reason.text(lang).count("4") == 1


def test_a_fast_solve_cut_short_does_not_let_a_plan_placing_nobody_be_the_homogeneous_end(monkeypatch):
    """Vergelijken with a short time on the sample offered "2. meest homogeen: … 0 geplaatst" (100%
    less misfit): the fast solve's plan placed nobody, the floor became 0 before the planner's own plan
    (placing everyone, waiting less) was offered. Here the first solve is made to return that plan."""
    import sys

    from optimizer import SolveOptions, frontier, solve
    from optimizer.candidates import build_candidates
    from optimizer.frontier import floor_of
    from optimizer.solve import assemble_plan
    from tests.optimizer.test_frontier import _two_levels

    fmod = sys.modules["optimizer.frontier"]  # (the package exports the function by that name)
    p = _two_levels()
    current = solve(p, SolveOptions(time_limit=3, deterministic=True, workers=1))
    assert current.figures["placed"] == len(p.learners)
    calls: list[int] = []

    def first_places_nobody(problem, options, **kw):
        calls.append(1)
        if len(calls) == 1:
            nobody = {lr.id: None for lr in problem.learners}
            return assemble_plan(problem, build_candidates(problem), nobody, {}, "FEASIBLE", 0.0, 0.0, [], {})
        return solve(problem, options, **kw)

    monkeypatch.setattr(fmod, "solve", first_places_nobody)
    fr = frontier(p, 3, SolveOptions(time_limit=6, deterministic=True, workers=1), current=current)
    assert fr.stats["min_placed"] == floor_of(len(p.learners))
    assert all(q.plan.figures["placed"] >= floor_of(len(p.learners)) for q in fr.points)



def test_a_file_dropped_or_picked_from_recent_files_during_a_solve_is_refused_with_a_reason(
        window, small_problem, solved_state, monkeypatch):
    """Open is disabled while a solve runs, but a dropped file and the recent-files menu went to
    open_path: it asked to save or discard the changes (discarding removed the recovery file) and
    then opened nothing, without a word."""
    from tests.ui.conftest import SAMPLE

    load(window, small_problem, solved_state)
    c = window.controller
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append("asked") or "discard")
    cleared: list[object] = []
    monkeypatch.setattr(c, "clear_recovery", lambda rec: cleared.append(rec))
    c.move_learners([next(a.learner_id for a in solved_state.plan.assignments.values() if a.placed)], None)
    monkeypatch.setattr(c, "_busy", True)  # as while a solve runs
    assert not window.open_path(SAMPLE)
    assert asked == [] and cleared == []
    assert window.statusBar().currentMessage() == "Wacht tot het optimaliseren klaar is, of stop het (Esc)."

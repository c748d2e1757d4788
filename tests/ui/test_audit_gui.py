"""Defects of the GUI audit at 1366 x 768: what the learner actions act on, the move dialog's
preselected row, adopting a trade-off plan, the English labels, small texts."""

from __future__ import annotations

from tests.ui.conftest import load
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

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

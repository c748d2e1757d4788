"""Table models and proxies: Qt's model checks, dataChanged versus reset, filters, drops."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.session import class_rows, learner_rows
from ui.models import (
    ClassModel,
    LearnerFilterProxy,
    LearnerModel,
    learner_columns,
    waitlist_columns,
)


def test_learner_model_passes_qt_model_checks(qtmodeltester, small_problem, solved_state):
    model = LearnerModel(learner_columns(False, True))
    model.set_rows(learner_rows(small_problem, solved_state))
    qtmodeltester.check(model)
    proxy = LearnerFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_set_rows_emits_data_changed_for_same_keys_and_resets_otherwise(qtbot, small_problem, solved_state):
    model = LearnerModel(learner_columns(False, True))
    rows = learner_rows(small_problem, solved_state)
    model.set_rows(rows)
    changed = list(rows)
    changed[3] = type(rows[3])(**{**rows[3].__dict__, "locked": True})
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_rows(changed)
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() == 3 and bottom.row() == 3
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(changed[:10])
    assert model.rowCount() == 10


def test_filters_and_numeric_sorting(small_problem, solved_state):
    model = LearnerModel(learner_columns(False, True))
    rows = learner_rows(small_problem, solved_state)
    model.set_rows(rows)
    proxy = LearnerFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(placement=LearnerFilterProxy.WAITING)
    assert proxy.rowCount() == sum(1 for r in rows if r.placed is False)
    proxy.set_filters(placement="", stadsdeel="Noord")
    assert all(r.stadsdeel == "Noord" for r in proxy.visible_rows())
    proxy.set_filters(stadsdeel="", daypart="avond")
    assert all(any(dp.endswith("-avond") for dp in r.dayparts) for r in proxy.visible_rows())
    proxy.set_filters(daypart="", text=rows[5].id.lower())
    assert [r.id for r in proxy.visible_rows()] == [rows[5].id]
    proxy.set_filters(text="")
    proxy.sort(model.column_of("level"), Qt.SortOrder.AscendingOrder)
    levels = [r.level for r in proxy.visible_rows()]
    assert levels == sorted(levels)


def test_dropping_learners_on_a_class_asks_for_a_move(qtbot, small_problem, solved_state):
    classes = ClassModel()
    classes.set_rows(class_rows(small_problem, solved_state))
    waiting = LearnerModel(waitlist_columns(False), accept_waitlist_drops=True)
    ids = [a.learner_id for a in solved_state.plan.assignments.values() if not a.placed][:2]
    waiting.set_rows(learner_rows(small_problem, solved_state, ids=ids))
    data = waiting.mimeData([waiting.index(0, 0), waiting.index(1, 0)])
    with qtbot.waitSignal(classes.dropRequested) as blocker:
        classes.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, classes.index(0, 0))
    assert blocker.args == [ids, classes.row_at(0).id]
    with qtbot.waitSignal(waiting.dropRequested) as blocker:
        waiting.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert blocker.args == [ids, None]

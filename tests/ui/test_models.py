"""Table models and proxies: Qt's model checks, dataChanged versus reset, filters, drops."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.planner.session import class_rows, learner_rows
from ui.models.classes import ClassModel
from ui.models.learners import LearnerFilterProxy, LearnerModel, learner_columns, waitlist_columns


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


def _locked(rows, ids):
    return [type(r)(**{**r.__dict__, "locked": r.id in ids}) for r in rows]


def test_a_lock_is_a_padlock_and_the_word_vast_not_only_a_tint(small_problem, solved_state):
    from ui.i18n import set_language
    from ui.models.learners import member_columns

    set_language("nl")
    rows = learner_rows(small_problem, solved_state)
    rows = _locked(rows, {rows[0].id})
    for columns in (learner_columns(False, True), member_columns(False), waitlist_columns(False)):
        model = LearnerModel(columns)
        model.set_rows(rows[:3])
        col = model.column_of("lock")
        assert col >= 0
        locked, free = model.index(0, col), model.index(1, col)
        assert model.data(locked) == "vast"
        icon = model.data(locked, Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull()
        assert model.data(free) == "" and model.data(free, Qt.ItemDataRole.DecorationRole) is None
        assert "heroptimaliseren" in model.data(locked, Qt.ItemDataRole.ToolTipRole)
    classes = ClassModel()
    crow = class_rows(small_problem, solved_state)[0]
    classes.set_rows([type(crow)(**{**crow.__dict__, "locked": True})])
    cell = classes.index(0, classes.column_of("lock"))
    assert classes.data(cell) == "vast"
    assert not classes.data(cell, Qt.ItemDataRole.DecorationRole).isNull()


def test_key_columns_come_first(small_problem, solved_state):
    from ui.models.classes import class_columns
    from ui.models.learners import member_columns

    keys = [c.key for c in learner_columns(True, True)]
    assert keys[:7] == ["id", "name", "status", "class", "lock", "wait", "reason"]
    assert [c.key for c in class_columns()][:4] == ["id", "lock", "notes", "misfit"]
    assert [c.key for c in member_columns(False)][:3] == ["id", "lock", "misfit"]
    assert [c.key for c in waitlist_columns(False)][:4] == ["id", "lock", "wait", "reason"]


def test_elided_text_columns_carry_the_full_text_as_tooltip(small_problem, solved_state):
    from ui.models.classes import class_columns

    model = LearnerModel(learner_columns(True, True))
    rows = learner_rows(small_problem, solved_state)
    model.set_rows(rows)
    elided = [c for c in model.columns if c.elide]
    assert {"reason", "status", "dayparts", "stadsdeel"} <= {c.key for c in elided}
    for row in range(model.rowCount()):
        for c in elided:
            index = model.index(row, model.column_of(c.key))
            text = model.data(index)
            if text:
                assert model.data(index, Qt.ItemDataRole.ToolTipRole) == text
    classes = ClassModel()
    classes.set_rows(class_rows(small_problem, solved_state))
    assert {"location", "schedule", "notes"} <= {c.key for c in class_columns() if c.elide}
    loc = classes.index(0, classes.column_of("location"))
    assert classes.data(loc, Qt.ItemDataRole.ToolTipRole) == classes.data(loc)

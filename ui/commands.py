"""Undo commands: one per user edit, each calling an app service and keeping both snapshots.

A :class:`Snapshot` is the (immutable) problem and plan state; undo restores the one before,
redo the one after, through the ``restore`` function the command is given (the controller's: it
makes the snapshot current and tells the views). Edits of the same setting in a row (typing in a spin box) merge into one
command. Commands compute their result when they are made, so an edit that cannot be done
raises before anything is pushed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.planner import editing
from app.planner.editing import PlanState
from app.planner.session import Source
from optimizer.domain import Problem
from ui.i18n import again, tr

PROBLEM_EDIT_ID = 4101


@dataclass(frozen=True)
class Snapshot:
    problem: Problem | None
    state: PlanState | None


Restore = Callable[[Snapshot], None]
"""Makes a snapshot current (and announces the change)."""


@dataclass(frozen=True)
class Origin:
    """Where the session's problem came from: the source file and, for an edited plan workbook, its
    edits and the problem as read (:class:`app.planner.session.Session`)."""

    source: Source
    plan_edits: list[Any] | None
    edited_from: Problem | None


PutOrigin = Callable[[Origin], None]
"""Makes an origin current (and announces the change)."""


class SnapshotCommand(QUndoCommand):
    """Switch between two snapshots of the session."""

    def __init__(self, restore: Restore, text: str, before: Snapshot, after: Snapshot) -> None:
        super().__init__(text)
        self.label = text
        """The step's name as made (a :class:`ui.i18n.Said` says itself again after a language switch)."""
        self.restore = restore
        self.before = before
        self.after = after

    def retranslate(self) -> None:
        """Name the step in the current language (the window calls it after a language switch)."""
        self.setText(str(again(self.label)))

    def redo(self) -> None:
        self.restore(self.after)

    def undo(self) -> None:
        self.restore(self.before)


def _who(ids: list[str]) -> str:
    if len(ids) == 1:
        return ids[0]
    return tr("{n} deelnemers", n=len(ids))


def _where(target: str | None) -> str:
    return tr("de wachtlijst") if target is None else tr("klas {id}", id=target)


class MoveLearnersCommand(SnapshotCommand):
    """Move learners to a class or the waiting list (:func:`app.planner.editing.move_learners`)."""

    def __init__(self, restore: Restore, before: Snapshot, learner_ids: Iterable[str], target: str | None) -> None:
        ids = list(dict.fromkeys(learner_ids))
        assert before.problem is not None and before.state is not None
        state = editing.move_learners(before.problem, before.state, ids, target)
        super().__init__(restore, tr("Verplaats {who} naar {where}", who=_who(ids), where=_where(target)),
                         before, Snapshot(before.problem, state))
        self.learner_ids = ids
        self.target = target


class LearnerLockCommand(SnapshotCommand):
    def __init__(self, restore: Restore, before: Snapshot, learner_ids: Iterable[str], locked: bool) -> None:
        ids = list(dict.fromkeys(learner_ids))
        assert before.state is not None
        state = editing.set_learner_lock(before.state, ids, locked)
        text = tr("Zet {who} vast", who=_who(ids)) if locked else tr("Maak {who} los", who=_who(ids))
        super().__init__(restore, text, before, Snapshot(before.problem, state))


class ClassLockCommand(SnapshotCommand):
    def __init__(self, restore: Restore, before: Snapshot, class_id: str, locked: bool) -> None:
        assert before.state is not None
        state = editing.set_class_lock(before.state, class_id, locked)
        text = tr("Zet klas {id} vast", id=class_id) if locked else tr("Maak klas {id} los", id=class_id)
        super().__init__(restore, text, before, Snapshot(before.problem, state))


class ProblemEditCommand(SnapshotCommand):
    """A capacity or weights edit: a new Problem, and the plan re-checked against it.

    Consecutive edits with the same ``key`` (the same setting) merge into one undo step.
    """

    def __init__(self, restore: Restore, before: Snapshot, text: str, change: Callable[[Problem], Problem],
                 key: str | None = None) -> None:
        assert before.problem is not None
        problem = change(before.problem)
        state = editing.recheck(problem, before.state) if before.state is not None else None
        super().__init__(restore, text, before, Snapshot(problem, state))
        self.key = key

    def id(self) -> int:
        return PROBLEM_EDIT_ID if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ProblemEditCommand) or other.key != self.key or self.key is None:
            return False
        self.after = other.after
        self.label = other.label  # the step names the value it ends with, not the first keystroke's
        self.setText(other.text())
        return True


class ReplacePlanCommand(SnapshotCommand):
    """A plan from the solver or the trade-off view replaces the current one."""

    def __init__(self, restore: Restore, before: Snapshot, text: str, problem: Problem, state: PlanState) -> None:
        super().__init__(restore, text, before, Snapshot(problem, state))


class ReadPlanCommand(SnapshotCommand):
    """An edited plan workbook of the open project read into it: its problem (pins, locks, earlier
    plan) and origin (the workbook, its edits for the change report) replace the session's, the
    project stays; undo brings back the problem, plan and origin from before."""

    def __init__(self, restore: Restore, put_origin: PutOrigin, text: str, before: Snapshot, after: Snapshot,
                 origin_before: Origin, origin_after: Origin) -> None:
        super().__init__(restore, text, before, after)
        self.put_origin = put_origin
        self.origin_before = origin_before
        self.origin_after = origin_after

    def redo(self) -> None:
        self.put_origin(self.origin_after)
        super().redo()

    def undo(self) -> None:
        self.put_origin(self.origin_before)
        super().undo()

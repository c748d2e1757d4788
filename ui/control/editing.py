"""Editing with undo: moving learners, locking learners and classes, capacity and weights edits.

Each edit becomes an undo command (:mod:`ui.commands`) that calls an app service; the command
is given the hub's snapshot and its ``restore``, and the hub tells the views what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject

from app.planner.capacity import CapacityError
from app.planner.editing import EditError
from optimizer.domain import Problem
from ui.commands import (
    ClassLockCommand,
    LearnerLockCommand,
    MoveLearnersCommand,
    ProblemEditCommand,
)
from ui.control.hub import Hub
from ui.i18n import lang_arg, tr


class Editing(QObject):
    """The planner's hand edits of the plan and the problem, each one undo step."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub

    def _can_edit_plan(self) -> bool:
        hub = self.hub
        if hub.session.state is None or hub.session.problem is None:
            hub.editRejected.emit(tr("Er is nog geen plan. Optimaliseer eerst (F5)."))
            return False
        if hub.busy:
            hub.editRejected.emit(tr("Wacht tot het optimaliseren klaar is, of stop het (Esc)."))
            return False
        return True

    def move_learners(self, learner_ids: Iterable[str], target: str | None) -> bool:
        """Move learners to class ``target`` or the waiting list (None) as one undo step."""
        hub = self.hub
        ids = list(learner_ids)
        if not ids or not self._can_edit_plan():
            return False
        state = hub.session.state
        assert state is not None
        if all(i in state.plan.assignments and state.plan.assignments[i].class_id == target for i in ids):
            # nothing would move: no undo step, and the plan does not become "met de hand aangepast"
            if len(ids) == 1:
                text = (tr("{id} staat al op de wachtlijst.", id=ids[0]) if target is None
                        else tr("{id} zit al in klas {klas}.", id=ids[0], klas=target))
            else:
                text = (tr("Deze {n} deelnemers staan al op de wachtlijst.", n=len(ids)) if target is None
                        else tr("Deze {n} deelnemers zitten al in klas {klas}.", n=len(ids), klas=target))
            hub.editRejected.emit(text)
            return False
        locked = [i for i in ids if i in state.locks.learners]
        if locked:
            hub.editRejected.emit(tr("{ids} is vastgezet; maak eerst los (Ctrl+L).", ids=", ".join(locked[:5])))
            return False
        try:
            cmd = MoveLearnersCommand(hub.restore, hub.snapshot(), ids, target)
        except EditError as exc:
            hub.editRejected.emit(str(exc))
            return False
        if cmd.after.state is state:
            return False
        new_notes = [n for n in cmd.after.state.notes if n not in state.notes] if cmd.after.state else []
        hub.undo_stack.push(cmd)
        if new_notes:
            hub.statusMessage.emit(tr("Let op: {text}", text=new_notes[0].text(lang_arg())))
        else:
            hub.statusMessage.emit(cmd.text())
        return True

    def set_learner_lock(self, learner_ids: Iterable[str], locked: bool) -> bool:
        ids = list(learner_ids)
        if not ids or not self._can_edit_plan():
            return False
        self.hub.undo_stack.push(LearnerLockCommand(self.hub.restore, self.hub.snapshot(), ids, locked))
        return True

    def toggle_learner_lock(self, learner_ids: Iterable[str]) -> bool:
        ids = list(learner_ids)
        state = self.hub.session.state
        if state is None or not ids:
            return self._can_edit_plan()
        locked = not all(i in state.locks.learners for i in ids)
        return self.set_learner_lock(ids, locked)

    def set_class_lock(self, class_id: str, locked: bool) -> bool:
        if not self._can_edit_plan():
            return False
        try:
            cmd = ClassLockCommand(self.hub.restore, self.hub.snapshot(), class_id, locked)
        except EditError as exc:
            self.hub.editRejected.emit(str(exc))
            return False
        self.hub.undo_stack.push(cmd)
        return True

    def toggle_class_lock(self, class_id: str) -> bool:
        state = self.hub.session.state
        if state is None:
            return self._can_edit_plan()
        return self.set_class_lock(class_id, class_id not in state.locks.classes)

    def edit_problem(self, text: str, change: Callable[[Problem], Problem], key: str | None = None) -> str | None:
        """Apply a capacity/weights edit as an undo step; returns an error text or None."""
        hub = self.hub
        if hub.session.problem is None:
            return tr("Open eerst een bestand.")
        if hub.busy:
            return tr("Wacht tot het optimaliseren klaar is, of stop het (Esc).")
        try:
            cmd = ProblemEditCommand(hub.restore, hub.snapshot(), text, change, key)
        except CapacityError as exc:
            return exc.text(lang_arg())
        if cmd.after.problem == cmd.before.problem:
            return None
        hub.undo_stack.push(cmd)
        return None

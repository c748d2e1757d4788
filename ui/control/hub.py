"""What every part of the controller shares: the session, the undo stack, the busy state and the signals.

The :class:`Hub` holds no work of its own. The concern objects (files, editing, solving,
trade-off, simulation, export; the other modules of this package) each get the hub, do their
part through app services and announce the result with the hub's signals, which the views
observe. The truth lives in :class:`app.planner.session.Session`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoStack

from app.planner import capacity
from app.planner.editing import PlanState
from app.planner.session import Session
from optimizer.domain import Problem
from optimizer.plan import Plan
from optimizer.tradeoff import rescore
from ui.commands import Origin, Snapshot
from ui.i18n import lang_arg
from ui.workers import Runner, Worker


class Hub(QObject):
    """The session, the undo stack and the signals the views observe."""

    sourceChanged = Signal()
    problemChanged = Signal()
    planChanged = Signal()
    busyChanged = Signal(bool)
    openFinished = Signal(bool)
    solveStarted = Signal(str, float)
    solveProgress = Signal(object)
    solveFinished = Signal(object)
    tradeoffStarted = Signal(int, float)
    tradeoffPoint = Signal(object, int, int)
    tradeoffChanged = Signal()
    tradeoffChosen = Signal(int, bool)
    """(index in ``tradeoff_points``, cap kept) of the plan a capped search chose."""
    simulationStarted = Signal(int, int)
    """(policies, weeks) of a simulation that just started."""
    simulationProgress = Signal(object)
    """An :class:`app.simulation.sweep.SimProgress` after every simulated week."""
    simulationFinished = Signal(object)
    """The :class:`app.simulation.sweep.SimulationResult`, or None when the run failed or was dropped."""
    simulationChanged = Signal()
    """``simulation`` (the last result) was replaced or cleared."""
    simulationSaved = Signal(str, str)
    """(folder, error): error is '' on success."""
    exportFinished = Signal(str, str)
    """(path, error): error is '' on success."""
    nextWeekRead = Signal(object)
    """A :class:`ui.control.next_week.NextWeekRead`: the plan workbook read for *Volgende planweek…*."""
    nextWeekWritten = Signal(object)
    """A :class:`ui.control.next_week.NextWeekWritten`: the next period's workbook written (or why not)."""
    nextWeekBusy = Signal(bool)
    """A job of *Volgende planweek…* started (True) or every one ended (False)."""
    autosaveFinished = Signal(str)
    """'' after a successful autosave, else why it failed (the window shows it)."""
    statusMessage = Signal(str)
    errorMessage = Signal(str, str)
    """(title, text) for a dialog."""
    focusLearner = Signal(str, str)
    """(learner id, column header) to show, e.g. after clicking an import issue."""
    focusClass = Signal(str)
    editRejected = Signal(str)
    optionsChanged = Signal()
    """An option (time limit, keeping the input workbook, trade-off and simulation choices) changed,
    or the options were saved: whether the project is modified may have changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = Session()
        self.undo_stack = QUndoStack(self)
        self.figures_before: dict[str, Any] | None = None
        """The key figures before the last edit that changed them (shown as the change)."""
        self._busy = False
        self._busy_sources: list[Callable[[], bool]] = []
        self._forgets: list[Callable[[], None]] = []
        self._saved_options: dict[str, Any] = copy.deepcopy(_options(self.session.settings))
        """The options as last opened or saved (the project is modified when they differ)."""

    # ---- reading ------------------------------------------------------------------------------
    @property
    def problem(self) -> Problem | None:
        return self.session.problem

    @property
    def state(self) -> PlanState | None:
        return self.session.state

    @property
    def plan(self) -> Plan | None:
        return self.session.plan

    @property
    def busy(self) -> bool:
        """A solve or a trade-off search runs: the plan must not change under it."""
        return self._busy

    def snapshot(self) -> Snapshot:
        return Snapshot(self.session.problem, self.session.state)

    def is_dirty(self) -> bool:
        """Unsaved work: an edit on the undo stack since the last save, or an option changed."""
        return not self.undo_stack.isClean() or self.options_changed()

    def options_changed(self) -> bool:
        """An option differs from the opened or saved project's (nothing to save without a problem)."""
        return self.session.problem is not None and _options(self.session.settings) != self._saved_options

    def mark_saved(self) -> None:
        """The session as it is now is in a project (or may be dropped): not modified."""
        self.undo_stack.setClean()
        self.mark_options_saved()

    def mark_options_saved(self) -> None:
        """The options as they are now are those of the opened or saved project."""
        self._saved_options = copy.deepcopy(_options(self.session.settings))
        self.optionsChanged.emit()

    def problems(self) -> list[str]:
        """Why the current problem cannot be planned (texts), empty when it can."""
        if self.session.problem is None:
            return []
        return [m.text(lang_arg()) for m in capacity.problems_of(self.session.problem)]

    def refuse_unplannable(self, title: str) -> bool:
        """Show why the problem cannot be planned (dialog titled ``title``); True when it cannot."""
        issues = self.problems()
        if issues:
            self.errorMessage.emit(title, "\n".join(issues[:12]))
        return bool(issues)

    # ---- busy ----------------------------------------------------------------------------------
    def add_busy_source(self, running: Callable[[], bool]) -> None:
        """``running()`` tells whether a job that makes the window busy runs; call :meth:`update_busy`
        when it changes."""
        self._busy_sources.append(running)

    def update_busy(self, _running: bool = False) -> None:
        busy = any(running() for running in self._busy_sources)
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    # ---- background jobs ------------------------------------------------------------------------
    def runner(self, owner: QObject, finished: Callable[[Any], None], failed: Callable[[str], None], *,
               progress: Callable[[Any], None] | SignalInstance | None = None,
               point: Callable[[Any, int, int], None] | None = None, busy: bool = False) -> Runner:
        """A :class:`~ui.workers.Runner` owned by ``owner``, its signals wired: ``finished`` and
        ``failed``, ``progress`` and ``point`` when given; with ``busy`` the window is busy while it runs."""
        runner = Runner(owner)
        if progress is not None:
            runner.progress.connect(progress)
        if point is not None:
            runner.point.connect(point)
        runner.finished.connect(finished)
        runner.failed.connect(failed)
        if busy:
            runner.runningChanged.connect(self.update_busy)
            self.add_busy_source(runner.is_running)
        return runner

    def start_job(self, runner: Runner, job: Callable[[Worker], Any], started: Callable[[], None], status: str) -> bool:
        """Run ``job`` on ``runner``; once it runs, ``started()`` and then ``status`` in the status
        bar. False when the runner still runs a job."""
        if not runner.start(job):
            return False
        started()
        self.statusMessage.emit(status)
        return True

    def stop_job(self, runner: Runner, status: str | None = None) -> None:
        """Stop ``runner``'s job if one runs (what it found so far is kept), saying ``status``."""
        if runner.is_running():
            runner.stop()
            if status:
                self.statusMessage.emit(status)

    # ---- what belongs to the input ------------------------------------------------------------
    def on_forget(self, forget: Callable[[], None]) -> None:
        """``forget()`` drops results that belong to the current input (trade-off plans, a simulation)."""
        self._forgets.append(forget)

    def forget_derived(self) -> None:
        """A new input (or one learner less): the figures' change and every derived result go."""
        self.figures_before = None
        for forget in self._forgets:
            forget()

    def announce_all(self) -> None:
        """Tell the views that everything may have changed."""
        self.sourceChanged.emit()
        self.problemChanged.emit()
        self.planChanged.emit()
        self.tradeoffChanged.emit()
        self.simulationChanged.emit()

    # ---- snapshots (used by the undo commands) --------------------------------------------------
    def restore(self, snap: Snapshot) -> None:
        """Make ``snap`` current and tell the views what changed."""
        problem_changed = snap.problem is not self.session.problem
        state_changed = snap.state is not self.session.state
        if state_changed:
            old = self.session.plan
            new = snap.state.plan if snap.state is not None else None
            if old is None or new is None:
                self.figures_before = None
            elif old.figures != new.figures or old.objective != new.objective:
                # the change shown next to the key figures is that of the last edit that changed them;
                # the objective's only under the same weights (adopting a trade-off plan or a weights
                # edit changes them): the old plan rescored, or no change shown where that is unknown
                self.figures_before = dict(old.figures)
                objective = _objective_under(old, self.session.problem, snap.problem)
                if objective is not None:
                    self.figures_before["objective"] = objective
        self.session.problem = snap.problem
        self.session.state = snap.state
        if problem_changed:
            self.problemChanged.emit()
        if state_changed:
            self.planChanged.emit()

    def origin(self) -> Origin:
        s = self.session
        return Origin(s.source, s.plan_edits, s.edited_from)

    def put_origin(self, origin: Origin) -> None:
        """Make ``origin`` the session's (used by the undo command of reading an edited plan) and tell
        the views; what was derived from the earlier input (trade-off plans, a simulation) goes."""
        s = self.session
        if s.source is origin.source and s.plan_edits is origin.plan_edits and s.edited_from is origin.edited_from:
            return
        s.source, s.plan_edits, s.edited_from = origin.source, origin.plan_edits, origin.edited_from
        self.forget_derived()
        self.sourceChanged.emit()
        self.tradeoffChanged.emit()
        self.simulationChanged.emit()

    # ---- settings ------------------------------------------------------------------------------
    def set_setting(self, key: str, value: Any) -> None:
        """Change an option. Options are not undo steps (undo is for the plan and the problem), but a
        changed option makes the project modified until it is saved or set back (``optionsChanged``)."""
        settings = self.session.settings
        if key in settings and settings[key] == value:
            return
        settings[key] = value
        self.optionsChanged.emit()

    def keep_source(self) -> bool:
        """Store the input workbook itself in the project (off unless the planner asks)."""
        return bool(self.session.settings.get("keep_source", False))


BOOKKEEPING = frozenset({"exports"})
"""Settings that record what was done (the plan workbooks exported, for erasure) rather than options
the planner chose: they are saved along but do not make the project modified."""


def _options(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if k not in BOOKKEEPING}


def _objective_under(plan: Plan, before: Problem | None, after: Problem | None) -> int | None:
    """``plan``'s objective (scored under ``before``'s weights) under ``after``'s weights; None
    when a term's quantity is unknown (its old weight was zero)."""
    if before is None or after is None or before.weights == after.weights:
        return plan.objective
    rescored = rescore(plan, before.weights, after.weights)
    return None if rescored is plan else rescored.objective

"""The GUI's link to the app session: it owns the undo stack and the background runners.

Views never change data themselves: they call the controller, which builds an undo command
(that calls an app service) or starts a background job, and then announces the change with a
signal (``problemChanged``, ``planChanged``, ...). The truth lives in :class:`app.planner.session.Session`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from app.planner import capacity, editing, planning
from app.planner.capacity import CapacityError
from app.planner.editing import EditError, PlanState
from app.planner.project import (
    SUFFIX,
    ProjectError,
    RecoverySlot,
    lock_project,
    project_lock_path,
    save_project,
)
from app.planner.session import Erasure, Opened, Session, Trace, erase_learner, open_path
from app.safefile import FileLock, file_stamp
from app.simulation.sweep import SimulationResult, simulate
from app.workbook.export import shareable_columns, write_plan_workbook
from app.workbook.template import write_template
from optimizer.domain import Problem
from optimizer.plan import Plan
from optimizer.tradeoff import TradeoffPoint, WithinCap
from ui.commands import (
    ClassLockCommand,
    LearnerLockCommand,
    MoveLearnersCommand,
    ProblemEditCommand,
    ReplacePlanCommand,
    Snapshot,
)
from ui.i18n import lang_arg, language, number, tr
from ui.workers import Runner, Worker

BOUND_SECONDS = 30.0
"""Extra time after a plan for its proven lower bound, when the planner asks for it (the
sample's bound converges in about 10-15 s on two cores: docs/benchmarks.md)."""

log = logging.getLogger(__name__)


class Controller(QObject):
    """Holds the :class:`Session`, the undo stack and the runners; views observe its signals."""

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
    autosaveFinished = Signal(str)
    """'' after a successful autosave, else why it failed (the window shows it)."""
    statusMessage = Signal(str)
    errorMessage = Signal(str, str)
    """(title, text) for a dialog."""
    focusLearner = Signal(str, str)
    """(learner id, column header) to show, e.g. after clicking an import issue."""
    focusClass = Signal(str)
    editRejected = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = Session()
        self.undo_stack = QUndoStack(self)
        self.figures_before: dict[str, Any] | None = None
        self.tradeoff_points: list[TradeoffPoint] = []
        self._tradeoff_request: planning.TradeoffRequest | None = None
        self._solve_request: planning.SolveRequest | None = None
        self._solve_base: Problem | None = None
        self.solver = Runner(self)
        self.tradeoff_runner = Runner(self)
        self.opener = Runner(self)
        self.exporter = Runner(self)
        self.autosaver = Runner(self)
        self.simulator = Runner(self)
        self.sim_saver = Runner(self)
        self.simulation: SimulationResult | None = None
        self._sim_generation = 0
        self._sim_started = 0
        self._sim_folder: Path | None = None
        self._export_target: Path | None = None
        self._export_options: dict[str, Any] = {}
        self._busy = False
        self._open_path: Path | None = None
        self._open_project: tuple[bool, bool, str | None] | None = None
        """(read-only, lock, fingerprint) of the project being opened."""
        self.project_lock: FileLock | None = None
        """The lock on the open project file (None: no project, read-only or not lockable)."""
        self.project_stamp: str | None = None
        """Fingerprint of the project file as opened or last saved (:func:`app.safefile.file_stamp`)."""
        self.read_only = False
        """The project was opened read-only (another instance has it open): saving asks for a new name."""
        self._autosaved: tuple[object, object] | None = None
        self.solver.progress.connect(self.solveProgress)
        self.solver.finished.connect(self._solve_done)
        self.solver.failed.connect(self._solve_failed)
        self.tradeoff_runner.progress.connect(self.solveProgress)
        self.tradeoff_runner.point.connect(self._tradeoff_point)
        self.tradeoff_runner.finished.connect(self._tradeoff_done)
        self.tradeoff_runner.failed.connect(self._solve_failed)
        for r in (self.solver, self.tradeoff_runner):
            r.runningChanged.connect(self._update_busy)
        self.opener.finished.connect(self._opened)
        self.opener.failed.connect(self._open_failed)
        self.exporter.finished.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        self.autosaver.finished.connect(self._autosaved_ok)
        self.autosaver.failed.connect(self._autosave_failed)
        self.simulator.progress.connect(self.simulationProgress)
        self.simulator.finished.connect(self._simulation_done)
        self.simulator.failed.connect(self._simulation_failed)
        self.sim_saver.finished.connect(self._simulation_saved)
        self.sim_saver.failed.connect(self._simulation_save_failed)

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
        return self._busy

    def snapshot(self) -> Snapshot:
        return Snapshot(self.session.problem, self.session.state)

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    # ---- opening -------------------------------------------------------------------------------
    def open_file(self, path: str | Path, *, edited_plan: bool = False, read_only: bool = False,
                  lock: bool = True) -> bool:
        """Read a workbook, CSV or project in the background; ``openFinished`` tells when done.

        A project is locked once opened (unless ``read_only`` or not ``lock``, e.g. a recovery
        file), and its fingerprint is kept to notice a change on disk before saving."""
        if self.opener.is_running() or self._busy:
            return False
        p = Path(path)
        self._open_path = p
        self._open_project = None
        if p.suffix.lower() == SUFFIX and not edited_plan:
            self._open_project = (read_only, lock and not read_only, file_stamp(p) if lock else None)
        self.statusMessage.emit(tr("Bezig met inlezen van {name}…", name=p.name))

        def job(_w: Worker) -> Opened:
            try:
                return open_path(p, edited_plan=edited_plan)
            except ProjectError as exc:
                raise ProjectError(exc.en, exc.en) if language() == "en" else exc from None

        return self.opener.start(job)

    @Slot(object)
    def _opened(self, opened: object) -> None:
        assert isinstance(opened, Opened)
        self.apply_opened(opened)
        self.openFinished.emit(True)

    @Slot(str)
    def _open_failed(self, text: str) -> None:
        name = self._open_path.name if self._open_path else ""
        self.errorMessage.emit(tr("Openen mislukt"), tr("{name} kan niet worden geopend: {why}", name=name, why=text))
        self.openFinished.emit(False)

    def apply_opened(self, opened: Opened) -> None:
        """Make ``opened`` the session (undo history is cleared)."""
        self.session.load(opened)
        self._take_project_lock(opened.project_path)
        self.figures_before = None
        self.tradeoff_points = []
        self._sim_generation += 1  # a running simulation belongs to the old input: stop it, drop its result
        if self.simulator.is_running():
            self.simulator.stop()
        self.simulation = None
        self.undo_stack.clear()
        self.sourceChanged.emit()
        self.problemChanged.emit()
        self.planChanged.emit()
        self.tradeoffChanged.emit()
        self.simulationChanged.emit()
        src = self.session.source
        errors = sum(1 for i in src.issues if i.is_error)
        if self.session.problem is None:
            self.statusMessage.emit(tr("{name}: {n:fout|fouten}; de planning kan pas na herstel in het bestand.",
                                       name=src.name or "", n=errors))
        else:
            self.statusMessage.emit(tr("{name} geopend: {n} deelnemers.", name=src.name or "",
                                       n=len(self.session.problem.learners)))

    def _take_project_lock(self, path: Path | None) -> None:
        pending, self._open_project = self._open_project, None
        self.release_project_lock()
        read_only, take, stamp = pending if pending is not None and path is not None else (False, False, None)
        self.read_only = read_only
        self.project_stamp = stamp
        if take and path is not None:
            self.project_lock = lock_project(path)

    def release_project_lock(self) -> None:
        if self.project_lock is not None:
            self.project_lock.release()
            self.project_lock = None

    def changed_on_disk(self, path: str | Path) -> bool:
        """Whether project ``path`` (the open one) changed on disk since it was opened or saved."""
        p = Path(path)
        if self.session.project_path is None or p.resolve() != self.session.project_path.resolve():
            return False
        if self.project_stamp is None:
            return False
        now = file_stamp(p)
        return now is not None and now != self.project_stamp

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
                # the change shown next to the key figures is that of the last edit that changed them
                self.figures_before = {**old.figures, "objective": old.objective}
        self.session.problem = snap.problem
        self.session.state = snap.state
        if problem_changed:
            self.problemChanged.emit()
        if state_changed:
            self.planChanged.emit()

    # ---- edits ---------------------------------------------------------------------------------
    def _can_edit_plan(self) -> bool:
        if self.session.state is None or self.session.problem is None:
            self.editRejected.emit(tr("Er is nog geen plan. Optimaliseer eerst (F5)."))
            return False
        if self._busy:
            self.editRejected.emit(tr("Wacht tot het optimaliseren klaar is, of stop het (Esc)."))
            return False
        return True

    def move_learners(self, learner_ids: Iterable[str], target: str | None) -> bool:
        """Move learners to class ``target`` or the waiting list (None) as one undo step."""
        ids = list(learner_ids)
        if not ids or not self._can_edit_plan():
            return False
        state = self.session.state
        assert state is not None
        locked = [i for i in ids if i in state.locks.learners]
        if locked:
            self.editRejected.emit(tr("{ids} is vastgezet; maak eerst los (Ctrl+L).", ids=", ".join(locked[:5])))
            return False
        try:
            cmd = MoveLearnersCommand(self, ids, target)
        except EditError as exc:
            self.editRejected.emit(str(exc))
            return False
        if cmd.after.state is state:
            return False
        new_notes = [n for n in cmd.after.state.notes if n not in state.notes] if cmd.after.state else []
        self.undo_stack.push(cmd)
        if new_notes:
            self.statusMessage.emit(tr("Let op: {text}", text=new_notes[0].text(lang_arg())))
        else:
            self.statusMessage.emit(cmd.text())
        return True

    def set_learner_lock(self, learner_ids: Iterable[str], locked: bool) -> bool:
        ids = list(learner_ids)
        if not ids or not self._can_edit_plan():
            return False
        self.undo_stack.push(LearnerLockCommand(self, ids, locked))
        return True

    def toggle_learner_lock(self, learner_ids: Iterable[str]) -> bool:
        ids = list(learner_ids)
        state = self.session.state
        if state is None or not ids:
            return self._can_edit_plan()
        locked = not all(i in state.locks.learners for i in ids)
        return self.set_learner_lock(ids, locked)

    def set_class_lock(self, class_id: str, locked: bool) -> bool:
        if not self._can_edit_plan():
            return False
        try:
            cmd = ClassLockCommand(self, class_id, locked)
        except EditError as exc:
            self.editRejected.emit(str(exc))
            return False
        self.undo_stack.push(cmd)
        return True

    def toggle_class_lock(self, class_id: str) -> bool:
        state = self.session.state
        if state is None:
            return self._can_edit_plan()
        return self.set_class_lock(class_id, class_id not in state.locks.classes)

    def edit_problem(self, text: str, change: Callable[[Problem], Problem], key: str | None = None) -> str | None:
        """Apply a capacity/weights edit as an undo step; returns an error text or None."""
        if self.session.problem is None:
            return tr("Open eerst een bestand.")
        if self._busy:
            return tr("Wacht tot het optimaliseren klaar is, of stop het (Esc).")
        try:
            cmd = ProblemEditCommand(self, text, change, key)
        except CapacityError as exc:
            return exc.text(lang_arg())
        if cmd.after.problem == cmd.before.problem:
            return None
        self.undo_stack.push(cmd)
        return None

    def erase_learner(self, learner_id: str, recovery: RecoverySlot | None = None) -> Erasure | None:
        """Remove one learner completely (:func:`app.planner.session.erase_learner`): not undoable, so the
        undo history, trade-off plans and simulation (which hold the learner) are cleared too.
        Returns what was removed and where traces may remain; None when it cannot be done now."""
        if self._busy or self.exporter.is_running():
            self.editRejected.emit(tr("Wacht tot het optimaliseren of exporteren klaar is."))
            return None
        self.autosaver.wait()  # an autosave still writing would bring the learner back
        try:
            report = erase_learner(self.session, learner_id, recovery=recovery)
        except EditError as exc:
            self.editRejected.emit(str(exc))
            return None
        saved = any(t.path is not None and self.session.project_path is not None
                    and t.path == str(self.session.project_path) for t in report.removed)
        self.undo_stack.clear()
        if not saved:
            self.undo_stack.resetClean()  # the change is not in a saved project yet
        self.figures_before = None
        self.tradeoff_points = []
        self._sim_generation += 1
        if self.simulator.is_running():
            self.simulator.stop()
        self.simulation = None
        report.removed.append(Trace("de bewerkgeschiedenis (ongedaan maken), de afwegingen en de simulatie",
                                    "the edit history (undo), the trade-off plans and the simulation"))
        self.sourceChanged.emit()
        self.problemChanged.emit()
        self.planChanged.emit()
        self.tradeoffChanged.emit()
        self.simulationChanged.emit()
        self.statusMessage.emit(tr("Deelnemer {id} is verwijderd.", id=learner_id))
        return report

    def problems(self) -> list[str]:
        """Why the current problem cannot be planned (texts), empty when it can."""
        if self.session.problem is None:
            return []
        return [m.text(lang_arg()) for m in capacity.problems_of(self.session.problem)]

    # ---- solving -------------------------------------------------------------------------------
    def time_limit(self) -> float:
        return float(self.session.settings.get("time_limit", 20))

    def prove_bound(self) -> bool:
        """Spend up to ``BOUND_SECONDS`` after each plan on a proven lower bound."""
        return bool(self.session.settings.get("prove_bound", False))

    def keep_source(self) -> bool:
        """Store the input workbook itself in the project (off unless the planner asks)."""
        return bool(self.session.settings.get("keep_source", False))

    def set_setting(self, key: str, value: Any) -> None:
        self.session.settings[key] = value

    def start_solve(self, mode: str = planning.FRESH, time_limit: float | None = None) -> bool:
        """Optimize in the background (``planning.FRESH`` or ``planning.REOPTIMIZE``)."""
        problem, state = self.session.problem, self.session.state
        if problem is None:
            self.editRejected.emit(tr("Open eerst een bestand."))
            return False
        if self._busy:
            return False
        issues = self.problems()
        if issues:
            self.errorMessage.emit(tr("Kan niet optimaliseren"), "\n".join(issues[:12]))
            return False
        limit = float(time_limit if time_limit is not None else self.time_limit())
        if mode == planning.REOPTIMIZE and state is not None:
            request = planning.reoptimize_request(problem, state, limit)
        else:
            mode = planning.FRESH
            request = planning.fresh_request(problem, state, limit)
        if self.prove_bound():
            request = replace(request, bound_seconds=BOUND_SECONDS)
        self._solve_request = request
        self._solve_base = problem

        def job(worker: Worker) -> planning.SolveOutcome:
            return planning.run_solve(request, on_progress=worker.progress.emit, stop=worker.stop_flag)

        if not self.solver.start(job):
            return False
        self.solveStarted.emit(mode, limit)
        self.statusMessage.emit(tr("Optimaliseren… (Esc stopt met het beste plan tot nu toe)"))
        return True

    def stop(self) -> None:
        """Stop a running solve or trade-off sweep; the best plan so far is kept."""
        if self.solver.is_running():
            self.solver.stop()
            self.statusMessage.emit(tr("Stoppen… het beste plan tot nu toe wordt bewaard."))
        if self.tradeoff_runner.is_running():
            self.tradeoff_runner.stop()

    @Slot(object)
    def _solve_done(self, outcome: object) -> None:
        assert isinstance(outcome, planning.SolveOutcome)
        request = self._solve_request
        if outcome.ok and outcome.state is not None and self.session.problem is not None:
            mode = request.mode if request else planning.FRESH
            text = tr("Heroptimaliseren") if mode == planning.REOPTIMIZE else tr("Optimaliseren")
            state = outcome.state
            if self.session.problem is not self._solve_base:  # changed meanwhile: check against what holds now
                state = editing.recheck(self.session.problem, state)
            self.undo_stack.push(ReplacePlanCommand(self, text, self.session.problem, state))
            first = outcome.plan.summary(lang_arg()).splitlines()[0]
            if outcome.stopped:
                first = tr("Vroegtijdig gestopt (Esc); het beste plan tot nu toe is bewaard. {summary}", summary=first)
            changes = self.session.replan_changes()
            if changes is not None:  # opened from an edited plan workbook: what the re-plan changed
                first = f"{first}  {changes.summary(lang_arg())}"
            self.statusMessage.emit(first)
        # the pages first say the solve is over, then a dialog may explain: behind a modal dialog
        # the page must not still say "Optimaliseren loopt…"
        self.solveFinished.emit(outcome)
        if not (outcome.ok and outcome.state is not None):
            self.errorMessage.emit(tr("Geen plan gevonden"), outcome.plan.summary(lang_arg()))

    @Slot(str)
    def _solve_failed(self, text: str) -> None:
        self.solveFinished.emit(None)
        self.errorMessage.emit(tr("Optimaliseren mislukt"), text)

    @Slot(bool)
    def _update_busy(self, _running: bool = False) -> None:
        busy = self.solver.is_running() or self.tradeoff_runner.is_running()
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    # ---- trade-off -----------------------------------------------------------------------------
    def start_tradeoff(self, points: int, time_limit: float, *, max_wait_mean: float | None = None,
                       max_misfit_mean: float | None = None) -> bool:
        """Compute ``points`` plans from fast start to homogeneous, or, with a cap on the mean
        wait or the mean misfit, ``points`` plans searching the best one within it."""
        problem = self.session.problem
        if problem is None or self._busy:
            return False
        issues = self.problems()
        if issues:
            self.errorMessage.emit(tr("Kan niet optimaliseren"), "\n".join(issues[:12]))
            return False
        request = planning.tradeoff_request(problem, self.session.state, points, time_limit,
                                            max_wait_mean=max_wait_mean, max_misfit_mean=max_misfit_mean)
        self._tradeoff_request = request
        self.tradeoff_points = []
        self.tradeoffChanged.emit()
        run = planning.run_capped if request.capped else planning.run_tradeoff

        def job(worker: Worker) -> object:
            return run(request, on_point=worker.point.emit, on_progress=worker.progress.emit, stop=worker.stop_flag)

        if not self.tradeoff_runner.start(job):
            return False
        self.tradeoffStarted.emit(points, time_limit)
        self.statusMessage.emit(tr("Afwegingen berekenen…"))
        return True

    @property
    def tradeoff_cap(self) -> tuple[float | None, float | None]:
        """(mean wait, mean misfit) cap of the last trade-off computed; (None, None) without one."""
        r = self._tradeoff_request
        return (None, None) if r is None else (r.max_wait_mean, r.max_misfit_mean)

    @Slot(object, int, int)
    def _tradeoff_point(self, point: object, done: int, total: int) -> None:
        assert isinstance(point, TradeoffPoint)
        self.tradeoff_points = sorted([*self.tradeoff_points, point], key=lambda p: p.alpha)
        self.tradeoffPoint.emit(point, done, total)
        self.tradeoffChanged.emit()

    @Slot(object)
    def _tradeoff_done(self, result: object) -> None:
        within = result if isinstance(result, WithinCap) else None
        points = within.tried if within is not None else result
        assert isinstance(points, list)
        self.tradeoff_points = sorted(points, key=lambda p: p.alpha)
        self.tradeoffChanged.emit()
        if within is None:
            self.statusMessage.emit(tr("{n:plan|plannen} berekend.", n=len(points)))
        elif within.closest is None:
            self.statusMessage.emit(tr("Geen plan gevonden."))
        else:
            p = within.closest
            figures = {"label": p.label, "wait": number(p.mean_wait), "misfit": number(p.mean_misfit)}
            if within.met:
                self.statusMessage.emit(tr("Plan {label} blijft binnen de grens: gemiddeld {wait} weken wachten, "
                                           "niveauverschil {misfit}.", **figures))
            else:
                self.statusMessage.emit(tr("Geen plan blijft binnen de grens; het dichtstbij is {label}: gemiddeld "
                                           "{wait} weken wachten, niveauverschil {misfit}. Ruim de grens of geef "
                                           "meer tijd.", **figures))
            self.tradeoffChosen.emit(self.tradeoff_points.index(p), within.met)

    def adopt_tradeoff(self, index: int) -> bool:
        """Continue with trade-off plan ``index``: its weights become the problem's weights."""
        if not 0 <= index < len(self.tradeoff_points) or self._tradeoff_request is None:
            return False
        if self.session.problem is None or self._busy:
            return False
        point = self.tradeoff_points[index]
        if not point.plan.is_feasible():
            return False
        problem, state = planning.adopt_point(self.session.problem, self._tradeoff_request, point)
        self.undo_stack.push(ReplacePlanCommand(
            self, tr("Kies plan {label} uit de afweging", label=point.label), problem, state))
        return True

    # ---- simulation ----------------------------------------------------------------------------
    def start_simulation(self, policies: list[str], weeks: int, arrivals_per_week: float, time_limit: float,
                         seed: int, *, scenario: str | None = None, seeds: int = 1) -> bool:
        """Simulate ``weeks`` weeks of arrivals and weekly re-planning of the current problem for
        each policy (:func:`app.simulation.sweep.simulate`, in this process, one run after another),
        on ``seeds`` arrival series from ``seed`` on, with the capacity of ``scenario``."""
        problem = self.session.problem
        if problem is None:
            self.editRejected.emit(tr("Open eerst een bestand."))
            return False
        if self.simulator.is_running() or not policies:
            return False
        issues = self.problems()
        if issues:
            self.errorMessage.emit(tr("Kan niet simuleren"), "\n".join(issues[:12]))
            return False
        source = self.session.source.name
        specs = list(policies)

        def job(worker: Worker) -> SimulationResult:
            return simulate(problem, specs, weeks=weeks, seeds=range(seed, seed + max(1, seeds)),
                            arrivals_per_week=arrivals_per_week, time_limit=time_limit, workers=1,
                            progress=worker.progress.emit, stop=worker.stop_flag, source=source, scenario=scenario)

        self._sim_started = self._sim_generation
        if not self.simulator.start(job):
            return False
        self.simulationStarted.emit(len(specs), weeks)
        self.statusMessage.emit(tr("Simuleren…"))
        return True

    def stop_simulation(self) -> None:
        """Stop a running simulation; the weeks finished so far are kept."""
        if self.simulator.is_running():
            self.simulator.stop()
            self.statusMessage.emit(tr("Simulatie stoppen… de weken die klaar zijn blijven bewaard."))

    @Slot(object)
    def _simulation_done(self, result: object) -> None:
        assert isinstance(result, SimulationResult)
        if self._sim_started != self._sim_generation:  # another file was opened meanwhile
            self.simulationFinished.emit(None)
            return
        self.simulation = result
        self.simulationChanged.emit()
        self.simulationFinished.emit(result)
        if result.interrupted:
            self.statusMessage.emit(tr("Simulatie gestopt."))
        else:
            self.statusMessage.emit(tr("Simulatie klaar."))

    @Slot(str)
    def _simulation_failed(self, text: str) -> None:
        self.errorMessage.emit(tr("Simuleren mislukt"), text)
        self.simulationFinished.emit(None)

    def save_simulation(self, folder: str | Path) -> bool:
        """Write the last simulation (CSV tables, settings.json, PNG charts) to ``folder`` in the
        background; ``simulationSaved`` tells when done. The caller asks before using a folder
        that is not empty."""
        result = self.simulation
        if result is None or self.sim_saver.is_running():
            return False
        target = Path(folder)
        self._sim_folder = target
        self.statusMessage.emit(tr("Simulatie wordt opgeslagen in {name}…", name=target.name))
        return self.sim_saver.start(lambda _w: result.save(target))

    @Slot(object)
    def _simulation_saved(self, _written: object) -> None:
        target = self._sim_folder
        self.statusMessage.emit(tr("Simulatie opgeslagen in {path}", path=str(target or "")))
        self.simulationSaved.emit(str(target or ""), "")

    @Slot(str)
    def _simulation_save_failed(self, text: str) -> None:
        target = self._sim_folder
        self.errorMessage.emit(tr("Opslaan mislukt"), tr("{name} kan niet worden opgeslagen: {why}",
                                                         name=str(target or ""), why=text))
        self.simulationSaved.emit(str(target or ""), text)

    # ---- files ---------------------------------------------------------------------------------
    def save_project(self, path: str | Path, *, overwrite_readonly: bool = False) -> bool:
        """Save the session as a project file (atomically); marks the undo stack clean.

        The window asks first when the file is read-only, changed on disk or open elsewhere;
        afterwards this instance holds the file's lock."""
        if self.session.problem is None:
            return False
        try:
            save_project(path, self.session.to_project(), keep_source=self.keep_source(),
                         overwrite_readonly=overwrite_readonly)
        except (OSError, ProjectError) as exc:
            why = getattr(exc, "en", exc) if language() == "en" else exc
            self.errorMessage.emit(tr("Opslaan mislukt"), tr("{name} kan niet worden opgeslagen: {why}",
                                                             name=Path(path).name, why=why))
            return False
        p = Path(path)
        if self.project_lock is None or self.project_lock.path != project_lock_path(p) or not self.project_lock.held():
            self.release_project_lock()
            self.project_lock = lock_project(p)
        self.project_stamp = file_stamp(p)
        self.read_only = False
        self.session.project_path = p
        self.undo_stack.setClean()
        self.statusMessage.emit(tr("Project opgeslagen: {name}", name=Path(path).name))
        return True

    def shareable_columns(self) -> list[str]:
        """The learners' own columns an export without names may keep (names and notes never)."""
        return shareable_columns(self.session.source.extras)

    def export_plan(self, path: str | Path, *, pseudonymise: bool = False, keep_columns: Iterable[str] = (),
                    overwrite_readonly: bool = False) -> bool:
        """Write the plan workbook in the background; ``exportFinished`` tells when done.

        ``pseudonymise``: learners by id only, with none of their own columns but ``keep_columns``
        (:func:`app.workbook.export.write_plan_workbook`). When writing fails, ``exportFinished`` carries the
        reason and the window offers another path (:meth:`retry_export` uses the same options).
        A read-only ``path`` is replaced only with ``overwrite_readonly``."""
        problem, plan = self.session.problem, self.session.plan
        if problem is None or plan is None:
            self.editRejected.emit(tr("Er is nog geen plan om te exporteren."))
            return False
        if self.exporter.is_running():
            return False
        extras = self.session.source.extras
        changes = self.session.replan_changes()
        tradeoff = [(p.label, p.plan) for p in self.tradeoff_points if p.plan.is_feasible()]
        target = Path(path)
        keep = tuple(keep_columns)
        self._export_target = target
        self._export_options = {"pseudonymise": pseudonymise, "keep_columns": keep}
        self.statusMessage.emit(tr("Plan wordt geschreven naar {name}…", name=target.name))
        return self.exporter.start(lambda _w: write_plan_workbook(problem, plan, target, extras=extras,
                                                                  tradeoff=tradeoff or None, changes=changes,
                                                                  pseudonymise=pseudonymise, keep_columns=keep,
                                                                  overwrite_readonly=overwrite_readonly))

    def retry_export(self, path: str | Path) -> bool:
        """The last export again (same options) to another ``path``, after it failed."""
        return self.export_plan(path, **self._export_options)

    @Slot(object)
    def _exported(self, _result: object) -> None:
        target = self._export_target
        if target is not None:
            known = [p for p in self.session.settings.get("exports", []) if p != str(target)]
            self.session.settings["exports"] = [*known, str(target)]  # erasure names them (23.9)
        self.statusMessage.emit(tr("Plan geschreven: {name}", name=target.name if target else ""))
        self.exportFinished.emit(str(target), "")

    @Slot(str)
    def _export_failed(self, text: str) -> None:
        """The window shows ``text`` and offers another path (``exportFinished`` with the reason)."""
        target = self._export_target
        self.statusMessage.emit(tr("Exporteren mislukt: {why}", why=text))
        self.exportFinished.emit(str(target), text)

    def write_template(self, path: str | Path) -> bool:
        try:
            write_template(path)
        except OSError as exc:
            self.errorMessage.emit(tr("Opslaan mislukt"), str(exc))
            return False
        self.statusMessage.emit(tr("Sjabloon opgeslagen: {name}", name=Path(path).name))
        return True

    def autosave(self, slot: RecoverySlot) -> bool:
        """Write this instance's recovery file in the background, when there is something to lose
        that the last autosave does not hold yet. ``autosaveFinished`` tells how it went; after a
        failure the next call tries again."""
        if self.session.problem is None or not self.is_dirty() or self.autosaver.is_running():
            return False
        current = (self.session.problem, self.session.state)
        if self._autosaved is not None and all(a is b for a, b in zip(current, self._autosaved, strict=True)):
            return False
        origin = str(self.session.project_path or self.session.source.path or "")
        project = self.session.to_project(origin=origin or None)
        keep = self.keep_source()
        self._autosaving = current
        return self.autosaver.start(lambda _w: slot.write(project, keep_source=keep))

    _autosaving: tuple[object, object] | None = None

    @Slot(object)
    def _autosaved_ok(self, _path: object) -> None:
        self._autosaved = self._autosaving
        self.autosaveFinished.emit("")

    @Slot(str)
    def _autosave_failed(self, text: str) -> None:
        self._autosaved = None
        self.autosaveFinished.emit(text)

    def clear_recovery(self, slot: RecoverySlot | None) -> None:
        """Remove the recovery file (the work was saved or discarded)."""
        self.autosaver.wait()
        self._autosaved = None
        if slot is not None:
            slot.clear()

    def shutdown(self) -> None:
        """Stop every background job and wait for it, and release the project's lock (the window is closing)."""
        for r in (self.solver, self.tradeoff_runner, self.simulator, self.sim_saver, self.opener, self.exporter,
                  self.autosaver):
            if r.is_running():
                r.shutdown()
        self.release_project_lock()

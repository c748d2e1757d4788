"""Solving in the background: a fresh plan or a re-optimisation, stoppable, its plan one undo step."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot

from app.planner import editing, planning
from optimizer.domain import Problem
from optimizer.options import SolveOptions
from optimizer.plan import Progress
from ui.commands import ReplacePlanCommand
from ui.control.hub import Hub
from ui.i18n import lang_arg, tr
from ui.workers import Runner, Worker

BOUND_SECONDS = 30.0
"""Extra time after a plan for its proven lower bound, when the planner asks for it (the
sample's bound converges in about 10-15 s on two cores: docs/benchmarks.md)."""


@dataclass(frozen=True)
class LastSolve:
    """A finished solve as the Optimaliseren tab showed it: the outcome (None when it failed), the
    time limit and the progress reported (seconds, objective, bound)."""

    outcome: planning.SolveOutcome | None
    limit: float
    points: list[tuple[float, float, float]]


class Solving(QObject):
    """Runs one solve at a time; the plan it finds replaces the current one as an undo step."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.solver = hub.runner(self, self._solve_done, self._solve_failed, progress=hub.solveProgress, busy=True)
        self._solve_request: planning.SolveRequest | None = None
        self._solve_base: Problem | None = None
        self._limit = 0.0
        self._points: list[tuple[float, float, float]] = []
        self.last: LastSolve | None = None
        """The last finished solve of this input, for the Optimaliseren tab when it is built again
        (a language switch); a new input forgets it."""
        hub.on_forget(self.forget)
        hub.solveProgress.connect(self._progress)

    def forget(self) -> None:
        self.last = None

    @Slot(object)
    def _progress(self, p: object) -> None:
        if isinstance(p, Progress):
            self._points.append((p.elapsed, p.objective, p.bound))

    def time_limit(self) -> float:
        return float(self.hub.session.settings.get("time_limit", 20))

    def prove_bound(self) -> bool:
        """Spend up to ``BOUND_SECONDS`` after each plan on a proven lower bound."""
        return bool(self.hub.session.settings.get("prove_bound", False))

    def start_solve(self, mode: str = planning.FRESH, time_limit: float | None = None) -> bool:
        """Optimize in the background (``planning.FRESH`` or ``planning.REOPTIMIZE``)."""
        hub = self.hub
        problem, state = hub.session.problem, hub.session.state
        if problem is None:
            hub.editRejected.emit(tr("Open eerst een bestand."))
            return False
        if hub.busy:
            return False
        if hub.refuse_unplannable(tr("Kan niet optimaliseren")):
            return False
        limit = float(time_limit if time_limit is not None else self.time_limit())
        options = SolveOptions(time_limit=limit, bound_seconds=BOUND_SECONDS if self.prove_bound() else 0.0)
        if mode == planning.REOPTIMIZE and state is not None:
            request = planning.reoptimize_request(problem, state, options)
        else:
            mode = planning.FRESH
            request = planning.fresh_request(problem, state, options)
        self._solve_request = request
        self._solve_base = problem
        self._limit = limit
        self._points = []

        def job(worker: Worker) -> planning.SolveOutcome:
            return planning.run_solve(request, on_progress=worker.progress.emit, stop=worker.stop_flag)

        return hub.start_job(self.solver, job, lambda: hub.solveStarted.emit(mode, limit),
                             tr("Optimaliseren… (Esc stopt met het beste plan tot nu toe)"))

    def stop(self) -> None:
        """Stop a running solve; the best plan so far is kept."""
        self.hub.stop_job(self.solver, tr("Stoppen… het beste plan tot nu toe wordt bewaard."))

    @Slot(object)
    def _solve_done(self, outcome: object) -> None:
        assert isinstance(outcome, planning.SolveOutcome)
        hub = self.hub
        request = self._solve_request
        self.last = LastSolve(outcome, self._limit, self._points)
        if outcome.ok and outcome.state is not None and hub.session.problem is not None:
            mode = request.mode if request else planning.FRESH
            text = tr("Heroptimaliseren") if mode == planning.REOPTIMIZE else tr("Optimaliseren")
            state = outcome.state
            if hub.session.problem is not self._solve_base:  # changed meanwhile: check against what holds now
                state = editing.recheck(hub.session.problem, state)
            hub.undo_stack.push(ReplacePlanCommand(hub.restore, hub.snapshot(), text, hub.session.problem, state))
            first = outcome.plan.summary(lang_arg()).splitlines()[0]
            if outcome.stopped:
                first = tr("Vroegtijdig gestopt (Esc); het beste plan tot nu toe is bewaard. {summary}", summary=first)
            changes = hub.session.replan_changes()
            if changes is not None:  # opened from an edited plan workbook: what the re-plan changed
                first = f"{first}  {changes.summary(lang_arg())}"
            hub.statusMessage.emit(first)
        # the pages first say the solve is over, then a dialog may explain: behind a modal dialog
        # the page must not still say "Optimaliseren loopt…"
        hub.solveFinished.emit(outcome)
        if not (outcome.ok and outcome.state is not None):
            hub.errorMessage.emit(tr("Geen plan gevonden"), outcome.plan.summary(lang_arg()))

    @Slot(str)
    def _solve_failed(self, text: str) -> None:
        self.last = LastSolve(None, self._limit, self._points)
        self.hub.solveFinished.emit(None)
        self.hub.errorMessage.emit(tr("Optimaliseren mislukt"), text)

    def runners(self) -> list[Runner]:
        return [self.solver]

"""The trade-off: the frontier from the fastest start to the most homogeneous (or the best plan
within a cap), its points as they arrive, and adopting one."""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QObject, Slot

from app.planner import planning
from optimizer.frontier import Frontier, suggested_seconds
from optimizer.options import SolveOptions
from optimizer.tradeoff import TradeoffPoint, WithinCap
from ui.commands import ReplacePlanCommand
from ui.control.hub import Hub
from ui.i18n import Said, lang_arg, number, tr
from ui.workers import Runner, Worker


class Tradeoff(QObject):
    """Runs one trade-off search at a time and keeps its plans (``tradeoff_points``, fastest
    first). Without a cap they are the points of ``frontier`` (the same order: provisional while
    the search runs, final when it ends), labelled in the planner's words."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.tradeoff_runner = hub.runner(self, self._tradeoff_done, self._tradeoff_failed,
                                          progress=hub.solveProgress, point=self._tradeoff_point, busy=True)
        self.tradeoff_points: list[TradeoffPoint] = []
        self.frontier: Frontier | None = None
        """The frontier behind ``tradeoff_points`` (None after a capped search or before any)."""
        self._tradeoff_request: planning.TradeoffRequest | None = None
        self.progress_status: tuple[int, str, dict[str, object]] | None = None
        """What the Vergelijken page's progress bar says: (value, Dutch text, its parameters), or
        None before any search. Kept here, not in the page, so the page rebuilt by a language switch
        says it again in the new language."""
        self.shortfall: tuple[int, int, float] | None = None
        """(plans asked, plans found, seconds) when a search ran out of time with fewer plans than
        asked (not stopped by the planner, no cap); None otherwise."""
        self._asked: tuple[int, float] = (0, 0.0)
        self._t0 = 0.0
        self._stopped = False
        hub.on_forget(self.forget)

    def forget(self) -> None:
        self.tradeoff_points = []
        self.frontier = None
        self.progress_status = None
        self.shortfall = None

    def start_tradeoff(self, points: int, time_limit: float, *, max_wait_mean: float | None = None,
                       max_misfit_mean: float | None = None) -> bool:
        """Compute the frontier of up to ``points`` plans from the fastest start to the most
        homogeneous, or, with a cap on the mean wait or the mean misfit, ``points`` plans
        searching the best one within it."""
        hub = self.hub
        problem = hub.session.problem
        if problem is None or hub.busy:
            return False
        if hub.refuse_unplannable(tr("Kan niet optimaliseren")):
            return False
        request = planning.tradeoff_request(problem, hub.session.state, points, SolveOptions(time_limit=time_limit),
                                            max_wait_mean=max_wait_mean, max_misfit_mean=max_misfit_mean)
        self._tradeoff_request = request
        self.tradeoff_points = []
        self.frontier = None
        self.shortfall = None
        self._asked = (points, time_limit)
        self._stopped = False
        self._t0 = time.monotonic()
        hub.tradeoffChanged.emit()
        run = planning.run_capped if request.capped else planning.run_tradeoff

        def job(worker: Worker) -> object:
            return run(request, on_point=worker.point.emit, on_progress=worker.progress.emit, stop=worker.stop_flag)

        return hub.start_job(self.tradeoff_runner, job, lambda: hub.tradeoffStarted.emit(points, time_limit),
                             tr("Afwegingen berekenen…"))

    def stop(self) -> None:
        """Stop a running search; the plans found so far are kept."""
        self._stopped = self.tradeoff_runner.is_running()
        self.hub.stop_job(self.tradeoff_runner)

    @property
    def stopped(self) -> bool:
        """Did the planner stop the last search (its plans are those found until then)?"""
        return self._stopped

    def _computed(self, n: int) -> str:
        """The status bar's words after a search: the plans computed, and whether it was stopped."""
        if self._stopped:
            return tr("Gestopt: {n:plan|plannen} berekend.", n=n)
        return tr("{n:plan|plannen} berekend.", n=n)

    @property
    def tradeoff_cap(self) -> tuple[float | None, float | None]:
        """(mean wait, mean misfit) cap of the last trade-off computed; (None, None) without one."""
        r = self._tradeoff_request
        return (None, None) if r is None else (r.max_wait_mean, r.max_misfit_mean)

    def _set_frontier(self, fr: Frontier) -> None:
        self.frontier = fr
        request = self._tradeoff_request
        base = (request.problem if request is not None else self.hub.session.problem).weights  # type: ignore[union-attr]
        self.tradeoff_points = planning.frontier_choices(fr, base, lang_arg())

    def relabel(self) -> None:
        """The frontier's plans named in the GUI's current language (after a language switch)."""
        fr = self.frontier
        if fr is None or len(fr.points) != len(self.tradeoff_points):
            return
        lang = lang_arg()
        self.tradeoff_points = [replace(p, label=q.label(lang)) for p, q in zip(self.tradeoff_points, fr.points,
                                                                                   strict=True)]

    @Slot(object, int, int)
    def _tradeoff_point(self, point: object, done: int, total: int) -> None:
        if isinstance(point, Frontier):
            self._set_frontier(point)  # the frontier of the plans solved so far
        else:
            assert isinstance(point, TradeoffPoint)
            self.tradeoff_points = sorted([*self.tradeoff_points, point], key=lambda p: p.alpha)
        self.hub.tradeoffPoint.emit(point, done, total)
        self.hub.tradeoffChanged.emit()

    @Slot(object)
    def _tradeoff_done(self, result: object) -> None:
        hub = self.hub
        if isinstance(result, Frontier):
            self._set_frontier(result)
            asked, seconds = self._asked
            found = len(result.points)
            # fewer plans than asked because the time ran out (it used its time, nobody stopped it)
            used_up = time.monotonic() - self._t0 >= 0.9 * seconds
            self.shortfall = (asked, found, seconds) if found < asked and used_up and not self._stopped else None
            hub.tradeoffChanged.emit()
            text = self._computed(len(result.points))
            if result.current_dominated_by is not None:
                text += " " + tr("Het huidige plan wordt overtroffen door ‘{label}’.",
                                 label=self.tradeoff_points[result.current_dominated_by].label)
            hub.statusMessage.emit(text)
            return
        within = result if isinstance(result, WithinCap) else None
        points = within.tried if within is not None else result
        assert isinstance(points, list)
        self.tradeoff_points = sorted(points, key=lambda p: p.alpha)
        hub.tradeoffChanged.emit()
        if within is None:
            hub.statusMessage.emit(self._computed(len(points)))
        elif within.closest is None:
            hub.statusMessage.emit(tr("Geen plan gevonden."))
        else:
            p = within.closest
            figures = {"label": p.label, "wait": number(p.mean_wait), "misfit": number(p.mean_misfit)}
            if within.met:
                hub.statusMessage.emit(tr("Plan {label} blijft binnen de grens: gemiddeld {wait} weken wachten, "
                                          "niveauverschil {misfit}.", **figures))
            else:
                hub.statusMessage.emit(tr("Geen plan blijft binnen de grens; het dichtstbij is {label}: gemiddeld "
                                          "{wait} weken wachten, niveauverschil {misfit}. Ruim de grens of geef "
                                          "meer tijd.", **figures))
            hub.tradeoffChosen.emit(self.tradeoff_points.index(p), within.met)

    @Slot(str)
    def _tradeoff_failed(self, text: str) -> None:
        self.hub.solveFinished.emit(None)
        self.hub.errorMessage.emit(tr("Optimaliseren mislukt"), text)

    def adopt_tradeoff(self, index: int) -> bool:
        """Continue with trade-off plan ``index`` (undoable): its weights become the problem's weights."""
        hub = self.hub
        if not 0 <= index < len(self.tradeoff_points) or self._tradeoff_request is None:
            return False
        if hub.session.problem is None or hub.busy:
            return False
        point = self.tradeoff_points[index]
        if not point.plan.is_feasible():
            return False
        problem, state = planning.adopt_point(hub.session.problem, self._tradeoff_request, point)
        label: str = point.label
        fr = self.frontier
        if fr is not None and len(fr.points) == len(self.tradeoff_points):  # named again after a language switch
            label = Said(point.label, lambda q=fr.points[index]: q.label(lang_arg()))
        hub.undo_stack.push(ReplacePlanCommand(
            hub.restore, hub.snapshot(), tr("Kies plan {label} uit de afweging", label=label), problem, state))
        hub.statusMessage.emit(tr("Verder met plan {label}: gemiddeld {wait} weken wachten, niveauverschil {misfit}.",
                                  label=point.label, wait=number(point.mean_wait), misfit=number(point.mean_misfit)))
        return True

    def suggested_seconds(self) -> int | None:
        """A total time likely to give the plans asked after a search that ran out of time: the
        time per plan found so far for every plan asked, half as much again, in whole tens."""
        if self.shortfall is None:
            return None
        return suggested_seconds(*self.shortfall)

    def runners(self) -> list[Runner]:
        return [self.tradeoff_runner]

"""Policy simulations in the background, and saving the last one's tables and charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Slot

from app.simulation.sweep import SimulationResult, simulate
from ui.control.hub import Hub
from ui.i18n import tr
from ui.workers import Runner, Worker


class Simulation(QObject):
    """Runs one simulation at a time; keeps the last result (``simulation``) until the input changes."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.simulator = hub.runner(self, self._simulation_done, self._simulation_failed,
                                    progress=hub.simulationProgress)
        self.sim_saver = hub.runner(self, self._simulation_saved, self._simulation_save_failed)
        self.simulation: SimulationResult | None = None
        self._sim_generation = 0
        self._sim_started = 0
        self._sim_folder: Path | None = None
        hub.on_forget(self.forget)

    def forget(self) -> None:
        """The input changed: a running simulation stops and its result is dropped, as is the last one."""
        self._sim_generation += 1
        self.hub.stop_job(self.simulator)
        self.simulation = None

    def start_simulation(self, policies: list[str], weeks: int, arrivals_per_week: float, time_limit: float,
                         seed: int, *, scenario: str | None = None, seeds: int = 1) -> bool:
        """Simulate ``weeks`` weeks of arrivals and weekly re-planning of the current problem for
        each policy (:func:`app.simulation.sweep.simulate`, in this process, one run after another),
        on ``seeds`` arrival series from ``seed`` on, with the capacity of ``scenario``."""
        hub = self.hub
        problem = hub.session.problem
        if problem is None:
            hub.editRejected.emit(tr("Open eerst een bestand."))
            return False
        if self.simulator.is_running() or not policies:
            return False
        if hub.refuse_unplannable(tr("Kan niet simuleren")):
            return False
        source = hub.session.source.name
        specs = list(policies)

        def job(worker: Worker) -> SimulationResult:
            return simulate(problem, specs, weeks=weeks, seeds=range(seed, seed + max(1, seeds)),
                            arrivals_per_week=arrivals_per_week, time_limit=time_limit, workers=1,
                            progress=worker.progress.emit, stop=worker.stop_flag, source=source, scenario=scenario)

        self._sim_started = self._sim_generation
        return hub.start_job(self.simulator, job, lambda: hub.simulationStarted.emit(len(specs), weeks),
                             tr("Simuleren…"))

    def stop_simulation(self) -> None:
        """Stop a running simulation; the weeks finished so far are kept."""
        self.hub.stop_job(self.simulator, tr("Simulatie stoppen… de weken die klaar zijn blijven bewaard."))

    @Slot(object)
    def _simulation_done(self, result: object) -> None:
        assert isinstance(result, SimulationResult)
        hub = self.hub
        if self._sim_started != self._sim_generation:  # another file was opened meanwhile
            hub.simulationFinished.emit(None)
            return
        self.simulation = result
        hub.simulationChanged.emit()
        hub.simulationFinished.emit(result)
        if result.interrupted:
            hub.statusMessage.emit(tr("Simulatie gestopt."))
        else:
            hub.statusMessage.emit(tr("Simulatie klaar."))

    @Slot(str)
    def _simulation_failed(self, text: str) -> None:
        self.hub.errorMessage.emit(tr("Simuleren mislukt"), text)
        self.hub.simulationFinished.emit(None)

    def save_simulation(self, folder: str | Path) -> bool:
        """Write the last simulation (CSV tables, settings.json, PNG charts) to ``folder`` in the
        background; ``simulationSaved`` tells when done. The caller asks before using a folder
        that is not empty."""
        result = self.simulation
        if result is None or self.sim_saver.is_running():
            return False
        target = Path(folder)
        self._sim_folder = target
        self.hub.statusMessage.emit(tr("Simulatie wordt opgeslagen in {name}…", name=target.name))
        return self.sim_saver.start(lambda _w: result.save(target))

    @Slot(object)
    def _simulation_saved(self, _written: object) -> None:
        target = self._sim_folder
        self.hub.statusMessage.emit(tr("Simulatie opgeslagen in {path}", path=str(target or "")))
        self.hub.simulationSaved.emit(str(target or ""), "")

    @Slot(str)
    def _simulation_save_failed(self, text: str) -> None:
        target = self._sim_folder
        self.hub.errorMessage.emit(tr("Opslaan mislukt"), tr("{name} kan niet worden opgeslagen: {why}",
                                                             name=str(target or ""), why=text))
        self.hub.simulationSaved.emit(str(target or ""), text)

    def runners(self) -> list[Runner]:
        return [self.simulator, self.sim_saver]

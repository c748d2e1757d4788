"""The GUI's link to the app session: one coordinator over one object per concern.

Views never change data themselves: they call the controller, which builds an undo command
(that calls an app service) or starts a background job, and then announces the change with a
signal (``problemChanged``, ``planChanged``, ...). The :class:`Controller` is the :class:`Hub`
(session, undo stack, busy state, signals: :mod:`ui.control.hub`) plus the concerns that do the
work, each in its own module of :mod:`ui.control`:

- ``files`` (:class:`~ui.control.files.Files`): opening, the project's lock, saving, autosave;
- ``editing`` (:class:`~ui.control.editing.Editing`): moves, locks, capacity and weights edits, with undo;
- ``solving`` (:class:`~ui.control.solving.Solving`): a plan in the background;
- ``tradeoff`` (:class:`~ui.control.tradeoff.Tradeoff`): the plans of the afweging, and adopting one;
- ``simulations`` (:class:`~ui.control.simulation.Simulation`): policy simulations and saving them;
- ``export`` (:class:`~ui.control.export.Export`): the plan workbook and the template;
- ``next_week_jobs`` (:class:`~ui.control.next_week.NextWeekJobs`): *Volgende planweek…* in the background.

The views call the concerns through the controller's names (``start_solve``, ``export_plan``,
...), each forwarded to its concern (:class:`_Via`); what spans concerns (erasing a learner,
stopping, shutting down) is done here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from app.planner.editing import EditError
from app.planner.recovery import RecoverySlot
from app.planner.session import Erasure, Trace, erase_learner
from ui.commands import SnapshotCommand
from ui.control.editing import Editing
from ui.control.export import Export
from ui.control.files import Files
from ui.control.hub import Hub
from ui.control.next_week import NextWeekJobs
from ui.control.simulation import Simulation
from ui.control.solving import BOUND_SECONDS, Solving
from ui.control.tradeoff import Tradeoff
from ui.i18n import tr
from ui.workers import Runner

__all__ = ["BOUND_SECONDS", "Controller"]


class _Via:
    """A controller attribute that is its concern's attribute of the same name (read and write)."""

    def __init__(self, concern: str) -> None:
        self.concern = concern

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(getattr(obj, self.concern), self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        setattr(getattr(obj, self.concern), self.name, value)


class Controller(Hub):
    """The :class:`Hub` and its concerns; views observe the hub's signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = Files(self)
        self.editing = Editing(self)
        self.solving = Solving(self)
        self.tradeoff = Tradeoff(self)
        self.simulations = Simulation(self)
        self.export = Export(self, lambda: [(p.label, p.plan) for p in self.tradeoff.tradeoff_points
                                            if p.plan.is_feasible()])
        self.next_week_jobs = NextWeekJobs(self)

    # files and projects
    open_file = _Via("files")
    apply_opened = _Via("files")
    release_project_lock = _Via("files")
    changed_on_disk = _Via("files")
    save_project = _Via("files")
    autosave = _Via("files")
    clear_recovery = _Via("files")
    project_lock = _Via("files")
    project_stamp = _Via("files")
    read_only = _Via("files")
    opener = _Via("files")
    autosaver = _Via("files")
    # editing, with undo
    move_learners = _Via("editing")
    set_learner_lock = _Via("editing")
    toggle_learner_lock = _Via("editing")
    set_class_lock = _Via("editing")
    toggle_class_lock = _Via("editing")
    edit_problem = _Via("editing")
    # solving
    start_solve = _Via("solving")
    time_limit = _Via("solving")
    prove_bound = _Via("solving")
    solver = _Via("solving")
    _solve_request = _Via("solving")
    # trade-off
    start_tradeoff = _Via("tradeoff")
    adopt_tradeoff = _Via("tradeoff")
    tradeoff_cap = _Via("tradeoff")
    tradeoff_points = _Via("tradeoff")
    tradeoff_runner = _Via("tradeoff")
    # simulation
    start_simulation = _Via("simulations")
    stop_simulation = _Via("simulations")
    save_simulation = _Via("simulations")
    simulation = _Via("simulations")
    simulator = _Via("simulations")
    sim_saver = _Via("simulations")
    # export
    export_plan = _Via("export")
    retry_export = _Via("export")
    shareable_columns = _Via("export")
    write_template = _Via("export")
    exporter = _Via("export")

    def stop(self) -> None:
        """Stop a running solve or trade-off sweep; the best plan so far is kept."""
        self.solving.stop()
        self.tradeoff.stop()

    def erase_learner(self, learner_id: str, recovery: RecoverySlot | None = None) -> Erasure | None:
        """Remove one learner completely (:func:`app.planner.session.erase_learner`): not undoable, so the
        undo history, trade-off plans and simulation (which hold the learner) are cleared too.
        Returns what was removed and where traces may remain; None when it cannot be done now."""
        if self.busy or self.export.exporter.is_running():
            self.editRejected.emit(tr("Wacht tot het optimaliseren of exporteren klaar is."))
            return None
        self.files.autosaver.wait()  # an autosave still writing would bring the learner back
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
        else:  # the project was saved with the options as they are now (keeping the input off)
            self.mark_options_saved()
        self.forget_derived()
        report.removed.append(Trace("de bewerkgeschiedenis (ongedaan maken), de afwegingen en de simulatie",
                                    "the edit history (undo), the trade-off plans and the simulation"))
        self.announce_all()
        self.statusMessage.emit(tr("Deelnemer {id} is verwijderd.", id=learner_id))
        return report

    def retranslate_steps(self) -> None:
        """Name every step of the undo history in the current language (after a language switch)."""
        for i in range(self.undo_stack.count()):
            step = self.undo_stack.command(i)
            if isinstance(step, SnapshotCommand):
                step.retranslate()

    def runners(self) -> list[Runner]:
        """Every background runner, in the order :meth:`shutdown` stops them."""
        return [*self.solving.runners(), *self.tradeoff.runners(), *self.simulations.runners(),
                self.files.opener, *self.export.runners(), *self.next_week_jobs.runners(), self.files.autosaver]

    def shutdown(self) -> None:
        """Stop every background job and wait for it, and release the project's lock (the window is closing)."""
        for r in self.runners():
            if r.is_running():
                r.shutdown()
        self.files.release_project_lock()

"""Files and projects: opening in the background, the project's lock, saving, autosave to the recovery file."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot

from app.os_errors import os_reason
from app.planner.encoding import ProjectError
from app.planner.project import SUFFIX, lock_project, project_lock_path, save_project
from app.planner.recovery import RecoverySlot
from app.planner.session import Opened, open_path
from app.safefile import FileLock, file_stamp
from ui.commands import Origin, ReadPlanCommand, Snapshot
from ui.control.hub import Hub
from ui.i18n import lang_arg, language, tr
from ui.workers import Worker

_Saved = tuple[object, object, dict[str, Any]]


def _bullets(lines: list[str]) -> str:
    """The first :data:`ERRORS_SHOWN` lines as a bulleted list, then how many more there are."""
    shown = "\n".join(f"• {line}" for line in lines[:ERRORS_SHOWN])
    more = len(lines) - ERRORS_SHOWN
    return shown + ("\n" + tr("… en {n} meer.", n=more) if more > 0 else "")


def _same(a: _Saved, b: _Saved) -> bool:
    """The same problem and plan (immutable: by identity) and equal settings."""
    return a[0] is b[0] and a[1] is b[1] and a[2] == b[2]


ERRORS_SHOWN = 8
"""An edited plan workbook of the open project with errors: this many are named in the message."""


class Files(QObject):
    """Opens inputs and projects, holds the open project's lock and fingerprint, saves and autosaves."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.opener = hub.runner(self, self._opened, self._open_failed)
        self.autosaver = hub.runner(self, self._autosaved_ok, self._autosave_failed)
        self._open_path: Path | None = None
        self._open_project: tuple[bool, bool, str | None] | None = None
        """(read-only, lock, fingerprint) of the project being opened."""
        self._may_replace: Callable[[], bool] | None = None
        """Asked before what is being opened replaces the session (the unsaved-changes question)."""
        self.project_lock: FileLock | None = None
        """The lock on the open project file (None: no project, read-only or not lockable)."""
        self.project_stamp: str | None = None
        """Fingerprint of the project file as opened or last saved (:func:`app.safefile.file_stamp`)."""
        self.read_only = False
        """The project was opened read-only (another instance has it open): saving asks for a new name."""
        self._autosaved: _Saved | None = None
        """(problem, state, settings) the last autosave wrote: an option changed is written again too."""
        self._autosaving: _Saved | None = None

    # ---- opening -------------------------------------------------------------------------------
    def open_file(self, path: str | Path, *, edited_plan: bool = False, read_only: bool = False,
                  lock: bool = True, may_replace: Callable[[], bool] | None = None) -> bool:
        """Read a workbook, CSV or project in the background; ``openFinished`` tells when done.

        A project is locked once opened (unless ``read_only`` or not ``lock``, e.g. a recovery
        file), and its fingerprint is kept to notice a change on disk before saving. An edited plan
        workbook of the open project is read into it (:meth:`read_into_project`); anything else
        replaces the session, once ``may_replace()`` (when given) says so."""
        if self.opener.is_running() or self.hub.busy:
            return False
        p = Path(path)
        self._open_path = p
        self._open_project = None
        self._may_replace = may_replace
        if p.suffix.lower() == SUFFIX and not edited_plan:
            self._open_project = (read_only, lock and not read_only, file_stamp(p) if lock else None)
        self.hub.statusMessage.emit(tr("Bezig met inlezen van {name}…", name=p.name))

        def job(_w: Worker) -> Opened:
            try:
                return open_path(p, edited_plan=edited_plan)
            except ProjectError as exc:
                raise ProjectError(exc.en, exc.en) if language() == "en" else exc from None

        return self.opener.start(job)

    @Slot(object)
    def _opened(self, opened: object) -> None:
        assert isinstance(opened, Opened)
        may_replace, self._may_replace = self._may_replace, None
        if self.hub.session.holds_plan_of(opened):
            self.read_into_project(opened)
        elif self.hub.session.is_plan_of_project(opened):
            self._plan_with_errors(opened)  # the project stays: the workbook is to be mended first
            self._open_project = None
            self.hub.openFinished.emit(False)
            return
        elif opened.problem is None and not opened.source.learner_rows and self.hub.session.problem is not None:
            self._nothing_read(opened)  # a file of which nothing could be read does not replace the work open
            self._open_project = None
            self.hub.openFinished.emit(False)
            return
        elif may_replace is not None and not may_replace():
            self._open_project = None
            self.hub.openFinished.emit(False)
            return
        else:
            self.apply_opened(opened)
        self.hub.openFinished.emit(True)

    @Slot(str)
    def _open_failed(self, text: str) -> None:
        name = self._open_path.name if self._open_path else ""
        self.hub.errorMessage.emit(tr("Openen mislukt"),
                                   tr("{name} kan niet worden geopend: {why}", name=name, why=text))
        self.hub.openFinished.emit(False)

    def apply_opened(self, opened: Opened) -> None:
        """Make ``opened`` the session (undo history is cleared)."""
        hub = self.hub
        hub.session.load(opened)
        self._take_project_lock(opened.project_path)
        hub.forget_derived()  # a running simulation belongs to the old input: it stops, its result goes
        hub.undo_stack.clear()
        hub.announce_all()
        # after the views took the new input (the simulation page fills in the choices a workbook
        # has none for): opening is no change to save, only what the planner changes next is
        hub.mark_options_saved()
        src = hub.session.source
        errors = sum(1 for i in src.issues if i.is_error)
        if hub.session.problem is None:
            hub.statusMessage.emit(tr("{name}: {n:fout|fouten}; de planning kan pas na herstel in het bestand.",
                                      name=src.name or "", n=errors))
        elif opened.plan_edits is not None and opened.state is None:
            # an edited plan workbook is read without a plan: say what comes next, not only "opened"
            hub.statusMessage.emit(tr("{name} geopend: {n} deelnemers, {k:eigen wijziging|eigen wijzigingen} "
                                      "(vastgezet). Optimaliseer (F5) voor het nieuwe plan.", name=src.name or "",
                                      n=len(hub.session.problem.learners), k=len(opened.plan_edits)))
        else:
            hub.statusMessage.emit(tr("{name} geopend: {n} deelnemers.", name=src.name or "",
                                      n=len(hub.session.problem.learners)))

    def _plan_with_errors(self, opened: Opened) -> None:
        """Say why an edited plan workbook of the open project cannot be read into it: its errors,
        the first few with their cells; the project stays as it is."""
        lang = lang_arg()
        errors = [i for i in opened.source.issues if i.is_error]
        shown = _bullets([f"{i.place(lang)}: {i.text(lang)}" for i in errors])
        self.hub.errorMessage.emit(
            tr("Aangepast plan niet ingelezen"),
            tr("{name} is een plan van dit project, maar heeft {n:fout|fouten}; het project blijft zoals het is. "
               "Herstel de werkmap en lees hem opnieuw in.", name=opened.source.name or "", n=len(errors))
            + "\n\n" + shown)

    def _nothing_read(self, opened: Opened) -> None:
        """Say why nothing of ``opened`` could be read (a picture, a PDF, a text file named .xlsx):
        its errors; the workbook or project open stays as it is. (It replaced the session with an
        empty one, the planner's open work gone for a file that could never be read: audit 7.)"""
        lang = lang_arg()
        errors = [i for i in opened.source.issues if i.is_error]
        self.hub.errorMessage.emit(
            tr("Openen mislukt"),
            tr("Uit {name} kon niets worden gelezen; wat open is, blijft open.", name=opened.source.name or "")
            + "\n\n" + _bullets([i.text(lang) for i in errors]))

    def read_into_project(self, opened: Opened) -> None:
        """Read edited plan workbook ``opened`` into the open project (:meth:`Session.holds_plan_of`):
        its problem (pins, locks, earlier plan) and edits replace the session's as one undo step; the
        project, its lock and its options stay, and saving saves into it."""
        hub = self.hub
        name = opened.source.name or ""
        project = hub.session.project_path.name if hub.session.project_path else ""
        hub.undo_stack.push(ReadPlanCommand(
            hub.restore, hub.put_origin, tr("Aangepast plan {name} inlezen", name=name), hub.snapshot(),
            Snapshot(opened.problem, opened.state), hub.origin(),
            Origin(opened.source, opened.plan_edits, opened.problem)))
        assert hub.session.problem is not None and opened.plan_edits is not None
        hub.statusMessage.emit(tr("{name} ingelezen in project {project}: {n} deelnemers, {k:eigen wijziging|eigen "
                                  "wijzigingen} (vastgezet). Optimaliseer (F5) voor het nieuwe plan.", name=name,
                                  project=project, n=len(hub.session.problem.learners), k=len(opened.plan_edits)))

    # ---- the project's lock ----------------------------------------------------------------------
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
        session = self.hub.session
        if session.project_path is None or p.resolve() != session.project_path.resolve():
            return False
        if self.project_stamp is None:
            return False
        now = file_stamp(p)
        return now is not None and now != self.project_stamp

    # ---- saving --------------------------------------------------------------------------------
    def save_project(self, path: str | Path, *, overwrite_readonly: bool = False) -> bool:
        """Save the session as a project file (atomically); marks the undo stack clean.

        The window asks first when the file is read-only, changed on disk or open elsewhere;
        afterwards this instance holds the file's lock."""
        hub = self.hub
        if hub.session.problem is None:
            return False
        try:
            save_project(path, hub.session.to_project(), keep_source=hub.keep_source(),
                         overwrite_readonly=overwrite_readonly)
        except (OSError, ProjectError) as exc:
            why = (os_reason(exc) if isinstance(exc, OSError) else exc).text(lang_arg())
            hub.errorMessage.emit(tr("Opslaan mislukt"), tr("{name} kan niet worden opgeslagen: {why}",
                                                            name=Path(path).name, why=why))
            return False
        p = Path(path)
        if self.project_lock is None or self.project_lock.path != project_lock_path(p) or not self.project_lock.held():
            self.release_project_lock()
            self.project_lock = lock_project(p)
        self.project_stamp = file_stamp(p)
        self.read_only = False
        hub.session.project_path = p
        hub.mark_saved()
        hub.statusMessage.emit(tr("Project opgeslagen: {name}", name=Path(path).name))
        return True

    # ---- autosave ------------------------------------------------------------------------------
    def autosave(self, slot: RecoverySlot) -> bool:
        """Write this instance's recovery file in the background, when there is something to lose
        that the last autosave does not hold yet. ``autosaveFinished`` tells how it went; after a
        failure the next call tries again."""
        hub = self.hub
        if hub.session.problem is None or not hub.is_dirty() or self.autosaver.is_running():
            return False
        current = (hub.session.problem, hub.session.state, copy.deepcopy(hub.session.settings))
        if self._autosaved is not None and _same(current, self._autosaved):
            return False
        origin = str(hub.session.project_path or hub.session.source.path or "")
        project = hub.session.to_project(origin=origin or None)
        keep = hub.keep_source()
        self._autosaving = current
        return self.autosaver.start(lambda _w: slot.write(project, keep_source=keep))

    @Slot(object)
    def _autosaved_ok(self, _path: object) -> None:
        self._autosaved = self._autosaving
        self.hub.autosaveFinished.emit("")

    @Slot(str)
    def _autosave_failed(self, text: str) -> None:
        self._autosaved = None
        self.hub.autosaveFinished.emit(text)

    def clear_recovery(self, slot: RecoverySlot | None) -> None:
        """Remove the recovery file (the work was saved or discarded)."""
        self.autosaver.wait()
        self._autosaved = None
        if slot is not None:
            slot.clear()

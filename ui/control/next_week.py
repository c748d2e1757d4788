"""The next planning week (*Volgende planweek…*) in the background, as the window's other long jobs.

Two jobs, with the window's questions between them: :meth:`NextWeekJobs.read` reads the plan
workbook (:func:`app.workbook.reimport.load_edited_plan`, refusing edits that cannot hold as
reading it into the window does) and announces ``nextWeekRead``; the window asks the new plan
date and where to write; :meth:`NextWeekJobs.write` carries it over and writes the next period's
workbook (:func:`app.planner.next_week.next_week`, :func:`~app.planner.next_week.next_week_writer`,
the sheet *Gestart* of the workbook read kept) and announces ``nextWeekWritten``. While either
runs, ``nextWeekBusy(True)``: the window shows it and does not start another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from app.os_errors import os_reason
from app.planner.next_week import NextWeek, next_week, next_week_writer
from app.workbook.importer import ImportResult
from app.workbook.started import merged_started
from ui.control.hub import Hub
from ui.i18n import language, tr
from ui.workers import Runner, Worker


@dataclass(frozen=True)
class NextWeekRead:
    """A workbook read for the next planning week: ``loaded`` is None when it is no plan workbook;
    its ``problem`` is None when it has errors (its issues say which)."""

    path: Path
    loaded: ImportResult | None


@dataclass(frozen=True)
class NextWeekWritten:
    """The next period's workbook ``out`` written from ``read`` (``error``: why it could not be
    written, in the window's language, else ''); ``whole``: with the classes not yet started;
    ``started``: the learners on its sheet *Gestart*."""

    read: NextWeekRead
    out: Path
    new_date: date
    nw: NextWeek
    whole: bool
    started: int
    error: str = ""


class NextWeekJobs(QObject):
    """Reads and writes for *Volgende planweek…*, one job at a time, off the window's thread."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.reader = hub.runner(self, self._read, self._failed)
        self.writer = hub.runner(self, self._written, self._failed)
        for runner in (self.reader, self.writer):
            runner.runningChanged.connect(self._running_changed)

    def running(self) -> bool:
        return self.reader.is_running() or self.writer.is_running()

    def read(self, path: str | Path) -> bool:
        """Read plan workbook ``path`` in the background; ``nextWeekRead`` tells when done."""
        from app.workbook.reimport import edit_problem_issues, is_plan_workbook, load_edited_plan

        if self.running():
            return False
        p = Path(path)

        def job(_w: Worker) -> NextWeekRead:
            if not is_plan_workbook(p):
                return NextWeekRead(p, None)
            loaded = load_edited_plan(p)
            cannot_hold = edit_problem_issues(loaded)  # edits that cannot hold, as when the workbook is read
            if cannot_hold:
                loaded = replace(loaded, problem=None, issues=[*cannot_hold, *loaded.issues])
            return NextWeekRead(p, loaded)

        return self.hub.start_job(self.reader, job, lambda: None,
                                  tr("Volgende planweek: {name} wordt gelezen…", name=p.name))

    def write(self, read: NextWeekRead, new_date: date, out: str | Path) -> bool:
        """Carry ``read`` over to ``new_date`` and write the next period's workbook to ``out`` in the
        background; ``nextWeekWritten`` tells when done."""
        loaded = read.loaded
        if self.running() or loaded is None or loaded.problem is None:
            return False
        problem, target, lang = loaded.problem, Path(out), language()

        def job(_w: Worker) -> NextWeekWritten:
            nw = next_week(problem, new_date)
            write, whole = next_week_writer(nw, loaded.extras, lang, earlier=loaded.started)
            started = len(merged_started(loaded.started, nw.started))
            try:
                write(target)
            except OSError as exc:
                return NextWeekWritten(read, target, new_date, nw, whole, started, os_reason(exc).text(lang))
            return NextWeekWritten(read, target, new_date, nw, whole, started)

        return self.hub.start_job(self.writer, job, lambda: None,
                                  tr("Volgende planweek: {name} wordt geschreven…", name=target.name))

    @Slot(bool)
    def _running_changed(self, _running: bool) -> None:
        self.hub.nextWeekBusy.emit(self.running())

    @Slot(object)
    def _read(self, result: object) -> None:
        assert isinstance(result, NextWeekRead)
        self.hub.statusMessage.emit(tr("Volgende planweek: {name} gelezen.", name=result.path.name))
        self.hub.nextWeekRead.emit(result)

    @Slot(object)
    def _written(self, result: object) -> None:
        assert isinstance(result, NextWeekWritten)
        if not result.error:
            self.hub.statusMessage.emit(tr("Volgende planweek geschreven: {name}", name=result.out.name))
        self.hub.nextWeekWritten.emit(result)

    @Slot(str)
    def _failed(self, text: str) -> None:
        self.hub.errorMessage.emit(tr("Volgende planweek"), tr("Volgende planweek mislukt: {why}", why=text))

    def runners(self) -> list[Runner]:
        return [self.reader, self.writer]

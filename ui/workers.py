"""Background work: a stoppable worker object moved to a QThread.

The GUI never solves, imports or exports on its own thread. A :class:`Runner` (owned by the
controller) runs one job at a time: ``start(fn)`` moves a :class:`Worker` to a new QThread and
calls ``fn(worker)`` there. The job reports through the worker's signals (``progress``,
``point``), which Qt delivers on the GUI thread; ``stop()`` sets the ``threading.Event`` the
solver polls, so it returns its best plan so far; ``wait()`` blocks until the thread has ended
(the main window calls both from ``closeEvent``).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.os_errors import os_error_text
from optimizer.messages import Bilingual
from ui.i18n import lang_arg

log = logging.getLogger(__name__)


def said(exc: BaseException) -> str:
    """What a failed job's exception says to the planner: in the GUI's language when the
    exception can say it in both (app's errors, e.g. a simulation whose every run failed)."""
    if isinstance(exc, Bilingual):
        text = exc.text(lang_arg())
    elif isinstance(exc, OSError):  # Python's own text is English: "[Errno 13] Permission denied: ..."
        text = os_error_text(exc, lang_arg())
    else:
        text = str(exc)
    return text or type(exc).__name__


class Worker(QObject):
    """Runs one job in its thread; ``stop_flag`` is the job's stop signal."""

    progress = Signal(object)
    point = Signal(object, int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[Worker], Any], stop_flag: threading.Event) -> None:
        super().__init__()
        self._job = job
        self.stop_flag = stop_flag

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self)
        except Exception as exc:  # reported to the GUI, never swallowed
            log.error("background job failed: %s", "".join(traceback.format_exception_only(exc)).strip())
            self.failed.emit(said(exc))
        else:
            self.finished.emit(result)
        finally:
            thread = self.thread()
            if thread is not None:
                thread.quit()  # thread-safe; no GUI event loop needed (closeEvent may be waiting)


class Runner(QObject):
    """One background job at a time, with typed signals re-emitted on the GUI thread.

    ``runningChanged(False)`` is emitted just before ``finished``/``failed``, so a handler may
    start the next job at once; the old thread is kept until it has really ended.
    """

    progress = Signal(object)
    point = Signal(object, int, int)
    finished = Signal(object)
    failed = Signal(str)
    runningChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[tuple[QThread, Worker]] = []
        self._running = False
        self._stop = threading.Event()

    def is_running(self) -> bool:
        return self._running

    def start(self, job: Callable[[Worker], Any]) -> bool:
        """Run ``job(worker)`` in a new thread; False if a job is still running."""
        if self._running:
            return False
        self._stop = threading.Event()
        thread = QThread()
        worker = Worker(job, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.point.connect(self.point)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)
        self._threads.append((thread, worker))
        self._running = True
        self.runningChanged.emit(True)
        thread.start()
        return True

    @property
    def stop_flag(self) -> threading.Event:
        return self._stop

    def stop(self) -> None:
        """Ask the job to end early (a solve then returns its best plan so far)."""
        self._stop.set()

    def wait(self, msecs: int | None = None) -> bool:
        """Block until every thread of this runner has ended (True) or ``msecs`` passed (False)."""
        ok = True
        for thread, _worker in list(self._threads):
            ok = (thread.wait() if msecs is None else thread.wait(msecs)) and ok
        return ok

    def shutdown(self) -> None:
        """Stop and wait: used when the window closes during a job."""
        self.stop()
        self.wait()
        for thread, worker in self._threads:
            worker.deleteLater()
            thread.deleteLater()
        self._threads = []
        if self._running:
            self._running = False
            self.runningChanged.emit(False)

    def _done(self) -> None:
        if self._running:
            self._running = False
            self.runningChanged.emit(False)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._done()
        self.finished.emit(result)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self._done()
        self.failed.emit(text)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        for pair in list(self._threads):
            if pair[0] is thread:
                self._threads.remove(pair)
                pair[1].deleteLater()
                pair[0].deleteLater()

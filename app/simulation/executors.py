"""Running the policy x seed sweep: progress, Ctrl-C, and the three executors (this process,
local processes, a dask.distributed cluster). Split from :mod:`app.simulation.sweep`."""

from __future__ import annotations

import contextlib
import functools
import logging
import queue as queue_mod
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from app.simulation.engine import RunResult, RunTask, run_task
from optimizer.messages import Catalogue

log = logging.getLogger(__name__)


# ---- progress -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SimProgress:
    """Where a sweep stands; passed to the ``progress`` callback after every week and run."""

    runs_done: int
    runs_total: int
    weeks_done: int
    weeks_total: int
    elapsed: float
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.weeks_done / self.weeks_total if self.weeks_total else 1.0


PROGRESS = Catalogue({
    "line": (
        "{runs_done}/{runs} runs klaar, {weeks_done}/{weeks_total} weekplannen, {elapsed}",
        "{runs_done}/{runs} runs done, {weeks_done}/{weeks_total} weekly plans, {elapsed}",
    ),
    "eta": (", nog ~{time}", ", ~{time} left"),
    "stopping": (
        "gestopt: lopende runs ronden de week af (nogmaals Ctrl-C: direct stoppen)",
        "stopped: running runs finish their week (Ctrl-C again: stop at once)",
    ),
})
"""The progress line's words (the language: ``lang``, else the current one, as ``--lang`` sets)."""


class TextProgress:
    """A plain-text progress bar on stderr (the CLI's default), in ``lang`` (None: the current
    language): the runs done and the weekly plans done of all runs together (a run plans once per
    simulated week: 2 runs of 3 weeks are 6 weekly plans, as the planner's Simulatie page counts)."""

    def __init__(self, stream: Any = None, width: int = 30, lang: str | None = None) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.lang = lang
        self._last = 0.0
        self._shown = 0
        self._ended = False

    def __call__(self, p: SimProgress) -> None:
        now = time.monotonic()
        final = p.runs_done == p.runs_total or p.message
        if not final and now - self._last < 0.5:
            return
        self._last = now
        filled = int(self.width * p.fraction)
        bar = "#" * filled + "." * (self.width - filled)
        eta = ""
        if 0 < p.fraction < 1:
            eta = PROGRESS.text("eta", self.lang, time=_fmt_seconds(p.elapsed * (1 / p.fraction - 1)))
        counts = PROGRESS.text("line", self.lang, runs_done=p.runs_done, runs=p.runs_total, weeks_done=p.weeks_done,
                               weeks_total=p.weeks_total, elapsed=_fmt_seconds(p.elapsed))
        line = f"[{bar}] {counts}{eta}"
        if p.message:
            line += f"  {p.message}"
        if p.runs_done < p.runs_total:
            self._ended = False
        elif self._ended and not p.message:  # a late week's report after the last run: said already
            return
        # over the line before: as long as that one, so nothing of it stays behind
        self.stream.write("\r" + line.ljust(self._shown))
        self._shown = len(line)
        if p.runs_done == p.runs_total:
            self.stream.write("\n")
            self._shown = 0
            self._ended = True
        self.stream.flush()


def _fmt_seconds(s: float) -> str:
    s = int(s)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class _Tracker:
    """Counts weeks and runs from any thread and forwards them to the callback."""

    def __init__(self, tasks: Sequence[RunTask], callback: Callable[[SimProgress], None] | None) -> None:
        self.callback = callback
        self.weeks = {t.index: 0 for t in tasks}
        self.total_weeks = sum(t.config.weeks for t in tasks)
        self.runs_total = len(tasks)
        self.runs_done = 0
        self.t0 = time.perf_counter()
        self.lock = threading.Lock()

    def week(self, index: int, done: int) -> None:
        with self.lock:
            self.weeks[index] = max(self.weeks[index], done)
        self.emit()

    def run_done(self, res: RunResult) -> None:
        with self.lock:
            self.runs_done += 1
            self.weeks[res.index] = max(self.weeks[res.index], res.weeks_done)
        self.emit()

    def emit(self, message: str = "") -> None:
        if self.callback is None:
            return
        with self.lock:
            p = SimProgress(self.runs_done, self.runs_total, sum(self.weeks.values()), self.total_weeks,
                            time.perf_counter() - self.t0, message)
        try:
            self.callback(p)
        except Exception:  # a broken progress display must not stop the sweep
            log.exception("progress callback failed")


# ---- interruption ---------------------------------------------------------------------------------

@contextlib.contextmanager
def _graceful_interrupt(stop: Any, tracker: _Tracker) -> Iterator[None]:
    """First Ctrl-C: set ``stop`` (runs end after their current week and keep their results).
    A second Ctrl-C raises KeyboardInterrupt as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if stop.is_set():
            signal.signal(signal.SIGINT, previous if callable(previous) else signal.default_int_handler)
            raise KeyboardInterrupt
        stop.set()
        tracker.emit(PROGRESS.text("stopping"))

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# ---- executors -------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(progress_queue: Any, stop: Any) -> None:
    """Worker process setup: Ctrl-C is handled by the parent (which sets ``stop``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["queue"] = progress_queue
    _WORKER["stop"] = stop


def _worker_run(task: RunTask) -> RunResult:
    q = _WORKER.get("queue")
    stop = _WORKER.get("stop")

    def on_week(done: int, total: int) -> None:
        if q is not None:
            with contextlib.suppress(Exception):
                q.put_nowait((task.index, done))

    return run_task(task, on_week, stop.is_set if stop is not None else None)


def _result_or_error(fut: Any, task: RunTask) -> RunResult:
    """The run's result, or an empty failed run naming the error (a crashed worker must not
    lose the other runs' results)."""
    try:
        return fut.result()
    except Exception as exc:
        log.error("run %s seed %s failed: %s", task.policy, task.seed, exc)
        error = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, BrokenProcessPool):
            error += " " + SPAWN_HINT
        return RunResult(task.index, task.policy, task.seed, task.config.weeks, error=error)


SPAWN_HINT = ("A worker process ended before its run could finish. The local processes start by importing "
              "the calling script again: in a script, call simulate() under 'if __name__ == \"__main__\":' "
              "(or pass workers=1 to run in this process).")
"""Added to a run's error when its worker process died (most often: no ``__main__`` guard)."""


def _stop_check(stop: threading.Event, external: Callable[[], bool] | None) -> Callable[[], bool]:
    """``stop.is_set``, which also sets ``stop`` once the caller's ``external`` check says stop."""
    if external is None:
        return stop.is_set

    def check() -> bool:
        if not stop.is_set() and external():
            stop.set()
        return stop.is_set()

    return check


def _on_week(tracker: _Tracker, index: int, done: int, _total: int) -> None:
    tracker.week(index, done)


def _run_serial(tasks: Sequence[RunTask], tracker: _Tracker, stop: threading.Event,
                external: Callable[[], bool] | None = None) -> list[RunResult]:
    out: list[RunResult] = []
    should_stop = _stop_check(stop, external)
    with _graceful_interrupt(stop, tracker):
        try:
            for task in tasks:
                if should_stop():
                    break
                res = run_task(task, functools.partial(_on_week, tracker, task.index), should_stop)
                out.append(res)
                tracker.run_done(res)
        except KeyboardInterrupt:
            log.warning("simulation interrupted; keeping %d finished runs", len(out))
            stop.set()
    return out


def _run_processes(tasks: Sequence[RunTask], workers: int, tracker: _Tracker, stop_flag: threading.Event,
                   external: Callable[[], bool] | None = None) -> list[RunResult]:
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    progress_q = ctx.Queue()
    stop = ctx.Event()
    out: list[RunResult] = []
    done_listening = threading.Event()

    def listen() -> None:
        while not done_listening.is_set():
            try:
                index, week = progress_q.get(timeout=0.2)
            except queue_mod.Empty:
                continue
            except (EOFError, OSError):
                return
            tracker.week(index, week)

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(progress_q, stop))
    futures: dict[Future, RunTask] = {}
    try:
        with _graceful_interrupt(stop, tracker):
            try:
                futures = {pool.submit(_worker_run, t): t for t in tasks}
                pending = set(futures)
                while pending:
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for fut in done:
                        if fut.cancelled():
                            continue
                        res = _result_or_error(fut, futures[fut])
                        out.append(res)
                        tracker.run_done(res)
                    if external is not None and not stop.is_set() and external():
                        stop.set()  # the workers poll it: started runs end after the week
                    if stop.is_set():
                        for fut in pending:
                            fut.cancel()  # not started yet: drop; started runs end after the week
            except KeyboardInterrupt:
                log.warning("simulation aborted; keeping %d finished runs", len(out))
                stop.set()
                for fut in futures:
                    fut.cancel()
                for fut in futures:
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        res = fut.result()
                        if all(r.index != res.index for r in out):
                            out.append(res)
    finally:
        if stop.is_set():
            stop_flag.set()
        pool.shutdown(wait=True, cancel_futures=True)
        done_listening.set()
        listener.join(timeout=2)
    return out


def _run_dask(tasks: Sequence[RunTask], scheduler: Any, tracker: _Tracker, stop_flag: threading.Event,
              external: Callable[[], bool] | None = None) -> list[RunResult]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("a scheduler address needs dask.distributed: pip install 'klasvormer[dask]'") from exc
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    out: list[RunResult] = []
    futures = []
    try:
        futures = [client.submit(run_task, t, pure=False) for t in tasks]
        by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
        try:
            for fut in as_completed(futures):
                res = _result_or_error(fut, by_key[fut.key])
                out.append(res)
                tracker.run_done(res)
                if external is not None and external():  # runs on the cluster are not stopped mid-run
                    stop_flag.set()
                    client.cancel([f for f in futures if not f.done()])
                    break
        except KeyboardInterrupt:
            log.warning("simulation interrupted; keeping %d finished runs", len(out))
            stop_flag.set()
            client.cancel([f for f in futures if not f.done()])
    finally:
        if own:
            client.close()
    return out

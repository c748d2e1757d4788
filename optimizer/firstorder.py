"""PDLP (OR-Tools' first-order LP method) for the column generation's master LP, warm-started,
in a process of its own.

Why a process: PDLP's Python binding holds the GIL while it solves (a Python thread beside it
ran at 1% of its speed, against 100% beside GLOP), so in-process it stalled the search that runs
beside the column generation in ``solve`` (L-base-1: the search's plan at 78 s 253,497 against
250,703 without; docs/benchmarks.md, "The master LP by PDLP"). OR-Tools' other ways to PDLP
(``pywraplp`` with ``"PDLP"``) release the GIL but cannot start warm, and warm solves took a
third of the time of cold ones.

The worker is this file run as a script by the same Python (it needs numpy and OR-Tools only,
not this package; one per column generation while it uses PDLP); requests and replies are
pickles over its stdin and stdout. Where no worker can be had (a frozen desktop build has no
Python to run it with: :func:`available`) or it fails, the column generation keeps to GLOP: in
the planner's window PDLP in-process would freeze the window while it solves.
"""

from __future__ import annotations

import pickle
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass

import numpy as np

REPLY_MARGIN = 10.0
"""Seconds past a solve's time limit after which a silent worker is given up (and killed)."""


@dataclass(frozen=True)
class Solution:
    optimal: bool
    """Solved to the tolerance (else: out of time, or ``failed``)."""
    failed: bool
    """Numerical trouble or no answer: the caller should go on without PDLP."""
    values: np.ndarray
    duals: np.ndarray
    objective: float


def solve_here(model_bytes: bytes, tolerance: float, time_limit: float | None,
               start: tuple[np.ndarray, np.ndarray] | None) -> Solution:
    """One PDLP solve in this process: ``model_bytes`` a serialized ``MPModelProto``;
    ``start`` values and duals (as long as the model's variables and rows)."""
    from ortools.linear_solver import linear_solver_pb2
    from ortools.pdlp import solve_log_pb2, solvers_pb2
    from ortools.pdlp.python import pdlp

    model = linear_solver_pb2.MPModelProto.FromString(model_bytes)
    qp = pdlp.qp_from_mpmodel_proto(model, relax_integer_variables=True)
    params = solvers_pb2.PrimalDualHybridGradientParams()
    params.num_threads = 1
    criteria = params.termination_criteria.simple_optimality_criteria
    criteria.eps_optimal_relative = criteria.eps_optimal_absolute = tolerance
    if time_limit is not None:
        params.termination_criteria.time_sec_limit = max(0.01, time_limit)
    initial = None
    if start is not None:
        initial = pdlp.PrimalAndDualSolution()
        initial.primal_solution, initial.dual_solution = start
    result = pdlp.primal_dual_hybrid_gradient(qp, params, initial)
    reason = result.solve_log.termination_reason
    x, y = np.asarray(result.primal_solution), np.asarray(result.dual_solution)
    objective = float(np.asarray(qp.objective_vector) @ x) + float(qp.objective_offset)
    return Solution(reason == solve_log_pb2.TERMINATION_REASON_OPTIMAL,
                    reason not in (solve_log_pb2.TERMINATION_REASON_OPTIMAL, solve_log_pb2.TERMINATION_REASON_TIME_LIMIT),
                    x, y, objective)


def available() -> bool:
    """Can a worker be started? Not in a frozen build (its executable is not Python)."""
    return not getattr(sys, "frozen", False)


FAILED = Solution(False, True, np.zeros(0), np.zeros(0), float("nan"))


class Worker:
    """A PDLP process for one column generation: :meth:`solve` as :func:`solve_here`, but
    without holding the GIL while it waits; a failed solve where the process cannot be had or
    gives no answer (then it is ended, and the next :meth:`solve` fails at once)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        self.broken = not available()
        """No process can be had (a frozen build), or it failed."""

    def _start(self) -> subprocess.Popen | None:
        if self._proc is None and not self.broken:
            try:
                # -P: this folder stays off the worker's path (its modules' names are common)
                self._proc = subprocess.Popen([sys.executable, "-P", __file__], stdin=subprocess.PIPE,
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError:
                self.broken = True
                return None
            threading.Thread(target=self._read, args=(self._proc,), daemon=True).start()
        return self._proc

    def _read(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        try:
            while True:
                self._replies.put(pickle.load(proc.stdout))
        except Exception:  # noqa: BLE001 (EOF or a broken pipe: the worker is gone)
            self._replies.put(None)

    def solve(self, model_bytes: bytes, tolerance: float, time_limit: float | None,
              start: tuple[np.ndarray, np.ndarray] | None) -> Solution:
        proc = self._start()
        if proc is None:
            return FAILED
        try:
            assert proc.stdin is not None
            pickle.dump((model_bytes, tolerance, time_limit, start), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            proc.stdin.flush()
            reply = self._replies.get(timeout=None if time_limit is None else time_limit + REPLY_MARGIN)
        except (OSError, queue.Empty):
            reply = None
        if reply is None:  # no answer
            self.close()
            self.broken = True
            return FAILED
        return Solution(*reply)

    def close(self) -> None:
        """End the worker (a new one starts on the next :meth:`solve`)."""
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()  # (it leaves its loop)
                proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()  # (its reader has seen the end: the process is gone)
            self._replies = queue.Queue()

    def __del__(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()


def _serve() -> None:
    """The worker's loop: a request in, a reply out, until stdin closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            model_bytes, tolerance, time_limit, start = pickle.load(stdin)
        except EOFError:
            return
        s = solve_here(model_bytes, tolerance, time_limit, start)
        pickle.dump((s.optimal, s.failed, s.values, s.duals, s.objective), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    _serve()

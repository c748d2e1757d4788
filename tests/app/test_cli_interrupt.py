"""Ctrl-C (a real SIGINT, from outside the process) during ``klasvormer solve``'s search: the best
plan so far is kept and written, exit 130.

Found from outside (the analyst's audit): the same SIGINT 4-9 s into a 10 s solve of the sample
ended in "Onverwachte fout: KeyError: 'plan'" (exit 3), in exit 130 without a word and no plan,
or in an abort, "terminate called after throwing an instance of 'std::bad_function_call'"
(exit 134): CP-SAT's own SIGINT handler took the signal from Python while a solve ran, and a
Ctrl-C inside ``Thread.join(timeout)`` left the solving thread looking ended on Python 3.11."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.cli.exits import EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as in a terminal: Python then raises KeyboardInterrupt


def test_ctrl_c_during_the_search_keeps_and_writes_the_best_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "solve", str(SAMPLE), "-o", str(out),
                             "--time-limit", "30"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # "300 deelnemers ingelezen ...; optimaliseren ..."
        assert "optimaliseren" in line, line
        time.sleep(4)  # into the search: its CP-SAT solves run in two threads
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == EXIT_INTERRUPTED, (proc.returncode, stderr)
    assert "bad_function_call" not in stderr and "Onverwachte fout" not in stderr
    assert "Gestopt; het beste plan tot nu toe wordt bewaard" in stderr
    assert stdout.startswith("Plan: ") and out.is_file()


def test_ctrl_c_during_a_tradeoff_keeps_and_writes_the_plans_so_far(tmp_path: Path) -> None:
    """Found from outside: Ctrl-C during ``tradeoff`` exited 130 without a word and wrote nothing,
    though the frontier had plans (its ``stop`` ends it with the points found so far)."""
    out, chart = tmp_path / "plan.xlsx", tmp_path / "afweging.png"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "tradeoff", str(SAMPLE), "-o", str(out),
                             "--chart", str(chart), "--time-limit", "60"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # "  [1/6] snelste start: ..." once the first plan is there
        assert "[1/" in line, line
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == EXIT_INTERRUPTED, (proc.returncode, stderr)
    assert "Gestopt; de plannen tot nu toe worden bewaard" in stderr
    assert "snelste start" in stdout and out.is_file() and chart.is_file()

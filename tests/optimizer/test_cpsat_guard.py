"""CP-SAT's interleaved search (deterministic mode) aborted the whole process on a model that
its first propagation proves infeasible; the guard must turn that into an ordinary answer.

Run in a subprocess: before the guard the process died with SIGABRT ("Check failed:
heuristics.fixed_search != nullptr"), which would take pytest down with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    from tests.optimizer.test_frontier import _two_levels
    from optimizer import SolveOptions, solve
    p = _two_levels()
    plan = solve(p, SolveOptions(time_limit=2, method="{method}", deterministic=True, workers=2, max_wait_mean=0.0))
    print("status", plan.status, plan.is_feasible())
""")


def _run(method: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(method=method)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_an_impossible_cap_in_deterministic_mode_is_infeasible_not_a_crash():
    run = _run("cp-sat")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "status INFEASIBLE False" in run.stdout


def test_the_search_in_deterministic_mode_survives_an_impossible_cap():
    run = _run("lns")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "status" in run.stdout

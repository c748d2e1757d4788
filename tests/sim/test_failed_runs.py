"""A run that fails never counts as 0.0: its figures are NaN, and when every run fails,
``simulate`` raises saying how many and why (README's snippet without a ``__main__`` guard
used to print a table of zeros, write summary.csv and charts, and exit 0)."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import app.simulation.executors as executors
from app.simulation.engine import RunResult, run_task
from app.simulation.sweep import SimulationError, simulate

from .conftest import SMALL_ARRIVALS

ROOT = Path(__file__).resolve().parents[2]


def _failing_for(policy: str):
    def fake(task, on_week=None, stop=None):
        if task.policy == policy:
            return RunResult(task.index, task.policy, task.seed, task.config.weeks, error="RuntimeError: boom")
        return run_task(task, on_week, stop)
    return fake


def test_a_failed_run_is_nan_and_counts_in_no_mean(small_base, monkeypatch) -> None:
    monkeypatch.setattr(executors, "run_task", _failing_for("gebalanceerd"))
    result = simulate(small_base, ["status-quo", "gebalanceerd"], weeks=1, seeds=(1,), time_limit=0.3,
                      workers=1, arrivals=SMALL_ARRIVALS, arrivals_per_week=12)
    row = result.per_policy.loc["gebalanceerd"]
    for col in ("wait_mean", "wait_p90", "misfit_mean", "travel_mean", "classes_opened", "still_waiting"):
        assert math.isnan(row[col]), col
    assert row["runs"] == 0 and "boom" in row["error"]
    assert not math.isnan(result.per_policy.loc["status-quo", "wait_mean"])
    assert result.settings["runs_failed"] == ["gebalanceerd seed 1: RuntimeError: boom"]


def test_every_run_failing_raises(small_base, monkeypatch) -> None:
    monkeypatch.setattr(executors, "run_task", _failing_for("status-quo"))
    with pytest.raises(SimulationError, match="all 2 of 2 simulation runs failed.*boom") as info:
        simulate(small_base, ["status-quo"], weeks=1, seeds=(1, 2), time_limit=0.3, workers=1,
                 arrivals=SMALL_ARRIVALS, arrivals_per_week=12)
    assert info.value.failed == 2 and len(info.value.errors) == 2


@pytest.mark.slow
def test_a_script_without_main_guard_fails_loudly(tmp_path) -> None:
    """The README's snippet as it was (no guard): the spawned workers die on import; the
    script now ends with SimulationError naming the guard, and writes nothing."""
    out = tmp_path / "sim"
    script = tmp_path / "noguard.py"
    script.write_text(textwrap.dedent(f"""
        from app.simulation import simulate
        from app.synth import b1_provider
        result = simulate(b1_provider(30, seed=7, horizon=4, running=1), ["status-quo", "gebalanceerd"],
                          weeks=1, seeds=(1,), arrivals_per_week=5, time_limit=0.3, workers=2)
        result.save({str(out)!r})
    """), encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120,
                       cwd=tmp_path)
    assert r.returncode != 0
    # The spawned workers' resource tracker may warn about leaked semaphores after the
    # traceback (seen on CI), so look for the error line itself, not the last line.
    errors = [line for line in r.stderr.splitlines() if line.startswith("app.simulation.")
              and "SimulationError" in line]
    assert errors, r.stderr[-2000:]
    last = errors[-1]
    assert "SimulationError: all 2 of 2 simulation runs failed" in last
    assert 'if __name__ == "__main__":' in last
    assert not out.exists()


def test_readme_simulate_snippet_has_the_guard() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("from app.simulation import simulate")
    block = readme[start:readme.index("```", start)]
    assert 'if __name__ == "__main__":' in block
    assert all(line.startswith("    ") for line in block.splitlines() if "simulate(" in line)

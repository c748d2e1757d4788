"""A simulation whose every run fails says so in the planner's language (Dutch, or English after
the switch), with how many runs failed and the first error; not app's English SimulationError."""

from __future__ import annotations

import pytest

import app.simulation.executors as executors
from app.simulation.engine import RunResult
from tests.ui.conftest import load

WAIT = 60_000


def _every_run_fails(task, on_week=None, stop=None):
    return RunResult(task.index, task.policy, task.seed, task.config.weeks, error="RuntimeError: boom")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_simulation_whose_every_run_fails_is_explained_in_the_planners_language(
        qtbot, window, small_problem, solved_state, monkeypatch, lang):
    monkeypatch.setattr(executors, "run_task", _every_run_fails)
    load(window, small_problem, solved_state)
    c = window.controller
    try:
        window.switch_language(lang)
        with qtbot.waitSignal(c.simulationFinished, timeout=WAIT) as blocker:
            assert c.start_simulation(["status-quo", "gebalanceerd"], 1, 4.0, 0.3, 1, scenario="ruim")
        assert blocker.args == [None] and c.simulation is None
        (title, text), = window.messages
        if lang == "nl":
            assert title == "Simuleren mislukt"
            assert text.startswith("Geen enkele simulatierun is gelukt (2 van 2 mislukt), dus er zijn geen uitkomsten.")
            assert "De eerste fout (status-quo seed 1): RuntimeError: boom" in text
        else:
            assert title == "Simulation failed"
            assert text.startswith("No simulation run succeeded (2 of 2 failed), so there are no outcomes.")
            assert "The first error (status-quo seed 1): RuntimeError: boom" in text
        assert "simulation runs failed" not in text  # app's English for the API and the log
    finally:
        window.switch_language("nl")

"""Fixtures shared by the Qt-free service tests (tests/app) and the GUI tests (tests/ui)."""

from __future__ import annotations

import pytest

from app import synth
from app.planner.editing import PlanState
from app.planner.planning import fresh_request, run_solve
from optimizer.domain import Problem
from optimizer.options import SolveOptions

SOLVE_SECONDS = 2.0


@pytest.fixture(scope="session")
def small_problem() -> Problem:
    """40 B1 learners, five locations (app.synth)."""
    return synth.b1_provider(40)


@pytest.fixture(scope="session")
def solved_state(small_problem: Problem) -> PlanState:
    """One short solve of the small problem, shared by the tests that need a plan."""
    outcome = run_solve(fresh_request(small_problem, None, SolveOptions(time_limit=SOLVE_SECONDS, workers=2)))
    assert outcome.state is not None
    return outcome.state

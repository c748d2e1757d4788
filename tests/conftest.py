"""Fixtures shared by the Qt-free service tests (tests/app) and the GUI tests (tests/ui)."""

from __future__ import annotations

from datetime import date

import pytest

from app import synth
from app.planner.editing import PlanState
from app.planner.planning import fresh_request, run_solve
from optimizer.domain import Problem
from optimizer.options import SolveOptions

SOLVE_SECONDS = 2.0
TEST_DATA_DAY = date(2025, 1, 6)
"""The day the tests' fixed plan dates (2025-01-06 and later) are current."""


@pytest.fixture(autouse=True)
def _plan_dates_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """The importer judges a plan date old against TEST_DATA_DAY, not the calendar: the warning
    about a plan date more than a year ago (app.workbook.parse_settings.reference_day) comes where
    a test asks for it, not as time passes the fixed dates of the test data."""
    monkeypatch.setattr("app.workbook.parse_settings.reference_day", lambda: TEST_DATA_DAY)


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

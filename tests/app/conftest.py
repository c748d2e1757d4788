"""Fixtures for the Excel door: a small hand-made Problem and a hand-made Plan (no solver)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from optimizer.domain import (
    ClassSpec,
    Learner,
    Location,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
    TravelSettings,
    Weights,
)
from optimizer.messages import msg
from optimizer.plan import Assignment, Plan, PlannedClass, key_figures

PLAN_DATE = date(2025, 1, 6)


def make_problem() -> Problem:
    """Five learners, two locations, two schedules, one route, one running class."""
    mwv = frozenset({"ma-ochtend", "wo-ochtend", "vr-ochtend"})
    dd = frozenset({"di-middag", "do-middag"})
    learners = (
        Learner("D1", "B1", 50, mwv, date(2024, 11, 4), home="Nieuw-West",
                languages=frozenset({"Arabisch", "Engels"}), preferred_language="Arabisch",
                literacy="ja", status="statushouder"),
        Learner("D2", "B1", 55, mwv | dd, date(2024, 12, 2), home="1102",
                available_from=date(2025, 2, 3), preferred_dayparts=frozenset({"ma-ochtend"}),
                max_travel=30, priority=3, together="H1", not_with=frozenset({"D3"})),
        Learner("D3", "B1", 25, mwv, date(2024, 10, 1), home="Noord", literacy="nee",
                profile="langzaam niet-gealfabetiseerd", excluded_locations=frozenset({"Locatie Zuid"})),
        Learner("D4", "B1", 75, dd, date(2025, 1, 2), home="Zuid", status="gezinsmigrant",
                together="H1", pin="L1"),
        Learner("D5", "B1", 60, mwv, date(2024, 9, 9), home="Oost",
                travel={"Locatie Noord": 20, "Locatie Zuid": 35}),
    )
    return Problem(
        plan_date=PLAN_DATE,
        learners=learners,
        locations=(
            Location("Locatie Noord", "Noord", {"ma-ochtend": 2, "wo-ochtend": 2, "vr-ochtend": 2, "di-middag": 1}),
            Location("Locatie Zuid", "1073", {"di-middag": 1, "do-middag": 1, "ma-ochtend": 1}),
        ),
        schedules=(Schedule("ma-wo-vr ochtend", mwv), Schedule("di-do middag", dd)),
        routes=(RouteSettings("B1", min_size=2, max_size=12, max_spread=30, duration_weeks=20,
                              schedules=("ma-wo-vr ochtend", "di-do middag"), start_weeks=(0, 4, 8)),),
        teachers={"ma-ochtend": 2, "wo-ochtend": 2, "vr-ochtend": 2, "di-middag": 1, "do-middag": 1},
        horizon_weeks=12,
        running=(RunningClass("L1", "B1", "Locatie Zuid", "di-do middag", 60, 80, 2, date(2025, 5, 30)),),
        weights=Weights(wait=25, misfit=3),
        max_travel=40,
        target_weeks=8,
        travel_settings=TravelSettings(overhead_minutes=12.0),
    )


def make_plan(problem: Problem) -> Plan:
    """K1 (new, ma-wo-vr ochtend at Noord) with D1, D2, D3; D4 into running L1; D5 waiting."""
    k1 = PlannedClass("K1", "B1", "Locatie Noord", "ma-wo-vr ochtend", 4, problem.week_start(4), 45,
                      ("D1", "D2", "D3"))
    k2 = PlannedClass("K2", "B1", "Locatie Zuid", "di-do middag", 8, problem.week_start(8), 70, ())
    l1 = PlannedClass("L1", "B1", "Locatie Zuid", "di-do middag", 0, problem.week_start(0), 70, ("D4",),
                      running=True)
    classes = (k1, k2, l1)
    assignments = {
        "D1": Assignment("D1", "K1", 4, problem.week_start(4), 13, 25, 5),
        "D2": Assignment("D2", "K1", 4, problem.week_start(4), 9, 30, 10),
        "D3": Assignment("D3", "K1", 4, problem.week_start(4), 18, 18, 20),
        "D4": Assignment("D4", "L1", 0, problem.week_start(0), 1, 22, 5),
        "D5": Assignment("D5", None, None, None, 33, None, None, msg("wait_no_location", minutes=40)),
    }
    terms = {"wait": 500, "misfit": 120, "travel": 95, "daypart": 0, "language": 0, "move": 0, "new_class": 0}
    return Plan(classes, assignments, sum(terms.values()), terms, 700.0, "FEASIBLE", 1.5,
                figures=key_figures(problem, classes, assignments),
                diagnosis=(msg("diag_route_no_learners", route="Z"),))


@pytest.fixture
def problem() -> Problem:
    return make_problem()


@pytest.fixture
def plan(problem: Problem) -> Plan:
    return make_plan(problem)


@pytest.fixture
def known_problem(problem: Problem) -> Problem:
    """The fixture problem with a known class (for pins to a plan class)."""
    from dataclasses import replace

    return replace(problem, known_classes=(ClassSpec("K1", "B1", "Locatie Noord", "ma-wo-vr ochtend", 4, 45),))


@pytest.fixture
def bad_input(tmp_path: Path) -> Path:
    """The sample with one learner on a route that does not exist (an input error)."""
    bad = tmp_path / "invoer.xlsx"
    wb = openpyxl.load_workbook(Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx")
    wb["Deelnemers"]["B2"] = "ZZZ"
    wb.save(bad)
    return bad

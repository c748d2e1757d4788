"""The Capaciteit page's editors take what the workbook takes (found by the outside-in audit, r6).

The page capped the planperiode at 104 weeks while the Instellingen sheet (and the README) allow
260: a 260-week problem showed "Planperiode: 104 weken", one click on Down set 103 and so cut 157
weeks without a word, and 260 could not be set at all. The other editors of the page had limits
of their own too (streeftermijn 104, max reistijd 5-240, niveaustap 50, a route's size 60 and
duration 156, 50 rooms, 200 teachers): now each is the importer's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.workbook.importer import load_problem
from optimizer.domain import (
    MAX_COUNT,
    MAX_DURATION_WEEKS,
    MAX_HORIZON_WEEKS,
    MAX_MINUTES,
    MAX_SPREAD,
    SETTING_RANGES,
)
from tests.app import badfiles as bf
from tests.ui.conftest import load
from ui.models.problem import RANGE_ROLE


def test_a_260_week_problem_shows_260_weeks_and_down_gives_259(window, tmp_path: Path):
    result = load_problem(bf.setting(tmp_path, "lang.xlsx", "planperiode weken", MAX_HORIZON_WEEKS))
    assert result.problem is not None and result.problem.horizon_weeks == 260
    load(window, result.problem)
    page, c = window.capacity_page, window.controller
    assert page.horizon.maximum() == SETTING_RANGES["horizon_weeks"][2] == MAX_HORIZON_WEEKS
    assert page.horizon.value() == 260 and c.problem.horizon_weeks == 260
    page.horizon.stepBy(-1)
    assert c.problem.horizon_weeks == 259 and page.horizon.value() == 259
    page.horizon.stepBy(1)
    assert c.problem.horizon_weeks == 260 and page.horizon.value() == 260


def test_every_editor_of_the_page_takes_the_range_the_workbook_takes(window, small_problem):
    widest = replace(small_problem, horizon_weeks=MAX_HORIZON_WEEKS, target_weeks=MAX_HORIZON_WEEKS,
                     max_travel=MAX_MINUTES, level_step=100)
    load(window, widest)
    page = window.capacity_page
    spins = {"horizon_weeks": page.horizon, "target_weeks": page.target, "max_travel": page.max_travel,
             "level_step": page.level_step}
    for name, spin in spins.items():
        _, lo, hi = SETTING_RANGES[name]
        assert (spin.minimum(), spin.maximum()) == (lo, hi), name
        assert spin.value() == getattr(widest, name), name  # shown as it is, not cut to the editor
    routes = {1: (1, MAX_COUNT), 2: (1, MAX_COUNT), 3: (0, MAX_SPREAD), 4: (1, MAX_DURATION_WEEKS)}  # as parse_routes
    for col, bounds in routes.items():
        assert tuple(page.routes.index(0, col).data(RANGE_ROLE)) == bounds, page.routes.headerData(col, 1)
    for grid in (page.rooms, page.teachers):  # as the Locaties and Docenten sheets
        assert tuple(grid.index(0, 0).data(RANGE_ROLE)) == (0, MAX_COUNT)
    # the route's max reistijd is typed: the sheet's 0-600 minutes, no more
    c = window.controller
    assert page.routes.setData(page.routes.index(0, 5), MAX_MINUTES)
    assert c.problem.route_by_name["B1"].max_travel == MAX_MINUTES
    assert not page.routes.setData(page.routes.index(0, 5), MAX_MINUTES + 1)


def test_the_weights_page_takes_the_weights_the_workbook_takes(window, small_problem):
    """The Afweging page's boxes stopped at 1,000 where the Instellingen sheet takes 10,000: a
    weight of 5,000 from a workbook showed as 1,000. Now it shows as it is, its slider at the end
    of its scale, and the problem keeps it."""
    from optimizer.domain import MAX_WEIGHT

    heavy = small_problem.with_weights(replace(small_problem.weights, wait=5000, new_class=MAX_WEIGHT))
    load(window, heavy)
    page = window.weights_page
    assert page.spins["wait"].maximum() == MAX_WEIGHT
    assert page.spins["wait"].value() == 5000 and page.spins["new_class"].value() == MAX_WEIGHT
    assert page.sliders["wait"].value() == page.sliders["wait"].maximum()
    assert window.controller.problem.weights.wait == 5000

"""Defects of the third GUI audit: Vergelijken's count and a too short time, the Simulatie page
on a laptop, the Afweging page's undo, keyboard edits of the capacity grids, 150% scaling."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.planner import planning
from optimizer.options import SolveOptions
from tests.ui.conftest import load

SECONDS = 6.0


@pytest.fixture(scope="module")
def frontier3(small_problem, solved_state):
    """A short frontier of the small case asked for 3 plans (no Qt): (request, frontier)."""
    request = planning.tradeoff_request(small_problem, solved_state, 3, SolveOptions(time_limit=2.5, workers=2))  # 2-3 plans (6 s gave 3)
    fr = planning.run_tradeoff(request)
    assert fr.points
    return request, fr


def _run_on_page(window, request, provisional, final, *, asked=3, seconds=SECONDS, stopped=False):
    """What a background search does to the page: started, a provisional frontier, the busy state
    ending (just before the result arrives, as ``Runner`` does), then the final frontier."""
    c = window.controller
    page = window.compare_page
    c.tradeoff._tradeoff_request = request
    c.tradeoff._asked = (asked, seconds)
    c.tradeoff._stopped = stopped
    c.tradeoff._t0 = time.monotonic() - seconds  # it used all its time
    page._started(asked, seconds)
    c.tradeoff._tradeoff_point(provisional, 1, 1 + asked)
    page._busy(False)
    c.tradeoff._tradeoff_done(final)
    QApplication.processEvents()


def test_compare_progress_counts_the_plans_shown(window, small_problem, solved_state, frontier3):
    request, fr = frontier3
    load(window, small_problem, solved_state)
    page = window.compare_page
    # the provisional frontier had one plan fewer than the final one
    _run_on_page(window, request, replace(fr, points=fr.points[:-1], current_dominated_by=None), fr)
    shown = page.model.columnCount() - 1  # without the current plan
    assert shown == len(fr.points)
    expected = f"{shown} plan berekend" if shown == 1 else f"{shown} plannen berekend"
    assert page.progress.format() == expected


def test_compare_says_when_the_time_was_too_short_for_the_plans_asked(window, small_problem, solved_state, frontier3):
    request, fr = frontier3
    load(window, small_problem, solved_state)
    page = window.compare_page
    window.tabs.setCurrentIndex(window.TAB_COMPARE)
    short = replace(fr, points=fr.points[:1], current_dominated_by=None)
    _run_on_page(window, request, short, short, asked=3, seconds=9.0)
    assert page.shortfall.isVisible()
    text = page.shortfall.text()
    assert "1 van 3" in text and "te kort" in text and "9 s" in text
    suggested = window.controller.tradeoff.suggested_seconds()
    assert suggested is not None and suggested > 9 and f"{suggested} s" in text
    # stopped by the planner: no such hint
    _run_on_page(window, request, short, short, asked=3, seconds=9.0, stopped=True)
    assert not page.shortfall.isVisible()
    # all plans asked: none either
    _run_on_page(window, request, fr, fr, asked=len(fr.points), seconds=9.0)
    assert not page.shortfall.isVisible()


def test_weight_typed_is_one_undo_step_named_by_its_value_and_ctrl_z_in_the_box_undoes_it(
        qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    window.tabs.setCurrentIndex(window.TAB_WEIGHTS)
    page = window.weights_page
    spin = page.spins["wait"]
    before = window.controller.problem.weights.wait
    qtbot.waitExposed(window)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.selectAll()
    qtbot.keyClicks(spin, "40")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.controller.problem.weights.wait == 40
    stack = window.controller.undo_stack
    assert stack.undoText() == "Gewicht wachttijd: 40"
    assert spin.hasFocus()
    # through the window, as a real key press goes (the shortcut map first)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.problem.weights.wait == before
    assert spin.value() == before


def test_teacher_cell_typed_and_entered_gives_no_editor_warning(qtbot, qtlog, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    window.tabs.setCurrentIndex(window.TAB_CAPACITY)
    page = window.capacity_page
    table = page.teacher_table
    qtbot.waitExposed(window)
    cell = table.model().index(0, 0)  # ma, ochtend
    rect = table.visualRect(cell)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_7)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert table.model().index(0, 0).data() in (7, "7")
    warnings = [r.message for r in qtlog.records if "commitData" in r.message or "editor" in r.message]
    assert not warnings, warnings


def test_simulation_page_is_usable_on_a_laptop_at_125_percent(qtbot, window):
    from tests.ui.test_simulation_page import WAIT, _choose, _open_sample
    from tests.ui.test_small_screen import LAPTOP_125, ROOM

    _open_sample(qtbot, window)
    space = LAPTOP_125 - ROOM
    window.resize(space)
    qtbot.waitUntil(lambda: window.size() == space)
    window.tabs.setCurrentIndex(window.TAB_SIMULATION)
    page = window.simulation_page
    QApplication.processEvents()
    # every setting is seen without scrolling, and so is the estimate of the run time
    assert page.views.currentWidget() is page.controls_pane
    assert page.controls_pane.verticalScrollBar().maximum() == 0
    assert page.estimate.isVisible() and page.estimate.text()
    assert page.rect().contains(page.estimate.geometry())
    _choose(page, ("status-quo", "snelle-start", "gebalanceerd", "homogeen"), weeks=2, arrivals=5, seconds=0.1)
    with qtbot.waitSignal(window.controller.simulationFinished, timeout=WAIT):
        assert page.start()
    QApplication.processEvents()
    # the results: every policy's row and every column fit the table
    assert page.views.currentWidget() is page.results_split
    table = page.table
    assert page.model.rowCount() == 4
    columns = sum(table.columnWidth(c) for c in range(page.model.columnCount()))
    assert columns <= table.viewport().width(), (columns, table.viewport().width())
    rows = sum(table.rowHeight(r) for r in range(page.model.rowCount()))
    assert rows <= table.viewport().height(), (rows, table.viewport().height())
    assert page.chart.height() >= 150
    # the statistics get the page's room (they had about 100 px below the table)
    page.views.setCurrentIndex(2)
    QApplication.processEvents()
    assert page.stats_pane.height() >= 250, page.stats_pane.height()


LAPTOP_150 = (round(1366 / 1.5), round(768 / 1.5))
"""1366x768 at 150% scaling in logical pixels: 911x512."""


def test_capacity_grids_and_status_bar_fit_a_laptop_at_150_percent(qtbot, window, small_problem, solved_state):
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QStatusBar

    from tests.ui.test_small_screen import ROOM

    load(window, small_problem, solved_state)
    space = QSize(*LAPTOP_150) - ROOM
    window.resize(space)
    qtbot.waitUntil(lambda: window.size() == space)
    window.tabs.setCurrentIndex(window.TAB_CAPACITY)
    QApplication.processEvents()
    page = window.capacity_page
    # the teachers' and rooms' grids: all seven days within the grid, none narrower than its title
    for grid in (page.teacher_table, page.room_table):
        header = grid.horizontalHeader()
        assert header.length() <= grid.viewport().width(), (header.length(), grid.viewport().width())
        for c in range(7):
            title = str(grid.model().headerData(c, Qt.Orientation.Horizontal))
            assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(title), title
    # the locations fit without scrolling sideways (they scrolled for 16 pixels of 'Postcode of
    # stadsdeel'): every cell whole, the long title gives way ('Postcode of stads…') with a tooltip
    table = page.location_table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width(), (header.length(), table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    for c in range(table.model().columnCount()):
        assert header.sectionSize(c) >= table.sizeHintForColumn(c), c
    assert header.sectionSize(0) >= header.sectionSizeHint(0)  # 'Locatie' whole
    assert table.model().headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # the routes too (they scrolled for 550 pixels in 400, titles on one line): titles one word per
    # line, every cell whole and every title word readable
    routes = page.route_table
    header = routes.horizontalHeader()
    assert routes.horizontalScrollBar().maximum() == 0, (header.length(), routes.viewport().width())
    for c in range(routes.model().columnCount()):
        assert header.sectionSize(c) >= routes.sizeHintForColumn(c), c
        title = str(routes.model().headerData(c, Qt.Orientation.Horizontal))
        widest = max(header.fontMetrics().horizontalAdvance(word) for word in title.splitlines())
        assert header.sectionSize(c) >= widest or c == routes.model().columnCount() - 1, title
    # a long status message ends in '…' before the plan summary instead of running into it
    window.tabs.setCurrentIndex(window.TAB_PLAN)
    QApplication.processEvents()
    bar = window.statusBar()
    assert window.plan_label.isVisible() and window.plan_label.text()
    long = "Plan: 223 van 300 deelnemers geplaatst in 15 nieuwe klassen (+22 in lopende klassen); 77 wachtend."
    window.controller.statusMessage.emit(long)
    QApplication.processEvents()
    shown = QStatusBar.currentMessage(bar)  # the text drawn
    assert shown != long and shown.endswith("…")
    left_of_summary = window.plan_label.mapTo(bar, window.plan_label.rect().topLeft()).x()
    assert bar.fontMetrics().horizontalAdvance(shown) < left_of_summary - 6
    assert bar.currentMessage() == long and bar.toolTip() == long  # the whole message stays readable


def test_the_locations_table_fills_its_width_when_there_is_room(qtbot, window, small_problem, solved_state):
    """On a wide screen every title is whole and the last column takes the rest (no gap)."""
    from PySide6.QtCore import QSize

    load(window, small_problem, solved_state)
    window.resize(QSize(1600, 900))
    qtbot.waitUntil(lambda: window.size() == QSize(1600, 900))
    window.tabs.setCurrentIndex(window.TAB_CAPACITY)
    QApplication.processEvents()
    table = window.capacity_page.location_table
    header = table.horizontalHeader()
    assert header.length() == table.viewport().width()
    for c in range(table.model().columnCount()):
        assert header.sectionSize(c) >= header.sectionSizeHint(c), c


def test_a_stopped_compare_run_says_it_was_stopped(window, small_problem, solved_state, frontier3):
    """A search the planner stopped said '1 plan berekend.' as if it had run its course."""
    request, fr = frontier3
    load(window, small_problem, solved_state)
    page = window.compare_page
    one = replace(fr, points=fr.points[:1], current_dominated_by=None)
    _run_on_page(window, request, one, one, asked=3, seconds=9.0, stopped=True)
    assert page.progress.format() == "Gestopt: 1 plan berekend"
    assert window.statusBar().currentMessage() == "Gestopt: 1 plan berekend."
    try:
        window.switch_language("en")
        assert window.compare_page.progress.format() == "Stopped: 1 plan computed"
    finally:
        window.switch_language("nl")
    # run to its end: no such word
    _run_on_page(window, request, one, one, asked=1, seconds=9.0)
    assert window.compare_page.progress.format() == "1 plan berekend"
    assert window.statusBar().currentMessage() == "1 plan berekend."

"""Issue 18 (GUI): the Vergelijken page on the frontier.

The page fills with the frontier's distinct plans as they arrive (the view stays live while
the search runs), labels them in the planner's words in Dutch and English, shows each point's
proven gap, the step between neighbours and what changes for people, marks the current plan
when a point beats it, and adopting a point replaces the plan (undoable). No exact solver
values: only what holds for any frontier.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from app.planner import planning
from optimizer.frontier import dominates, plan_key
from optimizer.options import SolveOptions
from optimizer.validate import validate
from tests.ui.conftest import load
from ui.i18n import set_language

WAIT = 60_000
SECONDS = 3.0
"""A trade-off of 3 plans on the 40-learner case: two or three distinct plans, on two cores or
one (6 s gave three; every solve waits out its share unless it proves its plan optimal)."""


@pytest.fixture(scope="module")
def frontier_run(small_problem, solved_state):
    """One short frontier of the small case (no Qt): (request, frontier, provisional frontiers)."""
    request = planning.tradeoff_request(small_problem, solved_state, 3, SolveOptions(time_limit=SECONDS, workers=2))
    heard = []
    fr = planning.run_tradeoff(request, on_point=lambda f, done, total: heard.append(f))
    assert fr.points, "the small case has a plan"
    return request, fr, heard


def _show(window, request, fr):
    """Hand a finished frontier to the page as the background search does when it ends."""
    c = window.controller
    c.tradeoff._tradeoff_request = request
    c.tradeoff._tradeoff_done(fr)
    QApplication.processEvents()


def _distinct_and_nondominated(points):
    keys = [plan_key(p.plan) for p in points]
    assert len(set(keys)) == len(keys), "the same plan twice"
    for a in points:
        assert not any(dominates(b.plan, a.plan) for b in points if b is not a)
    waits = [p.mean_wait for p in points]
    assert waits == sorted(waits), "fastest first"


def test_page_fills_with_distinct_points_as_they_arrive(qtbot, window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    c = window.controller
    page = window.compare_page
    shown: list[int] = []  # columns in the table when a point arrives (the current plan + points)
    busy: list[bool] = []
    c.tradeoffPoint.connect(lambda *_: (shown.append(page.model.columnCount()), busy.append(c.busy)))
    with qtbot.waitSignal(c.tradeoff_runner.finished, timeout=WAIT):
        assert c.start_tradeoff(3, SECONDS)
    # points came in while the search still ran, each time the page already showed them
    assert shown and all(busy) and max(shown) >= 2
    fr = c.tradeoff.frontier
    assert fr is not None and len(c.tradeoff_points) == len(fr.points) >= 1
    _distinct_and_nondominated(fr.points)
    assert page.model.columnCount() == 1 + len(fr.points)
    assert len(page.chart.points()) == 1 + len(fr.points)
    for p in c.tradeoff_points:  # every plan keeps the rules under the weights it is continued with
        assert validate(c.tradeoff._tradeoff_request.problem.with_weights(p.weights), p.plan).ok
    assert c.tradeoff_points[0].label == "snelste start"
    if len(fr.points) > 1:
        assert c.tradeoff_points[-1].label == "meest homogeen"


def test_provisional_frontiers_hold_distinct_nondominated_plans(frontier_run):
    _request, fr, heard = frontier_run
    assert heard, "every solve reports the frontier so far"
    for f in heard:
        _distinct_and_nondominated(f.points)
        assert f.points[0].role == "fastest"
        for p in f.points:  # a proof never claims more than the plan: gap 0..1, or nothing proven yet
            assert p.bound <= p.plan.objective
    assert len(heard[-1].points) >= 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_points_in_the_planners_words(qtbot, window, small_problem, solved_state, frontier_run, lang):
    request, fr, _ = frontier_run
    load(window, small_problem, solved_state)
    set_language(lang)
    try:
        _show(window, request, fr)
        c = window.controller
        page = window.compare_page
        labels = [p.label for p in c.tradeoff_points]
        assert labels[0] == {"nl": "snelste start", "en": "fastest start"}[lang]
        if len(labels) > 1:
            assert labels[-1] == {"nl": "meest homogeen", "en": "most homogeneous"}[lang]
        assert not any("/" in t and t.startswith("w") for t in labels), "no weight codes"
        text = page.words.toPlainText()
        for t in labels:
            assert t in text
        # per point its proof (or that there is none yet), per step what it buys, per point what changes
        proven = {"nl": ("bewezen: hooguit", "nog niet bewezen"), "en": ("proven: at most", "not proven yet")}[lang]
        assert sum(text.count(w) for w in proven) == len(labels)
        for step in fr.steps(lang if lang == "en" else None):
            assert step in text
        for p in fr.points[1:]:
            assert p.changes_text(lang if lang == "en" else None) in text
        assert {"nl": "Huidig plan:", "en": "Current plan:"}[lang] in text
        gap_row = [r for r in range(page.model.rowCount())
                   if page.model.headerData(r, Qt.Orientation.Vertical) in ("Bewezen marge", "Proven gap")]
        assert gap_row
        cells = [page.model.index(gap_row[0], col).data() for col in range(page.model.columnCount())]
        assert cells[0] == "—"  # the current plan has no proof of its own
        assert all(cell.startswith("≤") or cell == "—" for cell in cells[1:])
    finally:
        set_language("nl")


def test_current_plan_marked_when_a_point_beats_it(qtbot, window, small_problem, solved_state, frontier_run):
    request, fr, _ = frontier_run
    fastest = fr.points[0].plan
    # the current plan: a copy of the fastest point's plan, said to wait and fit worse
    f = dict(solved_state.plan.figures)
    f.update(wait_mean=fastest.figures["wait_mean"] + 1.0, misfit_mean=fastest.figures["misfit_mean"] + 1.0)
    worse = replace(solved_state.plan, figures=f)
    load(window, small_problem, replace(solved_state, plan=worse))
    c = window.controller
    marked = planning.provisional_frontier(list(fr.points), fr.weights, len(small_problem.learners), c.plan)
    assert marked.current_dominated_by is not None
    _show(window, request, marked)
    page = window.compare_page
    assert page.chart.points()[0].current and page.chart.points()[0].label == "huidig (overtroffen)"
    assert "is op beide beter of gelijk" in page.words.toPlainText()
    # a plan no point beats is not marked; when it beats a point, the page says so and what it costs
    last = fr.points[-1]
    f = dict(solved_state.plan.figures)
    f.update(wait_mean=min(p.mean_wait for p in fr.points) - 0.5, misfit_mean=last.mean_misfit - 0.5,
             placed=fr.points[0].placed - 2)
    load(window, small_problem, replace(solved_state, plan=replace(solved_state.plan, figures=f)))
    unbeaten = planning.provisional_frontier(list(fr.points), fr.weights, len(small_problem.learners), c.plan)
    assert unbeaten.current_dominated_by is None
    _show(window, request, unbeaten)
    assert page.chart.points()[0].label == "huidig"
    text = page.words.toPlainText()
    assert "is op beide beter of gelijk" not in text
    assert f"past niet slechter dan plan 1 (‘{c.tradeoff_points[0].label}’)" in text
    assert "2 deelnemers minder" in text


def test_adopting_a_point_replaces_the_plan_undoably(qtbot, window, small_problem, solved_state, frontier_run):
    request, fr, _ = frontier_run
    load(window, small_problem, solved_state)
    _show(window, request, fr)
    c = window.controller
    page = window.compare_page
    k = len(fr.points) - 1  # the most homogeneous (or the only) point
    page.words.anchorClicked.emit(QUrl(f"point:{k}"))  # a click on the point's name in the text
    assert page._selected_point == k and page.adopt.isEnabled()
    chosen = c.tradeoff_points[k]
    page.adopt.click()
    assert c.plan.assignments == chosen.plan.assignments
    assert c.problem.weights == chosen.weights
    assert validate(request.problem.with_weights(chosen.weights), c.plan).ok
    c.undo_stack.undo()
    assert c.plan is solved_state.plan
    assert c.problem.weights == small_problem.weights


def test_a_crowded_chart_names_the_plans_by_their_numbers(qtbot):
    """On a laptop (the chart about 520 x 200 px at 1366 x 768 and 125%) five plans' long labels
    ran into each other and over the axes' numbers: then every plan is labelled by its number in
    the list beside the chart; with room, by its words."""
    from ui.charts import ScatterPoint, TradeoffChart

    words = ["snelste start", "hooguit 7,1 week gemiddeld wachten", "hooguit 7,5 week gemiddeld wachten",
             "hooguit 8,0 week gemiddeld wachten", "meest homogeen"]
    points = [ScatterPoint(w, 6.6 + 0.45 * k, 4.9 - 0.6 * k, 27, short=str(k + 1)) for k, w in enumerate(words)]
    chart = TradeoffChart()
    qtbot.addWidget(chart)
    chart.set_points(points)
    chart.resize(520, 200)
    chart.grab()
    assert chart.drawn_labels == [f"{k + 1} · 27 min" for k in range(5)]
    chart.resize(2400, 900)
    chart.grab()
    assert chart.drawn_labels == [f"{w} · 27 min" for w in words]


def test_a_long_column_title_goes_on_two_lines_and_stays_whole_in_its_tooltip():
    from ui.models.compare import CompareModel, two_lines

    assert two_lines("snelste start") == "snelste start"
    assert two_lines("2. hooguit 7,1 week gemiddeld wachten") == "2. hooguit 7,1 week\ngemiddeld wachten"
    model = CompareModel()
    model.set_plans([("2. hooguit 7,1 week gemiddeld wachten", None, None)])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "2. hooguit 7,1 week\ngemiddeld wachten"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "2. hooguit 7,1 week gemiddeld wachten"

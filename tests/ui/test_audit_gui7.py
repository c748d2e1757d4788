"""Defects of the seventh GUI audit (a planner at 1366x768, 125%, under Xvfb)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from tests.ui.conftest import load
from ui.i18n import number
from ui.models.base import RIGHT, Column, RowTableModel, SortProxy


@dataclass(frozen=True)
class _Row:
    id: str
    week: int


def _shown(proxy: SortProxy) -> list[str]:
    model = proxy.sourceModel()
    assert isinstance(model, RowTableModel)
    return [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()).id for r in range(proxy.rowCount())]


def test_rows_with_the_same_sort_value_stay_in_their_own_order_after_new_values():
    """After a re-plan with the same class ids the Plan tab listed K01, K15, L01...L12, K02, K03:
    the classes whose values changed were put after the other classes of their start week (Qt re-sorts
    only the changed rows of a dataChanged). Equal sort values keep the model's order, both ways."""
    model = RowTableModel([Column("id", "Klas", lambda r: r.id),
                           Column("week", "Start", lambda r: str(r.week), lambda r: r.week, RIGHT)])
    proxy = SortProxy()
    proxy.setSourceModel(model)
    ids = [f"K{i:02d}" for i in range(1, 9)] + [f"L{i:02d}" for i in range(1, 5)]
    model.set_rows([_Row(i, 0) for i in ids])
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy) == ids
    # two new plans with the same ids: K08 starts in week 3, then in week 0 again (only its row changed)
    model.set_rows([_Row(i, 3 if i == "K08" else 0) for i in ids])
    model.set_rows([_Row(i, 0) for i in ids])
    assert _shown(proxy) == ids
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_rows([_Row(i, 1 if i in ("K03", "L02") else 0) for i in ids])
    assert _shown(proxy) == ["K03", "L02"] + [i for i in ids if i not in ("K03", "L02")]


def test_the_optimize_page_keeps_the_last_solve_over_a_language_switch_and_forgets_it_for_a_new_file(
        qtbot, window, small_problem):
    """After Optimaliseren, opening a workbook (no plan yet) left 'Klaar: het plan staat op het tabblad
    Plan.', the old objective, bound and chart on the Optimaliseren tab; switching to English instead
    wiped them ('Not started yet.') while the plan stayed."""
    from app.planner import planning

    load(window, small_problem)
    c = window.controller
    with qtbot.waitSignal(c.solveFinished, timeout=60_000):
        assert c.start_solve(planning.FRESH, time_limit=0.5)
    qtbot.waitUntil(lambda: not c.busy)
    assert c.plan is not None and c.plan.is_feasible()
    page = window.optimize_page
    assert page.status.text() == "Klaar: het plan staat op het tabblad Plan."
    assert page.objective.text() == number(c.plan.objective, 0)
    points, found = page.chart.points(), page.found.text()
    assert points
    try:
        window.switch_language("en")
        page = window.optimize_page  # rebuilt
        assert page.status.text() == "Done: the plan is on the Plan tab."
        assert page.progress.format().startswith("done after ")
        assert page.objective.text() == number(c.plan.objective, 0)
        assert page.bound.text() == number(c.plan.bound, 0)
        assert page.chart.points() == points and page.found.text() == found
    finally:
        window.switch_language("nl")
    page = window.optimize_page
    assert page.status.text() == "Klaar: het plan staat op het tabblad Plan."
    load(window, small_problem)  # a file opened again: no plan, nothing solved for it yet
    assert c.plan is None
    assert page.status.text() == "Nog niet gestart."
    assert page.progress.format() == "klaar om te starten" and page.progress.value() == 0
    assert [page.objective.text(), page.bound.text(), page.gap.text(), page.found.text()] == ["-"] * 4
    assert page.chart.points() == []

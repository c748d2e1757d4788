"""Defects of the seventh GUI audit (a planner at 1366x768, 125%, under Xvfb)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

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

"""The comparison table: rows are key figures, columns are plans (the current plan first).

A column is ``(title, plan, weights)`` or ``(title, plan, weights, gap)``: ``gap`` is a frontier
point's proven gap (how much better a plan that waits no longer could be at most; None: not
proven yet); the row "Bewezen marge" shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.i18n import N_, number, tr
from ui.models.base import Index
from ui.models.figures import FIGURES, format_figure, short_status_text, status_text
from ui.style import LOCK_BG

COMPARE_FIGURES = ["placed", "waiting", "wait_mean", "wait_p90", "within_target", "misfit_mean", "spread_mean",
                   "travel_mean", "classes_opened", "fill_mean"]


HEADER_CHARS = 18
"""A column header longer than this goes on two lines (a point's label, "hooguit 6,9 week
gemiddeld wachten", was cut to "6,9 week gemiddeld" in a 16-character column at 1366 x 768)."""


def two_lines(text: str, width: int = HEADER_CHARS) -> str:
    """``text`` on two lines, broken at the space nearest its middle, when longer than ``width``."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if len(text) <= width or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:cut]}\n{text[cut + 1:]}"


class CompareModel(QAbstractTableModel):
    """Rows are key figures, columns are plans (the current plan first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[tuple] = []  # (title, plan, weights[, gap])
        self._selected = -1

    def set_plans(self, columns: list[tuple], selected: int = -1) -> None:
        self.beginResetModel()
        self._columns = columns
        self._selected = selected
        self.endResetModel()

    def set_selected(self, column: int) -> None:
        self._selected = column
        if self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _rows(self) -> list[tuple[str, str, str]]:
        labels = {k: (label, fmt) for k, label, fmt, _ in FIGURES}
        rows = [("weights", N_("Gewichten wacht/niveau/reis"), "")]
        rows += [(k, labels[k][0], labels[k][1]) for k in COMPARE_FIGURES]
        rows.append(("gap", N_("Bewezen marge"), ""))
        rows.append(("status", N_("Status"), ""))
        return rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (len(self._rows()) if self._columns else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            label = self._columns[section][0]
            return two_lines(label) if role == Qt.ItemDataRole.DisplayRole else label
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical \
                and 0 <= section < self.rowCount():
            return tr(self._rows()[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        key, _label, fmt = self._rows()[index.row()]
        column = self._columns[index.column()]
        plan, weights = column[1], column[2]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "weights":
                return f"{weights.wait} / {weights.misfit} / {weights.travel}"
            if key == "gap":
                return gap_text(column[3] if len(column) > 3 else None, short=True)
            if key == "status":
                return short_status_text(plan)
            value = plan.figures.get(key)
            text = format_figure(value, fmt)
            if key == "placed":
                text = tr("{n} van {total}", n=text, total=plan.figures.get("learners", 0))
            return text
        if role == Qt.ItemDataRole.ToolTipRole and key == "status":
            return status_text(plan, bool(plan.stats.get("edited")))
        if role == Qt.ItemDataRole.ToolTipRole and key == "gap":
            return tr("Hoeveel beter een plan dat gemiddeld niet langer wacht hooguit kan zijn (bewezen ondergrens).")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self._selected:
            return QColor(LOCK_BG)
        if role == Qt.ItemDataRole.FontRole and index.column() == self._selected:
            f = QFont()
            f.setBold(True)
            return f
        return None


def gap_text(gap: float | None, short: bool = False) -> str:
    """A frontier point's proven gap in words ("bewezen: hooguit 1,8% beter mogelijk"); ``short``
    for the table ("≤ 1,8%"). None or no proof yet (a gap of 100% or more): "nog niet bewezen"."""
    if gap is None or not gap < 1.0:
        return "—" if short else tr("nog niet bewezen")
    value = number(100 * gap, 1)
    return tr("≤ {gap}%", gap=value) if short else tr("bewezen: hooguit {gap}% beter mogelijk", gap=value)

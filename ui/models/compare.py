"""The comparison table: rows are key figures, columns are plans (the current plan first)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.i18n import N_, tr
from ui.models.base import Index
from ui.models.figures import FIGURES, format_figure, short_status_text, status_text
from ui.style import LOCK_BG

COMPARE_FIGURES = ["placed", "waiting", "wait_mean", "wait_p90", "within_target", "misfit_mean", "spread_mean",
                   "travel_mean", "classes_opened", "fill_mean"]


class CompareModel(QAbstractTableModel):
    """Rows are key figures, columns are plans (the current plan first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[tuple[str, Any, Any]] = []  # (title, plan, weights)
        self._selected = -1

    def set_plans(self, columns: list[tuple[str, Any, Any]], selected: int = -1) -> None:
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
        rows.append(("status", N_("Status"), ""))
        return rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (len(self._rows()) if self._columns else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
                return self._columns[section][0]
            if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
                return tr(self._rows()[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        key, _label, fmt = self._rows()[index.row()]
        _title, plan, weights = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "weights":
                return f"{weights.wait} / {weights.misfit} / {weights.travel}"
            if key == "status":
                return short_status_text(plan)
            value = plan.figures.get(key)
            text = format_figure(value, fmt)
            if key == "placed":
                text = tr("{n} van {total}", n=text, total=plan.figures.get("learners", 0))
            return text
        if role == Qt.ItemDataRole.ToolTipRole and key == "status":
            return status_text(plan, False)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self._selected:
            return QColor(LOCK_BG)
        if role == Qt.ItemDataRole.FontRole and index.column() == self._selected:
            f = QFont()
            f.setBold(True)
            return f
        return None

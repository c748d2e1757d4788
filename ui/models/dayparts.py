"""A whole number per weekday and daypart (rows ochtend/middag/avond, columns ma..zo), e.g. teachers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from optimizer.dayparts import PARTS, WEEKDAYS
from optimizer.domain import Problem
from ui.i18n import tr
from ui.models.base import Index, schedule_words
from ui.models.problem import RANGE_ROLE, ProblemEditModel, ProblemEditor

DAY_NAMES = {"ma": "ma", "di": "di", "wo": "wo", "do": "do", "vr": "vr", "za": "za", "zo": "zo"}


class DaypartGridModel(ProblemEditModel):
    """Rows ochtend/middag/avond, columns ma..zo; a whole number per weekday-daypart."""

    def __init__(self, controller: ProblemEditor, getter: Callable[[Problem, str], int],
                 setter: Callable[[Problem, str, int], Problem], describe: Callable[[str, int], str],
                 bounds: tuple[int, int], parent: Any = None) -> None:
        super().__init__(controller, parent)
        self._get = getter
        self._set = setter
        self._describe = describe
        self._bounds = bounds

    def refresh(self) -> None:
        # the grid keeps its shape: new values, not a reset (a reset while a cell's edit is being
        # committed drops the editor, and Qt warns 'commitData called with an editor that does
        # not belong to this view')
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @staticmethod
    def daypart(index: Index) -> str:
        return f"{WEEKDAYS[index.column()]}-{PARTS[index.row()]}"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PARTS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(WEEKDAYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(DAY_NAMES[WEEKDAYS[section]])
        return tr(PARTS[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        return self.editable_if(index, self.controller.problem is not None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self.problem_at(index)
        if problem is None:
            return None
        n = self._get(problem, self.daypart(index))
        if role == Qt.ItemDataRole.DisplayRole:
            return str(n)
        if role == Qt.ItemDataRole.EditRole:
            return n
        if role == RANGE_ROLE:
            return self._bounds
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and n == 0:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.ToolTipRole:
            return schedule_words(self.daypart(index))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return False
        dp = self.daypart(index)
        if not self.edit(self._describe(dp, int(value)), lambda p: self._set(p, dp, value), f"{id(self)}:{dp}"):
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

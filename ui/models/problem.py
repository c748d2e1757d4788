"""Capacity tables: rows are keys into the current problem (routes, schedules, locations); every
cell edit is an undoable problem edit, checked by an :mod:`app.planner.capacity` function.

:class:`CheckedDelegate` edits their cells: spin boxes with the column's range, and text that is
checked while typing (the editor turns red and says why; the old value stays until the text is valid).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from optimizer.domain import Problem
from ui.i18n import tr
from ui.models.base import Index
from ui.style import VERMILLION

RANGE_ROLE = Qt.ItemDataRole.UserRole + 10
CHECK_ROLE = Qt.ItemDataRole.UserRole + 11


class ProblemEditor(Protocol):
    """What the capacity models need of the controller: the problem, whether it is busy, and edits."""

    @property
    def problem(self) -> Problem | None: ...

    @property
    def busy(self) -> bool: ...

    def edit_problem(self, text: str, change: Callable[[Problem], Problem], key: str | None = None) -> str | None: ...


@dataclass(frozen=True)
class EditColumn:
    """An editable column: shown value, edit value, how to apply an edit, and checks."""

    title: str
    show: Callable[[Problem, Any], str]
    value: Callable[[Problem, Any], Any] | None = None
    apply: Callable[[Problem, Any, Any], Problem] | None = None
    bounds: tuple[int, int] | None = None
    check: Callable[[Problem, str], str | None] | None = None
    tip: str | None = None


class ProblemEditModel(QAbstractTableModel):
    """A table over the controller's current problem whose cell edits are undoable problem edits;
    a refused edit is announced by ``rejected`` (the reason, to show)."""

    rejected = Signal(str)

    def __init__(self, controller: ProblemEditor, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller

    def editable_if(self, index: Index, editable: bool) -> Qt.ItemFlag:
        """The cell's flags, editable when ``editable`` holds and the controller is not busy."""
        f = super().flags(index)
        if index.isValid() and editable and not self.controller.busy:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def problem_at(self, index: Index) -> Problem | None:
        """The current problem when ``index`` is a valid cell and there is a problem, else None."""
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        return self.controller.problem

    def edit(self, text: str, change: Callable[[Problem], Problem], key: str) -> bool:
        """Apply ``change`` as one undoable edit named ``text``; False (and ``rejected``) if refused."""
        error = self.controller.edit_problem(text, change, key=key)
        if error:
            self.rejected.emit(error)
            return False
        return True


class ProblemTableModel(ProblemEditModel):
    """Rows are keys into the current Problem (route names, location names...); edits are undoable."""

    def __init__(self, controller: ProblemEditor, keys: Callable[[Problem], list[Any]], columns: list[EditColumn],
                 describe: Callable[[Any, EditColumn], str], parent: Any = None, wrap_titles: bool = False) -> None:
        super().__init__(controller, parent)
        self._wrap = wrap_titles
        """Column titles one word per line (narrow columns of short numbers: the Routes table
        scrolled sideways at 150% on a laptop)."""
        self._keys_of = keys
        self._columns = columns
        self._describe = describe
        self._keys: list[Any] = []
        self.refresh()

    def refresh(self) -> None:
        problem = self.controller.problem
        keys = self._keys_of(problem) if problem else []
        if keys != self._keys:
            self.beginResetModel()
            self._keys = keys
            self.endResetModel()
        elif keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(keys) - 1, len(self._columns) - 1))

    def key_at(self, row: int) -> Any:
        return self._keys[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(col.title).replace(" ", "\n") if self._wrap else tr(col.title)
            if role == Qt.ItemDataRole.ToolTipRole and col.tip:
                return tr(col.tip)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return self.editable_if(index, index.isValid() and self._columns[index.column()].apply is not None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self.problem_at(index)
        if problem is None:
            return None
        col = self._columns[index.column()]
        key = self._keys[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(problem, key)
        if role == Qt.ItemDataRole.EditRole:
            return col.value(problem, key) if col.value else col.show(problem, key)
        if role == RANGE_ROLE:
            return col.bounds
        if role == CHECK_ROLE:
            return col.check
        if role == Qt.ItemDataRole.TextAlignmentRole and col.bounds is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.apply is not None:
            return tr("Dubbelklik of F2 om te wijzigen")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return False
        col = self._columns[index.column()]
        if col.apply is None:
            return False
        key = self._keys[index.row()]
        apply = col.apply
        return self.edit(self._describe(key, col), lambda p: apply(p, key, value),
                         f"{id(self)}:{index.row()}:{index.column()}")


class CheckedDelegate(QStyledItemDelegate):
    """Spin boxes with the column's range; line edits that are checked while typing."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        bounds = index.data(RANGE_ROLE)
        if bounds is not None:
            spin = QSpinBox(parent)
            spin.setRange(*bounds)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            return spin
        edit = QLineEdit(parent)
        check = index.data(CHECK_ROLE)
        model = index.model()
        problem_of = getattr(model, "controller", None)
        if check is not None and problem_of is not None:
            def on_edit(text: str, edit: QLineEdit = edit) -> None:
                problem = problem_of.problem
                error = check(problem, text) if problem is not None else None
                edit.setStyleSheet(f"border: 2px solid {VERMILLION};" if error else "")
                edit.setToolTip(error or "")
                edit.setProperty("error", error or "")
            edit.textEdited.connect(on_edit)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            if editor.property("error"):
                return
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

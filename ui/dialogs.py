"""Dialogs: choosing where to move learners, columns to keep in an export without names."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.planner.editing import PlanState
from optimizer.domain import Problem
from ui.i18n import tr
from ui.models.base import SortProxy
from ui.models.targets import WAITLIST_ROW, TargetModel, TargetRow, target_rows


class MoveDialog(QDialog):
    """Pick a class (or the waiting list) for the selected learners; fitting classes first."""

    def __init__(self, problem: Problem, state: PlanState, learner_ids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Verplaatsen naar…"))
        self.problem = problem
        self.state = state
        self.learner_ids = learner_ids
        self.target: str | None = None
        self.chosen = False
        who = learner_ids[0] if len(learner_ids) == 1 else tr("{n} deelnemers", n=len(learner_ids))
        lr = problem.learner_by_id[learner_ids[0]]
        intro = QLabel(tr("Waar moet {who} heen? Deelnemer {id}: route {route}, leerbaarheid {level}. "
                          "Een klas waar de deelnemer niet past kan wel, maar dan breekt een regel.",
                          who=who, id=lr.id, route=lr.route, level=lr.level))
        intro.setWordWrap(True)
        self.same_route = QCheckBox(tr("Alleen klassen van dezelfde route"))
        self.same_route.setChecked(True)
        self.model = TargetModel()
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._double_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Verplaatsen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuleren"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.same_route)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.same_route.toggled.connect(self._fill)
        self._fill()
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 110, fm.height() * 28)

    def _fill(self) -> None:
        self.model.set_rows(target_rows(self.problem, self.state, self.learner_ids, self.same_route.isChecked()))
        self.proxy.sort(6, Qt.SortOrder.AscendingOrder)
        self.table.selectRow(self._preselected_row())

    def _preselected_row(self) -> int:
        """The row chosen when the dialog opens (what Enter does): the first class the learners
        fit in (fitting classes sort first), else the waiting list, never a class that breaks a rule."""
        waitlist = -1
        for r in range(self.proxy.rowCount()):
            row = self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if row.id == WAITLIST_ROW:
                waitlist = r
            elif row.ok:
                return r
        return waitlist

    def rows(self) -> list[TargetRow]:
        return self.model.rows()

    def choose(self, target_id: str) -> None:
        """Choose a target programmatically (the class id, or WAITLIST_ROW)."""
        self.target = None if target_id == WAITLIST_ROW else target_id
        self.chosen = True

    def _double_clicked(self, index: QModelIndex) -> None:
        self._accept()

    def _accept(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if not sel:
            return
        row = self.model.row_at(self.proxy.mapToSource(sel[0]).row())
        self.choose(row.id)
        self.accept()


class KeepColumnsDialog(QDialog):
    """Export without names: which of the learners' own columns may go along (none by default)."""

    def __init__(self, columns: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Exporteren zonder namen"))
        layout = QVBoxLayout(self)
        text = QLabel(tr("De planwerkmap noemt deelnemers alleen bij hun id: zonder namen, notities en volledige "
                         "postcodes (alleen de vier cijfers of het stadsdeel). Eigen kolommen gaan alleen mee als u "
                         "ze hieronder aanvinkt."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.boxes: list[QCheckBox] = []
        if columns:
            layout.addWidget(QLabel(tr("Deze kolommen toch meenemen:")))
        else:
            layout.addWidget(QLabel(tr("De deelnemerslijst heeft geen eigen kolommen om mee te nemen.")))
        for col in columns:
            box = QCheckBox(col)
            self.boxes.append(box)
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [b.text() for b in self.boxes if b.isChecked()]

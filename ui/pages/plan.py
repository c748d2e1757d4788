"""Plan: the classes, the selected class's members, the waiting list, kerncijfers and broken rules.

Learners are moved by dragging them from the members or waiting-list table onto a class (or
onto the waiting list), or with the Bewerken menu actions; each move is one undo step and the
kerncijfers show the change at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.planner.session import class_rows, figure_changes, learner_rows
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS
from ui.controller import Controller
from ui.glossary import explain
from ui.i18n import lang_arg, number, percent, tr
from ui.models.base import SortProxy
from ui.models.classes import ClassModel
from ui.models.figures import FIGURES, format_figure, status_text
from ui.models.learners import LearnerModel, member_columns, waitlist_columns
from ui.models.notes import NoteModel
from ui.pages.learners import configure_table, fit_columns
from ui.style import BLUE, GREY_TEXT, VERMILLION, WARN_BG, heading, splitter

FIGURE_TERMS = {"wait_p90": "P90 (90% wacht hooguit)", "spread_mean": "Spreiding", "misfit_mean": "Niveauverschil",
                "wait_mean": "Wachtweken"}
"""Kerncijfers whose name is explained (tooltip) by a term of the glossary."""


class FiguresPanel(QGroupBox):
    """Kerncijfers with the change caused by the last edit (arrow, sign and colour)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Kerncijfers"), parent)
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(12)
        self.status = QLabel()
        self.status.setWordWrap(True)
        grid.addWidget(self.status, 0, 0, 1, 3)
        self.values: dict[str, tuple[QLabel, QLabel]] = {}
        for i, (key, label, _fmt, _dir) in enumerate(FIGURES, start=1):
            name = QLabel(tr(label))
            if key in FIGURE_TERMS:
                name.setToolTip(explain(FIGURE_TERMS[key]))
            value = QLabel("-")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            f = QFont(value.font())
            f.setBold(True)
            value.setFont(f)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance(tr("{n} van {total}", n="0000", total="0000")))
            delta = QLabel("")
            delta.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            delta.setMinimumWidth(delta.fontMetrics().horizontalAdvance("▲ +00,0") + 4)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            grid.addWidget(delta, i, 2)
            self.values[key] = (value, delta)
        row = len(FIGURES) + 1
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, row, 0, 1, 3)
        self.objective = QLabel()
        self.objective.setWordWrap(True)
        self.objective.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.objective, row + 1, 0, 1, 3)

    def show_plan(self, plan: Any, before: dict[str, Any] | None, edited: bool) -> None:
        if plan is None:
            self.status.setText(tr("Nog geen plan. Optimaliseer eerst (F5)."))
            for value, delta in self.values.values():
                value.setText("-")
                delta.setText("")
            self.objective.setText("")
            return
        f = plan.figures
        changes = figure_changes(before, f)
        self.status.setText(tr("Status: {status}", status=status_text(plan, edited)))
        for key, _label, fmt, better in FIGURES:
            value, delta = self.values[key]
            text = format_figure(f.get(key), fmt)
            if key == "placed":
                text = tr("{n} van {total}", n=text, total=f.get("learners", 0))
            if key == "within_target":
                value.setToolTip(tr("Binnen {n:week|weken} gestart", n=f.get("target_weeks", 0)))
            value.setText(text)
            d = changes.get(key)
            if d is None or abs(d) < 1e-9:
                delta.setText("")
                continue
            shown = percent(abs(d)) if fmt == "pct" else number(abs(d), 0 if fmt == "int" else 1)
            if shown.strip("0%,.") == "":  # rounds to nothing: not worth showing
                delta.setText("")
                continue
            sign = "+" if d > 0 else "−"
            arrow = "▲" if d > 0 else "▼"
            good = better != 0 and (d > 0) == (better > 0)
            colour = GREY_TEXT if better == 0 else (BLUE if good else VERMILLION)
            delta.setText(f"{arrow} {sign}{shown}")
            delta.setStyleSheet(f"color: {colour};")
            delta.setToolTip(tr("beter") if good and better else tr("slechter") if better else tr("veranderd"))
        labels = TERM_LABELS.table(lang_arg() or "nl")
        parts = [f"{labels.get(k, k)} {number(plan.terms.get(k, 0), 0)}" for k in OBJECTIVE_TERMS if plan.terms.get(k)]
        d_obj = None
        if before is not None and "objective" in before:
            d_obj = plan.objective - before["objective"]
        head = tr("Doelfunctie {n} punten (lager is beter)", n=number(plan.objective, 0))
        if d_obj:
            head += f"  ({'+' if d_obj > 0 else '−'}{number(abs(d_obj), 0)})"
        self.objective.setText(head + "\n= " + " + ".join(parts) if parts else head)
        self.objective.setToolTip(explain("Doelfunctie"))


class PlanPage(QWidget):
    """The Plan tab: classes, members, waiting list, kerncijfers and broken rules."""

    selectionChanged = Signal()

    def __init__(self, controller: Controller, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._current_class: str | None = None

        # banner with broken rules
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"background: {WARN_BG}; color: #3d2600; padding: 6px; border-radius: 3px;")
        self.banner.hide()

        # classes
        self.classes = ClassModel(self)
        self.class_proxy = SortProxy(self)
        self.class_proxy.setSourceModel(self.classes)
        self.class_table = QTableView()
        self.class_table.setModel(self.class_proxy)
        configure_table(self.class_table, drop=True)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # by start week: the order a planner reads a plan in (running classes, which start at week 0, first)
        self.class_table.sortByColumn(self.classes.column_of("start"), Qt.SortOrder.AscendingOrder)

        tools = QHBoxLayout()
        tools.addWidget(heading(tr("Klassen"), size_delta=1))
        # a tool bar: buttons that do not fit go behind its » button (small screens, large scaling)
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions(actions)
        tools.addWidget(bar, 1)
        self.action_bar = bar
        hint = QLabel(tr("Sleep deelnemers naar een klas om ze te verplaatsen, of naar het tabblad Wachtlijst."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {GREY_TEXT};")

        # members and waiting list
        with_name = False
        self.members = LearnerModel(member_columns(with_name), self)
        self.member_proxy = SortProxy(self)
        self.member_proxy.setSourceModel(self.members)
        self.member_table = QTableView()
        self.member_table.setModel(self.member_proxy)
        configure_table(self.member_table, drag=True)
        self.member_table.sortByColumn(self.members.column_of("level"), Qt.SortOrder.AscendingOrder)

        self.waiting = LearnerModel(waitlist_columns(with_name), self, accept_waitlist_drops=True)
        self.waiting_proxy = SortProxy(self)
        self.waiting_proxy.setSourceModel(self.waiting)
        self.waiting_table = QTableView()
        self.waiting_table.setModel(self.waiting_proxy)
        configure_table(self.waiting_table, drag=True, drop=True)
        self.waiting_table.sortByColumn(self.waiting.column_of("wait"), Qt.SortOrder.DescendingOrder)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.member_table, tr("Deelnemers in klas"))
        self.tabs.addTab(self.waiting_table, tr("Wachtlijst"))
        self.tabs.tabBar().setAcceptDrops(True)
        self.tabs.tabBar().setChangeCurrentOnDrag(True)
        # the learner actions follow the visible table: a switch of tab changes what they act on
        self.tabs.currentChanged.connect(lambda _i: self.selectionChanged.emit())

        left_top = QWidget()
        lt = QVBoxLayout(left_top)
        lt.setContentsMargins(0, 0, 0, 0)
        lt.addLayout(tools)
        lt.addWidget(self.class_table, 1)
        lt.addWidget(hint)
        left = splitter(Qt.Orientation.Vertical, (left_top, 3), (self.tabs, 2))

        # right: figures and notes
        self.figures = FiguresPanel()
        self.notes = NoteModel(self)
        self.note_table = QTableView()
        self.note_table.setModel(self.notes)
        configure_table(self.note_table)
        self.note_table.setSortingEnabled(False)
        self.note_table.setWordWrap(True)
        self.note_table.horizontalHeader().hide()
        self.note_box = QGroupBox(tr("Geschonden regels"))
        nb = QVBoxLayout(self.note_box)
        self.note_empty = QLabel(tr("Geen: het plan houdt zich aan alle regels."))
        self.note_empty.setWordWrap(True)
        nb.addWidget(self.note_empty)
        nb.addWidget(self.note_table)
        # opened from an edited plan workbook: what the re-plan changed (the export's Wijzigingen sheet)
        self.change_box = QGroupBox(tr("Wijzigingen ten opzichte van het bewerkte plan"))
        self.change_text = QLabel()
        self.change_text.setWordWrap(True)
        self.change_text.setTextFormat(Qt.TextFormat.PlainText)
        self.change_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.change_box).addWidget(self.change_text)
        self.change_box.hide()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.figures)
        rl.addWidget(self.note_box, 1)
        rl.addWidget(self.change_box)
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(right.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        split = splitter(Qt.Orientation.Horizontal, (left, 3), (scroll, 1))

        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)

        self.class_table.selectionModel().currentRowChanged.connect(self._class_selected)
        self.member_table.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())
        self.waiting_table.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())
        self.note_table.clicked.connect(self._note_clicked)
        self.classes.dropRequested.connect(self._drop)
        self.waiting.dropRequested.connect(self._drop)
        controller.planChanged.connect(self.refresh)
        controller.problemChanged.connect(self.refresh)
        controller.sourceChanged.connect(self._rebuild_columns)
        controller.focusClass.connect(self.select_class)
        self._rebuild_columns()

    def _rebuild_columns(self) -> None:
        with_name = bool(self.controller.session.source.name_column)
        for table, model, columns in ((self.member_table, self.members, member_columns(with_name)),
                                      (self.waiting_table, self.waiting, waitlist_columns(with_name))):
            # a name column shifts the others: keep sorting on the same column, not the same index
            header = table.horizontalHeader()
            key = model.column_key(header.sortIndicatorSection())
            model.set_columns(columns)
            if key is not None and model.column_of(key) >= 0:
                table.sortByColumn(model.column_of(key), header.sortIndicatorOrder())
        self.refresh()

    # ---- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        c = self.controller
        problem, state = c.problem, c.state
        had_rows = self.classes.rowCount() > 0
        changes = c.session.replan_changes()
        self.change_box.setVisible(changes is not None)
        self.change_text.setText("\n".join(changes.lines(lang_arg())) if changes is not None else "")
        if problem is None or state is None:
            self.classes.set_rows([])
            self.members.set_rows([])
            self.waiting.set_rows([])
            self.notes.set_notes([])
            self.tabs.setTabText(0, tr("Deelnemers in klas"))  # not the counts of a plan that is gone
            self.tabs.setTabText(1, tr("Wachtlijst"))
            self._current_class = None
            self.figures.show_plan(None, None, False)
            self.banner.hide()
            self._update_note_box(0)
            return
        self.classes.set_rows(class_rows(problem, state))
        waiting_ids = [a.learner_id for a in state.plan.assignments.values() if not a.placed]
        src = c.session.source
        self.waiting.target_weeks = problem.target_weeks
        self.waiting.set_rows(learner_rows(problem, state, src.extras, src.name_column, waiting_ids))
        self.tabs.setTabText(1, tr("Wachtlijst ({n})", n=len(waiting_ids)))
        if not had_rows:
            fit_columns(self.class_table, 30)
            fit_columns(self.waiting_table, 30)
        if self._current_class is None or self._current_class not in state.plan.class_by_id:
            self._current_class = None
            if self.class_proxy.rowCount():
                self.class_table.selectRow(0)
        self._show_members()
        self.notes.set_notes(state.notes)
        self.note_table.resizeRowsToContents()
        self._update_note_box(len(state.notes))
        self.figures.show_plan(state.plan, c.figures_before, state.edited)
        if state.notes:
            first = state.notes[0].text(lang_arg())
            more = len(state.notes) - 1
            text = tr("Let op: dit plan breekt {n:regel|regels}. {first}", n=len(state.notes), first=first)
            if more:
                text += " " + tr("(en nog {n}, zie rechts)", n=more)
            self.banner.setText(text)
            self.banner.show()
        else:
            self.banner.hide()

    def _update_note_box(self, n: int) -> None:
        self.note_empty.setVisible(n == 0)
        self.note_table.setVisible(n > 0)

    def _show_members(self) -> None:
        c = self.controller
        problem, state = c.problem, c.state
        if problem is None or state is None or self._current_class is None:
            self.members.set_rows([])
            self.tabs.setTabText(0, tr("Deelnemers in klas"))
            return
        cls = state.plan.class_by_id.get(self._current_class)
        if cls is None:
            self.members.set_rows([])
            return
        src = c.session.source
        self.members.target_weeks = problem.target_weeks
        self.members.set_rows(learner_rows(problem, state, src.extras, src.name_column, cls.members))
        self.tabs.setTabText(0, tr("Deelnemers in klas {id} ({n})", id=cls.id, n=cls.size))

    def _class_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.classes.row_at(self.class_proxy.mapToSource(current).row())
        if row.id != self._current_class:
            self._current_class = row.id
            self._show_members()
            self.tabs.setCurrentIndex(0)
            fit_columns(self.member_table, 30)
            self.controller.focusClass.emit(row.id)
        self.selectionChanged.emit()

    def _drop(self, ids: list, target: object) -> None:
        self.controller.move_learners([str(i) for i in ids], None if target is None else str(target))

    def _note_clicked(self, index: QModelIndex) -> None:
        note = self.notes.row_at(index.row()).note
        if note.class_id:
            self.select_class(note.class_id)
        if note.learner_id:
            self.select_learner(note.learner_id)

    # ---- selection -----------------------------------------------------------------------------
    def selected_class_id(self) -> str | None:
        return self._current_class

    def selected_learner_ids(self) -> list[str]:
        """The learners selected in the visible table (members or waiting list): a selection left
        in the hidden one is not acted on."""
        table = self.member_table if self.tabs.currentIndex() == 0 else self.waiting_table
        model = self.members if table is self.member_table else self.waiting
        proxy = self.member_proxy if table is self.member_table else self.waiting_proxy
        rows = table.selectionModel().selectedRows()
        return [model.row_at(proxy.mapToSource(i).row()).id for i in rows]

    def select_class(self, class_id: str) -> bool:
        src = self.classes.row_of(class_id)
        if src < 0:
            return False
        idx = self.class_proxy.mapFromSource(self.classes.index(src, 0))
        self.class_table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.class_table.scrollTo(idx)
        return True

    def select_learner(self, learner_id: str) -> bool:
        """Show a learner: in their class's member list, or on the waiting list."""
        state = self.controller.state
        if state is None or learner_id not in state.plan.assignments:
            return False
        a = state.plan.assignments[learner_id]
        if a.class_id is not None:
            self.select_class(a.class_id)
            table, model, proxy, tab = self.member_table, self.members, self.member_proxy, 0
        else:
            table, model, proxy, tab = self.waiting_table, self.waiting, self.waiting_proxy, 1
        self.tabs.setCurrentIndex(tab)
        src = model.row_of(learner_id)
        if src < 0:
            return False
        idx = proxy.mapFromSource(model.index(src, 0))
        table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(idx)
        return True

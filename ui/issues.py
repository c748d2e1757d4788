"""The import issues list: every problem in the opened file, with the learner's row beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.controller import Controller
from ui.i18n import lang_arg, tr
from ui.models.base import SortProxy
from ui.models.issues import IssueModel, IssueRow
from ui.pages.learners import configure_table


class IssuesPanel(QWidget):
    """Import issues; clicking one shows the learner's row with the field marked, and the learner."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = IssueModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # a message is never cut off: the message column takes the rest of the width and wraps,
        # rows grow to fit it (a file that cannot be read at all is one long message)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.column_of("message"), QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.table.activated.connect(self._show)
        self.table.clicked.connect(self._show)
        controller.sourceChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        src = self.controller.session.source
        by_row = {r: lid for lid, r in src.learner_rows.items()}
        rows = []
        for i, issue in enumerate(src.issues):
            lid = None
            if issue.sheet and (src.learner_sheet is None or issue.sheet == src.learner_sheet):
                lid = by_row.get(issue.row) if issue.row is not None else None
            rows.append(IssueRow(str(i), issue.severity, issue.sheet or "", issue.row, issue.column or "",
                                 issue.message, issue.message_en, issue.is_error, lid, issue.also_rows))
        self.model.set_rows(rows)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        errors = sum(1 for r in rows if r.is_error)
        warnings = len(rows) - errors
        if not rows:
            self.summary.setText(tr("Geen meldingen bij het inlezen."))
        elif errors:
            self.summary.setText(tr("{e:fout|fouten} en {w:waarschuwing|waarschuwingen}. Herstel de fouten in het bestand en open het "
                                    "opnieuw; klik op een melding om de rij te zien.", e=errors, w=warnings))
        else:
            self.summary.setText(tr("{w:waarschuwing|waarschuwingen}; er kan worden gepland. Klik op een melding om de deelnemer "
                                    "te zien.", w=warnings))
        self.detail.clear()
        if rows:  # the first message in full beside the list, before any click
            self._describe(self.model.row_at(self.proxy.mapToSource(self.proxy.index(0, 0)).row()))

    def count(self) -> int:
        return self.model.rowCount()

    def _current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self._describe(self.model.row_at(self.proxy.mapToSource(current).row()))

    def _show(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self._describe(row)
        if row.learner_id:
            self.controller.focusLearner.emit(row.learner_id, row.column)

    def show_issue(self, row_index: int) -> IssueRow:
        """Select issue ``row_index`` (in the shown order) as if clicked."""
        idx = self.proxy.index(row_index, 0)
        self.table.setCurrentIndex(idx)
        self._show(idx)
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def _describe(self, row: IssueRow) -> None:
        """The learner's row as read from the file, with the field of the issue in bold."""
        src = self.controller.session.source
        msg = row.message_en if lang_arg() == "en" else row.message
        where = ""
        if row.also_rows:
            where = ", " + tr("rijen {rows}", rows=row.rows_text)
        elif row.row:
            where = ", " + tr("rij {n}", n=row.row)
        parts = [f"<p><b>{_esc(row.sheet)}{where}</b><br>{_esc(msg)}</p>"]
        values = src.extras.get(row.learner_id or "", {}) if row.learner_id else {}
        if values:
            parts.append("<table cellspacing='2' cellpadding='2'>")
            for header, value in values.items():
                mark = header.strip().lower() == row.column.strip().lower()
                name = f"<b>{_esc(header)}</b>" if mark else _esc(header)
                val = "" if value is None else str(value)
                val = (f"<span style='background:#fbe3c4'><b>{_esc(val) or '&nbsp;'}</b></span>" if mark
                       else _esc(val))
                parts.append(f"<tr><td>{name}</td><td>{val}</td></tr>")
            parts.append("</table>")
        self.detail.setHtml("".join(parts))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

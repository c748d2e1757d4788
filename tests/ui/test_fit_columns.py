"""fit_columns sizes a table's columns from a sample of its rows, not all of them.

Taking in a 1,500-learner plan the window stood still 7.2 s, 6.0 s of it in Qt reading 1,000 rows
per column of four tables to size them (ui.pages.learners.FIT_ROWS)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from ui.pages.learners import FIT_ROWS, fit_columns


class _Rows(QAbstractTableModel):
    """3,000 rows, two columns; row 5's first cell is long; remembers which rows were read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[int] = set()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3000

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        self.read.add(index.row())
        return "x" * 60 if (index.row(), index.column()) == (5, 0) else str(index.row())


def test_fit_columns_reads_a_sample_of_the_rows_and_still_fits_the_wide_ones(qtbot):
    model = _Rows()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(400, 300)
    table.show()
    model.read.clear()
    fit_columns(table, max_chars=100)
    visible = table.rowAt(table.viewport().height() - 1) + 2
    assert 0 < len(model.read) <= FIT_ROWS + visible + 1, len(model.read)  # (Qt's default: 1,000)
    assert table.columnWidth(0) > 3 * table.columnWidth(1)  # row 5's long text was measured

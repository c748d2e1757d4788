"""Tables of a municipality-wide what-if (3,000 learners) stay responsive: reading a cell costs one
Python call, not three.

Seen as a user (3,000 learners, under Xvfb): sorting the learner table by a column held the window
0.5 s of the UI thread's time, taking in a new plan 1.5 s, each hand edit 0.4 s; half of it was
Qt's ``checkIndex`` in ``RowTableModel.data``, which asks ``rowCount`` and ``columnCount`` back
through Qt for every cell read (docs/benchmarks.md, "The planner at 3,000 learners")."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from ui.models.base import Column, RowTableModel, SortProxy


@dataclass(frozen=True)
class _Row:
    id: str
    value: int


class _Counting(RowTableModel):
    """Counts the cells read, and the calls to ``rowCount`` and ``columnCount`` made while reading one."""

    def __init__(self) -> None:
        super().__init__([Column("id", "Id", lambda r: r.id), Column("value", "Waarde", lambda r: str(r.value),
                                                                    lambda r: r.value)])
        self.calls = {"data": 0, "size": 0}
        self._reading = False

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.calls["data"] += 1
        self._reading = True
        try:
            return super().data(index, role)
        finally:
            self._reading = False

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        self.calls["size"] += self._reading
        return super().rowCount(parent)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        self.calls["size"] += self._reading
        return super().columnCount(parent)


def test_sorting_reads_cells_without_asking_the_model_its_size_for_each(qtbot):
    model = _Counting()
    model.set_rows([_Row(f"D{k:05d}", (k * 7919) % 3000) for k in range(3000)])
    proxy = SortProxy()
    proxy.setSourceModel(model)
    for key in model.calls:
        model.calls[key] = 0
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    values = [proxy.index(i, 1).data(Qt.ItemDataRole.DisplayRole) for i in range(proxy.rowCount())]
    assert [int(v) for v in values] == sorted(int(v) for v in values)
    reads = model.calls["data"]
    assert reads > 3000  # the sort read the cells ...
    # ... without asking rowCount and columnCount for each (checkIndex did: 2 calls per cell read)
    assert model.calls["size"] == 0, model.calls


def test_a_cell_out_of_range_or_of_no_row_reads_as_nothing(qtbot):
    model = _Counting()
    model.set_rows([_Row("a", 1)])
    assert model.data(model.index(0, 1)) == "1"
    assert model.data(QModelIndex()) is None
    assert model.data(model.createIndex(5, 0)) is None
    assert model.data(model.createIndex(0, 7)) is None

"""The input sheet as read, cell by cell, with the cells an import issue points at marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QColor

from ui.i18n import date_text
from ui.models.base import (
    Column,
    RowTableModel,
)
from ui.style import WARN_BG


class RawModel(RowTableModel):
    """The learner sheet as read from a file with errors; cells with an issue are marked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)
        self.flagged: set[tuple[str, str]] = set()

    def set_sheet(self, headers: Sequence[str], rows: Sequence[Any], flagged: set[tuple[str, str]]) -> None:
        self.flagged = set(flagged)
        self.set_columns([Column(h, h, lambda r, i=i: _raw_text(r.values[i])) for i, h in enumerate(headers)])
        self.set_rows(rows)

    def cell_background(self, row: Any, col: Column) -> QColor | None:
        return QColor(WARN_BG) if (row.id, col.key.strip().lower()) in self.flagged else None


def _raw_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return date_text(value)
    return str(value)

"""Import issues: one row per error or warning, with sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from ui.i18n import N_, lang_arg, tr
from ui.models.base import (
    RIGHT,
    Column,
    RowTableModel,
    sort_number,
)
from ui.style import VERMILLION


@dataclass(frozen=True)
class IssueRow:
    id: str
    severity: str
    sheet: str
    row: int | None
    column: str
    message: str
    message_en: str
    is_error: bool
    learner_id: str | None
    also_rows: tuple[int, ...] = ()
    """The other rows of one problem about two learners (their pins contradict): listed once."""

    @property
    def rows_text(self) -> str:
        """``"2"``, or ``"2, 3"`` for a problem about two rows."""
        return ", ".join(str(n) for n in sorted({self.row, *self.also_rows})) if self.row else ""


def issue_columns() -> list[Column]:
    return [
        Column("severity", N_("Soort"), lambda r: tr("fout") if r.is_error else tr("waarschuwing"),
               lambda r: (0 if r.is_error else 1) * 10**7 + (r.row or 0)),
        Column("sheet", N_("Blad"), lambda r: r.sheet),
        Column("row", N_("Rij"), lambda r: r.rows_text, lambda r: sort_number(r.row), RIGHT),
        Column("column", N_("Kolom"), lambda r: r.column),
        Column("learner", N_("Deelnemer"), lambda r: r.learner_id or ""),
        Column("message", N_("Melding"), lambda r: r.message_en if lang_arg() == "en" else r.message,
               tip=lambda r: r.message_en if lang_arg() == "en" else r.message),
    ]


class IssueModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(issue_columns(), parent)

    def foreground(self, row: IssueRow, col: Column) -> QColor | None:
        if col.key == "severity" and row.is_error:
            return QColor(VERMILLION)
        return None

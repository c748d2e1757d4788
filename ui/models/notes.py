"""The rules the current plan breaks (notes of the editing service)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from app.planner.editing import Note
from ui.i18n import N_, lang_arg
from ui.models.base import (
    Column,
    RowTableModel,
)
from ui.style import WARN_BG


@dataclass(frozen=True)
class NoteRow:
    id: str
    note: Note


def note_columns() -> list[Column]:
    return [Column("text", N_("Geschonden regel"), lambda r: r.note.text(lang_arg()), tip=lambda r: r.note.text(lang_arg()))]


class NoteModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(note_columns(), parent)

    def set_notes(self, notes: Sequence[Note]) -> None:
        self.set_rows([NoteRow(str(i), n) for i, n in enumerate(notes)])

    def background(self, row: NoteRow) -> QColor | None:
        return QColor(WARN_BG)

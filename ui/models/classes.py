"""The plan's classes: one row per class, locked classes marked; learners dropped on a row move there."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from app.planner.session import ClassRow
from ui.i18n import N_, date_text, number, tr
from ui.models.base import (
    LEFT,
    RIGHT,
    Column,
    RowTableModel,
    lock_column,
    schedule_words,
    sort_number,
)
from ui.style import LOCK_BG, WARN_BG


def _size_text(r: ClassRow) -> str:
    if r.running:
        return tr("+{n} (vrij {free})", n=r.size, free=r.max_size if r.max_size is not None else "?")
    if r.max_size is None:
        return str(r.size)
    return tr("{n} van {max}", n=r.size, max=r.max_size)


def class_columns() -> list[Column]:
    """Key columns first (class, locked, broken rules, fit, size), details after."""
    return [
        Column("id", N_("Klas"), lambda r: r.id + (" " + tr("(lopend)") if r.running else ""), elide=True),
        lock_column(),
        Column("notes", N_("Let op"), lambda r: tr("{n:regel|regels}", n=r.problem_notes) if r.problem_notes else "",
               lambda r: r.problem_notes, LEFT, elide=True,
               header_tip=N_("Regels die deze klas na een handmatige wijziging breekt")),
        Column("misfit", N_("Niveauverschil gem."), lambda r: "" if r.misfit_mean is None else number(r.misfit_mean),
               lambda r: sort_number(r.misfit_mean), RIGHT,
               header_tip=N_("Gemiddeld verschil tussen de leerbaarheid van de deelnemers en het klasniveau")),
        Column("size", N_("Grootte"), _size_text, lambda r: r.size, RIGHT),
        Column("route", N_("Route"), lambda r: r.route),
        Column("location", N_("Locatie"), lambda r: r.location, elide=True),
        Column("schedule", N_("Rooster"), lambda r: schedule_words(r.schedule_text), tip=lambda r: r.schedule,
               elide=True),
        Column("start", N_("Start"), lambda r: date_text(r.start_date) + "  " + tr("(wk {w})", w=r.start_week),
               lambda r: r.start_week, RIGHT),
        Column("level", N_("Niveau"), lambda r: str(r.level), lambda r: r.level, RIGHT,
               header_tip=N_("Klasniveau (leerbaarheid)")),
        Column("range", N_("Bandbreedte"), lambda r: r.level_range, lambda r: sort_number(r.level_min), RIGHT,
               header_tip=N_("Bandbreedte: de laagste en hoogste leerbaarheid in de klas")),
        Column("travel", N_("Reistijd gem."), lambda r: "" if r.travel_mean is None else tr("{n} min", n=round(r.travel_mean)),
               lambda r: sort_number(r.travel_mean), RIGHT),
    ]


class ClassModel(RowTableModel):
    """The plan's classes; dropping learners on a row asks to move them into that class."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(class_columns(), parent)

    def background(self, row: ClassRow) -> QColor | None:
        if row.problem_notes:
            return QColor(WARN_BG)
        if row.locked:
            return QColor(LOCK_BG)
        return None

    def accepts_drops(self) -> bool:
        return True

    def drop_target(self, row: int) -> tuple[bool, str | None]:
        if 0 <= row < len(self._rows):
            return True, self._rows[row].id
        return False, None

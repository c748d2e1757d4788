"""The sheet *Gestart*: learners who started before the plan date, kept for the coordinator.

The next planning week (:mod:`app.planner.next_week`) takes the learners who have started out of
the learners to plan; this sheet keeps their record in the workbook of the next period: id, name
(when kept), class, start date, whether the class was already running, route, leerbaarheid and
home. It is not read back (the importer does not know the sheet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.class_lists import learner_name
from app.workbook.xlsx_util import DATE_FORMAT, autosize, print_setup, write_table
from optimizer.domain import Learner

STARTED_SHEET = "Gestart"

_HEADERS = {
    "nl": ("Id", "Naam", "Klas", "Startdatum", "Lopende klas", "Route", "Leerbaarheid", "Woonplaats"),
    "en": ("Id", "Name", "Class", "Start date", "Running class", "Route", "Leerbaarheid", "Home"),
}
_YES = {"nl": ("ja", "nee"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Started:
    """A learner who started before the plan date, and where (``running``: in a class that was
    already running)."""

    learner: Learner
    class_id: str
    start_date: date
    running: bool


def started_sheet(ws: Worksheet, started: Sequence[Started], extras: Mapping[str, Mapping[str, Any]] | None,
                  name_col: str | None, lang: str = "nl") -> None:
    """Fill the sheet *Gestart* ``ws`` (created by the caller) with ``started``."""
    yes, no = _YES.get(lang, _YES["nl"])
    rows = [(s.learner.id, learner_name(extras, name_col, s.learner.id), s.class_id, s.start_date,
             yes if s.running else no, s.learner.route, s.learner.level, s.learner.home) for s in started]
    write_table(ws, _HEADERS.get(lang, _HEADERS["nl"]), rows,
                formats=(None, None, None, DATE_FORMAT, None, None, None, None))
    autosize(ws)
    print_setup(ws)

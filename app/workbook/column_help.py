"""What each column of the canonical sheets means, in Dutch (:attr:`ColumnSpec.help
<app.workbook.spec.ColumnSpec.help>`) and English (:data:`HELP_EN`): the comment on a header
of a workbook Klasvormer writes, in the language it is written in."""

from __future__ import annotations

from app.workbook.schema import CLASSES, ColumnSpec, SheetSpec
from optimizer.messages import Catalogue

HELP_EN: dict[str, dict[str, str]] = {
    "classes": {
        "id": "Code of the class.",
        "route": "Route.",
        "location": "Location.",
        "schedule": "Schedule.",
        "dayparts": "Dayparts of the schedule.",
        "start_date": "First week of lessons.",
        "start_week": "Week of the plan period (0 = the first).",
        "level": "Class level (learnability).",
        "level_range": "Lowest-highest learnability.",
        "size": "Number of (new) learners.",
        "travel_mean": "Mean travel time (min).",
        "language": "Instruction language.",
        "group": "Literacy/profile.",
        "running": "ja = a running class that takes newcomers.",
        "locked": "ja = the class is locked.",
    },
}
"""Sheet key -> column key -> what the column means, in English."""


HELP = Catalogue({f"{spec.key}.{c.key}": (c.help, HELP_EN[spec.key][c.key])
                  for spec in (CLASSES,) for c in spec.columns})
"""``"<sheet key>.<column key>"`` -> what the column means, Dutch and English."""


def column_help(spec: SheetSpec, column: ColumnSpec, lang: str = "nl") -> str:
    """What ``column`` of ``spec`` means, in ``lang`` (Dutch unless ``"en"``)."""
    if lang != "en":
        return column.help
    return HELP.text(f"{spec.key}.{column.key}", lang)

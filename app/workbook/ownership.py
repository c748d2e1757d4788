"""Which workbooks Klasvormer wrote itself: what an output may replace without ``--force``.

- a plan workbook (:func:`app.workbook.export.write_plan_workbook`) has the hidden sheet
  ``_Klasvormer``;
- an error workbook (:func:`app.workbook.errors_workbook.write_error_workbook`) has as its first
  sheet *Problemen* with the list's header row (it is a copy of the input, so a marked copy of a
  plan workbook has ``_Klasvormer`` too: the error workbook it is).

Anything else (a learner list, a template, a damaged file, a file that cannot be read) is no
output of Klasvormer's.
"""

from __future__ import annotations

from pathlib import Path

from app.workbook.errors_workbook import PROBLEMS_SHEET, problems_headers
from app.workbook.export import MARKER_SHEET
from app.workbook.reader import FileProblem, Workbook, sniff
from app.workbook.schema import fold

PLAN = "plan"
ERRORS = "errors"


def written_kind(path: str | Path) -> str | None:
    """:data:`PLAN` or :data:`ERRORS` when ``path`` is a workbook of that kind that Klasvormer
    wrote, else None (also for a file that cannot be read)."""
    p = Path(path)
    try:
        if not p.is_file() or sniff(p) != "xlsx":
            return None
        book = Workbook(p)
    except (FileProblem, OSError):
        return None
    try:
        titles = book.titles
        if titles and fold(titles[0]).startswith(fold(PROBLEMS_SHEET)) and _problems_header(book, titles[0]):
            return ERRORS
        if any(fold(t) == fold(MARKER_SHEET) for t in titles):
            return PLAN
        return None
    except Exception:  # a damaged sheet: not one of ours
        return None
    finally:
        book.close()


def _problems_header(book: Workbook, title: str) -> bool:
    rows = book.read(title).rows
    if not rows or rows[0].row != 1:
        return False
    heads = {problems_headers(lang) for lang in ("nl", "en")}
    found = tuple(str(v).strip() if v is not None else "" for v in rows[0].values[:len(next(iter(heads)))])
    return found in heads

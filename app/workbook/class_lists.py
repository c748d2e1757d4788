"""One sheet per class for its teacher ('Klas <id>'): when and where it meets, in words (Dutch or
English), and its members; the class choices a planner may type on the Deelnemers sheet."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.words import WORDS
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    autosize,
    bold,
    print_setup,
    set_value,
    title,
    write_table,
)
from optimizer.dayparts import WORKDAYS, days_by_part
from optimizer.domain import Problem
from optimizer.plan import Assignment, Plan, PlannedClass

WAITLIST_TEXT = "wachtlijst"


RELEASE_TEXT = "vrij"


def level_range(problem: Problem, c: PlannedClass) -> str | None:
    levels = [problem.learner_by_id[m].level for m in c.members if m in problem.learner_by_id]
    return f"{min(levels)}-{max(levels)}" if levels else None


def learner_name(extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None, lid: str) -> Any:
    if not name_col or not extras:
        return None
    return extras.get(lid, {}).get(name_col)


# ---- class lists -------------------------------------------------------------------------------
def schedule_words(dayparts: frozenset[str] | set[str], lang: str = "nl") -> str:
    """A schedule in words: ``"maandag, woensdag en vrijdag 's ochtends"``, in English
    ``"Monday, Wednesday and Friday in the morning"``."""
    chunks = []
    for part, days in days_by_part(dayparts):
        if tuple(days) == WORKDAYS:
            text = WORDS.text("all_workdays", lang)
        else:
            names = [WORDS.text(f"day_{d}", lang) for d in days]
            text = names[0] if len(names) == 1 else WORDS.text("and", lang, first=", ".join(names[:-1]),
                                                                 last=names[-1])
        chunks.append(f"{text} {WORDS.text(f'part_{part}', lang)}")
    return "; ".join(chunks)


def class_end_date(problem: Problem, c: PlannedClass) -> date | None:
    """The last day of a class: a running class's end date, else start + the route's duration."""
    if c.running:
        rc = problem.running_by_id.get(c.id)
        return rc.end_date if rc else None
    route = problem.route_by_name.get(c.route)
    return c.start_date + timedelta(weeks=route.duration_weeks, days=-1) if route else None


def class_list_sheet(ws: Worksheet, problem: Problem, plan: Plan, c: PlannedClass,
                     extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None,
                     lang: str = "nl") -> None:
    """A class list a teacher can use: the class in words (in ``lang``), then its members; one
    printed page. The members' table starts with the header 'Id' in both languages: a re-import
    reads the ids under it (:func:`app.workbook.plan_edits.read_class_sheet`)."""

    def w(key: str, **params: Any) -> str:
        return WORDS.text(key, lang, **params)

    sched = problem.schedule_by_name.get(c.schedule)
    days = (w("class_days_value", days=schedule_words(sched.dayparts, lang), schedule=c.schedule) if sched
            else c.schedule)
    info: list[tuple[str, Any, str | None]] = [
        (w("class_route"), c.route, None), (w("class_location"), c.location, None),
        (w("class_days"), days, None),
        (w("class_join_from") if c.running else w("class_start"), c.start_date, DATE_FORMAT),
        (w("class_end") if c.running else w("class_end_expected"), class_end_date(problem, c), DATE_FORMAT),
        (w("class_level"), c.level, None),
        (w("class_levels"), level_range(problem, c), None),
        (w("class_new_learners") if c.running else w("class_learners"), c.size, None),
    ]
    if c.language:
        info.append((w("class_language"), c.language, None))
    if c.group:
        info.append((w("class_group"), c.group, None))
    headers = ["Id", *([name_col] if name_col else []), w("col_level"), w("col_start_date")]
    rows = []
    for m in c.members:
        lr = problem.learner_by_id.get(m)
        a: Assignment | None = plan.assignments.get(m)
        rows.append([m, *([learner_name(extras, name_col, m)] if name_col else []), lr.level if lr else None,
                     a.start_date if a else c.start_date])
    formats = [None, *([None] if name_col else []), None, DATE_FORMAT]
    first = len(info) + 3
    last = write_table(ws, headers, rows, start_row=first, formats=formats, freeze=False, autofilter=False)
    autosize(ws)  # from the members table: the class details may run on over the empty cells
    title(ws, 1, w("class_title_running" if c.running else "class_title", id=c.id))
    for row, (label, value, fmt) in enumerate(info, start=2):
        bold(ws, row, 1, label)
        cell = set_value(ws.cell(row=row, column=2), value, fmt)
        cell.alignment = Alignment(horizontal="left")
    # wide enough for the longest label in bold ('Learnability of the learners' ran into its value)
    label_width = max(len(label) for label, _, _ in info) * 1.15 + 2
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 24, label_width)
    # the print area reaches as far right as the longest detail runs on, so nothing is cut off
    longest = max(len(str(v)) for _, v, _ in info if v is not None) + 2
    width = sum(ws.column_dimensions[get_column_letter(col)].width or 8 for col in range(2, len(headers) + 1))
    last_col = len(headers) + max(0, math.ceil((longest - width) / 9))
    print_setup(ws, one_page=True, area=f"A1:{get_column_letter(last_col)}{max(last, first)}")


# ---- the Klas column ----------------------------------------------------------------------------
# Its drop-down's prompt (WORDS "class_edit_hint": Excel allows 255 characters), its error and the
# note on its header (WORDS "class_edit_help") are in app.workbook.words.
def class_choices(problem: Problem, plan: Plan) -> list[str]:
    """What the Klas column may hold: the plan's classes, every running class, 'wachtlijst', 'vrij'."""
    out = [c.id for c in plan.classes]
    out += [rc.id for rc in problem.running if rc.id not in out]
    return [*out, WAITLIST_TEXT, RELEASE_TEXT]

"""One sheet per class for its teacher ('Klas <id>'): when and where it meets, in words, and its
members; the class choices a planner may type on the Deelnemers sheet."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
DAY_WORDS = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag",
             "za": "zaterdag", "zo": "zondag"}


PART_WORDS = {"ochtend": "'s ochtends", "middag": "'s middags", "avond": "'s avonds"}


def schedule_words(dayparts: frozenset[str] | set[str]) -> str:
    """A schedule in words: ``"maandag, woensdag en vrijdag 's ochtends"``."""
    chunks = []
    for part, days in days_by_part(dayparts):
        if tuple(days) == WORKDAYS:
            text = "maandag t/m vrijdag"
        else:
            names = [DAY_WORDS[d] for d in days]
            text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        chunks.append(f"{text} {PART_WORDS[part]}")
    return "; ".join(chunks)


def class_end_date(problem: Problem, c: PlannedClass) -> date | None:
    """The last day of a class: a running class's end date, else start + the route's duration."""
    if c.running:
        rc = problem.running_by_id.get(c.id)
        return rc.end_date if rc else None
    route = problem.route_by_name.get(c.route)
    return c.start_date + timedelta(weeks=route.duration_weeks, days=-1) if route else None


def class_list_sheet(ws: Worksheet, problem: Problem, plan: Plan, c: PlannedClass,
                extras: Mapping[str, Mapping[str, Any]] | None, name_col: str | None) -> None:
    """A class list a teacher can use: the class in words, then its members; one printed page."""
    sched = problem.schedule_by_name.get(c.schedule)
    info: list[tuple[str, Any, str | None]] = [
        ("Route", c.route, None), ("Locatie", c.location, None),
        ("Lesdagen", f"{schedule_words(sched.dayparts)} (lesrooster {c.schedule})" if sched else c.schedule, None),
        ("Instroom vanaf" if c.running else "Startdatum", c.start_date, DATE_FORMAT),
        ("Einddatum" if c.running else "Einddatum (verwacht)", class_end_date(problem, c), DATE_FORMAT),
        ("Niveau (leerbaarheid)", c.level, None),
        ("Leerbaarheid deelnemers", level_range(problem, c), None),
        ("Nieuwe deelnemers" if c.running else "Aantal deelnemers", c.size, None),
    ]
    if c.language:
        info.append(("Instructietaal", c.language, None))
    if c.group:
        info.append(("Groep", c.group, None))
    headers = ["Id", *([name_col] if name_col else []), "Leerbaarheid", "Startdatum"]
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
    title(ws, 1, f"Klas {c.id}" + (" (lopende klas: nieuwe deelnemers)" if c.running else ""))
    for row, (label, value, fmt) in enumerate(info, start=2):
        bold(ws, row, 1, label)
        cell = set_value(ws.cell(row=row, column=2), value, fmt)
        cell.alignment = Alignment(horizontal="left")
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 24)
    # the print area reaches as far right as the longest detail runs on, so nothing is cut off
    longest = max(len(str(v)) for _, v, _ in info if v is not None) + 2
    width = sum(ws.column_dimensions[get_column_letter(col)].width or 8 for col in range(2, len(headers) + 1))
    last_col = len(headers) + max(0, math.ceil((longest - width) / 9))
    print_setup(ws, one_page=True, area=f"A1:{get_column_letter(last_col)}{max(last, first)}")


# ---- hidden marker -----------------------------------------------------------------------------
CLASS_EDIT_HINT = ("Andere klas-id, 'wachtlijst' of 'vrij'. Opslaan en in Klasvormer inlezen met "
                   "Bestand > Aangepast plan inlezen.")
"""The drop-down's prompt on the Klas column (Excel allows 255 characters)."""


CLASS_EDIT_HELP = ("Plan aanpassen: zet hier een andere klas (een klas van het blad Klassen of Lopende klassen), "
                   "'wachtlijst' (laten wachten) of 'vrij' (Klasvormer kiest opnieuw). Sla de werkmap op en lees "
                   "hem in Klasvormer in met Bestand > Aangepast plan inlezen. Een gewijzigde klas wordt "
                   "vastgezet; de rest wordt opnieuw gepland.")


def class_choices(problem: Problem, plan: Plan) -> list[str]:
    """What the Klas column may hold: the plan's classes, every running class, 'wachtlijst', 'vrij'."""
    out = [c.id for c in plan.classes]
    out += [rc.id for rc in problem.running if rc.id not in out]
    return [*out, WAITLIST_TEXT, RELEASE_TEXT]

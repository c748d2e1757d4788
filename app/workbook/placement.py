"""Place the messages of :meth:`Problem.validate` on the sheet, row and column they concern.

Rules: a message about a name or id whose row already has an error (or was dropped) is not
repeated; a message without a row is given once.
"""

from __future__ import annotations

from typing import Any

from app.workbook.context import ParseContext
from app.workbook.issues import ERROR, Issue
from optimizer.domain import Problem
from optimizer.messages import Message

_LEARNER_COLUMN = {
    "unknown_route": "route", "level_range": "level", "no_dayparts": "dayparts",
    "priority_range": "priority", "no_home": "district", "unknown_learner_ref": "not_with",
    "unknown_pin": "pin", "duplicate_id": "id", "bad_daypart": "dayparts",
    "unknown_home": "district", "unknown_location_ref": "excluded_locations",
    "pin_not_with": "pin", "pin_household": "pin",
}
_PAIR_KEYS = ("pin_not_with", "pin_household")
"""Messages about two learners (``id`` and ``ref``): one issue, on the first one's row, that
names the second one's row too (:attr:`Issue.also_rows`), so the pair counts as one error."""
_WHERE_SHEET = {"Deelnemer": "learners", "Locatie": "locations", "Lesrooster": "schedules",
                "Route": "routes", "Klas": "classes", "Lopende klas": "running"}
_WHAT_SHEET = {"Locatie": "locations", "Lesrooster": "schedules", "Route": "routes",
               "Lopende klas": "running", "Klas": "classes"}


def add_validation_issues(ctx: ParseContext, problem: Problem) -> None:
    """Place :meth:`Problem.validate` messages on rows; skip ones already reported."""
    sink = ctx.sink
    error_rows = {(i.sheet, i.row) for i in sink.issues if i.is_error and i.row}
    texts = {i.message for i in sink.issues}
    for m in problem.validate():
        if any(isinstance(v, str) and v in ctx.dropped for v in m.params.values()):
            continue
        place = place_of(ctx, m)
        if (place.get("sheet"), place.get("row")) in error_rows and place.get("row"):
            continue
        if m.key in _PAIR_KEYS:
            place.update(_second_row(ctx, place, m.params["ref"]))
        issue = Issue.from_message(ERROR, m, **place)
        if issue.message in texts and not place.get("row"):
            continue
        texts.add(issue.message)
        sink.add(issue)


def _second_row(ctx: ParseContext, place: dict[str, Any], ref: str) -> dict[str, Any]:
    """The place of a pair's message completed with the second learner (``ref``): their row as
    :attr:`Issue.also_rows` when on the same sheet, else their place when the first has none."""
    other = _at(ctx, "learners", ref, "pin")
    if not other.get("row"):
        return {}
    if not place.get("row"):
        return other
    if (other["sheet"], other.get("file")) == (place.get("sheet"), place.get("file")):
        return {"also_rows": (other["row"],)}
    return {}


def place_of(ctx: ParseContext, m: Message) -> dict[str, Any]:
    """Sheet, row and column a validation message is about (as far as known)."""
    p = m.params
    where = str(p.get("where", ""))
    if m.key == "travel_matrix_missing":
        return _at(ctx, "travel", p["id"]) or _at(ctx, "learners", p["id"], "district")
    if "id" in p and ("learners", p["id"]) in ctx.rows:
        return _at(ctx, "learners", p["id"], _LEARNER_COLUMN.get(m.key))
    if m.key == "running_bad":
        return _at(ctx, "running", p["id"])
    if m.key == "size_range":
        return _at(ctx, "routes", p["route"], "min_size")
    if m.key == "start_week_range":
        return _at(ctx, "settings", "start_weeks")
    if m.key == "duplicate_name":
        return _at(ctx, _WHAT_SHEET.get(p["what"], ""), p["name"])
    if m.key == "no_dayparts" and str(p.get("id", "")).startswith("lesrooster "):
        return _at(ctx, "schedules", str(p["id"])[len("lesrooster "):], "dayparts")
    if where in ("Docenten", "Instellingen"):
        key = "teachers" if where == "Docenten" else "settings"
        title = ctx.info.sheets.get(key)
        return {"sheet": title} if title else {}
    for prefix, sheet_key in sorted(_WHERE_SHEET.items(), key=lambda kv: -len(kv[0])):
        if where.startswith(prefix + " "):
            name = where[len(prefix) + 1:]
            col = _LEARNER_COLUMN.get(m.key) if sheet_key == "learners" else None
            return _at(ctx, sheet_key, name, col)
    return {}


def _at(ctx: ParseContext, sheet_key: str, name: str, col_key: str | None = None) -> dict[str, Any]:
    loc = ctx.rows.get((sheet_key, name))
    if loc is None:
        title = ctx.info.sheets.get(sheet_key)
        return {"sheet": title} if title else {}
    title, row, file = loc
    out: dict[str, Any] = {"sheet": title, "row": row, "file": file}
    if sheet_key == "settings":
        out.update(column="Waarde", column_letter="B")
    table = ctx.tables.get(sheet_key)
    if col_key and table is not None:
        col = table.col(col_key)
        if col is None and col_key == "district":
            col = table.col("postcode")
        if col is not None:
            out.update(column=col.header, column_letter=col.letter)
    return out

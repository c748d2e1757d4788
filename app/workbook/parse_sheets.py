"""Per-sheet parsers for the sheets that define what learners refer to: Lesroosters, Locaties,
Routes, Docenten, Lopende klassen, Reistijden, and the Klassen sheet of a plan workbook.

Each parser is a plain function of the import's :class:`ParseContext`: it reads its sheet's rows,
registers the names the sheet defines (and the row each stands on), reports every problem at
its cell and returns the domain objects of the rows that can be used. A row with an error is
left out and its name marked dropped, so that nothing built on it is reported twice. A running
class whose Einddatum lies before the plan date has ended: a warning at that cell, and it is left
out (a learner pinned to it is an error at the pin).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.workbook.context import ParseContext, read_home
from app.workbook.issues import ERROR, Issue, short
from app.workbook.schema import EXAMPLE_PREFIX, SEPARATE_VALUES, fold
from app.workbook.tables import Col, RowReader
from app.workbook.values import (
    SEPARATE_CHOICES,
    ValueProblem,
    as_choice,
    as_int,
    as_literacy,
    as_yesno,
    canonical_profile,
    fmt_date,
    is_blank,
    parse_weeks,
)
from optimizer.dayparts import PARTS, WORKDAYS
from optimizer.domain import (
    MAX_COUNT,
    MAX_DURATION_WEEKS,
    MAX_MINUTES,
    MAX_SPREAD,
    ClassSpec,
    Location,
    RouteSettings,
    RunningClass,
    Schedule,
)
from optimizer.messages import msg

ALL_WORKDAY_PARTS = frozenset(f"{d}-{p}" for d in WORKDAYS for p in PARTS)


def parse_schedules(ctx: ParseContext) -> list[Schedule]:
    out = []
    for r in ctx.readers("schedules"):
        name = r.text("name", required=True)
        dayparts = r.dayparts("dayparts", required=True)
        if name is None or not ctx.claim(r, "schedules", "name", ctx.schedules, "Lesrooster", name):
            continue
        if dayparts is None:
            ctx.dropped.add(name)
            continue
        out.append(Schedule(name, dayparts))
    return out


def parse_locations(ctx: ParseContext) -> list[Location]:
    """Locations; a location on several rows (rooms per daypart) is merged into one."""
    matrix_cols = _matrix_location_headers(ctx)
    merged: dict[str, dict[str, Any]] = {}
    for r in ctx.readers("locations"):
        name = r.text("name", required=True)
        rooms = r.integer("rooms", 0, MAX_COUNT, required=True)
        open_dp = r.dayparts("open")
        if open_dp is None and r.ok("open"):
            open_dp = ALL_WORKDAY_PARTS
            r.warn("open", "location_default_open")
        if name is None:
            continue
        canonical = ctx.locations.get(name)
        home, home_ok = read_home(r, has_matrix=fold(name) in matrix_cols, location=name)
        if canonical is None:
            ctx.locations.add(name)
            ctx.register("locations", name, r)
            merged[name] = {"home": home, "rooms": {}, "row": r.row, "home_set": home is not None}
            canonical = name
        entry = merged[canonical]
        if not home_ok or rooms is None or open_dp is None:
            ctx.dropped.add(canonical)
            continue
        if home is not None:
            if entry["home_set"] and entry["home"] != home:
                r.error("district" if r.has("district") else "postcode", "location_conflict",
                        name=canonical, first=entry["row"], first_home=entry["home"])
                continue
            entry["home"], entry["home_set"] = home, True
        for dp in sorted(open_dp):
            if dp in entry["rooms"] and entry.get("first_dp", {}).get(dp) != r.row:
                r.error("open", "location_daypart_twice", name=canonical, daypart=dp,
                        first=entry["first_dp"][dp])
                break
        else:
            entry["rooms"].update({dp: rooms for dp in open_dp})
            entry.setdefault("first_dp", {}).update({dp: r.row for dp in open_dp})
    return [Location(name, e["home"], dict(e["rooms"])) for name, e in merged.items()
            if name not in ctx.dropped]


def _matrix_location_headers(ctx: ParseContext) -> set[str]:
    table = ctx.tables.get("travel")
    if table is None:
        return set()
    return {fold(c.header) for c in table.columns if c.spec is None and c.header}


def parse_routes(ctx: ParseContext, plan_date: date) -> list[RouteSettings]:
    out = []
    for r in ctx.readers("routes"):
        name = r.text("route", required=True)
        if name is None or not ctx.claim(r, "routes", "route", ctx.routes, "Route", name):
            continue
        min_size = r.integer("min_size", 1, MAX_COUNT, default=8)
        max_size = r.integer("max_size", 1, MAX_COUNT, default=15)
        max_spread = r.integer("max_spread", 0, MAX_SPREAD, default=20)
        duration = r.integer("duration_weeks", 1, MAX_DURATION_WEEKS, default=26)
        schedules = ctx.refs(r, "schedules", ctx.schedules, "Lesrooster", "Schedule")
        languages = [ctx.language(x) for x in r.items("languages")]
        separate = r.convert("separate", lambda v: as_choice(v, SEPARATE_CHOICES, SEPARATE_VALUES), default="")
        start_weeks = _weeks(r, "start_weeks", plan_date)
        max_travel = r.integer("max_travel", 0, MAX_MINUTES)
        if min_size is not None and max_size is not None and min_size > max_size:
            r.failed.add("min_size")
            ctx.sink.add(Issue.from_message(ERROR, msg("size_range", route=name, min=min_size, max=max_size),
                                            **r.place("min_size")))
        if not r.ok("min_size", "max_size", "max_spread", "duration_weeks"):
            ctx.dropped.add(name)
            continue
        out.append(RouteSettings(
            route=name, min_size=min_size or 8, max_size=max_size or 15,
            max_spread=max_spread if max_spread is not None else 20,
            duration_weeks=duration or 26, schedules=tuple(schedules), languages=tuple(languages),
            separate=separate or "", start_weeks=start_weeks, max_travel=max_travel,
        ))
    return out


def _weeks(r: RowReader, key: str, plan_date: date) -> tuple[int, ...] | None:
    """Start weeks of a cell (None when empty), with notes for dates off a week start."""
    def conv(value: Any) -> tuple[int, ...]:
        weeks, notes = parse_weeks(value, plan_date)
        for note in notes:
            r.note(key, note)
        return weeks
    return r.convert(key, conv)


def parse_teachers(ctx: ParseContext) -> dict[str, int]:
    """Daypart -> number of teachers; a daypart on two rows is an error at the second."""
    teachers: dict[str, int] = {}
    first: dict[str, int] = {}
    for r in ctx.readers("teachers"):
        dayparts = r.dayparts("daypart", required=True)
        count = r.integer("count", 0, MAX_COUNT, required=True)
        if dayparts is None or count is None:
            continue
        twice = sorted(dp for dp in dayparts if dp in first)
        if twice:
            r.error("daypart", "teacher_daypart_twice", daypart=twice[0], first=first[twice[0]])
            continue
        for dp in dayparts:
            teachers[dp] = count
            first[dp] = r.row
    return teachers


def parse_running(ctx: ParseContext, routes: list[RouteSettings]) -> list[RunningClass]:
    by_route = {x.route: x for x in routes}
    out = []
    for r in ctx.readers("running"):
        cid = r.text("id", required=True)
        if cid is None or not ctx.claim(r, "running", "id", ctx.running_ids, "Lopende klas", cid):
            continue
        route = ctx.ref_one(r, "route", ctx.routes, "Route", "Route", required=True)
        location = ctx.ref_one(r, "location", ctx.locations, "Locatie", "Location", required=True)
        schedule = ctx.ref_one(r, "schedule", ctx.schedules, "Lesrooster", "Schedule", required=True)
        lo = r.integer("level_min", 0, 100, required=True)
        hi = r.integer("level_max", 0, 100, required=True)
        seats = r.integer("free_seats", 0, MAX_COUNT, required=True)
        end = r.date("end_date", required=True)
        join_until = r.date("join_until")
        language = r.text("language")
        group = _group(r, by_route.get(route or ""))
        if lo is not None and hi is not None and lo > hi:
            r.error("level_min", "range_reversed", lo=lo, hi=hi)
        if not r.ok("route", "location", "schedule", "level_min", "level_max", "free_seats", "end_date"):
            ctx.dropped.add(cid)
            continue
        if {route, location, schedule} & ctx.dropped:
            ctx.dropped.add(cid)  # the bad route/location/schedule row is reported on its own sheet
            continue
        assert route and location and schedule and lo is not None and hi is not None
        assert seats is not None and end is not None
        if ctx.plan_date is not None and end < ctx.plan_date:  # no week of it is left to plan
            r.warn("end_date", "running_ended", id=cid, date=fmt_date(end), plan_date=fmt_date(ctx.plan_date))
            ctx.ended[cid] = end
            continue
        out.append(RunningClass(cid, route, location, schedule, lo, hi, seats, end,
                                ctx.language(language) if language else None, group, join_until))
    return out


def _group(r: RowReader, route: RouteSettings | None) -> str | None:
    text = r.text("group")
    if text is None:
        return None
    if route is not None and route.separate == "alfabetisering":
        return r.convert("group", as_literacy)
    return canonical_profile(text) or text


def parse_known_classes(ctx: ParseContext, plan_date: date,
                        rows: dict[str, RowReader] | None = None) -> list[tuple[ClassSpec, date]]:
    """The classes on a plan workbook's Klassen sheet as entered, with their start dates
    (running classes skipped); ``rows`` gets each class's row reader. The start week counts
    from the plan date (whether a class may start then is checked after the edits:
    :func:`app.workbook.plan_edits.check_known_classes`)."""
    out = []
    for r in ctx.readers("classes"):
        cid = r.text("id", required=True)
        running = r.convert("running", as_yesno, default=False)
        if cid is None or running:
            continue
        if not ctx.class_labels.add(cid) or ctx.running_ids.get(cid):
            ctx.duplicate(r, "id", "Klas", cid)
            continue
        ctx.register("classes", cid, r)
        route = ctx.ref_one(r, "route", ctx.routes, "Route", "Route", required=True)
        location = ctx.ref_one(r, "location", ctx.locations, "Locatie", "Location", required=True)
        schedule = ctx.ref_one(r, "schedule", ctx.schedules, "Lesrooster", "Schedule", required=True)
        start = r.date("start_date", required=True)
        level = r.integer("level", 0, 100, required=True)
        language = r.text("language")
        group = r.text("group")
        locked = bool(r.convert("locked", as_yesno, default=False))
        if None in (route, location, schedule, start, level):
            ctx.dropped.add(cid)
            continue
        assert start is not None and level is not None
        week = (start - plan_date).days // 7
        week_date = plan_date + timedelta(days=7 * week)
        if week_date != start:
            r.warn("start_date", "plan_class_start_in_week", id=cid, date=fmt_date(start),
                   week_date=fmt_date(week_date))
        if rows is not None:
            rows[cid] = r
        out.append((ClassSpec(cid, str(route), str(location), str(schedule), week, level,
                              ctx.language(language) if language else None, group, locked), start))
    return out


def parse_travel(ctx: ParseContext, ids: set[str]) -> dict[str, dict[str, int]]:
    """Learner id -> location -> minutes from the Reistijden matrix (learners of ``ids`` only)."""
    table = ctx.tables.get("travel")
    out: dict[str, dict[str, int]] = {}
    if table is None or table.header_row is None:
        return out
    loc_cols: list[tuple[Col, str]] = []
    for c in table.columns:
        if c.spec is not None or not c.header or c.header.upper().startswith(EXAMPLE_PREFIX):
            continue
        name = ctx.locations.get(c.header)
        if name is None:
            ctx.sink.warn("matrix_unknown_location", sheet=table.title, row=table.header_row,
                          column=c.header, column_letter=c.letter, file=table.file)
        else:
            loc_cols.append((c, name))
    for r in ctx.readers("travel"):
        lid = r.text("id", required=True)
        if lid is None:
            continue
        if lid not in ids:
            r.warn("id", "matrix_unknown_learner", id=lid)
            continue
        if lid in out:
            r.warn("id", "matrix_duplicate", id=lid)
            continue
        minutes: dict[str, int] = {}
        for c, name in loc_cols:
            value = r.raw.values[c.index] if c.index < len(r.raw.values) else None
            if is_blank(value):
                continue
            try:
                minutes[name] = as_int(value, 0, MAX_MINUTES, "25")
            except ValueProblem as exc:
                place = {"sheet": table.title, "row": r.row, "column": c.header,
                         "column_letter": c.letter, "value": short(value), "file": table.file}
                ctx.sink.error(exc.code, **{**place, **exc.params})
        out[lid] = minutes
        ctx.register("travel", lid, r)
    return out

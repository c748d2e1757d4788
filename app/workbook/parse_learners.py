"""The Deelnemers sheet: one :class:`Learner` per row, with the columns kept as they were.

Rules:
- ``extras[id]`` holds every column of the learner's row (known, unknown, names, notes) with its
  original header, in the original order; plan-result columns (Klas, Startdatum, ...) excluded.
- Route, location, class and language names match the defining sheets forgivingly (see
  :mod:`app.workbook.context`); a learners CSV without settings gives each route default rules.
- A learner is checked in two passes: first every row's own cells, then what needs all rows
  (Niet met, households, travel times from the Reistijden sheet, pins).
- A Wacht sinds or Beschikbaar vanaf more than :data:`PLAUSIBLE_YEARS` from the plan date is a
  warning (a typing error?).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.workbook.context import Names, ParseContext, read_home
from app.workbook.issues import short
from app.workbook.parse_sheets import parse_travel
from app.workbook.schema import STATUS_VALUES, WAITLIST_WORDS, fold
from app.workbook.tables import RowReader, Table
from app.workbook.values import (
    EXCEL_MAX_TEXT,
    STATUS_CHOICES,
    as_choice,
    as_level,
    as_literacy,
    canonical_profile,
    fmt_date,
    fold_key,
)
from optimizer.dayparts import format_dayparts
from optimizer.domain import MAX_MINUTES, WAITLIST, Learner, RouteSettings, Schedule

PLAUSIBLE_YEARS = 10
"""A Wacht sinds or Beschikbaar vanaf further than this from the plan date gets a warning."""
_WAITLIST_KEYS = frozenset(fold(w) for w in WAITLIST_WORDS)


@dataclass
class LearnerRows:
    """What the Deelnemers sheet gave: the learners that can be planned, and (for a plan
    workbook) each learner's Klas cell as read, with the row reader to report on it."""

    learners: list[Learner]
    class_cells: dict[str, tuple[str | None, RowReader]] = field(default_factory=dict)


@dataclass
class _Pending:
    reader: RowReader
    fields: dict[str, Any]


def parse_learners(ctx: ParseContext, routes: list[RouteSettings], schedules: Sequence[Schedule] = (), *,
                   class_column: bool = False) -> LearnerRows:
    """The learners; ``class_column``: also read the Klas column (an edited plan's learners)."""
    table = ctx.tables.get("learners")
    out = LearnerRows([])
    if table is None or table.header_row is None:
        return out
    _describe_columns(ctx, table)
    if not class_column and not ctx.info.plan_workbook:
        _plan_columns_in_a_list(ctx, table)
    if not (table.col("district") is not None or table.col("postcode") is not None) and "travel" not in ctx.tables:
        ctx.sink.error("column_home_missing", sheet=table.title, row=table.header_row, file=table.file)
    read_class = class_column and table.col("class") is not None
    seen: dict[str, int] = {}
    cased: dict[str, str] = {}
    pending: list[_Pending] = []
    for r in ctx.readers("learners"):
        lid = r.text("id", required=True)
        if lid is None:
            continue
        if lid in seen:
            r.error("id", "duplicate_id_row", id=lid, first=seen[lid], what="deelnemer", what_en="learner")
            continue
        other = cased.setdefault(lid.casefold(), lid)
        if other != lid:  # 'K002' and 'k002': two learners for the planner, likely one person twice
            r.warn("id", "duplicate_id_case", id=lid, other=other, first=seen[other])
        seen[lid] = r.row
        ctx.register("learners", lid, r)
        ctx.info.learner_rows[lid] = r.row
        extras = ctx.extras[lid] = _row_extras(table, r)
        pending.append(_Pending(r, _learner_fields(ctx, r, lid)))
        if read_class:
            out.class_cells[lid] = (r.text("class"), r)
        long = [name for name, value in extras.items() if type(value) is str and len(value) > EXCEL_MAX_TEXT]
        if long:
            _long_texts(ctx, table, r, long)
    travel = parse_travel(ctx, set(seen))
    labels = Names()
    for label in (*ctx.running_ids, *ctx.class_labels):
        labels.add(label)
    ids = set(seen)
    households = {p.fields["id"]: p.fields["together"] for p in pending}
    for p in pending:
        learner = _learner(ctx, p, travel, ids, labels, households)
        if learner is None:
            ctx.dropped.add(p.fields["id"])
        else:
            out.learners.append(learner)
    _check_households(ctx, table, out.learners, routes, schedules)
    return out


def _describe_columns(ctx: ParseContext, table: Table) -> None:
    cols = [c for c in table.columns if not (c.spec and c.spec.output)]
    ctx.info.learner_columns = [c.name for c in cols]
    ctx.info.learner_cells = {c.spec.key: (c.header, c.letter) for c in reversed(table.columns) if c.spec is not None}
    ctx.info.extra_columns = [c.name for c in cols if c.spec is None]
    name_col = table.col("name")
    ctx.info.name_column = name_col.name if name_col else None


def _plan_columns_in_a_list(ctx: ParseContext, table: Table) -> None:
    """A learner list (not a plan workbook) with a column named as one the plan writes (Klas,
    Startdatum, Wachtweken, ...): its values are not kept, the plan fills that column anew. Said
    at the header, so a list exported with its own 'Klas' does not lose it without a word."""
    for c in table.columns:
        if c.spec is not None and c.spec.output:
            ctx.sink.warn("column_plan_output", sheet=table.title, row=table.header_row, column=c.header,
                          column_letter=c.letter, file=table.file)


def _row_extras(table: Table, r: RowReader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in table.columns:
        if c.spec is not None and c.spec.output:
            continue
        value = r.raw.values[c.index] if c.index < len(r.raw.values) else None
        if isinstance(value, datetime) and value.time() == datetime.min.time():
            value = value.date()
        out[c.name] = value
    return out


def _long_texts(ctx: ParseContext, table: Table, r: RowReader, names: list[str]) -> None:
    """Warn about kept texts longer than an Excel cell holds (the plan workbook cuts them)."""
    for c in table.columns:
        if c.name in names and not (c.spec is not None and c.spec.key in r.failed):
            value = r.raw.values[c.index]
            ctx.sink.warn("text_over_excel_limit", sheet=table.title, row=r.row, column=c.header or c.name,
                          column_letter=c.letter, file=table.file, length=len(value), max=EXCEL_MAX_TEXT)


def _learner_fields(ctx: ParseContext, r: RowReader, lid: str) -> dict[str, Any]:
    """The row's own cells (first pass)."""
    f: dict[str, Any] = {"id": lid}
    route_text = r.text("route", required=True)
    if route_text is not None:
        f["route"] = _learner_route(ctx, r, route_text)
    level = r.convert("level", lambda v: as_level(v, r.number_format("level")), required=True)
    if level is not None:
        r.note("level", level.note)
        f["level"] = level.score
    f["dayparts"] = r.dayparts("dayparts", required=True)
    f["waiting_since"] = r.date("waiting_since", required=True)
    f["available_from"] = r.date("available_from")
    for key in ("waiting_since", "available_from"):
        _plausible_date(ctx, r, key, f[key])
    f["preferred_dayparts"] = r.dayparts("preferred_dayparts") or frozenset()
    if f["dayparts"] and f["preferred_dayparts"] - f["dayparts"]:
        r.warn("preferred_dayparts", "preferred_outside",
               dayparts=format_dayparts(f["preferred_dayparts"] - f["dayparts"]))
    f["max_travel"] = r.integer("max_travel", 0, MAX_MINUTES)
    literacy = r.convert("literacy", as_literacy)
    profile_text = r.text("profile")
    profile = (canonical_profile(profile_text) or profile_text) if profile_text else None
    if level is not None and level.profile is not None:
        if literacy is not None and literacy != level.literacy:
            r.warn("literacy", "literacy_conflict", profile=level.profile, derived=level.literacy)
        literacy = literacy or level.literacy
        profile = profile or level.profile
    f["literacy"], f["profile"] = literacy, profile
    f["languages"] = frozenset(ctx.language(x) for x in r.items("languages"))
    pref = r.text("preferred_language")
    f["preferred_language"] = ctx.language(pref) if pref else None
    f["status"] = r.convert("status", lambda v: as_choice(v, STATUS_CHOICES, STATUS_VALUES))
    f["priority"] = r.integer("priority", 1, 10, default=1)
    f["together"] = r.text("together")
    f["not_with"] = r.items("not_with")
    f["pin_text"] = r.text("pin")
    f["excluded_locations"] = frozenset(
        ctx.refs(r, "excluded_locations", ctx.locations, "Locatie", "Location"))
    return f


def _plausible_date(ctx: ParseContext, r: RowReader, key: str, day: date | None) -> None:
    """Warn about a date more than :data:`PLAUSIBLE_YEARS` from the plan date (a typing error?)."""
    plan = ctx.plan_date
    if day is None or plan is None or abs((day - plan).days) <= PLAUSIBLE_YEARS * 365.25:
        return
    r.warn(key, "date_long_before" if day < plan else "date_long_after", date=fmt_date(day),
           plan_date=fmt_date(plan), years=PLAUSIBLE_YEARS)


def _learner_route(ctx: ParseContext, r: RowReader, text: str) -> str | None:
    canonical = ctx.routes.get(text)
    if canonical is not None:
        return canonical
    if ctx.is_csv and "routes" not in ctx.tables:
        ctx.routes.add(text)
        ctx.default_routes.append(RouteSettings(text))
        ctx.sink.warn("routes_default", route=text)
        return text
    if not ctx.defined(ctx.routes):
        r.failed.add("route")
        return None
    r.error("route", "unknown_route_ref", known=ctx.routes.listing())
    return None


def _learner(ctx: ParseContext, p: _Pending, travel: dict[str, dict[str, int]], ids: set[str],
             labels: Names, households: dict[str, str | None]) -> Learner | None:
    """The learner of a row (second pass), or None when the row cannot be used."""
    r, f = p.reader, p.fields
    lid = f["id"]
    covers = lid in travel and all(name in travel[lid] for name in ctx.locations)
    home, home_ok = read_home(r, covers)
    not_with = []
    for ref in f["not_with"]:
        if ref not in ids:
            r.error("not_with", "unknown_learner_ref_cell", ref=short(ref))
        elif ref == lid:
            r.warn("not_with", "not_with_self", id=short(lid))
        elif f["together"] is not None and households.get(ref) == f["together"]:
            r.error("not_with", "not_with_household", ref=short(ref), group=short(f["together"]),
                    row_ref=ctx.info.learner_rows[ref])
        else:
            not_with.append(ref)
    pin = _pin(ctx, r, f["pin_text"], labels)
    if not home_ok and not covers:
        return None
    required = ("route", "level", "dayparts", "waiting_since")
    if any(f.get(k) is None for k in required) or not r.ok(*required):
        return None
    return Learner(
        id=lid, route=f["route"], level=f["level"], dayparts=f["dayparts"],
        waiting_since=f["waiting_since"], home=home, available_from=f["available_from"],
        preferred_dayparts=f["preferred_dayparts"], max_travel=f["max_travel"],
        literacy=f["literacy"], profile=f["profile"], languages=f["languages"],
        preferred_language=f["preferred_language"], status=f["status"],
        priority=f["priority"] if f["priority"] is not None else 1, together=f["together"],
        not_with=frozenset(not_with), pin=pin, excluded_locations=f["excluded_locations"],
        travel=travel.get(lid),
    )


def _pin(ctx: ParseContext, r: RowReader, text: str | None, labels: Names) -> str | None:
    if text is None:
        return None
    if fold_key(text) in _WAITLIST_KEYS:
        return WAITLIST
    label = labels.get(text)
    if label is None and any(fold_key(c) == fold_key(text) for c in ctx.info.plan_classes):
        # a plan workbook read as input: its classes are formed anew, the plan's own do not exist
        r.warn("pin", "pin_plan_class", value=text)
        return None
    if label is None:
        r.error("pin", "pin_unknown")
    elif label in ctx.ended and ctx.plan_date is not None:  # left out: nobody can join it any more
        r.error("pin", "pin_ended", id=label, date=fmt_date(ctx.ended[label]), plan_date=fmt_date(ctx.plan_date))
        return None
    return label


def _check_households(ctx: ParseContext, table: Table, learners: list[Learner], routes: list[RouteSettings],
                      schedules: Sequence[Schedule] = ()) -> None:
    """Warn (at the first member's Samen cell) about a household that can never share a class:
    larger than its route's classes, on different routes, further apart in leerbaarheid than a
    class may spread, or with no lesrooster within every member's dayparts; and about household
    ids that differ only in capitals or spaces (two households where one was probably meant)."""
    col = table.col("together")
    if col is None:
        return
    by_route = {x.route: x for x in (*routes, *ctx.default_routes)}
    groups: dict[str, list[Learner]] = {}
    for lr in learners:
        if lr.together:
            groups.setdefault(lr.together, []).append(lr)
    spellings: dict[str, str] = {}
    for group, members in groups.items():
        rows = sorted(ctx.info.learner_rows[m.id] for m in members)
        shown = ", ".join(str(row) for row in rows[:10])
        if len(rows) > 10:
            shown += f" ... {rows[-1]}"
        place = {"sheet": table.title, "row": rows[0], "column": col.header, "column_letter": col.letter,
                 "value": short(group), "file": table.file, "group": short(group), "rows": shown}
        other = spellings.setdefault(fold_key(group), group)
        if other != group:
            ctx.sink.warn("household_spelling", **place, other=short(other),
                          other_row=min(ctx.info.learner_rows[m.id] for m in groups[other]))
        warning = household_apart(members, by_route, schedules)
        if warning is not None:
            ctx.sink.warn(warning[0], **place, **warning[1])


def household_apart(members: list[Learner], by_route: dict[str, RouteSettings],
                     schedules: Sequence[Schedule]) -> tuple[str, dict[str, Any]] | None:
    """Why these members can never be in one class together (the first reason), or None."""
    member_routes = sorted({m.route for m in members})
    if len(member_routes) > 1:
        return "household_routes", {"routes": ", ".join(member_routes)}
    route = by_route.get(member_routes[0])
    if route is None:
        return None
    if len(members) > route.max_size:
        return "household_too_big", {"size": len(members), "max": route.max_size, "route": route.route}
    low, high = min(m.level for m in members), max(m.level for m in members)
    if high - low > route.max_spread:
        return "household_spread", {"low": low, "high": high, "spread": route.max_spread, "route": route.route}
    allowed = [s for s in schedules if not route.schedules or s.name in route.schedules]
    common = frozenset.intersection(*(m.dayparts for m in members))
    if allowed and not any(s.dayparts <= common for s in allowed):
        return "household_dayparts", {"route": route.route, "dayparts": format_dayparts(common) or "-"}
    return None

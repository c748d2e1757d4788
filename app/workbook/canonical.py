"""Write a Problem as the canonical input sheets (shared by the template and the plan workbook).

Rules (so that :func:`app.workbook.importer.load_problem` reads back an equal Problem):
- Every canonical column is written, with its Dutch header, in the order of :mod:`app.workbook.schema`.
- A learner's home is written under Postcode when it is a PC4, else under Stadsdeel.
- Lists of names that may contain commas (lesroosters, locaties) are joined with ``"; "``,
  other lists with ``", "``; dayparts as ``"ma-ochtend, wo-ochtend"``, a learner's dayparts
  shorter, one chunk per part of the day (``"ochtend, ma/wo middag"``; :func:`dayparts_text`).
- A location with different room counts on different dayparts gets one row per count.
- Instellingen hold every setting, the seven weights included, so the weights reproduce.
- Learner columns that are not canonical (names, notes, unknown columns; from ``extras``) follow
  the canonical ones, with their original headers, in their original order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.column_help import HELP, column_help, setting_help, sheet_help
from app.workbook.schema import (
    DATE,
    DAYPART_CHOICES,
    EXAMPLE_PREFIX,
    LEARNERS,
    LEVEL_CATEGORIES,
    LITERACY_VALUES,
    LOCATIONS,
    PRESET_VALUES,
    ROUTES,
    RUNNING,
    SCHEDULES,
    SEPARATE_VALUES,
    SETTINGS,
    SETTINGS_SHEET,
    STATUS_VALUES,
    TEACHERS,
    TRAVEL,
    WEIGHT_KEYS,
    Z_PROFILES,
    SheetSpec,
)
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    autosize,
    column_formats,
    print_setup,
    quote_sheet,
    used_area,
    wrap_column,
    write_row,
    write_table,
)
from optimizer.dayparts import ALL_DAYPARTS, WORKDAYS, days_by_part, format_dayparts
from optimizer.domain import PRESETS, WAITLIST, Learner, Problem
from optimizer.travel import STADSDELEN, normalize_pc4

LISTS_SHEET = "Lijsten"
INPUT_TITLES = frozenset(spec.nl for spec in (LEARNERS, LOCATIONS, SCHEDULES, ROUTES, TEACHERS, RUNNING, TRAVEL))
VALIDATION_ROWS = 1000
"""Data-validation drop-downs and date formats reach this many rows."""
WRAP_WIDTH = 44
"""Learner columns with longer text (dayparts, reasons) wrap at this width."""


@lru_cache(maxsize=4096)
def _dayparts_text(dayparts: frozenset[str]) -> str:
    chunks = []
    for part, days in days_by_part(dayparts):
        if tuple(days) == WORKDAYS:
            chunks.append(part)
        elif len(days) == 1:
            chunks.append(f"{days[0]}-{part}")
        else:
            chunks.append("/".join(days) + " " + part)
    return ", ".join(chunks)


def dayparts_text(dayparts: frozenset[str] | set[str]) -> str:
    """A learner's dayparts as short as :func:`parse_dayparts` reads them back: one chunk per part
    of the day, ``"ochtend"`` for every workday, ``"ma/wo ochtend, vr-middag"`` otherwise."""
    return _dayparts_text(frozenset(dayparts))


def _join(items: Sequence[str] | frozenset[str], sep: str = ", ") -> str | None:
    values = sorted(items) if isinstance(items, (set, frozenset)) else list(items)
    return sep.join(values) or None


def learner_values(lr: Learner) -> dict[str, Any]:
    """Canonical column key -> cell value for one learner."""
    pc = normalize_pc4(lr.home) if lr.home else None
    return {
        "id": lr.id,
        "route": lr.route,
        "level": lr.level,
        "dayparts": dayparts_text(lr.dayparts) or None,
        "district": None if pc else lr.home,
        "postcode": pc,
        "waiting_since": lr.waiting_since,
        "available_from": lr.available_from,
        "preferred_dayparts": dayparts_text(lr.preferred_dayparts) or None,
        "max_travel": lr.max_travel,
        "literacy": lr.literacy,
        "profile": lr.profile,
        "languages": _join(lr.languages),
        "preferred_language": lr.preferred_language,
        "status": lr.status,
        "priority": lr.priority,
        "together": lr.together,
        "not_with": _join(lr.not_with),
        "pin": "wachtlijst" if lr.pin == WAITLIST else lr.pin,
        "excluded_locations": _join(lr.excluded_locations, "; "),
    }


def extra_headers(extras: Mapping[str, Mapping[str, Any]] | None) -> list[str]:
    """Headers of kept learner columns that are not canonical (names, notes, unknown), in order."""
    seen: dict[str, None] = {}  # every header once, in order of first appearance
    for row in (extras or {}).values():
        for header in row:
            seen.setdefault(header)
    out: list[str] = []
    for header in seen:
        spec = LEARNERS.match(header)
        if spec is None or spec.key in ("name", "notes"):
            out.append(header)
    return out


def learner_columns() -> list[str]:
    """Canonical learner column keys written, in order (names and notes come from extras)."""
    return [c.key for c in LEARNERS.input_columns if c.key not in ("name", "notes")]


def location_rows(problem: Problem) -> list[list[Any]]:
    rows = []
    for loc in problem.locations:
        pc = normalize_pc4(loc.home) if loc.home else None
        by_count: dict[int, set[str]] = {}
        for dp, count in loc.rooms.items():
            by_count.setdefault(count, set()).add(dp)
        for count, dps in sorted(by_count.items(), key=lambda kv: -kv[0]) or [(0, set())]:
            rows.append([loc.name, None if pc else loc.home, pc, count, format_dayparts(dps) or None])
    return rows


def schedule_rows(problem: Problem) -> list[list[Any]]:
    return [[s.name, format_dayparts(s.dayparts)] for s in problem.schedules]


def route_rows(problem: Problem) -> list[list[Any]]:
    return [[r.route, r.min_size, r.max_size, r.max_spread, r.duration_weeks,
             _join(r.schedules, "; "), _join(r.languages), r.separate or "geen",
             _weeks_text(r.start_weeks), r.max_travel] for r in problem.routes]


def _weeks_text(weeks: tuple[int, ...] | None) -> str | None:
    return None if weeks is None else "; ".join(str(w) for w in weeks) or None


def teacher_rows(problem: Problem) -> list[list[Any]]:
    order = {dp: i for i, dp in enumerate(ALL_DAYPARTS)}
    return [[dp, n] for dp, n in sorted(problem.teachers.items(), key=lambda kv: order.get(kv[0], 999))]


def running_rows(problem: Problem) -> list[list[Any]]:
    return [[rc.id, rc.route, rc.location, rc.schedule, rc.level_min, rc.level_max, rc.free_seats,
             rc.end_date, rc.language, rc.group, rc.join_until] for rc in problem.running]


def preset_name(problem: Problem) -> str:
    for name, weights in PRESETS.items():
        if weights == problem.weights:
            return name
    return "aangepast"


def setting_values(problem: Problem) -> dict[str, Any]:
    """Setting key -> value reproducing ``problem`` (every weight explicit)."""
    ts = problem.travel_settings
    values: dict[str, Any] = {
        "plan_date": problem.plan_date,
        "horizon_weeks": problem.horizon_weeks,
        "start_weeks": _weeks_text(problem.start_weeks),
        "max_travel": problem.max_travel,
        "level_step": problem.level_step,
        "target_weeks": problem.target_weeks,
        "preset": preset_name(problem),
        "travel_overhead": ts.overhead_minutes,
        "travel_detour": ts.detour_factor,
        "travel_speed": ts.speed_kmh,
        "travel_min_km": ts.min_km,
        "waitlist_extra_weeks": problem.waitlist_extra_weeks,
        "min_weeks_left_to_join": problem.min_weeks_left_to_join,
        "late_join_weeks": problem.late_join_weeks,
    }
    for key, field_name in WEIGHT_KEYS.items():
        values[key] = getattr(problem.weights, field_name)
    return values


def travel_rows(problem: Problem) -> tuple[list[str], list[list[Any]]]:
    """Header (id + location names) and rows of the Reistijden matrix; empty when unused."""
    with_travel = [lr for lr in problem.learners if lr.travel]
    if not with_travel:
        return [], []
    names = [loc.name for loc in problem.locations]
    rows = [[lr.id, *[(lr.travel or {}).get(n) for n in names]] for lr in with_travel]
    return [TRAVEL.column("id").nl, *names], rows


# ---- writing -----------------------------------------------------------------------------------
def _formats(spec: SheetSpec, keys: Sequence[str]) -> list[str | None]:
    return [DATE_FORMAT if spec.column(k).kind == DATE else None for k in keys]


def _help(spec: SheetSpec, keys: Sequence[str], lang: str = "nl") -> list[str | None]:
    """The comment on each header: what the column means, whether it is required, an example (in ``lang``)."""
    out: list[str | None] = []
    required = f" ({HELP.text('required', lang)})"
    for k in keys:
        c = spec.column(k)
        text = column_help(spec, c, lang) + (required if c.required else "")
        if c.example not in ("", None):
            text += "\n" + HELP.text("example", lang, example=c.example)
        out.append(text)
    return out


def write_table_sheet(wb: Workbook, spec: SheetSpec, rows: list[list[Any]], *,
                      examples: list[list[Any]] | None = None,
                      keys: Sequence[str] | None = None, lang: str = "nl") -> Worksheet:
    """A canonical table sheet: Dutch headers with help comments (in ``lang``), rows, date formats."""
    keys = list(keys or [c.key for c in spec.input_columns])
    ws = wb.create_sheet(spec.nl)
    headers = [spec.column(k).nl for k in keys]
    formats = _formats(spec, keys)
    all_rows = (examples or []) + rows
    write_table(ws, headers, all_rows, formats=formats, comments=_help(spec, keys, lang))
    column_formats(ws, formats, 2, max(VALIDATION_ROWS, len(all_rows) + 1))
    autosize(ws)
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws, len(headers)))
    return ws


def write_learner_sheet(wb: Workbook, problem: Problem | None, extras: Mapping[str, Mapping[str, Any]] | None,
                        *, plan_headers: Sequence[str] = (),
                        plan_values: Callable[[Learner], Sequence[Any]] | None = None,
                        plan_formats: Sequence[str | None] = (),
                        examples: list[dict[str, Any]] | None = None,
                        own_headers: Sequence[str] = (),
                        wrap_width: int = WRAP_WIDTH, lang: str = "nl") -> Worksheet:
    """The Deelnemers sheet: Id; in a plan the name (when kept) and the plan columns; the canonical
    columns; then the (other) kept columns, and ``own_headers`` no learner has (the template's Naam
    and Notities). Longer text wraps at ``wrap_width``; printed, the header row and the Id (and
    name) columns repeat on every page. The headers are Dutch; their comments in ``lang``."""
    keys = learner_columns()
    kept = extra_headers(extras)
    kept += [h for h in own_headers if h not in kept]
    name = next((h for h in kept if (spec := LEARNERS.match(h)) is not None and spec.key == "name"), None)
    front = [name] if name and plan_headers else []  # the plan: name next to the id, as on its other sheets
    kept = [h for h in kept if h not in front]
    headers = [LEARNERS.column("id").nl, *front, *plan_headers, *[LEARNERS.column(k).nl for k in keys[1:]], *kept]
    formats = [None, *[None] * len(front), *plan_formats, *_formats(LEARNERS, keys[1:]), *[None] * len(kept)]
    comments = [*_help(LEARNERS, ["id"], lang), *[None] * len(front), *[None] * len(plan_headers),
                *_help(LEARNERS, keys[1:], lang), *[None] * len(kept)]
    ws = wb.create_sheet(LEARNERS.nl)
    rows: list[list[Any]] = []
    for example in examples or []:
        rows.append([example.get("id"), *[example.get(h) for h in front], *[None] * len(plan_headers),
                     *[example.get(k) for k in keys[1:]], *[example.get(h) for h in kept]])
    held = problem.held if problem else {}
    for lr in (problem.learners if problem else ()):
        # a hold on the plan date is no pin of the planner's: derived again on re-import
        values = learner_values(replace(lr, pin=None) if lr.pin is not None and held.get(lr.id) == lr.pin else lr)
        own = (extras or {}).get(lr.id, {})
        plan = list(plan_values(lr)) if plan_values else []
        rows.append([lr.id, *[own.get(h) for h in front], *plan, *[values[k] for k in keys[1:]],
                     *[own.get(h) for h in kept]])
    write_table(ws, headers, rows, formats=formats, comments=comments)
    ws.freeze_panes = "C2" if front else "B2"
    column_formats(ws, formats, 2, max(VALIDATION_ROWS, len(rows) + 1))
    autosize(ws)
    for col in range(1, len(headers) + 1):
        if (ws.column_dimensions[get_column_letter(col)].width or 0) > wrap_width + 2:
            wrap_column(ws, col, wrap_width)
    print_setup(ws, landscape=True, pages_wide=3, title_rows="1:1", title_cols="A:B" if front else "A:A",
                area=used_area(ws, len(headers)))
    return ws


def write_settings_sheet(wb: Workbook, problem: Problem | None, lang: str = "nl") -> Worksheet:
    """Instellingen: one row per setting (name, value, explanation); the explanation (Uitleg, not
    read) in ``lang``, the rest Dutch."""
    ws = wb.create_sheet(SETTINGS_SHEET.nl)
    values = setting_values(problem) if problem else {s.key: s.default for s in SETTINGS}
    headers = [c.nl for c in SETTINGS_SHEET.columns]
    rows = []
    for s in SETTINGS:
        value = values.get(s.key)
        rows.append([s.nl, value, setting_help(s, lang)])
    write_table(ws, headers, rows, autofilter=False)
    for row in range(2, len(rows) + 2):
        if ws.cell(row=row, column=1).value == "plandatum":
            ws.cell(row=row, column=2).number_format = DATE_FORMAT
    autosize(ws)
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws))
    return ws


def write_input_sheets(wb: Workbook, problem: Problem | None,
                       extras: Mapping[str, Mapping[str, Any]] | None = None, *,
                       examples: Mapping[str, Any] | None = None, validations: bool = True,
                       learner_sheet: bool = True, lang: str = "nl") -> None:
    """All canonical input sheets for ``problem`` (or empty ones), in the canonical order;
    ``examples``: example rows per sheet key (the template's), written as examples. Sheet names,
    headers and values are Dutch (they are read back); the help on the headers, the settings'
    Uitleg and the drop-downs' error are in ``lang``."""
    if learner_sheet:
        own = (LEARNERS.column("name").nl, LEARNERS.column("notes").nl) if examples else ()
        write_learner_sheet(wb, problem, extras, examples=examples["learners"] if examples else None,
                            own_headers=own, lang=lang)
    ex = examples or {}
    write_table_sheet(wb, LOCATIONS, location_rows(problem) if problem else [], examples=ex.get("locations"),
                      lang=lang)
    write_table_sheet(wb, SCHEDULES, schedule_rows(problem) if problem else [], examples=ex.get("schedules"),
                      lang=lang)
    write_table_sheet(wb, ROUTES, route_rows(problem) if problem else [], examples=ex.get("routes"), lang=lang)
    write_table_sheet(wb, TEACHERS, teacher_rows(problem) if problem else [], examples=ex.get("teachers"),
                      lang=lang)
    write_settings_sheet(wb, problem, lang)
    write_table_sheet(wb, RUNNING, running_rows(problem) if problem else [], examples=ex.get("running"),
                      lang=lang)
    header, rows = travel_rows(problem) if problem else ([], [])
    if header or examples:
        ws = wb.create_sheet(TRAVEL.nl)
        if not header:
            header = [TRAVEL.column("id").nl, "VOORBEELD Locatie Noord", "VOORBEELD Locatie Zuid"]
            rows = ex.get("travel", [])
        write_table(ws, header, rows, comments=[sheet_help(TRAVEL, lang)])
        autosize(ws)
        print_setup(ws, landscape=True, title_rows="1:1", title_cols="A:A", fit_width=len(header) <= 12,
                    area=used_area(ws))
    if examples:  # the template: filters reach the rows still to be filled in
        for ws in wb.worksheets:
            if ws.auto_filter.ref and ws.title in INPUT_TITLES:
                ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{VALIDATION_ROWS}"
    if validations:
        add_validations(wb, skip_examples=bool(examples), lang=lang)


# ---- drop-downs --------------------------------------------------------------------------------
_LISTS: dict[str, Sequence[str]] = {
    "dagdelen": DAYPART_CHOICES,
    "stadsdelen": STADSDELEN,
    "janee": ("ja", "nee"),
    "gealfabetiseerd": LITERACY_VALUES,
    "leerbaarheid": (*LEVEL_CATEGORIES, *Z_PROFILES),
    "status": STATUS_VALUES,
    "scheiden": SEPARATE_VALUES,
    "afweging": PRESET_VALUES[:3],
    "profiel": tuple(Z_PROFILES),
}


def _lists_sheet(wb: Workbook) -> dict[str, str]:
    """A hidden sheet with the drop-down lists; returns list name -> range formula."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    refs = {}
    for col, (name, values) in enumerate(_LISTS.items(), start=1):
        ws.cell(row=1, column=col, value=name)
        write_row_col(ws, col, values)
        letter = ws.cell(row=1, column=col).column_letter
        refs[name] = f"{quote_sheet(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    return refs


def write_row_col(ws: Worksheet, col: int, values: Sequence[str]) -> None:
    for row, value in enumerate(values, start=2):
        ws.cell(row=row, column=col, value=value)


def _header_letters(ws: Worksheet) -> dict[Any, str]:
    """Header text -> column letter of the first row (the first column with that text wins)."""
    out: dict[Any, str] = {}
    for cell in ws[1]:
        out.setdefault(cell.value, cell.column_letter)
    return out


def _validate(ws: Worksheet, header: str, formula: str, strict: bool,
              letters: dict[Any, str] | None = None, lang: str = "nl") -> None:
    letter = (letters if letters is not None else _header_letters(ws)).get(header)
    if letter is not None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            showErrorMessage=strict, errorStyle="warning" if strict else "stop")
        dv.error = HELP.text("choose", lang)
        dv.errorTitle = "Klasvormer"
        dv.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
        ws.add_data_validation(dv)


def add_validations(wb: Workbook, skip_examples: bool = False, lang: str = "nl") -> None:
    """Drop-downs: routes, locations, schedules (from their sheets), dayparts, stadsdelen, ja/nee,
    categories. Lists where free text is also valid (dayparts, leerbaarheid) only suggest.

    ``skip_examples`` (the template): the names of routes, locations and schedules are offered
    without the example rows on top (``VOORBEELD ...``), also after rows are added or the examples
    deleted: the list is an OFFSET past the examples, as long as the filled-in names. The
    error shown for a value not in a list is in ``lang``.
    """
    refs = _lists_sheet(wb)

    def name_ref(spec: SheetSpec) -> str:
        column = f"{quote_sheet(spec.nl)}!$A$2:$A${VALIDATION_ROWS}"
        if not skip_examples:
            return column
        skip = f'COUNTIF({column},"{EXAMPLE_PREFIX}*")'
        return f"OFFSET({quote_sheet(spec.nl)}!$A$2,{skip},0,MAX(1,COUNTA({column})-{skip}),1)"

    if LEARNERS.nl in wb.sheetnames:
        ws = wb[LEARNERS.nl]
        letters = _header_letters(ws)  # once: the sheet may hold many thousands of cells
        _validate(ws, "Route", name_ref(ROUTES), True, letters, lang=lang)
        _validate(ws, "Leerbaarheid", refs["leerbaarheid"], False, letters, lang=lang)
        _validate(ws, "Dagdelen", refs["dagdelen"], False, letters, lang=lang)
        _validate(ws, "Voorkeur dagdelen", refs["dagdelen"], False, letters, lang=lang)
        _validate(ws, "Stadsdeel", refs["stadsdelen"], True, letters, lang=lang)
        _validate(ws, "Gealfabetiseerd", refs["gealfabetiseerd"], True, letters, lang=lang)
        _validate(ws, "Profiel", refs["profiel"], False, letters, lang=lang)
        _validate(ws, "Status", refs["status"], True, letters, lang=lang)
        _validate(ws, "Uitgesloten locaties", name_ref(LOCATIONS), False, letters, lang=lang)
    ws = wb[LOCATIONS.nl]
    _validate(ws, "Stadsdeel", refs["stadsdelen"], True, lang=lang)
    _validate(ws, "Open dagdelen", refs["dagdelen"], False, lang=lang)
    _validate(wb[SCHEDULES.nl], "Dagdelen", refs["dagdelen"], False, lang=lang)
    ws = wb[ROUTES.nl]
    _validate(ws, "Lesroosters", name_ref(SCHEDULES), False, lang=lang)
    _validate(ws, "Scheiden op", refs["scheiden"], True, lang=lang)
    _validate(wb[TEACHERS.nl], "Dagdeel", refs["dagdelen"], False, lang=lang)
    ws = wb[RUNNING.nl]
    _validate(ws, "Route", name_ref(ROUTES), True, lang=lang)
    _validate(ws, "Locatie", name_ref(LOCATIONS), True, lang=lang)
    _validate(ws, "Lesrooster", name_ref(SCHEDULES), True, lang=lang)
    settings = wb[SETTINGS_SHEET.nl]
    for row in range(2, settings.max_row + 1):
        if settings.cell(row=row, column=1).value == "afweging":
            dv = DataValidation(type="list", formula1=refs["afweging"], allow_blank=True)
            dv.add(f"B{row}")
            settings.add_data_validation(dv)


def append_rows(ws: Worksheet, rows: list[list[Any]]) -> None:
    """Append rows below the last row of a sheet (used by tests and the sample generator)."""
    start = ws.max_row + 1
    for i, values in enumerate(rows):
        write_row(ws, start + i, values)

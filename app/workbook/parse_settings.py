"""The Instellingen sheet (key/value rows) into the plan's settings.

Rules: a setting not on the sheet, or left blank, takes its default (the plan date: next Monday,
with a warning); a name that is no setting and a setting given twice are warnings; a value that
cannot be read is an error at its cell (column B, Waarde) and the default is used. A plan date more
than a year before today is a warning (a typing error, an old file?).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from app.workbook.context import ParseContext
from app.workbook.issues import short
from app.workbook.schema import (
    EXAMPLE_PREFIX,
    SETTINGS,
    WEIGHT_KEYS,
    SettingSpec,
    fold,
    match_setting,
)
from app.workbook.sources import SheetRows
from app.workbook.values import (
    ValueProblem,
    as_date,
    as_int,
    as_number,
    fmt_date,
    is_blank,
    parse_weeks,
)
from optimizer.domain import PRESET_ALIASES, PRESETS, TravelSettings, Weights

STALE_PLAN_DATE_DAYS = 365
"""A plan date more than this many days before today is warned about (a typing error, an old file?)."""


def reference_day() -> date:
    """The day a plan date is judged old against: today (a function, so that tests can set it)."""
    return date.today()


def parse_settings(ctx: ParseContext, sheet: SheetRows | None) -> dict[str, Any]:
    """Setting key -> value for every setting, plus ``weights`` and ``travel`` as objects."""
    found: dict[str, tuple[Any, int, str | None]] = {}
    title = ctx.info.sheets.get("settings", "Instellingen")
    file = sheet.file if sheet is not None else None
    sink = ctx.sink
    if sheet is not None:
        raw = sheet.raw
        for r in raw.rows:
            key = r.values[0] if r.values else None
            value = r.values[1] if len(r.values) > 1 else None
            if is_blank(key) or fold(key) in ("instelling", "setting", "naam", "name", "key"):
                continue
            if str(key).strip().upper().startswith(EXAMPLE_PREFIX):
                continue
            spec = match_setting(key)
            if spec is None:
                sink.warn("setting_unknown", sheet=title, row=r.row, column_letter="A",
                          column="Instelling", value=short(key), file=file)
                continue
            if spec.key in found:
                sink.warn("setting_twice", sheet=title, row=r.row, column_letter="A",
                          column="Instelling", value=short(key), first=found[spec.key][1], file=file)
                continue
            if (r.row, 1) in raw.formula_cells:
                sink.error("formula_no_value", sheet=title, row=r.row, column="Waarde",
                           column_letter="B", file=file)
                value = None
            found[spec.key] = (value, r.row, r.formats[1] if len(r.formats) > 1 else None)
            ctx.rows[("settings", spec.key)] = (title, r.row, file)
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        value, row, _fmt = found.get(spec.key, (None, None, None))
        place: dict[str, Any] = {}
        if sheet is not None:
            place = {"sheet": title, "row": row, "column": "Waarde", "column_letter": "B",
                     "value": short(value), "file": file}
        values[spec.key] = _setting(ctx, spec, value, place, values)
    return _settings_objects(values)


def _setting(ctx: ParseContext, spec: SettingSpec, value: Any, place: dict[str, Any],
             done: dict[str, Any]) -> Any:
    sink = ctx.sink
    if is_blank(value):
        if spec.key == "plan_date":
            today = date.today()
            monday = today + timedelta(days=(7 - today.weekday()) % 7)
            sink.warn("plan_date_default", date=monday.strftime("%d-%m-%Y"), **{**place, "value": None})
            return monday
        return spec.default
    try:
        if spec.key == "plan_date":
            day, note = as_date(value)
            if note:
                sink.warn(note.code, **{**place, **note.params})
            now = reference_day()
            if (now - day).days > STALE_PLAN_DATE_DAYS:  # as a date long before it: a warning, the date used
                sink.warn("plan_date_long_ago", **place, date=fmt_date(day), today=fmt_date(now))
            return day
        if spec.key == "start_weeks":
            weeks, notes = parse_weeks(value, done["plan_date"])
            for note in notes:
                sink.warn(note.code, **{**place, **note.params})
            return weeks
        if spec.key == "preset":
            return _preset(value)
        if spec.kind == "getal":
            return as_number(value, str(spec.example or 10), spec.lo, spec.hi)
        lo = int(spec.lo) if spec.lo is not None else None
        hi = int(spec.hi) if spec.hi is not None else None
        try:
            return as_int(value, lo, hi, str(spec.example or 10))
        except ValueProblem as exc:
            if (spec.key == "horizon_weeks" and exc.code == "int_range" and hi is not None
                    and exc.params["value"] > hi):
                raise ValueProblem("horizon_too_long", max=hi, years=hi // 52) from None
            raise
    except ValueProblem as exc:
        sink.error(exc.code, **{**place, **exc.params})
        return spec.default if spec.key != "plan_date" else date.today()


def _preset(value: Any) -> str:
    name = fold(value)
    for p in (*PRESETS, "aangepast", "custom"):
        if fold(p) == name:
            return p
    for alias, target in PRESET_ALIASES.items():
        if fold(alias) == name:
            return target
    raise ValueProblem("preset_unknown", value=short(value))


def _settings_objects(v: dict[str, Any]) -> dict[str, Any]:
    preset_name = v["preset"]
    base = PRESETS.get(preset_name, Weights())
    overrides = {WEIGHT_KEYS[k]: v[k] for k in WEIGHT_KEYS if v.get(k) is not None}
    v["weights"] = replace(base, **overrides)
    d = TravelSettings()
    v["travel"] = TravelSettings(
        overhead_minutes=float(v["travel_overhead"] if v["travel_overhead"] is not None else d.overhead_minutes),
        detour_factor=float(v["travel_detour"] if v["travel_detour"] is not None else d.detour_factor),
        speed_kmh=float(v["travel_speed"] if v["travel_speed"] is not None else d.speed_kmh),
        min_km=float(v["travel_min_km"] if v["travel_min_km"] is not None else d.min_km),
    )
    return v

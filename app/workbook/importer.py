"""Load a canonical workbook (or a CSV of learners plus a settings workbook) into a Problem.

:func:`load_problem` never raises for a bad file: it returns an :class:`ImportResult` whose
``issues`` say, per cell, what is wrong and what to do (in Dutch, English alongside), and whose
``problem`` is None when any issue is an error. :func:`load_problem_or_raise` raises
:class:`ImportFailed` instead. The source file is opened read-only and never written.

Rules (the format itself is in :mod:`app.workbook.schema`):
- Every problem in the workbook is collected in one pass; then :meth:`Problem.validate` runs on
  what could be read, and its messages are placed on the row (and column) they concern.
- Names that refer to other sheets (route, location, schedule, class, language) match without
  regard to case, accents, spaces or hyphens; the spelling on the defining sheet is kept.
- A CSV file holds the Deelnemers sheet only; everything else comes from ``settings=`` (a
  workbook with the other sheets). Without it, Instellingen take their defaults, each route gets
  default rules (warning), and missing Locaties, Lesroosters and Docenten are errors.
- A sheet missing from the main workbook is taken from ``settings=`` when given.
- ``extras[id]`` holds every column of the learner's row (known, unknown, names, notes) with its
  original header, in the original order; plan-result columns (Klas, Startdatum, ...) excluded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from app.workbook.issues import ERROR, Issue, short
from app.workbook.reader import FileProblem, RawSheet, Workbook, read_csv, sniff
from app.workbook.schema import (
    EXAMPLE_PREFIX,
    INPUT_SHEETS,
    LEARNERS,
    MAX_MINUTES,
    SEPARATE_VALUES,
    SETTINGS,
    STATUS_VALUES,
    WAITLIST_WORDS,
    WEIGHT_KEYS,
    SettingSpec,
    SheetSpec,
    fold,
    match_setting,
    match_sheet,
)
from app.workbook.tables import Col, IssueSink, RowReader, Table, build_table
from app.workbook.values import (
    EXCEL_MAX_TEXT,
    SEPARATE_CHOICES,
    STATUS_CHOICES,
    ValueProblem,
    as_choice,
    as_date,
    as_int,
    as_level,
    as_literacy,
    as_number,
    as_text,
    canonical_profile,
    fmt_date,
    fold_key,
    is_blank,
    parse_weeks,
)
from app.workbook.xlsx_util import gc_paused
from optimizer.dayparts import PARTS, WORKDAYS, format_dayparts
from optimizer.domain import (
    PRESET_ALIASES,
    PRESETS,
    WAITLIST,
    ClassSpec,
    Learner,
    Location,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
    TravelSettings,
    Weights,
)
from optimizer.messages import Message, msg, plural
from optimizer.travel import STADSDELEN, normalize_pc4, normalize_stadsdeel, resolve_place

log = logging.getLogger(__name__)
ALL_WORKDAY_PARTS = frozenset(f"{d}-{p}" for d in WORKDAYS for p in PARTS)
PLAUSIBLE_YEARS = 10
"""A Wacht sinds or Beschikbaar vanaf further than this from the plan date gets a warning."""
_WAITLIST_KEYS = frozenset(fold(w) for w in WAITLIST_WORDS)


@dataclass
class SourceInfo:
    """Where the data came from and how it was laid out."""

    path: Path
    kind: str = ""
    """'xlsx' or 'csv'."""
    settings_path: Path | None = None
    sheets: dict[str, str] = field(default_factory=dict)
    """Sheet key ('learners', ...) -> sheet title as found."""
    learner_columns: list[str] = field(default_factory=list)
    """Headers of the learner sheet, in original order."""
    extra_columns: list[str] = field(default_factory=list)
    """Unknown learner columns (kept and returned untouched)."""
    name_column: str | None = None
    learner_rows: dict[str, int] = field(default_factory=dict)
    """Learner id -> Excel row number."""
    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class ImportResult:
    """The outcome of an import: a Problem (None when there are errors), issues and kept columns."""

    problem: Problem | None
    issues: list[Issue]
    extras: dict[str, dict[str, Any]]
    source: SourceInfo
    plan_edits: list[Any] = field(default_factory=list)
    """Edits found in a re-imported plan workbook (:class:`app.workbook.reimport.PlanEdit`)."""

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        return self.problem is not None

    def summary(self, lang: str | None = None) -> str:
        """One line per issue, errors first."""
        ordered = self.errors + self.warnings
        if lang == "en":
            head = f"{plural(len(self.errors), 'error', 'errors')}, {plural(len(self.warnings), 'warning', 'warnings')}"
            return "\n".join([head] + [f"- {i.line('en')}" for i in ordered])
        head = f"{plural(len(self.errors), 'fout', 'fouten')}, {plural(len(self.warnings), 'waarschuwing', 'waarschuwingen')}"
        return "\n".join([head] + [f"- {i}" for i in ordered])


class ImportFailed(ValueError):
    """The workbook cannot be planned; ``issues`` lists every problem (Dutch text in ``str``)."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.issues = result.issues
        errors = result.errors
        lines = [f"De invoer bevat {plural(len(errors), 'fout', 'fouten')}:"] + [f"- {i.where}: {i.message}" for i in errors[:20]]
        if len(errors) > 20:
            lines.append(f"- ... en nog {len(errors) - 20}")
        super().__init__("\n".join(lines))


def load_problem(path: str | Path, column_mapping: Mapping[str, Any] | None = None, *,
                 settings: str | Path | None = None) -> ImportResult:
    """Read a workbook (.xlsx) or a learners CSV into a :class:`Problem` with every issue found.

    ``column_mapping`` maps a header in the file to a canonical column (its key such as
    ``"level"`` or its Dutch header such as ``"Leerbaarheid"``); a flat mapping applies to the
    learners sheet, a mapping of sheet name -> mapping to that sheet.
    """
    return _Importer(path, column_mapping, settings).run()


def load_problem_or_raise(path: str | Path, column_mapping: Mapping[str, Any] | None = None, *,
                          settings: str | Path | None = None) -> Problem:
    """Like :func:`load_problem`, but return the Problem or raise :class:`ImportFailed`."""
    result = load_problem(path, column_mapping, settings=settings)
    if result.problem is None:
        raise ImportFailed(result)
    return result.problem


@cache
def _sheet_names(spec: SheetSpec) -> frozenset[str]:
    """The folded titles that name ``spec`` (a plan workbook has hundreds of sheets to look through)."""
    return frozenset(fold(n) for n in spec.names)


class Names:
    """Names defined on one sheet; lookup ignores case, accents, spaces and hyphens."""

    def __init__(self) -> None:
        self._by_fold: dict[str, str] = {}

    def add(self, name: str) -> bool:
        """Register a name; False if it (or a spelling of it) is already there."""
        key = fold_key(name)
        if key in self._by_fold:
            return False
        self._by_fold[key] = name
        return True

    def get(self, text: str | None) -> str | None:
        return None if text is None else self._by_fold.get(fold_key(text))

    def canon(self, text: str) -> str:
        """The registered spelling of ``text``, registering it when new."""
        self.add(text)
        return self._by_fold[fold_key(text)]

    def __iter__(self) -> Any:
        return iter(self._by_fold.values())

    def __len__(self) -> int:
        return len(self._by_fold)

    def listing(self) -> str:
        return ", ".join(self._by_fold.values()) or "-"


@dataclass
class _PendingLearner:
    reader: RowReader
    fields: dict[str, Any]
    home_ok: bool = True


class _Importer:
    """One import run. Subclasses (the plan re-import) hook in through the ``_hook_*`` methods."""

    extra_specs: tuple[SheetSpec, ...] = ()

    def __init__(self, path: str | Path, column_mapping: Mapping[str, Any] | None,
                 settings: str | Path | None) -> None:
        self.path = Path(path)
        self.settings_path = Path(settings) if settings is not None else None
        self.mapping = column_mapping or {}
        self.sink = IssueSink()
        self.info = SourceInfo(self.path, settings_path=self.settings_path)
        self.tables: dict[str, Table] = {}
        self.raw_settings: RawSheet | None = None
        self.raw_settings_file: str | None = None
        self.settings_file: str | None = None
        self.rows: dict[tuple[str, str], tuple[str, int, str | None]] = {}
        self.dropped: set[str] = set()
        self.routes, self.locations, self.schedules = Names(), Names(), Names()
        self.running_ids, self.class_labels, self.languages = Names(), Names(), Names()
        self.extras: dict[str, dict[str, Any]] = {}
        self.known_classes: tuple[ClassSpec, ...] = ()
        self.previous: dict[str, str | None] = {}
        self.plan_edits: list[Any] = []
        self.default_routes: list[RouteSettings] = []
        self._open: list[Workbook] = []
        self.is_csv = False
        self.plan_date: date | None = None

    # ---- run -----------------------------------------------------------------------------------
    def run(self) -> ImportResult:
        with gc_paused():
            return self._run()

    def _run(self) -> ImportResult:
        try:
            try:
                self._read_sources()
            except FileProblem as exc:
                self.sink.error(exc.code, **exc.params)
                return ImportResult(None, self.sink.finish(), {}, self.info)
            problem = self._build()
        finally:
            for wb in self._open:
                wb.close()
        issues = self.sink.finish()
        ok = problem is not None and not any(i.is_error for i in issues)
        return ImportResult(problem if ok else None, issues, self.extras, self.info, self.plan_edits)

    # ---- sources -------------------------------------------------------------------------------
    def _read_sources(self) -> None:
        kind = sniff(self.path)
        self.info.kind = kind
        main: Workbook | None = None
        if kind == "csv":
            self.is_csv = True
            raw, csv_info = read_csv(self.path, LEARNERS.nl)
            self.info.encoding, self.info.delimiter = csv_info.encoding, csv_info.delimiter
            self._add_table(LEARNERS, raw, None)
        else:
            main = Workbook(self.path)
            self._open.append(main)
        second = self._open_settings()
        for spec in (*INPUT_SHEETS, *self.extra_specs):
            if spec.key in self.tables:
                continue
            found = self._find_sheet(main, spec, None)
            if found is None and second is not None:
                if spec.key == "learners" and self.is_csv:
                    continue
                found = self._find_sheet(second, spec, self.settings_file)
            self._take_sheet(spec, found)
        if self.is_csv and second is not None and self._find_sheet(second, LEARNERS, None):
            self.sink.warn("settings_learners_ignored", file=self.settings_file)

    def _take_sheet(self, spec: SheetSpec, found: tuple[Workbook, str, str | None] | None) -> None:
        """Read a found sheet into a table (or the settings); report a required one missing."""
        if found is None:
            if spec.required:
                self._missing_sheet(spec)
            return
        wb, title, file = found
        sheet_rows = self._read_sheet(wb, title, file)
        if sheet_rows is None:
            return
        if spec.layout == "keyvalue":
            self.raw_settings, self.raw_settings_file = sheet_rows, file
            self.info.sheets[spec.key] = title
        else:
            self._add_table(spec, sheet_rows, file)

    def _read_sheet(self, wb: Workbook, title: str, file: str | None) -> RawSheet | None:
        """A sheet's rows; a sheet openpyxl cannot parse becomes an error, never a traceback."""
        try:
            return wb.read(title)
        except Exception as exc:  # damaged XML inside an otherwise valid package
            log.warning("cannot read sheet %r of %s", title, wb.path, exc_info=True)
            self.sink.error("read_failed", sheet=title, file=file or wb.path.name, reason=type(exc).__name__)
            return None

    def _open_settings(self) -> Workbook | None:
        if self.settings_path is None:
            return None
        self.settings_file = self.settings_path.name
        try:
            if sniff(self.settings_path) != "xlsx":
                raise FileProblem("file_not_excel", file=self.settings_path.name)
            wb = Workbook(self.settings_path)
        except FileProblem as exc:
            self.sink.error(exc.code, **exc.params)
            return None
        self._open.append(wb)
        return wb

    def _find_sheet(self, wb: Workbook | None, spec: SheetSpec,
                    file: str | None) -> tuple[Workbook, str, str | None] | None:
        if wb is None:
            return None
        names = _sheet_names(spec)
        titles = [t for t in wb.titles if fold_key(t) in names]  # as match_sheet(t, (spec,))
        if not titles:
            return None
        if len(titles) > 1:
            self.sink.warn("sheet_duplicate", sheet=titles[0], first=titles[0], second=titles[1], file=file)
        return wb, titles[0], file

    def _missing_sheet(self, spec: SheetSpec) -> None:
        if spec.key == "settings" and self.is_csv and self.settings_path is None:
            return  # defaults
        if spec.key == "routes" and self.is_csv and self.settings_path is None:
            return  # default rules per route (warned when learners are read)
        if spec.key == "classes":
            self.sink.error("plan_no_classes", sheet=spec.nl)
        elif self.is_csv and self.settings_path is None:
            self.sink.error("settings_needed", sheet=spec.nl)
        else:
            self.sink.error("sheet_missing", sheet=spec.nl, file=self.settings_file if self.is_csv else None)

    def _add_table(self, spec: SheetSpec, raw: RawSheet, file: str | None) -> None:
        table = build_table(raw, spec, self.sink, file=file, mapping=self._mapping_for(spec))
        self.tables[spec.key] = table
        self.info.sheets[spec.key] = raw.title
        if table.header_row is None:
            if spec.key != "running" and spec.key != "travel":
                self.sink.error("sheet_empty", sheet=raw.title, file=file)
            return
        for c in spec.input_columns:
            if c.required and table.col(c.key) is None and spec.layout == "table":
                self.sink.error("column_missing", sheet=raw.title, row=table.header_row, column=c.nl, file=file)

    def _mapping_for(self, spec: SheetSpec) -> Mapping[str, str]:
        nested = {k: v for k, v in self.mapping.items() if isinstance(v, Mapping)}
        if not nested:
            return self.mapping if spec.key == "learners" else {}
        for name, sub in nested.items():
            if match_sheet(name, (spec,)) is not None:
                return sub
        return {}

    # ---- building ------------------------------------------------------------------------------
    def _build(self) -> Problem:
        settings = self._parse_settings()
        plan_date: date = settings["plan_date"]
        self.plan_date = plan_date
        schedules = self._parse_schedules()
        locations = self._parse_locations()
        routes = self._parse_routes(plan_date)
        teachers = self._parse_teachers()
        running = self._parse_running(routes)
        self._hook_before_learners(plan_date)
        learners = self._parse_learners(routes)
        learners = self._hook_adjust_learners(learners)
        routes = routes + self.default_routes
        if not self.is_csv or self.settings_path is not None:
            for key, what, what_en in (("locations", "locaties", "locations"),
                                       ("schedules", "lesroosters", "schedules"),
                                       ("routes", "routes", "routes")):
                table = self.tables.get(key)
                if table is not None and table.header_row is not None and not len(getattr(self, key)):
                    self.sink.error("no_rows", sheet=table.title, what=what, what_en=what_en,
                                    file=table.file)
        if "learners" in self.tables and not learners and not self.sink.has_errors:
            self.sink.warn("no_learners", sheet=self.tables["learners"].title)
        problem = Problem(
            plan_date=plan_date,
            learners=tuple(learners),
            locations=tuple(locations),
            schedules=tuple(schedules),
            routes=tuple(routes),
            teachers=teachers,
            horizon_weeks=settings["horizon_weeks"],
            start_weeks=settings["start_weeks"],
            running=tuple(running),
            weights=settings["weights"],
            max_travel=settings["max_travel"],
            level_step=settings["level_step"],
            target_weeks=settings["target_weeks"],
            waitlist_extra_weeks=settings["waitlist_extra_weeks"],
            min_weeks_left_to_join=settings["min_weeks_left_to_join"],
            late_join_weeks=settings["late_join_weeks"],
            travel_settings=settings["travel"],
            known_classes=self.known_classes,
            previous=self.previous,
        )
        self._validate(problem)
        return problem

    def register(self, sheet_key: str, name: str, reader: RowReader) -> None:
        self.rows.setdefault((sheet_key, name), (reader.table.title, reader.row, reader.table.file))

    # ---- Instellingen --------------------------------------------------------------------------
    def _parse_settings(self) -> dict[str, Any]:
        found: dict[str, tuple[Any, int, str | None]] = {}
        raw = self.raw_settings
        title = self.info.sheets.get("settings", "Instellingen")
        file = self.raw_settings_file
        if raw is not None:
            for r in raw.rows:
                key = r.values[0] if r.values else None
                value = r.values[1] if len(r.values) > 1 else None
                if is_blank(key) or fold(key) in ("instelling", "setting", "naam", "name", "key"):
                    continue
                if str(key).strip().upper().startswith(EXAMPLE_PREFIX):
                    continue
                spec = match_setting(key)
                if spec is None:
                    self.sink.warn("setting_unknown", sheet=title, row=r.row, column_letter="A",
                                   column="Instelling", value=short(key), file=file)
                    continue
                if spec.key in found:
                    self.sink.warn("setting_twice", sheet=title, row=r.row, column_letter="A",
                                   column="Instelling", value=short(key), first=found[spec.key][1], file=file)
                    continue
                if (r.row, 1) in raw.formula_cells:
                    self.sink.error("formula_no_value", sheet=title, row=r.row, column="Waarde",
                                    column_letter="B", file=file)
                    value = None
                found[spec.key] = (value, r.row, r.formats[1] if len(r.formats) > 1 else None)
                self.rows[("settings", spec.key)] = (title, r.row, file)
        values: dict[str, Any] = {}
        for spec in SETTINGS:
            value, row, _fmt = found.get(spec.key, (None, None, None))
            values[spec.key] = self._setting(spec, value, row, title, file, values)
        return self._settings_objects(values)

    def _setting(self, spec: SettingSpec, value: Any, row: int | None, title: str,
                 file: str | None, done: dict[str, Any]) -> Any:
        place: dict[str, Any] = {"sheet": title, "row": row, "column": "Waarde", "column_letter": "B",
                                 "value": short(value), "file": file}
        if self.raw_settings is None:
            place = {}
        if is_blank(value):
            if spec.key == "plan_date":
                today = date.today()
                monday = today + timedelta(days=(7 - today.weekday()) % 7)
                self.sink.warn("plan_date_default", date=monday.strftime("%d-%m-%Y"),
                               **{**place, "value": None})
                return monday
            return spec.default
        try:
            if spec.key == "plan_date":
                day, note = as_date(value)
                if note:
                    self.sink.warn(note.code, **place, **note.params)
                return day
            if spec.key == "start_weeks":
                weeks, notes = parse_weeks(value, done["plan_date"])
                for note in notes:
                    self.sink.warn(note.code, **place, **note.params)
                return weeks
            if spec.key == "preset":
                name = fold(value)
                for p in (*PRESETS, "aangepast", "custom"):
                    if fold(p) == name:
                        return p
                for alias, target in PRESET_ALIASES.items():
                    if fold(alias) == name:
                        return target
                raise ValueProblem("preset_unknown", value=short(value))
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
            self.sink.error(exc.code, **{**place, **exc.params})
            return spec.default if spec.key != "plan_date" else date.today()

    def _settings_objects(self, v: dict[str, Any]) -> dict[str, Any]:
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

    # ---- Lesroosters, Locaties, Routes, Docenten, Lopende klassen ------------------------------
    def _readers(self, key: str) -> list[RowReader]:
        table = self.tables.get(key)
        if table is None or table.header_row is None:
            return []
        return [RowReader(table, row, self.sink) for row in table.rows]

    def _duplicate(self, r: RowReader, key: str, what: str, name: str) -> None:
        r.failed.add(key)
        self.sink.add(Issue.from_message(ERROR, msg("duplicate_name", what=what, name=name), **r.place(key)))

    def _parse_schedules(self) -> list[Schedule]:
        out = []
        for r in self._readers("schedules"):
            name = r.text("name", required=True)
            dayparts = r.dayparts("dayparts", required=True)
            if name is None:
                continue
            if not self.schedules.add(name):
                self._duplicate(r, "name", "Lesrooster", name)
                continue
            self.register("schedules", name, r)
            if dayparts is None:
                self.dropped.add(name)
                continue
            out.append(Schedule(name, dayparts))
        return out

    def _parse_locations(self) -> list[Location]:
        matrix_cols = self._matrix_location_headers()
        merged: dict[str, dict[str, Any]] = {}
        for r in self._readers("locations"):
            name = r.text("name", required=True)
            rooms = r.integer("rooms", 0, 1000, required=True)
            open_dp = r.dayparts("open")
            if open_dp is None and r.ok("open"):
                open_dp = ALL_WORKDAY_PARTS
                r.warn("open", "location_default_open")
            if name is None:
                continue
            canonical = self.locations.get(name)
            home, home_ok = self._home(r, has_matrix=fold(name) in matrix_cols, location=name)
            if canonical is None:
                self.locations.add(name)
                self.register("locations", name, r)
                merged[name] = {"home": home, "rooms": {}, "row": r.row, "home_set": home is not None}
                canonical = name
            entry = merged[canonical]
            if not home_ok or rooms is None or open_dp is None:
                self.dropped.add(canonical)
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
                if name not in self.dropped]

    def _matrix_location_headers(self) -> set[str]:
        table = self.tables.get("travel")
        if table is None:
            return set()
        return {fold(c.header) for c in table.columns if c.spec is None and c.header}

    def _home(self, r: RowReader, has_matrix: bool, location: str | None = None) -> tuple[str | None, bool]:
        """Home place from Postcode (wins) or Stadsdeel; (None, True) when travel times cover it."""
        pc_raw = r.text("postcode")  # a too long text is an error at its cell
        d_raw = r.text("district")
        if r.failed & {"postcode", "district"}:
            return None, has_matrix
        district = normalize_stadsdeel(d_raw) if d_raw is not None else None
        if pc_raw is not None:
            pc = normalize_pc4(pc_raw)
            if pc is None:
                r.error("postcode", "postcode_bad")
                return None, False
            if resolve_place(pc) is not None:
                if d_raw is not None and district is None:
                    r.warn("district", "district_bad", allowed=", ".join(STADSDELEN))
                return pc, True
            if district is not None:
                r.warn("postcode", "postcode_fallback", district=district)
                return district, True
            if has_matrix:
                return None, True
            r.error("postcode", "postcode_unknown")
            return None, False
        if d_raw is not None:
            if district is not None:
                return district, True
            if has_matrix:
                r.warn("district", "district_bad", allowed=", ".join(STADSDELEN))
                return None, True
            r.error("district", "district_bad", allowed=", ".join(STADSDELEN))
            return None, False
        if has_matrix or r.failed & {"district", "postcode"}:
            return None, has_matrix
        key = "district" if r.has("district") or not r.has("postcode") else "postcode"
        if not r.has("district") and not r.has("postcode"):
            return None, False  # reported once for the whole sheet
        if location is not None:
            r.error(key, "location_home_missing", name=location)
        else:
            r.error(key, "home_missing")
        return None, False

    def _refs(self, r: RowReader, key: str, names: Names, what: str, what_en: str) -> list[str]:
        """Names in a list cell, matched to a sheet's names (see :meth:`_split_refs`)."""
        value = r._get(key, False)
        if value is None:
            return []
        try:
            items = self._split_refs(as_text(value, 2000), names)
        except ValueProblem as exc:
            r.error(key, exc.code, **exc.params)
            return []
        out = []
        for item in items:
            canonical = names.get(item)
            if canonical is None and not self._defined(names):
                r.failed.add(key)
            elif canonical is None:
                r.error(key, "unknown_ref", what=what, what_en=what_en, value=short(item), known=names.listing())
            elif canonical not in out:
                out.append(canonical)
        return out

    @staticmethod
    def _split_refs(text: str, names: Names) -> list[str]:
        """Whole cell if it names one item; else split on ``; | newline``, then on ``, /``."""
        if names.get(text) is not None:
            return [text]
        out: list[str] = []
        for part in (p.strip() for p in re.split(r"[;|\n\r]+", text)):
            if not part:
                continue
            if names.get(part) is not None:
                out.append(part)
            else:
                out.extend(p.strip() for p in re.split(r"[,/]+", part) if p.strip())
        return out

    def _parse_routes(self, plan_date: date) -> list[RouteSettings]:
        out = []
        for r in self._readers("routes"):
            name = r.text("route", required=True)
            if name is None:
                continue
            if not self.routes.add(name):
                self._duplicate(r, "route", "Route", name)
                continue
            self.register("routes", name, r)
            min_size = r.integer("min_size", 1, 1000, default=8)
            max_size = r.integer("max_size", 1, 1000, default=15)
            max_spread = r.integer("max_spread", 0, 100, default=20)
            duration = r.integer("duration_weeks", 1, 520, default=26)
            schedules = self._refs(r, "schedules", self.schedules, "Lesrooster", "Schedule")
            languages = [self._language(x) for x in r.items("languages")]
            separate = r.convert("separate", lambda v: as_choice(v, SEPARATE_CHOICES, SEPARATE_VALUES), default="")
            start_weeks = self._weeks(r, "start_weeks", plan_date)
            max_travel = r.integer("max_travel", 0, MAX_MINUTES)
            if min_size is not None and max_size is not None and min_size > max_size:
                r.failed.add("min_size")
                self.sink.add(Issue.from_message(ERROR, msg("size_range", route=name, min=min_size, max=max_size),
                                                 **r.place("min_size")))
            if not r.ok("min_size", "max_size", "max_spread", "duration_weeks"):
                self.dropped.add(name)
                continue
            out.append(RouteSettings(
                route=name, min_size=min_size or 8, max_size=max_size or 15,
                max_spread=max_spread if max_spread is not None else 20,
                duration_weeks=duration or 26, schedules=tuple(schedules), languages=tuple(languages),
                separate=separate or "", start_weeks=start_weeks, max_travel=max_travel,
            ))
        return out

    @staticmethod
    def _weeks(r: RowReader, key: str, plan_date: date) -> tuple[int, ...] | None:
        """Start weeks of a cell (None when empty), with notes for dates off a week start."""
        def conv(value: Any) -> tuple[int, ...]:
            weeks, notes = parse_weeks(value, plan_date)
            for note in notes:
                r.note(key, note)
            return weeks
        return r.convert(key, conv)

    def _parse_teachers(self) -> dict[str, int]:
        teachers: dict[str, int] = {}
        first: dict[str, int] = {}
        for r in self._readers("teachers"):
            dayparts = r.dayparts("daypart", required=True)
            count = r.integer("count", 0, 1000, required=True)
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

    def _parse_running(self, routes: list[RouteSettings]) -> list[RunningClass]:
        by_route = {x.route: x for x in routes}
        out = []
        for r in self._readers("running"):
            cid = r.text("id", required=True)
            if cid is None:
                continue
            if not self.running_ids.add(cid):
                self._duplicate(r, "id", "Lopende klas", cid)
                continue
            self.register("running", cid, r)
            route = self._ref_one(r, "route", self.routes, "Route", "Route", required=True)
            location = self._ref_one(r, "location", self.locations, "Locatie", "Location", required=True)
            schedule = self._ref_one(r, "schedule", self.schedules, "Lesrooster", "Schedule", required=True)
            lo = r.integer("level_min", 0, 100, required=True)
            hi = r.integer("level_max", 0, 100, required=True)
            seats = r.integer("free_seats", 0, 1000, required=True)
            end = r.date("end_date", required=True)
            join_until = r.date("join_until")
            language = r.text("language")
            group = self._group(r, by_route.get(route or ""))
            if lo is not None and hi is not None and lo > hi:
                r.error("level_min", "range_reversed", lo=lo, hi=hi)
            if not r.ok("route", "location", "schedule", "level_min", "level_max", "free_seats", "end_date"):
                self.dropped.add(cid)
                continue
            if {route, location, schedule} & self.dropped:
                self.dropped.add(cid)  # the bad route/location/schedule row is reported on its own sheet
                continue
            assert route and location and schedule and lo is not None and hi is not None
            assert seats is not None and end is not None
            out.append(RunningClass(cid, route, location, schedule, lo, hi, seats, end,
                                    self._language(language) if language else None, group, join_until))
        return out

    def _language(self, text: str) -> str:
        """One spelling per language: the first one seen, capitalised when typed in lower case."""
        known = self.languages.get(text)
        if known is not None:
            return known
        return self.languages.canon(text[:1].upper() + text[1:] if text.islower() else text)

    def _group(self, r: RowReader, route: RouteSettings | None) -> str | None:
        text = r.text("group")
        if text is None:
            return None
        if route is not None and route.separate == "alfabetisering":
            return r.convert("group", as_literacy)
        return canonical_profile(text) or text

    def _defined(self, names: Names) -> bool:
        """False when the sheet that defines ``names`` is missing or empty (reported once)."""
        for key, registry in (("routes", self.routes), ("locations", self.locations),
                              ("schedules", self.schedules)):
            if registry is names:
                table = self.tables.get(key)
                return table is not None and table.header_row is not None
        return True

    def _ref_one(self, r: RowReader, key: str, names: Names, what: str, what_en: str,
                 required: bool = False) -> str | None:
        text = r.text(key, required=required)
        if text is None:
            return None
        canonical = names.get(text)
        if canonical is None and not self._defined(names):
            r.failed.add(key)
        elif canonical is None:
            if key == "route":
                r.error(key, "unknown_route_ref", known=names.listing())
            else:
                r.error(key, "unknown_ref", what=what, what_en=what_en, value=short(text), known=names.listing())
        return canonical

    # ---- Deelnemers ----------------------------------------------------------------------------
    def _parse_learners(self, routes: list[RouteSettings]) -> list[Learner]:
        table = self.tables.get("learners")
        if table is None or table.header_row is None:
            return []
        self._describe_learner_columns(table)
        if not self._has_home_columns(table) and "travel" not in self.tables:
            self.sink.error("column_home_missing", sheet=table.title, row=table.header_row, file=table.file)
        seen: dict[str, int] = {}
        pending: list[_PendingLearner] = []
        for r in self._readers("learners"):
            lid = r.text("id", required=True)
            if lid is None:
                continue
            if lid in seen:
                r.error("id", "duplicate_id_row", id=lid, first=seen[lid], what="deelnemer", what_en="learner")
                continue
            seen[lid] = r.row
            self.register("learners", lid, r)
            self.info.learner_rows[lid] = r.row
            extras = self.extras[lid] = self._row_extras(table, r)
            pending.append(_PendingLearner(r, self._learner_fields(r, lid, routes)))
            long = [name for name, value in extras.items() if type(value) is str and len(value) > EXCEL_MAX_TEXT]
            if long:
                self._long_texts(table, r, long)
        travel = self._parse_travel(set(seen))
        labels = Names()
        for label in (*self.running_ids, *self.class_labels):
            labels.add(label)
        out = []
        ids = set(seen)
        households = {p.fields["id"]: p.fields["together"] for p in pending}
        for p in pending:
            learner = self._learner(p, travel, ids, labels, households)
            if learner is None:
                self.dropped.add(p.fields["id"])
            else:
                out.append(learner)
        self._check_households(table, out, routes)
        return out

    def _check_households(self, table: Table, learners: list[Learner], routes: list[RouteSettings]) -> None:
        """Warn (at the first member's Samen cell) about a household larger than its route's classes."""
        col = table.col("together")
        if col is None:
            return
        max_size = {x.route: x.max_size for x in (*routes, *self.default_routes)}
        groups: dict[str, list[Learner]] = {}
        for lr in learners:
            if lr.together:
                groups.setdefault(lr.together, []).append(lr)
        for group, members in groups.items():
            limits = {m.route: max_size[m.route] for m in members if m.route in max_size}
            if not limits:
                continue
            route = max(limits, key=lambda name: limits[name])
            if len(members) <= limits[route]:
                continue
            rows = sorted(self.info.learner_rows[m.id] for m in members)
            shown = ", ".join(str(row) for row in rows[:10])
            if len(rows) > 10:
                shown += f" ... {rows[-1]}"
            self.sink.warn("household_too_big", sheet=table.title, row=rows[0], column=col.header,
                           column_letter=col.letter, value=short(group), file=table.file, group=short(group),
                           size=len(members), max=limits[route], route=route, rows=shown)

    def _long_texts(self, table: Table, r: RowReader, names: list[str]) -> None:
        """Warn about kept texts longer than an Excel cell holds (the plan workbook cuts them)."""
        for c in table.columns:
            if c.name in names and not (c.spec is not None and c.spec.key in r.failed):
                value = r.raw.values[c.index]
                self.sink.warn("text_over_excel_limit", sheet=table.title, row=r.row, column=c.header or c.name,
                               column_letter=c.letter, file=table.file, length=len(value), max=EXCEL_MAX_TEXT)

    def _has_home_columns(self, table: Table) -> bool:
        return table.col("district") is not None or table.col("postcode") is not None

    def _describe_learner_columns(self, table: Table) -> None:
        cols = [c for c in table.columns if not (c.spec and c.spec.output)]
        self.info.learner_columns = [c.name for c in cols]
        self.info.extra_columns = [c.name for c in cols if c.spec is None]
        name_col = table.col("name")
        self.info.name_column = name_col.name if name_col else None

    @staticmethod
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

    def _learner_fields(self, r: RowReader, lid: str, routes: list[RouteSettings]) -> dict[str, Any]:
        f: dict[str, Any] = {"id": lid}
        route_text = r.text("route", required=True)
        if route_text is not None:
            f["route"] = self._learner_route(r, route_text)
        level = r.convert("level", lambda v: as_level(v, r.number_format("level")), required=True)
        if level is not None:
            r.note("level", level.note)
            f["level"] = level.score
        f["dayparts"] = r.dayparts("dayparts", required=True)
        f["waiting_since"] = r.date("waiting_since", required=True)
        f["available_from"] = r.date("available_from")
        for key in ("waiting_since", "available_from"):
            self._plausible_date(r, key, f[key])
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
        f["languages"] = frozenset(self._language(x) for x in r.items("languages"))
        pref = r.text("preferred_language")
        f["preferred_language"] = self._language(pref) if pref else None
        f["status"] = r.convert("status", lambda v: as_choice(v, STATUS_CHOICES, STATUS_VALUES))
        f["priority"] = r.integer("priority", 1, 10, default=1)
        f["together"] = r.text("together")
        f["not_with"] = r.items("not_with")
        f["pin_text"] = r.text("pin")
        f["excluded_locations"] = frozenset(
            self._refs(r, "excluded_locations", self.locations, "Locatie", "Location"))
        self._hook_learner_row(r, lid)
        return f

    def _plausible_date(self, r: RowReader, key: str, day: date | None) -> None:
        """Warn about a date more than :data:`PLAUSIBLE_YEARS` from the plan date (a typing error?)."""
        plan = self.plan_date
        if day is None or plan is None or abs((day - plan).days) <= PLAUSIBLE_YEARS * 365.25:
            return
        r.warn(key, "date_long_before" if day < plan else "date_long_after", date=fmt_date(day),
               plan_date=fmt_date(plan), years=PLAUSIBLE_YEARS)

    def _learner_route(self, r: RowReader, text: str) -> str | None:
        canonical = self.routes.get(text)
        if canonical is not None:
            return canonical
        if self.is_csv and "routes" not in self.tables:
            self.routes.add(text)
            self.default_routes.append(RouteSettings(text))
            self.sink.warn("routes_default", route=text)
            return text
        if not self._defined(self.routes):
            r.failed.add("route")
            return None
        r.error("route", "unknown_route_ref", known=self.routes.listing())
        return None

    def _learner(self, p: _PendingLearner, travel: dict[str, dict[str, int]], ids: set[str],
                 labels: Names, households: dict[str, str | None]) -> Learner | None:
        r, f = p.reader, p.fields
        lid = f["id"]
        covers = lid in travel and all(name in travel[lid] for name in self.locations)
        home, home_ok = self._home(r, covers)
        not_with = []
        for ref in f["not_with"]:
            if ref not in ids:
                r.error("not_with", "unknown_learner_ref_cell", ref=short(ref))
            elif ref == lid:
                r.warn("not_with", "not_with_self", id=short(lid))
            elif f["together"] is not None and households.get(ref) == f["together"]:
                r.error("not_with", "not_with_household", ref=short(ref), group=short(f["together"]),
                        row_ref=self.info.learner_rows[ref])
            else:
                not_with.append(ref)
        pin = self._pin(r, f["pin_text"], labels)
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

    def _pin(self, r: RowReader, text: str | None, labels: Names) -> str | None:
        if text is None:
            return None
        if fold_key(text) in _WAITLIST_KEYS:
            return WAITLIST
        label = labels.get(text)
        if label is None:
            r.error("pin", "pin_unknown")
        return label

    # ---- Reistijden ----------------------------------------------------------------------------
    def _parse_travel(self, ids: set[str]) -> dict[str, dict[str, int]]:
        table = self.tables.get("travel")
        out: dict[str, dict[str, int]] = {}
        if table is None or table.header_row is None:
            return out
        loc_cols: list[tuple[Col, str]] = []
        for c in table.columns:
            if c.spec is not None or not c.header or c.header.upper().startswith(EXAMPLE_PREFIX):
                continue
            name = self.locations.get(c.header)
            if name is None:
                self.sink.warn("matrix_unknown_location", sheet=table.title, row=table.header_row,
                               column=c.header, column_letter=c.letter, file=table.file)
            else:
                loc_cols.append((c, name))
        for r in self._readers("travel"):
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
                    self.sink.error(exc.code, **{**place, **exc.params})
            out[lid] = minutes
            self.register("travel", lid, r)
        return out

    # ---- hooks (plan re-import) ----------------------------------------------------------------
    def _hook_before_learners(self, plan_date: date) -> None:
        """Called after running classes are read, before learners."""

    def _hook_learner_row(self, r: RowReader, lid: str) -> None:
        """Called for each learner row (read extra plan columns here)."""

    def _hook_adjust_learners(self, learners: list[Learner]) -> list[Learner]:
        """Last change to the learners before the Problem is built."""
        return learners

    # ---- validation ----------------------------------------------------------------------------
    def _validate(self, problem: Problem) -> None:
        """Place :meth:`Problem.validate` messages on rows; skip ones already reported."""
        error_rows = {(i.sheet, i.row) for i in self.sink.issues if i.is_error and i.row}
        texts = {i.message for i in self.sink.issues}
        for m in problem.validate():
            if any(isinstance(v, str) and v in self.dropped for v in m.params.values()):
                continue
            place = self._place_of(m)
            if (place.get("sheet"), place.get("row")) in error_rows and place.get("row"):
                continue
            issue = Issue.from_message(ERROR, m, **place)
            if issue.message in texts and not place.get("row"):
                continue
            texts.add(issue.message)
            self.sink.add(issue)

    _LEARNER_COLUMN = {
        "unknown_route": "route", "level_range": "level", "no_dayparts": "dayparts",
        "priority_range": "priority", "no_home": "district", "unknown_learner_ref": "not_with",
        "unknown_pin": "pin", "duplicate_id": "id", "bad_daypart": "dayparts",
        "unknown_home": "district", "unknown_location_ref": "excluded_locations",
    }
    _WHERE_SHEET = {"Deelnemer": "learners", "Locatie": "locations", "Lesrooster": "schedules",
                    "Route": "routes", "Klas": "classes", "Lopende klas": "running"}
    _WHAT_SHEET = {"Locatie": "locations", "Lesrooster": "schedules", "Route": "routes",
                   "Lopende klas": "running", "Klas": "classes"}

    def _place_of(self, m: Message) -> dict[str, Any]:
        """Sheet, row and column a validation message is about (as far as known)."""
        p = m.params
        where = str(p.get("where", ""))
        if m.key == "travel_matrix_missing":
            return self._at("travel", p["id"]) or self._at("learners", p["id"], "district")
        if "id" in p and ("learners", p["id"]) in self.rows:
            return self._at("learners", p["id"], self._LEARNER_COLUMN.get(m.key))
        if m.key == "running_bad":
            return self._at("running", p["id"])
        if m.key == "size_range":
            return self._at("routes", p["route"], "min_size")
        if m.key == "start_week_range":
            return self._at("settings", "start_weeks")
        if m.key == "duplicate_name":
            return self._at(self._WHAT_SHEET.get(p["what"], ""), p["name"])
        if m.key == "no_dayparts" and str(p.get("id", "")).startswith("lesrooster "):
            return self._at("schedules", str(p["id"])[len("lesrooster "):], "dayparts")
        if where in ("Docenten", "Instellingen"):
            key = "teachers" if where == "Docenten" else "settings"
            title = self.info.sheets.get(key)
            return {"sheet": title} if title else {}
        for prefix, sheet_key in sorted(self._WHERE_SHEET.items(), key=lambda kv: -len(kv[0])):
            if where.startswith(prefix + " "):
                name = where[len(prefix) + 1:]
                col = self._LEARNER_COLUMN.get(m.key) if sheet_key == "learners" else None
                return self._at(sheet_key, name, col)
        return {}

    def _at(self, sheet_key: str, name: str, col_key: str | None = None) -> dict[str, Any]:
        loc = self.rows.get((sheet_key, name))
        if loc is None:
            title = self.info.sheets.get(sheet_key)
            return {"sheet": title} if title else {}
        title, row, file = loc
        out: dict[str, Any] = {"sheet": title, "row": row, "file": file}
        if sheet_key == "settings":
            out.update(column="Waarde", column_letter="B")
        table = self.tables.get(sheet_key)
        if col_key and table is not None:
            col = table.col(col_key)
            if col is None and col_key == "district":
                col = table.col("postcode")
            if col is not None:
                out.update(column=col.header, column_letter=col.letter)
        return out


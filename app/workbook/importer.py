"""Load a canonical workbook (or a CSV of learners plus a settings workbook) into a Problem.

:func:`load_problem` never raises for a bad file: it returns an :class:`ImportResult` whose
``issues`` say, per cell, what is wrong and what to do (in Dutch, English alongside), and whose
``problem`` is None when any issue is an error. :func:`load_problem_or_raise` raises
:class:`ImportFailed` instead. The source file is opened read-only and never written.

An import is three stages, each in its own module, run by :func:`run_import`:

1. a :class:`app.workbook.sources.Source` yields the sheets' rows with their place (file, sheet,
   row, column): a workbook, a learners CSV with a settings workbook, DataFrames, or an edited
   plan workbook;
2. the rows become tables with recognised columns (:mod:`app.workbook.tables`), and per-sheet
   parsers (:mod:`app.workbook.parse_settings`, :mod:`app.workbook.parse_sheets`,
   :mod:`app.workbook.parse_learners`) turn them into domain objects, reporting every problem
   at its cell; an optional step then changes the parsed data (the plan re-import's edits and
   pins, :func:`app.workbook.plan_edits.apply_plan_edits`);
3. the :class:`Problem` is built and :meth:`Problem.validate` runs on it; its messages are
   placed on the row (and column) they concern (:mod:`app.workbook.placement`); an optional
   check then looks at the Problem (the plan re-import's locked classes,
   :func:`app.workbook.plan_edits.check_known_classes`).

Rules (the format itself is in :mod:`app.workbook.schema`):
- Every problem in the workbook is collected in one pass.
- A CSV file holds the Deelnemers sheet only; everything else comes from ``settings=`` (a
  workbook with the other sheets). Without it, Instellingen take their defaults, each route gets
  default rules (warning), and missing Locaties, Lesroosters and Docenten are errors.
- A sheet missing from the main workbook is taken from ``settings=`` when given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.workbook.context import Names, ParseContext
from app.workbook.issues import Issue
from app.workbook.parse_learners import PLAUSIBLE_YEARS, parse_learners
from app.workbook.parse_settings import parse_settings
from app.workbook.parse_sheets import (
    parse_known_classes,
    parse_locations,
    parse_routes,
    parse_running,
    parse_schedules,
    parse_teachers,
)
from app.workbook.placement import add_validation_issues
from app.workbook.reader import FileProblem
from app.workbook.schema import SheetSpec, match_sheet
from app.workbook.sources import FileSource, SheetRows, Source, SourceInfo
from app.workbook.started import StartedRow
from app.workbook.tables import IssueSink, RowReader, build_table, columns_like
from app.workbook.xlsx_util import gc_paused
from optimizer import domain
from optimizer.domain import Problem
from optimizer.messages import plural

__all__ = [
    "PLAUSIBLE_YEARS", "ImportFailed", "ImportResult", "Names", "ParsedInput", "SourceInfo", "load_problem",
    "load_problem_or_raise", "run_import",
]


@dataclass
class ImportResult:
    """The outcome of an import: a Problem (None when there are errors), issues and kept columns."""

    problem: Problem | None
    issues: list[Issue]
    extras: dict[str, dict[str, Any]]
    source: SourceInfo
    plan_edits: list[Any] = field(default_factory=list)
    """Edits found in a re-imported plan workbook (:class:`app.workbook.reimport.PlanEdit`)."""
    started: tuple[StartedRow, ...] = ()
    """The workbook's sheet *Gestart* (who started in earlier planning weeks), to be written again
    in every workbook written from this import (:mod:`app.workbook.started`)."""

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
    return run_import(FileSource(path, settings), column_mapping)


def load_problem_or_raise(path: str | Path, column_mapping: Mapping[str, Any] | None = None, *,
                          settings: str | Path | None = None) -> Problem:
    """Like :func:`load_problem`, but return the Problem or raise :class:`ImportFailed`."""
    result = load_problem(path, column_mapping, settings=settings)
    if result.problem is None:
        raise ImportFailed(result)
    return result.problem


@dataclass
class ParsedInput:
    """What the sheets gave, before the Problem is built."""

    settings: dict[str, Any]
    """Setting key -> value, plus ``weights`` and ``travel``."""
    schedules: list[domain.Schedule]
    locations: list[domain.Location]
    routes: list[domain.RouteSettings]
    teachers: dict[str, int]
    running: list[domain.RunningClass]
    known_classes: list[tuple[domain.ClassSpec, date]]
    """Classes of a plan workbook's Klassen sheet as entered, with their start dates."""
    learners: list[domain.Learner]
    class_cells: dict[str, tuple[str | None, RowReader]] = field(default_factory=dict)
    """A plan workbook's Klas cell per learner, as read."""
    class_rows: dict[str, RowReader] = field(default_factory=dict)
    """A plan workbook's Klassen row per class of ``known_classes``."""
    previous: dict[str, str | None] = field(default_factory=dict)
    """The earlier plan (learner id -> class), for a re-plan."""
    edits: list[Any] = field(default_factory=list)
    """What the planner edited in a plan workbook (:class:`app.workbook.plan_edits.PlanEdit`)."""


Step = Callable[[ParseContext, ParsedInput], ParsedInput]
"""A change to the parsed data before the Problem is built (it may report issues)."""
Check = Callable[[ParseContext, ParsedInput, Problem], Problem | None]
"""A look at the built Problem that may report issues (an error means no Problem) and may return
the Problem to use instead (None: the one built)."""


def run_import(source: Source, column_mapping: Mapping[str, Any] | None = None, *,
               step: Step | None = None, check: Check | None = None) -> ImportResult:
    """Read ``source``, parse its sheets, apply ``step``, build the Problem and ``check`` it
    (see the module rules).

    A source that looks for the Klassen sheet (a plan workbook) has its learners' Klas cells read."""
    with gc_paused():
        sink = IssueSink()
        ctx = ParseContext(sink, source.info, has_settings=source.info.settings_path is not None)
        try:
            try:
                settings_sheet = read_tables(source, ctx, column_mapping or {})
            except FileProblem as exc:
                sink.error(exc.code, **exc.params)
                return ImportResult(None, sink.finish(), {}, source.info)
            ctx.is_csv = source.is_csv
            data = parse_input(ctx, settings_sheet, class_column=any(s.key == "classes" for s in source.specs))
            if step is not None:
                data = step(ctx, data)
            problem = build_problem(ctx, data)
            if check is not None:
                problem = check(ctx, data, problem) or problem
        finally:
            source.close()
        issues = sink.finish()
        ok = not any(i.is_error for i in issues)
        return ImportResult(problem if ok else None, issues, ctx.extras, source.info, data.edits, source.started)


# ---- stage 1: tables -----------------------------------------------------------------------------
def read_tables(source: Source, ctx: ParseContext, mapping: Mapping[str, Any]) -> SheetRows | None:
    """The source's sheets as tables in ``ctx.tables``; returns the Instellingen sheet (key/value)."""
    settings_sheet = None
    for sheet in source.sheets(ctx.sink):
        ctx.info.sheets[sheet.spec.key] = sheet.title
        if sheet.spec.layout == "keyvalue":
            settings_sheet = sheet
        else:
            _add_table(ctx, sheet, _mapping_for(mapping, sheet.spec))
    return settings_sheet


def _add_table(ctx: ParseContext, sheet: SheetRows, mapping: Mapping[str, str]) -> None:
    spec, raw, file = sheet.spec, sheet.raw, sheet.file
    table = build_table(raw, spec, ctx.sink, file=file, mapping=mapping)
    ctx.tables[spec.key] = table
    if table.header_row is None:
        if spec.key != "running" and spec.key != "travel":
            ctx.sink.error("sheet_empty", sheet=raw.title, file=file)
        return
    for c in spec.input_columns:
        if c.required and table.col(c.key) is None and spec.layout == "table":
            like = columns_like(table, c)
            if like:  # a list from another system names it otherwise: asked, never taken silently
                names = " / ".join(f"'{col.header}' ({col.letter})" for col in like)
                ctx.sink.error("column_missing_like", sheet=raw.title, row=table.header_row, column=c.nl,
                               file=file, like=names)
            else:
                ctx.sink.error("column_missing", sheet=raw.title, row=table.header_row, column=c.nl, file=file)


def _mapping_for(mapping: Mapping[str, Any], spec: SheetSpec) -> Mapping[str, str]:
    """The column mapping of one sheet: a flat mapping is the learners sheet's."""
    nested = {k: v for k, v in mapping.items() if isinstance(v, Mapping)}
    if not nested:
        return mapping if spec.key == "learners" else {}
    for name, sub in nested.items():
        if match_sheet(name, (spec,)) is not None:
            return sub
    return {}


# ---- stage 2: parsing ----------------------------------------------------------------------------
def parse_input(ctx: ParseContext, settings_sheet: SheetRows | None, *, class_column: bool = False) -> ParsedInput:
    """Every sheet parsed, in the order their names are needed: settings, schedules, locations,
    routes, teachers, running classes, a plan workbook's classes, learners (and travel times)."""
    settings = parse_settings(ctx, settings_sheet)
    plan_date: date = settings["plan_date"]
    ctx.plan_date = plan_date
    schedules = parse_schedules(ctx)
    locations = parse_locations(ctx)
    routes = parse_routes(ctx, plan_date)
    teachers = parse_teachers(ctx)
    running = parse_running(ctx, routes)
    class_rows: dict[str, RowReader] = {}
    known = parse_known_classes(ctx, plan_date, class_rows)
    learners = parse_learners(ctx, routes, schedules, class_column=class_column)
    return ParsedInput(settings, schedules, locations, routes, teachers, running, known,
                       learners.learners, learners.class_cells, class_rows=class_rows)


# ---- stage 3: the Problem ------------------------------------------------------------------------
def build_problem(ctx: ParseContext, data: ParsedInput) -> Problem:
    """The Problem of the parsed data, with the checks that need every sheet, validated."""
    sink = ctx.sink
    routes = data.routes + ctx.default_routes
    if not ctx.is_csv or ctx.has_settings:
        for key, what, what_en, names in (("locations", "locaties", "locations", ctx.locations),
                                          ("schedules", "lesroosters", "schedules", ctx.schedules),
                                          ("routes", "routes", "routes", ctx.routes)):
            table = ctx.tables.get(key)
            if table is not None and table.header_row is not None and not len(names):
                sink.error("no_rows", sheet=table.title, what=what, what_en=what_en, file=table.file)
    if "learners" in ctx.tables and not data.learners and not sink.has_errors:
        sink.warn("no_learners", sheet=ctx.tables["learners"].title)
    s = data.settings
    problem = Problem(
        plan_date=s["plan_date"],
        learners=tuple(data.learners),
        locations=tuple(data.locations),
        schedules=tuple(data.schedules),
        routes=tuple(routes),
        teachers=data.teachers,
        horizon_weeks=s["horizon_weeks"],
        start_weeks=s["start_weeks"],
        running=tuple(data.running),
        weights=s["weights"],
        max_travel=s["max_travel"],
        level_step=s["level_step"],
        target_weeks=s["target_weeks"],
        waitlist_extra_weeks=s["waitlist_extra_weeks"],
        min_weeks_left_to_join=s["min_weeks_left_to_join"],
        late_join_weeks=s["late_join_weeks"],
        travel_settings=s["travel"],
        known_classes=tuple(spec for spec, _ in data.known_classes),
        previous=data.previous,
    )
    add_validation_issues(ctx, problem)
    return problem

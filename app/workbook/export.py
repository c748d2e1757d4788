"""The plan workbook: overview, classes, learners, waiting list, class lists and the input again.

:func:`write_plan_workbook` writes, in this order:

- *Overzicht*: plan date, settings, solver status, objective per term, bound and gap,
  kerncijfers, and the diagnosis messages;
- *Klassen*: one row per class (new and running classes taking newcomers);
- *Deelnemers*: every learner with Klas, Startdatum, Wachtweken, Reistijd, Niveauverschil and
  Wachtreden, then the canonical learner columns and the learner's own kept columns. The
  planner may edit Klas and hand the workbook back (:mod:`app.workbook.reimport`);
- *Wachtlijst*; *Afwegingen* (when a trade-off list is given); one sheet per class for teachers;
- the canonical input sheets (Locaties, Lesroosters, Routes, Docenten, Instellingen, Lopende
  klassen, Reistijden), so the workbook re-imports as a problem;
- a hidden sheet ``_Klasvormer`` with each learner's class as exported and each class as
  exported (its output columns too), so edits can be detected on re-import.

Waiting weeks above ``problem.target_weeks`` are shown in red. The file is written atomically.

``lang="en"`` writes what the workbook says to a person in English (:mod:`app.workbook.words`): the
Overzicht, waiting reasons, the Wachtlijst, Wijzigingen and Afwegingen sheets, the class lists, the
help on the headers, on the Klas column and in the drop-downs, the settings' Uitleg. The sheet
names, the headers of the sheets that are read back (Deelnemers, Klassen, the input sheets), the
values read back (``wachtlijst``, ``vrij``, ``ja``/``nee``, dayparts, the settings' names) and the
hidden sheets stay Dutch, so both re-import alike.

With ``pseudonymise=True`` the workbook is fit to share (with a municipality, say): learners
appear by id only. No name, no notes and none of the learner's own columns except those named
in ``keep_columns`` reach any sheet (Deelnemers, Wachtlijst, the class lists, the input sheets);
homes are written as they are planned with, a postcode's four digits or a stadsdeel. The
Overzicht says the workbook was made without names.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.canonical import (
    VALIDATION_ROWS,
    extra_headers,
    write_input_sheets,
    write_learner_sheet,
)
from app.workbook.class_lists import (
    WAITLIST_TEXT,
    class_choices,
    class_list_sheet,
    learner_name,
    level_range,
)
from app.workbook.column_help import column_help
from app.workbook.overview import overview_sheet, status_text
from app.workbook.schema import CLASSES, LEARNERS
from app.workbook.started import STARTED_SHEET, Started, StartedRow, started_sheet
from app.workbook.words import FIGURE_FORMATS, WORDS, figure_label
from app.workbook.xlsx_util import (
    DATE_FORMAT,
    RED_FILL,
    atomic_save,
    autosize,
    fit_row_height,
    footers_in,
    gc_paused,
    print_setup,
    quote_sheet,
    set_value,
    sheet_title,
    title,
    used_area,
    wrap_column,
    wrapped_lines,
    write_row,
    write_table,
)
from optimizer.dayparts import format_dayparts
from optimizer.domain import Learner, Problem
from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS, Plan, PlannedClass

MARKER_SHEET = "_Klasvormer"


MARKER_VERSION = 1


WAIT_REASON_WIDTH = 80


PLAN_LEARNER_KEYS = ("class", "start_date", "wait_weeks", "travel_minutes", "misfit", "reason")


TRADEOFF_FIGURES = ("placed", "waiting", "wait_mean", "wait_p90", "within_target", "misfit_mean",
                    "spread_mean", "travel_mean", "classes_opened")


def write_plan_workbook(problem: Problem, plan: Plan, path: str | Path,
                        extras: Mapping[str, Mapping[str, Any]] | None = None,
                        tradeoff: Sequence[tuple[str, Plan] | tuple[str, Plan, Mapping[str, Any]]] | None = None,
                        *,
                        class_sheets: bool = True, pseudonymise: bool = False,
                        keep_columns: Sequence[str] = (), overwrite_readonly: bool = False,
                        changes: Any = None, lang: str = "nl",
                        started: Sequence[Started | StartedRow] = ()) -> Path:
    """Write the plan workbook (see module docstring) and return its path (mode 0600 when new;
    a read-only ``path`` is replaced only with ``overwrite_readonly``).

    ``lang``: ``"nl"`` or ``"en"``, the language of what the workbook says to a person (titles,
    labels, explanations, waiting reasons, changes, the class lists' days, the help on the Klas
    column, the headers of the sheets only for reading); sheet names, the headers and values
    Klasvormer reads back and the hidden sheet stay Dutch (:mod:`app.workbook.words`), so an
    English workbook re-imports as a Dutch one does.

    ``pseudonymise``: ids only, no names, notes or own columns but ``keep_columns`` (see
    :func:`pseudonymous_extras`, which raises ``ValueError`` for a column it may not keep).
    ``changes``: the change report of a re-plan (:class:`app.workbook.reimport.ReplanReport`), written
    as the sheet *Wijzigingen*. ``started``: the learners who started before the plan date (the
    next planning week, :mod:`app.planner.next_week`, and the sheet *Gestart* of the workbook read:
    :attr:`app.workbook.importer.ImportResult.started`), kept on the sheet *Gestart*.
    """
    if pseudonymise:
        extras = pseudonymous_extras(extras, keep_columns)
        problem = _neutral_households(problem)
    with gc_paused():
        wb = Workbook()
        wb.remove(wb.active)
        name_col = _name_column(extras)
        overview_sheet(wb.create_sheet("Overzicht"), problem, plan, pseudonymise, lang)
        _classes(wb.create_sheet(CLASSES.nl), problem, plan, lang)
        _learners(wb, problem, plan, extras, lang)
        _waitlist(wb.create_sheet("Wachtlijst"), problem, plan, extras, name_col, lang)
        if changes is not None:
            _changes(wb.create_sheet(CHANGES_SHEET), changes, lang)
        if tradeoff:
            _tradeoff(wb.create_sheet("Afwegingen"), tradeoff, lang)
        if started:
            started_sheet(wb.create_sheet(STARTED_SHEET), started, extras, name_col, lang,
                          pseudonymise=pseudonymise, keep_columns=keep_columns)
        if class_sheets:
            for c in plan.classes:
                ws = wb.create_sheet(sheet_title(f"Klas {c.id}", wb.sheetnames))
                class_list_sheet(ws, problem, plan, c, extras, name_col, lang)
        write_input_sheets(wb, problem, extras, learner_sheet=False, validations=True, lang=lang)
        _marker(wb, problem, plan, lang)
        footers_in(wb, lang)
        wb.active = 0
        return atomic_save(wb, path, overwrite_readonly=overwrite_readonly)


# ---- without names -------------------------------------------------------------------------------
def shareable_columns(extras: Mapping[str, Mapping[str, Any]] | None) -> list[str]:
    """The learners' own columns a pseudonymised workbook may keep, in order: every kept column
    that the plan workbook writes, except names and notes."""
    out = []
    for header in extra_headers(extras):
        spec = LEARNERS.match(header)
        if spec is None or spec.key not in ("name", "notes"):
            out.append(header)
    return out


def pseudonymous_extras(extras: Mapping[str, Mapping[str, Any]] | None,
                        keep_columns: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """Each learner's own columns reduced to ``keep_columns`` (names and notes never).

    Raises ``ValueError`` (Dutch text) for a name or notes column, or a column the input does
    not have, so a typing error never passes silently.
    """
    allowed = shareable_columns(extras)
    by_fold = {h.strip().casefold(): h for h in allowed}
    chosen: list[str] = []
    for col in keep_columns:
        spec = LEARNERS.match(col)
        if spec is not None and spec.key in ("name", "notes"):
            raise ValueError(f"Kolom '{col}' bevat namen of notities en gaat nooit mee in een export zonder namen.")
        header = by_fold.get(col.strip().casefold())
        if header is None:
            choices = ", ".join(allowed) or "geen"
            raise ValueError(f"Kolom '{col}' staat niet in de deelnemerslijst; te kiezen: {choices}.")
        chosen.append(header)
    return {lid: {h: row.get(h) for h in chosen} for lid, row in (extras or {}).items()}


def _neutral_households(problem: Problem) -> Problem:
    """``problem`` with each Samen label (a household; a provider may use a family name) replaced
    by a neutral code S1, S2, ... in order of first appearance: who goes together stays visible."""
    codes: dict[str, str] = {}
    for lr in problem.learners:
        if lr.together is not None and lr.together not in codes:
            codes[lr.together] = f"S{len(codes) + 1}"
    if not codes:
        return problem
    learners = tuple(replace(lr, together=codes[lr.together]) if lr.together is not None else lr
                     for lr in problem.learners)
    return replace(problem, learners=learners)


# ---- Klassen -----------------------------------------------------------------------------------
def _class_travel(plan: Plan, c: PlannedClass) -> float | None:
    minutes = [a.travel_minutes for m in c.members if (a := plan.assignments.get(m)) and a.travel_minutes is not None]
    return round(statistics.fmean(minutes), 1) if minutes else None


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def class_row(problem: Problem, plan: Plan, c: PlannedClass) -> list[Any]:
    sched = problem.schedule_by_name.get(c.schedule)
    dayparts = format_dayparts(sched.dayparts) if sched else None
    return [c.id, c.route, c.location, c.schedule, dayparts, c.start_date, c.start_week, c.level,
            level_range(problem, c), c.size, _class_travel(plan, c), c.language, c.group,
            _yes(c.running), _yes(c.locked)]


def _classes(ws: Worksheet, problem: Problem, plan: Plan, lang: str = "nl") -> None:
    headers = [c.nl for c in CLASSES.columns]  # read back: Dutch in both languages
    formats = [DATE_FORMAT if c.key == "start_date" else ("0.0" if c.key == "travel_mean" else None)
               for c in CLASSES.columns]
    comments = [column_help(CLASSES, c, lang) for c in CLASSES.columns]
    write_table(ws, headers, [class_row(problem, plan, c) for c in plan.classes], formats=formats,
                comments=comments)
    for key in ("running", "locked"):  # Vast = ja locks a class on re-import
        letter = get_column_letter([c.key for c in CLASSES.columns].index(key) + 1)
        dv = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
        dv.add(f"{letter}2:{letter}{max(VALIDATION_ROWS, len(plan.classes) + 1)}")
        ws.add_data_validation(dv)
    autosize(ws)
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws))


# ---- Deelnemers --------------------------------------------------------------------------------
def _plan_values(plan: Plan, lang: str = "nl") -> Any:
    def values(lr: Learner) -> list[Any]:
        a = plan.assignments.get(lr.id)
        if a is None:
            return [None] * len(PLAN_LEARNER_KEYS)
        return [a.class_id or WAITLIST_TEXT, a.start_date, a.wait_weeks, a.travel_minutes, a.misfit,
                a.reason.text(lang) if a.reason else None]
    return values


def _learners(wb: Workbook, problem: Problem, plan: Plan, extras: Mapping[str, Mapping[str, Any]] | None,
              lang: str = "nl") -> None:
    headers = [LEARNERS.column(k).nl for k in PLAN_LEARNER_KEYS]  # read back: Dutch in both languages
    ws = write_learner_sheet(wb, problem, extras, plan_headers=headers, plan_values=_plan_values(plan, lang),
                             plan_formats=[None, DATE_FORMAT, None, None, None, None], lang=lang)
    _red_over_target(ws, header_column(ws, LEARNERS.column("wait_weeks").nl), len(problem.learners) + 1,
                     problem.target_weeks)


def header_column(ws: Worksheet, header: str) -> int:
    """The column number of ``header`` in the first row (1 when absent)."""
    return next((cell.column for cell in ws[1] if cell.value == header), 1)


def _red_over_target(ws: Worksheet, col: int, last_row: int, target: int) -> None:
    letter = get_column_letter(col)
    ws.conditional_formatting.add(f"{letter}2:{letter}{max(last_row, 2)}",
                                  CellIsRule(operator="greaterThan", formula=[str(target)], fill=RED_FILL))


def _name_column(extras: Mapping[str, Mapping[str, Any]] | None) -> str | None:
    for row in (extras or {}).values():
        for header in row:
            spec = LEARNERS.match(header)
            if spec is not None and spec.key == "name":
                return header
        return None
    return None


# ---- Wachtlijst --------------------------------------------------------------------------------
def _waitlist(ws: Worksheet, problem: Problem, plan: Plan, extras: Mapping[str, Mapping[str, Any]] | None,
              name_col: str | None, lang: str = "nl") -> None:
    words = [WORDS.text(k, lang) for k in ("col_id", "col_route", "col_level", "col_waiting_since",
                                           "col_wait_weeks", "col_reason")]
    headers = [words[0], *([name_col] if name_col else []), *words[1:]]
    rows = []
    for a in sorted(plan.waiting(), key=lambda a: (-a.wait_weeks, a.learner_id)):
        lr = problem.learner_by_id.get(a.learner_id)
        if lr is None:
            continue
        rows.append([lr.id, *([learner_name(extras, name_col, lr.id)] if name_col else []), lr.route, lr.level,
                     lr.waiting_since, a.wait_weeks, a.reason.text(lang) if a.reason else None])
    formats = [None, *([None] if name_col else []), None, None, DATE_FORMAT, None, None]
    write_table(ws, headers, rows, formats=formats)
    _red_over_target(ws, len(headers) - 1, len(rows) + 1, problem.target_weeks)  # Wachtweken
    autosize(ws)
    if (ws.column_dimensions[get_column_letter(len(headers))].width or 0) > WAIT_REASON_WIDTH:
        wrap_column(ws, len(headers), WAIT_REASON_WIDTH)  # Wachtreden: whole, on more lines
    print_setup(ws, landscape=True, title_rows="1:1", area=used_area(ws, len(headers)))


# ---- Wijzigingen -------------------------------------------------------------------------------
CHANGES_SHEET = "Wijzigingen"


CHANGES_HEADERS = ("Soort", "Id", "Van", "Naar", "Reden")
CHANGES_KEYS = ("change_kind", "col_id", "change_from", "change_to", "change_reason")


CHANGES_TEXT_WIDTH = 36
"""Width beyond which Van, Naar and Reden of *Wijzigingen* are wrapped onto more lines."""


def _changes(ws: Worksheet, changes: Any, lang: str = "nl") -> None:
    """The re-plan's change report: who moved from which class to which and why, classes whose
    start shifted, that opened or closed (``changes``: :class:`app.workbook.reimport.ReplanReport`).

    It prints as the other tables: landscape, one page wide, the header row (row 4) on every
    page; long Van, Naar and Reden wrap, and the summary (row 2) wraps over the table's width
    (unwrapped, LibreOffice printed the Reden column and the summary on pages of their own)."""
    last = write_table(ws, [WORDS.text(k, lang) for k in CHANGES_KEYS], changes.rows(lang), start_row=4)
    autosize(ws)
    for col in range(3, len(CHANGES_HEADERS) + 1):  # Van, Naar, Reden
        if (ws.column_dimensions[get_column_letter(col)].width or 0) > CHANGES_TEXT_WIDTH:
            wrap_column(ws, col, CHANGES_TEXT_WIDTH, first_row=5, last_row=last, vertical="top")
    title(ws, 1, WORDS.text("changes_title", lang))
    summary = changes.summary(lang)
    cell = set_value(ws.cell(row=2, column=1), summary)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(CHANGES_HEADERS))
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 8 for c in range(1, len(CHANGES_HEADERS) + 1))
    fit_row_height(ws, 2, wrapped_lines(summary, width))
    print_setup(ws, landscape=True, title_rows="4:4", area=used_area(ws, len(CHANGES_HEADERS), max(last, 4)))


# ---- Afwegingen --------------------------------------------------------------------------------
FRONTIER_COLUMNS = (
    ("gap", "Hooguit beter mogelijk", "0.0%"),
    ("later", "Later gestart dan bij snelste start", None),
    ("better_fit", "Beter passende klas", None),
    ("further", "Verder reizen", None),
    ("step", "Stap vanaf vorige plan", None),
    ("what_changes", "Wat verandert voor deelnemers", None),
    ("cap", "Grens gem. wachttijd (weken)", "0.00"),
    ("bound", "Bewezen ondergrens doelfunctie", "#,##0"),
)
"""Extra columns for the frontier's points (``optimizer.frontier``): given as a third item
per row, a dict with these keys. The first six are the planner's (see :func:`_tradeoff`).
Their headers in either language are :data:`WORDS` ``frontier_<key>`` (the Dutch one here too)."""
PLANNER_FIGURES = ("wait_mean", "misfit_mean", "travel_mean", "placed")
"""The figures of the trade-off that come first on the Afwegingen sheet."""
PLANNER_FRONTIER = 6
"""How many of :data:`FRONTIER_COLUMNS` (the first) come with the planner's columns."""
TRADEOFF_TEXT_WIDTH = 40
"""Width of the sheet's sentences ("Stap vanaf vorige plan", "Wat verandert voor deelnemers"), wrapped."""
TRADEOFF_NUMBER_WIDTH = 16
"""Width of its number columns, their headers wrapped onto more lines."""


def _tradeoff(ws: Worksheet, tradeoff: Sequence[tuple[str, Plan] | tuple[str, Plan, Mapping[str, Any]]],
              lang: str = "nl") -> None:
    """One row per plan: first what a planner weighs (the plan's name, mean wait, misfit and
    travel, how many placed; of a frontier's point how much better it could be and what changes
    for people), then the analyst's figures (status, objective and its terms, cap, bound). It
    prints landscape, up to three pages wide with the plan's name on each: on one page 27 columns
    printed too small to read (LibreOffice's PDF of the sample's frontier)."""
    extra = [row[2] if len(row) > 2 else {} for row in tradeoff]
    frontier = [c for c in FRONTIER_COLUMNS if any(e.get(c[0]) is not None for e in extra)]
    first = [c for c in frontier if c in FRONTIER_COLUMNS[:PLANNER_FRONTIER]]
    last = [c for c in frontier if c not in first]
    other = [k for k in TRADEOFF_FIGURES if k not in PLANNER_FIGURES]

    def w(key: str, **params: Any) -> str:
        return WORDS.text(key, lang, **params)

    keys = ["plan", *PLANNER_FIGURES, *[c[0] for c in first], "status", "objective", *other,
            *[f"points_{k}" for k in OBJECTIVE_TERMS], *[c[0] for c in last]]
    headers = [w("tradeoff_plan"), *[figure_label(k, lang) for k in PLANNER_FIGURES],
               *[w(f"frontier_{c[0]}") for c in first], w("tradeoff_status"), w("tradeoff_objective"),
               *[figure_label(k, lang) for k in other],
               *[w("tradeoff_points", term=TERM_LABELS.text(k, lang)) for k in OBJECTIVE_TERMS],
               *[w(f"frontier_{c[0]}") for c in last]]
    formats = [None, *[FIGURE_FORMATS.get(k) for k in PLANNER_FIGURES], *[c[2] for c in first], None, "#,##0",
               *[FIGURE_FORMATS.get(k) for k in other], *["#,##0"] * len(OBJECTIVE_TERMS), *[c[2] for c in last]]
    rows = [[row[0], *[row[1].figures.get(k) for k in PLANNER_FIGURES], *[e.get(c[0]) for c in first],
             status_text(row[1], lang), row[1].objective, *[row[1].figures.get(k) for k in other],
             *[row[1].terms.get(k) for k in OBJECTIVE_TERMS], *[e.get(c[0]) for c in last]]
            for row, e in zip(tradeoff, extra, strict=True)]
    write_table(ws, headers, rows, formats=formats)
    autosize(ws)
    for col, key in enumerate(keys, start=1):
        if key in ("step", "what_changes"):  # sentences
            wrap_column(ws, col, TRADEOFF_TEXT_WIDTH, vertical="top")
        elif col == 1:
            wrap_column(ws, col, min(max(ws.column_dimensions["A"].width, 12), 30), vertical="top")
        elif key == "status":
            wrap_column(ws, col, TRADEOFF_NUMBER_WIDTH + 5, vertical="top")
        else:
            ws.column_dimensions[get_column_letter(col)].width = TRADEOFF_NUMBER_WIDTH
            for row in range(2, len(rows) + 2):
                ws.cell(row=row, column=col).alignment = Alignment(vertical="top")
        ws.cell(row=1, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    fit_row_height(ws, 1, max(wrapped_lines(h, TRADEOFF_NUMBER_WIDTH) for h in headers))
    print_setup(ws, landscape=True, pages_wide=3, title_rows="1:1", title_cols="A:A", area=used_area(ws))


MARKER_CLASS_HEADERS = ("Klas", "Route", "Locatie", "Lesrooster", "Startdatum", "Niveau", "Taal", "Groep", "Vast")


MARKER_OUTPUT_KEYS = ("dayparts", "level_range", "size", "travel_mean")
"""The output-only columns of Klassen (but Startweek) as exported, in columns P:S of the hidden sheet,
so that an edit of one can be told on re-import."""
MARKER_OUTPUT_COLUMN = 16


LEARNER_DATA_FIELDS = (
    ("route", "route"), ("level", "level"), ("dayparts", "dayparts"), ("home", "postcode"),
    ("waiting_since", "waiting_since"), ("available_from", "available_from"),
    ("preferred_dayparts", "preferred_dayparts"), ("max_travel", "max_travel"), ("literacy", "literacy"),
    ("profile", "profile"), ("languages", "languages"), ("preferred_language", "preferred_language"),
    ("status", "status"), ("priority", "priority"), ("together", "together"), ("not_with", "not_with"),
    ("excluded_locations", "excluded_locations"),
)
"""The learner's own data a plan workbook keeps a digest of (the Learner field, the column key of
Deelnemers; a home is the Postcode or the Stadsdeel column), so that an edit of it on re-import is
said: a sheet sorted on some of its columns only gives every learner another's data."""
LEARNER_DIGEST_VERSION = "1"


def _field_digest(value: Any) -> str:
    if isinstance(value, frozenset):
        value = sorted(value)
    elif isinstance(value, date):
        value = value.isoformat()
    return hashlib.blake2b(repr(value).encode(), digest_size=2).hexdigest()


def learner_digest(lr: Learner) -> str:
    """A short digest of each of :data:`LEARNER_DATA_FIELDS` of ``lr`` (4 hex digits a field, after
    the version and a colon): the hidden sheet's column C, which names no value."""
    return LEARNER_DIGEST_VERSION + ":" + "".join(_field_digest(getattr(lr, f)) for f, _ in LEARNER_DATA_FIELDS)


def changed_learner_fields(lr: Learner, digest: str) -> list[str] | None:
    """The column keys (:data:`LEARNER_DATA_FIELDS`) of ``lr`` whose digest differs from ``digest``
    as exported; None when ``digest`` is not one :func:`learner_digest` writes."""
    version, _, hexes = digest.partition(":")
    if version != LEARNER_DIGEST_VERSION or len(hexes) != 4 * len(LEARNER_DATA_FIELDS):
        return None
    return [key for i, (f, key) in enumerate(LEARNER_DATA_FIELDS)
            if hexes[4 * i:4 * i + 4] != _field_digest(getattr(lr, f))]


def _marker(wb: Workbook, problem: Problem, plan: Plan, lang: str = "nl") -> None:
    """Hidden sheet: the plan date (C1); learner -> class as exported (A:B) and a digest of their data (C, :func:`learner_digest`), classes as exported (D:L), class choices (N),
    the classes' output columns as exported (P:S, :data:`MARKER_OUTPUT_KEYS`); the drop-down, its prompt and a note on handing the workbook back on the Klas column.
    The hidden sheet is Dutch in both languages; the drop-down's texts and the note are in ``lang``."""
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "hidden"
    write_row(ws, 1, ["Klasvormer planwerkmap", MARKER_VERSION, problem.plan_date])  # C1: the plan date exported
    write_row(ws, 2, ["Deelnemer", "Klas", "Gegevens"])
    for row, lr in enumerate(problem.learners, start=3):
        a = plan.assignments.get(lr.id)
        write_row(ws, row, [lr.id, (a.class_id or WAITLIST_TEXT) if a else None, learner_digest(lr)])
    for col, header in enumerate(MARKER_CLASS_HEADERS, start=4):
        set_value(ws.cell(row=2, column=col), header)
    for row, c in enumerate(plan.classes, start=3):
        values = [c.id, c.route, c.location, c.schedule, c.start_date, c.level, c.language, c.group, _yes(c.locked)]
        for col, value in enumerate(values, start=4):
            if value is not None:
                set_value(ws.cell(row=row, column=col), value)
        shown = dict(zip((k.key for k in CLASSES.columns), class_row(problem, plan, c), strict=True))
        for col, key in enumerate(MARKER_OUTPUT_KEYS, start=MARKER_OUTPUT_COLUMN):
            if shown[key] is not None:
                set_value(ws.cell(row=row, column=col), shown[key])
    for col, key in enumerate(MARKER_OUTPUT_KEYS, start=MARKER_OUTPUT_COLUMN):
        set_value(ws.cell(row=2, column=col), CLASSES.column(key).nl)
    choices = class_choices(problem, plan)
    set_value(ws.cell(row=2, column=14), "Keuzes Klas")
    for row, value in enumerate(choices, start=3):
        set_value(ws.cell(row=row, column=14), value)
    learners = wb[LEARNERS.nl]
    ref = f"{quote_sheet(MARKER_SHEET)}!$N$3:$N${len(choices) + 2}"
    dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True, errorStyle="warning",
                        showInputMessage=True)
    dv.error = WORDS.text("class_edit_error", lang)
    dv.errorTitle = "Klasvormer"
    dv.promptTitle = WORDS.text("class_edit_title", lang)
    dv.prompt = WORDS.text("class_edit_hint", lang)
    col = header_column(learners, LEARNERS.column("class").nl)
    letter = get_column_letter(col)
    dv.add(f"{letter}2:{letter}{max(VALIDATION_ROWS, len(problem.learners) + 1)}")
    learners.cell(row=1, column=col).comment = Comment(WORDS.text("class_edit_help", lang), "Klasvormer",
                                                       width=320, height=160)
    learners.add_data_validation(dv)

"""The blank template and the writer of a Problem as a canonical input workbook.

:func:`write_template` gives planners a workbook to fill in: an instruction sheet *Uitleg*
(every sheet and column: meaning, allowed values, example), frozen bold headers with help
comments, drop-downs, date-formatted date columns, and example rows whose key starts with
``VOORBEELD`` (the importer skips them). :func:`write_input_workbook` writes a Problem in the
same format, so that :func:`app.workbook.importer.load_problem` reads back an equal Problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from app.workbook.canonical import write_input_sheets
from app.workbook.column_help import column_help, kind_text, setting_help, sheet_help
from app.workbook.schema import EXAMPLE_PREFIX, INPUT_SHEETS, SETTINGS, SheetSpec
from app.workbook.started import STARTED_SHEET, Started, StartedRow, started_sheet
from app.workbook.xlsx_util import (
    HEADER_FILL,
    HEADER_FONT,
    atomic_save,
    bold,
    fit_row_height,
    print_setup,
    set_value,
    title,
    used_area,
    wrapped_lines,
)
from optimizer.domain import Problem
from optimizer.messages import Catalogue

EXAMPLES: dict[str, Any] = {
    "learners": [
        {"id": f"{EXAMPLE_PREFIX}-1", "route": "B1", "level": 55, "dayparts": "ma-ochtend, wo-ochtend, vr-ochtend",
         "district": "Nieuw-West", "waiting_since": date(2025, 1, 6), "literacy": "ja",
         "languages": "Arabisch, Engels", "status": "statushouder", "priority": 1,
         "Naam": "Amina Voorbeeld", "Notities": "belt liever dan te mailen"},
        {"id": f"{EXAMPLE_PREFIX}-2", "route": "B1", "level": "gemiddeld", "dayparts": "ochtend",
         "postcode": "1102 AB", "waiting_since": date(2025, 2, 3), "available_from": date(2025, 3, 3),
         "preferred_dayparts": "ma-ochtend", "max_travel": 30, "status": "gezinsmigrant",
         "together": "H-12", "Naam": "Jan Voorbeeld"},
        {"id": f"{EXAMPLE_PREFIX}-3", "route": "Z", "level": "langzaam niet-gealfabetiseerd",
         "dayparts": "di-middag, do-middag", "district": "Noord", "waiting_since": date(2024, 11, 18),
         "languages": "Tigrinya", "preferred_language": "Tigrinya", "priority": 2,
         "excluded_locations": "Locatie Zuid"},
    ],
    "locations": [[f"{EXAMPLE_PREFIX} Locatie Noord", "Noord", None, 2, "ochtend, middag"],
                  [f"{EXAMPLE_PREFIX} Locatie Zuid", None, "1073 AB", 3, "ochtend, middag, avond"]],
    "schedules": [[f"{EXAMPLE_PREFIX} ma-wo-vr ochtend", "ma-ochtend, wo-ochtend, vr-ochtend"],
                  [f"{EXAMPLE_PREFIX} di-do middag", "di-middag, do-middag"]],
    "routes": [[f"{EXAMPLE_PREFIX} B1", 8, 15, 20, 26, None, None, "geen", None, None],
               [f"{EXAMPLE_PREFIX} Z", 8, 12, 15, 40, "di-do middag", None, "profiel", None, 30]],
    "teachers": [[f"{EXAMPLE_PREFIX} ma-ochtend", 3]],
    "running": [[f"{EXAMPLE_PREFIX}-L01", "B1", "Locatie Noord", "ma-wo-vr ochtend", 40, 60, 3,
                 date(2025, 6, 30), None, None]],
    "travel": [[f"{EXAMPLE_PREFIX}-1", 25, 40]],
}
"""Example rows of the template; each key cell starts with ``VOORBEELD`` so imports skip it."""

UITLEG = Catalogue({
    "rule.header": (
        "Vul elk blad in; de kopregel (rij 1) moet blijven staan. Kolomkoppen mogen in het Nederlands of "
        "Engels; hoofdletters, accenten, spaties, '_' en '-' maken niet uit.",
        "Fill in every sheet; the header row (row 1) must stay. Column headers may be Dutch or English; "
        "capitals, accents, spaces, '_' and '-' do not matter. Sheet names and the values below stay Dutch "
        "(ja/nee, ma-ochtend, ...)."),
    "rule.examples": (
        "Rijen waarvan de eerste cel met VOORBEELD begint, zijn voorbeelden en worden niet ingelezen. "
        "U mag ze laten staan of verwijderen.",
        "Rows whose first cell starts with VOORBEELD are examples and are not read. You may keep or delete them."),
    "rule.dates": (
        "Datums: als Excel-datum of als tekst dd-mm-jjjj, jjjj-mm-dd of d-m-jj.",
        "Dates: as an Excel date or as text dd-mm-yyyy, yyyy-mm-dd or d-m-yy."),
    "rule.dayparts": (
        "Dagdelen: ma-ochtend, di-middag, wo-avond, ...; 'ochtend' = elke werkdag 's ochtends; "
        "'ma' = de hele maandag; 'ma/wo/vr ochtend' = drie ochtenden. Meerdere met komma's. Let op: "
        "'ma-vr ochtend' betekent maandag- en vrijdagochtend (geen reeks); schrijf 'ma t/m vr ochtend' of "
        "'ochtend' voor elke werkdag.",
        "Dayparts (in Dutch): ma-ochtend (Monday morning), di-middag (Tuesday afternoon), wo-avond (Wednesday "
        "evening), ...; 'ochtend' = every weekday morning; 'ma' = all of Monday; 'ma/wo/vr ochtend' = three "
        "mornings. Several with commas. Note: 'ma-vr ochtend' means Monday and Friday morning (not a range); "
        "write 'ma t/m vr ochtend' or 'ochtend' for every weekday."),
    "rule.lists": (
        "Lijsten (talen, id's, locaties): gescheiden door , ; of /.",
        "Lists (languages, ids, locations): separated by , ; or /."),
    "rule.yesno": (
        "Ja/nee: ja, nee, yes, no, j, n, 1, 0.",
        "Yes/no: ja, nee, yes, no, j, n, 1, 0."),
    "rule.postcode": (
        "Postcode: 4 cijfers, letters mogen erbij (1102 AB). Een postcode gaat voor een stadsdeel.",
        "Postcode: 4 digits, letters may follow (1102 AB). A postcode wins over a stadsdeel (district)."),
    "rule.extra": (
        "Extra kolommen op het blad Deelnemers worden bewaard en in het plan teruggegeven. "
        "Namen en notities worden nooit gebruikt voor de planning.",
        "Extra columns on the Deelnemers sheet are kept and returned in the plan. Names and notes are never "
        "used for planning."),
    "rule.travel": (
        "Het blad Reistijden is optioneel: vul per deelnemer de reistijd in minuten naar elke locatie "
        "(kolomkop = locatienaam); dat gaat voor de schatting uit stadsdeel/postcode.",
        "The Reistijden (travel times) sheet is optional: per learner the travel time in minutes to each location "
        "(column header = location name); it wins over the estimate from district/postcode."),
    "title": ("Klasvormer - invoerwerkmap", "Klasvormer - input workbook"),
    "sheet": ("Blad {name}{optional}: {help}", "Sheet {name}{optional}: {help}"),
    "optional": (" (optioneel blad)", " (optional sheet)"),
    "settings": ("Blad Instellingen (kolom A de instelling, kolom B de waarde)",
                 "Sheet Instellingen (settings: column A the setting, column B the value)"),
    "column": ("Kolom", "Column"),
    "required": ("Verplicht", "Required"),
    "meaning": ("Betekenis", "Meaning"),
    "allowed": ("Toegestane waarden", "Allowed values"),
    "example": ("Voorbeeld", "Example"),
    "english": ("Engels", "English header"),
    "variants": ("Ook herkend", "Also recognised"),
    "setting": ("Instelling", "Setting"),
    "default": ("Standaard", "Default"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "travel_column": ("(locatienaam)", "(location name)"),
    "travel_meaning": ("Eén kolom per locatie: reistijd enkele reis in minuten.",
                       "One column per location: one-way travel time in minutes."),
    "travel_allowed": ("geheel getal 0-600", "whole number 0-600"),
})
"""The template's instruction sheet (Uitleg), Dutch and English. The sheet names, headers and
values it names stay Dutch: they are what the importer reads (README)."""

RULES = ("rule.header", "rule.examples", "rule.dates", "rule.dayparts", "rule.lists", "rule.yesno",
         "rule.postcode", "rule.extra", "rule.travel")
"""The general rules at the top of Uitleg, in this order."""


def write_template(path: str | Path, lang: str = "nl") -> Path:
    """A blank canonical workbook with instructions, drop-downs and ignored example rows; the
    instructions, the headers' help and the drop-downs' error in ``lang`` (``"nl"`` or ``"en"``)."""
    wb = Workbook()
    wb.remove(wb.active)
    _uitleg(wb, lang)
    write_input_sheets(wb, None, examples=EXAMPLES, lang=lang)
    wb.active = 0
    return atomic_save(wb, path, private=False)  # an empty template: no personal data


def write_input_workbook(problem: Problem, path: str | Path,
                         extras: Mapping[str, Mapping[str, Any]] | None = None, *,
                         started: Sequence[Started | StartedRow] = (), lang: str = "nl",
                         pseudonymise: bool = False, keep_columns: Sequence[str] = ()) -> Path:
    """``problem`` in the canonical format (with ``extras``' kept columns), re-importable as is;
    ``started``: learners who started before the plan date, on the sheet *Gestart*.
    ``pseudonymise``: ids only, as :func:`app.workbook.export.write_plan_workbook` writes them (no
    names, notes or own columns but ``keep_columns``; households as neutral codes)."""
    from app.workbook.export import _name_column, _neutral_households, pseudonymous_extras

    if pseudonymise:
        extras = pseudonymous_extras(extras, keep_columns)
        problem = _neutral_households(problem)
    wb = Workbook()
    wb.remove(wb.active)
    _uitleg(wb)
    write_input_sheets(wb, problem, extras)
    if started:
        started_sheet(wb.create_sheet(STARTED_SHEET), started, extras, _name_column(extras), lang,
                      pseudonymise=pseudonymise, keep_columns=keep_columns)
    wb.active = 1
    return atomic_save(wb, path)


UITLEG_WIDTHS = (30, 9, 46, 30, 22, 18, 30)
"""Column widths of Uitleg (Kolom, Verplicht, Betekenis, Toegestane waarden, Voorbeeld, Engels,
Ook herkend): printed landscape on one page width."""
UITLEG_WRAPPED = (3, 4, 5, 7)
"""Uitleg columns whose text wraps."""


def _uitleg(wb: Workbook, lang: str = "nl") -> None:
    """The instruction sheet: general rules, then a table per sheet and the settings."""
    w = UITLEG.table(lang)
    ws = wb.create_sheet("Uitleg")
    title(ws, 1, w["title"])
    row = 3
    rule_width = sum(UITLEG_WIDTHS[1:])
    for key in RULES:
        rule = w[key]
        bullet = set_value(ws.cell(row=row, column=1), "•")
        bullet.alignment = Alignment(horizontal="right", vertical="top")
        set_value(ws.cell(row=row, column=2), rule)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(UITLEG_WIDTHS))
        ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        fit_row_height(ws, row, wrapped_lines(rule, rule_width))
        row += 1
    for spec in INPUT_SHEETS:
        row = _sheet_section(ws, row + 1, spec, lang)
    row += 1
    bold(ws, row, 1, w["settings"])
    row += 1
    # in the columns of the tables above: Betekenis, Engels and Ook herkend line up
    for col, key in zip((1, 3, 4, 5, 6, 7), ("setting", "meaning", "default", "example", "english", "variants"),
                        strict=True):
        _head(ws, row, col, w[key])
    ws.cell(row=row, column=2).fill = HEADER_FILL
    for s in SETTINGS:
        row += 1
        values = (s.nl, setting_help(s, lang), s.default, s.example, s.en, ", ".join(s.variants))
        for col, value in zip((1, 3, 4, 5, 6, 7), values, strict=True):
            if value not in (None, ""):
                set_value(ws.cell(row=row, column=col), value)
        _wrap_row(ws, row)
    for letter, width in zip("ABCDEFG", UITLEG_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    print_setup(ws, landscape=True, area=used_area(ws, len(UITLEG_WIDTHS)))


def _wrap_row(ws: Any, row: int) -> None:
    """Wrap the long-text cells of a table row on Uitleg, left and top aligned, the row tall enough."""
    lines = 1
    for col in range(1, len(UITLEG_WIDTHS) + 1):
        cell = ws.cell(row=row, column=col)
        wrapped = col in UITLEG_WRAPPED
        cell.alignment = Alignment(horizontal="left", wrap_text=wrapped, vertical="top")
        if wrapped and cell.value is not None:
            lines = max(lines, wrapped_lines(str(cell.value), UITLEG_WIDTHS[col - 1]))
    if lines > 1:
        fit_row_height(ws, row, lines)


def _head(ws: Any, row: int, col: int, text: str) -> None:
    cell = set_value(ws.cell(row=row, column=col), text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL


def _sheet_section(ws: Any, row: int, spec: SheetSpec, lang: str = "nl") -> int:
    w = UITLEG.table(lang)
    optional = "" if spec.required else w["optional"]
    bold(ws, row, 1, UITLEG.text("sheet", lang, name=spec.nl, optional=optional, help=sheet_help(spec, lang)))
    if spec.key == "settings":
        return row
    row += 1
    for col, key in enumerate(("column", "required", "meaning", "allowed", "example", "english", "variants"), 1):
        _head(ws, row, col, w[key])
    for c in spec.input_columns:
        row += 1
        allowed = ", ".join(c.allowed) or kind_text(c.kind, lang)
        values = (c.nl, w["yes"] if c.required else w["no"], column_help(spec, c, lang), allowed, c.example, c.en,
                  ", ".join(c.variants))
        for col, value in enumerate(values, 1):
            if value not in (None, ""):
                set_value(ws.cell(row=row, column=col), value)
        _wrap_row(ws, row)
    if spec.key == "travel":
        row += 1
        set_value(ws.cell(row=row, column=1), w["travel_column"])
        set_value(ws.cell(row=row, column=3), w["travel_meaning"])
        set_value(ws.cell(row=row, column=4), w["travel_allowed"])
        _wrap_row(ws, row)
    return row + 1

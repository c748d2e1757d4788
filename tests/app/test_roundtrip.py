"""Round trips: Problem -> canonical workbook -> Problem; the template; kept columns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl

from app.workbook.canonical import VALIDATION_ROWS, append_rows
from app.workbook.importer import load_problem
from app.workbook.template import RULES, write_input_workbook, write_template
from optimizer.domain import PRESETS, Problem

from .conftest import make_problem

EXTRAS = {
    "D1": {"Id": "D1", "Naam": "Ali B.", "Mentor": "Fatima", "Notities": "belt liever", "Klantcode": 17},
    "D3": {"Id": "D3", "Naam": "Sara", "Mentor": None, "Notities": None, "Klantcode": 18},
}


def test_input_workbook_reads_back_an_equal_problem(tmp_path: Path, problem: Problem) -> None:
    path = write_input_workbook(problem, tmp_path / "invoer.xlsx")
    result = load_problem(path)
    assert result.issues == []
    assert result.problem == problem


def test_presets_and_custom_weights_round_trip(tmp_path: Path, problem: Problem) -> None:
    for weights in (PRESETS["homogeen"], replace(PRESETS["snelle start"], new_class=7)):
        p = problem.with_weights(weights)
        assert load_problem(write_input_workbook(p, tmp_path / "w.xlsx")).problem == p


def test_extras_come_back_in_original_order(tmp_path: Path, problem: Problem) -> None:
    path = write_input_workbook(problem, tmp_path / "extra.xlsx", extras=EXTRAS)
    result = load_problem(path)
    assert result.problem == problem
    assert result.source.extra_columns == ["Mentor", "Klantcode"]
    assert result.source.name_column == "Naam"
    kept = {k: v for k, v in result.extras["D1"].items() if k in ("Naam", "Mentor", "Notities", "Klantcode")}
    assert list(kept) == ["Naam", "Mentor", "Notities", "Klantcode"]
    assert kept == {"Naam": "Ali B.", "Mentor": "Fatima", "Notities": "belt liever", "Klantcode": 17}
    assert [i.code for i in result.issues] == ["column_unknown", "column_unknown"]
    again = load_problem(write_input_workbook(result.problem, tmp_path / "opnieuw.xlsx", result.extras))
    assert again.extras == result.extras


def test_template_examples_are_ignored_and_template_can_be_filled(tmp_path: Path, problem: Problem) -> None:
    path = write_template(tmp_path / "sjabloon.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Uitleg", "Deelnemers"]
    ws = wb["Deelnemers"]
    assert ws.freeze_panes == "B2" and ws["A1"].font.b
    assert ws["A2"].value.startswith("VOORBEELD") and ws["A1"].comment is not None
    assert ws.data_validations.dataValidation, "drop-downs expected"
    assert wb["Lijsten"].sheet_state == "hidden"
    dates = [c for c in ws[1] if c.value == "Wacht sinds"][0].column_letter
    assert ws[f"{dates}2"].is_date and ws[f"{dates}2"].number_format == "DD-MM-YYYY"
    assert ws.column_dimensions[dates].number_format == "DD-MM-YYYY"
    uitleg = [c.value for row in wb["Uitleg"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Wacht sinds" in uitleg and "gewicht wachten" in uitleg
    empty = load_problem(path)
    assert {i.code for i in empty.errors} == {"no_rows"}
    assert not any("VOORBEELD" in i.message for i in empty.issues)

    # fill the template as a planner would: the example rows stay
    append_rows(wb["Locaties"], [["Locatie Noord", "Noord", None, 2, "ochtend"]])
    append_rows(wb["Lesroosters"], [["ma-wo-vr ochtend", "ma-ochtend, wo-ochtend, vr-ochtend"]])
    append_rows(wb["Routes"], [["B1"]])
    append_rows(wb["Docenten"], [["ochtend", 2]])
    append_rows(wb["Deelnemers"], [["A1", "B1", 40, "ochtend", "Oost"] + [None] * 1 + [date(2025, 1, 6)]])
    for row in wb["Instellingen"].iter_rows(min_row=2):
        if row[0].value == "plandatum":
            row[1].value = date(2025, 1, 6)
    wb.save(path)
    filled = load_problem(path)
    assert filled.ok, filled.summary()
    assert [lr.id for lr in filled.problem.learners] == ["A1"]
    assert filled.problem.routes[0].min_size == 8 and filled.problem.teachers["vr-ochtend"] == 2
    assert filled.problem.locations[0].rooms == {f"{d}-ochtend": 2 for d in ("ma", "di", "wo", "do", "vr")}


def test_location_with_room_counts_per_daypart_and_settings_defaults(tmp_path: Path) -> None:
    problem = make_problem()
    assert len({*problem.locations[0].rooms.values()}) == 2  # written as two rows, read back as one
    path = write_input_workbook(problem, tmp_path / "loc.xlsx")
    ws = openpyxl.load_workbook(path)["Locaties"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["Locatie Noord", "Locatie Noord",
                                                                          "Locatie Zuid"]
    assert load_problem(path).problem.locations == problem.locations
    assert load_problem(path).problem.plan_date == date(2025, 1, 6)


def test_template_has_the_columns_uitleg_lists_filters_far_enough_and_offers_no_examples(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "sjabloon.xlsx"))
    ws = wb["Deelnemers"]
    headers = [c.value for c in ws[1]]
    uitleg = wb["Uitleg"]
    listed = [r[0] for r in uitleg.iter_rows(values_only=True)]
    section = listed[listed.index("Kolom") + 1:]
    deelnemers = section[:section.index(None)]  # the columns Uitleg lists for Deelnemers
    assert deelnemers[-2:] == ["Naam", "Notities"] and set(deelnemers) <= set(headers)
    assert headers[-2:] == ["Naam", "Notities"] and ws["B2"].value is not None
    for name in ("Deelnemers", "Locaties", "Lesroosters", "Routes", "Lopende klassen"):
        ref = wb[name].auto_filter.ref
        assert ref.endswith(str(VALIDATION_ROWS)), (name, ref)  # not only the example rows
    letter = ws.cell(row=1, column=headers.index("Route") + 1).column_letter
    route_dv = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{letter}2:"))
    assert route_dv.formula1.startswith("OFFSET('Routes'!$A$2,COUNTIF(") and '"VOORBEELD*"' in route_dv.formula1
    for dv in [*ws.data_validations.dataValidation, *wb["Lopende klassen"].data_validations.dataValidation]:
        assert dv.formula1.startswith(("OFFSET(", "'Lijsten'!")), dv.formula1  # never a column with examples
    rules = [r for r in uitleg.iter_rows(min_row=3, max_row=3 + len(RULES) - 1)]
    for (_bullet, text, *_rest) in rules:  # each rule wrapped, its row tall enough for long ones
        assert text.alignment.wrap_text
        if len(text.value) > 200:
            assert uitleg.row_dimensions[text.row].height >= 30
    assert uitleg.page_setup.orientation == "landscape" and uitleg.sheet_properties.pageSetUpPr.fitToPage


def test_input_workbook_drop_downs_stay_plain_ranges(tmp_path: Path, problem: Problem) -> None:
    wb = openpyxl.load_workbook(write_input_workbook(problem, tmp_path / "invoer.xlsx"))
    formulas = [dv.formula1 for dv in wb["Deelnemers"].data_validations.dataValidation]
    assert "'Routes'!$A$2:$A$1000" in formulas


def test_every_stress_shape_reads_back_from_its_workbook(tmp_path: Path) -> None:
    """Problems made in Python, of shapes our generator does not make, saved and read back: the
    no-travel family's 999-minute "no maximum" was accepted by the optimizer but not by the
    workbook (Instellingen, max reistijd 0-600), so its saved workbook could not be opened."""
    from bench.stress import stress_case

    for name in ("tiny-PM-1", "tiny-CPM-2", "tiny-ML-1", "tiny-BC-1", "tiny-NT-1", "tiny-OL-1"):
        problem = stress_case(name)
        path = write_input_workbook(problem, tmp_path / f"{name}.xlsx")
        result = load_problem(path)
        # a generated household may be further apart than a class spreads: a true warning, not a misread
        issues = [i for i in result.issues if i.code not in ("household_spread", "household_dayparts")]
        assert issues == [], (name, [str(i) for i in issues])
        assert result.problem is not None
        assert len(result.problem.learners) == len(problem.learners)

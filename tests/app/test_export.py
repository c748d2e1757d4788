"""The plan workbook: sheets, figures, styles, safe text and atomic writing."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.workbook.canonical import dayparts_text
from app.workbook.class_lists import schedule_words
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from app.workbook.xlsx_util import WriteError
from optimizer.dayparts import ALL_DAYPARTS, parse_dayparts
from optimizer.domain import Problem, RunningClass
from optimizer.messages import msg
from optimizer.plan import Assignment, Plan

EXTRAS = {"D1": {"Id": "D1", "Naam": "=HYPERLINK(\"http://x\")", "Mentor": "+31 6"},
          "D2": {"Id": "D2", "Naam": "Bo", "Mentor": "@team"}}


@pytest.fixture
def workbook(tmp_path: Path, problem: Problem, plan: Plan) -> Path:
    return write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", extras=EXTRAS,
                               tradeoff=[("gebalanceerd", plan), ("homogeen", plan)])


def rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_sheets_and_order(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["Overzicht", "Klassen", "Deelnemers", "Wachtlijst", "Afwegingen", "Klas K1",
                             "Klas K2", "Klas L1", "Locaties", "Lesroosters", "Routes", "Docenten",
                             "Instellingen", "Lopende klassen", "Reistijden", "Lijsten", "_Klasvormer"]
    assert wb["_Klasvormer"].sheet_state == "hidden"


def test_overview_has_figures_terms_status_and_diagnosis(workbook: Path, plan: Plan) -> None:
    ws = openpyxl.load_workbook(workbook)["Overzicht"]
    values = {r[0]: r[1] for r in rows(ws) if r[0]}
    assert values["Solverstatus"] == "goed plan (niet bewezen optimaal)"
    assert values["Doelfunctie"] == 715 and values["Ondergrens"] == 700
    assert values["Geplaatst"] == 4 and values["Wachtend"] == 1
    assert values["Aandeel gestart binnen streeftermijn"] == pytest.approx(plan.figures["within_target"])
    assert values["wachttijd"] == 25  # term row: label, weight, points
    assert "Route Z: er zijn geen deelnemers voor deze route." in values
    assert values["Plandatum"].date().isoformat() == "2025-01-06"


def test_overview_puts_the_plan_in_words_first_and_explains_the_technical_block(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Overzicht"]
    labels = [r[0] for r in rows(ws)]
    at = {label: i for i, label in enumerate(labels) if label}
    technical = at["Technisch: hoe het plan is berekend"]
    for key in ("Plandatum", "Geplaatst", "Wachtend", "Nieuwe klassen", "Aandeel gestart binnen streeftermijn",
                "Wachtweken gemiddeld", "Plan aanpassen"):
        assert at[key] < technical, key
    for key in ("Afweging", "Solverstatus", "Doelfunctie", "Ondergrens", "Verschil met ondergrens", "Onderdeel doelfunctie"):
        assert at[key] > technical, key
    notes = {r[0]: r[2] for r in rows(ws) if r[0]}
    assert "lager is beter" in notes["Doelfunctie"] and "geen enkel plan" in notes["Ondergrens"]
    assert "slechter" in notes["Verschil met ondergrens"] and "Gat" not in at  # the OR word, not Dutch
    assert "80% van de deelnemers, van wie 1 in lopende klassen" in notes["Geplaatst"]
    assert "Gewichten" not in at  # no raw weights string: each weight stands by its term, explained
    header = rows(ws)[at["Onderdeel doelfunctie"]]
    assert header[:5] == ("Onderdeel doelfunctie", "Gewicht", "Punten", "Aandeel", "Wat telt")
    assert "reisminuten" in rows(ws)[at["reistijd"]][4]
    hand_back = " ".join(r[0] for r in rows(ws)[at["Plan aanpassen"] + 1:at["Plan aanpassen"] + 3])
    assert "'vrij'" in hand_back and "Aangepast plan inlezen" in hand_back


def test_the_max_travel_note_says_when_learners_may_travel_longer(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    """The Overzicht said 'Max reistijd (min) 45: langer reizen wordt niemand gevraagd' above a
    'Reistijd maximum (min) 53' (audit: learners with their own Max reistijd of 60)."""
    from dataclasses import replace

    def note(p: Problem, lang: str = "nl") -> str:
        out = write_plan_workbook(p, plan, tmp_path / f"{lang}_{len(list(tmp_path.iterdir()))}.xlsx", lang=lang)
        ws = openpyxl.load_workbook(out)["Overzicht"]
        return next(r[2] for r in rows(ws) if r[0] in ("Max reistijd (min)", "Max travel time (min)"))

    assert note(problem) == "langer reizen wordt niemand gevraagd"  # own maxima below the default only
    longer = replace(problem, learners=tuple(replace(lr, max_travel=60) if lr.id == "D2" else lr
                                             for lr in problem.learners))
    assert note(longer) == "standaard; de eigen Max reistijd van een deelnemer of route laat tot 60 min toe"
    assert note(longer, "en") == "the default; a learner's or route's own Max reistijd allows up to 60 min"


def test_classes_sheet(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Klassen"]
    header, k1, k2, l1 = rows(ws)
    assert header[:8] == ("Klas", "Route", "Locatie", "Lesrooster", "Dagdelen", "Startdatum", "Startweek", "Niveau")
    assert k1[0] == "K1" and k1[4] == "ma-ochtend, wo-ochtend, vr-ochtend" and k1[6] == 4
    assert k1[8] == "25-55" and k1[9] == 3 and k1[10] == pytest.approx(24.3)
    assert k1[13:] == ("nee", "nee") and l1[13] == "ja"
    assert ws["F2"].is_date and ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_learners_sheet_plan_columns_extras_and_red_wait(workbook: Path, problem: Problem) -> None:
    ws = openpyxl.load_workbook(workbook)["Deelnemers"]
    header = rows(ws)[0]
    assert header[:8] == ("Id", "Naam", "Klas", "Startdatum", "Wachtweken", "Reistijd", "Niveauverschil",
                          "Wachtreden")  # the name next to the id, as on every other sheet
    assert header[-1] == "Mentor" and header.count("Naam") == 1
    by_id = {r[0]: r for r in rows(ws)[1:]}
    assert by_id["D5"][2] == "wachtlijst" and by_id["D5"][7] == "geen leslocatie binnen 40 min reistijd"
    assert by_id["D1"][2] == "K1" and by_id["D1"][4] == 13 and by_id["D2"][1] == "Bo"
    assert ws["D2"].is_date
    (cf,) = list(ws.conditional_formatting)
    assert str(cf.sqref) == "E2:E6"
    assert cf.rules[0].operator == "greaterThan" and cf.rules[0].formula == ["8"]  # target_weeks
    assert ws.freeze_panes == "C2" and ws.print_title_cols == "$A:$B"


def test_learners_sheet_wraps_long_text_in_tall_enough_rows(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    waiting = Assignment("D5", None, None, None, 33, None, None, msg("wait_capacity"))
    plan = replace(plan, assignments={**plan.assignments, "D5": waiting})
    ws = openpyxl.load_workbook(write_plan_workbook(problem, plan, tmp_path / "p.xlsx"))["Deelnemers"]
    header = [c.value for c in ws[1]]
    row = next(c.row for c in ws["A"] if c.value == "D5")
    cell = ws.cell(row=row, column=header.index("Wachtreden") + 1)
    width = ws.column_dimensions[cell.column_letter].width
    assert len(cell.value) > 1.5 * width  # the reason is longer than its column...
    assert cell.alignment.wrap_text  # ...so it wraps: never spilling into the next cells, never cut off
    assert ws.row_dimensions[row].height >= 2 * 15  # and the row is tall enough for its lines
    assert ws.row_dimensions[row - 1].height is None
    for c in range(1, len(header) + 1):  # no column is wider than the wrap width
        assert (ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width or 0) <= 46, header[c - 1]


def test_learner_dayparts_are_short_and_read_back_the_same() -> None:
    assert dayparts_text(frozenset(ALL_DAYPARTS[:15])) == "ochtend, middag, avond"
    assert dayparts_text(frozenset({"ma-ochtend", "wo-ochtend", "vr-middag"})) == "ma/wo ochtend, vr-middag"
    for bits in range(1 << 15):  # every set of workday dayparts
        dayparts = frozenset(dp for i, dp in enumerate(ALL_DAYPARTS[:15]) if bits >> i & 1)
        assert parse_dayparts(dayparts_text(dayparts)) == dayparts
    weekend = frozenset({"za-ochtend", "zo-ochtend", "ma-avond", "vr-avond", "di-middag"})
    assert parse_dayparts(dayparts_text(weekend)) == weekend


def test_text_that_looks_like_a_formula_stays_text(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Deelnemers"]
    name_col = [c.column for c in ws[1] if c.value == "Naam"][0]
    cell = ws.cell(row=2, column=name_col)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    with zipfile.ZipFile(workbook) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in zf.read(name), name


def test_class_list_for_teachers(workbook: Path, problem: Problem) -> None:
    ws = openpyxl.load_workbook(workbook)["Klas K1"]
    values = rows(ws)
    assert values[0][0] == "Klas K1"
    details = {r[0]: r[1] for r in values[1:] if r[0] and r[0] != "Id"}
    assert details["Locatie"] == "Locatie Noord"
    assert details["Lesdagen"] == "maandag, woensdag en vrijdag 's ochtends (lesrooster ma-wo-vr ochtend)"
    assert details["Startdatum"].date() == problem.week_start(4)
    assert details["Einddatum (verwacht)"].date() == problem.week_start(4) + timedelta(weeks=20, days=-1)
    assert details["Niveau (leerbaarheid)"] == 45 and details["Aantal deelnemers"] == 3
    table = values[values.index(("Id", "Naam", "Leerbaarheid", "Startdatum")) + 1:]
    assert [r[0] for r in table] == ["D1", "D2", "D3"]
    assert table[1][1:3] == ("Bo", 55) and table[1][3].date() == problem.week_start(4)
    assert not any("ochtend" in str(c) for r in table for c in r)  # no availability strings
    running = {r[0]: r[1] for r in rows(openpyxl.load_workbook(workbook)["Klas L1"])[1:] if r[0]}
    assert running["Einddatum"].date() == date(2025, 5, 30) and running["Nieuwe deelnemers"] == 1


def test_schedule_in_words() -> None:
    assert schedule_words(frozenset({"wo-ochtend", "ma-ochtend"})) == "maandag en woensdag 's ochtends"
    assert schedule_words(frozenset({"di-middag", "do-avond"})) == "dinsdag 's middags; donderdag 's avonds"
    workdays = frozenset(f"{d}-avond" for d in ("ma", "di", "wo", "do", "vr"))
    assert schedule_words(workdays) == "maandag t/m vrijdag 's avonds"


def test_tradeoff_sheet(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Afwegingen"]
    header, first, second = rows(ws)
    # what a planner weighs first, the analyst's figures after
    assert header[:5] == ("Afweging", "Wachtweken gemiddeld", "Gemiddeld niveauverschil", "Reistijd gemiddeld (min)",
                          "Geplaatst")
    assert header[5:7] == ("Status", "Doelfunctie")
    assert first[0] == "gebalanceerd" and second[0] == "homogeen" and first[6] == 715


def test_plan_workbook_re_imports_as_the_same_problem(workbook: Path, problem: Problem) -> None:
    result = load_problem(workbook)
    assert result.problem == problem
    assert [i.code for i in result.issues] == ["column_unknown"]  # Mentor
    assert result.extras["D2"]["Mentor"] == "@team"


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"oud")
    write_plan_workbook(problem, plan, target, class_sheets=False)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_write_error_is_dutch(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    folder = tmp_path / "map.xlsx"
    folder.mkdir()
    with pytest.raises(WriteError) as exc:
        write_plan_workbook(problem, plan, folder)
    assert "kan niet" in str(exc.value)


def test_infeasible_plan_still_exports(tmp_path: Path, problem: Problem) -> None:
    from optimizer.messages import msg

    plan = Plan((), {}, 0, {}, 0.0, "INFEASIBLE", 0.2, diagnosis=(msg("diag_infeasible"),))
    path = write_plan_workbook(problem, plan, tmp_path / "geen.xlsx")
    ws = openpyxl.load_workbook(path)["Overzicht"]
    flat = [c for r in rows(ws) for c in r if c]
    assert "onmogelijk" in flat and "Geen geldig plan mogelijk met deze vastzettingen en capaciteit." in flat


def test_class_drop_down_offers_every_class_waiting_list_and_release(tmp_path: Path, problem: Problem,
                                                                     plan: Plan) -> None:
    idle = RunningClass("L8", "B1", "Locatie Noord", "ma-wo-vr ochtend", 30, 50, 0, date(2025, 6, 1))
    problem = replace(problem, running=(*problem.running, idle))  # a running class taking nobody new
    wb = openpyxl.load_workbook(write_plan_workbook(problem, plan, tmp_path / "p.xlsx", extras=EXTRAS))
    ws = wb["Deelnemers"]
    header = ws["C1"]
    assert header.value == "Klas" and "Aangepast plan inlezen" in header.comment.text
    (dv,) = [dv for dv in ws.data_validations.dataValidation if "C2" in dv.sqref]
    assert dv.errorStyle == "warning" and "'vrij'" in dv.error
    assert dv.showInputMessage and "'wachtlijst' of 'vrij'" in dv.prompt and len(dv.prompt) <= 255
    sheet, cells = dv.formula1.split("!")
    first, last = (int(ref.split("$")[-1]) for ref in cells.split(":"))
    choices = [wb[sheet.strip("'")].cell(row=r, column=14).value for r in range(first, last + 1)]
    assert choices == ["K1", "K2", "L1", "L8", "wachtlijst", "vrij"]

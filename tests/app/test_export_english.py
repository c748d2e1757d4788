"""The plan workbook in English (``lang="en"``; the CLI's ``--lang en``): what it says to a person is
English, what Klasvormer reads back stays Dutch, so it re-imports exactly as the Dutch workbook does.

Found by an outside-in audit: ``klasvormer --lang en solve ... -o plan.xlsx`` printed English but
wrote the workbook entirely in Dutch ("Het plan in het kort", Dutch waiting reasons, "eigen
wijziging", "'s avonds")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from app.workbook.class_lists import schedule_words
from app.workbook.export import write_plan_workbook
from app.workbook.plan_edits import MOVED, PlanEdit
from app.workbook.reimport import load_edited_plan
from app.workbook.replan_report import (
    CLASS,
    CLOSED,
    LEARNER,
    OWN,
    REPLAN,
    ReplanChange,
    ReplanReport,
)
from optimizer.domain import Problem
from optimizer.plan import Plan
from tests.app.test_cli_reimport import CUT, SAMPLE, UNITS, header_row, klas_column

DUTCH = ("Het plan in het kort", "klassen starten binnen", "Plan aanpassen", "Technisch", "Aandachtspunten",
         "Wachtweken", "Wachtreden", "deelnemers", "geen lesrooster", "eigen wijziging", "herplanning",
         "'s ochtends", "'s avonds", "Lesdagen", "Leerbaarheid", "maandag", "Kies een klas", "Andere klas-id",
         "Wijzigingen ten opzichte", "Doelfunctie", "goed plan (niet bewezen optimaal)", "Afweging",
         "Hooguit beter mogelijk", "Punten ", "Gemiddeld", "gemiddeld")
"""Dutch words and phrases none of the English workbook's own texts may hold."""

OWN_SHEETS = ("Overzicht", "Wachtlijst", "Wijzigingen", "Afwegingen")
"""Sheets Klasvormer never reads back: every word on them is for a person (with the class lists)."""


def _report() -> ReplanReport:
    edit = PlanEdit(MOVED, "D1", "K2", "K1")
    return ReplanReport([ReplanChange(LEARNER, "D1", MOVED, "K2", "K1", OWN),
                         ReplanChange(LEARNER, "D5", MOVED, "K1", None, REPLAN),
                         ReplanChange(CLASS, "K3", CLOSED, date(2025, 2, 3), None)], [edit])


def _write(tmp_path: Path, problem: Problem, plan: Plan, lang: str | None) -> Path:
    extra = {"gap": 0.02, "later": 1, "better_fit": 2, "further": 0, "step": None, "what_changes": None}
    options = {} if lang is None else {"lang": lang}
    return write_plan_workbook(problem, plan, tmp_path / f"plan_{lang}.xlsx", extras={"D2": {"Naam": "Bo"}},
                               tradeoff=[("one", plan, extra), ("two", plan)], changes=_report(), **options)


def _texts(ws) -> list[str]:
    """Every text a person reads on a sheet: its cells, the comments, the drop-downs' help."""
    out = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    out += [c.comment.text for row in ws.iter_rows() for c in row if c.comment is not None]
    for dv in ws.data_validations.dataValidation:
        out += [t for t in (dv.prompt, dv.promptTitle, dv.error) if t]
    return out


def _values(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


@pytest.fixture
def workbooks(tmp_path: Path, problem: Problem, plan: Plan) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    return (openpyxl.load_workbook(_write(tmp_path, problem, plan, "nl")),
            openpyxl.load_workbook(_write(tmp_path, problem, plan, "en")))


def test_the_english_plan_workbook_speaks_english(workbooks, plan: Plan) -> None:
    nl, en = workbooks
    assert en.sheetnames == nl.sheetnames  # the sheet names stay Dutch: the re-import finds them so
    class_sheets = [t for t in en.sheetnames if t.startswith("Klas ")]
    assert class_sheets == ["Klas K1", "Klas K2", "Klas L1"]
    own = [t for sheet in (*OWN_SHEETS, *class_sheets) for t in _texts(en[sheet])]
    own += _texts(en["Klassen"]) + [en["Deelnemers"]["C1"].comment.text]  # comments: Klassen's, the Klas column's
    own += [v for r in _values(en["Deelnemers"]) for v in r if isinstance(v, str) and " " in v]  # waiting reasons
    leaks = sorted({f"{word!r} in {text!r}" for text in own for word in DUTCH if word in text})
    assert not leaks, "\n".join(leaks)
    # the Overzicht shares no text with the Dutch one but its title
    assert set(_texts(en["Overzicht"])) & set(_texts(nl["Overzicht"])) == {"Klasvormer - plan"}
    overview = [v for r in _values(en["Overzicht"]) for v in r if v is not None]
    assert "The plan in brief" in overview and "good plan (not proven optimal)" in overview
    assert plan.diagnosis[0].text("en") in overview  # the points of attention
    reason = plan.assignments["D5"].reason
    assert reason is not None
    assert _values(en["Wachtlijst"])[:2] == [
        ("Id", "Naam", "Route", "Learnability", "Waiting since", "Waiting weeks", "Waiting reason"),
        ("D5", None, "B1", 60, _values(nl["Wachtlijst"])[1][4], 33, reason.text("en"))]
    changes = _values(en["Wijzigingen"])
    assert changes[0][0] == "Changes from the edited plan"
    assert changes[1][0].startswith("Changes from the edited plan: 1 own edit in the workbook")
    assert changes[3:] == [("Kind", "Id", "From", "To", "Reason"),
                           ("Learner", "D1", "K2", "K1", "own edit"),
                           ("Learner", "D5", "K1", "waiting list", "re-optimised"),
                           ("Class", "K3", "03-02-2025", "closed", "re-optimised")]
    tradeoff = _values(en["Afwegingen"])
    assert tradeoff[0][:9] == ("Balance", "Waiting weeks, mean", "Level gap, mean", "Travel time, mean (min)",
                               "Placed", "At most this much better possible", "Start later than at the fastest start",
                               "Better fitting class", "Travel further")
    assert tradeoff[0][9:11] == ("Status", "Objective") and "Points waiting" in tradeoff[0]
    assert tradeoff[1][9] == "good plan (not proven optimal)"
    k1 = {r[0]: r[1] for r in _values(en["Klas K1"]) if r[0]}
    assert k1["Class K1"] is None
    assert k1["Lesson days"] == "Monday, Wednesday and Friday in the morning (schedule ma-wo-vr ochtend)"
    assert k1["Number of learners"] == 3 and k1["Level (learnability)"] == 45
    assert ("Id", "Naam", "Learnability", "Start date") in _values(en["Klas K1"])
    assert en["Klas L1"]["A1"].value == "Class L1 (running class: new learners)"
    (dv,) = [dv for dv in en["Deelnemers"].data_validations.dataValidation if "C2" in dv.sqref]
    assert dv.prompt.startswith("Another class id, 'wachtlijst'") and len(dv.prompt) <= 255 and len(dv.error) <= 255
    assert en["Klassen"]["O1"].comment.text == "ja = the class is locked."


def test_the_help_on_every_header_and_drop_down_is_english(workbooks) -> None:
    """The comments on the headers of every sheet (the input sheets' too), the drop-downs' error
    and the settings' Uitleg: each one English where the Dutch workbook has Dutch."""
    nl, en = workbooks
    same = {"Route."}  # a help that reads the same in both
    compared = 0
    for sheet in en.sheetnames:
        for row in nl[sheet].iter_rows():
            for cell in row:
                if cell.comment is not None:
                    english = en[sheet][cell.coordinate].comment.text
                    assert english != cell.comment.text or cell.comment.text in same, (sheet, english)
                    assert "(verplicht)" not in english and "Voorbeeld:" not in english
                    compared += 1
        errors = {dv.error for dv in en[sheet].data_validations.dataValidation if dv.error}
        assert not errors & {dv.error for dv in nl[sheet].data_validations.dataValidation}, sheet
    assert compared > 60
    uitleg = {r[0]: r[2] for r in _values(en["Instellingen"])[1:]}
    assert uitleg["plandatum"] == "Start of week 0 of the plan; empty = the next Monday."
    assert uitleg["streeftermijn weken"] == "Target wait: within how many weeks someone should start."
    assert "Choose a value from the list." in {dv.error for dv in en["Routes"].data_validations.dataValidation}
    assert en["Locaties"]["D1"].comment.text == "Number of rooms per open daypart. (required)\nExample: 2"


def test_what_is_read_back_stays_dutch(workbooks) -> None:
    """Deelnemers and Klassen (headers, Klas values such as 'wachtlijst', Vast ja/nee, dayparts), the
    input sheets and the hidden sheet are the Dutch workbook's, cell for cell; only the waiting
    reasons and the settings' Uitleg (not read) differ."""
    nl, en = workbooks
    read_back = ["Klassen", "Deelnemers", "Locaties", "Lesroosters", "Routes", "Docenten", "Instellingen",
                 "Lopende klassen", "Reistijden", "Lijsten", "_Klasvormer"]
    for sheet in read_back:
        dutch, english = _values(nl[sheet]), _values(en[sheet])
        for header in ("Wachtreden", "Uitleg"):
            if header in dutch[0]:
                col = dutch[0].index(header)
                assert [r[col] for r in english[1:]] != [r[col] for r in dutch[1:]]
                dutch = [r[:col] + r[col + 1:] for r in dutch]
                english = [r[:col] + r[col + 1:] for r in english]
        assert english == dutch, sheet
    assert "wachtlijst" in [r[2] for r in _values(en["Deelnemers"])]
    assert {r[-1] for r in _values(en["Klassen"])[1:]} == {"nee"}


def test_an_english_plan_workbook_reimports_as_the_dutch_one(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    dutch = load_edited_plan(_write(tmp_path, problem, plan, "nl"))
    english = load_edited_plan(_write(tmp_path, problem, plan, "en"))
    assert english.problem is not None and english.problem == dutch.problem
    assert english.plan_edits == dutch.plan_edits == []
    assert [(i.code, i.sheet, i.row, i.column) for i in english.issues] == [
        (i.code, i.sheet, i.row, i.column) for i in dutch.issues]
    assert english.problem.previous == {lid: a.class_id for lid, a in plan.assignments.items()}


def test_dutch_is_the_default_and_stays_dutch(tmp_path: Path, problem: Problem, plan: Plan) -> None:
    default = openpyxl.load_workbook(_write(tmp_path, problem, plan, None))
    overview = [v for r in _values(default["Overzicht"]) for v in r if v is not None]
    assert "Het plan in het kort" in overview
    assert schedule_words(frozenset({"wo-ochtend", "ma-ochtend"})) == "maandag en woensdag 's ochtends"
    assert schedule_words(frozenset({"wo-ochtend", "ma-ochtend", "vr-ochtend"}), "en") == (
        "Monday, Wednesday and Friday in the morning")
    workdays = frozenset(f"{d}-avond" for d in ("ma", "di", "wo", "do", "vr"))
    assert schedule_words(workdays, "en") == "Monday to Friday in the evening"


# ---- the command line ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def english_plan(tmp_path_factory) -> Path:
    """A plan workbook written by ``--lang en solve`` for the first learners of the sample."""
    folder = tmp_path_factory.mktemp("english")
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Deelnemers"].delete_rows(CUT + 2, wb["Deelnemers"].max_row)
    wb.save(folder / "cut.xlsx")
    english = folder / "plan_en.xlsx"
    assert main(["--lang", "en", "solve", str(folder / "cut.xlsx"), "-o", str(english), "--time-limit", UNITS,
                 "--deterministic", "--workers", "1"]) == EXIT_OK
    return english


def test_cli_lang_en_writes_the_plan_workbook_in_english(english_plan, capsys) -> None:
    english = english_plan
    wb = openpyxl.load_workbook(english)
    assert wb["Overzicht"]["A3"].value == "The plan in brief"
    assert wb["Overzicht"]["C5"].value == "classes start within these weeks after the plan date"
    reasons = [r[-1] for r in _values(wb["Wachtlijst"])[1:]]
    assert reasons and not [r for r in reasons if any(w in r for w in DUTCH)]
    lesson_days = {r[0]: r[1] for r in _values(wb[next(t for t in wb.sheetnames if t.startswith("Klas "))])}
    assert "Lesson days" in lesson_days and "Lesdagen" not in lesson_days
    # handed back unedited: no edits, the same problem as from the Dutch workbook
    assert main(["--lang", "en", "check", str(english)]) == EXIT_OK
    assert "plan workbook with 0 edits" in capsys.readouterr().out
    again = load_edited_plan(english)
    assert again.plan_edits == [] and again.problem is not None
    assert again.problem.previous == {lid: k if k != "wachtlijst" else None for lid, k in klas_column(english).items()}


def test_cli_lang_en_replans_an_edited_english_workbook_with_english_changes(english_plan, tmp_path, capsys) -> None:
    english = english_plan
    klas = klas_column(english)
    placed = [lid for lid, k in klas.items() if k and k != "wachtlijst"]
    wb = openpyxl.load_workbook(english)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    i, k = headers.index("Id") + 1, headers.index("Klas") + 1
    rows = {ws.cell(r, i).value: r for r in range(first + 1, ws.max_row + 1)}
    ws.cell(rows[placed[0]], k, "wachtlijst")  # the Dutch words, as the workbook's help says
    ws.cell(rows[placed[1]], k, "vrij")
    ws.cell(rows[placed[2]], k, "waiting list")  # the English ones are read too (README)
    ws.cell(rows[placed[3]], k, "free")
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    out = tmp_path / "new.xlsx"
    assert main(["--lang", "en", "solve", str(edited), "-o", str(out), "--time-limit", UNITS, "--deterministic",
                 "--workers", "1"]) == EXIT_OK
    capsys.readouterr()
    changes = _values(openpyxl.load_workbook(out)["Wijzigingen"])
    assert changes[0][0] == "Changes from the edited plan"
    assert changes[1][0].startswith("Changes from the edited plan: 4 own edits in the workbook")
    table = changes[changes.index(("Kind", "Id", "From", "To", "Reason")) + 1:]
    assert ("Learner", placed[0], klas[placed[0]], "waiting list", "own edit") in table
    assert ("Learner", placed[2], klas[placed[2]], "waiting list", "own edit") in table
    freed = {r[1] for r in table if r[-1] == "released, planned again"}
    assert freed == {placed[1], placed[3]}
    assert {r[-1] for r in table} <= {"own edit", "re-optimised", "released, planned again"}
    assert not [r for r in table if "herplanning" in r or "eigen wijziging" in r]


def test_cli_lang_en_tradeoff_writes_the_afwegingen_sheet_in_english(tmp_path, capsys) -> None:
    small = tmp_path / "small.xlsx"  # as tests/app/test_cli.py's trade-off: 40 learners
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Deelnemers"].delete_rows(42, wb["Deelnemers"].max_row)
    wb.save(small)
    out = tmp_path / "tradeoff.xlsx"
    assert main(["--lang", "en", "tradeoff", str(small), "--points", "3", "--time-limit", "3", "--workers", "2",
                 "-o", str(out)]) == EXIT_OK
    capsys.readouterr()
    rows = _values(openpyxl.load_workbook(out)["Afwegingen"])
    assert rows[0][:2] == ("Balance", "Waiting weeks, mean") and "Proven bound on the objective" in rows[0]
    assert rows[1][0] == "fastest start"
    assert not [t for t in _texts(openpyxl.load_workbook(out)["Afwegingen"]) for w in DUTCH if w in t]
    if len(rows) > 2:  # two plans or more in the time (two in 3.5 s here): the steps between them in words
        step = rows[0].index("Step from the previous plan")
        what = rows[0].index("What changes for learners")
        for row in rows[2:]:
            assert "mean wait" in row[step] and row[what].startswith("vs the fastest start: ")

"""Audit 9 (the analyst's door, from outside): shapes of data an analyst brings that the
samples never have.

Each test names what was seen from outside before the fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from app.workbook import load_problem
from app.workbook.frames import load_frames

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _learners(n: int = 4, **columns) -> pd.DataFrame:
    frame = pd.DataFrame({"Id": [f"A{i}" for i in range(n)], "Route": ["B1"] * n, "Leerbaarheid": [50] * n,
                          "Dagdelen": ["ochtend"] * n, "Stadsdeel": ["Centrum"] * n,
                          "Wacht sinds": ["01-10-2026"] * n})
    for name, values in columns.items():
        frame[name] = values
    return frame


def test_a_plan_date_typed_as_a_number_is_read_as_its_date(tmp_path, capsys):
    """plandatum on Instellingen as an Excel serial number (a cell formatted 'Standaard', or a
    number from another system) stopped the import: "Onverwachte fout: TypeError: ... got
    multiple values for keyword argument 'value'", exit 3, for check, solve and the frames."""
    path = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Instellingen"]
    [cell] = [row[1] for row in ws.iter_rows(min_row=2) if row[0].value == "plandatum"]
    cell.value, cell.number_format = 46356, "General"  # 30-11-2026
    wb.save(path)
    result = load_problem(path)
    assert result.problem is not None and str(result.problem.plan_date) == "2026-11-30"
    [note] = [i for i in result.issues if i.code == "date_serial"]
    assert (note.sheet, note.column) == ("Instellingen", "Waarde")
    assert note.message.startswith("Getal 46356 is gelezen als Excel-datum 30-11-2026.")
    assert main(["check", str(path)]) == EXIT_OK
    assert "Onverwachte fout" not in capsys.readouterr().err
    frames = load_frames(deelnemers=_learners(), instellingen={"plandatum": 46356}, settings=SAMPLE)
    assert frames.problem is not None and str(frames.problem.plan_date) == "2026-11-30"


def test_a_serial_date_as_text_is_read_as_the_number_is(tmp_path):
    """The README reads an Excel serial number (46390) as its date; in a CSV every value is text,
    and '46300' in Wacht sinds was "'46300' is geen datum" (an Excel sheet saved as CSV with the
    date column formatted 'Standaard' writes such numbers; a DataFrame of text the same)."""
    path = tmp_path / "lijst.csv"
    path.write_text("Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds\n"
                    "X1;B1;50;ochtend;Centrum;01-10-2026\nX2;B1;55;ochtend;Oost;46300\nX3;B1;52;ochtend;Noord;46300,75\n",
                    encoding="utf-8")
    result = load_problem(path, settings=SAMPLE)
    assert result.problem is not None, result.summary()
    assert [str(lr.waiting_since) for lr in result.problem.learners] == ["2026-10-01", "2026-10-05", "2026-10-05"]
    [note] = [i for i in result.issues if i.code == "date_serial"]
    assert note.row == 3 and note.column == "Wacht sinds" and "Excel-datum 05-10-2026" in note.message
    frames = load_frames(deelnemers=_learners(**{"Wacht sinds": ["46300"] * 4}), settings=SAMPLE)
    assert frames.problem is not None and {str(lr.waiting_since) for lr in frames.problem.learners} == {"2026-10-05"}
    bad = load_frames(deelnemers=_learners(**{"Wacht sinds": ["12345678"] * 4}), settings=SAMPLE)
    assert bad.problem is None and bad.errors[0].code == "not_date"  # not a serial of this era: still an error


def test_list_cells_of_a_data_frame_are_lists_of_dayparts():
    """A DataFrame built in pandas holds a list of dayparts as a Python list (or a numpy array
    after a groupby): Talen took a list, Dagdelen said "'['ma-ochtend', ...]' is geen dagdeel:
    '[ma' is geen dag", and a numpy array stopped the import with "ValueError: can only convert
    an array of size 1 to a Python scalar"."""
    import numpy as np

    mwv = ["ma-ochtend", "wo-ochtend", "vr-ochtend"]
    frame = _learners(Dagdelen=[mwv, tuple(mwv), np.array(mwv), {"ma/wo/vr ochtend"}],
                      Talen=[["Arabisch", "Engels"], np.array(["Dari"]), (), "Engels"])
    result = load_frames(deelnemers=frame, settings=SAMPLE)
    assert result.problem is not None, result.summary()
    assert {lr.dayparts for lr in result.problem.learners} == {frozenset(mwv)}
    assert [sorted(lr.languages) for lr in result.problem.learners] == [["Arabisch", "Engels"], ["Dari"], [], ["Engels"]]
    bad = load_frames(deelnemers=_learners(Dagdelen=[["ma-ochtend", "zz"]] * 4), settings=SAMPLE)
    assert bad.problem is None
    assert bad.errors[0].row == 2 and bad.errors[0].column == "Dagdelen" and "'zz' is geen dag" in bad.errors[0].message


def test_tradeoff_json_says_which_plan_the_workbook_holds_and_which_keep_the_cap(tmp_path, capsys):
    """`tradeoff --max-wait 9 --json` listed the plans tried without saying which one was chosen
    (and written to -o) or which kept the cap: that was only in a Dutch line on stderr. Without a
    cap, which point the workbook's Klassen and Deelnemers hold was said nowhere."""
    import json

    from app import synth
    from app.workbook import write_input_workbook

    path = write_input_workbook(synth.b1_provider(40, seed=2), tmp_path / "invoer.xlsx")
    assert main(["tradeoff", str(path), "--max-wait", "9", "--points", "3", "--time-limit", "3", "--json"]) == EXIT_OK
    rows = json.loads(capsys.readouterr().out)
    assert [r["chosen"] for r in rows].count(True) == 1
    assert all(r["within_cap"] == (r["wait_mean"] <= 9 + 1e-9) for r in rows)
    [chosen] = [r for r in rows if r["chosen"]]
    if any(r["within_cap"] for r in rows):  # the chosen one keeps the cap when any does
        assert chosen["within_cap"]
    plan = tmp_path / "plan.xlsx"
    assert main(["tradeoff", str(path), "--points", "3", "--time-limit", "3", "-o", str(plan)]) == EXIT_OK
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "geschreven naar" in line]
    assert line.startswith("Plan '") and "(alle plannen op blad Afwegingen)" in line


def test_solve_json_has_every_learner_under_the_frames_names(tmp_path, capsys):
    """`solve --json` gave the classes' members and the waiting list (as "id" and "reason") but
    no learner's own start (a late joiner starts after the class), wait, travel or misfit; an
    analyst scripting the CLI had to open the workbook for them. The learners now come as
    plan.to_frames() names them."""
    import json

    from app import synth
    from app.workbook import write_input_workbook

    path = write_input_workbook(synth.b1_provider(30, seed=4), tmp_path / "invoer.xlsx")
    assert main(["solve", str(path), "--time-limit", "2", "--json"]) == EXIT_OK
    out = json.loads(capsys.readouterr().out)
    problem = load_problem(path).problem
    assert len(out["learners"]) == len(problem.learners)
    frame_columns = ["learner_id", "class_id", "start_week", "start_date", "wait_weeks", "travel_minutes", "misfit",
                     "waiting_reason"]
    assert all(list(row) == frame_columns for row in out["learners"])
    by_class = {c["id"]: c for c in out["classes"]}
    for row in out["learners"]:
        if row["class_id"] is None:
            assert row["waiting_reason"] and row["start_date"] is None
        else:
            assert row["learner_id"] in by_class[row["class_id"]]["members"]
            assert row["start_week"] >= by_class[row["class_id"]]["start_week"]
    waiting = {w["id"] for w in out["waiting"]}
    assert waiting == {r["learner_id"] for r in out["learners"] if r["class_id"] is None}


def test_a_data_frame_row_is_named_by_its_index_label_too():
    """An error in a DataFrame said "blad Deelnemers, rij 7, kolom Wacht sinds (F)": the frame's
    position plus 2, as if it were a sheet. An analyst's frame is often filtered (index 100, 205,
    ...) or indexed by id, and row 7 was nowhere to be found; the index label is now said too."""
    import pytest

    from app.workbook import ImportFailed, problem_from_frames

    frame = _learners(3, Leerbaarheid=[50, "x", 60], **{"Wacht sinds": ["01-10-2026", "01-10-2026", "gisteren"]})
    frame.index = [100, 205, "z"]
    result = load_frames(deelnemers=frame, settings=SAMPLE)
    level, date = result.errors
    assert (level.row, level.index, level.column) == (3, 205, "Leerbaarheid")
    assert (date.row, date.index) == (4, "z")
    assert level.where == "blad Deelnemers, rij 3 (index 205), kolom Leerbaarheid (C)"
    assert date.place("en") == "sheet Deelnemers, row 4 (index 'z'), column Wacht sinds (F)"
    with pytest.raises(ImportFailed, match=r"rij 3 \(index 205\), kolom Leerbaarheid"):
        problem_from_frames(deelnemers=frame, settings=SAMPLE)
    from_file = load_problem(SAMPLE)  # a workbook's issues have no index
    assert all(i.index is None for i in from_file.issues)


def test_a_sheet_as_a_dict_of_columns_or_a_list_of_rows():
    """deelnemers= as a dict of columns was read as Instellingen's key/value rows ("Kolom '['a',
    'b']' is onbekend", then every required column missing), and as a list of rows it stopped with
    "AttributeError: 'list' object has no attribute 'columns'"."""
    import pytest

    columns = _learners(2).to_dict("list")
    rows = _learners(2).to_dict("records")
    for given in (columns, rows):
        result = load_frames(deelnemers=given, settings=SAMPLE)
        assert result.problem is not None and [lr.id for lr in result.problem.learners] == ["A0", "A1"]
    with pytest.raises(TypeError, match="deelnemers= takes a pandas DataFrame"):
        load_frames(deelnemers=5, settings=SAMPLE)

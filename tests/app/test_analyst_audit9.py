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

"""Analysts can build a problem from pandas DataFrames, with the workbook's checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from app.workbook.frames import load_frames, problem_from_frames
from app.workbook.importer import ImportFailed, load_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _sheet(name: str) -> pd.DataFrame:
    return pd.read_excel(SAMPLE, sheet_name=name, engine="openpyxl")


def test_learner_frame_with_settings_workbook_gives_the_same_problem():
    frame = _sheet("Deelnemers")
    from_frames = problem_from_frames(deelnemers=frame, settings=SAMPLE)
    from_book = load_problem(SAMPLE).problem
    assert from_frames.learners == from_book.learners
    assert from_frames.locations == from_book.locations


def test_every_sheet_as_a_frame():
    names = {"deelnemers": "Deelnemers", "locaties": "Locaties", "lesroosters": "Lesroosters",
             "routes": "Routes", "docenten": "Docenten", "lopende_klassen": "Lopende klassen"}
    frames = {k: _sheet(v) for k, v in names.items()}
    settings = pd.read_excel(SAMPLE, sheet_name="Instellingen", header=None, engine="openpyxl")
    frames["instellingen"] = dict(zip(settings[0], settings[1], strict=True))
    problem = problem_from_frames(**frames)
    assert len(problem.learners) == 300 and len(problem.running) == 12


def test_bad_value_is_located_by_frame_row():
    frame = _sheet("Deelnemers")
    frame["Leerbaarheid"] = frame["Leerbaarheid"].astype(object)
    frame.loc[4, "Leerbaarheid"] = "heel snel?"
    result = load_frames(deelnemers=frame, settings=SAMPLE)
    assert result.problem is None
    bad = [i for i in result.issues if i.is_error]
    assert bad and bad[0].sheet == "Deelnemers" and bad[0].row == 6 and "heel snel?" in str(bad[0].value)
    with pytest.raises(ImportFailed):
        problem_from_frames(deelnemers=frame, settings=SAMPLE)


def test_unknown_frame_name_is_refused():
    with pytest.raises(TypeError):
        load_frames(klanten=pd.DataFrame())


def test_a_postcode_written_by_pandas_as_a_float_reads_the_same_through_the_csv_door(tmp_path):
    """Found from outside: a learners CSV written by pandas from a frame whose Postcode column has
    blanks holds '1056.0'; the frames door read such a frame (the float 1056.0 as 1056) while
    the CSV door refused every row ("'1056.0' is geen postcode")."""
    import pandas as pd

    from app.workbook import load_problem_or_raise, problem_from_frames

    sample = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
    frame = pd.read_excel(sample, sheet_name="Deelnemers", engine="openpyxl")
    column = next(c for c in frame.columns if str(c).lower().startswith("postcode"))
    frame[column] = pd.to_numeric(frame[column].astype(str).str[:4], errors="coerce")  # a float column
    district = next(c for c in frame.columns if str(c).lower().startswith("stadsdeel"))
    frame.loc[frame[district].notna().idxmax(), column] = None  # a blank (its Stadsdeel stands): 1056.0
    path = tmp_path / "lijst.csv"
    frame.to_csv(path, index=False)
    assert ".0," in path.read_text(encoding="utf-8")
    by_csv = load_problem_or_raise(path, settings=sample)
    by_frame = problem_from_frames(deelnemers=pd.read_csv(path), settings=sample)
    assert len(by_csv.learners) == len(by_frame.learners) == len(frame)
    assert [lr.home for lr in by_csv.learners] == [lr.home for lr in by_frame.learners]


def test_pandas_nullable_missing_values_are_blank_cells():
    """Found from outside: a frame with pandas' nullable dtypes (``convert_dtypes()``, or
    ``read_csv(..., dtype_backend="numpy_nullable")``) holds ``pd.NA`` in its blank cells; they
    were read as the text '<NA>', so every row failed ("'<NA>' is geen geheel getal", "Locatie
    '<NA>' bestaat niet"). They are blank cells, as NaN and None are."""
    import numpy as np

    frame = _sheet("Deelnemers")
    nullable = frame.convert_dtypes()
    assert nullable["Max reistijd"].isna().any()  # the column does hold pd.NA
    problem = problem_from_frames(deelnemers=nullable, settings=SAMPLE)
    assert problem.learners == problem_from_frames(deelnemers=frame, settings=SAMPLE).learners
    # a float32 NaN (not a Python float) is a blank too
    small = frame.copy()
    small["Max reistijd"] = small["Max reistijd"].astype(np.float32)
    assert problem_from_frames(deelnemers=small, settings=SAMPLE).learners == problem.learners

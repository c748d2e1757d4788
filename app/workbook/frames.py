"""Build a problem from pandas DataFrames (for analysts), with the same checks as a workbook.

Each DataFrame stands for one sheet of the canonical workbook (see the README's input
format): its column names are the headers, Dutch or English, matched the same forgiving way.
Every problem is reported as an :class:`app.workbook.issues.Issue` whose ``sheet`` is the sheet name,
whose ``row`` is the DataFrame row number plus 2 (as if row 1 held the headers) and whose ``index``
is that row's index label, said with it: ``blad Deelnemers, rij 7 (index 5), kolom Wacht sinds``. Sheets not
given come from a settings workbook (``settings=``), like a learners CSV.

    >>> from app.workbook.frames import load_frames
    >>> result = load_frames(deelnemers=df, settings="samples/b1_aanbieder.xlsx")
    >>> problem = result.problem
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.workbook.importer import ImportFailed, ImportResult, run_import
from app.workbook.issues import Issue
from app.workbook.reader import RawRow, RawSheet
from app.workbook.sources import SheetRows, Source
from app.workbook.tables import IssueSink

FRAME_KEYS = {
    "deelnemers": "learners", "learners": "learners",
    "locaties": "locations", "locations": "locations",
    "lesroosters": "schedules", "schedules": "schedules",
    "routes": "routes",
    "docenten": "teachers", "teachers": "teachers",
    "instellingen": "settings", "settings": "settings",
    "lopende_klassen": "running", "running": "running",
    "reistijden": "travel", "travel": "travel",
}


def _cell(value: Any) -> Any:
    """A DataFrame value as openpyxl would give it (None for missing, plain Python types).
    Missing is None, NaN, NaT and pandas' own ``pd.NA`` (the nullable dtypes of
    ``convert_dtypes()`` or ``read_csv(..., dtype_backend=...)``). A list, tuple, set or numpy
    array is a list cell (dayparts, languages, ids: one item each)."""
    if value is None or type(value).__name__ in ("NaTType", "NAType"):
        return None
    if getattr(value, "ndim", 0) >= 1 and hasattr(value, "tolist"):  # a numpy array as a list cell
        return value.tolist()
    if type(value).__module__ == "numpy":
        value = value.item()  # a numpy scalar as a Python one (a float32 NaN too, NaT as None)
        if value is None:
            return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        try:
            return value.to_pydatetime()
        except ValueError:
            return None
    if isinstance(value, dt.date):
        return value
    return value


def frame_to_sheet(frame: Any, title: str) -> RawSheet:
    """Rows of a DataFrame (or a mapping, for the key/value Instellingen) as a raw sheet."""
    if isinstance(frame, Mapping):
        rows = [RawRow(k + 1, [key, _cell(value)], [None, None]) for k, (key, value) in enumerate(frame.items())]
        return RawSheet(title, rows)
    headers = [str(c) for c in frame.columns]
    rows = [RawRow(1, list(headers), [None] * len(headers))]
    for k, values in enumerate(frame.itertuples(index=False, name=None)):
        rows.append(RawRow(k + 2, [_cell(v) for v in values], [None] * len(headers)))
    return RawSheet(title, rows)


class FrameSource(Source):
    """DataFrames named by sheet key (``learners``, ...); a sheet not given comes from the
    settings workbook. Rows are numbered as in Excel with the headers in row 1."""

    def __init__(self, frames: dict[str, Any], settings: str | Path | None = None) -> None:
        super().__init__(Path("<DataFrames>"), settings)
        self.info.kind = "frames"
        self.frames = frames

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        second = self._open_settings(sink)
        for spec in self.specs:
            if spec.key in self.frames:
                yield SheetRows(spec, frame_to_sheet(self.frames[spec.key], spec.nl), None)
                continue
            sheet = self._take(spec, self._find(second, spec, self.settings_file, sink), sink)
            if sheet is not None:
                yield sheet


def load_frames(column_mapping: Mapping[str, Any] | None = None, *, settings: str | Path | None = None,
                **frames: Any) -> ImportResult:
    """A problem from DataFrames named after the sheets (``deelnemers=``, ``locaties=``,
    ``lesroosters=``, ``routes=``, ``docenten=``, ``instellingen=`` (a DataFrame of two columns
    or a dict), ``lopende_klassen=``, ``reistijden=``; English names work too). A sheet other than
    ``instellingen`` may also be given as what ``pd.DataFrame()`` takes: a dict of columns or a
    list of rows."""
    keyed: dict[str, Any] = {}
    for name, frame in frames.items():
        key = FRAME_KEYS.get(name.lower())
        if key is None:
            raise TypeError(f"unknown sheet {name!r}; use one of {', '.join(sorted(set(FRAME_KEYS)))}")
        if frame is not None and key != "settings" and not hasattr(frame, "columns"):
            # a dict of columns or a list of rows (dicts), as pandas builds a DataFrame from them;
            # a dict here was read as the key/value rows of Instellingen (its headers unknown)
            import pandas as pd

            try:
                frame = pd.DataFrame(frame)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"{name}= takes a pandas DataFrame, a dict of columns or a list of rows, "
                                f"not {type(frame).__name__} ({exc})") from None
        if frame is not None:
            keyed[key] = frame
    result = run_import(FrameSource(keyed, settings), column_mapping)
    result.issues = [_with_index(issue, keyed) for issue in result.issues]
    return result


def _with_index(issue: Issue, frames: dict[str, Any]) -> Issue:
    """``issue`` with the index label of its row when it lies in one of the DataFrames given (an
    analyst finds a row by its label: ``df.loc[5]``, not by "rij 7")."""
    if issue.row is None or issue.row < 2 or issue.file is not None:
        return issue
    for spec in FrameSource.specs:
        frame = frames.get(spec.key)
        if (spec.nl == issue.sheet and frame is not None and not isinstance(frame, Mapping)
                and issue.row - 2 < len(frame.index)):
            label = frame.index[issue.row - 2]
            return replace(issue, index=label.item() if hasattr(label, "item") else label)
    return issue


def problem_from_frames(column_mapping: Mapping[str, Any] | None = None, *, settings: str | Path | None = None,
                        **frames: Any):  # -> Problem
    """Like :func:`load_frames`, but return the Problem or raise :class:`ImportFailed`."""
    result = load_frames(column_mapping, settings=settings, **frames)
    if result.problem is None:
        raise ImportFailed(result)
    return result.problem

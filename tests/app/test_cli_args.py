"""The klasvormer CLI's option checking and message lines (issue 16): usage errors exit 2 and name the
option, global options go anywhere, outputs never name the input, one prefix per line, English under
--lang en, right counts and singular/plural."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli import EXIT_INPUT, main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[int, Path]:
    """Copies of the sample with 1 and 3 unreadable learnability cells (one error each)."""
    folder = tmp_path_factory.mktemp("bad")
    out = {}
    for n in (1, 3):
        wb = openpyxl.load_workbook(SAMPLE)
        for row in range(2, 2 + n):
            wb["Deelnemers"][f"C{row}"] = "heel snel?"
        path = folder / f"bad{n}.xlsx"
        wb.save(path)
        out[n] = path
    return out


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- item 14: one prefix per line ------------------------------------------------------------------

def test_each_issue_line_has_its_prefix_once(bad_inputs, capsys):
    assert main(["check", str(bad_inputs[1])]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "fout: fout:" not in err and "waarschuwing: waarschuwing:" not in err
    issue_lines = [line for line in _lines(err) if "heel snel?" in line]
    assert len(issue_lines) == 1
    assert issue_lines[0].startswith("fout: blad Deelnemers, rij 2")

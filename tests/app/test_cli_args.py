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


# --- item 15: --lang en gives English input errors, warnings and summary lines ----------------------

def test_english_input_errors_warnings_and_summary(tmp_path, capsys):
    path = tmp_path / "mixed.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Deelnemers"]["C2"] = "heel snel?"  # an error
    wb["Deelnemers"]["C3"] = "langzaam"  # a warning: a category mapped to a score
    wb.save(path)
    assert main(["--lang", "en", "check", str(path)]) == EXIT_INPUT
    lines = _lines(capsys.readouterr().err)
    assert any(line.startswith("error: sheet Deelnemers, row 2, column") and "is not a learnability" in line
               for line in lines), lines
    assert any(line.startswith("warning: sheet Deelnemers, row 3,") and "was mapped to learnability" in line
               for line in lines), lines
    assert any("no plan was made" in line for line in lines), lines
    dutch = ("fout", "waarschuwing", "blad ", " rij ", "kolom", "geen plan", "is geen")
    assert not [line for line in lines if any(word in line for word in dutch)], lines


def test_english_check_summary(capsys):
    assert main(["--lang", "en", "check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "300 learners" in out and "deelnemers" not in out


# --- item 8: global options before or after the subcommand -------------------------------------------

@pytest.mark.parametrize("argv", [
    ["check", str(SAMPLE), "--verbose", "--lang", "en"],
    ["check", "-v", "--lang", "en", str(SAMPLE)],
    ["--verbose", "--lang", "en", "check", str(SAMPLE)],
    ["-v", "check", str(SAMPLE), "--lang", "en"],
])
def test_global_options_anywhere(argv, capsys):
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "unrecognized" not in captured.err
    assert "300 learners" in captured.out


def test_global_option_before_the_subcommand_is_not_reset_by_it(capsys):
    assert main(["--lang", "en", "check", str(SAMPLE), "-v"]) == 0
    assert "300 learners" in capsys.readouterr().out


def test_simulate_takes_the_global_options(capsys):
    assert main(["simulate", "--help", "--verbose"]) == 0
    assert "--lang" in capsys.readouterr().out

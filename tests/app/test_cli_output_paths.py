"""An output that cannot be written at all (a folder, a path under a file) is refused before
any work, exit 4, as an output that is not Klasvormer's.

Found by the outside-in audit: ``solve -o <existing folder>`` solved first, then said "Is a
directory", kept the plan as plan_<input>_<time>.xlsx next to the input and exited 4.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli.exits import EXIT_OUTPUT
from app.cli.klasvormer import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the sample in its own folder (where a kept plan would go) that cannot be read:
    a refusal before any work never reads it."""

    def no_reading(*args, **kwargs):
        raise AssertionError("the input was read before the output was checked")

    monkeypatch.setattr("app.workbook.importer.load_problem", no_reading)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map").mkdir()
    (tmp_path / "notities.txt").write_text("x")
    shutil.copy(SAMPLE, tmp_path / "invoer.xlsx")
    return tmp_path


CASES = [
    (["solve", "invoer.xlsx", "-o", "map"],
     "-o/--output map is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld map/plan.xlsx."),
    (["solve", "invoer.xlsx", "-o", "map", "--force"],
     "-o/--output map is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld map/plan.xlsx."),
    (["solve", "invoer.xlsx", "-o", "notities.txt/plan.xlsx"],
     "-o/--output notities.txt/plan.xlsx kan niet worden geschreven: 'notities.txt' is een bestand, geen map. "
     "Kies een ander pad."),
    (["solve", "invoer.xlsx", "-o", "notities.txt/sub/plan.xlsx"],
     "-o/--output notities.txt/sub/plan.xlsx kan niet worden geschreven: 'notities.txt' is een bestand, geen map."),
    (["solve", "invoer.xlsx", "--errors", "map"],
     "--errors map is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld map/fouten.xlsx."),
    (["check", "invoer.xlsx", "--errors", "map"],
     "--errors map is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld map/fouten.xlsx."),
    (["tradeoff", "invoer.xlsx", "--chart", "map", "--points", "2"],
     "--chart map is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld map/afweging.png."),
    (["--lang", "en", "tradeoff", "invoer.xlsx", "-o", "map", "--points", "2"],
     "-o/--output map is a folder, not a file; give a file name, e.g. map/plan.xlsx."),
]


@pytest.mark.parametrize(("argv", "said"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_an_output_that_cannot_be_a_file_is_refused_before_any_work(argv, said, work, capsys):
    before = sorted(p.name for p in work.iterdir())
    assert main(argv) == EXIT_OUTPUT
    captured = capsys.readouterr()
    assert said in captured.err
    assert captured.out == ""
    assert sorted(p.name for p in work.iterdir()) == before  # no plan kept elsewhere
    assert list((work / "map").iterdir()) == []


def test_an_error_workbook_under_a_file_is_refused_in_english(work, capsys):
    assert main(["--lang", "en", "check", "invoer.xlsx", "--errors", "notities.txt/fouten.xlsx"]) == EXIT_OUTPUT
    assert ("--errors notities.txt/fouten.xlsx cannot be written: 'notities.txt' is a file, not a folder. "
            "Choose another path.") in capsys.readouterr().err


def test_a_missing_folder_is_no_refusal(tmp_path, monkeypatch, capsys):
    """A file in folders that do not exist yet is fine: the write makes them."""
    from app.cli.args import check_writable
    from app.cli.klasvormer import build_parser

    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["tradeoff", "in.xlsx", "-o", "nieuw/diep/plan.xlsx", "--chart", "g/a.png",
                                      "--errors", "f.xlsx"])
    assert check_writable(args) is None

"""``--errors`` with a path that cannot be written: exit 4 and a plain message naming the path."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.exits import EXIT_INPUT, EXIT_OUTPUT
from app.cli.klasvormer import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.mark.parametrize("command", ["check", "solve"])
@pytest.mark.parametrize("where", ["folder", "under_file"])
def test_unwritable_error_workbook_exits_4_naming_the_path(tmp_path, bad_input, capsys, monkeypatch, command,
                                                           where):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    (tmp_path / "bestand.txt").write_text("x")
    target = {"folder": tmp_path, "under_file": tmp_path / "bestand.txt" / "fouten.xlsx"}[where]
    argv = [command, str(bad_input), "--errors", str(target), "--force"]  # --force: no error workbook of ours
    argv += ["--time-limit", "1"] if command == "solve" else []
    assert main(argv) == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "Onverwachte fout" not in err and "WriteError" not in err and ".." not in err
    line = next(ln for ln in err.splitlines() if "foutenwerkmap" in ln.lower())
    assert str(target) in line and "--errors" in line
    assert ("is een map" in line) if where == "folder" else ("bestand.txt' is een bestand" in line)


def test_writable_error_workbook_still_exits_1(tmp_path, bad_input, capsys):
    target = tmp_path / "nieuw" / "fouten.xlsx"
    assert main(["check", str(bad_input), "--errors", str(target)]) == EXIT_INPUT
    assert target.exists()
    assert f"Foutenwerkmap geschreven: {target}" in capsys.readouterr().err


def test_plan_under_a_file_message_has_no_double_full_stop(tmp_path, capsys, monkeypatch):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    (tmp_path / "bestand.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "invoer.xlsx"
    src.write_bytes(SAMPLE.read_bytes())
    target = tmp_path / "bestand.txt" / "plan.xlsx"
    assert main(["solve", str(src), "--time-limit", "0.5", "-o", str(target)]) == EXIT_OUTPUT  # the message, not the plan
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if ln.startswith(f"Kan {target} niet schrijven"))
    assert ".." not in line and "Kies een andere map." in line
    assert "Excel" not in line  # a folder problem, not a file open in Excel


def test_last_line_of_defence_has_no_double_full_stop(monkeypatch, capsys):
    import app.workbook.importer

    def broken(*_a, **_k):
        raise RuntimeError("Iets ging mis.")

    monkeypatch.setattr(app.workbook.importer, "load_problem", broken)
    main(["check", str(SAMPLE)])
    err = capsys.readouterr().err
    assert "Iets ging mis. Gebruik --verbose" in err and ".." not in err


@pytest.mark.parametrize("command", ["check", "solve"])
def test_an_error_workbook_open_in_excel_by_its_lock_file_is_not_overwritten_and_kept(tmp_path, bad_input, capsys,
                                                                                        command):
    """As the plan (-o): Excel's lock file '~$fouten.xlsx' next to it means the workbook is open;
    it is left alone, exit 4, and the error workbook is kept next to the input. Before, --errors
    wrote over it (on Windows the write fails, elsewhere the user sees the old one in Excel)."""
    import openpyxl

    target = tmp_path / "fouten.xlsx"
    target.write_bytes(b"open in Excel")
    (tmp_path / "~$fouten.xlsx").write_bytes(b"x")
    argv = [command, str(bad_input), "--errors", str(target), "--force"]  # --force: no error workbook of ours
    argv += ["--time-limit", "1"] if command == "solve" else []
    assert main(argv) == EXIT_OUTPUT
    assert target.read_bytes() == b"open in Excel"
    err = capsys.readouterr().err
    assert f"Kan de foutenwerkmap niet schrijven naar {target}: " in err
    assert "is geopend in Excel" in err and "'~$fouten.xlsx'" in err
    assert "Foutenwerkmap geschreven" not in err
    kept = sorted(tmp_path.glob("fouten_invoer_*.xlsx"))
    assert len(kept) == 1 and f"De foutenwerkmap is in plaats daarvan bewaard als {kept[0]}" in err
    assert "Problemen" in openpyxl.load_workbook(kept[0], read_only=True).sheetnames


def test_an_error_workbook_that_cannot_be_kept_anywhere_says_so_in_english(tmp_path, bad_input, capsys,
                                                                           monkeypatch):
    import app.cli.files

    monkeypatch.setattr(app.cli.files, "keep_elsewhere", lambda *_a, **_k: None)
    target = tmp_path / "fouten.xlsx"
    (tmp_path / "~$fouten.xlsx").write_bytes(b"x")
    assert main(["--lang", "en", "check", str(bad_input), "--errors", str(target)]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert f"Cannot write the error workbook to {target}: File 'fouten.xlsx' is open in Excel" in err
    assert "The error workbook could not be saved next to the input" in err
    assert not target.exists()

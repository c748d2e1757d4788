"""``--lang en``: the command's lines about outputs it cannot write, about --houd-kolom and from
``simulate`` are English too (they were Dutch whatever the language)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from app.cli.exits import EXIT_INPUT, EXIT_OUTPUT, EXIT_USAGE
from app.cli.klasvormer import main
from tests.app.privacy import personal_workbook

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
DUTCH = ("Kan ", "kan ", " niet ", " geen ", "Geef ", "Kies ", "bewaard", "Bestand ", " map", "Kolom ", "bestaat")


def _english(line: str) -> None:
    assert not [w for w in DUTCH if w in line], line


@pytest.mark.parametrize("where", ["folder", "under_file"])
def test_an_unwritable_error_workbook_is_said_in_english(tmp_path, bad_input, capsys, monkeypatch, where):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    (tmp_path / "bestand.txt").write_text("x")
    target = {"folder": tmp_path, "under_file": tmp_path / "bestand.txt" / "fouten.xlsx"}[where]
    assert main(["check", str(bad_input), "--errors", str(target), "--lang", "en"]) == EXIT_OUTPUT
    line = next(ln for ln in capsys.readouterr().err.splitlines() if "error workbook" in ln)
    assert line.startswith(f"Cannot write the error workbook to {target}: ")
    assert line.endswith(" Give --errors a file name (.xlsx) in a folder you may write to.")
    assert ("that is a folder, not a file." in line) if where == "folder" else (
        f"'{tmp_path / 'bestand.txt'}' is a file, not a folder." in line)
    _english(line)


def test_the_error_workbook_never_replaces_the_input_in_english(bad_input, capsys):
    assert main(["check", str(bad_input), "--errors", str(bad_input), "--lang", "en"]) == EXIT_USAGE
    capsys.readouterr()
    from app.workbook.errors_workbook import write_error_workbook
    from app.workbook.xlsx_util import WriteError

    with pytest.raises(WriteError) as err:
        write_error_workbook(bad_input, [], bad_input)
    assert err.value.key == "is_input" and "invoerbestand 'invoer.xlsx'" in str(err.value)
    assert err.value.text("en") == "The error overview must not overwrite the input file 'invoer.xlsx'; choose another name."


def test_a_plan_that_cannot_be_written_is_said_in_english(tmp_path, capsys, monkeypatch):
    # (this file's solves on 0.3 s: what is said, not the plan)
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, src)
    (tmp_path / "bestand.txt").write_text("x")
    target = tmp_path / "bestand.txt" / "plan.xlsx"  # its folder cannot be made
    assert main(["solve", str(src), "--time-limit", "0.3", "-o", str(target), "--lang", "en"]) == EXIT_OUTPUT
    lines = capsys.readouterr().err.splitlines()
    cannot = next(ln for ln in lines if ln.startswith(f"Cannot write {target}: "))
    assert f"Cannot write in folder '{target.parent}'" in cannot and cannot.endswith("Choose another folder.")
    kept = next(ln for ln in lines if ln.startswith("Instead, the computed plan was saved as "))
    assert Path(kept.removeprefix("Instead, the computed plan was saved as ")).exists()
    for line in (cannot, kept):
        _english(line)


def test_a_read_only_plan_is_said_in_english(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, src)
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    target.chmod(stat.S_IRUSR)
    try:
        # --force: "old" is no plan workbook of ours (refused at once without it: test_cli_overwrite.py)
        assert main(["solve", str(src), "--time-limit", "0.3", "-o", str(target), "--lang", "en", "--force"]) == EXIT_OUTPUT
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert target.read_bytes() == b"old"
    line = next(ln for ln in capsys.readouterr().err.splitlines() if ln.startswith(f"Cannot write {target}: "))
    assert line == f"Cannot write {target}: File 'plan.xlsx' is read-only. It is not replaced; choose another name, " \
                   "or confirm that you want to replace it anyway."


def test_keep_column_refusals_are_said_in_english(tmp_path, capsys):
    personal = personal_workbook(tmp_path / "deelnemers.xlsx")
    assert main(["solve", str(personal), "--houd-kolom", "Mentor", "--lang", "en"]) == EXIT_USAGE
    assert "--houd-kolom only works together with --zonder-namen." in capsys.readouterr().err.splitlines()
    assert main(["solve", str(personal), "--zonder-namen", "--houd-kolom", "Naam", "--lang", "en"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Column 'Naam' holds names or notes and never goes into an export without names." in err.splitlines()
    assert main(["solve", str(personal), "--zonder-namen", "--houd-kolom", "Mentr", "--lang", "en"]) == EXIT_USAGE
    line = next(ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("Column 'Mentr'"))
    assert line.startswith("Column 'Mentr' is not in the learner list; choose from: ") and "Mentor" in line
    assert main(["solve", str(personal), "--zonder-namen", "--houd-kolom", "Mentr"]) == EXIT_USAGE  # Dutch as before
    assert "Kolom 'Mentr' staat niet in de deelnemerslijst; te kiezen: " in capsys.readouterr().err


def test_simulate_without_its_input_is_said_in_english(tmp_path, capsys):
    missing = tmp_path / "nergens.xlsx"
    assert main(["simulate", str(missing), "--lang", "en"]) == EXIT_INPUT
    assert f"error: '{missing}' does not exist (give a workbook or 'sample')" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_template_in_a_folder_that_cannot_be_written_is_said_in_one_language(tmp_path, capsys, monkeypatch,
                                                                               language):
    import app.safefile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(app.safefile.tempfile, "mkstemp", refuse)  # as a read-only folder
    target = tmp_path / "leeg.xlsx"
    assert main(["template", str(target), "--lang", language]) == EXIT_OUTPUT
    line = next(ln for ln in capsys.readouterr().err.splitlines() if str(target) in ln)
    if language == "en":
        assert line == f"Cannot write {target}: Cannot write in folder '{tmp_path}': access denied; you have no " \
                       "permission for this file or folder, or another program has the file open. Choose another folder."
        _english(line)
    else:
        assert line == f"Kan {target} niet schrijven: Kan niet schrijven in map '{tmp_path}': toegang geweigerd; u " \
                       "hebt geen rechten op dit bestand of deze map, of een ander programma heeft het bestand open. " \
                       "Kies een andere map."
    assert not line.endswith("..") and not target.exists()


def _prose(path: Path) -> list[str]:
    """The prose a person reads in a template: Uitleg's titles, rules, table heads and meanings
    (columns A-C; not the headers, values, examples and variants, which are Dutch in both) and the
    headers' comments."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    uitleg = wb["Uitleg"]
    heads = {c.value for ws in wb.worksheets[1:] for c in ws[1]}
    texts = [c.value for row in uitleg.iter_rows(max_col=3) for c in row
             if isinstance(c.value, str) and c.value not in heads and c.value != "•"]
    return texts + [c.comment.text for ws in wb.worksheets for c in ws[1] if c.comment is not None]


def test_the_template_in_english_explains_in_english_and_reads_back_as_the_dutch_one(tmp_path, capsys):
    from app.workbook.importer import load_problem

    nl, en = tmp_path / "sjabloon.xlsx", tmp_path / "template.xlsx"
    assert main(["template", str(nl)]) == 0
    assert main(["--lang", "en", "template", str(en)]) == 0
    capsys.readouterr()
    dutch, english = _prose(nl), _prose(en)
    assert "Klasvormer - input workbook" in english and "Klasvormer - invoerwerkmap" in dutch
    assert any(t.startswith("Sheet Deelnemers: One row per learner") for t in english)
    assert "Unique number or code of the learner (no name)." in english
    assert "Default maximum one-way travel time (minutes)." in english  # a setting's meaning
    for text in english:  # no Dutch sentence left: what stays Dutch are names, headers and values
        assert not [w for w in (" een ", " het ", " de ", " van ", "Blad ", "Kolom", "Betekenis", "Verplicht")
                    if w in f" {text} "], text
    import openpyxl

    a, b = openpyxl.load_workbook(nl), openpyxl.load_workbook(en)
    assert a.sheetnames == b.sheetnames  # the sheet names and headers are what is read back
    for name in a.sheetnames[1:]:
        assert [c.value for c in a[name][1]] == [c.value for c in b[name][1]], name
    assert [i.code for i in load_problem(en).issues] == [i.code for i in load_problem(nl).issues]

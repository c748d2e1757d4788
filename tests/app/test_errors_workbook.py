"""The marked copy of a bad input: fills, comments, a Problemen sheet; the source untouched."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.workbook.errors_workbook import write_error_workbook
from app.workbook.importer import load_problem
from app.workbook.xlsx_util import RED_FILL, YELLOW_FILL, WriteError

from . import badfiles as bf


def test_bad_cells_are_filled_and_commented(tmp_path: Path) -> None:
    source = bf.with_learners(tmp_path, [
        {"Id": "X1", "Route": "B1", "Leerbaarheid": "heel snel", "Dagdelen": "ochtend", "Stadsdeel": "West",
         "Wacht sinds": "2024-12-02"},
        {"Id": "X2", "Route": "B1", "Leerbaarheid": "snel", "Dagdelen": "ochtend", "Stadsdeel": "West",
         "Wacht sinds": "2024-12-02"},
    ])
    before = source.read_bytes()
    result = load_problem(source)
    out = write_error_workbook(source, result.issues, tmp_path / "fouten.xlsx")
    assert source.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Problemen"
    ws = wb["Deelnemers"]
    assert ws["C2"].fill.fgColor.rgb == RED_FILL.fgColor.rgb
    assert ws["C2"].comment.text.startswith("FOUT: 'heel snel' is geen leerbaarheid.")
    assert ws["C3"].fill.fgColor.rgb == YELLOW_FILL.fgColor.rgb
    assert "WAARSCHUWING: Categorie 'snel' is omgezet naar leerbaarheid 75." in ws["C3"].comment.text
    problems = list(wb["Problemen"].iter_rows(values_only=True))
    assert problems[0][:6] == ("Ernst", "Bestand", "Blad", "Rij", "Kolom", "Cel")
    assert problems[1][0] == "fout" and problems[1][5] == "C2" and problems[2][0] == "waarschuwing"
    assert wb["Problemen"]["F2"].hyperlink.location == "'Deelnemers'!C2"


def test_in_english_the_english_message_comes_first(tmp_path: Path, bad_input: Path, capsys) -> None:
    """``--lang en check --errors``: the comments and the Problemen sheet say the English message
    first (the Dutch one after it), with English headers and severities (they were Dutch: found by
    the outside-in audit of the English workbooks). The sheet keeps its Dutch name."""
    from app.cli.klasvormer import main

    out = tmp_path / "errors.xlsx"
    assert main(["--lang", "en", "check", str(bad_input), "--errors", str(out)]) == 1
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Problemen"
    problems = list(wb["Problemen"].iter_rows(values_only=True))
    assert problems[0] == ("Severity", "File", "Sheet", "Row", "Column", "Cell", "Value", "Message",
                           "Melding (Nederlands)")
    result = load_problem(bad_input)
    (issue,) = [i for i in result.issues if i.is_error]
    row = next(r for r in problems[1:] if r[5] == issue.cell)
    assert (row[0], row[7], row[8]) == ("error", issue.message_en, issue.message)
    assert {r[0] for r in problems[1:]} <= {"error", "warning"}
    comment = wb[issue.sheet][issue.cell].comment.text
    assert comment == f"ERROR: {issue.message_en}\n({issue.message})"
    dutch = openpyxl.load_workbook(write_error_workbook(bad_input, result.issues, tmp_path / "fouten.xlsx"))
    assert dutch[issue.sheet][issue.cell].comment.text == f"FOUT: {issue.message}\n({issue.message_en})"
    assert next(dutch["Problemen"].iter_rows(values_only=True))[7:] == ("Melding", "Message (English)")


def test_merged_header_is_marked_on_its_first_cell(tmp_path: Path) -> None:
    source = bf.merged_header(tmp_path)
    out = write_error_workbook(source, load_problem(source).issues, tmp_path / "fouten.xlsx")
    ws = openpyxl.load_workbook(out)["Deelnemers"]
    assert ws["M1"].comment is not None and ws["M1"].fill.fgColor.rgb == RED_FILL.fgColor.rgb


def test_never_overwrites_the_source(tmp_path: Path) -> None:
    source = bf.duplicate_ids(tmp_path)
    with pytest.raises(WriteError) as exc:
        write_error_workbook(source, load_problem(source).issues, source)
    assert "mag het invoerbestand" in str(exc.value)


def test_csv_and_unreadable_sources(tmp_path: Path) -> None:
    csv = bf.semicolon_cp1252_csv(tmp_path)
    out = write_error_workbook(csv, load_problem(csv).issues, tmp_path / "csv_fouten.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Problemen", "Deelnemers"]
    assert wb["Deelnemers"]["G2"].value == "José"
    assert wb["Deelnemers"]["C2"].comment is not None  # category warning
    empty = bf.empty_file(tmp_path)
    out = write_error_workbook(empty, load_problem(empty).issues, tmp_path / "leeg_fouten.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Problemen"]
    assert wb["Problemen"]["H2"].value.startswith("Bestand 'leeg.xlsx' is leeg")


def test_a_csv_with_a_settings_workbook_is_named_in_messages_and_the_problems_sheet(tmp_path: Path) -> None:
    """With --settings, messages said 'blad Deelnemers, rij 3' and the Bestand column was empty for the
    CSV's own rows, while the settings workbook's issues named their file: which file was meant?"""
    csv = tmp_path / "lijst.csv"
    csv.write_text("Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds\n"
                   "C1;B1;50;ochtend;West;02-12-2024\nC2;B1;abc;ochtend;West;02-12-2024\n", encoding="utf-8")
    result = load_problem(csv, settings=bf.good_workbook(tmp_path))
    (bad,) = result.errors
    assert bad.line().startswith("fout: lijst.csv, blad Deelnemers, rij 3, kolom Leerbaarheid (C): 'abc' is geen")
    out = write_error_workbook(csv, result.issues, tmp_path / "fouten.xlsx")
    wb = openpyxl.load_workbook(out)
    row = next(r for r in wb["Problemen"].iter_rows(min_row=2) if r[0].value == "fout")
    assert [c.value for c in row[1:6]] == ["lijst.csv", "Deelnemers", 3, "Leerbaarheid", "C3"]
    assert row[5].hyperlink.location == "'Deelnemers'!C3"
    assert wb["Deelnemers"]["C3"].fill.fgColor.rgb == RED_FILL.fgColor.rgb


FORMULA_TEXTS = ["=1+1", '=HYPERLINK("http://example.org","klik")', "=cmd|' /C calc'!A0"]


def _formula_parts(path: Path) -> list[str]:
    """Names of the sheet parts of ``path`` that hold a formula element."""
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/worksheets/") and b"<f>" in zf.read(n)]


def test_formula_texts_from_a_csv_are_written_as_text(tmp_path: Path) -> None:
    source = tmp_path / "formules.csv"
    lines = ["Id;Route;Leerbaarheid;Dagdelen;Stadsdeel;Wacht sinds;Notities"]
    lines += [f"C{i};B1;{text};ochtend;West;2024-12-02;{text}" for i, text in enumerate(FORMULA_TEXTS, start=1)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = write_error_workbook(source, load_problem(source).issues, tmp_path / "fouten.xlsx")
    assert _formula_parts(out) == []
    ws = openpyxl.load_workbook(out)["Deelnemers"]
    for row, text in enumerate(FORMULA_TEXTS, start=2):
        assert (ws[f"C{row}"].value, ws[f"C{row}"].data_type) == (text, "s")
        assert (ws[f"G{row}"].value, ws[f"G{row}"].data_type) == (text, "s")


def test_formulas_of_a_workbook_are_written_as_text(tmp_path: Path) -> None:
    source = bf.good_workbook(tmp_path)
    wb = openpyxl.load_workbook(source)
    ws = wb["Deelnemers"]
    for col, text in zip("VWX", FORMULA_TEXTS, strict=True):
        ws[f"{col}2"] = text  # real formulas in the source
    ws["C3"] = "kapot"  # an error, so there is something to mark
    wb.save(source)
    out = write_error_workbook(source, load_problem(source).issues, tmp_path / "fouten.xlsx")
    assert _formula_parts(out) == []
    ws = openpyxl.load_workbook(out)["Deelnemers"]
    assert [(ws[f"{col}2"].value, ws[f"{col}2"].data_type) for col in "VWX"] == [(t, "s") for t in FORMULA_TEXTS]

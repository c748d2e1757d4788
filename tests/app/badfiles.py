"""Build bad input files programmatically (no hand-edited binaries in the repository).

Every builder takes a folder and returns the path of a new file. Workbook variants start from
a valid canonical workbook of the fixture problem (``good_workbook``) and change one thing.
"""

from __future__ import annotations

import codecs
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from app.workbook.template import write_input_workbook

from .conftest import make_problem

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def good_workbook(folder: Path, name: str = "goed.xlsx") -> Path:
    """The fixture problem as a canonical workbook (written once per test session, then copied)."""
    path = folder / name
    path.write_bytes(_good_bytes())
    return path


@cache
def _good_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input_workbook(make_problem(), Path(tmp) / "goed.xlsx",
                                    extras={"D1": {"Naam": "Ali", "Notities": "eerst bellen"}})
        return path.read_bytes()


def column_letter(ws: Worksheet, header: str) -> str:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)


def _edit(folder: Path, name: str, change: Callable[[openpyxl.Workbook], None]) -> Path:
    src = good_workbook(folder, "basis_" + name)
    wb = openpyxl.load_workbook(src)
    change(wb)
    out = folder / name
    wb.save(out)
    return out


# ---- not a workbook ----------------------------------------------------------------------------
def empty_file(folder: Path) -> Path:
    path = folder / "leeg.xlsx"
    path.write_bytes(b"")
    return path


def renamed_text(folder: Path) -> Path:
    path = folder / "tekst.xlsx"
    path.write_text("id;route;leerbaarheid\nD1;B1;50\n", encoding="utf-8")
    return path


def legacy_xls(folder: Path) -> Path:
    """An OLE compound file as old Excel writes it: magic bytes and a 'Workbook' stream name."""
    path = folder / "oud.xls"
    path.write_bytes(CFB_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    return path


def encrypted_xlsx(folder: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE file with EncryptedPackage."""
    path = folder / "geheim.xlsx"
    names = "EncryptionInfo".encode("utf-16-le") + bytes(50) + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(CFB_MAGIC + bytes(504) + names + bytes(2048))
    return path


def random_zip(folder: Path) -> Path:
    path = folder / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "geen werkmap")
    return path


# ---- workbook variants -------------------------------------------------------------------------
def missing_sheet(folder: Path) -> Path:
    return _edit(folder, "zonder_routes.xlsx", lambda wb: wb.remove(wb["Routes"]))


def missing_column(folder: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        ws.delete_cols(ws[column_letter(ws, "Wacht sinds") + "1"].column)
    return _edit(folder, "zonder_wacht_sinds.xlsx", change)


def duplicate_ids(folder: Path) -> Path:
    """Row 3 gets the id of row 2."""
    def change(wb: openpyxl.Workbook) -> None:
        wb["Deelnemers"].cell(row=3, column=1, value="D1")
    return _edit(folder, "dubbel.xlsx", change)


def formula_cell(folder: Path) -> Path:
    """Leerbaarheid of row 2 is a formula; openpyxl stores no cached value for it."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        ws[column_letter(ws, "Leerbaarheid") + "2"] = "=40+10"
    return _edit(folder, "formule.xlsx", change)


def merged_header(folder: Path) -> Path:
    """Headers Talen and Voorkeurstaal merged; the Voorkeurstaal column has data."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        a, b = column_letter(ws, "Talen"), column_letter(ws, "Voorkeurstaal")
        ws.merge_cells(f"{a}1:{b}1")
    return _edit(folder, "samengevoegd.xlsx", change)


def blank_header(folder: Path) -> Path:
    """A column with data but no header after the last column."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        col = ws.max_column + 1
        ws.cell(row=2, column=col, value="iets")
        ws.cell(row=4, column=col, value="nog iets")
    return _edit(folder, "lege_kop.xlsx", change)


def hidden_row(folder: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        wb["Deelnemers"].row_dimensions[3].hidden = True
    return _edit(folder, "verborgen.xlsx", change)


def long_texts(folder: Path) -> Path:
    """Row 2: an id of 5,000 characters; row 3: notes of 20,000 characters (allowed)."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=2, column=1, value="X" * 5000)
        ws[column_letter(ws, "Notities") + "3"] = "n" * 20000
    return _edit(folder, "lang.xlsx", change)


def formatted_to_last_row(folder: Path) -> Path:
    """A styled cell in row 1,048,576: the sheet's used range claims every row of Excel."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        ws.cell(row=1_048_576, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    return _edit(folder, "tot_onderaan.xlsx", change)


def million_row_elements(folder: Path) -> Path:
    """Every row up to 1,048,576 present as a formatted (empty) row element in the sheet XML.

    Built by streaming extra ``<row>`` elements into the Deelnemers part of a valid workbook.
    """
    src = formatted_to_last_row(folder)
    out = folder / "miljoen_rijen.xlsx"
    with zipfile.ZipFile(src) as zin:
        part = _sheet_part(zin, "Deelnemers")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename != part:
                    zout.writestr(info, data)
                    continue
                head, rest = data.split(b"</sheetData>", 1)
                last_row_tag = head.rfind(b"<row ")
                body, tail_rows = head[:last_row_tag], head[last_row_tag:]
                first_free = body.count(b"<row ") + 1
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(body)
                    for start in range(first_free, 1_048_576, 100_000):
                        stop = min(start + 100_000, 1_048_576)
                        fh.write(b"".join(b'<row r="%d" s="1" customFormat="1"/>' % r for r in range(start, stop)))
                    fh.write(tail_rows + b"</sheetData>" + rest)
    return out


def _sheet_part(zf: zipfile.ZipFile, title: str) -> str:
    from app.workbook.reader import _sheet_paths

    return _sheet_paths(zf)[title]


# ---- CSV ---------------------------------------------------------------------------------------
CSV_ROWS = [
    ["Id", "Route", "Leerbaarheid", "Dagdelen", "Stadsdeel", "Wacht sinds", "Naam", "Notities"],
    ["C1", "B1", "gemiddeld", "ma-ochtend, wo-ochtend, vr-ochtend", "Nieuw-West", "6-1-2025", "José", "café"],
    ["C2", "b1", "65%", "ochtend", "Zuidoost", "2024-12-02", "Zoë", ""],
    ["C3", "B1", "40", "di-middag; do-middag", "Noord", "03-03-2025", "", "heeft 'n voorkeur"],
]


def semicolon_cp1252_csv(folder: Path) -> Path:
    path = folder / "deelnemers_cp1252.csv"
    text = "\r\n".join(";".join(_quote(v, ";") for v in row) for row in CSV_ROWS) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def utf8_bom_csv(folder: Path) -> Path:
    path = folder / "deelnemers_bom.csv"
    english = [["id", "route", "learnability", "dayparts", "district", "waiting since", "name", "notes"],
               *CSV_ROWS[1:]]
    text = "\n".join(",".join(_quote(v, ",") for v in row) for row in english) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def _quote(value: str, sep: str) -> str:
    return f'"{value}"' if sep in value or '"' in value else value


def with_learners(folder: Path, rows: list[dict[str, object]], name: str = "deelnemers.xlsx") -> Path:
    """The good workbook with its learner rows replaced by ``rows`` (Dutch header -> value).

    The Reistijden sheet (for the fixture's learners) is removed.
    """
    def change(wb: openpyxl.Workbook) -> None:
        wb.remove(wb["Reistijden"])
        ws = wb["Deelnemers"]
        headers = [c.value for c in ws[1]]
        ws.delete_rows(2, ws.max_row)
        for r, values in enumerate(rows, start=2):
            for header, value in values.items():
                if header not in headers:
                    headers.append(header)
                    ws.cell(row=1, column=len(headers), value=header)
                ws.cell(row=r, column=headers.index(header) + 1, value=value)
    return _edit(folder, name, change)


def lying_dimension(folder: Path) -> Path:
    """The Deelnemers sheet claims its used range is only A1 (some exporters write this)."""
    src = good_workbook(folder, "basis_dim.xlsx")
    out = folder / "dimensie.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        part = _sheet_part(zin, "Deelnemers")
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                start = data.index(b"<dimension ")
                data = data[:start] + b'<dimension ref="A1"/>' + data[data.index(b">", start) + 1:]
            zout.writestr(info, data)
    return out


def with_cells(folder: Path, name: str, sheet: str, cells: dict[tuple[int, str], object]) -> Path:
    """The good workbook with cells of ``sheet`` set: ``{(row, header): value}``."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[sheet]
        for (row, header), value in cells.items():
            ws[f"{column_letter(ws, header)}{row}"] = value
    return _edit(folder, name, change)


def setting(folder: Path, name: str, key: str, value: object) -> Path:
    """The good workbook with the value of setting ``key`` (its text in column A) replaced."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Instellingen"]
        row = next(c.row for c in ws["A"] if c.value == key)
        ws.cell(row=row, column=2, value=value)
    return _edit(folder, name, change)


def replace_text(src: Path, out: Path, old: str, new: str) -> Path:
    """A copy of workbook ``src`` with the text ``old`` replaced by ``new`` in every part.

    For values openpyxl will not write itself (text over Excel's 32,767 characters per cell).
    """
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename).replace(old.encode(), new.encode()))
    return out


CSV_TEXT = "\n".join(";".join(_quote(v, ";") for v in row) for row in CSV_ROWS) + "\n"


def utf16_odd_csv(folder: Path) -> Path:
    """UTF-16 with BOM, one byte short of a whole character (a file cut off while copying)."""
    path = folder / "utf16_oneven.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + CSV_TEXT.encode("utf-16-le")[:-1])
    return path


def utf16_lone_surrogate_csv(folder: Path) -> Path:
    """UTF-16 with BOM; line 3 holds the first half of a surrogate pair without its second half."""
    path = folder / "utf16_surrogaat.csv"
    lines = CSV_TEXT.split("\n")
    head = "\n".join(lines[:2]) + "\nC2;"
    rest = CSV_TEXT[len(head):]
    path.write_bytes(codecs.BOM_UTF16_LE + head.encode("utf-16-le") + b"\x3d\xd8" + rest.encode("utf-16-le"))
    return path


def nul_csv(folder: Path) -> Path:
    """A UTF-8 CSV with one NUL byte in line 2."""
    path = folder / "nul.csv"
    data = CSV_TEXT.encode("utf-8")
    at = data.index(b"\n") + 3
    path.write_bytes(data[:at] + b"\x00" + data[at:])
    return path


def far_row_and_column(folder: Path, gap: int = 1500, column: int = 400) -> Path:
    """A copy of learner D1 as D9, ``gap`` blank rows below the others; an extra column at ``column``."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Deelnemers"]
        row = ws.max_row + gap + 1
        for col, cell in enumerate(ws[2], start=1):
            ws.cell(row=row, column=col, value=cell.value)
        ws.cell(row=row, column=1, value="D9")
        ws.cell(row=1, column=column, value="Ver weg")
        ws.cell(row=2, column=column, value="kolom 400")
    return _edit(folder, "ver_weg.xlsx", change)

"""The sample input with personal data added: names, notes, a BSN column and full postcodes.

Used by the privacy tests (issue 23): every value written here is unique, so a scan of a file's
bytes for it finds it only when it leaked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"
PERSONAL_HEADERS = ("Naam", "Notities", "BSN", "Mentor")


def name(i: int) -> str:
    return f"Yasmina Privé-{i:03d}"


def note(i: int) -> str:
    return f"vertrouwelijk: gesprek {i:03d} over gezondheid"


def bsn(i: int) -> str:
    return f"99{i:07d}"


def mentor(i: int) -> str:
    return f"mentor-{i:03d}"


def personal_workbook(path: Path) -> Path:
    """The sample with Naam, Notities, BSN and Mentor columns and full postcodes ("1056 QZ")."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    headers = [c.value for c in ws[1]]
    pc = headers.index("Postcode") + 1
    first = len(headers) + 1
    for k, h in enumerate(PERSONAL_HEADERS):
        ws.cell(row=1, column=first + k, value=h)
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=1).value is None:
            continue
        i = r - 1
        for k, value in enumerate((name(i), note(i), bsn(i), mentor(i))):
            ws.cell(row=r, column=first + k, value=value)
        code = ws.cell(row=r, column=pc).value
        if code:
            ws.cell(row=r, column=pc, value=f"{code} QZ")
    wb.save(path)
    return path


def full_postcodes(path: Path) -> set[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = wb["Deelnemers"].iter_rows(values_only=True)
        col = list(next(rows)).index("Postcode")
        return {str(r[col]) for r in rows if r[col]}
    finally:
        wb.close()


def personal_values(count: int, columns: Iterable[str] = PERSONAL_HEADERS) -> set[str]:
    makers = {"Naam": name, "Notities": note, "BSN": bsn, "Mentor": mentor}
    return {makers[c](i) for c in columns for i in range(1, count + 1)}


def xlsx_texts(path: Path) -> list[str]:
    """Every cell value of every sheet (as text) and every member of the zip (as text)."""
    out: list[str] = []
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if v is not None)
    out.extend(zip_texts(path))
    return out


def zip_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [zf.read(n).decode("utf-8", errors="replace") for n in zf.namelist()]


def found(values: Iterable[str], texts: Iterable[str]) -> set[str]:
    blob = "\n".join(texts)
    return {v for v in values if v in blob}

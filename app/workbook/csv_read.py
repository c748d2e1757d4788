"""A CSV file of learners read as one sheet.

Rules: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252; the delimiter (``,``
``;`` or tab) is sniffed from the header line. A damaged file (UTF-16 with an odd number of
bytes or half a surrogate pair, NUL characters, a line the csv module cannot parse) raises
:class:`FileProblem` saying what is wrong, where, and to save it as UTF-8 CSV. Row numbers are
the file's line numbers, as Excel would show them.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.os_errors import os_reason
from app.workbook.rawsheet import FileProblem, RawRow, RawSheet


@dataclass
class CsvInfo:
    encoding: str
    delimiter: str


def read_csv(path: Path, title: str) -> tuple[RawSheet, CsvInfo]:
    """The rows of a CSV file as one sheet; row numbers as Excel would show them."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem("file_unreadable", file=path.name, reason=os_reason(exc)) from None
    text, encoding = _decode(data, path.name)
    nul = text.find("\x00")
    if nul != -1:
        raise FileProblem("csv_nul", file=path.name, count=text.count("\x00"), line=text.count("\n", 0, nul) + 1)
    delimiter = _sniff_delimiter(text)
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for rownum, record in enumerate(reader, start=1):
            if any(v.strip() for v in record):
                rows.append(RawRow(rownum, list(record), [None] * len(record)))
    except csv.Error as exc:
        reason = str(exc)
        if "field limit" in reason:
            reason = f"een veld is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
        raise FileProblem("csv_bad_line", file=path.name, line=reader.line_num, reason=reason) from None
    return RawSheet(title, rows), CsvInfo(encoding, delimiter)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            line = data[:exc.start].decode("utf-16", errors="replace").count("\n") + 1
            code = "csv_utf16_odd" if exc.reason == "truncated data" else "csv_utf16_bad"
            raise FileProblem(code, file=name, line=line, offset=exc.start) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise FileProblem("csv_undecodable", file=name) from None


def _sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one that splits the header line into the most fields.

    Only the header line counts: values (daypart lists, notes) often contain commas.
    """
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","

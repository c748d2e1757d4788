"""Fuzz cases for the ``klasvormer`` CLI: an input built from a sample by mutation, a command
line, and the properties every run must keep.

A case is plain data (what was cut, which mutations, which arguments), so a failure prints as
something a person can replay: ``build_input(case, dir)`` writes the file, ``run_case`` runs
``app.cli.klasvormer`` in-process and returns the list of broken properties.

Known defects (issue 16, being fixed on other branches) have a knob each in ``KNOWN_BROKEN``:
while a knob is listed, the strategies do not generate that input (or the property is not
checked). After the fix is merged, delete the knob from ``KNOWN_BROKEN``; ``make fuzz`` then
exercises it. ``KLASVORMER_FUZZ_ENABLE=knob1,knob2`` turns knobs back on for one run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import openpyxl

from tests.checker import plancheck
from tests.fuzz.inputs import cut_sample, learner_header

# Known defects of issue 16 (see the module docstring). Remove a knob once its fix is merged.
KNOWN_BROKEN: set[str] = set()  # every knob's defect is fixed; add one here while a new one is open
KNOWN_BROKEN -= {k.strip() for k in os.environ.get("KLASVORMER_FUZZ_ENABLE", "").split(",")}


def avoid(knob: str) -> bool:
    return knob in KNOWN_BROKEN


BAD_WORDS = ("Onverwachte fout", "interne fout", "Unexpected error", "internal error", "Traceback")
SHEETS = ("Deelnemers", "Locaties", "Lesroosters", "Routes", "Docenten", "Instellingen", "Lopende klassen")
ENGLISH_SHEETS = {"Deelnemers": "Learners", "Locaties": "Locations", "Lesroosters": "Schedules",
                  "Routes": "Routes", "Docenten": "Teachers", "Instellingen": "Settings",
                  "Lopende klassen": "Running classes"}
ENGLISH_COLUMNS = {"Id": "id", "Route": "route", "Leerbaarheid": "learnability", "Dagdelen": "dayparts",
                   "Stadsdeel": "district", "Postcode": "postcode", "Wacht sinds": "waiting since",
                   "Beschikbaar vanaf": "available from", "Voorkeur dagdelen": "preferred dayparts",
                   "Max reistijd": "max travel", "Gealfabetiseerd": "literate", "Profiel": "profile",
                   "Talen": "languages", "Voorkeurstaal": "preferred language", "Status": "status",
                   "Prioriteit": "priority", "Samen": "together", "Niet met": "not with",
                   "Vastgezet": "pinned", "Uitgesloten locaties": "excluded locations"}

# Interesting values per learner column, and for any cell.
ANY_VALUES = [None, "", "  ", "abc", -1, 0, 10**9, 3.5, "NaN", True, datetime(1900, 1, 1),
              datetime(2100, 1, 1), "=1+1", "é✓ 中文", "x" * 300, "\t", "0"]
LEARNER_VALUES: dict[str, list[object]] = {
    "Id": [None, "VOORBEELD 1", 123, " D00001 ", "D00001", "d00001", "#"],
    "Route": ["B1", "b1", " B1 ", "Z", "XX", None],
    "Leerbaarheid": [0, 100, 101, -5, "65%", "snel", "langzaam niet-gealfabetiseerd", "abc", 50.5, "50,5"],
    "Dagdelen": ["ochtend", "ma o", "ma/wo/vr ochtend", "monday morning", "evening", "za-ochtend", "",
                 "xyz", "ma-vr ochtend", "ma", "ochtend, middag, avond", "ma-ochtend;wo-ochtend;vr-ochtend"],
    "Wacht sinds": [datetime(2000, 1, 1), datetime(2026, 11, 30), datetime(2030, 1, 1), "31-02-2026",
                    "2026-12-01", "1-12-26", 45000, "gisteren", None],
    "Beschikbaar vanaf": [datetime(2026, 1, 1), datetime(2026, 12, 14), datetime(2040, 1, 1), "2027-01-04",
                          "abc", 0],
    "Max reistijd": [0, 1, 500, -10, "30 min", "abc"],
    "Prioriteit": [0, 1, 10, 11, -1, 2.5],
    "Postcode": ["1102 AB", "9999", "1102", "abcd", 1102],
    "Stadsdeel": ["Noord", "Atlantis", "noord", "Nieuw West"],
    "Vastgezet": ["wachtlijst", "L01", "K99", "K01", "waiting list", "L08"],
    "Gealfabetiseerd": ["ja", "nee", "anders", "misschien"],
    "Talen": ["Arabisch", "", "Engels; Arabisch"],
    "Uitgesloten locaties": ["Centrum Weesperplein", "Nergens", "Noord Buikslotermeer; Zuidoost Bijlmer"],
    "Voorkeur dagdelen": ["avond", "xyz"],
    "Status": ["statushouder", "anders"],
}
SETTING_VALUES: dict[str, list[object]] = {
    "plandatum": [None, "abc", datetime(2000, 1, 3), datetime(2026, 12, 2), "07-12-2026"],
    "planperiode weken": [0, 1, 4, 52, -3, "abc", 3.5],
    "startweken": ["0-3", "0, 4, 8", "99", "abc", datetime(2026, 12, 14), "5-2"],
    "max reistijd": [0, 1000, -5],
    "niveaustap": [0, 1, 7, 200, -5],
    "instroom na start weken": [0, -1, 20],
    "min resterende weken instroom": [0, 100, -1],
    "extra wachtweken wachtlijst": [-1, 0, 100],
    "afweging": ["homogeen", "snelle start", "foo"],
    "gewicht wachten": [0, -5, 10**9],
    "snelheid": [0, -20],
}
HUGE_HORIZON = [10000, 100000]
TABLE_VALUES: dict[tuple[str, int], list[object]] = {   # (sheet, 1-based column) -> values
    ("Routes", 2): [0, 1, 20, -1, "abc"],          # Min grootte
    ("Routes", 3): [0, 1, 2, 100, -1],             # Max grootte
    ("Routes", 4): [0, 100, -10],                  # Max spreiding
    ("Routes", 5): [0, 1, 200, -1],                # Duur weken
    ("Routes", 6): ["onbekend", "ochtend ma-wo-vr"],   # Lesroosters
    ("Routes", 8): ["alfabetisering", "profiel", "xyz"],  # Scheiden op
    ("Routes", 9): ["0-11", "50", "0, 6"],         # Startweken
    ("Routes", 10): [0, 5, 999],                   # Max reistijd
    ("Docenten", 2): [0, -1, 1000, "abc"],
    ("Docenten", 1): ["ochtend", "xyz", "za-ochtend"],
    ("Locaties", 4): [0, -1, 100, "abc"],          # Lokalen
    ("Locaties", 5): ["ochtend", "abc", "za"],     # Open dagdelen
    ("Lesroosters", 2): ["ochtend", "za-ochtend", "abc", "ma-ochtend, ma-middag, ma-avond, di-ochtend"],
    ("Lopende klassen", 7): [-1, 0, 100],          # Vrije plaatsen
    ("Lopende klassen", 8): [datetime(2020, 1, 1), datetime(2030, 1, 1), "abc"],   # Einddatum
    ("Lopende klassen", 4): ["onbekend"],          # Lesrooster
    ("Lopende klassen", 5): [90, -10],             # Niveau van
    ("Lopende klassen", 11): [datetime(2026, 12, 1), "abc"],   # Instroom tot
}


@dataclass
class Case:
    sample: str = "b1"
    n: int = 20
    seed: int = 0
    mutations: list[tuple] = field(default_factory=list)
    fmt: str = "xlsx"                   # or csv:<encoding>:<comma|semi>[:nul|:badutf16]
    args: list[str] = field(default_factory=list)   # after "<command> <input>"
    command: str = "solve"
    output: str = "ok"                  # ok | newdir | underfile | isdir | none
    lang: str | None = None             # --lang, given before the command
    bad_usage: bool = False             # the arguments are wrong on purpose (exit code 2)


@cache
def base_bytes(sample: str, n: int, seed: int) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = cut_sample(Path(d) / "cut.xlsx", n, sample=sample, seed=seed)
        return p.read_bytes()


# ---- building the input ---------------------------------------------------------------------------

def _rows(ws) -> int:
    return ws.max_row


def apply_mutation(wb, m: tuple) -> None:
    kind = m[0]
    learners = wb["Deelnemers"] if "Deelnemers" in wb.sheetnames else None
    if kind == "cell" and learners is not None:            # ("cell", row index, header, value)
        _, i, header, value = m
        head = learner_header(learners)
        if header in head and learners.max_row >= 2:
            learners.cell(2 + i % (learners.max_row - 1), head.index(header) + 1).value = value
    elif kind == "table" and m[1] in wb.sheetnames:         # ("table", sheet, col, row index, value)
        _, sheet, col, i, value = m
        ws = wb[sheet]
        if ws.max_row >= 2:
            ws.cell(2 + i % (ws.max_row - 1), col).value = value
    elif kind == "setting" and "Instellingen" in wb.sheetnames:   # ("setting", name, value)
        ws = wb["Instellingen"]
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 1).value == m[1]:
                ws.cell(r, 2).value = m[2]
                break
        else:
            ws.append([m[1], m[2]])
    elif kind == "del_sheet" and m[1] in wb.sheetnames and len(wb.sheetnames) > 1:
        wb.remove(wb[m[1]])
    elif kind == "rename_sheet" and m[1] in wb.sheetnames and m[2] not in wb.sheetnames:
        ws = wb[m[1]]
        # in two steps: openpyxl appends "1" to a title that differs from the sheet's own only in
        # case ("Docenten" -> "DOCENTEN1"), which is not the sheet name the case means to test
        ws.title = "~hernoemen"
        ws.title = m[2]
    elif kind == "extra_sheet" and m[1] not in wb.sheetnames:
        ws = wb.create_sheet(m[1])
        ws.append(["a", "b"])
        ws.append([1, "x"])
    elif kind == "del_column" and learners is not None:      # ("del_column", header)
        head = learner_header(learners)
        if m[1] in head:
            learners.delete_cols(head.index(m[1]) + 1)
    elif kind == "rename_column" and learners is not None:   # ("rename_column", header, new)
        head = learner_header(learners)
        if m[1] in head:
            learners.cell(1, head.index(m[1]) + 1).value = m[2]
    elif kind == "extra_column" and learners is not None:    # ("extra_column", header, value)
        c = learners.max_column + 1
        learners.cell(1, c).value = m[1]
        for r in range(2, learners.max_row + 1):
            learners.cell(r, c).value = m[2]
    elif kind == "blank_rows" and learners is not None:      # ("blank_rows", at, count)
        if learners.max_row >= 2:
            learners.insert_rows(2 + m[1] % (learners.max_row - 1), m[2])
    elif kind == "dup_row" and learners is not None:         # ("dup_row", index)
        if learners.max_row >= 2:
            r = 2 + m[1] % (learners.max_row - 1)
            learners.append([c.value for c in learners[r]])
    elif kind in ("household", "not_with", "pin") and learners is not None:
        _relation(learners, m)


def _relation(ws, m: tuple) -> None:
    head = learner_header(ws)
    n = ws.max_row - 1
    if n < 1:
        return
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    col = {h: i + 1 for i, h in enumerate(head)}
    if m[0] == "household" and "Samen" in col:               # ("household", name, [indices])
        for i in m[2]:
            ws.cell(2 + i % n, col["Samen"]).value = m[1]
    elif m[0] == "not_with" and "Niet met" in col:           # ("not_with", i, [indices])
        ws.cell(2 + m[1] % n, col["Niet met"]).value = ", ".join(str(ids[j % n]) for j in m[2])
    elif m[0] == "pin" and "Vastgezet" in col:               # ("pin", i, value)
        ws.cell(2 + m[1] % n, col["Vastgezet"]).value = m[2]


def build_input(case: Case, d: Path) -> tuple[Path, Path | None]:
    """Write the case's input; returns (input path, settings workbook for a CSV or None)."""
    wb = openpyxl.load_workbook(io.BytesIO(base_bytes(case.sample, case.n, case.seed)))
    for m in case.mutations:
        apply_mutation(wb, m)
    if case.fmt == "xlsx":
        p = d / "invoer.xlsx"
        wb.save(p)
        return p, None
    _, enc, delim, *extra = case.fmt.split(":")
    ws = wb["Deelnemers"] if "Deelnemers" in wb.sheetnames else wb.worksheets[0]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter={"comma": ",", "semi": ";"}[delim])
    for r in ws.iter_rows(values_only=True):
        w.writerow(["" if v is None else (v.strftime("%d-%m-%Y") if isinstance(v, datetime) else v) for v in r])
    data = buf.getvalue().encode(enc, errors="replace")
    if "nul" in extra:
        data = data[: len(data) // 2] + b"\x00" + data[len(data) // 2:]
    if "badutf16" in extra:
        data = b"\xff\xfe" + data[:101]
    p = d / "deelnemers.csv"
    p.write_bytes(data)
    settings = d / "instellingen.xlsx"
    if "Deelnemers" in wb.sheetnames:
        wb.remove(wb["Deelnemers"])
    wb.save(settings)
    return p, settings


# ---- running and the properties -------------------------------------------------------------------

@dataclass
class Run:
    code: int
    out: str
    err: str
    input: Path
    settings: Path | None
    plan: Path | None


def run_case(case: Case, d: Path) -> tuple[Run | None, list[str]]:
    """Run the case; (None, [knob]) when its input hits a known defect that is still avoided."""
    from app.cli.klasvormer import main

    src, settings = build_input(case, d)
    knob = known_broken(src, settings)
    if knob:
        return None, [knob]
    before = src.read_bytes()
    (d / "bestand.txt").write_text("x")
    # "newdir": folders are made; "underfile": the parent is a file; "isdir": a folder
    plan = {"ok": d / "plan.xlsx", "newdir": d / "nieuw" / "map" / "plan.xlsx", "isdir": d,
            "underfile": d / "bestand.txt" / "plan.xlsx", "none": None}[case.output]
    argv = [*(["--lang", case.lang] if case.lang else []), case.command, str(src), *case.args]
    if plan is not None:
        argv += ["-o", str(plan)] if case.command == "solve" else ["--errors", str(plan)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    run = Run(code, out.getvalue(), err.getvalue(), src, settings, plan)
    return run, properties(case, run, before)


def properties(case: Case, run: Run, before: bytes) -> list[str]:
    broken: list[str] = []
    text = run.out + run.err
    for w in BAD_WORDS:
        if w.lower() in text.lower():
            broken.append(f"output contains {w!r}")
    if not avoid("double_prefix") and re.search(r"(fout|waarschuwing|error|warning): \1:", text):
        broken.append("a message prefix is doubled")
    if run.code not in (0, 1, 2, 3, 4):
        broken.append(f"exit code {run.code} not in the README's table")
    if run.input.read_bytes() != before:
        broken.append("the input file changed")
    usage = case.bad_usage or any(v in case.args for v in ("nan", "-1") if not avoid("time_limit_nan_negative"))
    if usage and run.code != 2:
        broken.append(f"wrong usage gave exit code {run.code}, not 2")
    if run.code == 2 and not usage:
        broken.append("exit code 2 without wrong usage")
    if run.code == 1 and not re.search(r"(^|\n)(fout|error|Bestand niet gevonden)", run.err):
        broken.append("exit code 1 without an error message")
    if case.command != "solve":
        return broken
    writable = case.output in ("ok", "newdir", "none")
    if run.code == 4 and writable:
        broken.append("exit code 4 although the output path is writable")
    if run.code == 0 and not writable:
        broken.append("exit code 0 although the output could not be written")
    if run.code == 0 and run.plan is not None:
        if not run.plan.exists():
            broken.append("exit code 0 but no plan workbook")
        else:
            broken += plan_properties(case, run)
    return broken


def plan_properties(case: Case, run: Run) -> list[str]:
    broken: list[str] = []
    text = run.out + run.err
    # every input row: planned, waiting with a reason, or named in an error or warning
    if run.settings is None:
        wb = openpyxl.load_workbook(run.input, read_only=True)
        rows = plancheck.sheet_rows(wb, "learners") or []
        wb.close()
    else:
        rows = plancheck.read_csv_rows(run.input)
    table = plancheck.read_rows(rows, ("id",))
    pwb = openpyxl.load_workbook(run.plan, read_only=True)
    planned = {plancheck.text(r[0]) for r in list(pwb["Deelnemers"].iter_rows(values_only=True))[1:] if r and r[0]}
    pwb.close()
    named: set[str] = set()
    for r, n in zip(table.rows, table.numbers, strict=True):
        lid = plancheck.text(r.get("id"))
        if lid in planned:
            continue
        if re.search(rf"\b(rij|row) {n}\b", text) or (lid and lid in text):
            named.add(lid)
            continue
        broken.append(f"input row {n} ({lid!r}) is neither in the plan nor named in a message")
    res = plancheck.check(run.input, run.plan, run.settings)
    for v in res.violations:
        if v.rule == "learner_missing" and any(f"learner {x} " in v.text for x in named):
            continue
        if v.rule == "start_week" and avoid("late_start"):
            continue
        broken.append(f"checker: {v}")
    return broken


def known_broken(src: Path, settings: Path | None) -> str | None:
    """The knob of a known defect this built input would hit (and that is still avoided)."""
    if not (avoid("household_over_max") or avoid("not_with_in_household")):
        return None
    if settings is None:
        wb = openpyxl.load_workbook(src, read_only=True)
        rows = plancheck.sheet_rows(wb, "learners") or []
    else:
        rows = plancheck.read_csv_rows(src)
        wb = openpyxl.load_workbook(settings, read_only=True)
    routes = plancheck.read_rows(plancheck.sheet_rows(wb, "routes") or [], ("route", "max_size")).rows
    wb.close()
    smallest = min([int(plancheck.number(r.get("max_size")) or 0) for r in routes
                    if plancheck.number(r.get("max_size")) is not None] + [15])
    learners = plancheck.read_rows(rows, ("id", "together", "not_with")).rows
    house: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for r in learners:
        h = plancheck.text(r.get("together"))
        if h:
            house[plancheck.text(r.get("id"))] = h
            sizes[h] = sizes.get(h, 0) + 1
    if avoid("household_over_max") and sizes and max(sizes.values()) > max(smallest, 1) - 1:
        return "household_over_max"
    if avoid("not_with_in_household"):
        for r in learners:
            h = house.get(plancheck.text(r.get("id")))
            if h and any(house.get(o) == h for o in plancheck.id_list(r.get("not_with"))):
                return "not_with_in_household"
    return None

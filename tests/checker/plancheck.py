"""Independent check of a written plan workbook against its input, from the files alone.

It imports nothing from ``optimizer`` or ``app``: it reads both workbooks with openpyxl (a
learners CSV with the csv module) and re-derives the README's hard rules ("Input format" and
"What the model means") from the cells, so a defect anywhere between the importer, the model,
the solver and the exporter shows up as a violation here.

    python -m tests.checker.plancheck input.xlsx plan.xlsx [--settings instellingen.xlsx]

exits 0 when the plan keeps every rule, 1 with one line per violation otherwise.

What it reads and how (deliberately simpler than the importer; a value it cannot read gives a
note, never a violation):

- headers: Dutch or English names (and a few common variants); case, accents, spaces, ``_``,
  ``-``, dots and a trailing ``(unit)`` are ignored; rows whose key cell starts with
  ``VOORBEELD`` and blank rows are skipped;
- dayparts: ``ma-ochtend``, ``maandag ochtend``, ``ma o``, ``ochtend`` (every weekday),
  ``ma`` (the whole day), ``ma/wo/vr ochtend``, English ``monday morning`` / ``mon-am`` /
  ``evening``, lists separated by ``,`` or ``;`` (the forms the samples and the template use);
- dates: Excel dates, ``dd-mm-jjjj``, ``jjjj-mm-dd``, ``d-m-jj`` (also with ``/`` or ``.``);
- leerbaarheid: a number, ``65%``, ``langzaam/gemiddeld/snel`` (25/50/75), or a Z-route
  profile starting with one of those words;
- start weeks: week numbers, ranges ``0-11``, or dates (a date allows the week it falls in and
  the next one);
- the plan: sheets *Overzicht* (Plandatum, Planperiode), *Klassen* and *Deelnemers* (Klas,
  Startdatum, Reistijd, Wachtreden); the travel minutes checked are the ones the plan reports.

Weeks: week *t* starts on plan date + 7*t* days; a learner's first week is the first week that
starts on or after both *wacht sinds* and *beschikbaar vanaf*.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

WAITLIST = {"wachtlijst", "waitinglist", "waitlist", "wachten"}
EXAMPLE = "VOORBEELD"
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
WORKDAYS = WEEKDAYS[:5]
PARTS = ("ochtend", "middag", "avond")
DAY_WORDS = {
    "ma": "ma", "maandag": "ma", "mon": "ma", "monday": "ma",
    "di": "di", "dinsdag": "di", "tue": "di", "tuesday": "di",
    "wo": "wo", "woensdag": "wo", "wed": "wo", "wednesday": "wo",
    "do": "do", "donderdag": "do", "thu": "do", "thursday": "do",
    "vr": "vr", "vrijdag": "vr", "fri": "vr", "friday": "vr",
    "za": "za", "zaterdag": "za", "sat": "za", "saturday": "za",
    "zo": "zo", "zondag": "zo", "sun": "zo", "sunday": "zo",
}
PART_WORDS = {
    "ochtend": "ochtend", "o": "ochtend", "morning": "ochtend", "am": "ochtend",
    "middag": "middag", "m": "middag", "afternoon": "middag", "pm": "middag",
    "avond": "avond", "a": "avond", "evening": "avond",
}
SPEED_WORDS = {"langzaam": 25, "gemiddeld": 50, "snel": 75}

# Sheet and column names: Dutch, English, and a few variants, folded (see ``fold``).
SHEETS = {
    "learners": ("Deelnemers", "Learners", "Leerders", "Cursisten"),
    "locations": ("Locaties", "Locations", "Leslocaties"),
    "schedules": ("Lesroosters", "Schedules", "Roosters"),
    "routes": ("Routes",),
    "teachers": ("Docenten", "Teachers"),
    "settings": ("Instellingen", "Settings", "Parameters"),
    "running": ("Lopende klassen", "Running classes"),
}
COLUMNS = {
    "id": ("Id", "Deelnemer", "Deelnemer id", "Learner id", "Klantnummer"),
    "route": ("Route", "Leerroute"),
    "level": ("Leerbaarheid", "Learnability", "Leerbaarheidsscore", "Score"),
    "dayparts": ("Dagdelen", "Dayparts", "Beschikbare dagdelen", "Beschikbaarheid", "Availability"),
    "waiting_since": ("Wacht sinds", "Waiting since", "Wachtend sinds", "Wacht vanaf"),
    "available_from": ("Beschikbaar vanaf", "Available from"),
    "max_travel": ("Max reistijd", "Max travel", "Maximale reistijd"),
    "literacy": ("Gealfabetiseerd", "Literate", "Alfabetisering", "Literacy"),
    "profile": ("Profiel", "Profile", "Klantprofiel"),
    "languages": ("Talen", "Languages", "Gesproken talen"),
    "preferred_language": ("Voorkeurstaal", "Preferred language"),
    "together": ("Samen", "Together", "Huishouden", "Household", "Gezin", "Samen met"),
    "not_with": ("Niet met", "Not with", "Niet samen met"),
    "pin": ("Vastgezet", "Pinned", "Vaste klas", "Pin"),
    "excluded": ("Uitgesloten locaties", "Excluded locations"),
    "name": ("Naam", "Name", "Locatie", "Location", "Lesrooster", "Schedule"),
    "rooms": ("Lokalen", "Rooms", "Aantal lokalen"),
    "open": ("Open dagdelen", "Open dayparts", "Open"),
    "min_size": ("Min grootte", "Min size", "Minimale grootte"),
    "max_size": ("Max grootte", "Max size", "Maximale grootte"),
    "max_spread": ("Max spreiding", "Max spread", "Maximale spreiding", "Spreiding"),
    "duration": ("Duur weken", "Duration weeks", "Duur", "Duration"),
    "schedules": ("Lesroosters", "Schedules"),
    "instr_languages": ("Lestalen", "Instruction languages", "Instructietalen"),
    "separate": ("Scheiden op", "Separate by", "Scheiden"),
    "start_weeks": ("Startweken", "Start weeks"),
    "daypart": ("Dagdeel", "Daypart"),
    "count": ("Aantal", "Count", "Aantal docenten", "Teachers"),
    "class": ("Klas", "Class", "Klas id", "Class id"),
    "location": ("Locatie", "Location"),
    "schedule": ("Lesrooster", "Schedule"),
    "level_from": ("Niveau van", "Level from"),
    "level_to": ("Niveau tot", "Level to"),
    "free_seats": ("Vrije plaatsen", "Free seats"),
    "end_date": ("Einddatum", "End date"),
    "language": ("Taal", "Language"),
    "group": ("Groep", "Group"),
    "join_until": ("Instroom tot", "Join until"),
    "setting": ("Instelling", "Setting"),
    "value": ("Waarde", "Value"),
}
SETTINGS = {
    "plan_date": (("plandatum", "plan date"), None),
    "horizon": (("planperiode weken", "horizon weeks", "planperiode", "horizon"), 12),
    "start_weeks": (("startweken", "start weeks"), None),
    "max_travel": (("max reistijd", "max travel", "maximale reistijd"), 45),
    "level_step": (("niveaustap", "level step"), 5),
    "min_weeks_left": (("min resterende weken instroom", "min weeks left to join"), 4),
    "late_join": (("instroom na start weken", "late join weeks", "instroom na start"), 4),
}


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable key (``rule``) and a readable sentence."""

    rule: str
    text: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.text}"


@dataclass
class Result:
    violations: list[Violation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # values this checker could not read

    @property
    def ok(self) -> bool:
        return not self.violations

    def rules(self) -> set[str]:
        return {v.rule for v in self.violations}

    def add(self, rule: str, text: str) -> None:
        self.violations.append(Violation(rule, text))


# ---- reading cells ------------------------------------------------------------------------------

def fold(text: object) -> str:
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().strip()
    s = re.sub(r"\([^)]*\)\s*$", "", s)
    return re.sub(r"[\s_\-.:/]+", "", s)


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def number(v: object) -> float | None:
    if isinstance(v, bool) or blank(v):
        return None
    if isinstance(v, int | float):
        return float(v)
    s = str(v).strip().replace(",", ".")
    s = re.sub(r"\s*(min|minuten|minutes|%)\s*$", "", s, flags=re.I)
    try:
        return float(s)
    except ValueError:
        return None


def as_date(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool) and 20000 < v < 80000:
        return date(1899, 12, 30) + timedelta(days=int(v))
    s = text(v).split(" ")[0].split("T")[0]
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", s)
        if not m:
            return None
        d, mo, y = map(int, m.groups())
        if y < 100:
            y += 2000
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def dayparts(v: object) -> frozenset[str] | None:
    """The weekday-dayparts a cell names (``ma-ochtend`` ...), None when unreadable."""
    out: set[str] = set()
    for item in re.split(r"[,;|+]", fold_keep_spaces(text(v))):
        words = [w for w in re.split(r"[\s\-_./]+", item) if w]
        if not words:
            continue
        days, parts = [], []
        for w in words:
            if w in DAY_WORDS and not (w in PART_WORDS and days and not parts):
                days.append(DAY_WORDS[w])
            elif w in PART_WORDS:
                parts.append(PART_WORDS[w])
            else:
                return None
        out |= {f"{d}-{p}" for d in (days or WORKDAYS) for p in (parts or PARTS)}
    return frozenset(out)


def fold_keep_spaces(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("'", "")


def id_list(v: object) -> list[str]:
    return [p.strip() for p in re.split(r"[,;/]", text(v)) if p.strip()]


def name_list(v: object) -> list[str]:
    return [p.strip() for p in re.split(r"[;]" if ";" in text(v) else r"[,;]", text(v)) if p.strip()]


def level_of(v: object) -> float | None:
    n = number(v)
    if n is not None:
        return n
    s = fold_keep_spaces(text(v)).strip()
    for word, score in SPEED_WORDS.items():
        if s.startswith(word):
            return float(score)
    return None


@dataclass
class Table:
    """A sheet as rows of {column key: value}, plus the sheet row number of each."""

    rows: list[dict[str, object]]
    numbers: list[int]


def read_rows(rows: list[tuple], columns: tuple[str, ...]) -> Table:
    if not rows:
        return Table([], [])
    keys = {fold(n): k for k in columns for n in COLUMNS[k]}
    # Columns named first by their canonical Dutch or English name win over variants.
    header: list[str | None] = []
    seen: set[str] = set()
    for h in rows[0]:
        k = keys.get(fold(h)) if h is not None else None
        header.append(k if k not in seen else None)
        if k:
            seen.add(k)
    out, nums = [], []
    for i, r in enumerate(rows[1:], start=2):
        if all(blank(c) for c in r):
            continue
        first = next((c for c in r if not blank(c)), None)
        if isinstance(r[0] if r else None, str) and str(r[0]).strip().upper().startswith(EXAMPLE):
            continue
        if first is None:
            continue
        out.append({k: r[j] for j, k in enumerate(header) if k and j < len(r)})
        nums.append(i)
    return Table(out, nums)


def sheet_rows(wb, key: str) -> list[tuple] | None:
    names = {fold(n) for n in SHEETS[key]}
    for ws in wb.worksheets:
        if fold(ws.title) in names:
            return [tuple(r) for r in ws.iter_rows(values_only=True)]
    return None


def plan_rows(ws, key: str) -> tuple[dict[str, dict[str, object]], list[str]]:
    """A plan sheet's rows (header -> value) by the text in column ``key`` (rows without one are
    skipped; of a repeated key the last row), and the repeated keys, once per repeat."""
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    header = [text(h) for h in rows[0]] if rows else []
    by_key: dict[str, dict[str, object]] = {}
    twice: list[str] = []
    for r in rows[1:]:
        row = dict(zip(header, r, strict=False))
        if blank(row.get(key)):
            continue
        k = text(row[key])
        if k in by_key:
            twice.append(k)
        by_key[k] = row
    return by_key, twice


def read_csv_rows(path: Path) -> list[tuple]:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = raw.decode("utf-16", errors="replace")
    else:
        for enc in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                data = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    data = data.replace("\x00", "")
    first = data.splitlines()[0] if data else ""
    delim = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=delim))
    except csv.Error:
        rows = [line.split(delim) for line in data.splitlines()]
    return [tuple(c if c != "" else None for c in r) for r in rows]


# ---- the check ----------------------------------------------------------------------------------

def check(input_path: str | Path, plan_path: str | Path, settings_path: str | Path | None = None) -> Result:
    """Check the plan workbook ``plan_path`` against the input (xlsx, or a learners CSV whose
    other sheets come from ``settings_path``; default: the input sheets the plan workbook holds)."""
    res = Result()
    input_path, plan_path = Path(input_path), Path(plan_path)
    plan_wb = openpyxl.load_workbook(plan_path, read_only=True, data_only=True)
    if input_path.suffix.lower() in (".csv", ".txt"):
        learner_rows = read_csv_rows(input_path)
        set_wb = openpyxl.load_workbook(settings_path or plan_path, read_only=True, data_only=True)
    else:
        set_wb = openpyxl.load_workbook(input_path, read_only=True, data_only=True)
        learner_rows = sheet_rows(set_wb, "learners") or []
    try:
        _check(res, learner_rows, set_wb, plan_wb)
    finally:
        plan_wb.close()
        set_wb.close()
    return res


def _setting_values(rows: list[tuple] | None, res: Result) -> dict[str, object]:
    out = {k: default for k, (_names, default) in SETTINGS.items()}
    if not rows:
        return out
    names = {fold(n): k for k, (ns, _d) in SETTINGS.items() for n in ns}
    table = read_rows(rows, ("setting", "value"))
    for r in table.rows:
        k = names.get(fold(r.get("setting")))
        if k is not None and not blank(r.get("value")):
            out[k] = r.get("value")
    return out


def weeks_spec(v: object, plan_date: date) -> set[int] | None:
    """Allowed start weeks from a Startweken cell (numbers, ranges, dates); None = every week."""
    if blank(v):
        return None
    if isinstance(v, datetime | date):
        d = as_date(v)
        w = (d - plan_date).days
        return {w // 7, -(-w // 7)}
    if isinstance(v, int | float):
        return {int(v)}
    out: set[int] = set()
    for item in re.split(r"[,;\s]+", text(v)):
        if not item:
            continue
        d = as_date(item)
        if d is not None:
            w = (d - plan_date).days
            out |= {w // 7, -(-w // 7)}
            continue
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", item)
        if m:
            out |= set(range(int(m.group(1)), int(m.group(2)) + 1))
        elif item.isdigit():
            out.add(int(item))
    return out


def _check(res: Result, learner_rows, set_wb, plan_wb) -> None:  # noqa: C901 - a list of rules
    bad = res.add
    # --- the plan workbook ---
    overview = {text(r[0]): r[1] for r in plan_wb["Overzicht"].iter_rows(values_only=True)
                if r and len(r) > 1 and not blank(r[0])} if "Overzicht" in plan_wb.sheetnames else {}
    settings = _setting_values(sheet_rows(set_wb, "settings"), res)
    plan_date = as_date(settings["plan_date"]) or as_date(overview.get("Plandatum"))
    if plan_date is None:
        bad("plan_date", "no plan date in the input or in the plan's Overzicht")
        return
    H = int(number(settings["horizon"]) or 12)
    max_travel_default = number(settings["max_travel"]) or 45
    late = int(number(settings["late_join"]) if number(settings["late_join"]) is not None else 4)
    min_left = int(number(settings["min_weeks_left"]) if number(settings["min_weeks_left"]) is not None else 4)
    step = int(number(settings["level_step"]) or 5)
    global_weeks = weeks_spec(settings["start_weeks"], plan_date)

    def week_of(d: date) -> float:
        return (d - plan_date).days / 7

    def first_week(day: date) -> int:
        return max(0, -(-(day - plan_date).days // 7))

    # --- input sheets ---
    learners = read_rows(learner_rows, ("id", "route", "level", "dayparts", "waiting_since", "available_from",
                                        "max_travel", "literacy", "profile", "languages", "preferred_language",
                                        "together", "not_with", "pin", "excluded"))
    schedules: dict[str, frozenset[str]] = {}
    for r in read_rows(sheet_rows(set_wb, "schedules") or [], ("name", "dayparts")).rows:
        dp = dayparts(r.get("dayparts"))
        if dp is None:
            res.notes.append(f"schedule {text(r.get('name'))}: dayparts {r.get('dayparts')!r} not read")
        else:
            schedules[text(r.get("name"))] = dp
    rooms: dict[tuple[str, str], int] = {}
    for r in read_rows(sheet_rows(set_wb, "locations") or [], ("name", "rooms", "open")).rows:
        dp = dayparts(r.get("open")) if not blank(r.get("open")) else frozenset(
            f"{d}-{p}" for d in WORKDAYS for p in PARTS)
        if dp is None:
            res.notes.append(f"location {text(r.get('name'))}: open dayparts {r.get('open')!r} not read")
            continue
        for d in dp:
            rooms[text(r.get("name")), d] = int(number(r.get("rooms")) or 0)
    teachers: dict[str, int] = defaultdict(int)
    for r in read_rows(sheet_rows(set_wb, "teachers") or [], ("daypart", "count")).rows:
        dp = dayparts(r.get("daypart"))
        if dp is None:
            res.notes.append(f"teachers: daypart {r.get('daypart')!r} not read")
            continue
        for d in dp:
            teachers[d] = int(number(r.get("count")) or 0)
    routes: dict[str, dict[str, object]] = {}
    for r in read_rows(sheet_rows(set_wb, "routes") or [], (
            "route", "min_size", "max_size", "max_spread", "duration", "schedules", "instr_languages",
            "separate", "start_weeks", "max_travel")).rows:
        routes[text(r.get("route"))] = {
            "min": int(number(r.get("min_size")) or 8) if number(r.get("min_size")) is not None else 8,
            "max": int(number(r.get("max_size"))) if number(r.get("max_size")) is not None else 15,
            "spread": number(r.get("max_spread")) if number(r.get("max_spread")) is not None else 20,
            "duration": int(number(r.get("duration")) or 26),
            "schedules": set(name_list(r.get("schedules"))),
            "languages": {fold(x) for x in id_list(r.get("instr_languages"))},
            "separate": fold(r.get("separate") or "geen"),
            "weeks": weeks_spec(r.get("start_weeks"), plan_date),
            "max_travel": number(r.get("max_travel")),
        }
    running: dict[str, dict[str, object]] = {}
    for r in read_rows(sheet_rows(set_wb, "running") or [], (
            "class", "route", "location", "schedule", "level_from", "level_to", "free_seats", "end_date",
            "language", "group", "join_until")).rows:
        running[text(r.get("class"))] = {
            "route": text(r.get("route")), "location": text(r.get("location")),
            "schedule": text(r.get("schedule")), "seats": int(number(r.get("free_seats")) or 0),
            "end": as_date(r.get("end_date")), "join_until": as_date(r.get("join_until")),
        }

    # --- plan sheets ---
    if "Klassen" not in plan_wb.sheetnames or "Deelnemers" not in plan_wb.sheetnames:
        bad("plan_sheets", "the plan workbook has no Klassen or no Deelnemers sheet")
        return
    classes, twice = plan_rows(plan_wb["Klassen"], "Klas")
    for cid in twice:
        bad("class_duplicate", f"class {cid} is listed twice on Klassen")
    placed, twice = plan_rows(plan_wb["Deelnemers"], "Id")
    for lid in twice:
        bad("learner_twice", f"learner {lid} appears more than once on the plan's Deelnemers")

    # --- every input learner once, planned or waiting with a reason ---
    inp: dict[str, dict[str, object]] = {}
    row_of: dict[str, int] = {}
    for r, n in zip(learners.rows, learners.numbers, strict=True):
        lid = text(r.get("id"))
        if not lid:
            continue
        inp[lid] = r
        row_of[lid] = n
    for lid in inp:
        if lid not in placed:
            bad("learner_missing", f"learner {lid} (input row {row_of[lid]}) is not in the plan")
    for lid in placed:
        if lid not in inp:
            bad("learner_unknown", f"learner {lid} is in the plan but not in the input")

    members: dict[str, list[str]] = defaultdict(list)
    class_of: dict[str, str | None] = {}
    start_of: dict[str, int] = {}
    for lid, p in placed.items():
        k = text(p.get("Klas"))
        if not k or fold(k) in WAITLIST:
            class_of[lid] = None
            if blank(p.get("Wachtreden")):
                bad("waiting_reason", f"learner {lid} waits without a reason")
            continue
        if k not in classes:
            bad("class_unknown", f"learner {lid} is in class {k}, which is not on Klassen")
            class_of[lid] = None
            continue
        class_of[lid] = k
        members[k].append(lid)
        d = as_date(p.get("Startdatum"))
        if d is None or (d - plan_date).days % 7:
            bad("start_date", f"learner {lid}: start date {p.get('Startdatum')!r} is not the start of a plan week")
            continue
        start_of[lid] = int(week_of(d))

    # --- classes ---
    use_t: Counter[tuple[str, int]] = Counter()
    use_r: Counter[tuple[str, str, int]] = Counter()
    last_week = H
    for cid, rc in running.items():
        sched = schedules.get(rc["schedule"], frozenset())
        end = rc["end"]
        if end is None:
            res.notes.append(f"running class {cid}: end date not read")
            continue
        t = 0
        while end > plan_date + timedelta(days=7 * t):
            for d in sched:
                use_t[d, t] += 1
                use_r[rc["location"], d, t] += 1
            t += 1
        last_week = max(last_week, t)
    for cid, c in classes.items():
        is_running = fold(c.get("Lopend")) in ("ja", "yes")
        route = routes.get(text(c.get("Route")))
        sched_name = text(c.get("Lesrooster"))
        sched = schedules.get(sched_name)
        loc = text(c.get("Locatie"))
        ms = members.get(cid, [])
        if route is None or sched is None:
            bad("class_unknown", f"class {cid}: route {c.get('Route')!r} or schedule {sched_name!r} not in the input")
            continue
        if is_running:
            rc = running.get(cid)
            if rc is None:
                bad("running_unknown", f"class {cid} is marked running but is not on Lopende klassen")
                continue
            if (rc["route"], rc["location"], rc["schedule"]) != (text(c.get("Route")), loc, sched_name):
                bad("running_changed", f"running class {cid}: route, location or schedule differs from the input")
            if len(ms) > rc["seats"]:
                bad("running_seats", f"running class {cid}: {len(ms)} newcomers, {rc['seats']} free seats")
            cstart = 0
        else:
            cstart = int(number(c.get("Startweek")) if number(c.get("Startweek")) is not None else -1)
            cdate = as_date(c.get("Startdatum"))
            if cdate != plan_date + timedelta(days=7 * cstart):
                bad("class_start_date", f"class {cid}: start date {cdate} is not the start of week {cstart}")
            allowed = route["weeks"] if route["weeks"] is not None else global_weeks
            if not 0 <= cstart < H or (allowed is not None and cstart not in allowed):
                bad("class_start_week", f"class {cid}: start week {cstart} outside the horizon or the allowed weeks")
            if route["schedules"] and sched_name not in route["schedules"]:
                bad("class_schedule", f"class {cid}: schedule {sched_name} not allowed for route {c.get('Route')}")
            lvl = number(c.get("Niveau"))
            if lvl is not None and (lvl % step or not 0 <= lvl <= 100):
                bad("class_level", f"class {cid}: level {lvl:g} is not a multiple of {step} in 0..100")
            if len(ms) > route["max"]:
                bad("class_max", f"class {cid}: {len(ms)} members, maximum {route['max']}")
            first = sum(1 for m in ms if start_of.get(m) == cstart)
            if first < route["min"]:
                bad("class_min", f"class {cid}: {first} members start in its start week {cstart}, "
                    f"minimum {route['min']}")
            if route["languages"] and fold(c.get("Taal") or "") not in route["languages"]:
                bad("class_language", f"class {cid}: language {c.get('Taal')!r} not an instruction language")
            for t in range(cstart, cstart + route["duration"]):
                for d in sched:
                    use_t[d, t] += 1
                    use_r[loc, d, t] += 1
            last_week = max(last_week, cstart + route["duration"])
        for d in sorted(sched):
            if rooms.get((loc, d), 0) <= 0:
                bad("location_closed", f"class {cid}: location {loc} has no room on {d}")
        level = number(c.get("Niveau"))
        for m in ms:
            _check_member(res, m, inp.get(m), cid, c, route, sched, loc, level, cstart, is_running,
                          running.get(cid), start_of.get(m), placed[m], plan_date, H, late, min_left,
                          max_travel_default, first_week)
    for (d, t), n in sorted(use_t.items()):
        if n > teachers.get(d, 0):
            bad("teachers", f"week {t}, {d}: {n} classes, {teachers.get(d, 0)} teachers")
    for (loc, d, t), n in sorted(use_r.items()):
        if n > rooms.get((loc, d), 0):
            bad("rooms", f"week {t}, {loc} {d}: {n} classes, {rooms.get((loc, d), 0)} rooms")

    # --- households, 'niet met', pins ---
    households: dict[str, set[str | None]] = defaultdict(set)
    for lid, r in inp.items():
        if lid not in placed:
            continue
        cid = class_of.get(lid)
        if not blank(r.get("together")):
            households[text(r.get("together"))].add(cid)
        for other in id_list(r.get("not_with")):
            if cid is not None and other != lid and class_of.get(other) == cid:
                bad("not_with", f"learners {lid} and {other} share class {cid} ('niet met')")
        pin = text(r.get("pin"))
        if pin:
            if fold(pin) in WAITLIST:
                if cid is not None:
                    bad("pin", f"learner {lid} is pinned to the waiting list but placed in {cid}")
            elif cid != pin:
                bad("pin", f"learner {lid} is pinned to {pin} but is in {cid or 'the waiting list'}")
    for hid, cids in households.items():
        if len(cids) > 1:
            bad("household", f"household {hid} is split over {sorted(str(c) for c in cids)}")


def _check_member(res, lid, r, cid, c, route, sched, loc, level, cstart, is_running, rc, start, p,
                  plan_date, H, late, min_left, max_travel_default, first_week) -> None:
    bad = res.add
    if r is None:
        return
    who = f"learner {lid} in {cid}"
    if text(r.get("route")) != text(c.get("Route")):
        bad("route", f"{who}: route {r.get('route')!r} differs from the class's {c.get('Route')!r}")
    avail = dayparts(r.get("dayparts"))
    if avail is None:
        res.notes.append(f"learner {lid}: dayparts {r.get('dayparts')!r} not read")
    elif not sched <= avail:
        bad("daypart", f"{who}: not available on {', '.join(sorted(sched - avail))}")
    limit = number(r.get("max_travel"))
    if limit is None:
        limit = route["max_travel"] if route["max_travel"] is not None else max_travel_default
    minutes = number(p.get("Reistijd"))
    if minutes is None or minutes > limit or minutes < 0:
        bad("travel", f"{who}: travel {minutes} min, maximum {limit:g}")
    if loc in name_list(r.get("excluded")):
        bad("excluded_location", f"{who}: location {loc} is excluded")
    lb = level_of(r.get("level"))
    if lb is None or level is None:
        res.notes.append(f"learner {lid}: leerbaarheid {r.get('level')!r} not read")
    elif 2 * abs(lb - level) > route["spread"] + 1:   # +1: a score may be rounded on import
        bad("spread", f"{who}: leerbaarheid {lb:g} more than half the spread {route['spread']:g} "
            f"from the class level {level:g}")
    if route["languages"]:
        spoken = {fold(x) for x in id_list(r.get("languages"))} | {fold(r.get("preferred_language") or "")}
        if fold(c.get("Taal") or "") not in spoken:
            bad("language", f"{who}: does not speak the instruction language {c.get('Taal')!r}")
    if route["separate"] in ("alfabetisering", "literacy", "profiel", "profile"):
        if route["separate"] in ("alfabetisering", "literacy"):
            mine = fold(r.get("literacy") or "")
            prof = fold_keep_spaces(text(r.get("level")))
            if not mine and "gealfabetiseerd" in prof:
                mine = "nee" if "niet" in prof else "ja"
        else:
            mine = fold(r.get("profile") or "")
        group = fold(c.get("Groep") or "")
        if group != mine and not (not mine and group in ("", "onbekend")):
            bad("group", f"{who}: {route['separate']} {mine!r} differs from the class group {c.get('Groep')!r}")
    if start is None:
        return
    ws, af = as_date(r.get("waiting_since")), as_date(r.get("available_from"))
    if ws is None:
        res.notes.append(f"learner {lid}: wacht sinds {r.get('waiting_since')!r} not read")
        return
    avail_week = first_week(max(ws, af) if af else ws)
    if start >= H:
        bad("horizon", f"{who}: starts in week {start}, after the horizon ({H} weeks)")
    if start < avail_week:
        bad("start_early", f"{who}: starts in week {start}, before its first available week {avail_week}")
    if is_running:
        if start != avail_week:
            bad("start_week", f"{who}: joins the running class in week {start}, first available week {avail_week}")
        day = plan_date + timedelta(days=7 * start)
        if rc["end"] is not None and (rc["end"] - day).days < 7 * min_left - 6:
            bad("running_end", f"{who}: joins on {day}, less than {min_left} weeks before the end {rc['end']}")
        if rc["join_until"] is not None and day > rc["join_until"]:
            bad("running_end", f"{who}: joins on {day}, after Instroom tot {rc['join_until']}")
        return
    expected = max(cstart, avail_week)
    if start != expected:
        bad("start_week", f"{who}: starts in week {start}; the class starts in week {cstart} and the learner "
            f"can start from week {avail_week}, so the start must be week {expected}")
    if avail_week - cstart > late:
        bad("late_join", f"{who}: joins in week {avail_week}, more than {late} weeks after the class start {cstart}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.checker.plancheck", description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="input workbook (or learners CSV)")
    ap.add_argument("plan", help="plan workbook written by klasvormer")
    ap.add_argument("--settings", help="settings workbook for a CSV input (default: the plan's input sheets)")
    a = ap.parse_args(argv)
    res = check(a.input, a.plan, a.settings)
    for v in res.violations:
        print(v)
    for n in res.notes:
        print(f"note: {n}", file=sys.stderr)
    print(f"{len(res.violations)} violation(s)" if res.violations else "plan keeps every checked rule")
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())

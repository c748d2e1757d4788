"""Cell values in the forms people type, converted to plain Python values.

Every parser takes the raw cell value (what openpyxl or the CSV reader gives) and returns the
converted value, or raises :class:`ValueProblem` with a message key from
:data:`app.workbook.issues.TEMPLATES` and its parameters. Parsers that make an assumption the user
should see return a :class:`Note` next to the value (it becomes a warning).

Rules:
- text: stripped; whole floats read as integers (``1001.0`` -> ``"1001"``); a limit on length.
- whole numbers: ``12``, ``12.0``, ``"12"``, ``"12,0"``, ``"45 min"``.
- dates: Excel dates; text ``dd-mm-jjjj``, ``jjjj-mm-dd``, ``d-m-jj`` (also with ``/`` or ``.``),
  ``6 jan 2025``; an Excel serial number (with a note).
- lists: separated by ``,`` ``;`` ``/`` ``|`` or a line break.
- yes/no: ja/nee, j/n, yes/no, y/n, true/false, waar/onwaar, 1/0, x (= ja).
- leerbaarheid: a score 0-100, a percentage (``"65%"`` or a percent-formatted 0.65), a category
  (langzaam/gemiddeld/snel -> 25/50/75) or a Z-route profile (sets profile and literacy too).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from app.workbook.schema import LEVEL_CATEGORIES, LITERACY_VALUES, Z_PROFILES, fold

MAX_TEXT = 255
"""Longest text accepted in a field the planner uses (ids, names, routes, lists)."""
EXCEL_MAX_TEXT = 32_767
"""Most characters one Excel cell holds (longer text is cut when a workbook is written)."""


class ValueProblem(ValueError):
    """A value that cannot be converted; ``code`` is a key of :data:`app.workbook.issues.TEMPLATES`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Note:
    """An assumption made while converting (becomes a warning)."""

    code: str
    params: dict[str, Any]


@lru_cache(maxsize=8192)
def _fold_text(text: str) -> str:
    return fold(text)


def fold_key(value: Any) -> str:
    """:func:`app.workbook.schema.fold`, remembered for texts: names and choices recur on every row."""
    return _fold_text(value) if type(value) is str else fold(value)


def is_blank(value: Any) -> bool:
    """True for None and whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any, max_len: int = MAX_TEXT) -> str:
    """Stripped text; whole floats and ints become digits without ``.0``."""
    if isinstance(value, bool):
        text = "ja" if value else "nee"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    else:
        text = str(value).strip()
    if len(text) > max_len:
        raise ValueProblem("too_long", length=len(text), max=max_len)
    return text


_NUM_RE = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:min(?:uten|uut)?\.?|minutes?|m|km/u|km/h|km|%)?\s*$",
                     re.IGNORECASE)


def as_number(value: Any, example: str = "10", lo: float | None = None, hi: float | None = None) -> float:
    """A number from a cell: int/float, or text with ``.`` or ``,`` decimals and an optional unit;
    optionally within ``lo..hi``."""
    if isinstance(value, bool):
        raise ValueProblem("not_number", value=value, example=example)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem("not_number", value=value, example=example)
        number = float(value)
    else:
        m = _NUM_RE.match(str(value))
        if not m:
            raise ValueProblem("not_number", value=_short(value), example=example)
        number = float(m.group(1).replace(",", "."))
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise ValueProblem("int_range", value=_num(number), lo=_num(lo) if lo is not None else "-",
                           hi=_num(hi) if hi is not None else "-")
    return number


def _num(x: float) -> str:
    """A number as people write it: ``20``, ``1.3`` (no ``.0``, no exponent for everyday sizes)."""
    return f"{x:.10g}"


def as_int(value: Any, lo: int | None = None, hi: int | None = None, example: str = "12") -> int:
    """A whole number (see :func:`as_number`), optionally within ``lo..hi``."""
    try:
        number = as_number(value, example)
    except ValueProblem as exc:
        raise ValueProblem("not_int", value=exc.params["value"], example=example) from None
    if not number.is_integer():
        raise ValueProblem("not_int", value=_short(value), example=example)
    n = int(number)
    if (lo is not None and n < lo) or (hi is not None and n > hi):  # 1e300 as 1e+300, not 301 digits
        raise ValueProblem("int_range", value=n if abs(n) < 10**15 else _num(number), lo=lo if lo is not None else "-",
                           hi=hi if hi is not None else "-")
    return n


_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3,
    "maart": 3, "mar": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augustus": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_ISO_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
                     r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$")
"""``2025-01-06``, with a time as other systems export it: ``2025-01-06 09:15``,
``2025-01-06T09:15:00Z`` (matched on lower-cased text)."""
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_TEXT_MONTH_RE = re.compile(r"^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4}|\d{2})$")
EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_TEXT_RE = re.compile(r"^\d{5}(?:[.,]\d+)?$")
"""A serial number as text (a CSV column, a DataFrame column of text): ``46390``, ``46390,75``."""


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def month_first(values: Iterable[Any]) -> bool:
    """Whether text dates such as ``12/15/2026`` say month/day/year: some second number is above
    12 and no first one is (a column a program with American settings wrote, LibreOffice's CSV
    export among them). Read day first, its days up to 12 would silently swap with the month."""
    firsts, seconds = [], []
    for v in values:
        if isinstance(v, str) and (m := _DMY_RE.match(v.strip())):
            firsts.append(int(m[1]))
            seconds.append(int(m[2]))
    return any(s > 12 for s in seconds) and not any(f > 12 for f in firsts)


def as_date(value: Any, month_first: bool = False) -> tuple[date, Note | None]:
    """A date from an Excel date, a typed text date, or an Excel serial number (with a note);
    ``month_first``: text dates of the column are month/day/year (:func:`month_first`; with a note)."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, time):  # a number below 1 in a date-formatted cell: 0 reads as 00:00:00
        if value == time(0):
            raise ValueProblem("date_zero")
        raise ValueProblem("date_time_only", value=value.strftime("%H:%M"))
    if isinstance(value, str) and _SERIAL_TEXT_RE.match(value.strip()):
        value = float(value.strip().replace(",", "."))  # a CSV holds text only: Excel's serial of a date
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value < 80001 and math.isfinite(value):  # a date with a time: 46390.75 = 18:00
            serial = EXCEL_EPOCH + timedelta(days=math.floor(value))
            return serial, Note("date_serial", {"value": _num(value), "date": fmt_date(serial)})
        raise ValueProblem("not_date", value=_short(value))
    text = str(value).strip().lower()
    named = None
    if w := _WEEKDAY_RE.match(text):
        named, text = _WEEKDAYS[w[1]], text[w.end():]
    day: date | None = None
    note: Note | None = None
    try:
        if m := _ISO_RE.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
        elif (m := _DMY_RE.match(text)) and month_first:
            day = date(_year(m[3]), int(m[1]), int(m[2]))
            note = Note("date_month_first", {"value": _short(value), "date": fmt_date(day)})
        elif m := _DMY_RE.match(text):
            day = date(_year(m[3]), int(m[2]), int(m[1]))
        elif (m := _TEXT_MONTH_RE.match(text)) and m[2] in _MONTHS:
            day = date(_year(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        pass
    if day is None:
        raise ValueProblem("not_date", value=_short(value))
    if named is not None and named != day.weekday():
        raise ValueProblem("date_weekday", value=_short(value), date=fmt_date(day),
                           weekday=_WEEKDAY_NAMES[day.weekday()], weekday_en=_WEEKDAY_NAMES_EN[day.weekday()])
    return day, note


_WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name: i for names in (_WEEKDAY_NAMES, _WEEKDAY_NAMES_EN, ("ma", "di", "wo", "do", "vr", "za", "zo"),
                                   ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
             for i, name in enumerate(n.lower() for n in names)}
_WEEKDAY_ALTERNATIVES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_WEEKDAY_RE = re.compile(rf"^({_WEEKDAY_ALTERNATIVES})\.?,?\s+(?=\d)")
"""A weekday before a date, as a long date format writes it (``zondag 3 januari 2027``): it
must be the date's own weekday."""


def fmt_date(day: date) -> str:
    """Dutch date text ``dd-mm-jjjj``."""
    return day.strftime("%d-%m-%Y")


_LIST_SPLIT = re.compile(r"\s*(?:[,;/|\n\r]+)\s*")


def as_list(value: Any, max_len: int = MAX_TEXT) -> list[str]:
    """Items of a list cell, split on ``, ; / |`` or line breaks; duplicates dropped, order kept."""
    if is_blank(value):
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [as_text(v, max_len) for v in value]
    else:
        items = _LIST_SPLIT.split(as_text(value, max_len * 8))
    out: list[str] = []
    for item in items:
        item = item.strip()
        if len(item) > max_len:
            raise ValueProblem("too_long", length=len(item), max=max_len)
        if item and item not in out:
            out.append(item)
    return out


_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel", "✓"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "niet", "geen"}


def as_yesno(value: Any) -> bool:
    """ja/nee in Dutch or English (see module docstring)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = fold_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueProblem("yesno_bad", value=_short(value))


_LITERACY = {
    **{k: "ja" for k in _YES | {"gealfabetiseerd", "literate"}},
    **{k: "nee" for k in _NO | {"nietgealfabetiseerd", "analfabeet", "notliterate", "illiterate"}},
    **{k: "anders" for k in ("anders", "andersgealfabetiseerd", "ander schrift", "anderschrift",
                             "other", "otherscript", "a")},
}


def as_literacy(value: Any) -> str:
    """'ja', 'nee' or 'anders' (literate in another script)."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    key = fold_key(value)
    if key in _LITERACY:
        return _LITERACY[key]
    raise ValueProblem("choice_bad", value=_short(value), allowed=", ".join(LITERACY_VALUES))


def as_choice(value: Any, choices: dict[str, str], allowed: tuple[str, ...]) -> str:
    """One of ``allowed``; ``choices`` maps folded spellings (Dutch and English) to it."""
    key = fold_key(value)
    if key in choices:
        return choices[key]
    raise ValueProblem("choice_bad", value=_short(value), allowed=", ".join(allowed))


STATUS_CHOICES = {
    "statushouder": "statushouder", "statushouders": "statushouder", "sh": "statushouder",
    "statusholder": "statushouder", "vergunninghouder": "statushouder", "asiel": "statushouder",
    "gezinsmigrant": "gezinsmigrant", "gezinsmigranten": "gezinsmigrant", "gm": "gezinsmigrant",
    "gezinsvormer": "gezinsmigrant", "gezinshereniger": "gezinsmigrant",
    "familymigrant": "gezinsmigrant", "overig": "overig", "overige": "overig", "anders": "overig",
    "other": "overig", "overigemigrant": "overig",
}
SEPARATE_CHOICES = {
    "geen": "", "nee": "", "none": "", "no": "", "": "",
    "alfabetisering": "alfabetisering", "gealfabetiseerd": "alfabetisering",
    "literacy": "alfabetisering", "alfa": "alfabetisering",
    "profiel": "profiel", "profile": "profiel", "klantprofiel": "profiel",
}


@dataclass(frozen=True)
class LevelValue:
    """A parsed leerbaarheid: the score, and profile and literacy when a Z profile was given."""

    score: int
    profile: str | None = None
    literacy: str | None = None
    note: Note | None = None


_PROFILE_KEYS = {fold(p): p for p in Z_PROFILES}
_CATEGORY_KEYS = {fold(c): c for c in LEVEL_CATEGORIES} | {
    "slow": "langzaam", "average": "gemiddeld", "medium": "gemiddeld", "fast": "snel",
    "minder snel": "langzaam", "mindersnel": "langzaam", "sneller": "snel", "langzamer": "langzaam",
}


def canonical_profile(value: Any) -> str | None:
    """The canonical Z-profile text when ``value`` names one (any spelling), else None."""
    return _PROFILE_KEYS.get(fold_key(value).replace("ongealfabetiseerd", "nietgealfabetiseerd"))


def as_level(value: Any, number_format: str | None = None) -> LevelValue:
    """Leerbaarheid 0-100 from a score, percentage, category or Z-route profile."""
    if isinstance(value, bool):
        raise ValueProblem("level_bad", value=value)
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return LevelValue(_score(float(value) * 100, value))
        return _plain_level(float(value), value)
    text = str(value).strip()
    if m := re.fullmatch(r"([-+]?\d+(?:[.,]\d+)?)\s*%", text):
        return _rounded(float(m[1].replace(",", ".")), value)
    if re.fullmatch(r"[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)", text):
        # Text reads as the same number typed in a cell: '0,65' is 65 like 0.65 (a CSV is all text).
        return _plain_level(float(text.replace(",", ".")), _short(value))
    profile = canonical_profile(text)
    if profile is not None:
        score, literacy = Z_PROFILES[profile]
        note = Note("level_profile", {"value": _short(value), "score": score, "profile": profile,
                                      "literacy": literacy})
        return LevelValue(score, profile, literacy, note)
    category = _CATEGORY_KEYS.get(fold_key(text)) or _CATEGORY_KEYS.get(text.lower())
    if category is not None:
        score = LEVEL_CATEGORIES[category]
        return LevelValue(score, note=Note("level_category", {"value": _short(value), "score": score}))
    raise ValueProblem("level_bad", value=_short(value))


def _plain_level(v: float, raw: Any) -> LevelValue:
    """A number without a percent sign or format: a fraction (0 < v < 1) is a percentage, with a note."""
    if 0 < v < 1:
        score = _score(v * 100, raw)
        return LevelValue(score, note=Note("level_fraction", {"value": raw, "score": score}))
    return _rounded(v, raw)


def _rounded(v: float, raw: Any) -> LevelValue:
    """A score; a note when it had decimals and was rounded (reported once per column)."""
    score = _score(v, raw)
    return LevelValue(score, note=Note("level_rounded", {}) if score != v else None)


def _score(v: float, raw: Any) -> int:
    score = int(math.floor(v + 0.5))
    if not 0 <= score <= 100:
        raise ValueProblem("int_range", value=_short(raw), lo=0, hi=100)
    return score


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_WEEK_SPLIT = re.compile(r"\s*[;,|\n\r]+\s*")
_WEEK_RANGE = re.compile(r"^(\d{1,3})\s*(?:-|t/m|tot en met|tot|to)\s*(\d{1,3})$")


def parse_weeks(value: Any, plan_date: date) -> tuple[tuple[int, ...], list[Note]]:
    """Start weeks from week numbers (0 = the plan date's week), ranges (``0-11``) and dates.

    A date becomes the first plan week starting on or after it (a note when it is not a week
    start); a date before the plan date is an error. Items are separated by ``; , |`` or line
    breaks (not ``/``, which dates use).
    """
    if isinstance(value, (date, datetime)) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        items: list[Any] = [value]
    else:
        items = [s for s in _WEEK_SPLIT.split(as_text(value, 2000)) if s]
    weeks: set[int] = set()
    notes: list[Note] = []
    for item in items:
        if isinstance(item, (int, float)) and not isinstance(item, datetime) and float(item).is_integer() and 0 <= item < 1000:
            weeks.add(int(item))
            continue
        text = str(item).strip()
        if re.fullmatch(r"\d{1,3}", text):
            weeks.add(int(text))
        elif m := _WEEK_RANGE.match(text.lower()):
            weeks.update(range(int(m[1]), int(m[2]) + 1))
        else:
            try:
                day, _ = as_date(item)
            except ValueProblem:
                raise ValueProblem("weeks_bad", value=_short(item)) from None
            delta = (day - plan_date).days
            if delta < 0:
                raise ValueProblem("week_before_plan", date=fmt_date(day), plan_date=fmt_date(plan_date))
            week = math.ceil(delta / 7)
            if delta % 7:
                notes.append(Note("week_not_aligned", {"date": fmt_date(day), "week": week,
                                                       "week_date": fmt_date(plan_date + timedelta(days=7 * week))}))
            weeks.add(week)
    return tuple(sorted(weeks)), notes

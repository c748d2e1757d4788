"""Weekday-dayparts: the time slots classes meet in, and a forgiving parser for them.

A daypart is written canonically as ``"<weekday>-<part>"``, for example ``"ma-ochtend"``.
Weekdays are the Dutch two-letter abbreviations ``ma di wo do vr za zo``; parts are
``ochtend`` (morning), ``middag`` (afternoon) and ``avond`` (evening).

:func:`parse_dayparts` accepts the forms planners type: ``ma-ochtend``, ``maandag ochtend``,
``ma o``, ``ochtend`` (every weekday morning), ``ma`` (every part of Monday), English names
(``monday morning``, ``mon-am``, ``evening``), ranges of days (``ma t/m vr ochtend``,
``ma tot en met do``, ``mon through fri``), and lists separated by ``,`` ``;`` ``/`` ``|`` or ``+``
(``ma/wo/vr ochtend`` means the three mornings; ``ma-vr`` is a list too: Monday and Friday).
"""

from __future__ import annotations

import re
import unicodedata

from optimizer.messages import Message, msg

WEEKDAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")
WORKDAYS: tuple[str, ...] = WEEKDAYS[:5]
PARTS: tuple[str, ...] = ("ochtend", "middag", "avond")
ALL_DAYPARTS: tuple[str, ...] = tuple(f"{d}-{p}" for d in WEEKDAYS for p in PARTS)

_DAY_WORDS: dict[str, str] = {}
for _code, _words in {
    "ma": ("ma", "maa", "maandag", "mo", "mon", "monday"),
    "di": ("di", "din", "dinsdag", "tu", "tue", "tues", "tuesday"),
    "wo": ("wo", "woe", "woensdag", "we", "wed", "wednesday"),
    "do": ("do", "don", "donderdag", "th", "thu", "thur", "thurs", "thursday"),
    "vr": ("vr", "vri", "vrij", "vrijdag", "fr", "fri", "friday"),
    "za": ("za", "zat", "zaterdag", "sa", "sat", "saturday"),
    "zo": ("zo", "zon", "zondag", "su", "sun", "sunday"),
}.items():
    for _w in _words:
        _DAY_WORDS[_w] = _code

_PART_WORDS: dict[str, str] = {}
for _code, _words in {
    "ochtend": ("o", "och", "ochtend", "ochtends", "morgen", "s-ochtends", "am", "morning", "mornings"),
    "middag": ("m", "mi", "mid", "middag", "middags", "s-middags", "pm", "afternoon", "afternoons"),
    "avond": ("a", "av", "avond", "avonden", "avonds", "s-avonds", "eve", "evening", "evenings"),
}.items():
    for _w in _words:
        _PART_WORDS[_w] = _code

_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "werkdagen": WORKDAYS,
    "weekdagen": WORKDAYS,
    "doordeweeks": WORKDAYS,
    "weekdays": WORKDAYS,
    "weekend": ("za", "zo"),
    "altijd": WEEKDAYS,
    "alle": WEEKDAYS,
    "any": WEEKDAYS,
    "all": WEEKDAYS,
}


class DaypartError(ValueError):
    """A daypart text that cannot be understood; ``value`` is the offending text, ``message`` says why."""

    def __init__(self, value: str, message: Message) -> None:
        super().__init__(message.text("nl"))
        self.value = value
        self.message = message
        """What is wrong, in Dutch and English."""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("'", "").replace("’", "").strip()


_THROUGH = "tm"
"""A range of days: ``ma t/m vr``, ``ma tot en met vr``, ``mon through fri`` (rewritten to this word)."""
_THROUGH_RE = re.compile(r"\s*\b(?:t\s*/\s*m|tot\s+en\s+met|through|thru)\b\s*")


def _parse_item(item: str, original: str) -> frozenset[str]:
    words = [w for w in re.split(r"[\s\-_.:]+", item) if w]
    days: list[str] = []
    parts: list[str] = []
    through = False
    for w in words:
        if w == _THROUGH:
            if not days or through:
                raise DaypartError(original, msg("daypart_range", value=original))
            through = True
        elif through:
            first = WEEKDAYS.index(days[-1])
            last = WEEKDAYS.index(_DAY_WORDS[w]) if w in _DAY_WORDS else -1
            if last <= first:
                raise DaypartError(original, msg("daypart_range", value=original))
            days.extend(WEEKDAYS[first + 1:last + 1])
            through = False
        elif w in _GROUP_WORDS:
            days.extend(_GROUP_WORDS[w])
        elif w in _DAY_WORDS and not (w in _PART_WORDS and days and not parts):
            days.append(_DAY_WORDS[w])
        elif w in _PART_WORDS:
            parts.append(_PART_WORDS[w])
        else:
            raise DaypartError(original, msg("daypart_word", value=original, word=w))
    if through:
        raise DaypartError(original, msg("daypart_range", value=original))
    if not days and not parts:
        return frozenset()
    if not days:
        days = list(WORKDAYS)
    if not parts:
        parts = list(PARTS)
    return frozenset(f"{d}-{p}" for d in days for p in parts)


def parse_dayparts(text: object) -> frozenset[str]:
    """Parse a daypart list into canonical ``"ma-ochtend"`` codes.

    ``ochtend`` means every workday morning, ``ma`` every part of Monday. In a list, a
    trailing part applies to preceding bare days and ranges of them: ``ma/wo/vr ochtend`` is
    three mornings, ``ma t/m vr, za ochtend`` six.

    >>> sorted(parse_dayparts("ma/wo ochtend; vr middag"))
    ['ma-ochtend', 'vr-middag', 'wo-ochtend']
    """
    if text is None:
        return frozenset()
    if isinstance(text, (set, frozenset, list, tuple)):
        out: set[str] = set()
        for t in text:
            out |= parse_dayparts(t)
        return frozenset(out)
    raw = str(text)
    folded = _fold(raw)
    if not folded:
        return frozenset()
    folded = _THROUGH_RE.sub(f" {_THROUGH} ", folded)
    items = [i.strip() for i in re.split(r"[,;/|+&]|\ben\b|\band\b", folded) if i.strip()]
    result: set[str] = set()
    pending_days: list[str] = []
    for item in items:
        words = [w for w in re.split(r"[\s\-_.:]+", item) if w]
        is_bare_day = len(words) == 1 and words[0] in _DAY_WORDS and words[0] not in _PART_WORDS
        if is_bare_day:
            pending_days.append(_DAY_WORDS[words[0]])
            continue
        if _THROUGH in words and all(w == _THROUGH or (w in _DAY_WORDS and w not in _PART_WORDS) for w in words):
            # a range of bare days is a list of them: 'ma t/m vr, za ochtend' as 'ma/di/wo/do/vr/za ochtend'
            whole = _parse_item(item, raw)
            pending_days.extend(d for d in WEEKDAYS if f"{d}-{PARTS[0]}" in whole)
            continue
        parsed = _parse_item(item, raw)
        if pending_days:
            has_day = any(w in _DAY_WORDS or w in _GROUP_WORDS for w in words) and any(
                w in _PART_WORDS for w in words
            )
            parts_here = {dp.split("-")[1] for dp in parsed}
            if has_day:
                result |= {f"{d}-{p}" for d in pending_days for p in parts_here}
            else:
                parsed = frozenset(f"{d}-{p}" for d in pending_days for p in parts_here)
            pending_days = []
        result |= parsed
    for d in pending_days:
        result |= {f"{d}-{p}" for p in PARTS}
    return frozenset(result)


def dash_ranges(text: object) -> list[tuple[str, str]]:
    """Two days joined by a dash at least four days apart (``ma-vr``), as ``("ma", "vr")``: read
    as a list (Monday and Friday), where a range (Monday to Friday) may have been meant. Chains of
    three or more (``ma-wo-vr``) and pairs such as ``di-do`` are lists without a doubt."""
    folded = _fold(str(text)) if text is not None else ""
    out = []
    for m in re.finditer(r"(?<![\w-])([a-z]+)\s*-\s*([a-z]+)(?![\w]|\s*-\s*[a-z])", folded):
        first, last = _DAY_WORDS.get(m[1]), _DAY_WORDS.get(m[2])
        if first and last and WEEKDAYS.index(last) - WEEKDAYS.index(first) >= 4:
            out.append((first, last))
    return out


DAYS_EN: dict[str, str] = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
PARTS_EN: dict[str, str] = dict(zip(PARTS, ("morning", "afternoon", "evening"), strict=True))
"""The weekdays and parts of the day in English words (the codes stay Dutch in what is read)."""


def format_dayparts(dayparts: frozenset[str] | set[str], lang: str = "nl") -> str:
    """Canonical, sorted, human text for a daypart set: ``"ma-ochtend, wo-ochtend"``; in English
    (``lang="en"``) ``"Mon morning, Wed morning"``."""
    order = {dp: i for i, dp in enumerate(ALL_DAYPARTS)}
    ordered = sorted(dayparts, key=lambda dp: order.get(dp, 999))
    if lang == "en":
        ordered = [" ".join((DAYS_EN[d], PARTS_EN[p])) if (d, _, p) in _KNOWN else dp
                   for dp in ordered for d, _, p in [dp.partition("-")]]
    return ", ".join(ordered)


_KNOWN = {(d, "-", p) for d in WEEKDAYS for p in PARTS}


def days_by_part(dayparts: frozenset[str] | set[str]) -> list[tuple[str, list[str]]]:
    """``(part, days)`` for each part of the day that ``dayparts`` uses, in the order of
    :data:`PARTS`, the days in weekday order: ``[("ochtend", ["ma", "wo"])]``. Every text that
    groups dayparts by part (schedules, learners' availability, class lists) starts here."""
    by_part: dict[str, list[str]] = {}
    for dp in dayparts:
        day, part = dp.split("-")
        by_part.setdefault(part, []).append(day)
    return [(part, sorted(by_part[part], key=WEEKDAYS.index)) for part in PARTS if part in by_part]


def short_schedule_text(dayparts: frozenset[str] | set[str], lang: str = "nl") -> str:
    """Compact text such as ``"ma-wo-vr ochtend"`` (grouped by part); in English
    (``lang="en"``) ``"Mon-Wed-Fri morning"``."""
    if lang == "en":
        return " + ".join("-".join(DAYS_EN[d] for d in days) + " " + PARTS_EN[part]
                          for part, days in days_by_part(dayparts))
    return " + ".join("-".join(days) + " " + part for part, days in days_by_part(dayparts))

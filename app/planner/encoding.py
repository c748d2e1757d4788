"""Problems and plans as JSON values and back: dataclasses tagged with ``"$type"``, tuples,
sets and dates tagged too, so that reading gives equal objects back (the parts of a project file)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.planner.editing import Locks, Note, PlanState
from app.workbook.issues import Issue
from app.workbook.plan_edits import PlanEdit
from app.workbook.started import StartedRow
from optimizer import domain
from optimizer.domain import Problem
from optimizer.messages import Bilingual, Catalogue, Message
from optimizer.plan import Assignment, Plan, PlannedClass

TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (domain.Problem, domain.Learner, domain.Location, domain.Schedule, domain.RouteSettings,
                domain.RunningClass, domain.ClassSpec, domain.Weights, domain.TravelSettings,
                Plan, PlannedClass, Assignment, Message, PlanState, Locks, Note, Issue, PlanEdit, StartedRow)
}


ERRORS = Catalogue({
    # --- whole messages (ProjectError keys) ------------------------------------------------------
    "given": ("{text}", "{text}"),  # a text finished in both languages (the GUI re-raises one in English)
    "unknown_type": ("Onbekend gegevenstype '{type}' in het project.", "Unknown data type '{type}' in the project."),
    "no_problem": ("Het project bevat geen geldige invoer.", "The project holds no valid input."),
    "no_plan": ("Het project bevat geen geldig plan.", "The project holds no valid plan."),
    "not_project": ("{name} is geen Klasvormer-project.", "{name} is not a Klasvormer project."),
    "not_project_because": ("{name} is geen Klasvormer-project ({why}).", "{name} is not a Klasvormer project ({why})."),
    "damaged": (
        "{name} is beschadigd: {why}. Open een eerdere versie of de oorspronkelijke werkmap.",
        "{name} is damaged: {why}. Open an earlier version or the original workbook.",
    ),
    "file_missing": ("Het bestand {name} bestaat niet.", "The file {name} does not exist."),
    "no_permission": (
        "{name} kan niet worden gelezen: u heeft geen leesrechten voor dit bestand.",
        "{name} cannot be read: you have no permission to read this file.",
    ),
    "is_folder": ("{name} is een map, geen Klasvormer-project.", "{name} is a folder, not a Klasvormer project."),
    "unreadable": ("{name} kan niet worden gelezen: {reason}.", "{name} cannot be read: {reason}."),
    "version_unknown": (
        "{name} heeft een onbekende versie-aanduiding '{version}' (deze Klasvormer leest projecten van versie 1 "
        "tot en met {max}).",
        "{name} has an unknown version '{version}' (this Klasvormer reads projects of version 1 to {max}).",
    ),
    "version_newer": (
        "{name} is gemaakt met een nieuwere versie van Klasvormer (projectversie {version}; deze leest tot en met "
        "{max}). Werk Klasvormer bij.",
        "{name} was made with a newer version of Klasvormer (project version {version}; this one reads up to "
        "{max}). Update Klasvormer.",
    ),
    # --- why a file is no project or is damaged (the parameter ``why``) --------------------------
    "no_zip": ("geen zip-archief", "not a zip archive"),
    "manifest_missing": ("manifest.json ontbreekt", "manifest.json is missing"),
    "manifest_not_object": ("manifest.json bevat {seen}, geen object", "manifest.json holds {seen}, not an object"),
    "too_many_parts": ("het bevat {count} onderdelen (hoogstens {max})", "it holds {count} parts (at most {max})"),
    "part_too_large": (
        "onderdeel {part} is uitgepakt {mb:.0f} MB (hoogstens {max} MB)",
        "part {part} unpacks to {mb:.0f} MB (at most {max} MB)",
    ),
    "part_packed": (
        "onderdeel {part} is {ratio:.0f} keer samengeperst (hoogstens {max}); zo'n bestand is geen normaal project",
        "part {part} is compressed {ratio:.0f} times (at most {max}); such a file is not a normal project",
    ),
    "too_large": ("het is uitgepakt {mb:.0f} MB (hoogstens {max} MB)", "it unpacks to {mb:.0f} MB (at most {max} MB)"),
    "part_unpack": ("onderdeel {part} kan niet worden uitgepakt ({error})", "part {part} cannot be unpacked ({error})"),
    "part_missing": ("onderdeel {part} ontbreekt", "part {part} is missing"),
    "json_deep": ("{part} is te diep genest", "{part} is nested too deeply"),
    "json_bad": ("{part} is geen geldige JSON ({error})", "{part} is not valid JSON ({error})"),
    "saved_bad": ("manifest.json, saved: '{value}' is geen tijdstip", "manifest.json, saved: '{value}' is not a date and time"),
    "at": ("{where}: {what}", "{where}: {what}"),  # what: a BadValue's text
    # --- a value that does not fit its type (BadValue keys, app.planner.typecheck) ------------------
    "too_deep": ("te diep genest (meer dan {max} niveaus)", "nested too deeply (over {max} levels)"),
    "mismatch": ("verwacht {want}, gevonden {seen}", "expected {want}, found {seen}"),
    "date_bad": ("'{value}' is geen geldige datum", "'{value}' is not a valid date"),
    "count_bad": ("verwacht {want} waarden, gevonden {found}", "expected {want} values, found {found}"),
    "pair_bad": ("verwacht een paar [sleutel, waarde]", "expected a pair [key, value]"),
    "tag_unknown": ("onbekende aanduiding '{tag}'", "unknown tag '{tag}'"),
    "type_unknown": ("onbekend gegevenstype '{type}'", "unknown data type '{type}'"),
    "missing": ("ontbreekt", "is missing"),
    "not_key": ("deze waarde kan geen sleutel zijn", "this value cannot be a key"),
    # --- what was found or expected (the parameters ``seen`` and ``want``) --------------------------
    "null": ("leeg (null)", "empty (null)"),
    "true": ("waar", "true"),
    "false": ("onwaar", "false"),
    "number": ("het getal {value}", "the number {value}"),
    "text": ("de tekst '{text}'", "the text '{text}'"),
    "a_list": ("een lijst", "a list"),
    "a_type": ("een {type}", "a {type}"),
    "an_object": ("een object", "an object"),
    "either": ("{first} of {second}", "{first} or {second}"),
    "or_empty": ("{what} of leeg", "{what} or empty"),
    "bool": ("waar of onwaar", "true or false"),
    "int": ("een geheel getal", "a whole number"),
    "float": ("een getal", "a number"),
    "str": ("tekst", "text"),
    "date": ("een datum", "a date"),
    "datetime": ("een tijdstip", "a date and time"),
    "empty": ("leeg", "empty"),
    "a_set": ("een verzameling", "a set"),
    "a_mapping": ("een tabel (object)", "a mapping (object)"),
    "a_value": ("een waarde", "a value"),
})
"""Why a project file cannot be read (:class:`ProjectError` and :class:`ProjectText` keys), Dutch and English."""


class ProjectText(Bilingual):
    """A text of :data:`ERRORS`: a key and its parameters, in Dutch (default) or English on demand.

    A parameter that is itself a ``ProjectText`` (why a file is damaged, what was found) or another
    :class:`~optimizer.messages.Bilingual` (why the system refused the file) is rendered in the same language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str | None = None) -> str:
        lang = "en" if lang == "en" else "nl"
        params = {k: v.text(lang) if isinstance(v, Bilingual) else v for k, v in self.params.items()}
        return ERRORS.text(self.key, lang, **params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProjectText) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"ProjectText({self.key!r}, {self.params!r})"

    def __str__(self) -> str:
        return self.nl


class ProjectError(Bilingual, ValueError):
    """A project file that cannot be read: a key of :data:`ERRORS` and its parameters say why
    (``str()`` and ``nl`` in Dutch, ``en`` in English, ``text(lang)``).

    ``ProjectError(nl, en)`` with two finished texts is still accepted (key ``"given"``)."""

    def __init__(self, key: str, en: str | None = None, /, **params: Any) -> None:
        if en is not None:
            key, params = "given", {"text": key, "text_en": en}
        self.message = ProjectText(key, **params)
        super().__init__(self.message.nl)

    @property
    def key(self) -> str:
        return self.message.key

    @property
    def params(self) -> dict[str, Any]:
        return self.message.params

    def text(self, lang: str | None = None) -> str:
        return self.message.text(lang)


# ---- values ↔ JSON --------------------------------------------------------------------------------
def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` that :func:`decode` turns back into an equal value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if TYPES.get(name) is not type(value):
            raise TypeError(f"cannot store {name}")
        out: dict[str, Any] = {"$type": name}
        for f in dataclasses.fields(value):
            if f.init:
                out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, (frozenset, set)):
        return {"$set": [encode(v) for v in sorted(value, key=str)]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        items = list(value.items())
        if all(isinstance(k, str) and not k.startswith("$") for k, _ in items):
            return {k: encode(v) for k, v in items}
        return {"$dict": [[encode(k), encode(v)] for k, v in items]}
    if isinstance(value, Path):
        return str(value)
    return str(value)


def decode(data: Any) -> Any:
    """The value :func:`encode` wrote."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "$date" in data:
        return date.fromisoformat(data["$date"])
    if "$datetime" in data:
        return datetime.fromisoformat(data["$datetime"])
    if "$set" in data:
        return frozenset(decode(v) for v in data["$set"])
    if "$tuple" in data:
        return tuple(decode(v) for v in data["$tuple"])
    if "$dict" in data:
        return {hashable(decode(k)): decode(v) for k, v in data["$dict"]}
    if "$type" in data:
        cls = TYPES.get(data["$type"])
        if cls is None:
            raise ProjectError("unknown_type", type=data["$type"])
        names = {f.name for f in dataclasses.fields(cls) if f.init}
        kwargs = {k: decode(v) for k, v in data.items() if k in names}
        return cls(**kwargs)
    return {k: decode(v) for k, v in data.items()}


def hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return encode(problem)


def problem_from_dict(data: dict[str, Any]) -> Problem:
    problem = decode(data)
    if not isinstance(problem, Problem):
        raise ProjectError("no_problem")
    return problem


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return encode(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    plan = decode(data)
    if not isinstance(plan, Plan):
        raise ProjectError("no_plan")
    return plan

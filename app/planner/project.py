"""Project files (``.klasvormer``): the input, the settings, the plan and its locks in one file.

A project is a zip archive with:

- ``manifest.json``: format name, version, time of saving, source file name;
- ``problem.json``: the :class:`~optimizer.domain.Problem` as edited (capacity, weights);
- ``state.json``: the plan with its locks and context (:class:`app.planner.editing.PlanState`), or null;
- ``extras.json``: each learner's own columns from the input that the plan workbook writes again
  (names, notes, columns Klasvormer does not know), values untouched; the input's other columns
  are in ``problem.json`` as read (a postcode as its four digits);
- ``import.json``: import warnings and where each learner's row was;
- ``settings.json``: planning settings (time limit, trade-off points, ...);
- ``source/<name>``: the input workbook's bytes, exactly as opened, and ``extras.json`` with every
  column of the learner rows, only when the planner asks for it (``keep_source=True``). Nothing
  reads the source back but a later save: a project without it opens, plans and exports the
  same (issue 23: store no more personal data than the project needs).

Values are JSON with dates as ISO strings. Dataclasses are written with a ``"$type"`` tag and
their fields; tuples, sets and dates are tagged too, so reading gives equal objects back.
Unknown fields (from a newer version) are ignored. Files are written with
:func:`app.safefile.atomic_write` (temporary file, fsync, ``os.replace``, folder sync; mode
``0600``: a project holds learners' personal data).

Reading checks the archive before it unpacks anything (number of members, their unpacked sizes
and compression ratio: :data:`MAX_MEMBER_BYTES`, :data:`MAX_TOTAL_BYTES`, :data:`MAX_RATIO`),
then checks every value against the types of the dataclasses it becomes (:func:`check_value`),
so a damaged or hand-edited project is refused with a message naming the file part, the place
and what is wrong, in Dutch and English (:class:`ProjectError`), instead of failing later.

A project that is open is locked (:func:`lock_project`: a lock file ``.NAME.lock`` next to it
with owner and time; :func:`project_holder` tells who has it open). Autosave gives each running
instance its own recovery file with its own lock (:class:`RecoverySlot`);
:func:`find_recoveries` offers only recovery files whose owner is gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import types
import typing
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Union

from app import safefile
from app.planner.editing import Locks, Note, PlanState
from app.safefile import FileLock, LockInfo, read_lock
from app.workbook.issues import Issue
from optimizer.domain import (
    ClassSpec,
    Learner,
    Location,
    Problem,
    RouteSettings,
    RunningClass,
    Schedule,
    TravelSettings,
    Weights,
)
from optimizer.messages import Message
from optimizer.plan import Assignment, Plan, PlannedClass

FORMAT = "klasvormer-project"
VERSION = 1
SUFFIX = ".klasvormer"
RECOVERY_STEM = "herstel"
"""Recovery files are ``herstel-<instance>.klasvormer`` with a lock ``herstel-<instance>.lock``
(``herstel.klasvormer`` without a lock: an earlier version's)."""

MAX_MEMBERS = 64
MAX_MEMBER_BYTES = 64 * 2**20
"""Largest unpacked size of one part of a project (a project of 10,000 learners needs ~15 MB)."""
MAX_TOTAL_BYTES = 160 * 2**20
MAX_RATIO = 200
"""Largest compression ratio of a part over 1 MiB (JSON packs ~10-30 times; zeros ~1000)."""
MAX_DEPTH = 60
"""Deepest nesting of values inside a project (real projects need about 8)."""

_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Problem, Learner, Location, Schedule, RouteSettings, RunningClass, ClassSpec, Weights,
                TravelSettings, Plan, PlannedClass, Assignment, Message, PlanState, Locks, Note, Issue)
}


class ProjectError(ValueError):
    """A project file that cannot be read; the text says why, in Dutch (``en`` in English)."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl)
        self.nl = nl
        self.en = en


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
        if _TYPES.get(name) is not type(value):
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
        return {_hashable(decode(k)): decode(v) for k, v in data["$dict"]}
    if "$type" in data:
        cls = _TYPES.get(data["$type"])
        if cls is None:
            raise ProjectError(f"Onbekend gegevenstype '{data['$type']}' in het project.",
                               f"Unknown data type '{data['$type']}' in the project.")
        names = {f.name for f in dataclasses.fields(cls) if f.init}
        kwargs = {k: decode(v) for k, v in data.items() if k in names}
        return cls(**kwargs)
    return {k: decode(v) for k, v in data.items()}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return encode(problem)


def problem_from_dict(data: dict[str, Any]) -> Problem:
    problem = decode(data)
    if not isinstance(problem, Problem):
        raise ProjectError("Het project bevat geen geldige invoer.", "The project holds no valid input.")
    return problem


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return encode(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    plan = decode(data)
    if not isinstance(plan, Plan):
        raise ProjectError("Het project bevat geen geldig plan.", "The project holds no valid plan.")
    return plan


# ---- the project -------------------------------------------------------------------------------
@dataclass
class Project:
    """Everything a planner's session needs to continue later."""

    problem: Problem
    state: PlanState | None = None
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    source_name: str | None = None
    source_bytes: bytes | None = None
    name_column: str | None = None
    issues: list[Issue] = field(default_factory=list)
    learner_rows: dict[str, int] = field(default_factory=dict)
    saved_at: datetime | None = None
    origin: str | None = None
    """Recovery files: the project or workbook the unsaved work belonged to."""


def _dump(value: Any) -> bytes:
    return json.dumps(encode(value), ensure_ascii=False, indent=1).encode("utf-8")


def stored_extras(extras: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``extras`` with only the columns the project needs: those the plan workbook writes again
    (names, notes, unknown columns); canonical columns (a full postcode, say) are left out."""
    from app.workbook.canonical import extra_headers

    kept = set(extra_headers(extras))
    return {lid: {h: v for h, v in row.items() if h in kept} for lid, row in extras.items()}


def project_bytes(project: Project, *, keep_source: bool = False) -> bytes:
    """The project as zip bytes (see the module docstring); the input workbook's bytes and the
    learner rows' canonical columns only with ``keep_source``."""
    import io

    manifest = {
        "format": FORMAT, "version": VERSION, "saved": datetime.now().isoformat(timespec="seconds"),
        "source_name": project.source_name, "origin": project.origin,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        zf.writestr("problem.json", _dump(project.problem))
        zf.writestr("state.json", _dump(project.state))
        zf.writestr("extras.json", _dump(project.extras if keep_source else stored_extras(project.extras)))
        zf.writestr("settings.json", _dump(project.settings))
        zf.writestr("import.json", _dump({"name_column": project.name_column, "issues": project.issues,
                                          "learner_rows": project.learner_rows}))
        if keep_source and project.source_bytes is not None and project.source_name:
            zf.writestr(f"source/{Path(project.source_name).name}", project.source_bytes)
    return buf.getvalue()


def atomic_write(path: str | Path, data: bytes, *, overwrite_readonly: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically and privately (:func:`app.safefile.atomic_write`)."""
    return safefile.atomic_write(path, data, overwrite_readonly=overwrite_readonly)


def save_project(path: str | Path, project: Project, *, keep_source: bool = False,
                 overwrite_readonly: bool = False) -> Path:
    """Write ``project`` to ``path`` atomically (an existing file is replaced only when done).

    The input workbook itself is stored only with ``keep_source`` (see the module docstring).
    A read-only ``path`` raises :class:`app.safefile.ReadOnlyFileError` unless
    ``overwrite_readonly``; a replaced file keeps its mode, a new one gets ``0600``."""
    return atomic_write(path, project_bytes(project, keep_source=keep_source),
                        overwrite_readonly=overwrite_readonly)


# ---- checking what a project holds -----------------------------------------------------------------
class _Bad(Exception):
    """A value that does not fit its type: where (a path like ``learners[3].level``) and why."""

    def __init__(self, where: str, nl: str, en: str, mismatch: bool = False) -> None:
        super().__init__(where)
        self.where = where
        self.nl = nl
        self.en = en
        self.mismatch = mismatch
        """The value has the wrong type (not: the right type with a bad content)."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {f.name: hints.get(f.name, Any) for f in dataclasses.fields(cls) if f.init}
    return _HINTS[cls]


def _seen(value: Any) -> tuple[str, str]:
    """What was found instead, for a message."""
    if value is None:
        return "leeg (null)", "empty (null)"
    if isinstance(value, bool):
        return ("waar", "true") if value else ("onwaar", "false")
    if isinstance(value, (int, float)):
        return f"het getal {value}", f"the number {value}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst '{text}'", f"the text '{text}'"
    if isinstance(value, list):
        return "een lijst", "a list"
    if isinstance(value, dict) and isinstance(value.get("$type"), str):
        return f"een {value['$type'][:40]}", f"a {value['$type'][:40]}"
    return "een object", "an object"


def _wanted(tp: Any) -> tuple[str, str]:
    """The expected type, for a message."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        parts = [_wanted(a) for a in typing.get_args(tp) if a is not type(None)]
        nl = " of ".join(p[0] for p in parts)
        en = " or ".join(p[1] for p in parts)
        if type(None) in typing.get_args(tp):
            return f"{nl} of leeg", f"{en} or empty"
        return nl, en
    simple = {bool: ("waar of onwaar", "true or false"), int: ("een geheel getal", "a whole number"),
              float: ("een getal", "a number"), str: ("tekst", "text"), date: ("een datum", "a date"),
              datetime: ("een tijdstip", "a date and time"), type(None): ("leeg", "empty")}
    if tp in simple:
        return simple[tp]
    if origin is tuple or origin is list:
        return "een lijst", "a list"
    if origin in (frozenset, set):
        return "een verzameling", "a set"
    if origin in (dict, Mapping):
        return "een tabel (object)", "a mapping (object)"
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return f"een {tp.__name__}", f"a {tp.__name__}"
    return "een waarde", "a value"


def _mismatch(value: Any, tp: Any, where: str) -> _Bad:
    want_nl, want_en = _wanted(tp)
    seen_nl, seen_en = _seen(value)
    return _Bad(where, f"verwacht {want_nl}, gevonden {seen_nl}", f"expected {want_en}, found {seen_en}", True)


def _tagged(value: Any, tag: str) -> bool:
    return isinstance(value, dict) and len(value) == 1 and tag in value


def _items(value: Any, tag: str, tp: Any, where: str) -> list[Any]:
    if not _tagged(value, tag) or not isinstance(value[tag], list):
        raise _mismatch(value, tp, where)
    return value[tag]


def _join(where: str, part: str) -> str:
    return f"{where}.{part}" if where else part


def _element(where: str, i: int, item: Any) -> str:
    label = f"{where}[{i}]"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        label += f" ({item['id'][:40]})"
    return label


def check_value(value: Any, tp: Any, where: str = "", depth: int = 0) -> None:
    """Check that JSON ``value`` (as :func:`encode` wrote it) decodes to type ``tp``.

    Raises ``_Bad`` naming the place (e.g. ``learners[3] (D00004).level``) and what is wrong."""
    if depth > MAX_DEPTH:
        raise _Bad(where, f"te diep genest (meer dan {MAX_DEPTH} niveaus)", f"nested too deeply (over {MAX_DEPTH} levels)")
    if tp is Any or tp is object:
        _check_any(value, where, depth)
        return
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            try:
                check_value(value, options[0], where, depth)
            except _Bad as bad:
                if bad.mismatch and bad.where == where:
                    raise _mismatch(value, tp, where) from None  # "expected X or empty"
                raise
            return
        for option in options:
            try:
                check_value(value, option, where, depth)
                return
            except _Bad:
                continue
        raise _mismatch(value, tp, where)
    if tp is type(None):
        if value is not None:
            raise _mismatch(value, tp, where)
    elif tp is bool:
        if not isinstance(value, bool):
            raise _mismatch(value, tp, where)
    elif tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _mismatch(value, tp, where)
    elif tp is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise _mismatch(value, tp, where)
    elif tp is str:
        if not isinstance(value, str):
            raise _mismatch(value, tp, where)
    elif tp is datetime or tp is date:
        tag = "$datetime" if tp is datetime else "$date"
        if not _tagged(value, tag) or not isinstance(value[tag], str):
            raise _mismatch(value, tp, where)
        try:
            (datetime if tp is datetime else date).fromisoformat(value[tag])
        except ValueError:
            raise _Bad(where, f"'{value[tag][:40]}' is geen geldige datum", f"'{value[tag][:40]}' is not a valid date") from None
    elif origin is tuple:
        items = _items(value, "$tuple", tp, where)
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            for i, item in enumerate(items):
                check_value(item, args[0], _element(where, i, item), depth + 1)
        else:
            if len(items) != len(args):
                raise _Bad(where, f"verwacht {len(args)} waarden, gevonden {len(items)}",
                           f"expected {len(args)} values, found {len(items)}")
            for i, (item, arg) in enumerate(zip(items, args, strict=True)):
                check_value(item, arg, f"{where}[{i}]", depth + 1)
    elif origin is list:
        if not isinstance(value, list):
            raise _mismatch(value, tp, where)
        (arg,) = typing.get_args(tp) or (Any,)
        for i, item in enumerate(value):
            check_value(item, arg, _element(where, i, item), depth + 1)
    elif origin in (frozenset, set):
        (arg,) = typing.get_args(tp) or (Any,)
        for i, item in enumerate(_items(value, "$set", tp, where)):
            check_value(item, arg, f"{where}[{i}]", depth + 1)
            _check_hashable(item, f"{where}[{i}]")
    elif origin in (dict, Mapping):
        key_tp, value_tp = typing.get_args(tp) or (Any, Any)
        if not isinstance(value, dict):
            raise _mismatch(value, tp, where)
        if "$dict" in value:
            pairs = _items(value, "$dict", tp, where)
            for i, pair in enumerate(pairs):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise _Bad(f"{where}[{i}]", "verwacht een paar [sleutel, waarde]", "expected a pair [key, value]")
                check_value(pair[0], key_tp, f"{where}[{i}]", depth + 1)
                _check_hashable(pair[0], f"{where}[{i}]")
                check_value(pair[1], value_tp, f"{where}[{i}]", depth + 1)
        else:
            for k, v in value.items():
                if k.startswith("$"):
                    raise _Bad(where, f"onbekende aanduiding '{k[:40]}'", f"unknown tag '{k[:40]}'")
                check_value(k, key_tp, where, depth + 1)
                check_value(v, value_tp, _join(where, k[:40]), depth + 1)
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict) or value.get("$type") != tp.__name__:
            raise _mismatch(value, tp, where)
        fields = {f.name: f for f in dataclasses.fields(tp) if f.init}
        for name, hint in _hints(tp).items():
            if name not in value:
                f = fields[name]
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    raise _Bad(_join(where, name), "ontbreekt", "is missing")
                continue
            check_value(value[name], hint, _join(where, name), depth + 1)
    else:  # a type the project format does not use: accept what decodes
        _check_any(value, where, depth)


def _check_any(value: Any, where: str, depth: int) -> None:
    """A value of any type: well-formed tags, known data types, not too deep."""
    if depth > MAX_DEPTH:
        raise _Bad(where, f"te diep genest (meer dan {MAX_DEPTH} niveaus)", f"nested too deeply (over {MAX_DEPTH} levels)")
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check_any(item, f"{where}[{i}]", depth + 1)
    elif isinstance(value, dict):
        if "$date" in value:
            check_value(value, date, where, depth)
        elif "$datetime" in value:
            check_value(value, datetime, where, depth)
        elif "$set" in value:
            check_value(value, frozenset[Any], where, depth)
        elif "$tuple" in value:
            check_value(value, tuple[Any, ...], where, depth)
        elif "$dict" in value:
            check_value(value, dict[Any, Any], where, depth)
        elif "$type" in value:
            cls = _TYPES.get(value["$type"]) if isinstance(value["$type"], str) else None
            if cls is None:
                name = str(value["$type"])[:40]
                raise _Bad(where, f"onbekend gegevenstype '{name}'", f"unknown data type '{name}'")
            check_value(value, cls, where, depth)
        else:
            check_value(value, dict[str, Any], where, depth)


def _check_hashable(value: Any, where: str) -> None:
    try:
        hash(_hashable(decode(value)))
    except (TypeError, ValueError, RecursionError):
        raise _Bad(where, "deze waarde kan geen sleutel zijn", "this value cannot be a key") from None


_SETTING_TYPES: dict[str, Any] = {
    "time_limit": float, "tradeoff_points": float, "tradeoff_time": float, "prove_bound": bool,
    "sim_policies": str, "sim_target": bool, "sim_target_weeks": float, "sim_weeks": float,
    "sim_arrivals": float, "sim_seconds": float, "sim_seed": float,
}
"""Planning settings the GUI reads with ``int()``/``float()``/``bool()``: their types are checked."""

_MEMBERS: dict[str, Any] = {
    "problem.json": Problem,
    "state.json": PlanState | None,
    "extras.json": dict[str, dict[str, Any]] | None,
    "settings.json": dict[str, Any] | None,
    "import.json": dict[str, Any],
}
_IMPORT_INFO: dict[str, Any] = {"name_column": str | None, "issues": list[Issue] | None,
                                "learner_rows": dict[str, int] | None}


def _check_member(member: str, data: Any) -> None:
    check_value(data, _MEMBERS[member])
    if member == "settings.json" and data:
        for key, tp in _SETTING_TYPES.items():
            if key in data:
                check_value(data[key], tp, key)
    if member == "import.json":
        for key, tp in _IMPORT_INFO.items():
            if key in data:
                check_value(data[key], tp, key)


# ---- reading -------------------------------------------------------------------------------------
def _not_project(name: str, why_nl: str = "", why_en: str = "") -> ProjectError:
    return ProjectError(f"{name} is geen Klasvormer-project" + (f" ({why_nl})." if why_nl else "."),
                        f"{name} is not a Klasvormer project" + (f" ({why_en})." if why_en else "."))


def _damaged(name: str, why_nl: str, why_en: str) -> ProjectError:
    return ProjectError(f"{name} is beschadigd: {why_nl}. Open een eerdere versie of de oorspronkelijke werkmap.",
                        f"{name} is damaged: {why_en}. Open an earlier version or the original workbook.")


def _open_zip(p: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(p)
    except FileNotFoundError:
        raise ProjectError(f"Het bestand {p.name} bestaat niet.", f"The file {p.name} does not exist.") from None
    except PermissionError:
        raise ProjectError(f"{p.name} kan niet worden gelezen: u heeft geen leesrechten voor dit bestand.",
                           f"{p.name} cannot be read: you have no permission to read this file.") from None
    except IsADirectoryError:
        raise ProjectError(f"{p.name} is een map, geen Klasvormer-project.",
                           f"{p.name} is a folder, not a Klasvormer project.") from None
    except OSError as exc:
        raise ProjectError(f"{p.name} kan niet worden gelezen: {exc.strerror or exc}.",
                           f"{p.name} cannot be read: {exc.strerror or exc}.") from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _not_project(p.name, "geen zip-archief", "not a zip archive") from None


def check_sizes(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose parts are too many or unpack too large (before unpacking)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _damaged(name, f"het bevat {len(infos)} onderdelen (hoogstens {MAX_MEMBERS})",
                       f"it holds {len(infos)} parts (at most {MAX_MEMBERS})")
    total = 0
    for info in infos:
        size, packed = info.file_size, max(info.compress_size, 1)
        mb = size / 2**20
        if size > MAX_MEMBER_BYTES:
            raise _damaged(name, f"onderdeel {info.filename[:60]} is uitgepakt {mb:.0f} MB (hoogstens "
                                 f"{MAX_MEMBER_BYTES // 2**20} MB)",
                           f"part {info.filename[:60]} unpacks to {mb:.0f} MB (at most {MAX_MEMBER_BYTES // 2**20} MB)")
        if size > 2**20 and size / packed > MAX_RATIO:
            raise _damaged(name, f"onderdeel {info.filename[:60]} is {size / packed:.0f} keer samengeperst (hoogstens "
                                 f"{MAX_RATIO}); zo'n bestand is geen normaal project",
                           f"part {info.filename[:60]} is compressed {size / packed:.0f} times (at most {MAX_RATIO}); "
                           "such a file is not a normal project")
        total += size
    if total > MAX_TOTAL_BYTES:
        raise _damaged(name, f"het is uitgepakt {total / 2**20:.0f} MB (hoogstens {MAX_TOTAL_BYTES // 2**20} MB)",
                       f"it unpacks to {total / 2**20:.0f} MB (at most {MAX_TOTAL_BYTES // 2**20} MB)")


def _read(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    try:
        return zf.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise _damaged(name, f"onderdeel {member} kan niet worden uitgepakt ({exc})",
                       f"part {member} cannot be unpacked ({exc})") from None


def _json(zf: zipfile.ZipFile, member: str, name: str) -> Any:
    raw = _read(zf, member, name)
    try:
        return json.loads(raw)
    except RecursionError:
        raise _damaged(name, f"{member} is te diep genest", f"{member} is nested too deeply") from None
    except ValueError as exc:
        raise _damaged(name, f"{member} is geen geldige JSON ({exc})", f"{member} is not valid JSON ({exc})") from None


def read_manifest(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    """The checked manifest: a Klasvormer project of a version this program reads."""
    if "manifest.json" not in zf.namelist():
        raise _not_project(name, "manifest.json ontbreekt", "manifest.json is missing")
    manifest = _json(zf, "manifest.json", name)
    if not isinstance(manifest, dict):
        nl, en = _seen(manifest)
        raise _not_project(name, f"manifest.json bevat {nl}, geen object", f"manifest.json holds {en}, not an object")
    if manifest.get("format") != FORMAT:
        raise _not_project(name)
    version = manifest.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(
            f"{name} heeft een onbekende versie-aanduiding '{str(version)[:40]}' (deze Klasvormer leest "
            f"projecten van versie 1 tot en met {VERSION}).",
            f"{name} has an unknown version '{str(version)[:40]}' (this Klasvormer reads projects of "
            f"version 1 to {VERSION}).")
    if version > VERSION:
        raise ProjectError(f"{name} is gemaakt met een nieuwere versie van Klasvormer (projectversie {version}; "
                           f"deze leest tot en met {VERSION}). Werk Klasvormer bij.",
                           f"{name} was made with a newer version of Klasvormer (project version {version}; "
                           f"this one reads up to {VERSION}). Update Klasvormer.")
    for key in ("saved", "source_name", "origin"):
        try:
            check_value(manifest.get(key), str | None, key)
        except _Bad as bad:
            raise _damaged(name, f"manifest.json, {bad.where}: {bad.nl}", f"manifest.json, {bad.where}: {bad.en}") from None
    saved = manifest.get("saved")
    if saved:
        try:
            datetime.fromisoformat(saved)
        except ValueError:
            raise _damaged(name, f"manifest.json, saved: '{saved[:40]}' is geen tijdstip",
                           f"manifest.json, saved: '{saved[:40]}' is not a date and time") from None
    return manifest


def load_project(path: str | Path) -> Project:
    """Read a project file; raises :class:`ProjectError` with a plain reason when it cannot.

    The archive's sizes are checked before anything is unpacked (:func:`check_sizes`), and
    every part is checked against its types (:func:`check_value`) before it is decoded."""
    p = Path(path)
    zf = _open_zip(p)
    with zf:
        check_sizes(zf, p.name)
        manifest = read_manifest(zf, p.name)
        names = set(zf.namelist())
        parts: dict[str, Any] = {}
        for member in _MEMBERS:
            if member not in names:
                if member == "import.json":
                    parts[member] = {}
                    continue
                raise _damaged(p.name, f"onderdeel {member} ontbreekt", f"part {member} is missing")
            data = _json(zf, member, p.name)
            try:
                _check_member(member, data)
            except _Bad as bad:
                where = f"{member}, {bad.where}" if bad.where else member
                raise _damaged(p.name, f"{where}: {bad.nl}", f"{where}: {bad.en}") from None
            parts[member] = data
        try:
            problem = problem_from_dict(parts["problem.json"])
            state = decode(parts["state.json"])
            extras = decode(parts["extras.json"])
            settings = decode(parts["settings.json"])
            info = decode(parts["import.json"])
        except ProjectError:
            raise
        except (KeyError, ValueError, TypeError, RecursionError) as exc:
            raise _damaged(p.name, str(exc) or type(exc).__name__, str(exc) or type(exc).__name__) from None
        source_name = manifest.get("source_name")
        source_bytes = None
        if source_name:
            member = f"source/{Path(source_name).name}"
            if member in names:
                source_bytes = _read(zf, member, p.name)
    saved = manifest.get("saved")
    return Project(
        problem=problem, state=state, extras=extras or {}, settings=settings or {},
        source_name=source_name, source_bytes=source_bytes, name_column=info.get("name_column"),
        issues=list(info.get("issues") or []), learner_rows=dict(info.get("learner_rows") or {}),
        saved_at=datetime.fromisoformat(saved) if saved else None, origin=manifest.get("origin"),
    )


# ---- locks on open projects ----------------------------------------------------------------------
def project_lock_path(path: str | Path) -> Path:
    """The lock file of project ``path``: ``.NAME.lock`` in the same folder."""
    p = Path(path)
    return p.with_name(f".{p.name}.lock")


def project_holder(path: str | Path) -> LockInfo | None:
    """Who else has project ``path`` open (a live lock not held by this process), or None."""
    info = read_lock(project_lock_path(path))
    if info is None or info.is_mine() or info.is_stale():
        return None
    return info


def lock_project(path: str | Path) -> FileLock | None:
    """Lock project ``path`` for this process (taking over any lock); None if the folder is not writable."""
    try:
        return FileLock(project_lock_path(path))
    except OSError:
        return None


# ---- autosave and recovery -------------------------------------------------------------------
@dataclass(frozen=True)
class Recovery:
    """An autosaved project left behind by a session that did not end normally."""

    path: Path
    saved_at: datetime | None
    origin: str | None
    lock_path: Path | None = None


def _recovery_lock(path: Path) -> Path:
    return path.with_suffix(".lock")


class RecoverySlot:
    """This instance's recovery file (``herstel-<pid>-<random>.klasvormer``) and its lock.

    The lock is written when the slot is made and removed by :meth:`close` (a normal end);
    while it lives, :func:`find_recoveries` in another instance does not offer the file."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        safefile.cleanup_temp_files(self.folder)
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.path = self.folder / f"{RECOVERY_STEM}-{token}{SUFFIX}"
        self.lock = FileLock(_recovery_lock(self.path))

    def write(self, project: Project, *, keep_source: bool = False) -> Path:
        """Autosave ``project`` (atomically); also refreshes the lock. The input workbook goes
        along only with ``keep_source``, as in :func:`save_project`."""
        self.lock.refresh()
        return save_project(self.path, project, keep_source=keep_source)

    def clear(self) -> None:
        """Remove the recovery file (its work was saved or discarded); the lock stays."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """The instance ends normally: remove the recovery file and the lock."""
        self.clear()
        self.lock.release()

    def claim(self, rec: Recovery) -> Path | None:
        """Make the left-behind ``rec`` this instance's recovery file (one rename, so the work is
        never without a file); None when another instance claimed it first."""
        try:
            os.replace(rec.path, self.path)
        except FileNotFoundError:
            return None
        if rec.lock_path is not None:
            with contextlib.suppress(OSError):
                rec.lock_path.unlink()
        return self.path


def find_recoveries(folder: str | Path) -> list[Recovery]:
    """Recovery files in ``folder`` whose owner is gone (newest first); removes stale locks
    without a recovery file. A live instance's file is never returned."""
    base = Path(folder)
    if not base.is_dir():
        return []
    found: list[Recovery] = []
    for path in sorted(base.glob(f"{RECOVERY_STEM}*{SUFFIX}")):
        lock = _recovery_lock(path)
        info = read_lock(lock)
        if info is not None and not info.is_stale():
            continue
        saved_at = origin = None
        try:
            with zipfile.ZipFile(path) as zf:
                check_sizes(zf, path.name)
                manifest = read_manifest(zf, path.name)
            saved = manifest.get("saved")
            saved_at = datetime.fromisoformat(saved) if saved else None
            origin = manifest.get("origin")
        except (zipfile.BadZipFile, ProjectError, OSError, ValueError):
            pass
        found.append(Recovery(path, saved_at, origin, lock if info is not None else None))
    for lock in base.glob(f"{RECOVERY_STEM}-*.lock"):
        if not lock.with_suffix(SUFFIX).exists():
            info = read_lock(lock)
            if info is not None and info.is_stale():
                with contextlib.suppress(OSError):
                    lock.unlink()
    found.sort(key=lambda r: r.saved_at or datetime.min, reverse=True)
    return found


def discard_recovery(rec: Recovery) -> None:
    """Remove a left-behind recovery file the planner declined (and its lock)."""
    for p in (rec.path, rec.lock_path):
        if p is not None:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


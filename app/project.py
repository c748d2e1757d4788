"""Project files (``.klasvormer``): the input, the settings, the plan and its locks in one file.

A project is a zip archive with:

- ``manifest.json``: format name, version, time of saving, source file name;
- ``problem.json``: the :class:`~optimizer.domain.Problem` as edited (capacity, weights);
- ``state.json``: the plan with its locks and context (:class:`app.editing.PlanState`), or null;
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
Unknown fields (from a newer version) are ignored. Files are written atomically: a temporary
file next to the target, flushed to disk, then ``os.replace``. Recovery files for autosave
use the same format (:func:`write_recovery`, :func:`find_recovery`, :func:`clear_recovery`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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

from .editing import Locks, Note, PlanState
from .issues import Issue

FORMAT = "klasvormer-project"
VERSION = 1
SUFFIX = ".klasvormer"
RECOVERY_NAME = "herstel" + SUFFIX

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
    from .canonical import extra_headers

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


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def save_project(path: str | Path, project: Project, *, keep_source: bool = False) -> Path:
    """Write ``project`` to ``path`` atomically (an existing file is replaced only when done).

    The input workbook itself is stored only with ``keep_source`` (see the module docstring)."""
    return atomic_write(path, project_bytes(project, keep_source=keep_source))


def load_project(path: str | Path) -> Project:
    """Read a project file; raises :class:`ProjectError` with a plain reason when it cannot."""
    p = Path(path)
    try:
        zf = zipfile.ZipFile(p)
    except FileNotFoundError:
        raise ProjectError(f"Het bestand {p.name} bestaat niet.", f"The file {p.name} does not exist.") from None
    except (zipfile.BadZipFile, OSError):
        raise ProjectError(f"{p.name} is geen Klasvormer-project.", f"{p.name} is not a Klasvormer project.") from None
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError):
            raise ProjectError(f"{p.name} is geen Klasvormer-project.", f"{p.name} is not a Klasvormer project.") from None
        if manifest.get("format") != FORMAT:
            raise ProjectError(f"{p.name} is geen Klasvormer-project.", f"{p.name} is not a Klasvormer project.")
        if int(manifest.get("version", 0)) > VERSION:
            raise ProjectError(f"{p.name} is gemaakt met een nieuwere versie van Klasvormer.",
                               f"{p.name} was made with a newer version of Klasvormer.")
        try:
            problem = problem_from_dict(json.loads(zf.read("problem.json")))
            state = decode(json.loads(zf.read("state.json")))
            extras = decode(json.loads(zf.read("extras.json")))
            settings = decode(json.loads(zf.read("settings.json")))
            info = decode(json.loads(zf.read("import.json"))) if "import.json" in zf.namelist() else {}
        except ProjectError:
            raise
        except (KeyError, ValueError, TypeError) as exc:
            raise ProjectError(f"{p.name} is beschadigd ({exc}).", f"{p.name} is damaged ({exc}).") from None
        source_name = manifest.get("source_name")
        source_bytes = None
        if source_name:
            member = f"source/{Path(source_name).name}"
            if member in zf.namelist():
                source_bytes = zf.read(member)
    if state is not None and not isinstance(state, PlanState):
        raise ProjectError(f"{p.name} bevat geen geldig plan.", f"{p.name} holds no valid plan.")
    saved = manifest.get("saved")
    return Project(
        problem=problem, state=state, extras=extras or {}, settings=settings or {},
        source_name=source_name, source_bytes=source_bytes, name_column=info.get("name_column"),
        issues=list(info.get("issues") or []), learner_rows=dict(info.get("learner_rows") or {}),
        saved_at=datetime.fromisoformat(saved) if saved else None, origin=manifest.get("origin"),
    )


# ---- autosave and recovery -------------------------------------------------------------------
@dataclass(frozen=True)
class Recovery:
    """An autosaved project left behind by a session that did not end normally."""

    path: Path
    saved_at: datetime | None
    origin: str | None


def write_recovery(folder: str | Path, project: Project, *, keep_source: bool = False) -> Path:
    """Autosave ``project`` to the recovery file in ``folder`` (atomically)."""
    return save_project(Path(folder) / RECOVERY_NAME, project, keep_source=keep_source)


def find_recovery(folder: str | Path) -> Recovery | None:
    """The recovery file in ``folder``, if a previous session left one."""
    path = Path(folder) / RECOVERY_NAME
    if not path.is_file():
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return Recovery(path, None, None)
    saved = manifest.get("saved")
    return Recovery(path, datetime.fromisoformat(saved) if saved else None, manifest.get("origin"))


def clear_recovery(folder: str | Path) -> None:
    """Remove the recovery file (the session ended normally or the planner declined it)."""
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / RECOVERY_NAME).unlink()

"""Project files (``.klasvormer``): the input, the settings, the plan and its locks in one file.

A project is a zip archive with:

- ``manifest.json``: format name, version, time of saving, source file name;
- ``problem.json``: the :class:`~optimizer.domain.Problem` as edited (capacity, weights);
- ``state.json``: the plan with its locks and context (:class:`app.planner.editing.PlanState`), or null;
- ``extras.json``: each learner's own columns from the input that the plan workbook writes again
  (names, notes, columns Klasvormer does not know), values untouched; the input's other columns
  are in ``problem.json`` as read (a postcode as its four digits);
- ``import.json``: import warnings, where each learner's row was and the input's sheet *Gestart*
  (who started in earlier planning weeks, :mod:`app.workbook.started`), written again on export;
- ``settings.json``: planning settings (time limit, trade-off points, ...);
- ``replan.json`` (only after an edited plan workbook was read): its edits and the problem it gave,
  so the change report (what the new plan changed from the coordinator's edits) survives saving;
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

import json
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app import safefile
from app.os_errors import os_reason
from app.planner.editing import PlanState
from app.planner.encoding import ProjectError, ProjectText, decode, encode, problem_from_dict
from app.planner.typecheck import BadValue, check_value, seen_type
from app.safefile import FileLock, LockInfo, read_lock
from app.workbook.issues import Issue
from app.workbook.plan_edits import PlanEdit
from app.workbook.started import StartedRow
from optimizer.domain import (
    Problem,
)

FORMAT = "klasvormer-project"


VERSION = 1


SUFFIX = ".klasvormer"


MAX_MEMBERS = 64


MAX_MEMBER_BYTES = 64 * 2**20
"""Largest unpacked size of one part of a project (a project of 10,000 learners needs ~15 MB)."""


MAX_TOTAL_BYTES = 160 * 2**20


MAX_RATIO = 200
"""Largest compression ratio of a part over 1 MiB (JSON packs ~10-30 times; zeros ~1000)."""


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
    plan_edits: list[PlanEdit] | None = None
    """The edits of the edited plan workbook the work was read from (None: none was read)."""
    edited_from: Problem | None = None
    """The problem that workbook gave: with :attr:`plan_edits` the change report's 'before'."""
    started: tuple[StartedRow, ...] = ()
    """The input's sheet *Gestart* (:attr:`app.workbook.importer.ImportResult.started`)."""


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
                                          "learner_rows": project.learner_rows, "started": project.started}))
        if project.plan_edits is not None and project.edited_from is not None:
            zf.writestr("replan.json", _dump({"plan_edits": project.plan_edits,
                                              "edited_from": project.edited_from}))
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
    "replan.json": dict[str, Any] | None,
}

_REPLAN: dict[str, Any] = {"plan_edits": list[PlanEdit], "edited_from": Problem}


_OPTIONAL: dict[str, Any] = {"import.json": {}, "replan.json": None}
"""Parts a project may lack (written by an older version, or nothing to write): their value then."""

_IMPORT_INFO: dict[str, Any] = {"name_column": str | None, "issues": list[Issue] | None,
                                "learner_rows": dict[str, int] | None, "started": tuple[StartedRow, ...] | None}


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
    if member == "replan.json" and data is not None:
        for key, tp in _REPLAN.items():
            check_value(data.get(key), tp, key)


# ---- reading -------------------------------------------------------------------------------------
def _not_project(name: str, why: str | None = None, /, **params: Any) -> ProjectError:
    """``name`` is no project; ``why`` (a key of :data:`app.planner.encoding.ERRORS`) says why."""
    if why is None:
        return ProjectError("not_project", name=name)
    return ProjectError("not_project_because", name=name, why=ProjectText(why, **params))


def _damaged(name: str, why: str, /, **params: Any) -> ProjectError:
    """``name`` is a damaged project; ``why`` (a key of :data:`app.planner.encoding.ERRORS`) says how."""
    return ProjectError("damaged", name=name, why=ProjectText(why, **params))


def _open_zip(p: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(p)
    except FileNotFoundError:
        raise ProjectError("file_missing", name=p.name) from None
    except PermissionError:
        raise ProjectError("no_permission", name=p.name) from None
    except IsADirectoryError:
        raise ProjectError("is_folder", name=p.name) from None
    except OSError as exc:
        raise ProjectError("unreadable", name=p.name, reason=os_reason(exc)) from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _not_project(p.name, "no_zip") from None


def check_sizes(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose parts are too many or unpack too large (before unpacking)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _damaged(name, "too_many_parts", count=len(infos), max=MAX_MEMBERS)
    total = 0
    for info in infos:
        size, packed = info.file_size, max(info.compress_size, 1)
        mb = size / 2**20
        if size > MAX_MEMBER_BYTES:
            raise _damaged(name, "part_too_large", part=info.filename[:60], mb=mb, max=MAX_MEMBER_BYTES // 2**20)
        if size > 2**20 and size / packed > MAX_RATIO:
            raise _damaged(name, "part_packed", part=info.filename[:60], ratio=size / packed, max=MAX_RATIO)
        total += size
    if total > MAX_TOTAL_BYTES:
        raise _damaged(name, "too_large", mb=total / 2**20, max=MAX_TOTAL_BYTES // 2**20)


def _read(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    try:
        return zf.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise _damaged(name, "part_unpack", part=member, error=exc) from None


def _json(zf: zipfile.ZipFile, member: str, name: str) -> Any:
    raw = _read(zf, member, name)
    try:
        return json.loads(raw)
    except RecursionError:
        raise _damaged(name, "json_deep", part=member) from None
    except ValueError as exc:
        raise _damaged(name, "json_bad", part=member, error=exc) from None


def read_manifest(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    """The checked manifest: a Klasvormer project of a version this program reads."""
    if "manifest.json" not in zf.namelist():
        raise _not_project(name, "manifest_missing")
    manifest = _json(zf, "manifest.json", name)
    if not isinstance(manifest, dict):
        raise _not_project(name, "manifest_not_object", seen=seen_type(manifest))
    if manifest.get("format") != FORMAT:
        raise _not_project(name)
    version = manifest.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError("version_unknown", name=name, version=str(version)[:40], max=VERSION)
    if version > VERSION:
        raise ProjectError("version_newer", name=name, version=version, max=VERSION)
    for key in ("saved", "source_name", "origin"):
        try:
            check_value(manifest.get(key), str | None, key)
        except BadValue as bad:
            raise _damaged(name, "at", where=f"manifest.json, {bad.where}", what=bad.what) from None
    saved = manifest.get("saved")
    if saved:
        try:
            datetime.fromisoformat(saved)
        except ValueError:
            raise _damaged(name, "saved_bad", value=saved[:40]) from None
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
                if member in _OPTIONAL:
                    parts[member] = _OPTIONAL[member]
                    continue
                raise _damaged(p.name, "part_missing", part=member)
            data = _json(zf, member, p.name)
            try:
                _check_member(member, data)
            except BadValue as bad:
                where = f"{member}, {bad.where}" if bad.where else member
                raise _damaged(p.name, "at", where=where, what=bad.what) from None
            parts[member] = data
        try:
            problem = problem_from_dict(parts["problem.json"])
            state = decode(parts["state.json"])
            extras = decode(parts["extras.json"])
            settings = decode(parts["settings.json"])
            info = decode(parts["import.json"])
            replan = decode(parts["replan.json"]) or {}
        except ProjectError:
            raise
        except (KeyError, ValueError, TypeError, RecursionError) as exc:
            raise _damaged(p.name, "given", text=str(exc) or type(exc).__name__) from None
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
        plan_edits=replan.get("plan_edits"), edited_from=replan.get("edited_from"),
        started=tuple(info.get("started") or ()),
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

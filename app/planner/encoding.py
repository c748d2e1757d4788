"""Problems and plans as JSON values and back: dataclasses tagged with ``"$type"``, tuples,
sets and dates tagged too, so that reading gives equal objects back (the parts of a project file)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.planner.editing import Locks, Note, PlanState
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

TYPES: dict[str, type] = {
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
            raise ProjectError(f"Onbekend gegevenstype '{data['$type']}' in het project.",
                               f"Unknown data type '{data['$type']}' in the project.")
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
        raise ProjectError("Het project bevat geen geldige invoer.", "The project holds no valid input.")
    return problem


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return encode(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    plan = decode(data)
    if not isinstance(plan, Plan):
        raise ProjectError("Het project bevat geen geldig plan.", "The project holds no valid plan.")
    return plan

"""Checking a project's values against the types of the dataclasses they become, before they
become them: a damaged or hand-edited project is refused with the place and what is wrong."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Union

from app.planner.encoding import TYPES, ProjectText, decode, hashable
from optimizer.messages import Bilingual

MAX_DEPTH = 60
"""Deepest nesting of values inside a project (real projects need about 8)."""


# ---- checking what a project holds -----------------------------------------------------------------
class BadValue(Bilingual, Exception):
    """A value that does not fit its type: where (a path like ``learners[3].level``) and why, a
    key of :data:`app.planner.encoding.ERRORS` and its parameters (``what``; ``nl``, ``en``)."""

    def __init__(self, where: str, key: str, /, *, mismatch: bool = False, **params: Any) -> None:
        super().__init__(where)
        self.where = where
        self.what = ProjectText(key, **params)
        self.mismatch = mismatch
        """The value has the wrong type (not: the right type with a bad content)."""

    @property
    def key(self) -> str:
        return self.what.key

    @property
    def params(self) -> dict[str, Any]:
        return self.what.params

    def text(self, lang: str | None = None) -> str:
        return self.what.text(lang)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {f.name: hints.get(f.name, Any) for f in dataclasses.fields(cls) if f.init}
    return _HINTS[cls]


def seen_type(value: Any) -> ProjectText:
    """What was found instead, for a message."""
    if value is None:
        return ProjectText("null")
    if isinstance(value, bool):
        return ProjectText("true" if value else "false")
    if isinstance(value, (int, float)):
        return ProjectText("number", value=value)
    if isinstance(value, str):
        return ProjectText("text", text=value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        return ProjectText("a_list")
    if isinstance(value, dict) and isinstance(value.get("$type"), str):
        return ProjectText("a_type", type=value["$type"][:40])
    return ProjectText("an_object")


_SIMPLE = {bool: "bool", int: "int", float: "float", str: "str", date: "date", datetime: "datetime", type(None): "empty"}
"""Types a project holds as plain JSON values (and dates), with their key in the texts."""


def _wanted(tp: Any) -> ProjectText:
    """The expected type, for a message."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        parts = [_wanted(a) for a in typing.get_args(tp) if a is not type(None)]
        want = parts[-1]
        for part in reversed(parts[:-1]):  # "a of b of c"
            want = ProjectText("either", first=part, second=want)
        return ProjectText("or_empty", what=want) if type(None) in typing.get_args(tp) else want
    if tp in _SIMPLE:
        return ProjectText(_SIMPLE[tp])
    if origin is tuple or origin is list:
        return ProjectText("a_list")
    if origin in (frozenset, set):
        return ProjectText("a_set")
    if origin in (dict, Mapping):
        return ProjectText("a_mapping")
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return ProjectText("a_type", type=tp.__name__)
    return ProjectText("a_value")


def _mismatch(value: Any, tp: Any, where: str) -> BadValue:
    return BadValue(where, "mismatch", want=_wanted(tp), seen=seen_type(value), mismatch=True)


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

    Raises ``BadValue`` naming the place (e.g. ``learners[3] (D00004).level``) and what is wrong."""
    if depth > MAX_DEPTH:
        raise BadValue(where, "too_deep", max=MAX_DEPTH)
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
            except BadValue as bad:
                if bad.mismatch and bad.where == where:
                    raise _mismatch(value, tp, where) from None  # "expected X or empty"
                raise
            return
        for option in options:
            try:
                check_value(value, option, where, depth)
                return
            except BadValue:
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
            raise BadValue(where, "date_bad", value=value[tag][:40]) from None
    elif origin is tuple:
        items = _items(value, "$tuple", tp, where)
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            for i, item in enumerate(items):
                check_value(item, args[0], _element(where, i, item), depth + 1)
        else:
            if len(items) != len(args):
                raise BadValue(where, "count_bad", want=len(args), found=len(items))
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
                    raise BadValue(f"{where}[{i}]", "pair_bad")
                check_value(pair[0], key_tp, f"{where}[{i}]", depth + 1)
                _check_hashable(pair[0], f"{where}[{i}]")
                check_value(pair[1], value_tp, f"{where}[{i}]", depth + 1)
        else:
            for k, v in value.items():
                if k.startswith("$"):
                    raise BadValue(where, "tag_unknown", tag=k[:40])
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
                    raise BadValue(_join(where, name), "missing")
                continue
            check_value(value[name], hint, _join(where, name), depth + 1)
    else:  # a type the project format does not use: accept what decodes
        _check_any(value, where, depth)


def _check_any(value: Any, where: str, depth: int) -> None:
    """A value of any type: well-formed tags, known data types, not too deep."""
    if depth > MAX_DEPTH:
        raise BadValue(where, "too_deep", max=MAX_DEPTH)
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
            cls = TYPES.get(value["$type"]) if isinstance(value["$type"], str) else None
            if cls is None:
                name = str(value["$type"])[:40]
                raise BadValue(where, "type_unknown", type=name)
            check_value(value, cls, where, depth)
        else:
            check_value(value, dict[str, Any], where, depth)


def _check_hashable(value: Any, where: str) -> None:
    try:
        hash(hashable(decode(value)))
    except (TypeError, ValueError, RecursionError):
        raise BadValue(where, "not_key") from None

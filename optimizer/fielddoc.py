"""``help()`` that shows what each field of a dataclass means.

The dataclasses of the analyst's API (:class:`~optimizer.options.SolveOptions`,
:class:`~optimizer.domain.Weights`, :class:`~optimizer.domain.Learner`, ...) document each field
with a string right below it, where the code's reader sees it; ``help()`` and IDEs do not.
:func:`with_field_docs` adds those strings, with each field's default, to the class docstring
under "Fields:", when the docstring is first read (nothing is parsed on import). Where the
source cannot be read (a frozen build ships compiled code only) the class keeps its own
docstring.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import textwrap
from typing import TypeVar

T = TypeVar("T", bound=type)


@functools.cache
def _classes(filename: str) -> dict[str, ast.ClassDef]:
    """The top-level classes of a source file by name (each file parsed once)."""
    try:
        with open(filename, encoding="utf-8") as f:
            source = f.read()
    except OSError:
        return {}
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)}


def field_docs(cls: type) -> list[tuple[str, str, str]]:
    """(name, default as code or "", docstring) per field of ``cls`` that has a docstring."""
    filename = getattr(sys.modules.get(cls.__module__), "__file__", None)
    tree = _classes(filename).get(cls.__name__) if filename and filename.endswith(".py") else None
    if tree is None:
        return []
    out = []
    for stmt, after in zip(tree.body, tree.body[1:], strict=False):
        if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            default = ast.unparse(stmt.value) if stmt.value is not None else ""
            out.append((stmt.target.id, default, " ".join(inspect.cleandoc(after.value.value).split())))
    return out


class _FieldsDoc:
    """A class's ``__doc__`` made on first reading: its own docstring, then its fields'. (Type
    objects call a descriptor found as ``__doc__`` in their dict, so nothing is parsed on import.)"""

    def __init__(self, doc: str | None) -> None:
        self.doc: str | None = doc
        self.full: str | None = None

    def __get__(self, obj: object, owner: type) -> str | None:
        if self.full is None:
            self.full = _compose(owner, self.doc)
        return self.full


def _compose(cls: type, doc: str | None) -> str | None:
    docs = field_docs(cls)
    if not docs:
        return doc
    lines = ["", "Fields:"]
    for name, default, text in docs:
        lines.append(f"    {name} = {default}" if default else f"    {name}")
        lines.extend(textwrap.wrap(text, 88, initial_indent="        ", subsequent_indent="        "))
    return inspect.cleandoc(doc or "") + "\n" + "\n".join(lines)


def with_field_docs(cls: T) -> T:
    """``cls`` whose docstring lists its fields' docstrings (and defaults) too, made when read."""
    setattr(cls, "__doc__", _FieldsDoc(cls.__dict__.get("__doc__")))  # noqa: B010 (mypy: __doc__ is a str)
    return cls

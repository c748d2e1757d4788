"""help() shows what each field of the analyst's dataclasses means (the strings below the fields)."""

from __future__ import annotations

import inspect
import pydoc
from dataclasses import dataclass

from optimizer.domain import Learner, Problem, Weights
from optimizer.fielddoc import field_docs, with_field_docs
from optimizer.options import SolveOptions


def test_help_lists_every_documented_field_with_its_default_and_meaning():
    text = pydoc.render_doc(SolveOptions, renderer=pydoc.plaintext)
    assert "time_limit = 30.0" in text and "Seconds for the plan" in text
    assert "max_wait_mean = None" in text and "The mean waiting weeks as a hard cap" in text
    weights = inspect.getdoc(Weights)
    assert weights.startswith("Integer points per unit of each objective term")
    assert "wait = 20\n        Per waiting week, times the learner's priority." in weights
    assert "misfit = 2" in weights and "new_class = 0" in weights
    assert "    level\n        Leerbaarheid as a score 0..100" in inspect.getdoc(Learner)  # no default
    for cls in (SolveOptions, Weights, Learner, Problem):
        names = [name for name, _default, _doc in field_docs(cls)]
        assert names and set(names) <= set(cls.__dataclass_fields__), cls  # fields, nothing else
    assert SolveOptions(time_limit=5).__doc__ == SolveOptions.__doc__  # an instance's help too


def test_a_class_whose_source_cannot_be_read_keeps_its_own_docstring():
    # a frozen build ships compiled code only
    @with_field_docs
    @dataclass
    class Made:
        """Only this."""

        x: int = 1
        """Not readable here."""

    Made.__module__ = "not_a_module_here"
    assert Made.__doc__ == "Only this."

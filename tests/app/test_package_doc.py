"""``import app; help(app)`` says what the package holds and where an analyst starts (it said nothing:
app/__init__.py was empty), and every name it points to exists."""

from __future__ import annotations

import importlib
import re

import app


def test_help_app_names_the_wings_and_the_analysts_entry_points() -> None:
    doc = app.__doc__ or ""
    for wing in ("app.workbook", "app.simulation", "app.planner", "app.cli", "app.synth"):
        assert f":mod:`{wing}`" in doc
    for name in ("load_problem_or_raise", "problem_from_frames", "simulate", "to_frames"):
        assert name in doc


def test_every_function_the_doc_names_exists() -> None:
    doc = app.__doc__ or ""
    named = {
        "app.workbook": ("load_problem_or_raise", "problem_from_frames", "write_plan_workbook", "write_template"),
        "app.simulation": ("simulate", "SimulationResult"),
        "app.synth": ("b1_provider", "municipality"),
    }
    for module, names in named.items():
        loaded = importlib.import_module(module)
        for name in names:
            assert name in doc and callable(getattr(loaded, name)), (module, name)
    assert callable(importlib.import_module("app.simulation").SimulationResult.save)
    assert set(re.findall(r":mod:`(app\.\w+)`", doc)) <= {"app.workbook", "app.simulation", "app.planner", "app.cli",
                                                            "app.synth", "app.safefile"}
    for module in re.findall(r":mod:`(app\.\w+)`", doc):
        importlib.import_module(module)

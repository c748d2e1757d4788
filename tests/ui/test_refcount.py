"""The live chart's painting keeps None's reference count (PySide6 6.12.0 did not).

PySide6 6.12.0 drops a reference to None on every call of a method that returns nothing; on
Python 3.11 None is an ordinary object, and after enough paints of the optimisation's live chart
its count reached zero and the window aborted ("Fatal Python error: none_dealloc", a 120 s run
on 1,500 learners under Xvfb). pyproject.toml keeps PySide6 below 6.12 on Python 3.11. From
Python 3.12 on None is immortal and its count does not move.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")


def test_painting_the_progress_chart_keeps_nones_reference_count(qtbot):
    from ui.charts import ProgressChart

    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.clear(120.0)
    for k in range(200):
        chart.add(0.5 * k, 400_000.0 - 100.0 * k, 300_000.0 + 50.0 * k)
    chart.grab()  # (the first paint sets up fonts and caches)
    before = sys.getrefcount(None)
    for _ in range(20):
        chart.grab()
    lost = before - sys.getrefcount(None)
    # each paint calls lineTo/moveTo/drawEllipse hundreds of times: with 6.12.0 None lost 21,220 here
    assert lost < 100, f"None lost {lost} references in 20 paints"

"""The simulation's saved charts speak the current language (the CLI's --lang, the planner's
window): in the English window 'Save...' wrote 'Afweging: wachttijd tegenover passende groep',
'Kerncijfers per beleid', 'Verschil met de status quo ...' (audit 11)."""

from __future__ import annotations

import pandas as pd
import pytest

from app.simulation.charts import save_charts
from app.simulation.results import SimulationResult
from optimizer.messages import set_language

FIGURES = ("wait_mean", "wait_p90", "within_target", "misfit_mean", "spread_mean", "travel_mean", "classes_opened",
           "fill_mean", "teacher_dayparts")


def _result() -> SimulationResult:
    policies = ("status-quo", "gebalanceerd")
    summary = pd.DataFrame([{"policy": pol, "seed": seed, **dict.fromkeys(FIGURES, 1.0 + k)}
                            for k, pol in enumerate(policies) for seed in (1, "all")])
    weekly = pd.DataFrame([{"policy": pol, "seed": 1, "week": w, "queue_after": 10 + w, "teacher_dayparts_in_use": 5}
                           for pol in policies for w in range(3)])
    paired = pd.DataFrame([{"metric": m, "policy": "gebalanceerd", "baseline": "status-quo", "diff_mean": 0.5,
                            "ci_low": -0.5, "ci_high": 1.5} for m in ("wait_mean", "misfit_mean")])
    groups = pd.DataFrame([{"group": "status", "value": v, "policy": pol, "wait_mean": 2.0, "wait_p90": 5.0}
                           for v in ("statushouder", "overig") for pol in policies])
    return SimulationResult(summary, weekly, pd.DataFrame(), pd.DataFrame(), {"weeks": 3}, [], paired, groups)


def _texts(monkeypatch, tmp_path) -> list[str]:
    from matplotlib.figure import Figure

    saved: list[Figure] = []
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: saved.append(self))
    save_charts(_result(), tmp_path)
    texts = []
    for fig in saved:
        texts += [t.get_text() for t in fig.texts]  # suptitle
        for ax in fig.axes:
            texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    return [t for t in texts if t]


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", ["Afweging: wachttijd tegenover passende groep", "Kerncijfers per beleid (gemiddelde over seeds)",
            "wachttijd gem. (wk)", "Wachttijd per status (balk: gemiddelde, punt: P90)"]),
    ("en", ["Trade-off: waiting against a fitting group", "Key figures per policy (mean over seeds)",
            "mean wait (weeks)", "Wait per status (bar: mean, dot: P90)"]),
])
def test_the_saved_charts_are_in_the_current_language(monkeypatch, tmp_path, lang, words):
    set_language(lang)
    try:
        texts = _texts(monkeypatch, tmp_path)
    finally:
        set_language("nl")
    for w in words:
        assert w in texts
    if lang == "en":
        dutch = [t for t in texts if any(d in t.lower() for d in ("wacht", "niveau", "gemiddeld", "beleid", "verschil"))]
        assert not dutch

"""Defects of the eleventh GUI audit: the Vergelijken (trade-off) and Simulatie views in the real
window at 1366 x 768 and 125%, in Dutch and in English, as a planner who has not seen them."""

from __future__ import annotations

import pytest

from ui.charts import _tick_text, nice_ticks
from ui.i18n import set_language


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("lo", "hi"), [(4.3, 5.4), (4.4, 5.6), (1.5, 3.5), (0.0, 100.0), (7.0, 7.2), (6.0, 9.0)])
def test_each_tick_of_a_chart_says_its_own_value(lo, hi, lang):
    # the simulation's chart (4.6 to 5.1) and a stopped frontier's (4.7 to 5.3) had ticks every
    # 0.25 labelled 4,2 4,5 4,8 5,0 5,2 5,5: a plan at 4,7 sat just under the tick said to be 4,8
    set_language(lang)
    try:
        ticks = nice_ticks(lo, hi)
        step = ticks[1] - ticks[0]
        texts = [_tick_text(v, step) for v in ticks]
        plain = [t.replace(".", "").replace(",", ".") if lang == "nl" else t.replace(",", "") for t in texts]
        assert [float(t) for t in plain] == pytest.approx(ticks)
        assert len(set(texts)) == len(texts)
    finally:
        set_language("nl")

"""The Simulatie tab's paired text, in Dutch and English, claims no level difference for a policy
that placed nobody (misfit is a mean over placed learners): it says why instead. Found from
outside: three policies placed no one, and the text said 'niveauverschil -6,0'."""

from __future__ import annotations

import pytest

from app.simulation.arrivals import ArrivalSettings
from app.simulation.sweep import simulate
from app.synth import b1_provider
from ui.i18n import set_language
from ui.pages.simulation import paired_text

NOBODY = "gebalanceerd+maxreis=1"  # nobody lives within a minute of a location: nobody is placed


@pytest.fixture(scope="module")
def result():
    base = b1_provider(60, seed=7, horizon=8, running=3)
    return simulate(base, ["status-quo", NOBODY], weeks=2, seeds=(1,), time_limit=0.3, workers=1, horizon=5,
                    arrivals=ArrivalSettings(arrivals_per_week=12, backlog=10), arrivals_per_week=12,
                    deterministic=True)


@pytest.mark.parametrize(("lang", "misfit", "nobody"), [("nl", "niveauverschil", "geen geplaatsten"),
                                                       ("en", "level gap", "nobody placed")])
def test_the_paired_text_claims_no_level_difference_for_a_policy_that_placed_nobody(result, lang, misfit, nobody):
    assert result.per_policy.loc[NOBODY, "placed"] == 0
    set_language(lang)
    try:
        text = paired_text(result)
    finally:
        set_language("nl")
    line = next(ln for ln in text.splitlines() if "1 min" in ln)  # the policy's label: 'hoogstens 1 min reizen'
    assert f"{misfit} - ({nobody})" in line, line
    assert f"{misfit} -6" not in line and f"{misfit} +" not in line
    assert "nan" not in text.lower()

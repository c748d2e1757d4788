"""The plan summary's last line: thousands grouped the Dutch or English way, and the gap in a
plain Dutch word (the window's "Verschil met ondergrens"), not the OR word "gat"."""

from __future__ import annotations

from optimizer.plan import Plan


def _plan(objective: int, bound: float, runtime: float) -> Plan:
    figures = {"placed": 8, "learners": 9, "classes_opened": 1, "running_joined": 0, "waiting": 1, "target_weeks": 1}
    return Plan((), {}, objective, {"wait": objective}, bound, "FEASIBLE", runtime, figures)


def test_the_summary_groups_thousands_and_names_the_gap_in_plain_dutch():
    plan = _plan(70547, 68123.4, 1234.5)
    nl = plan.summary().splitlines()[-1]
    gap = 100 * (70547 - 68123.4) / 70547
    dutch_gap = f"{gap:.1f}".replace(".", ",")
    assert nl.startswith(f"Doelfunctie 70.547 (ondergrens 68.123, verschil met ondergrens {dutch_gap}%)"), nl
    assert " gat " not in nl and "in 1.234,5 s." in nl
    en = plan.summary("en").splitlines()[-1]
    assert en.startswith(f"Objective 70,547 (bound 68,123, gap {gap:.1f}%)"), en
    assert "in 1,234.5 s." in en


def test_small_numbers_keep_their_plain_form():
    plan = _plan(715, 700.0, 0.4)
    assert "Doelfunctie 715 (ondergrens 700, verschil met ondergrens 2,1%)" in plan.summary()
    assert "Objective 715 (bound 700, gap 2.1%)" in plan.summary("en")
